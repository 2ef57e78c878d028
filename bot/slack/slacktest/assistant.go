package slacktest

import (
	"encoding/json"
	"slices"
	"strings"
)

// The assistant.threads methods set what Slack shows in the assistant
// pane: suggested prompts, a status line while the bot works, a title.

// Prompt is one suggested prompt of an assistant thread.
type Prompt struct {
	Title   string `json:"title"`
	Message string `json:"message"`
}

// AssistantThread is what the bot set on one assistant thread.
type AssistantThread struct {
	Channel         string
	ThreadTS        string
	Status          string   // current; Slack clears it when the bot replies
	Statuses        []string // every status set, in order, "" for clears
	LoadingMessages []string
	Title           string
	PromptsTitle    string
	Prompts         []Prompt
}

// Assistant returns what the bot set on an assistant thread.
func (f *Fake) Assistant(channel, threadTS string) (AssistantThread, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.assistant[[2]string{channel, threadTS}]
	if a == nil {
		return AssistantThread{}, false
	}
	c := *a
	c.Statuses = slices.Clone(a.Statuses)
	c.Prompts = slices.Clone(a.Prompts)
	return c, true
}

func (f *Fake) assistantThread(r *apiRequest) (*AssistantThread, string) {
	ch, code := f.resolveChannel(r.get("channel_id"))
	if code != "" {
		return nil, code
	}
	ts := r.get("thread_ts")
	if ts == "" {
		return nil, "invalid_arguments"
	}
	key := [2]string{ch, ts}
	a := f.assistant[key]
	if a == nil {
		a = &AssistantThread{Channel: ch, ThreadTS: ts}
		f.assistant[key] = a
	}
	return a, ""
}

func (f *Fake) assistantSetStatus(r *apiRequest) (obj, string) {
	a, code := f.assistantThread(r)
	if code != "" {
		return nil, code
	}
	a.Status = r.get("status")
	a.Statuses = append(a.Statuses, a.Status)
	a.LoadingMessages = nil
	if lm := r.get("loading_messages"); lm != "" {
		// slack-go sends the list comma-joined rather than as JSON.
		var list []string
		if json.Unmarshal([]byte(lm), &list) != nil {
			list = strings.Split(lm, ",")
		}
		a.LoadingMessages = list
	}
	return nil, ""
}

func (f *Fake) assistantSetPrompts(r *apiRequest) (obj, string) {
	a, code := f.assistantThread(r)
	if code != "" {
		return nil, code
	}
	var prompts []Prompt
	if json.Unmarshal(r.raw("prompts"), &prompts) != nil || len(prompts) == 0 {
		return nil, "invalid_arguments"
	}
	a.PromptsTitle, a.Prompts = r.get("title"), prompts
	return nil, ""
}

func (f *Fake) assistantSetTitle(r *apiRequest) (obj, string) {
	a, code := f.assistantThread(r)
	if code != "" {
		return nil, code
	}
	a.Title = r.get("title")
	return nil, ""
}
