package explain

// Clause and mention positions, shared by the burden of proof
// (evaluate.go) and its caveats (caveats.go).

// clauseStarts returns where s and each of its clauses start.
func clauseStarts(s string) []int {
	out := []int{0}
	for _, b := range clauseBreak.FindAllStringIndex(s, -1) {
		out = append(out, b[1])
	}
	return out
}

// lastBefore returns the last approach named before position at.
func lastBefore(ms []mention, at int) (mention, bool) {
	var last mention
	ok := false
	for _, m := range ms {
		if m.end <= at {
			last, ok = m, true
		}
	}
	return last, ok
}

// clauseStart returns the start of the clause holding position at.
func clauseStart(starts []int, at int) int {
	cs := 0
	for _, b := range starts {
		if b <= at {
			cs = b
		}
	}
	return cs
}

// namesOther reports whether an approach other than the rules' (or its
// side) is named within s[lo:hi].
func (j *judge) namesOther(ms []mention, lo, hi int) bool {
	for _, m := range ms {
		if m.start >= lo && m.end <= hi && !compatible(m.a, j.chosen) {
			return true
		}
	}
	return false
}

// namesAny reports whether any approach is named starting within [lo, hi).
func namesAny(ms []mention, lo, hi int) bool {
	for _, m := range ms {
		if m.start >= lo && m.start < hi {
			return true
		}
	}
	return false
}
