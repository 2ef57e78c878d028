package advisor

import "fmt"

// economics turns the ROI model into score: an approach that never pays back
// is pushed down hard, the manual process wins when nothing pays back within
// three years, and a smaller fine-tuned model wins on cost only when its run
// savings repay its extra one-off cost within a year (Azure's warning that
// cost alone is a weak reason to fine-tune is why the bar is that high).
func (s *scorer) economics(roi *[numApproaches]ROI) {
	const k = FactorROI
	best, bestValue := -1, 0.0
	for i := iPrompt; i <= iClassic; i++ {
		r := &roi[i]
		switch v := r.value36(); {
		case r.NetMonthly <= 0:
			s.push(k, i, -5, "keep-manual-economics", "It would cost more to run each month than the work it saves.")
		case v < 0:
			s.push(k, i, -3, "keep-manual-economics", "It would not pay back its one-off cost within three years.")
		case v > bestValue:
			best, bestValue = i, v
		}
	}
	switch {
	case best < 0:
		s.push(k, iManual, 6, "keep-manual-economics", "No automation pays back within three years at this volume; doing the work by hand is the cheapest option.")
	default:
		s.push(k, best, 1, "roi-model", "It has the highest three-year net value of the options.")
		if p := roi[best].PaybackMonths; p.Valid && p.Value <= 12 {
			s.push(k, iManual, -1, "keep-manual-economics", "Automation pays back within a year, so keeping it manual leaves savings unused.")
		}
	}
	s.distillation(roi, iFT, iPrompt)
	s.distillation(roi, iHybrid, iRAG)
	s.budget(roi)
}

// distillation favours tuned over prompted when a smaller tuned model runs
// for well under the prompted model's cost and repays the difference in a year.
func (s *scorer) distillation(roi *[numApproaches]ROI, tuned, prompted int) {
	t, p := &roi[tuned], &roi[prompted]
	gain := t.NetMonthly - p.NetMonthly
	if gain <= 0 || t.MonthlyRunCost >= distilRunShare*p.MonthlyRunCost || t.OneOffCost-p.OneOffCost > 12*gain {
		return
	}
	if gain >= t.OneOffCost {
		// A month's saving pays for the whole fine-tune: the scale at which
		// OpenAI's and Azure's guidance make cost a reason in itself
		// (Indeed's invite-to-apply messages at ~20M a month).
		s.push(FactorROI, tuned, distilStrong, "ft-distillation", "At this volume a smaller fine-tuned model costs so much less to run that one month's saving pays for the whole fine-tune.")
		return
	}
	s.push(FactorROI, tuned, 2.5, "ft-distillation", "At this volume a smaller fine-tuned model costs much less to run than prompting a large one, and the saving repays the extra set-up within a year.")
}

// distilStrong is the push of a distillation that pays for itself within a
// month: enough to outweigh "prompting is already good enough" (-1.5 for the
// tuned model, +3 for prompting), since the reason to tune is then cost, not
// quality.
const distilStrong = 4.5

// Thresholds shared by the rules and the planner's probes.
const (
	distilRunShare = 0.7 // a tuned model must run for under 70% of the prompted one
	budgetFarOver  = 1.5 // one-off cost more than 1.5x the budget is out of reach
)

// budget pushes down every approach whose one-off cost exceeds the budget,
// and much further when it is far beyond it: a 10% overrun can be argued
// for, a sixfold one cannot.
func (s *scorer) budget(roi *[numApproaches]ROI) {
	b := s.f.budget
	for i := iPrompt; i <= iClassic; i++ {
		c := roi[i].OneOffCost
		if c <= b {
			continue
		}
		pts, text := -3.0, ""
		managed := !(s.f.sensitivity == SensitivityRestricted && !s.f.selfHost)
		switch {
		case i == iPrompt, i == iRAG && managed:
			// Prompting's set-up scales down (a shared assistant with a style
			// guide and examples), and so does retrieval's (a managed service
			// such as Bedrock Knowledge Bases, which AWS advises starting
			// from, unless the data may not go to a hosted service);
			// training data and pipelines do not.
			pts = -2
		case c > budgetFarOver*b:
			pts = -7
		}
		if s.reasons != nil { // format only when the reason will be shown
			text = fmt.Sprintf("Its one-off cost of about %s is over your budget of %s.", Money(c), Money(b))
			switch i {
			case iPrompt:
				text += " A smaller first version can fit: a shared assistant with written instructions and examples."
			case iRAG:
				if managed {
					text += " A smaller first version can fit: a managed retrieval service over your documents."
				}
			}
		}
		s.push(FieldBudget, i, pts, "roi-model", text)
	}
}
