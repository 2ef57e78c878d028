package teams

import (
	"context"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

func TestReplierThroughConnector(t *testing.T) {
	f := teamstest.NewBotFramework(t)
	clock := time.Now()
	to := Activity{ID: "in-1", ServiceURL: f.ServiceURL(), From: &Account{ID: "29:user"}, Recipient: &Account{ID: "28:bot"},
		Conversation: &Conversation{ID: "19:chan@thread.tacv2", ConversationType: "channel"}}
	r := &Replier{Conn: &Connector{Tokens: tokens(f, teamstest.Secret)}, To: to, Now: func() time.Time { return clock }}
	ctx := context.Background()

	q := bot.Outbound{Kind: bot.KindQuestion, Question: &bot.Question{Text: "How costly is a mistake?", Options: advisor.OptionsOf(advisor.FieldAccuracy), Number: 1, AtMost: 3}}
	if err := r.Send(ctx, q); err != nil {
		t.Fatal(err)
	}
	s, err := r.Stream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"I recommend ", "retrieval ", "because "} {
		if err := s.Write(ctx, d); err != nil { // within a second: no edits
			t.Fatal(err)
		}
	}
	clock = clock.Add(1100 * time.Millisecond)
	if err := s.Write(ctx, "your facts change."); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(ctx, "", false); err != nil {
		t.Fatal(err)
	}

	acts := f.Activities()
	if len(acts) != 4 {
		t.Fatalf("%d calls, want send card, start, one throttled edit, final edit: %+v", len(acts), acts)
	}
	card := acts[0].Activity
	if card["replyToId"] != "in-1" || card["from"].(map[string]any)["id"] != "28:bot" || card["recipient"].(map[string]any)["id"] != "29:user" {
		t.Errorf("card not addressed as a threaded reply: %v", card)
	}
	if atts, _ := card["attachments"].([]any); len(atts) != 1 || atts[0].(map[string]any)["contentType"] != cardContentType {
		t.Errorf("question not sent as an Adaptive Card: %v", card)
	}
	if acts[2].Method != "PUT" || acts[2].Activity["text"] != "I recommend retrieval because your facts change." {
		t.Errorf("throttled edit: %s %v", acts[2].Method, acts[2].Activity["text"])
	}
	if acts[3].Method != "PUT" || acts[3].Activity["text"] != "I recommend retrieval because your facts change." {
		t.Errorf("final edit: %v", acts[3].Activity["text"])
	}

	// A replaced explanation shows only the final text.
	s, _ = r.Stream(ctx)
	s.Write(ctx, "Fine-tuning is best.")
	if err := s.Close(ctx, "Rule-written explanation.", true); err != nil {
		t.Fatal(err)
	}
	all := f.Activities()
	if last := all[len(all)-1]; last.Activity["text"] != "Rule-written explanation." {
		t.Errorf("replaced explanation: %v", last.Activity["text"])
	}
}
