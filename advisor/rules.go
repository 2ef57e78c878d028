package advisor

// Reason is one push a factor gives one approach: its factor (a profile
// field, or "starting_point", "roi", "combination"), the approach it favours
// or disfavours (exactly one of the two is set), how many points it moved the
// score, a sentence a non-expert understands, and the id of the
// knowledge-base entry that backs it. Assumed marks a push that rests on a
// prior because the field has not been answered.
type Reason struct {
	Factor    string   `json:"factor"`
	Favors    Approach `json:"favors,omitempty"`
	Disfavors Approach `json:"disfavors,omitempty"`
	Weight    float64  `json:"weight"`
	Text      string   `json:"text"`
	Ref       string   `json:"ref"`
	Assumed   bool     `json:"assumed,omitempty"`
}

// Factor names that are not profile fields.
const (
	FactorStartingPoint = "starting_point"
	FactorROI           = "roi"
	FactorCombination   = "combination"
)

// scorer adds up the points each factor gives each approach. With reasons
// nil it only scores, allocation-free, which is how the planner tries
// hundreds of hypothetical answers per recommendation.
type scorer struct {
	f       *facts
	score   [numApproaches]float64
	reasons *[]Reason
}

func (s *scorer) push(factor string, i int, pts float64, ref, text string) {
	s.score[i] += pts
	if s.reasons == nil {
		return
	}
	r := Reason{Factor: factor, Weight: pts, Text: text, Ref: ref, Assumed: s.assumed(factor)}
	if pts >= 0 {
		r.Favors = approachOrder[i]
	} else {
		r.Disfavors = approachOrder[i]
	}
	*s.reasons = append(*s.reasons, r)
}

func (s *scorer) assumed(factor string) bool {
	if factor == FactorROI {
		return !s.f.isKnown(FieldMonthlyVolume) || !s.f.isKnown(FieldMinutesPerTask) || !s.f.isKnown(FieldHourlyCost)
	}
	return fieldIndex(factor) >= 0 && !s.f.isKnown(factor)
}

// score runs every rule. The weights encode the public guidance collected in
// the knowledge base; each rule names the entry it rests on. Rules only add
// points, so the order they run in does not matter.
func (s *scorer) run(roi *[numApproaches]ROI) {
	s.static()
	s.economics(roi)
}

// static runs the rules that read the profile alone. None of them reads
// volume, minutes, hourly cost or budget, which only the economics see;
// the planner relies on that to re-run only the economics for those fields.
func (s *scorer) static() {
	s.startingPoint()
	s.knowledge()
	s.citations()
	s.rulesExpressible()
	s.task()
	s.consistency()
	s.baseline()
	s.examples()
	s.domain()
	s.latency()
	s.skill()
	s.timeline()
	s.accuracy()
	s.regulated()
	s.sensitivity()
	s.selfHosting()
	s.combination()
}

// startingPoint: every vendor says start with prompting and move to heavier
// approaches only when it falls short.
func (s *scorer) startingPoint() {
	s.push(FactorStartingPoint, iPrompt, 2, "start-with-prompting", "OpenAI, Anthropic, Google and Microsoft all advise starting with prompt engineering: it is fast, cheap and easy to change.")
	s.push(FactorStartingPoint, iFT, -1, "ft-expertise", "Fine-tuning is an advanced step that needs data, expertise and upkeep; vendors advise it only once prompting falls short.")
	s.push(FactorStartingPoint, iHybrid, -1.5, "hybrid-ft-rag", "Fine-tuning plus retrieval has the most moving parts: a training pipeline and a search index to build and maintain.")
}

func (s *scorer) knowledge() {
	const k = FieldKnowledge
	switch s.f.knowledge {
	case KnowledgePrivateChanging:
		s.push(k, iRAG, 4, "rag-for-knowledge", "The facts live in your own documents and change; retrieval looks them up when asked, so answers stay current without retraining.")
		s.push(k, iHybrid, 2.5, "rag-for-knowledge", "The hybrid includes retrieval, which keeps changing facts current.")
		s.push(k, iFT, -3, "ft-knowledge-injection", "Fine-tuning fixes facts at training time and models learn new facts poorly that way; changing facts would need constant retraining.")
		s.push(k, iPrompt, -2.5, "rag-for-knowledge", "A prompt alone cannot carry a changing private knowledge base; the model would have to guess.")
	case KnowledgePrivateStatic:
		s.push(k, iRAG, 3, "rag-for-knowledge", "The facts live in your own documents; retrieval finds the right passage for each request, which vendors recommend over training facts in.")
		s.push(k, iHybrid, 2, "rag-for-knowledge", "The hybrid includes retrieval, which supplies your private facts.")
		s.push(k, iFT, -1.5, "ft-knowledge-injection", "Research found retrieval beats fine-tuning for teaching a model facts, and new facts learned in training raise hallucination.")
		s.push(k, iPrompt, -1.5, "rag-for-knowledge", "A general model does not know your private facts, and they rarely all fit in one prompt.")
	case KnowledgePublic:
		s.push(k, iPrompt, 0.5, "start-with-prompting", "General models already know most public facts.")
		s.push(k, iRAG, 0.5, "rag-for-knowledge", "Retrieval can add recent public facts the model has not seen.")
	case KnowledgeNone:
		s.push(k, iPrompt, 1, "start-with-prompting", "Everything the task needs is in the item itself, which is what a prompt handles well.")
		s.push(k, iRAG, -2.5, "rag-for-knowledge", "No outside facts are needed, so a retrieval index would add cost without benefit.")
		s.push(k, iHybrid, -2, "rag-for-knowledge", "No outside facts are needed, so the retrieval half of the hybrid adds nothing.")
	}
}

func (s *scorer) citations() {
	if !s.f.citations {
		return
	}
	const k = FieldCitationsRequired
	s.push(k, iRAG, 3, "rag-citations", "Answers must point to their sources; retrieval returns the passages it used, so each answer can cite them.")
	s.push(k, iHybrid, 2, "rag-citations", "The hybrid's retrieval step supplies the sources each answer must cite.")
	s.push(k, iPrompt, -2, "rag-citations", "Without retrieval a model cannot reliably say where a fact came from.")
	s.push(k, iFT, -2.5, "rag-citations", "A fine-tuned model cannot show where a fact came from.")
}

func (s *scorer) rulesExpressible() {
	const k = FieldRulesExpressible
	if s.f.rules {
		s.push(k, iClassic, 6, "classic-automation", "Fixed rules or classic ML on structured data can do this; Google's first rule of ML is that a simple, testable non-ML solution is a fine place to start, and it is cheap, fast and auditable.")
		for _, i := range [...]int{iPrompt, iRAG, iFT, iHybrid} {
			s.push(k, i, -1, "classic-automation", "A language model adds cost and unpredictability to work that fixed rules can do.")
		}
		return
	}
	s.push(k, iClassic, -4, "classic-automation", "Fixed rules and classic ML cannot cope with the variety of this work, so classic automation would handle only a small share.")
}

func (s *scorer) task() {
	const k = FieldTask
	switch s.f.task {
	case TaskClassify, TaskExtract:
		s.push(k, iFT, 0.5, "task-fit", "Classification and extraction are well-defined tasks where a tuned model learns the exact labels or fields from examples.")
	case TaskSummarize, TaskDraft, TaskTranslate, TaskConverse, TaskCode:
		s.push(k, iPrompt, 0.5, "task-fit", "Writing, summarising, translating and coding are what general language models do well out of the box.")
		s.push(k, iClassic, -1.5, "task-fit", "Rules cannot write free text, so classic automation does not fit this task.")
	case TaskAnswer:
		switch s.f.knowledge {
		case KnowledgePrivateStatic, KnowledgePrivateChanging:
			s.push(k, iRAG, 1, "task-fit", "Answering questions from your documents is the textbook case for retrieval.")
		case KnowledgePublic:
			s.push(k, iRAG, 0.5, "task-fit", "Answers about specific documents, even public ones, are more reliable when the model reads them first.")
		}
	case TaskDecide:
		s.push(k, iClassic, 1, "classic-automation", "Decisions often follow written policy that can be encoded and tested as rules.")
		if s.f.accuracy == AccuracyCritical || s.f.regulated {
			s.push(k, iManual, 2.5, "accuracy-human-review", "High-stakes or regulated decisions about people, money or rights stay with an accountable person; at most, software prepares the material.")
			for _, i := range [...]int{iPrompt, iRAG, iFT, iHybrid} {
				s.push(k, i, -1, "accuracy-human-review", "A language model cannot be held accountable for a high-stakes decision; use it to prepare material, not to decide.")
			}
		} else {
			s.push(k, iManual, 0.5, "accuracy-human-review", "Decisions about people or money usually need a named person who is accountable.")
		}
	}
}

func (s *scorer) consistency() {
	const k = FieldOutputConsistency
	switch s.f.consistency {
	case ConsistencyStrict:
		s.push(k, iFT, 1.5, "ft-format-style", "A strict format, tone or style is the most common reason to fine-tune: the model learns it from examples rather than instructions.")
		s.push(k, iHybrid, 1, "ft-format-style", "The hybrid's fine-tuned model learns the strict format from examples.")
		s.push(k, iClassic, 0.5, "classic-automation", "Rules produce exactly the same format every time.")
		s.push(k, iPrompt, -0.5, "ft-format-style", "Instructions and a few examples hold a strict format only up to a point; an eval set will show whether they are enough.")
	case ConsistencyConsistent:
		s.push(k, iFT, 0.5, "ft-format-style", "A consistent style is something fine-tuning teaches reliably.")
		s.push(k, iHybrid, 0.5, "ft-format-style", "A consistent style is something the hybrid's fine-tuned model learns.")
	case ConsistencyFlexible:
		s.push(k, iFT, -1, "ft-format-style", "No fixed format or style is needed, which removes the most common reason to fine-tune.")
		s.push(k, iHybrid, -1, "ft-format-style", "No fixed format or style is needed, which removes the main reason for the hybrid's fine-tuning.")
	}
}

func (s *scorer) baseline() {
	const k = FieldPromptBaseline
	switch s.f.baseline {
	case BaselineUntried:
		s.push(k, iPrompt, 1.5, "evals-first", "Prompting has not been measured yet; every vendor says to build an eval set and try prompting first, and it may well be enough.")
		s.push(k, iFT, -3, "evals-first", "Without a measured prompt baseline nobody can tell whether fine-tuning helps; OpenAI, Google and Azure all ask for one first.")
		s.push(k, iHybrid, -3, "evals-first", "Without a measured prompt baseline nobody can tell whether the hybrid's fine-tuning helps.")
	case BaselineGoodEnough:
		s.push(k, iPrompt, 3, "start-with-prompting", "Prompting already meets your bar on an eval set; keep it and spend the effort elsewhere.")
		s.push(k, iFT, -1.5, "evals-first", "Prompting already meets the bar, so there is no quality gap for fine-tuning to close.")
		s.push(k, iHybrid, -1.5, "evals-first", "Prompting already meets the bar, so there is no quality gap for the hybrid to close.")
	case BaselinePlateaued:
		s.push(k, iFT, 3, "ft-format-style", "Prompting was measured and stopped improving; that is the point at which vendors say fine-tuning is worth trying.")
		s.push(k, iHybrid, 3, "hybrid-ft-rag", "Prompting was measured and stopped improving, which is when adding fine-tuning to retrieval pays.")
		s.push(k, iPrompt, -3, "evals-first", "Further prompt changes no longer improve the measured results.")
	}
}

func (s *scorer) examples() {
	const k = FieldLabeledExamples
	n := s.f.labeled
	switch {
	case n < 10:
		s.push(k, iFT, -4, "ft-data-requirements", "With fewer than 10 good examples there is nothing to train on; OpenAI's minimum is 10 and gains start around 50 to 100.")
		s.push(k, iHybrid, -4, "ft-data-requirements", "With fewer than 10 good examples the hybrid's fine-tuning has nothing to learn from.")
	case n < 100:
		s.push(k, iFT, -1.5, "ft-data-requirements", "Enough examples to test fine-tuning but not to ship it: Google starts at 100 and Azure recommends 500 or more for production.")
		s.push(k, iHybrid, -1.5, "ft-data-requirements", "Enough examples to test the hybrid's fine-tuning but not to ship it.")
	case n < 500:
		s.push(k, iFT, 0.5, "ft-data-requirements", "Enough examples for a first fine-tuning run; Google suggests starting with 100.")
		s.push(k, iHybrid, 0.5, "ft-data-requirements", "Enough examples for a first run of the hybrid's fine-tuning.")
	default:
		s.push(k, iFT, 2, "ft-data-requirements", "You have 500 or more good examples, the amount Azure recommends for a production fine-tune.")
		s.push(k, iHybrid, 2, "ft-data-requirements", "You have 500 or more good examples, enough for the hybrid's fine-tuning.")
	}
}

func (s *scorer) domain() {
	const k = FieldDomain
	switch s.f.domain {
	case DomainNiche:
		s.push(k, iFT, 2, "ft-domain-adaptation", "Text far from everyday language (rare jargon, languages or formats) is where tuning on your own examples pays most.")
		s.push(k, iHybrid, 1.5, "ft-domain-adaptation", "The hybrid's fine-tuning adapts the model to your unusual language.")
		s.push(k, iPrompt, -1, "ft-domain-adaptation", "General models handle very unusual language and formats poorly from instructions alone.")
	case DomainSpecialized:
		s.push(k, iFT, 0.5, "ft-domain-adaptation", "Specialist jargon can benefit from tuning, though careful prompting has matched tuned specialist models in medicine.")
		s.push(k, iHybrid, 0.5, "ft-domain-adaptation", "Specialist jargon can benefit from the hybrid's tuning.")
	case DomainGeneral:
		s.push(k, iPrompt, 0.5, "start-with-prompting", "Everyday language is what general models handle best.")
		s.push(k, iFT, -1, "ft-domain-adaptation", "Everyday language gives fine-tuning little to teach, and tuning can cost general ability.")
		s.push(k, iHybrid, -1, "ft-domain-adaptation", "Everyday language gives the hybrid's fine-tuning little to teach.")
	}
}

func (s *scorer) latency() {
	if s.f.latency != LatencyRealtime {
		return
	}
	const k = FieldLatency
	s.push(k, iClassic, 1.5, "latency", "Rules and classic models answer in milliseconds.")
	s.push(k, iFT, 1.5, "latency", "A smaller fine-tuned model with a short prompt is the fastest language-model option.")
	s.push(k, iRAG, -1, "latency", "Retrieval adds a search step before every answer.")
	s.push(k, iHybrid, -0.5, "latency", "The hybrid's search step adds time before every answer.")
	s.push(k, iPrompt, -0.5, "latency", "Long prompts full of examples take longer to process.")
}

// combination: both needs at once (facts to look up and behaviour only
// training teaches) is the case the hybrid exists for; every condition the
// vendors set for fine-tuning at once, with no facts to look up, is the case
// fine-tuning exists for.
func (s *scorer) combination() {
	f := s.f
	retrieval := f.privateKnowledge() || f.citations
	training := f.baseline == BaselinePlateaued || f.consistency == ConsistencyStrict || f.domain == DomainNiche
	if retrieval && training && f.labeled >= 100 {
		s.push(FactorCombination, iHybrid, 2, "hybrid-ft-rag", "You need both facts looked up at answer time and behaviour only training teaches; Microsoft's studies found the two gains add up.")
	}
	learnable := f.consistency != ConsistencyFlexible || f.domain != DomainGeneral
	if !retrieval && f.baseline == BaselinePlateaued && learnable && f.labeled >= 500 {
		s.push(FactorCombination, iFT, 2, "ft-format-style", "Every condition the vendors set for fine-tuning holds: prompting was measured and plateaued, the gap is a format, style or language the model can learn from examples, and you have the 500 or more examples Azure asks for.")
	}
}
