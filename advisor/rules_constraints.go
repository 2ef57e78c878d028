package advisor

// Rules about the constraints around the work rather than the work itself:
// the team's skills, the deadline, the stakes, regulation, data sensitivity
// and where models may run.

func (s *scorer) skill() {
	const k = FieldMLSkill
	switch s.f.skill {
	case SkillNone:
		s.push(k, iFT, -3, "ft-expertise", "Fine-tuning needs people who prepare data, train, evaluate and run models; Azure calls it an advanced technique that requires expertise.")
		s.push(k, iHybrid, -3.5, "ft-expertise", "The hybrid needs both ML and search engineering skills the team does not have.")
		s.push(k, iRAG, -0.5, "ft-expertise", "Retrieval needs someone to run an index and keep it fresh.")
	case SkillSome:
		s.push(k, iFT, -1, "ft-expertise", "The team can do some ML work, but a full training and evaluation pipeline is a stretch.")
		s.push(k, iHybrid, -1.5, "ft-expertise", "The team can do some ML work, but training plus retrieval is a stretch.")
	case SkillStrong:
		s.push(k, iFT, 1, "ft-expertise", "The team can run training, evaluations and MLOps, which fine-tuning needs.")
		s.push(k, iHybrid, 1, "ft-expertise", "The team can run the training, evaluations and MLOps the hybrid needs.")
	}
}

// Deadlines, in weeks, below which fine-tuning is out of reach or tight.
const (
	timelineShort = 4
	timelineTight = 10
)

func (s *scorer) timeline() {
	const k = FieldTimelineWeeks
	switch t := s.f.timeline; {
	case t < timelineShort:
		s.push(k, iPrompt, 1, "timeline", "Prompting can ship within days.")
		s.push(k, iRAG, -1.5, "timeline", "A retrieval pipeline takes a few weeks to build and evaluate.")
		s.push(k, iFT, -5, "timeline", "Fine-tuning takes weeks to months for data, training and evaluation: longer than you have.")
		s.push(k, iHybrid, -5.5, "timeline", "The hybrid takes months to build: longer than you have.")
	case t < timelineTight:
		s.push(k, iFT, -1.5, "timeline", "Fine-tuning's data, training and evaluation make this deadline tight.")
		s.push(k, iHybrid, -2, "timeline", "Building both a training pipeline and retrieval makes this deadline tight.")
	}
}

func (s *scorer) accuracy() {
	const k = FieldAccuracy
	switch {
	case s.f.accuracy == AccuracyCritical && !s.f.review:
		s.push(k, iManual, 4, "accuracy-human-review", "Mistakes are very costly and nobody would check the outputs; no model is error-free, so keep a person responsible or add review.")
		s.push(k, iPrompt, -3, "accuracy-human-review", "An unchecked prompted model will make some costly mistakes.")
		s.push(k, iRAG, -2, "accuracy-human-review", "Retrieval reduces but does not remove wrong answers: Stanford found legal retrieval tools wrong 17-33% of the time.")
		s.push(k, iFT, -2, "accuracy-human-review", "An unchecked fine-tuned model will still make some costly mistakes.")
		s.push(k, iHybrid, -1.5, "accuracy-human-review", "Even the hybrid will make some mistakes, and nobody would catch them.")
		if s.f.rules {
			s.push(k, iClassic, 1, "classic-automation", "Deterministic rules can be tested case by case before they go live.")
		}
	case s.f.accuracy == AccuracyCritical:
		s.push(k, iRAG, 0.5, "rag-citations", "With a reviewer, retrieval's cited sources make each check quick.")
	case s.f.accuracy == AccuracyHigh && !s.f.review:
		s.push(k, iPrompt, -0.5, "accuracy-human-review", "Wrong outputs are costly and unchecked; measure accuracy on an eval set before launch.")
		if s.f.baseline != BaselineUntried {
			s.push(k, iFT, 0.5, "ft-format-style", "Vendors list high accuracy needs among the reasons to fine-tune once prompting has been measured.")
		}
		s.push(k, iManual, 0.5, "accuracy-human-review", "Costly, unchecked mistakes argue for keeping a person in the loop.")
	case s.f.accuracy == AccuracyLow:
		s.push(k, iPrompt, 1, "start-with-prompting", "Occasional mistakes are cheap, so a quick prompted solution is fine.")
		s.push(k, iManual, -1, "keep-manual-economics", "Low stakes make it safe to automate with light checks.")
	}
}

func (s *scorer) regulated() {
	if !s.f.regulated {
		return
	}
	const k = FieldRegulated
	s.push(k, iRAG, 1, "regulated-use", "Regulated work needs an audit trail; retrieval records which documents each answer used.")
	s.push(k, iFT, -0.5, "regulated-use", "Training on regulated data copies it into a model, which needs data governance and documentation.")
	s.push(k, iManual, 0.5, "regulated-use", "Regulators expect a person to be accountable for outcomes.")
}

func (s *scorer) sensitivity() {
	const k = FieldDataSensitivity
	switch s.f.sensitivity {
	case SensitivityRestricted:
		if s.f.selfHost {
			// Any language-model approach can then run on an open-weight
			// model in-house; the risk and next step say so.
			return
		}
		s.push(k, iPrompt, -4, "data-privacy", "Restricted data may not go to a hosted model, and in-house models are not allowed.")
		s.push(k, iRAG, -4, "data-privacy", "Retrieval would send restricted passages to a hosted model with every question.")
		s.push(k, iFT, -4.5, "data-privacy", "Fine-tuning would copy restricted data into a vendor's training pipeline.")
		s.push(k, iHybrid, -4.5, "data-privacy", "The hybrid would send restricted data to a vendor for training and for every answer.")
		s.push(k, iClassic, 1.5, "data-privacy", "Rules and classic models run entirely in-house.")
		s.push(k, iManual, 1.5, "data-privacy", "Keeping the work manual keeps restricted data where it is.")
	case SensitivityConfidential:
		if !s.f.selfHost {
			s.push(k, iFT, -1, "data-privacy", "Fine-tuning copies confidential examples into a vendor's training pipeline; check the data terms first.")
			s.push(k, iHybrid, -1, "data-privacy", "The hybrid's training copies confidential examples to a vendor; check the data terms first.")
		}
	}
}

// selfHosting carries the 2026 availability facts: hosted fine-tunes now have
// an expiry date, open-weight adapters do not.
func (s *scorer) selfHosting() {
	const k = FieldSelfHostingOK
	if s.f.selfHost {
		s.push(k, iFT, 0.5, "lora-open-weights", "An open-weight model tuned with LoRA is yours to keep: no vendor can retire it.")
		s.push(k, iHybrid, 0.5, "lora-open-weights", "The hybrid's open-weight adapter is yours to keep: no vendor can retire it.")
		return
	}
	s.push(k, iFT, -1, "vendor-ft-winddown-2026", "OpenAI closed self-serve fine-tuning to new customers in 2026 and hosted fine-tunes stop when their base model retires; Azure, Vertex AI and Bedrock still offer it.")
	s.push(k, iHybrid, -1, "vendor-ft-winddown-2026", "The hybrid's hosted fine-tune would stop working when its base model retires.")
}
