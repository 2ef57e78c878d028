package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// calibrateNow is the calibrate runs' clock: the change window reaches
// back to 2026-09-02.
var calibrateNow = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// companyFigures are what the fixture's builds really took: the outcomes
// are priced with them, so calibrate must suggest exactly these.
var companyFigures = map[string]float64{
	"build_days_rag": 40, "upkeep_days_rag": 3.5,
	"build_days_prompt_engineering": 14, "upkeep_days_prompt_engineering": 1.5,
	"build_days_fine_tuning": 55,
	"automation_share":       0.45,
}

// calibrationWriter is what the fixture writes through.
type calibrationWriter interface {
	SaveAssessment(ctx context.Context, r store.Assessment) error
	SaveOutcome(ctx context.Context, o store.Outcome) error
}

func mustProfile(t testing.TB, s string) advisor.UseCase {
	t.Helper()
	u, err := advisor.DecodeUseCase([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// writeCalibrationFixture stores a company's history:
//
//   - 6 retrieval, 5 prompting and 3 fine-tuning builds, assessed in the
//     summer, whose actuals are the advisor's figures under
//     companyFigures, plus 2 dropped ideas and 1 not yet built;
//   - recent assessments (after 2026-09-02) that the company's figures
//     flip (rec-flip-rag, rec-flip-prompt) or not (rec-stays, rec-manual),
//     one whose record already differs from today's rules (rec-drifted),
//     and one older than the window that would flip (rec-old).
func writeCalibrationFixture(t testing.TB, st calibrationWriter) {
	t.Helper()
	ctx := context.Background()
	def := advisor.New(advisor.DefaultAssumptions())
	truthA := advisor.DefaultAssumptions()
	for name, v := range companyFigures {
		if err := truthA.Set(name, v, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	truth := advisor.New(truthA)
	assess := func(id, title, profile string, created time.Time, recorded advisor.Approach) store.Assessment {
		u := mustProfile(t, profile)
		u.Title = title
		rec, err := def.Recommend(u)
		if err != nil {
			t.Fatal(err)
		}
		if recorded != "" {
			rec.Approach = recorded
		}
		a := store.Assessment{ID: id, User: "alice", Department: "Support", Title: title, Profile: u, Result: rec,
			CreatedAt: created, Conv: store.ConvKey{Platform: "slack", Team: "T1", Channel: "D1"}}
		if err := st.SaveAssessment(ctx, a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	built := []struct {
		approach advisor.Approach
		profile  string
	}{
		{advisor.RAG, `{"task":"answer","knowledge":"private_static","monthly_volume":20000,"minutes_per_task":6,"hourly_cost":40}`},
		{advisor.RAG, `{"task":"answer","knowledge":"private_changing","monthly_volume":8000,"minutes_per_task":10,"hourly_cost":55,"human_review":true}`},
		{advisor.RAG, `{"task":"draft","knowledge":"private_static","monthly_volume":3000,"minutes_per_task":20,"hourly_cost":60,"accuracy":"high"}`},
		{advisor.RAG, `{"task":"answer","knowledge":"private_static","citations_required":true,"monthly_volume":50000,"minutes_per_task":4,"hourly_cost":35}`},
		{advisor.RAG, `{"task":"summarize","knowledge":"private_changing","monthly_volume":1500,"minutes_per_task":30,"hourly_cost":80,"domain":"specialized"}`},
		{advisor.RAG, `{"task":"answer","knowledge":"private_changing","monthly_volume":12000,"minutes_per_task":5,"hourly_cost":45}`},
		{advisor.PromptEngineering, `{"task":"draft","monthly_volume":4000,"minutes_per_task":8,"hourly_cost":50}`},
		{advisor.PromptEngineering, `{"task":"classify","monthly_volume":30000,"minutes_per_task":2,"hourly_cost":35,"human_review":true}`},
		{advisor.PromptEngineering, `{"task":"translate","monthly_volume":2000,"minutes_per_task":25,"hourly_cost":60,"accuracy":"high"}`},
		{advisor.PromptEngineering, `{"task":"summarize","monthly_volume":6000,"minutes_per_task":12,"hourly_cost":45}`},
		{advisor.PromptEngineering, `{"task":"extract","monthly_volume":10000,"minutes_per_task":3,"hourly_cost":40,"domain":"niche"}`},
		{advisor.FineTuning, `{"task":"extract","monthly_volume":200000,"minutes_per_task":4,"hourly_cost":40,"domain":"niche","labeled_examples":3000,"ml_skill":"strong","prompt_baseline":"plateaued","output_consistency":"strict"}`},
		{advisor.FineTuning, `{"task":"classify","monthly_volume":500000,"minutes_per_task":1,"hourly_cost":30,"labeled_examples":800,"prompt_baseline":"plateaued","self_hosting_ok":true}`},
		{advisor.FineTuning, `{"task":"draft","monthly_volume":90000,"minutes_per_task":6,"hourly_cost":50,"labeled_examples":200,"ml_skill":"none","prompt_baseline":"plateaued","domain":"specialized"}`},
	}
	summer := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	for i, b := range built {
		a := assess(fmt.Sprintf("rec-built-%02d", i), fmt.Sprintf("Built %d", i), b.profile, summer.Add(time.Duration(i)*24*time.Hour), "")
		real, err := truth.Recommend(a.Profile)
		if err != nil {
			t.Fatal(err)
		}
		w := def.Workload(a.Profile)
		r := real.ROI[b.approach]
		o := store.Outcome{RecID: a.ID, User: a.User, Conv: a.Conv, Status: store.OutcomeBuilt, Approach: b.approach,
			OneOffCost: advisor.Some(r.OneOffCost), MonthlyRunCost: advisor.Some(r.MonthlyRunCost), HoursSavedMonthly: advisor.Some(w.HoursSaved(r)),
			Title: a.Title, Profile: a.Profile, Recommended: a.Result.Approach, Estimate: a.Result.ROI[b.approach],
			EstimatedHoursSaved: w.HoursSaved(a.Result.ROI[b.approach]), AssessedAt: a.CreatedAt,
			At: a.CreatedAt.Add(60 * 24 * time.Hour)}
		if err := st.SaveOutcome(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	for i, status := range []store.OutcomeStatus{store.OutcomeDropped, store.OutcomeDropped, store.OutcomeNotYet} {
		a := assess(fmt.Sprintf("rec-idle-%d", i), "Idle", `{"task":"draft","monthly_volume":4000,"minutes_per_task":8,"hourly_cost":50}`, summer, "")
		o := store.Outcome{RecID: a.ID, User: a.User, Conv: a.Conv, Status: status, Title: a.Title, Profile: a.Profile,
			Recommended: a.Result.Approach, Estimate: a.Result.ROI[a.Result.Approach], AssessedAt: a.CreatedAt, At: summer.Add(40 * 24 * time.Hour)}
		if err := st.SaveOutcome(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	recent := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	assess("rec-flip-rag", "Help-centre answers", `{"task":"answer","knowledge":"private_static","monthly_volume":2000,"minutes_per_task":6,"hourly_cost":40}`, recent, "")
	assess("rec-flip-prompt", "Policy letters\x1b[2J", `{"task":"draft","knowledge":"none","monthly_volume":1000,"minutes_per_task":6,"hourly_cost":40}`, recent.AddDate(0, -1, 0), "")
	assess("rec-stays", "Large help centre", `{"task":"answer","knowledge":"private_static","monthly_volume":20000,"minutes_per_task":6,"hourly_cost":40}`, recent, "")
	assess("rec-manual", "Thirty letters", `{"task":"draft","knowledge":"none","monthly_volume":500,"minutes_per_task":3,"hourly_cost":40}`, recent, "")
	assess("rec-drifted", "Recorded under older rules", `{"task":"answer","knowledge":"private_static","monthly_volume":2000,"minutes_per_task":10,"hourly_cost":40}`, recent, advisor.FineTuning)
	assess("rec-old", "Before the window", `{"task":"answer","knowledge":"private_static","monthly_volume":2000,"minutes_per_task":6,"hourly_cost":40}`, time.Date(2026, 8, 1, 9, 0, 0, 0, time.UTC), "")
}

// calibrationStoreDir writes the fixture into a Badger store in a new
// directory and closes it, as a stopped bot leaves its data.
func calibrationStoreDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	st, err := openStore(slog.New(slog.DiscardHandler), appConfig{dataDir: dir}, createData)
	if err != nil {
		t.Fatal(err)
	}
	writeCalibrationFixture(t, st)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}
