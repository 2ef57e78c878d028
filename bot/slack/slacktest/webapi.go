package slacktest

import (
	"encoding/json"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// obj is a JSON object in a Web API answer.
type obj = map[string]any

// apiRequest is a parsed Web API call.
type apiRequest struct {
	method string
	params url.Values
	json   json.RawMessage            // the body, when sent as JSON
	fields map[string]json.RawMessage // its top-level fields
	token  string
	// details are the problems behind a refusal, which Slack lists in
	// response_metadata.messages.
	details []string
}

func (r *apiRequest) get(name string) string { return r.params.Get(name) }

// raw returns a parameter holding JSON (blocks, view, prompts, ...): the
// field itself from a JSON body, or the form value, which slack-go fills
// with JSON text. nil when absent.
func (r *apiRequest) raw(name string) json.RawMessage {
	if v, ok := r.fields[name]; ok && string(v) != "null" {
		return v
	}
	if s := r.params.Get(name); s != "" {
		return json.RawMessage(s)
	}
	return nil
}

// handler serves one method with f.mu held. It answers either the fields
// of a successful response or a Slack error code.
type handler func(f *Fake, r *apiRequest) (obj, string)

// methods lists the Web API the fake serves. Everything else answers
// unknown_method, as Slack does.
var methods = map[string]handler{
	"auth.test":                             (*Fake).authTest,
	"apps.connections.open":                 (*Fake).appsConnectionsOpen,
	"chat.postMessage":                      (*Fake).chatPostMessage,
	"chat.postEphemeral":                    (*Fake).chatPostEphemeral,
	"chat.update":                           (*Fake).chatUpdate,
	"chat.delete":                           (*Fake).chatDelete,
	"chat.startStream":                      (*Fake).chatStartStream,
	"chat.appendStream":                     (*Fake).chatAppendStream,
	"chat.stopStream":                       (*Fake).chatStopStream,
	"chat.getPermalink":                     (*Fake).chatGetPermalink,
	"assistant.threads.setStatus":           (*Fake).assistantSetStatus,
	"assistant.threads.setSuggestedPrompts": (*Fake).assistantSetPrompts,
	"assistant.threads.setTitle":            (*Fake).assistantSetTitle,
	"views.publish":                         (*Fake).viewsPublish,
	"views.open":                            (*Fake).viewsOpen,
	// A pushed modal is stored like an opened one; the stack is not modelled.
	"views.push":                   (*Fake).viewsOpen,
	"views.update":                 (*Fake).viewsUpdate,
	"users.info":                   (*Fake).usersInfo,
	"conversations.info":           (*Fake).conversationsInfo,
	"conversations.replies":        (*Fake).conversationsReplies,
	"conversations.history":        (*Fake).conversationsHistory,
	"conversations.open":           (*Fake).conversationsOpen,
	"files.getUploadURLExternal":   (*Fake).filesGetUploadURL,
	"files.completeUploadExternal": (*Fake).filesCompleteUpload,
}

// failure is a scripted answer for the next call to a method.
type failure struct {
	status int
	header http.Header
	body   string
	drop   bool // no answer: the connection is closed after the request is read
}

// FailNext makes the next call to method (a Web API method, "upload" or
// "response_url") answer with this status, headers and body instead of
// being served. Calls queue up: three FailNext fail the next three calls.
func (f *Fake) FailNext(method string, status int, header http.Header, body string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[method] = append(f.failures[method], failure{status: status, header: header.Clone(), body: body})
}

// RateLimitNext makes the next call to method answer 429 with Retry-After
// in whole seconds (rounded up), which slack-go turns into a
// *slack.RateLimitedError.
func (f *Fake) RateLimitNext(method string, retryAfter time.Duration) {
	secs := int(math.Ceil(retryAfter.Seconds()))
	h := http.Header{"Retry-After": {strconv.Itoa(secs)}}
	f.FailNext(method, http.StatusTooManyRequests, h, `{"ok":false,"error":"ratelimited"}`)
}

// ServerErrorNext makes the next n calls to method (a Web API method or
// "response_url") answer HTTP status (500, 502, 503, ...) with the HTML
// page Slack's edge sends when a backend fails; slack-go reports it as a
// slack.StatusCodeError. A non-zero retryAfter adds a Retry-After header in
// whole seconds (rounded up).
func (f *Fake) ServerErrorNext(method string, n, status int, retryAfter time.Duration) {
	h := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	if retryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(int(math.Ceil(retryAfter.Seconds()))))
	}
	body := "<html><body><h1>" + strconv.Itoa(status) + " " + http.StatusText(status) + "</h1></body></html>"
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.failures[method] = append(f.failures[method], failure{status: status, header: h, body: body})
	}
}

// DropNext makes the next n calls to method (a Web API method or
// "response_url") go unanswered: the fake reads the request, records it,
// and closes the connection, as a crashing backend or a proxy does. The
// client sees a connection error (EOF or a reset), not a status.
func (f *Fake) DropNext(method string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.failures[method] = append(f.failures[method], failure{drop: true})
	}
}

// ErrorNext makes the next call to method answer HTTP 200 with
// {"ok":false,"error":code}, the way Slack reports most failures.
func (f *Fake) ErrorNext(method, code string) {
	f.FailNext(method, http.StatusOK, nil, `{"ok":false,"error":"`+code+`"}`)
}

// RefuseStreaming makes every chat.startStream fail with code ("not_allowed"
// when empty), so the bot's fallback to posting and
// editing a message can be tested. It lasts for the fake's life.
func (f *Fake) RefuseStreaming(code string) {
	if code == "" {
		code = "not_allowed"
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refusal = code
}

func (f *Fake) serveAPI(w http.ResponseWriter, hr *http.Request) {
	method := strings.TrimPrefix(hr.URL.Path, "/api/")
	r, err := parseAPIRequest(method, hr)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}

	f.mu.Lock()
	i := f.record(Call{Method: method, Params: r.params, JSON: r.json, Token: r.token})
	if fl, ok := f.takeFailure(method); ok {
		f.finish(i, fl.status, fl.code())
		f.mu.Unlock()
		writeRaw(w, fl)
		return
	}
	resp, code := f.serve(r)
	if code == "ratelimited" {
		fl := tooMany(resp["retry_after"].(time.Duration))
		f.finish(i, fl.status, code)
		f.mu.Unlock()
		writeRaw(w, fl)
		return
	}
	f.finish(i, http.StatusOK, code)
	f.mu.Unlock()

	if code != "" {
		// An error keeps only what Slack adds to one: the scope needed,
		// the problems found.
		extra := resp
		resp = obj{"error": code}
		for _, k := range []string{"needed", "provided"} {
			if v, ok := extra[k]; ok {
				resp[k] = v
			}
		}
		if len(r.details) > 0 {
			resp["response_metadata"] = obj{"messages": r.details}
		}
	}
	resp["ok"] = code == ""
	writeJSON(w, http.StatusOK, resp)
}

// serve checks the token and runs the method; f.mu must be held.
func (f *Fake) serve(r *apiRequest) (obj, string) {
	want := f.cfg.BotToken
	if r.method == "apps.connections.open" {
		// The app-level token opens sockets and does nothing else.
		want = f.cfg.AppToken
	}
	switch {
	case r.token == "":
		return nil, "not_authed"
	case r.token != want:
		// Slack says not_allowed_token_type when the other kind of valid
		// token is used; invalid_auth is what slack-go's socket loop treats
		// as fatal, and what a mistyped token gets, so the fake keeps to it.
		return nil, "invalid_auth"
	}
	h, ok := methods[r.method]
	if !ok {
		return nil, "unknown_method"
	}
	if need, missing := f.missingScope(r); missing {
		return need, "missing_scope"
	}
	if wait, limited := f.rateLimited(r); limited {
		return obj{"retry_after": wait}, "ratelimited"
	}
	resp, code := h(f, r)
	if resp == nil {
		resp = obj{}
	}
	return resp, code
}

// record appends a call and returns its index; f.mu must be held.
func (f *Fake) record(c Call) int {
	c.At = time.Now()
	if c.Params == nil {
		c.Params = url.Values{}
	}
	f.calls = append(f.calls, c)
	return len(f.calls) - 1
}

// finish notes how call i was answered; f.mu must be held.
func (f *Fake) finish(i, status int, code string) {
	f.calls[i].Status = status
	f.calls[i].Error = code
	dumpCall(f.calls[i])
	f.notify()
	result := code
	if result == "" {
		result = "ok"
	}
	f.logf("%s -> %d %s", f.calls[i].Method, status, result)
}

func (f *Fake) takeFailure(method string) (failure, bool) {
	q := f.failures[method]
	if len(q) == 0 {
		return failure{}, false
	}
	f.failures[method] = q[1:]
	return q[0], true
}

func parseAPIRequest(method string, hr *http.Request) (*apiRequest, error) {
	r := &apiRequest{method: method, params: url.Values{}}
	ct, _, _ := mime.ParseMediaType(hr.Header.Get("Content-Type"))
	if ct == "application/json" {
		body, err := io.ReadAll(hr.Body)
		if err != nil {
			return nil, err
		}
		for k, vs := range hr.URL.Query() {
			r.params[k] = vs
		}
		// slack-go posts apps.connections.open as JSON with no body at all.
		if len(strings.TrimSpace(string(body))) > 0 {
			r.json = body
			if err := json.Unmarshal(body, &r.fields); err != nil {
				return nil, err
			}
			for k, v := range r.fields {
				var s string
				if json.Unmarshal(v, &s) == nil {
					r.params.Set(k, s)
				} else {
					r.params.Set(k, string(v))
				}
			}
		}
	} else if err := hr.ParseForm(); err != nil {
		return nil, err
	} else {
		r.params = hr.Form
	}
	// Slack takes the token from the Authorization header or a token
	// parameter; slack-go sends the header for JSON calls and the
	// parameter for form calls.
	if auth, ok := strings.CutPrefix(hr.Header.Get("Authorization"), "Bearer "); ok {
		r.token = auth
	} else {
		r.token = r.params.Get("token")
	}
	r.params.Del("token")
	return r, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func writeRaw(w http.ResponseWriter, fl failure) {
	if fl.drop {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		// Not hijackable (HTTP/2): abort the response instead.
		panic(http.ErrAbortHandler)
	}
	for k, vs := range fl.header {
		w.Header()[k] = vs
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(fl.status)
	_, _ = io.WriteString(w, fl.body)
}

// code is how the call log names a scripted failure.
func (fl failure) code() string {
	if fl.drop {
		return "connection dropped"
	}
	return errorOf(fl.body)
}

// errorOf extracts the error code of a scripted body, for the call log.
func errorOf(body string) string {
	var v struct {
		Error string `json:"error"`
	}
	if json.Unmarshal([]byte(body), &v) == nil && v.Error != "" {
		return v.Error
	}
	return "scripted failure"
}
