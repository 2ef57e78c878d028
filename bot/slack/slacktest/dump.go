package slacktest

import (
	"encoding/json"

	"github.com/advisorbot/advisorbot/internal/payloaddump"
)

// PayloadDirEnv names the directory where, when set, the fake writes every
// request that carries a payload, one JSON file each. .ci/platformcheck
// runs the test suites with it set and checks the files against Slack's
// published TypeScript types and limits, a check independent of this
// fake's own.
const PayloadDirEnv = payloaddump.DirEnv

// dumpedCall is one file's content. Form-encoded parameters stay strings,
// as Slack receives them; the checker decodes them the way Slack does.
type dumpedCall struct {
	Method   string          `json:"method"`
	Encoding string          `json:"encoding"` // "json" or "form"
	Payload  json.RawMessage `json:"payload"`
	// Status and Error are the fake's own answer, so a problem the checker
	// finds can be told apart from one the fake already refuses.
	Status int    `json:"status"`
	Error  string `json:"error,omitempty"`
	// Binary is the test binary, which names the package whose test sent it.
	Binary string `json:"binary"`
}

// dumpCall writes c to the payload directory when PayloadDirEnv is set.
// It leaves out the file upload itself: its body is the file's bytes.
// Calls without a payload worth checking (auth.test, users.info, ...) are
// kept: the checker derives the scopes the bot needs from them.
func dumpCall(c Call) {
	if payloaddump.Dir() == "" || c.Method == "upload" {
		return
	}
	d := dumpedCall{Method: c.Method, Encoding: "json", Payload: c.JSON, Status: c.Status, Error: c.Error, Binary: payloaddump.Binary()}
	if len(c.JSON) == 0 {
		form := make(map[string]any, len(c.Params))
		for k, vs := range c.Params {
			if len(vs) == 1 {
				form[k] = vs[0]
			} else {
				form[k] = vs
			}
		}
		b, err := json.Marshal(form)
		if err != nil {
			return // url.Values of strings always encode
		}
		d.Encoding, d.Payload = "form", b
	}
	payloaddump.Write("slack", d)
}
