package advisor

import (
	"testing"
)

// TestRules checks each rule on its own: starting from the priors, set the
// facts a piece of guidance talks about and check which approaches the rule
// pushes up (+1) and down (-1). Approaches not listed must not move.
func TestRules(t *testing.T) {
	a := DefaultAssumptions()
	type signs map[Approach]int
	tests := []struct {
		name  string
		setup func(f *facts)
		rule  func(s *scorer)
		want  signs
	}{
		// Start with prompting (OpenAI, Anthropic, Google, Azure).
		{"starting point favours prompting", func(f *facts) {}, (*scorer).startingPoint,
			signs{PromptEngineering: +1, FineTuning: -1, Hybrid: -1}},
		// Changing private facts -> retrieval, not fine-tuning (OpenAI, Azure, Ovadia et al.).
		{"changing private knowledge", func(f *facts) { f.knowledge = KnowledgePrivateChanging }, (*scorer).knowledge,
			signs{RAG: +1, Hybrid: +1, FineTuning: -1, PromptEngineering: -1}},
		{"static private knowledge", func(f *facts) { f.knowledge = KnowledgePrivateStatic }, (*scorer).knowledge,
			signs{RAG: +1, Hybrid: +1, FineTuning: -1, PromptEngineering: -1}},
		{"no outside knowledge", func(f *facts) { f.knowledge = KnowledgeNone }, (*scorer).knowledge,
			signs{PromptEngineering: +1, RAG: -1, Hybrid: -1}},
		{"public knowledge", func(f *facts) { f.knowledge = KnowledgePublic }, (*scorer).knowledge,
			signs{PromptEngineering: +1, RAG: +1}},
		// Citations -> retrieval (Microsoft Learn, AWS, legal-research study).
		{"citations required", func(f *facts) { f.citations = true }, (*scorer).citations,
			signs{RAG: +1, Hybrid: +1, PromptEngineering: -1, FineTuning: -1}},
		{"citations not required", func(f *facts) { f.citations = false }, (*scorer).citations, signs{}},
		// Google Rules of ML #1.
		{"rules can do it", func(f *facts) { f.rules = true }, (*scorer).rulesExpressible,
			signs{ClassicAutomation: +1, PromptEngineering: -1, RAG: -1, FineTuning: -1, Hybrid: -1}},
		{"rules cannot do it", func(f *facts) { f.rules = false }, (*scorer).rulesExpressible,
			signs{ClassicAutomation: -1}},
		// Google: classification and extraction are typical tuning tasks.
		{"classification", func(f *facts) { f.task = TaskClassify }, (*scorer).task, signs{FineTuning: +1}},
		{"free-text writing", func(f *facts) { f.task = TaskDraft }, (*scorer).task,
			signs{PromptEngineering: +1, ClassicAutomation: -1}},
		{"answers from private documents", func(f *facts) { f.task = TaskAnswer; f.knowledge = KnowledgePrivateStatic }, (*scorer).task,
			signs{RAG: +1}},
		{"answers needing no documents", func(f *facts) { f.task = TaskAnswer; f.knowledge = KnowledgeNone }, (*scorer).task, signs{}},
		{"decisions", func(f *facts) { f.task = TaskDecide }, (*scorer).task,
			signs{ClassicAutomation: +1, KeepManual: +1}},
		{"critical decisions", func(f *facts) { f.task, f.accuracy = TaskDecide, AccuracyCritical }, (*scorer).task,
			signs{ClassicAutomation: +1, KeepManual: +1, PromptEngineering: -1, RAG: -1, FineTuning: -1, Hybrid: -1}},
		{"answers about public documents", func(f *facts) { f.task, f.knowledge = TaskAnswer, KnowledgePublic }, (*scorer).task,
			signs{RAG: +1}},
		// OpenAI, Azure, Google: format, style and tone are what fine-tuning teaches.
		{"strict output", func(f *facts) { f.consistency = ConsistencyStrict }, (*scorer).consistency,
			signs{FineTuning: +1, Hybrid: +1, ClassicAutomation: +1, PromptEngineering: -1}},
		{"flexible output", func(f *facts) { f.consistency = ConsistencyFlexible }, (*scorer).consistency,
			signs{FineTuning: -1, Hybrid: -1}},
		// Evals first (OpenAI, Azure "what have you tried").
		{"prompting untried", func(f *facts) { f.baseline = BaselineUntried }, (*scorer).baseline,
			signs{PromptEngineering: +1, FineTuning: -1, Hybrid: -1}},
		{"prompting good enough", func(f *facts) { f.baseline = BaselineGoodEnough }, (*scorer).baseline,
			signs{PromptEngineering: +1, FineTuning: -1, Hybrid: -1}},
		{"prompting plateaued", func(f *facts) { f.baseline = BaselinePlateaued }, (*scorer).baseline,
			signs{PromptEngineering: -1, FineTuning: +1, Hybrid: +1}},
		// Data: OpenAI minimum 10, Google 100, Azure 500+ for production.
		{"no examples", func(f *facts) { f.labeled = 0 }, (*scorer).examples, signs{FineTuning: -1, Hybrid: -1}},
		{"9 examples", func(f *facts) { f.labeled = 9 }, (*scorer).examples, signs{FineTuning: -1, Hybrid: -1}},
		{"50 examples", func(f *facts) { f.labeled = 50 }, (*scorer).examples, signs{FineTuning: -1, Hybrid: -1}},
		{"100 examples", func(f *facts) { f.labeled = 100 }, (*scorer).examples, signs{FineTuning: +1, Hybrid: +1}},
		{"500 examples", func(f *facts) { f.labeled = 500 }, (*scorer).examples, signs{FineTuning: +1, Hybrid: +1}},
		// Google: content far from the training data; Azure: domain specialisation.
		{"niche domain", func(f *facts) { f.domain = DomainNiche }, (*scorer).domain,
			signs{FineTuning: +1, Hybrid: +1, PromptEngineering: -1}},
		{"general domain", func(f *facts) { f.domain = DomainGeneral }, (*scorer).domain,
			signs{PromptEngineering: +1, FineTuning: -1, Hybrid: -1}},
		// Google, Azure: smaller tuned models and shorter prompts cut latency.
		{"realtime", func(f *facts) { f.latency = LatencyRealtime }, (*scorer).latency,
			signs{ClassicAutomation: +1, FineTuning: +1, RAG: -1, Hybrid: -1, PromptEngineering: -1}},
		{"batch", func(f *facts) { f.latency = LatencyBatch }, (*scorer).latency, signs{}},
		// Azure: fine-tuning requires expertise.
		{"no ML skill", func(f *facts) { f.skill = SkillNone }, (*scorer).skill,
			signs{FineTuning: -1, Hybrid: -1, RAG: -1}},
		{"strong ML skill", func(f *facts) { f.skill = SkillStrong }, (*scorer).skill,
			signs{FineTuning: +1, Hybrid: +1}},
		// Prompting ships in days; fine-tuning takes weeks to months.
		{"three weeks", func(f *facts) { f.timeline = 3 }, (*scorer).timeline,
			signs{PromptEngineering: +1, RAG: -1, FineTuning: -1, Hybrid: -1}},
		{"six weeks", func(f *facts) { f.timeline = 6 }, (*scorer).timeline, signs{FineTuning: -1, Hybrid: -1}},
		{"half a year", func(f *facts) { f.timeline = 26 }, (*scorer).timeline, signs{}},
		// High-stakes outputs need a person in the loop (Air Canada, Stanford legal study).
		{"critical and unchecked", func(f *facts) { f.accuracy = AccuracyCritical; f.review = false }, (*scorer).accuracy,
			signs{KeepManual: +1, PromptEngineering: -1, RAG: -1, FineTuning: -1, Hybrid: -1}},
		{"critical and unchecked, rules can do it", func(f *facts) { f.accuracy = AccuracyCritical; f.rules = true }, (*scorer).accuracy,
			signs{KeepManual: +1, ClassicAutomation: +1, PromptEngineering: -1, RAG: -1, FineTuning: -1, Hybrid: -1}},
		{"critical and reviewed", func(f *facts) { f.accuracy = AccuracyCritical; f.review = true }, (*scorer).accuracy,
			signs{RAG: +1}},
		{"low stakes", func(f *facts) { f.accuracy = AccuracyLow }, (*scorer).accuracy,
			signs{PromptEngineering: +1, KeepManual: -1}},
		{"regulated", func(f *facts) { f.regulated = true }, (*scorer).regulated,
			signs{RAG: +1, FineTuning: -1, KeepManual: +1}},
		// Data may not leave: only in-house options.
		{"restricted, no self-hosting", func(f *facts) { f.sensitivity = SensitivityRestricted }, (*scorer).sensitivity,
			signs{PromptEngineering: -1, RAG: -1, FineTuning: -1, Hybrid: -1, ClassicAutomation: +1, KeepManual: +1}},
		{"restricted, self-hosting", func(f *facts) { f.sensitivity = SensitivityRestricted; f.selfHost = true }, (*scorer).sensitivity,
			signs{}},
		{"confidential, no self-hosting", func(f *facts) { f.sensitivity = SensitivityConfidential }, (*scorer).sensitivity,
			signs{FineTuning: -1, Hybrid: -1}},
		// OpenAI's 2026 wind-down: hosted fine-tunes expire; open-weight adapters do not.
		{"no self-hosting", func(f *facts) { f.selfHost = false }, (*scorer).selfHosting,
			signs{FineTuning: -1, Hybrid: -1}},
		{"self-hosting", func(f *facts) { f.selfHost = true }, (*scorer).selfHosting,
			signs{FineTuning: +1, Hybrid: +1}},
		// Azure NL-to-query example, agriculture study.
		{"both retrieval and training needs", func(f *facts) {
			f.knowledge, f.baseline, f.labeled = KnowledgePrivateStatic, BaselinePlateaued, 1000
		}, (*scorer).combination, signs{Hybrid: +1}},
		{"retrieval need only", func(f *facts) { f.knowledge, f.labeled = KnowledgePrivateStatic, 1000 }, (*scorer).combination, signs{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := priorFacts(&a)
			tt.setup(&f)
			var reasons []Reason
			s := scorer{f: &f, reasons: &reasons}
			tt.rule(&s)
			for i, ap := range approachOrder {
				got := sign(s.score[i])
				if got != tt.want[ap] {
					t.Errorf("%s moved %+d, want %+d (score %v)", ap, got, tt.want[ap], s.score[i])
				}
			}
			for _, r := range reasons {
				checkReasonShape(t, r)
			}
		})
	}
}

func sign(x float64) int {
	switch {
	case x > 0:
		return +1
	case x < 0:
		return -1
	}
	return 0
}

func checkReasonShape(t *testing.T, r Reason) {
	t.Helper()
	if r.Text == "" || r.Ref == "" || r.Factor == "" {
		t.Errorf("reason lacks text, ref or factor: %+v", r)
	}
	if (r.Favors == "") == (r.Disfavors == "") {
		t.Errorf("reason must set exactly one of favors and disfavors: %+v", r)
	}
	if (r.Weight > 0) != (r.Favors != "") {
		t.Errorf("reason weight %v disagrees with its direction: %+v", r.Weight, r)
	}
}

// TestEconomicsRule checks the ROI-driven pushes on whole profiles.
func TestEconomicsRule(t *testing.T) {
	a := DefaultAssumptions()
	t.Run("nothing pays back", func(t *testing.T) {
		f := priorFacts(&a)
		f.volume, f.minutes = 20, 2
		s := scoreOnly(&f, &a, (*scorer).economics)
		if s[iManual] <= 0 {
			t.Errorf("keep_manual not favoured when nothing pays back: %v", s)
		}
		for i := iPrompt; i <= iClassic; i++ {
			if s[i] >= 0 {
				t.Errorf("%s not pushed down when it never pays back: %v", approachOrder[i], s[i])
			}
		}
	})
	t.Run("prompting pays back fast", func(t *testing.T) {
		f := priorFacts(&a)
		f.volume, f.minutes = 10_000, 5
		s := scoreOnly(&f, &a, (*scorer).economics)
		if s[iManual] >= 0 || s[iPrompt] <= 0 {
			t.Errorf("want prompt up and manual down: %v", s)
		}
	})
	t.Run("slightly over budget", func(t *testing.T) {
		f := priorFacts(&a)
		f.budget, f.task = 15_000, TaskDecide // a policy rule set: classic at its full 20 days
		s := scoreOnly(&f, &a, (*scorer).budgetOnly)
		// Prompting ($10k) fits; classic automation ($20k) is over by less
		// than half; retrieval is far over but can start as a managed
		// service; fine-tuning and the hybrid are far over.
		want := [numApproaches]float64{iRAG: -2, iFT: -7, iHybrid: -7, iClassic: -3}
		if s != want {
			t.Errorf("budget pushes = %v, want %v", s, want)
		}
	})
	t.Run("distillation at volume", func(t *testing.T) {
		f := priorFacts(&a)
		f.volume, f.minutes, f.accuracy, f.task = 5_000_000, 0.5, AccuracyHigh, TaskClassify
		s := scoreOnly(&f, &a, (*scorer).economics)
		if s[iFT] <= 0 {
			t.Errorf("fine-tuning not favoured when a smaller tuned model saves a lot: %v", s)
		}
	})
	t.Run("no distillation at low volume", func(t *testing.T) {
		f := priorFacts(&a)
		f.volume, f.minutes, f.accuracy = 10_000, 5, AccuracyHigh
		s := scoreOnly(&f, &a, (*scorer).distillationOnly)
		if s[iFT] != 0 {
			t.Errorf("distillation pushed at low volume: %v", s)
		}
	})
	t.Run("over budget", func(t *testing.T) {
		f := priorFacts(&a)
		f.budget, f.task = 5_000, TaskDecide
		s := scoreOnly(&f, &a, (*scorer).budgetOnly)
		// Everything is far over a $5k budget; prompting's and retrieval's
		// set-up can be scaled down, so they are pushed least.
		want := [numApproaches]float64{iPrompt: -2, iRAG: -2, iFT: -7, iHybrid: -7, iClassic: -7}
		if s != want {
			t.Errorf("budget pushes = %v, want %v", s, want)
		}
	})
}

func (s *scorer) distillationOnly(roi *[numApproaches]ROI) {
	s.distillation(roi, iFT, iPrompt)
	s.distillation(roi, iHybrid, iRAG)
}

func (s *scorer) budgetOnly(roi *[numApproaches]ROI) { s.budget(roi) }

func scoreOnly(f *facts, a *Assumptions, rule func(*scorer, *[numApproaches]ROI)) [numApproaches]float64 {
	var roi [numApproaches]ROI
	f.costs(a, &roi)
	var reasons []Reason
	s := scorer{f: f, reasons: &reasons}
	rule(&s, &roi)
	return s.score
}
