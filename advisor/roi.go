package advisor

import (
	"encoding/json"
	"math"
	"strconv"
)

// ROI is the estimated economics of one approach, in the currency of the
// assumptions (USD by default), per month unless named otherwise.
//
//	manual_monthly_cost = monthly_volume x minutes_per_task / 60 x hourly_cost
//	monthly_labor_saved = manual_monthly_cost x automation share x (1 - review_share if human_review)
//	net_monthly         = monthly_labor_saved - monthly_run_cost
//	payback_months      = one_off_cost / net_monthly, when net_monthly > 0 (else null)
//	roi_N               = (N x net_monthly - one_off_cost) / one_off_cost (null when one_off_cost is 0)
//
// How one_off_cost and monthly_run_cost are built per approach is documented
// on [costs]. Money is rounded to cents before the ratios are computed, so
// the identities above hold exactly on the reported figures.
type ROI struct {
	OneOffCost        float64  `json:"one_off_cost"`
	MonthlyRunCost    float64  `json:"monthly_run_cost"`
	MonthlyLaborSaved float64  `json:"monthly_labor_saved"`
	NetMonthly        float64  `json:"net_monthly"`
	PaybackMonths     Optional `json:"payback_months"`
	ROI12             Optional `json:"roi_12m"`
	ROI36             Optional `json:"roi_36m"`
}

// Optional is a number that may be absent; it encodes as JSON null when
// absent. It avoids a pointer (and an allocation) per figure.
type Optional struct {
	Value float64
	Valid bool
}

// Some returns a present Optional.
func Some(x float64) Optional { return Optional{x, true} }

// MarshalJSON implements json.Marshaler.
func (o Optional) MarshalJSON() ([]byte, error) {
	if !o.Valid {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, o.Value, 'f', -1, 64), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (o *Optional) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*o = Optional{}
		return nil
	}
	if err := json.Unmarshal(b, &o.Value); err != nil {
		return err
	}
	o.Valid = true
	return nil
}

// value36 is the net value over three years; the rules compare approaches by it.
func (r *ROI) value36() float64 { return 36*r.NetMonthly - r.OneOffCost }

// Model tiers. Prompting a hard task uses a large model; fine-tuning distils
// it into the next smaller one, which is where its run-cost advantage comes from.
const (
	tierTiny = iota
	tierSmall
	tierLarge
)

// promptTier is the model a prompted or retrieval approach needs: a large
// model when mistakes are costly, the language is specialist or the task is
// code or judgement; a small one otherwise.
func (f *facts) promptTier() int {
	switch {
	case f.accuracy == AccuracyHigh || f.accuracy == AccuracyCritical,
		f.domain == DomainSpecialized || f.domain == DomainNiche,
		f.task == TaskCode || f.task == TaskDecide:
		return tierLarge
	}
	return tierSmall
}

func (a *Assumptions) prices(tier int) (in, out float64) {
	switch tier {
	case tierLarge:
		return a.v(aLargeIn), a.v(aLargeOut)
	case tierSmall:
		return a.v(aSmallIn), a.v(aSmallOut)
	}
	return a.v(aTinyIn), a.v(aTinyOut)
}

func (a *Assumptions) trainingPrice(tier int) float64 {
	if tier == tierTiny {
		return a.v(aTrainTiny)
	}
	// Training the large tier is not modelled: fine-tuning distils down a tier.
	return a.v(aTrainSmall)
}

// manualMonthly is the cost of doing the work by hand today.
func (f *facts) manualMonthly() float64 {
	return cents(f.volume * f.minutes / 60 * f.hourly)
}

// automationShare is the share of items an approach can handle without a
// person. An approach that cannot reach the facts the task needs, or a rules
// engine on a task rules cannot express, handles far fewer.
func (f *facts) automationShare(i int, a *Assumptions) float64 {
	s := a.v(aAutomationShare)
	switch i {
	case iPrompt:
		if f.privateKnowledge() {
			s *= 0.5
		}
	case iFT:
		switch f.knowledge {
		case KnowledgePrivateChanging:
			s *= 0.5
		case KnowledgePrivateStatic:
			s *= 0.7
		}
	case iClassic:
		if !f.rules {
			s *= 0.15
		}
	case iManual:
		s = 0
	}
	if f.review {
		s *= 1 - a.v(aReviewShare)
	}
	return s
}

// costs fills the ROI of every approach.
//
// One-off cost: build days x engineer day rate, plus for fine-tuning and the
// hybrid the labelling of the examples still missing (examples_for_production,
// or examples_for_new_skill in a niche domain, at the expert rate outside
// general text) and the training run (examples x tokens per example x epochs x
// training price). Teams without ML skill take 1.5x the build days for
// fine-tuning work, strong teams 0.8x.
//
// Monthly run cost: volume x (input tokens x input price + output tokens x
// output price) / 1M, plus upkeep days x day rate; retrieval adds its search
// service; fine-tuning adds the hosting fee (hourly fee x hours per month) and
// retraining after base-model changes (retrains per year / 12 x (retrain days
// x day rate + training cost)); classic automation pays its runtime instead of
// tokens. Classic automation's build, upkeep and runtime are the assumptions'
// figures (a moderate rule set) scaled by the complexity the profile implies
// (see classicComplexity): routing on a form field is days of work, encoding
// policy decisions in a niche domain is weeks. Keeping it manual costs and saves nothing. When self-hosting is
// allowed, fine-tuning is priced as an open-weight LoRA on a rented GPU
// (training GPU hours, a GPU for serving, no per-token cost, no forced
// retraining); otherwise as a hosted fine-tune (Azure: base token rate plus
// the hourly hosting fee).
func (f *facts) costs(a *Assumptions, out *[numApproaches]ROI) {
	manual := f.manualMonthly()
	day := a.v(aDayRate)
	itemIn, itemOut := a.itemTokens(f.task)

	pt := f.promptTier()
	ftTier := max(pt-1, tierTiny)
	pIn, pOut := a.prices(pt)
	fIn, fOut := a.prices(ftTier)
	mult := a.v(aFTTokenMultiplier)
	fIn, fOut = fIn*mult, fOut*mult

	perMonth := func(tokensIn, priceIn, priceOut float64) float64 {
		return f.volume * (tokensIn*priceIn + itemOut*priceOut) / 1e6
	}
	promptTokens := a.v(aPromptTokens) + itemIn
	ragTokens := promptTokens + a.v(aRAGContextTokens)
	ftTokens := a.v(aFTPromptTokens) + itemIn
	hybridTokens := ftTokens + a.v(aRAGContextTokens)

	// Fine-tuning's data and training, shared by the hybrid.
	needed := a.v(aExamplesProduction)
	if f.domain == DomainNiche {
		needed = a.v(aExamplesNewSkill)
	}
	perExample := a.v(aLabelGeneral)
	if f.domain != DomainGeneral {
		perExample = a.v(aLabelExpert)
	}
	labelling := max(needed-f.labeled, 0) * perExample
	training := max(needed, f.labeled) * (ftTokens + itemOut) * a.v(aFTEpochs) * a.trainingPrice(ftTier) / 1e6
	skill := 1.0
	switch f.skill {
	case SkillNone:
		skill = 1.5
	case SkillStrong:
		skill = 0.8
	}
	hosting := a.v(aFTHostingPerHour) * a.v(aHoursPerMonth)
	retrain := a.v(aRetrainsPerYear) / 12 * (a.v(aRetrainDays)*day + training)
	if f.selfHost {
		// An open-weight LoRA on a rented GPU: the GPU is the hosting and
		// the tokens are free; nobody retires the model, so no forced
		// retraining. Hosted platforms (Azure's base token rate plus an
		// hourly fee) are the route when self-hosting is not allowed.
		training = a.v(aLoRATrainHours) * a.v(aGPUHour)
		hosting = a.v(aGPUHour) * a.v(aHoursPerMonth)
		fIn, fOut = 0, 0
		retrain = 0
	}
	search := a.v(aSearchMonthly)
	cx := f.classicComplexity()

	oneOff := [numApproaches]float64{
		iPrompt:  a.v(aBuildPrompt) * day,
		iRAG:     a.v(aBuildRAG) * day,
		iFT:      a.v(aBuildFT)*day*skill + labelling + training,
		iHybrid:  a.v(aBuildHybrid)*day*skill + labelling + training,
		iClassic: a.v(aBuildClassic) * day * cx,
	}
	run := [numApproaches]float64{
		iPrompt:  perMonth(promptTokens, pIn, pOut) + a.v(aMaintPrompt)*day,
		iRAG:     perMonth(ragTokens, pIn, pOut) + search + a.v(aMaintRAG)*day,
		iFT:      perMonth(ftTokens, fIn, fOut) + hosting + retrain + a.v(aMaintFT)*day,
		iHybrid:  perMonth(hybridTokens, fIn, fOut) + hosting + retrain + search + a.v(aMaintHybrid)*day,
		iClassic: (a.v(aClassicRun) + a.v(aMaintClassic)*day) * cx,
	}
	for i := range out {
		out[i].setCosts(oneOff[i], run[i], manual*f.automationShare(i, a))
	}
}

// setCosts sets an approach's costs and saving, in cents, and what follows
// from them: the net monthly gain, the payback and the 12- and 36-month ROI.
func (r *ROI) setCosts(oneOff, run, saved float64) {
	r.OneOffCost = cents(oneOff)
	r.MonthlyRunCost = cents(run)
	r.MonthlyLaborSaved = cents(saved)
	r.NetMonthly = cents(r.MonthlyLaborSaved - r.MonthlyRunCost)
	r.PaybackMonths, r.ROI12, r.ROI36 = Optional{}, Optional{}, Optional{}
	if r.NetMonthly > 0 {
		r.PaybackMonths = Some(r.OneOffCost / r.NetMonthly)
	}
	if r.OneOffCost > 0 {
		r.ROI12 = Some((12*r.NetMonthly - r.OneOffCost) / r.OneOffCost)
		r.ROI36 = Some((36*r.NetMonthly - r.OneOffCost) / r.OneOffCost)
	}
}

// classicComplexity scales classic automation's costs from the moderate
// rule set the assumptions price (1.0: an extraction template or a policy
// table with tests). Routing, tagging and matching on fields a form already
// has are a handful of rules (Google's Rules of ML: a heuristic first);
// judgement encoded as policy is more; unusual language or formats and
// costly mistakes need more rules and more tests.
func (f *facts) classicComplexity() float64 {
	var x float64
	switch f.task {
	case TaskClassify, TaskOther:
		x = 0.3
	case TaskExtract:
		x = 0.75
	case TaskDecide, TaskAnswer:
		x = 1
	default: // writing tasks: rules cover only templated text
		x = 1.25
	}
	switch f.domain {
	case DomainNiche:
		x *= 1.5
	case DomainSpecialized:
		x *= 1.2
	}
	if f.accuracy == AccuracyHigh || f.accuracy == AccuracyCritical {
		x *= 1.3
	}
	return x
}

// cents rounds money to the cent, so reported figures add up as printed.
func cents(x float64) float64 { return math.Round(x*100) / 100 }
