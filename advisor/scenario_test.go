package advisor

import (
	"strings"
	"testing"
)

// Scenarios are whole profiles drawn from the public guidance the rules
// cite (knowledge/kb: OpenAI, Anthropic, Google and Azure on when to
// fine-tune, the research results), each with the approach that guidance
// points to. They check that the rules add up to the documented advice,
// not just that each rule pushes the right way.
var scenarios = []struct {
	name    string
	profile string
	want    Approach
}{
	{
		// Every vendor: start with prompting when nothing argues otherwise.
		name:    "nothing known: start with prompting",
		profile: `{}`,
		want:    PromptEngineering,
	},
	{
		// OpenAI/Azure: new or changing private facts -> retrieval; citations -> retrieval.
		name:    "support answers from a changing help centre with sources",
		profile: `{"task":"answer","knowledge":"private_changing","citations_required":true,"monthly_volume":20000,"minutes_per_task":6,"hourly_cost":40,"accuracy":"high","human_review":false}`,
		want:    RAG,
	},
	{
		name:    "HR policy questions from a static handbook",
		profile: `{"task":"answer","knowledge":"private_static","monthly_volume":3000,"minutes_per_task":8,"hourly_cost":50,"domain":"general"}`,
		want:    RAG,
	},
	{
		// Google Rules of ML #1; Azure: deterministic work needs no LLM.
		name:    "route invoices by supplier code and amount thresholds",
		profile: `{"task":"classify","rules_expressible":true,"monthly_volume":8000,"minutes_per_task":3,"hourly_cost":35,"output_consistency":"strict"}`,
		want:    ClassicAutomation,
	},
	{
		// Manual baseline too small to repay any build.
		name:    "thirty items a month",
		profile: `{"task":"draft","monthly_volume":30,"minutes_per_task":4,"hourly_cost":40}`,
		want:    KeepManual,
	},
	{
		// OpenAI/Azure/Google: format and edge cases prompting cannot fix, with data and skills.
		name:    "strict extraction from unusual forms after prompting plateaued",
		profile: `{"task":"extract","output_consistency":"strict","domain":"niche","prompt_baseline":"plateaued","labeled_examples":3000,"ml_skill":"strong","monthly_volume":200000,"minutes_per_task":4,"hourly_cost":40,"knowledge":"none","self_hosting_ok":true}`,
		want:    FineTuning,
	},
	{
		// Azure NL-to-query example and the agriculture study: both needs at once.
		name:    "legal drafting with citations in niche language after prompting plateaued",
		profile: `{"task":"draft","knowledge":"private_static","citations_required":true,"domain":"niche","prompt_baseline":"plateaued","labeled_examples":5000,"ml_skill":"strong","monthly_volume":40000,"minutes_per_task":30,"hourly_cost":150,"human_review":true,"accuracy":"critical"}`,
		want:    Hybrid,
	},
	{
		// OpenAI, Google: distil a large prompted model into a smaller tuned one at volume.
		name:    "high-volume realtime classification with a working prompt",
		profile: `{"task":"classify","prompt_baseline":"good_enough","labeled_examples":20000,"ml_skill":"strong","monthly_volume":5000000,"minutes_per_task":0.5,"hourly_cost":30,"latency":"realtime","accuracy":"high","human_review":false,"knowledge":"none","output_consistency":"strict"}`,
		want:    FineTuning,
	},
	{
		// Evals first: plenty of data is no reason to skip the prompt baseline.
		name:    "lots of examples but prompting never measured",
		profile: `{"task":"classify","labeled_examples":5000,"output_consistency":"strict","ml_skill":"strong","monthly_volume":50000,"minutes_per_task":2,"hourly_cost":40}`,
		want:    PromptEngineering,
	},
	{
		// Ovadia et al.: retrieval beats fine-tuning for changing facts even after a plateau.
		name:    "changing facts, prompting plateaued, no examples",
		profile: `{"task":"answer","knowledge":"private_changing","prompt_baseline":"plateaued","labeled_examples":0,"monthly_volume":10000,"minutes_per_task":5,"hourly_cost":45}`,
		want:    RAG,
	},
	{
		// Critical, unchecked decisions that rules cannot express.
		name:    "unchecked critical decisions in a regulated area",
		profile: `{"task":"decide","accuracy":"critical","human_review":false,"regulated":true,"rules_expressible":false,"monthly_volume":2000,"minutes_per_task":15,"hourly_cost":60}`,
		want:    KeepManual,
	},
	{
		// Anthropic, seed article: prompting ships in days; a 2-week deadline rules out training.
		name:    "two-week deadline after a plateau",
		profile: `{"task":"summarize","prompt_baseline":"plateaued","labeled_examples":1000,"ml_skill":"strong","timeline_weeks":2,"monthly_volume":10000,"minutes_per_task":10,"hourly_cost":50,"output_consistency":"strict"}`,
		want:    PromptEngineering,
	},
	{
		name:    "everyday drafting with a measured prompt that works",
		profile: `{"task":"draft","prompt_baseline":"good_enough","domain":"general","monthly_volume":4000,"minutes_per_task":10,"hourly_cost":45,"labeled_examples":2000,"ml_skill":"strong"}`,
		want:    PromptEngineering,
	},
	{
		name:    "restricted data, no in-house models, rules can do it",
		profile: `{"task":"extract","data_sensitivity":"restricted","self_hosting_ok":false,"rules_expressible":true,"monthly_volume":10000,"minutes_per_task":3,"hourly_cost":40}`,
		want:    ClassicAutomation,
	},
	{
		// Open-weight LoRA keeps restricted data in-house.
		name:    "restricted niche-language text, self-hosting allowed, plateaued",
		profile: `{"task":"translate","domain":"niche","data_sensitivity":"restricted","self_hosting_ok":true,"prompt_baseline":"plateaued","labeled_examples":5000,"ml_skill":"strong","monthly_volume":20000,"minutes_per_task":10,"hourly_cost":50}`,
		want:    FineTuning,
	},
}

func TestScenarios(t *testing.T) {
	adv := New(DefaultAssumptions())
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			u, err := DecodeUseCase([]byte(sc.profile))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			rec, err := adv.Recommend(u)
			if err != nil {
				t.Fatalf("Recommend: %v", err)
			}
			if rec.Approach != sc.want {
				var b strings.Builder
				for _, r := range rec.Reasons {
					b.WriteString("\n  " + r.Factor + " " + string(r.Favors) + string(r.Disfavors) + " " + formatNumber(r.Weight))
				}
				t.Errorf("approach = %s, want %s; ranking %v%s", rec.Approach, sc.want, rec.Ranking, b.String())
			}
		})
	}
}
