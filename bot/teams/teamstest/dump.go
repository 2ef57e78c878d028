package teamstest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"

	"github.com/advisorbot/advisorbot/internal/payloaddump"
)

// PayloadDirEnv names the directory where, when set, the fake writes every
// activity the bot sends to the connector and every body the bot answers a
// delivered activity with, one JSON file each. .ci/platformcheck runs the
// test suites with it set and checks the files with Microsoft's Adaptive
// Cards library and schema and Teams' host config, a check independent of
// this fake's own.
const PayloadDirEnv = payloaddump.DirEnv

// dumped is one file's content.
type dumped struct {
	// Kind is "post" (a new activity), "update" (an edit) or "response"
	// (the bot's answer to a delivered activity, such as an invoke
	// response).
	Kind string `json:"kind"`
	// Host is the fake connector's address, which tells apart the fakes
	// of parallel tests that use the same conversation ids.
	Host     string          `json:"host,omitempty"`
	Path     string          `json:"path,omitempty"`
	Activity json.RawMessage `json:"activity"`
	// Binary is the test binary, which names the package whose test sent it.
	Binary string `json:"binary"`
}

// dumpActivity writes what the connector received when PayloadDirEnv is
// set. Dumping never fails a test: a write error is logged once.
func dumpActivity(r *http.Request, activity any) {
	if payloaddump.Dir() == "" {
		return
	}
	kind := "post"
	if r.Method == http.MethodPut {
		kind = "update"
	}
	b, err := json.Marshal(activity)
	if err != nil {
		return // a decoded activity always encodes
	}
	writeDump(dumped{Kind: kind, Host: r.Host, Path: r.URL.EscapedPath(), Activity: b})
}

// dumpResponse writes the JSON body the bot answered a delivered activity
// with, if any, and leaves resp.Body readable for the caller.
func dumpResponse(resp *http.Response) {
	if payloaddump.Dir() == "" {
		return
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil || len(bytes.TrimSpace(body)) == 0 || !json.Valid(body) {
		return
	}
	writeDump(dumped{Kind: "response", Activity: body})
}

func writeDump(d dumped) {
	d.Binary = payloaddump.Binary()
	payloaddump.Write("teams", d)
}
