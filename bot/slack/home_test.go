package slack_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/advisor/parse"
	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
)

// saveAssessment stores a finished assessment for user, as the engine would.
func saveAssessment(t *testing.T, st store.Store, id, user, title string, at time.Time) store.Assessment {
	t.Helper()
	var u advisor.UseCase
	for field, text := range map[string]string{
		advisor.FieldTask: "classify", advisor.FieldMonthlyVolume: "20k a month",
		advisor.FieldMinutesPerTask: "6 minutes", advisor.FieldHourlyCost: "$45/h",
	} {
		v, err := parse.Answer(field, text)
		if err != nil {
			t.Fatal(err)
		}
		if err := u.Set(v); err != nil {
			t.Fatal(err)
		}
	}
	u.Title = title
	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(u)
	if err != nil {
		t.Fatal(err)
	}
	r := store.Assessment{
		ID: id, User: user, Title: title, Profile: u, Result: rec, CreatedAt: at,
		Conv: store.ConvKey{Platform: "slack", Team: "T0FAKE", Channel: "D" + user[1:]},
	}
	if err := st.SaveAssessment(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

// openHome sends app_home_opened for user and returns the view published
// in answer.
func (h *harness) openHome(user string) slacktest.View {
	h.t.Helper()
	before, _ := h.fake.HomeView(user)
	h.send(h.fake.AppHomeOpened(user))
	var v slacktest.View
	h.wait("the Home tab of "+user, func() bool {
		var ok bool
		v, ok = h.fake.HomeView(user)
		return ok && (before.ID == "" || v.Updates > before.Updates)
	})
	return v
}

func TestHomeTabListsOnlyTheUsersAssessments(t *testing.T) {
	h := newHarness(t, nil)
	now := time.Now()
	older := saveAssessment(t, h.store, "r1", "U1", "Invoice triage for accounts payable", now.Add(-48*time.Hour))
	newer := saveAssessment(t, h.store, "r2", "U1", "Contract clause extraction", now.Add(-time.Hour))
	saveAssessment(t, h.store, "r3", "U2", "Secret reorganisation plan", now)

	v := h.openHome("U1")
	blocks := string(v.Blocks)
	for _, want := range []string{older.Title, newer.Title, older.Result.Approach.Label(), "net ", "payback ",
		older.CreatedAt.Format("2006-01-02"), `"action_id":"new_assessment"`, "New assessment"} {
		if !strings.Contains(blocks, want) {
			t.Errorf("U1's Home tab lacks %q", want)
		}
	}
	if strings.Contains(blocks, "Secret reorganisation plan") {
		t.Error("U1's Home tab shows U2's assessment")
	}
	if strings.Index(blocks, newer.Title) > strings.Index(blocks, older.Title) {
		t.Error("assessments are not listed newest first")
	}
	roi := newer.Result.ROI[newer.Result.Approach]
	if !strings.Contains(blocks, advisor.Money(roi.NetMonthly)) || !strings.Contains(blocks, advisor.Months(roi.PaybackMonths)) {
		t.Errorf("the ROI figures of %q are missing: %s", newer.Title, blocks)
	}

	empty := string(h.openHome("U3").Blocks)
	if !strings.Contains(empty, "no assessments yet") || !strings.Contains(empty, "new_assessment") {
		t.Errorf("empty Home tab: %s", empty)
	}
	if strings.Contains(empty, "Invoice triage") || strings.Contains(empty, "Secret") {
		t.Error("U3's Home tab shows other people's assessments")
	}

	// Opening the tab again publishes it again, with what is new.
	saveAssessment(t, h.store, "r4", "U1", "Meeting notes summaries", now)
	if again := h.openHome("U1"); !strings.Contains(string(again.Blocks), "Meeting notes summaries") {
		t.Error("the Home tab was not refreshed on opening")
	}
}

func TestHomeTabNotEnabled(t *testing.T) {
	h := newHarness(t, func(c *slack.Config) { c.AllowedUsers = map[string]bool{"U0ALLOWED": true} })
	saveAssessment(t, h.store, "r1", "U66", "Something of U66", time.Now())
	blocks := string(h.openHome("U66").Blocks)
	if !strings.Contains(blocks, "not available to you") {
		t.Errorf("no polite refusal in the Home tab: %s", blocks)
	}
	if strings.Contains(blocks, "new_assessment") || strings.Contains(blocks, "Something of U66") {
		t.Errorf("a user outside ALLOWED_USERS gets the full Home tab: %s", blocks)
	}
}

// openIntake clicks New assessment in user's Home tab and returns the
// modal it opens.
func (h *harness) openIntake(user string) slacktest.View {
	h.t.Helper()
	h.openHome(user)
	n := len(h.fake.Modals())
	h.send(h.fake.HomeButtonClick(user, "new_assessment", "intake"))
	h.wait("the intake modal", func() bool { return len(h.fake.Modals()) > n })
	m := h.fake.Modals()[len(h.fake.Modals())-1]
	if m.CallbackID != "intake" || m.User != user {
		h.t.Fatalf("modal %+v", m)
	}
	return m
}

// field returns a profile field's value, and whether it is known.
func field(u advisor.UseCase, name string) (advisor.Value, bool) {
	for _, v := range u.Values() {
		if v.Field == name {
			return v, true
		}
	}
	return advisor.Value{}, false
}

func TestIntakeModalStartsDMConversation(t *testing.T) {
	h := newHarness(t, nil)
	m := h.openIntake("U1")

	// The modal has every input, and the selects offer the field's options.
	var blocks []struct {
		Type     string `json:"type"`
		BlockID  string `json:"block_id"`
		Optional bool   `json:"optional"`
		Element  struct {
			Type      string `json:"type"`
			ActionID  string `json:"action_id"`
			Multiline bool   `json:"multiline"`
			Options   []struct {
				Value string `json:"value"`
				Text  struct {
					Text string `json:"text"`
				} `json:"text"`
			} `json:"options"`
		} `json:"element"`
	}
	if err := json.Unmarshal(m.Blocks, &blocks); err != nil {
		t.Fatal(err)
	}
	inputs := map[string]int{}
	for i, b := range blocks {
		if b.Type == "input" {
			inputs[b.BlockID] = i
		}
	}
	for _, id := range []string{"description", "monthly_volume", "minutes_per_task", "hourly_cost", "task", "knowledge", "accuracy", "prompt_baseline", "rules_expressible"} {
		i, ok := inputs[id]
		if !ok {
			t.Errorf("the modal has no %s input", id)
			continue
		}
		b := blocks[i]
		if b.Element.ActionID != id || b.Optional != (id != "description") {
			t.Errorf("input %s: action %q, optional %v", id, b.Element.ActionID, b.Optional)
		}
		if f, _ := advisor.LookupField(id); f.Options != nil {
			var got []string
			for _, o := range b.Element.Options {
				got = append(got, o.Value)
				if want := advisor.Label(id, o.Value); o.Text.Text != want {
					t.Errorf("input %s: option %q shows %q, want %q", id, o.Value, o.Text.Text, want)
				}
			}
			if b.Element.Type != "static_select" || !slices.Equal(got, f.Options) {
				t.Errorf("input %s: %s with options %v, want a static_select of %v", id, b.Element.Type, got, f.Options)
			}
		}
	}
	if !blocks[inputs["description"]].Element.Multiline {
		t.Error("the description input is not multiline")
	}

	// An assessment under way in the DM is replaced by the new one.
	dm := h.fake.DMChannel("U1")
	h.send(h.fake.DM("U1", "Draft replies to customer emails."))
	h.wait("the first DM question", func() bool { return has(h.botMessages(dm, ""), "Question 1") })
	before := len(h.botMessages(dm, ""))

	// The description states figures of its own; the form's answers win.
	h.send(h.fake.SubmitView("", m.ID, slacktest.Values{
		"description":       {"description": slacktest.TextInput(description)},
		"monthly_volume":    {"monthly_volume": slacktest.TextInput("2k a week")},
		"minutes_per_task":  {"minutes_per_task": slacktest.TextInput("6 min")},
		"hourly_cost":       {"hourly_cost": slacktest.TextInput("$45/h")},
		"knowledge":         {"knowledge": slacktest.SelectInput("private_changing")},
		"rules_expressible": {"rules_expressible": slacktest.SelectInput("no")},
	}))
	var first slacktest.Message
	h.wait("the assessment to start in the DM", func() bool {
		msgs := h.botMessages(dm, "")
		if len(msgs) > before {
			first = msgs[before]
			return true
		}
		return false
	})
	if !strings.HasPrefix(first.Text, "Question 1 of at most") && !strings.HasPrefix(first.Text, "Recommendation:") {
		t.Errorf("the first reply is neither a question nor a recommendation: %q", first.Text)
	}
	if first.ThreadTS != "" {
		t.Errorf("the assessment started in a thread: %+v", first)
	}

	c, err := h.store.GetConversation(context.Background(), store.ConvKey{Platform: "slack", Team: "T0FAKE", Channel: dm})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]advisor.Value{
		advisor.FieldMonthlyVolume:    {Field: advisor.FieldMonthlyVolume, Number: 8667}, // 2k a week
		advisor.FieldMinutesPerTask:   {Field: advisor.FieldMinutesPerTask, Number: 6},
		advisor.FieldHourlyCost:       {Field: advisor.FieldHourlyCost, Number: 45},
		advisor.FieldKnowledge:        {Field: advisor.FieldKnowledge, Text: "private_changing"},
		advisor.FieldRulesExpressible: {Field: advisor.FieldRulesExpressible, Bool: false},
	}
	for name, w := range want {
		got, ok := field(c.Profile, name)
		if !ok || got != w {
			t.Errorf("profile %s = %+v (known %v), want %+v", name, got, ok, w)
		}
		if slices.Contains(c.Inferred, name) {
			t.Errorf("%s, answered in the form, is marked inferred", name)
		}
	}
	if c.Profile.Description != description || !strings.HasPrefix(description, c.Profile.Title) {
		t.Errorf("description %q, title %q", c.Profile.Description, c.Profile.Title)
	}
	if slices.Contains(c.Asked, advisor.FieldMonthlyVolume) || slices.Contains(c.Asked, advisor.FieldKnowledge) {
		t.Errorf("asked about answered fields: %v", c.Asked)
	}
	if len(c.Turns) < 3 {
		t.Errorf("the earlier DM turns were dropped: %d turns", len(c.Turns))
	}
}

func TestIntakeUnreadableFiguresAreReported(t *testing.T) {
	h := newHarness(t, nil)
	dm := h.fake.DMChannel("U2")
	// A submission the fake did not see opened reads the same.
	h.send(h.fake.ViewSubmission("U2", "intake", slacktest.Values{
		"description":      {"description": slacktest.TextInput("Summarise our weekly sales calls for the leadership team.")},
		"monthly_volume":   {"monthly_volume": slacktest.TextInput("lots")},
		"minutes_per_task": {"minutes_per_task": slacktest.TextInput("20 minutes")},
		"hourly_cost":      {"hourly_cost": slacktest.TextInput("")},
	}))
	h.wait("a question after the problems", func() bool {
		return has(h.botMessages(dm, ""), "Question 1") || has(h.botMessages(dm, ""), "Recommendation:")
	})
	msgs := h.botMessages(dm, "")
	if !strings.Contains(msgs[0].Text, "could not read") || !strings.Contains(msgs[0].Text, "How many items a month?") ||
		!strings.Contains(msgs[0].Text, `"lots"`) || !strings.Contains(msgs[0].Text, "about 2,000 a week") {
		t.Errorf("the problems message: %q", msgs[0].Text)
	}
	if strings.Contains(msgs[0].Text, "hourly") || strings.Contains(msgs[0].Text, "Cost of an hour") {
		t.Errorf("an empty optional input was reported: %q", msgs[0].Text)
	}
	c, err := h.store.GetConversation(context.Background(), store.ConvKey{Platform: "slack", Team: "T0FAKE", Channel: dm})
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := field(c.Profile, advisor.FieldMinutesPerTask); !ok || v.Number != 20 {
		t.Errorf("minutes per task %+v, want 20", v)
	}
	if _, ok := field(c.Profile, advisor.FieldMonthlyVolume); ok && !slices.Contains(c.Inferred, advisor.FieldMonthlyVolume) {
		t.Error("an unreadable volume was stored as an answer")
	}
}

func TestIntakeRefusedOutsideAllowedUsers(t *testing.T) {
	h := newHarness(t, func(c *slack.Config) { c.AllowedUsers = map[string]bool{"U0ALLOWED": true} })
	dm := h.fake.DMChannel("U66")
	h.send(h.fake.ViewSubmission("U66", "intake", slacktest.Values{
		"description": {"description": slacktest.TextInput(description)},
	}))
	h.wait("a refusal", func() bool { return containsText(h.botMessages(dm, ""), "not available to you") })
	if _, err := h.store.GetConversation(context.Background(), store.ConvKey{Platform: "slack", Team: "T0FAKE", Channel: dm}); err == nil {
		t.Error("a refused user's conversation was stored")
	}
	// A stale New assessment button opens nothing.
	h.send(h.fake.HomeButtonClick("U66", "new_assessment", "intake"))
	h.wait("the Home tab refreshed with the note", func() bool {
		v, ok := h.fake.HomeView("U66")
		return ok && strings.Contains(string(v.Blocks), "not available to you")
	})
	if n := len(h.fake.Modals()); n != 0 {
		t.Errorf("%d modals opened for a refused user", n)
	}
}
