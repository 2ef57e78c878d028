package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	goslack "github.com/slack-go/slack"
)

// Replies through a response_url are written here rather than by
// slack-go: v0.35.0 builds them from its Msg type, whose Metadata field is
// a struct and so is always sent, as {"event_type":"","event_payload":null}.
// Slack documents message metadata as an event_type and an event_payload
// object (docs.slack.dev/messaging/message-metadata; @slack/types
// MessageMetadata), so that is a malformed payload. The body below has
// only the fields the adapter uses, and goes out through the Web API's
// HTTP client and retry handlers.

// responseMessage is a post to a response_url
// (docs.slack.dev/interactivity/handling-user-interaction, "message
// responses").
type responseMessage struct {
	Text         string          `json:"text,omitempty"`
	Blocks       []goslack.Block `json:"blocks,omitempty"`
	ResponseType string          `json:"response_type,omitempty"`
	// Sent even when false, as slack-go sent them: a reply to a click is
	// a new message, and the clicked message stays as it is.
	ReplaceOriginal bool `json:"replace_original"`
	DeleteOriginal  bool `json:"delete_original"`
}

// ephemeralResponse is a reply only the person who typed the command or
// clicked sees.
func ephemeralResponse(text string, blocks []goslack.Block) responseMessage {
	return responseMessage{Text: text, Blocks: blocks, ResponseType: goslack.ResponseTypeEphemeral}
}

// respond posts m to to, a response_url Slack gave with a slash command
// or a click. Slack answers 200 with "ok" (or {"ok":true}); any other
// status, or {"ok":false}, is an error.
func (a *Server) respond(ctx context.Context, to string, m responseMessage) error {
	body, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("response_url: encode: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, to, bytes.NewReader(body))
	if err != nil {
		// The error would quote the URL, which lets anyone post as the bot
		// for half an hour: leave it out.
		return errors.New("response_url: not a usable URL")
	}
	// JSON names the call "response_url" for the retry handlers (apiMethod).
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := doRetried(a.hc, a.retry, req)
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // without the URL it quotes
	}
	if err != nil {
		return fmt.Errorf("response_url: %w", err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	code := responseCode(answer)
	if resp.StatusCode/100 != 2 {
		return &responseError{status: resp.StatusCode, code: code}
	}
	var r struct {
		OK *bool `json:"ok"`
	}
	if json.Unmarshal(answer, &r) == nil && r.OK != nil && !*r.OK {
		return &responseError{status: resp.StatusCode, code: code}
	}
	return nil
}

// responseError is a response_url's refusal: its HTTP status and Slack's
// error code, such as 400 invalid_payload or 404 expired_url.
type responseError struct {
	status int
	code   string
}

func (e *responseError) Error() string {
	s := "response_url answered " + strconv.Itoa(e.status)
	if e.code != "" {
		s += " " + e.code
	}
	return s
}

// responseCode is the error code in a response_url's answer: the "error"
// of a JSON body, or a plain-text body that is a code ("invalid_payload",
// as Slack's webhooks answer); "" for anything else, such as an HTML page.
func responseCode(body []byte) string {
	var j struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &j) == nil {
		return j.Error
	}
	s := string(bytes.TrimSpace(body))
	if s == "" || len(s) > 64 {
		return ""
	}
	for _, c := range s {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return ""
		}
	}
	return s
}
