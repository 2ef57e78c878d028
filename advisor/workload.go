package advisor

// Workload is the manual work an assessment priced: items a month, minutes
// each and the hourly cost, with the priors the advisor used where the
// profile is silent. A follow-up converts "3 minutes an item" into hours a
// month with it, and compares time saved with the estimate's in hours.
type Workload struct {
	MonthlyVolume  float64
	MinutesPerTask float64
	HourlyCost     float64
}

// Workload returns the workload the advisor prices for u.
func (a *Advisor) Workload(u UseCase) Workload {
	f := resolve(&u, &a.a)
	return Workload{MonthlyVolume: f.volume, MinutesPerTask: f.minutes, HourlyCost: f.hourly}
}

// HoursSaved is the monthly labour saving of an ROI in hours of this
// workload's time (0 when the hourly cost is unknown or zero).
func (w Workload) HoursSaved(r ROI) float64 {
	if w.HourlyCost <= 0 {
		return 0
	}
	return r.MonthlyLaborSaved / w.HourlyCost
}

// MonthlyHours turns minutes saved per item into hours saved per month.
func (w Workload) MonthlyHours(minutesPerItem float64) float64 {
	return minutesPerItem * w.MonthlyVolume / 60
}
