package teams

import (
	"encoding/json"
	"errors"
	"github.com/advisorbot/advisorbot/bot/summary"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/store"
)

const summaryMD = "# advisorbot weekly summary, 2026-W47\n\n**3 assessments** (up 1).\n\n## Recommended approaches\n\n- RAG: 2\n- Prompt engineering: 1\n"

func report(md string, png []byte) summary.Report {
	r := summary.ReportOf("2026-W47", md)
	r.Chart = png
	return r
}

func TestSummaryActivity(t *testing.T) {
	small := SummaryActivity(report(summaryMD, []byte("\x89PNG small")))
	b, _ := json.Marshal(small)
	for _, want := range []string{`"advisorbot weekly summary, 2026-W47"`, `"Recommended approaches"`, `data:image/png;base64,`, `- RAG: 2`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("summary lacks %s: %s", want, b)
		}
	}
	if strings.Contains(string(b), "## ") {
		t.Errorf("a Markdown heading reached the card, where Teams shows it raw: %s", b)
	}
	big := SummaryActivity(report(summaryMD, make([]byte, 40<<10)))
	b, _ = json.Marshal(big)
	if strings.Contains(string(b), "data:image") || !strings.Contains(string(b), "advisorbot summary --week 2026-W47 --out DIR") {
		t.Errorf("an oversized chart: %.300s", b)
	}
	if len(b) > maxMessageBytes {
		t.Errorf("message of %d bytes", len(b))
	}
}

func TestFindPlace(t *testing.T) {
	places := []store.Place{
		{Platform: "teams", ID: "19:lead@thread.tacv2", Team: "19:lead@thread.tacv2", TeamName: "Leadership", Name: "General"},
		{Platform: "teams", ID: "19:reports@thread.tacv2", Team: "19:lead@thread.tacv2", TeamName: "Leadership", Name: "Reports"},
		{Platform: "teams", ID: "19:dup1@thread.tacv2", Team: "19:dup1@thread.tacv2", TeamName: "Sales", Name: "General"},
		{Platform: "teams", ID: "19:dup2@thread.tacv2", Team: "19:dup2@thread.tacv2", TeamName: "sales", Name: "General"},
	}
	for _, c := range []struct{ want, id string }{
		{"19:reports@thread.tacv2", "19:reports@thread.tacv2"},
		{"leadership", "19:lead@thread.tacv2"},
		{"Leadership / reports", "19:reports@thread.tacv2"},
		{"Sales", ""},   // two teams of that name
		{"Finance", ""}, // unknown
	} {
		p, err := FindPlace(places, c.want)
		if c.id == "" {
			if !errors.Is(err, ErrNoPlace) || !strings.Contains(err.Error(), "TEAMS_SUMMARY_CHANNEL") {
				t.Errorf("%q: %v, want ErrNoPlace saying what to set", c.want, err)
			}
			continue
		}
		if err != nil || p.ID != c.id {
			t.Errorf("%q: got %s, %v; want %s", c.want, p.ID, err, c.id)
		}
	}
}

// TestProactiveSummary: after the app is added to a team, the summary is
// posted into that team's channel with no message from anyone.
func TestProactiveSummary(t *testing.T) {
	h := newTeamsHarness(t)
	const team = "19:team@thread.tacv2"
	added := teamEvent("installationUpdate", "", team, team)
	added.Action = "add"
	h.post(added)
	p := &Poster{Conn: &Connector{Tokens: tokens(h.bf, "s3cret")}, Channel: "Leadership"}
	if err := p.PostSummary(t.Context(), h.store, report(summaryMD, []byte("\x89PNG"))); err != nil {
		t.Fatal(err)
	}
	acts := h.bf.Activities()
	if len(acts) != 1 || acts[0].Path != "/v3/conversations/19:team@thread.tacv2/activities" || acts[0].Activity["replyToId"] != nil {
		t.Fatalf("posted %+v", acts)
	}
	if !strings.Contains(lastText(t, acts), "2026-W47") {
		t.Errorf("posted %s", lastText(t, acts))
	}
	p.Channel = "Nowhere"
	if err := p.PostSummary(t.Context(), h.store, report(summaryMD, nil)); !errors.Is(err, ErrNoPlace) || !strings.Contains(err.Error(), "Leadership/General") {
		t.Errorf("unknown channel: %v", err)
	}
}
