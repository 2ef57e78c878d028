package parse

import "math"

// One working calendar serves every conversion, so that a day rate, a yearly
// salary and a weekly volume all agree with each other.
const (
	answerDaysPerYear      = 365.0
	answerWeeksPerYear     = 52.0
	answerWorkDaysPerYear  = 260.0 // 52 weeks of 5 days
	answerWorkHoursPerDay  = 8.0
	answerWorkHoursPerYear = answerWorkDaysPerYear * answerWorkHoursPerDay // 2,080
	answerMonthsPerYear    = 12.0
)

// answerPeriod is the span of a rate: how many of it fit in a month, and how
// many working hours one holds. Hour rates of items count working hours only,
// since the people doing the work today are only there then.
type answerPeriod struct{ perMonth, workHours float64 }

// answerUnit is a word for a span and its size in the field's own unit.
type answerUnit struct {
	phrase string
	size   float64
}

// periodWord is a word for the period of a rate. Short ones ("h", "d") only
// count straight after "/" or "per", where they cannot be anything else.
type periodWord struct {
	phrase string
	short  bool
	p      answerPeriod
}

var (
	answerHour    = answerPeriod{answerWorkHoursPerYear / answerMonthsPerYear, 1}
	answerDay     = answerPeriod{answerDaysPerYear / answerMonthsPerYear, answerWorkHoursPerDay}
	answerWorkDay = answerPeriod{answerWorkDaysPerYear / answerMonthsPerYear, answerWorkHoursPerDay}
	answerWeek    = answerPeriod{answerWeeksPerYear / answerMonthsPerYear, answerWorkHoursPerYear / answerWeeksPerYear}
	answerMonth   = answerPeriod{1, answerWorkHoursPerYear / answerMonthsPerYear}
	answerQuarter = answerPeriod{1.0 / 3, answerWorkHoursPerYear / 4}
	answerYear    = answerPeriod{1 / answerMonthsPerYear, answerWorkHoursPerYear}

	periodWords = []periodWord{
		{"hour", false, answerHour}, {"hours", false, answerHour}, {"hr", false, answerHour}, {"h", true, answerHour},
		{"day", false, answerDay}, {"days", false, answerDay}, {"d", true, answerDay},
		{"working day", false, answerWorkDay}, {"working days", false, answerWorkDay},
		{"business day", false, answerWorkDay}, {"business days", false, answerWorkDay},
		{"work day", false, answerWorkDay}, {"work days", false, answerWorkDay},
		{"workday", false, answerWorkDay}, {"workdays", false, answerWorkDay},
		{"weekday", false, answerWorkDay}, {"weekdays", false, answerWorkDay},
		{"week", false, answerWeek}, {"weeks", false, answerWeek}, {"wk", false, answerWeek}, {"w", true, answerWeek},
		{"month", false, answerMonth}, {"months", false, answerMonth}, {"mo", false, answerMonth}, {"mth", false, answerMonth},
		{"quarter", false, answerQuarter}, {"quarters", false, answerQuarter}, {"qtr", false, answerQuarter},
		{"year", false, answerYear}, {"years", false, answerYear}, {"yr", false, answerYear}, {"y", true, answerYear},
		{"annum", false, answerYear},
	}
	rateAdverbs = []periodWord{
		{"hourly", false, answerHour}, {"daily", false, answerDay}, {"nightly", false, answerDay},
		{"weekly", false, answerWeek}, {"monthly", false, answerMonth}, {"quarterly", false, answerQuarter},
		{"yearly", false, answerYear}, {"annually", false, answerYear}, {"annual", false, answerYear},
		// British shorthand: "£50ph", "£40k pa", "£40k p.a.".
		{"ph", false, answerHour}, {"p h", false, answerHour}, {"pa", false, answerYear}, {"p a", false, answerYear},
	}
	// rateMarkers introduce the period of a rate: "a week", "each month".
	rateMarkers = []string{"a", "an", "each", "in a", "in an", "in one", "in each", "on", "on each", "on all"}

	minuteUnits = []answerUnit{
		{"s", 1.0 / 60}, {"sec", 1.0 / 60}, {"secs", 1.0 / 60}, {"second", 1.0 / 60}, {"seconds", 1.0 / 60},
		{"m", 1}, {"min", 1}, {"mins", 1}, {"minute", 1}, {"minutes", 1},
		{"h", 60}, {"hr", 60}, {"hrs", 60}, {"hour", 60}, {"hours", 60},
		{"d", 60 * answerWorkHoursPerDay}, {"day", 60 * answerWorkHoursPerDay}, {"days", 60 * answerWorkHoursPerDay},
		{"working day", 60 * answerWorkHoursPerDay}, {"working days", 60 * answerWorkHoursPerDay},
		{"work day", 60 * answerWorkHoursPerDay}, {"work days", 60 * answerWorkHoursPerDay},
		{"workday", 60 * answerWorkHoursPerDay}, {"workdays", 60 * answerWorkHoursPerDay},
		{"wk", 5 * 60 * answerWorkHoursPerDay}, {"week", 5 * 60 * answerWorkHoursPerDay}, {"weeks", 5 * 60 * answerWorkHoursPerDay},
	}
	weekUnits = []answerUnit{
		{"d", 1.0 / 7}, {"day", 1.0 / 7}, {"days", 1.0 / 7}, {"calendar day", 1.0 / 7}, {"calendar days", 1.0 / 7},
		{"working day", 1.0 / 5}, {"working days", 1.0 / 5}, {"work day", 1.0 / 5}, {"work days", 1.0 / 5},
		{"workday", 1.0 / 5}, {"workdays", 1.0 / 5}, {"business day", 1.0 / 5}, {"business days", 1.0 / 5},
		{"w", 1}, {"wk", 1}, {"wks", 1}, {"week", 1}, {"weeks", 1}, {"fortnight", 2}, {"fortnights", 2},
		{"mo", answerWeeksPerYear / answerMonthsPerYear}, {"mos", answerWeeksPerYear / answerMonthsPerYear},
		{"mth", answerWeeksPerYear / answerMonthsPerYear}, {"mths", answerWeeksPerYear / answerMonthsPerYear},
		{"month", answerWeeksPerYear / answerMonthsPerYear}, {"months", answerWeeksPerYear / answerMonthsPerYear},
		{"q", answerWeeksPerYear / 4}, {"qtr", answerWeeksPerYear / 4}, {"qtrs", answerWeeksPerYear / 4},
		{"quarter", answerWeeksPerYear / 4}, {"quarters", answerWeeksPerYear / 4},
		{"y", answerWeeksPerYear}, {"yr", answerWeeksPerYear}, {"yrs", answerWeeksPerYear},
		{"year", answerWeeksPerYear}, {"years", answerWeeksPerYear},
	}
)

// rate reads the period of a rate: "a week", "/day", "per working day",
// "every 2 weeks", "monthly".
func (r *answerReader) rate() (answerPeriod, bool) {
	start := r.i
	for _, a := range rateAdverbs {
		if r.accept(a.phrase) {
			return a.p, true
		}
	}
	short, every := false, 1.0
	switch {
	case r.accept("/"), r.accept("per"):
		short = true
	case r.accept("every"):
		if r.accept("other") {
			every = 2
		} else if q, ok := r.quantity(false); ok {
			every = q.v
		}
	case r.acceptAny(rateMarkers):
	default:
		return answerPeriod{}, false
	}
	p, ok := r.period(short)
	if !ok || !(every > 0) || math.IsInf(every, 0) {
		r.i = start
		return answerPeriod{}, false
	}
	return answerPeriod{p.perMonth / every, p.workHours * every}, true
}

// period reads a period word, the longest that fits.
func (r *answerReader) period(short bool) (answerPeriod, bool) {
	var best answerPeriod
	n := 0
	for _, pw := range periodWords {
		if pw.short && !short {
			continue
		}
		if m := r.match(0, pw.phrase); m > n {
			best, n = pw.p, m
		}
	}
	r.i += n
	return best, n > 0
}

// unit reads a unit word, the longest that fits, and returns its size.
func (r *answerReader) unit(k int, units []answerUnit) (float64, int) {
	size, n := 0.0, 0
	for _, u := range units {
		if m := r.match(k, u.phrase); m > n {
			size, n = u.size, m
		}
	}
	return size, n
}

// duration reads a span as a sum of terms in falling units: "6", "90s",
// "1h30", "an hour and a half", "1 year 6 months". A bare number is the
// field's own unit (size 1) and only stands alone; smaller, when given, names
// the unit a bare number after a term means ("1h30" is 30 minutes).
func (r *answerReader) duration(units []answerUnit, smaller func(prev float64) float64) (total float64, converted, ok bool) {
	prev := math.Inf(1)
	terms := 0
	for {
		mark := r.i
		if terms > 0 {
			r.accept("and")
		}
		var q float64
		if w := r.word(0); (w == "a" || w == "an" || w == "one") && r.startsUnit(1, units) {
			r.i++
			q = 1
		} else if qq, ok := r.quantity(false); ok {
			q = qq.v
		} else {
			r.i = mark
			break
		}
		size, n := r.unit(0, units)
		r.i += n
		bare := false
		if n == 0 {
			switch {
			case terms == 0:
				size, bare = 1, true
			case smaller != nil && smaller(prev) > 0:
				size = smaller(prev)
			default:
				r.i = mark
				return total, converted, terms > 0
			}
		}
		if size >= prev {
			r.i = mark
			break
		}
		if r.accept("and a half") {
			q += 0.5
		}
		total += q * size
		converted = converted || size != 1
		prev = size
		terms++
		if bare {
			break
		}
	}
	return total, converted, terms > 0
}

// startsUnit reports whether token k starts a unit word.
func (r *answerReader) startsUnit(k int, units []answerUnit) bool {
	_, n := r.unit(k, units)
	return n > 0
}

// smallerTimeUnit says what a bare number after hours or minutes counts:
// "1h30" is 90 minutes, "5m30" five and a half.
func smallerTimeUnit(prev float64) float64 {
	switch prev {
	case 60:
		return 1
	case 1:
		return 1.0 / 60
	}
	return 0
}
