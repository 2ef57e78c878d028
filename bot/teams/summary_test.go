package teams

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
	"github.com/advisorbot/advisorbot/bot/summary"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
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
	// Teams takes pictures of up to 1 MB; a larger chart is left out.
	huge := SummaryActivity(report(summaryMD, make([]byte, maxPictureBytes+1)))
	b, _ = json.Marshal(huge)
	if strings.Contains(string(b), "data:image") || !strings.Contains(string(b), "advisorbot summary --week 2026-W47 --out DIR") {
		t.Errorf("an oversized chart: %.300s", b)
	}
	// Text past Teams' cap gives way, last sections first, with a note.
	long := summaryMD + "\n## Top use cases\n\n" + strings.Repeat("- Invoice triage (Finance): RAG, net $1,200 a month\n", 1500)
	cut := SummaryActivity(report(long, []byte("\x89PNG")))
	b, _ = json.Marshal(cut)
	if n := messageSize(cut); n > maxMessageBytes || !strings.Contains(string(b), "Recommended approaches") || !strings.Contains(string(b), "is cut to fit") {
		t.Errorf("an overlong summary: %d bytes: %.300s", n, b)
	}
}

// TestMessageSize: the size counted against Teams' cap is UTF-16 bytes of
// the activity, base64 pictures not counted.
func TestMessageSize(t *testing.T) {
	a := Activity{Type: "message", Text: "abc"}
	base := messageSize(a)
	a.Text = "abcé€" // two more characters, each one UTF-16 unit
	if got := messageSize(a); got != base+4 {
		t.Errorf("two BMP characters added %d bytes, want 4", got-base)
	}
	a.Text = "abc😀" // one character, two UTF-16 units
	if got := messageSize(a); got != base+4 {
		t.Errorf("an emoji added %d bytes, want 4", got-base)
	}
	withPic := SummaryActivity(report(summaryMD, make([]byte, 300<<10)))
	without := SummaryActivity(report(summaryMD, []byte("x")))
	if d := messageSize(withPic) - messageSize(without); d < 0 || d > 8 {
		t.Errorf("a 300 KB picture counted %d bytes; pictures do not count", d)
	}
	if got, want := messageSize(withPic), teamstest.MessageSize(withPic); got != want {
		t.Errorf("messageSize %d, the fake connector counts %d", got, want)
	}
}

// TestEightWeekChartKept: a real summary of eight busy weeks, with its
// chart at the size drawn for Teams, keeps the chart inline and is taken
// by the connector. The cap used to count 36 KB of UTF-8 with the base64
// chart in it, so this chart was always dropped (issue 15).
func TestEightWeekChartKept(t *testing.T) {
	ctx := t.Context()
	st := store.NewMem()
	end, _ := summary.WeekStart("2026-W47")
	depts := []string{"Finance", "Support", "Sales", "HR", "Legal", "Operations", "Marketing", "IT"}
	n := 0
	for w := range 8 {
		for i := range 4 + 2*w {
			n++
			a := storetest.SampleAssessment(fmt.Sprintf("a%03d", n), fmt.Sprintf("u%d", i%7), depts[(w+i)%len(depts)],
				advisor.Approaches()[(w*3+i)%len(advisor.Approaches())], float64(400*(i+1)+150*w), end.AddDate(0, 0, -7*(7-w)+1))
			if err := st.SaveAssessment(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	p := &Poster{Channel: "Leadership"}
	plot := p.Plot()
	r, err := summary.NewReport(ctx, st, "2026-W47", &plot, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Chart) < 20<<10 {
		t.Fatalf("the chart is %d bytes; the test needs a busy one", len(r.Chart))
	}
	a := SummaryActivity(r)
	raw, _ := json.Marshal(a)
	t.Logf("chart %d bytes; message %d bytes as JSON, %d bytes as Teams counts it", len(r.Chart), len(raw), messageSize(a))
	if !strings.Contains(string(raw), "data:image/png;base64,") || strings.Contains(string(raw), "too large") {
		t.Fatalf("the chart of %d bytes was dropped: %.400s", len(r.Chart), raw)
	}
	bf := teamstest.NewBotFramework(t)
	if _, err := (&Connector{Tokens: tokens(bf, teamstest.Secret)}).SendActivity(ctx, bf.ServiceURL(), "19:lead@thread.tacv2", a); err != nil {
		t.Errorf("the connector refused the summary: %v", err)
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
