package teamstest

import (
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Secret is the client secret the fake token endpoint accepts; Tenant is
// the tenant in its path.
const (
	Secret = "s3cret"
	Tenant = "tenant"
	scope  = "https://api.botframework.com/.default"
)

// BotFramework is an Entra ID token endpoint and a Bot Connector that
// records the activities it receives.
type BotFramework struct {
	srv *httptest.Server

	tb testing.TB

	mu         sync.Mutex
	tokenCalls int
	activities []Recorded
	sent       map[string]string // activity id -> its conversation, for updates
	streams    map[string]*stream
	openStream map[string]string // conversation -> its open stream's id
	stopAll    bool              // StopEveryStream
	ids        int               // activity ids given
	checked    int               // payloads that went through the checks
	problems   []string
	pending    []pendingCard // cards awaiting their schema check
	fail       []int
	certs      []*x509.Certificate
	silent     bool
	held       int
	heldMax    int
	changed    chan struct{} // closed and replaced when held changes
	speak      chan struct{} // closed by Speak: held calls are answered
	gone       chan struct{} // closed when the test ends
}

// Recorded is one connector call the connector took: its method, escaped
// path, Authorization header, activity, when it arrived, and the id of the
// activity it made or changed (a card's id is what a click on it carries
// as replyToId).
type Recorded struct {
	Method, Path, Auth string
	Activity           map[string]any
	At                 time.Time
	ID                 string
}

// NewBotFramework starts the fake, stopped when the test ends.
func NewBotFramework(t testing.TB) *BotFramework {
	f := &BotFramework{tb: t, sent: map[string]string{}, streams: map[string]*stream{}, openStream: map[string]string{}}
	// Registered first, so it runs last: after the server closed, every
	// payload is in.
	t.Cleanup(f.report)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /"+Tenant+"/oauth2/v2.0/token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		secretOK := r.Form.Get("client_secret") == Secret
		certOK := r.Form.Get("client_assertion_type") == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" &&
			f.assertionValid(r.Form.Get("client_assertion"), r.Form.Get("client_id"))
		if !(secretOK || certOK) || r.Form.Get("grant_type") != "client_credentials" || r.Form.Get("scope") != scope {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}`)
			return
		}
		f.mu.Lock()
		f.tokenCalls++
		f.mu.Unlock()
		io.WriteString(w, `{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"bot-token"}`)
	})
	activities := func(w http.ResponseWriter, r *http.Request) {
		if f.hold(r) {
			return
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if len(f.fail) > 0 {
			st := f.fail[0]
			f.fail = f.fail[1:]
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(st)
			io.WriteString(w, `{"error":{"code":"Throttled","message":"slow down"}}`)
			return
		}
		if r.Header.Get("Authorization") != "Bearer bot-token" {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"message":"Authorization has been denied for this request."}`)
			return
		}
		var a map[string]any
		if err := json.NewDecoder(r.Body).Decode(&a); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":{"code":"BadSyntax","message":"invalid JSON"}}`)
			return
		}
		rec := Recorded{Method: r.Method, Path: r.URL.EscapedPath(), Auth: r.Header.Get("Authorization"), Activity: a, At: time.Now()}
		dumpActivity(r, a)
		status, id, ref := f.take(r.Method, r.PathValue("conv"), r.PathValue("id"), a)
		w.Header().Set("Content-Type", "application/json")
		if ref != nil {
			w.WriteHeader(ref.status)
			json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": ref.code, "message": ref.msg}})
			return
		}
		rec.ID = id
		f.record(rec)
		w.WriteHeader(status)
		if status == http.StatusAccepted {
			io.WriteString(w, `{}`)
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"id": id})
	}
	mux.HandleFunc("POST /v3/conversations/{conv}/activities", activities)
	mux.HandleFunc("PUT /v3/conversations/{conv}/activities/{id}", activities)
	mux.HandleFunc("POST /v3/conversations", f.createConversation)
	f.srv = httptest.NewServer(mux)
	f.changed, f.speak, f.gone = make(chan struct{}), make(chan struct{}), make(chan struct{})
	t.Cleanup(f.srv.Close)
	t.Cleanup(func() { close(f.gone) }) // first: a held call must end before Close can
	return f
}

// ServiceURL is the connector's address, as activities carry it.
func (f *BotFramework) ServiceURL() string { return f.srv.URL + "/" }

// TokenURL is the token endpoint of Tenant.
func (f *BotFramework) TokenURL() string { return f.srv.URL + "/" + Tenant + "/oauth2/v2.0/token" }

// AuthorityURL is what stands before /{tenant}/oauth2/v2.0/token.
func (f *BotFramework) AuthorityURL() string { return f.srv.URL }

// TokenCalls counts the tokens issued.
func (f *BotFramework) TokenCalls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.tokenCalls
}

// Fail makes the next connector calls answer these statuses, in order,
// with Retry-After: 0.
func (f *BotFramework) Fail(statuses ...int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail = statuses
}

// Activities returns the activities received so far.
func (f *BotFramework) Activities() []Recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Recorded(nil), f.activities...)
}
