package redact

// Telephone numbers. A description is full of numbers and most are not
// phones, so a run counts as a phone only when it carries something a
// quantity does not: a leading + or 00, the North American 3-3-4 grouping,
// a European trunk 0 followed by more groups, or a word such as "phone"
// right before it. And always at least 9 digits, so 555-0132 and 20 000
// stay. Unspaced numbers without such a sign (4155550132) are left alone:
// they are as likely to be order numbers.

// phones finds telephone numbers in r.
func (sc *scan) phones(r *run) {
	if sc.e164(r) {
		return
	}
	for i := range r.groups {
		sc.northAmerican(r, i)
		sc.trunk(r, i)
		sc.intl00(r, i)
	}
	last := len(r.groups) - 1
	if d := phoneDigits(sc.s, r, 0, last); r.left && r.right && d >= 9 && d <= 15 && sc.phoneLabel(r.start()) {
		sc.add(r.start(), r.end(last), prioPhone, KindPhone)
	}
}

// countryCode reports whether a separate first group after "+" can be a
// country code: 1-3 digits, not starting with 0, and of the single digits
// only 1 (North America) and 7 (Russia, Kazakhstan). People also write
// "+4420 7946 0958", so 4 digits pass too. "+5 10 20 30 40" does not.
func countryCode(g string) bool {
	return len(g) <= 4 && g[0] != '0' && (len(g) > 1 || g == "1" || g == "7")
}

// e164 takes an international number written with "+": +44 20 7946 0958,
// +1-415-555-0132, +33 1 23 45 67 89, +14155550132; see countryCode for
// the first group of a number that is not unbroken. If the run goes on
// past 15 digits the longest prefix that fits, ending at a space, is taken.
func (sc *scan) e164(r *run) bool {
	if r.plus < 0 || !r.left || r.groups[0].paren {
		return false
	}
	last := len(r.groups) - 1
	for j := r.lastWithin(0, 16); j >= 0; j-- {
		d := phoneDigits(sc.s, r, 0, j)
		if d < 9 || d > 15 || j > 0 && !countryCode(sc.s[r.groups[0].start:r.groups[0].end]) {
			continue
		}
		if j == last && !r.right || j < last && !isSpace(r.seps[j]) {
			continue
		}
		sc.add(r.plus, r.end(j), prioPhone, KindPhone)
		return true
	}
	return false
}

// northAmerican takes (415) 555-0132, (415)555-0132, 415-555-0132,
// 415.555.0132, 415 555 0132 and the same after a leading 1, with a valid
// area code (first digit 2-9, second not 9) and exchange (first digit 2-9).
func (sc *scan) northAmerican(r *run, i int) {
	s, j := sc.s, i
	lead := r.size(i) == 1 && s[r.groups[i].start] == '1' && !r.groups[i].paren
	if lead {
		j++
	}
	if !nanpDigits(s, r, j) || !nanpSeps(r, i, j, lead) {
		return
	}
	if r.alone(i, j+2) {
		sc.add(r.pos(i), r.end(j+2), prioPhone, KindPhone)
	}
}

// nanpDigits: groups j..j+2 are a 3-digit area code (perhaps in
// parentheses), a 3-digit exchange and a 4-digit line, with the area code
// and exchange in their valid ranges.
func nanpDigits(s string, r *run, j int) bool {
	if j+2 >= len(r.groups) || r.size(j) != 3 || r.size(j+1) != 3 || r.size(j+2) != 4 || r.groups[j+1].paren || r.groups[j+2].paren {
		return false
	}
	area, ex := s[r.groups[j].start:], s[r.groups[j+1].start:]
	return area[0] >= '2' && area[1] != '9' && ex[0] >= '2'
}

// nanpSeps: the separators are as people write the number: after "(415)"
// a space or nothing, then one separator; otherwise one kind throughout,
// a leading 1 included.
func nanpSeps(r *run, i, j int, lead bool) bool {
	sepA, sepB := r.seps[j], r.seps[j+1]
	if r.groups[j].paren {
		if sepA != "" && !isSpace(sepA) || sepB == "" || sepB == "/" {
			return false
		}
	} else if sepA != sepB || !r.sameSep(j, j+1, " -.") {
		return false
	}
	return !lead || r.seps[i] != "" && r.seps[i] != "/" && (r.groups[j].paren || r.seps[i] == sepA)
}

// trunk takes national numbers with a leading trunk 0 written in groups:
// 020 7946 0958, 07700 900123, 01 23 45 67 89, 01.23.45.67.89,
// 030 12345678, 06-12345678, (020) 7946 0958; 9-12 digits in all.
func (sc *scan) trunk(r *run, i int) {
	s, g := sc.s, r.groups[i]
	if r.size(i) < 2 || r.size(i) > 5 || s[g.start] != '0' || s[g.start+1] == '0' {
		return
	}
	for j := r.lastWithin(i, 13); j > i; j-- {
		if d := phoneDigits(s, r, i, j); d < 9 || d > 12 {
			continue
		}
		ok := true
		for k := i + 1; k <= j; k++ {
			ok = ok && !r.groups[k].paren && r.size(k) >= 2 && r.size(k) <= 8
		}
		if g.paren {
			ok = ok && (r.seps[i] == "" || isSpace(r.seps[i])) && r.sameSep(i+1, j, " -./")
		} else {
			ok = ok && r.sameSep(i, j, " -./")
		}
		if ok && r.alone(i, j) {
			sc.add(r.pos(i), r.end(j), prioPhone, KindPhone)
			return
		}
	}
}

// intl00 takes international numbers dialled with 00 instead of +:
// 0044 20 7946 0958, 00 49 30 1234567.
func (sc *scan) intl00(r *run, i int) {
	s, g := sc.s, r.groups[i]
	if g.paren || r.size(i) < 2 || s[g.start:g.start+2] != "00" {
		return
	}
	if r.size(i) == 2 && (i+1 >= len(r.groups) || s[r.groups[i+1].start] == '0') || r.size(i) > 2 && s[g.start+2] == '0' {
		return
	}
	for j := r.lastWithin(i, 17); j > i; j-- {
		if d := phoneDigits(s, r, i, j) - 2; d < 9 || d > 15 {
			continue
		}
		if r.sameSep(i, j, " -.") && r.alone(i, j) {
			sc.add(r.pos(i), r.end(j), prioPhone, KindPhone)
			return
		}
	}
}
