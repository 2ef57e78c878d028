package parse

import "github.com/advisorbot/advisorbot/advisor"

// Reading hourly cost and budget from amounts of money.

func (x *extractor) currencyBefore(i int) bool {
	if !x.inClause(i, i-1) {
		return false
	}
	return xCurrencySyms[x.toks[i-1].text] || xCurrencyCodes[x.word(i-1)]
}

// currencyAfter returns how many tokens after an amount name its currency.
func (x *extractor) currencyAfter(e int) int {
	if !x.inClause(e-1, e) {
		return 0
	}
	if x.word(e) == "us" && (x.word(e+1) == "dollars" || x.word(e+1) == "dollar") {
		return 2
	}
	if xCurrencyWords[x.word(e)] || x.toks[e].glued && xCurrencySyms[x.toks[e].text] {
		return 1
	}
	return 0
}

// readMoney reads an hourly cost (an amount with a period, or a salary) or a
// budget (an amount next to "budget" or "can spend").
func (x *extractor) readMoney(i, e int) int {
	a := i
	if x.currencyBefore(i) {
		a = i - 1
	}
	j := e + x.currencyAfter(e)
	for _, extra := range []string{"fully", "loaded", "all", "in", "gross"} {
		if x.word(j) == extra && (extra != "in" || x.word(j-1) == "all") && x.inClause(i, j) {
			j++
		}
	}
	per, r := x.period(j)
	if per == 0 && (x.word(j) == "salary" || x.word(j) == "pa" || x.word(j) == "ph") && x.inClause(i, j) {
		per, r = 'y', j+1
		if x.word(j) == "ph" {
			per = 'h'
		}
	}
	switch {
	case per != 0:
		if x.personCost(a, r, per) {
			x.setParsed(advisor.FieldHourlyCost, x.span(a, r), a, r)
		}
		return r
	case x.anyBefore(i, 5, xSalaryWords) && x.personCost(a, j, 'y'):
		x.setParsed(advisor.FieldHourlyCost, x.span(a, j)+" a year", a, j)
	case x.budgetCue(a, j):
		x.setParsed(advisor.FieldBudget, x.span(a, j), a, j)
	}
	return j
}

// personCost reports whether money with a period in tokens [a, r) is what a
// person costs: not software or a saving, and for periods longer than a day,
// said next to a person or a salary ("analysts at $90k a year"). The words
// looked at stop at another amount, which they may be about instead.
func (x *extractor) personCost(a, r int, per byte) bool {
	person := x.word(a-1) == "at"
	for k := a - 1; k >= a-6 && x.inClause(a, k) && x.toks[k].kind == tokWord; k-- {
		if xCostBlockers[x.word(k)] {
			return false
		}
		person = person || xPersonWords[x.word(k)]
	}
	for k := r; k < r+4 && x.inClause(a, k) && x.toks[k].kind == tokWord; k++ {
		if xCostObjects[x.word(k)] {
			return false // "$2,000 a month for the software"
		}
		person = person || xPersonWords[x.word(k)]
	}
	return per == 'h' || per == 'd' || person
}

// budgetCue reports whether an amount in tokens [i, j) is a one-off budget.
func (x *extractor) budgetCue(i, j int) bool {
	if x.labelBefore(i, "budget") >= 0 {
		return true
	}
	for k := i - 1; k >= i-6 && x.inClause(i, k); k-- {
		switch w := x.word(k); w {
		case "budget", "budgeted", "budgets":
			return true
		case "spend", "invest", "allocate":
			if xModalWords[x.word(k-1)] || x.word(k-1) == "up" {
				return true
			}
		}
	}
	if !x.inClause(i, j) {
		return false
	}
	w := x.word(j)
	return w == "budget" || (w == "in" || w == "of" || w == "for") && x.word(j+1) == "budget"
}
