package slack_test

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary"
)

// webAPI maps the slack-go functions the adapter calls to the Web API
// methods they call. A function missing here fails the test below, so a
// new kind of call cannot slip past the scope check.
var webAPI = map[string][]string{
	"AuthTest":                            {"auth.test"},
	"PostMessage":                         {"chat.postMessage"}, // or a response_url, which needs no scope
	"PostEphemeral":                       {"chat.postEphemeral"},
	"UpdateMessage":                       {"chat.update"},
	"DeleteMessage":                       {"chat.delete"},
	"StartStream":                         {"chat.startStream"},
	"AppendStream":                        {"chat.appendStream"},
	"StopStream":                          {"chat.stopStream"},
	"GetPermalink":                        {"chat.getPermalink"},
	"OpenConversation":                    {"conversations.open"},
	"GetUserInfo":                         {"users.info"},
	"OpenView":                            {"views.open"},
	"PublishView":                         {"views.publish"},
	"SetAssistantThreadsStatus":           {"assistant.threads.setStatus"},
	"SetAssistantThreadsSuggestedPrompts": {"assistant.threads.setSuggestedPrompts"},
	"SetAssistantThreadsTitle":            {"assistant.threads.setTitle"},
	"UploadFile":                          {"files.getUploadURLExternal", "files.completeUploadExternal"},
}

// apiCall is a slack-go Web API call in the adapter's source.
var apiCall = regexp.MustCompile(`\.api\.([A-Z]\w*?)(?:Context)?\(`)

// calledInSource lists the Web API methods the adapter's code calls.
func calledInSource(t *testing.T) []string {
	t.Helper()
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		src, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range apiCall.FindAllStringSubmatch(string(src), -1) {
			methods, ok := webAPI[m[1]]
			if !ok {
				t.Errorf("%s calls slack-go's %s, which the scope test does not know: add it to webAPI", f.Name(), m[1])
			}
			out = append(out, methods...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestManifestScopesAreWhatTheCodeUses runs every feature against a fake
// that grants only slack-app-manifest.yaml's scopes, and checks the
// manifest grants exactly what the calls made, its event subscriptions
// and its slash commands need: nothing missing (the fake would have
// answered missing_scope), nothing unused. Every Web API method in the
// adapter's source must have been called here.
func TestManifestScopesAreWhatTheCodeUses(t *testing.T) {
	path, err := slacktest.FindManifest()
	if err != nil {
		t.Fatal(err)
	}
	manifest, err := slacktest.ReadManifest(path)
	if err != nil {
		t.Fatal(err)
	}
	h := newModelHarness(t, slacktest.Config{Manifest: &manifest}, replacedModel(20))
	f := h.fake
	f.Invite("C1", "C0LEAD")

	// A DM conversation to its explanation, streamed, then replaced
	// (chat.delete).
	h.dmTurns("U1")
	// The assistant pane.
	started := f.AssistantThreadStarted("U2", "C1")
	h.send(started)
	h.send(f.DMReply("U2", started.ThreadTS, description))
	h.wait("an answer in the pane", func() bool { return has(h.botMessages(f.DMChannel("U2"), started.ThreadTS), "Question 1") })
	// A channel thread, and someone else in it (an ephemeral note).
	mention := f.Mention("C1", "UA", description)
	h.send(mention)
	h.wait("a question in the thread", func() bool { return has(h.botMessages("C1", mention.TS), "Question 1") })
	h.send(f.MentionInThread("C1", "UB", mention.TS, "skip"))
	h.wait("the note to B", func() bool { return len(f.Ephemerals("C1")) > 0 })
	// Commands: a quick ROI, and a new assessment where the bot is not
	// (so in the person's DM).
	h.send(f.SlashCommand("/roi", "U5", "C2", "20k a month, 6 min each, $45/h"))
	h.wait("the ROI", func() bool { return len(f.Ephemerals("C2")) > 0 })
	h.send(f.SlashCommand("/advisor", "U6", "C9", "new Draft replies to customer emails, 300 a week."))
	h.wait("the new assessment in the DM", func() bool { return has(h.botMessages(f.DMChannel("U6"), ""), "You asked") })
	// The Home tab and its form.
	m := h.openIntake("U7")
	h.send(f.SubmitView("", m.ID, slacktest.Values{"description": {"description": slacktest.TextInput(description)}}))
	h.wait("the form's assessment", func() bool { return len(h.botMessages(f.DMChannel("U7"), "")) > 0 })
	// Streaming refused: the explanation grows by edits.
	f.RefuseStreaming("")
	h.dmTurns("U8")
	// A follow-up's owner: their zone and their DM.
	ref := store.AssessmentRef{ID: "r1", User: "U9", Conv: h.keyOf("C1", mention.TS)}
	if _, err := h.ad.Courier().Location(context.Background(), ref); err != nil {
		t.Fatal(err)
	}
	if _, _, err := h.ad.Courier().Direct(context.Background(), ref); err != nil {
		t.Fatal(err)
	}
	// The weekly summary, its chart and its links.
	link := slack.ThreadLink(h.keyOf("C1", mention.TS))
	md := "# advisorbot weekly summary, 2026-W48\n\n## Top use cases\n\n1. [Answer staff questions](" + link + "): Retrieval\n"
	r := summary.ReportOf("2026-W48", md)
	r.Chart = []byte("\x89PNG\r\n\x1a\nfake")
	if err := slack.NewPoster(nil, h.cfg).PostSummary(context.Background(), "C0LEAD", r); err != nil {
		t.Fatal(err)
	}

	called := map[string]bool{}
	needed := map[string]bool{}
	for _, c := range f.Calls() {
		if c.Error == "missing_scope" {
			t.Errorf("%s answered missing_scope: the manifest lacks a scope the code needs", c.Method)
		}
		scope, ok := slacktest.MethodScope(c.Method, c.Param("channel")+c.Param("channel_id"))
		if !ok {
			continue // the upload URL, a response_url
		}
		called[c.Method] = true
		if scope != "" {
			needed[scope] = true
		}
	}
	for _, m := range calledInSource(t) {
		if !called[m] {
			t.Errorf("the code calls %s, which no feature here did; exercise it", m)
		}
	}
	for _, e := range manifest.Events {
		s, ok := slacktest.EventScope(e)
		if !ok {
			t.Errorf("the manifest subscribes to %s, which the fake does not know", e)
		}
		if s != "" {
			needed[s] = true
		}
	}
	if len(manifest.Commands) > 0 {
		needed[slacktest.CommandsScope] = true
	}
	for s := range needed {
		if !slices.Contains(manifest.Scopes, s) {
			t.Errorf("the code needs %s, which the manifest does not grant", s)
		}
	}
	for _, s := range manifest.Scopes {
		if !needed[s] {
			t.Errorf("the manifest grants %s, which nothing the code calls or subscribes to needs", s)
		}
	}
	t.Logf("methods called: %d; scopes needed: %d", len(called), len(needed))
}

// keyOf is the conversation key of a channel thread in the harness's
// workspace.
func (h *harness) keyOf(channel, thread string) store.ConvKey {
	return store.ConvKey{Platform: "slack", Team: h.fake.Config().TeamID, Channel: channel, Thread: thread}
}
