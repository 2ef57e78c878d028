package slack_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/llm/llmtest"
	"github.com/advisorbot/advisorbot/bot/llm/openai"
	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
)

// hostileExplanation is what a prompt-injected description might make a
// model write: mentions, a phishing link in both Slack's and Markdown's
// syntax, a terminal escape and a right-to-left override.
const hostileExplanation = "I recommend retrieval. <!channel> <!here> <@U0BOSS> see <https://evil.example/login|Approve budget> " +
	"or [Approve budget](https://evil.example/login) ![x](https://evil.example/p.png) <at>Everyone</at> \x1b[2J invoice\u202Etxt.exe [kb:rag-fresh-knowledge]"

// TestHostileConversation drives a whole conversation through the fake
// Slack with a hostile description, a hostile what-if and a model that
// writes hostile text, streaming natively and, with streaming refused,
// by edits; then it walks every payload the bot sent (texts, blocks,
// markdown_text) and finds no markup from any of them.
func TestHostileConversation(t *testing.T) {
	for _, refuse := range []bool{false, true} {
		name := map[bool]string{false: "stream", true: "edits"}[refuse]
		t.Run(name, func(t *testing.T) {
			srv := llmtest.New(t, llmtest.WithHandler(func(llmtest.Request) llmtest.Response { return llmtest.Reply(hostileExplanation) }))
			model, err := openai.New(quiet(), openai.Config{APIKey: "sk-test", BaseURL: srv.URL(), MaxRetries: -1})
			if err != nil {
				t.Fatal(err)
			}
			h := &harness{t: t, fake: slacktest.Start(t, slacktest.Config{}), store: store.NewMem(), model: model}
			h.cfg = slack.Config{AppToken: h.fake.AppToken(), BotToken: h.fake.BotToken(), APIURL: h.fake.APIURL()}
			if refuse {
				h.fake.RefuseStreaming("")
			}
			h.start()
			dm := h.fake.DMChannel("U7")
			h.send(h.fake.DM("U7", "Answer <!channel> questions from [our handbook](https://evil.example) \x1b[2J\u202Eevil, about 500 a month, 10 minutes each."))
			h.converse(dm, "", func(text string) *slacktest.Envelope { return h.fake.DM("U7", text) })
			for _, said := range []string{"what if <!channel> is 5", "what if the <@U0BOSS> were <https://evil.example|yes>?", "why?", "<!here> [x](https://evil.example)"} {
				n := len(h.botMessages(dm, ""))
				h.send(h.fake.DM("U7", said))
				h.wait("an answer to "+said, func() bool { return len(h.botMessages(dm, "")) > n })
			}
			checked := 0
			for _, c := range h.fake.Calls() {
				if !strings.HasPrefix(c.Method, "chat.") {
					continue
				}
				payload := map[string]any{}
				for _, k := range []string{"text", "markdown_text"} {
					if v := c.Param(k); v != "" {
						payload[k] = v
					}
				}
				if b := c.Param("blocks"); b != "" {
					payload["blocks"] = json.RawMessage(b)
				}
				raw, err := json.Marshal(payload)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range slack.PayloadProblems(raw) {
					t.Errorf("%s: %s", c.Method, p)
				}
				checked++
			}
			if len(h.fake.CallsTo("chat.appendStream")) == 0 && !refuse {
				t.Error("the explanation was not streamed")
			}
			if len(h.fake.CallsTo("chat.update")) == 0 && refuse {
				t.Error("the explanation was not edited in")
			}
			if len(srv.Requests()) == 0 {
				t.Error("the model was never asked")
			}
			t.Logf("%d payloads checked", checked)
		})
	}
}
