package advisor

// Words for numbers. Vague amounts take the low end of what people mean, so
// that estimates built on them err towards less automation, not more.
var (
	smallNumberWords = map[string]float64{
		"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
		"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
		"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "once": 1, "twice": 2,
	}
	tensWords = map[string]float64{
		"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
		"eighty": 80, "ninety": 90,
	}
	// bigScaleWords end a group of digits: "2 thousand 5 hundred".
	bigScaleWords = map[string]float64{
		"thousand": 1e3, "k": 1e3, "grand": 1e3, "million": 1e6, "mn": 1e6, "mil": 1e6, "mio": 1e6, "mm": 1e6,
		"billion": 1e9, "bn": 1e9,
	}
	vagueCountWords  = map[string]float64{"couple": 2, "few": 3, "several": 3, "handful": 5}
	vaguePluralWords = map[string]float64{"tens": 20, "dozens": 24, "hundreds": 200, "thousands": 2e3, "millions": 2e6}
	// pluralScaleWords follow "of" in "hundreds of thousands".
	pluralScaleWords = map[string]float64{"hundreds": 100, "thousands": 1e3, "millions": 1e6}
)

// amountRead is an amount and the multiplier of its last scale word (1000 for
// "3k"), which a range passes to a bare lower end: "2-3k" is 2,000 to 3,000.
type amountRead struct{ v, scale float64 }

// quantity reads an amount or a range of two. A range counts as its midpoint.
// bigLetters lets "m" and "b" mean million and billion, which they cannot
// where "m" is minutes.
func (r *answerReader) quantity(bigLetters bool) (amountRead, bool) {
	start := r.i
	if r.accept("between") {
		if a, ok := r.amount(bigLetters); ok && r.accept("and") {
			if b, ok := r.amount(bigLetters); ok {
				return rangeMidpoint(a, b)
			}
		}
		r.i = start
		return amountRead{}, false
	}
	a, ok := r.amount(bigLetters)
	if !ok {
		return amountRead{}, false
	}
	mark := r.i
	if r.accept("-") || r.accept("to") || r.accept("or") {
		if b, ok := r.amount(bigLetters); ok {
			return rangeMidpoint(a, b)
		}
		r.i = mark
	}
	return a, true
}

// rangeMidpoint is the middle of a range; a range that runs backwards
// ("10-5", "5 thousand to 10") is a typo or a misreading, so it is refused.
func rangeMidpoint(a, b amountRead) (amountRead, bool) {
	if a.scale == 1 && b.scale > 1 && a.v < b.v/b.scale {
		a.v *= b.scale
	}
	if a.v > b.v {
		return amountRead{}, false
	}
	return amountRead{v: (a.v + b.v) / 2, scale: b.scale}, true
}

// What the previous piece of an amount was; it decides what may follow.
type amountPiece uint8

const (
	pieceNone     amountPiece = iota
	pieceArticle              // "a", "an"
	pieceDigits               // 25
	pieceUnits                // one .. nineteen
	pieceTens                 // twenty .. ninety
	pieceHundred              // hundred, dozen
	pieceBig                  // thousand, million, k
	pieceAnd                  // "and" inside "one hundred and five"
	pieceVague                // couple, few, handful
	pieceFraction             // half, quarter of, and a half
	piecePlural               // hundreds, thousands: nothing may follow
)

// amount reads one amount in digits, words or both, the way people say
// them: "25", "2.5k", "twenty five", "a hundred and fifty", "1.2 million",
// "a few hundred", "half a million", "three quarters of", "two and a half".
func (r *answerReader) amount(bigLetters bool) (amountRead, bool) {
	start := r.i
	var total, cur float64
	scale, lastBig := 1.0, 0.0
	last := pieceNone
	afterNumber := func() bool { return last == pieceNone || last == pieceHundred || last == pieceBig || last == pieceAnd }
	hasNumber := func() bool {
		return last == pieceDigits || last == pieceUnits || last == pieceTens || last == pieceHundred ||
			last == pieceArticle || last == pieceVague || last == pieceFraction
	}
loop:
	for {
		t := r.peek(0)
		if t.kind == tokNum {
			if !afterNumber() {
				break
			}
			cur += t.num
			last = pieceDigits
			r.i++
			continue
		}
		if t.kind != tokWord {
			break
		}
		w := t.text
		big, isBig := bigScaleWords[w]
		if bigLetters && w == "m" {
			big, isBig = 1e6, true
		} else if bigLetters && w == "b" {
			big, isBig = 1e9, true
		}
		switch {
		case smallNumberWords[w] > 0 || w == "zero":
			v := smallNumberWords[w]
			if !afterNumber() && !(last == pieceTens && v < 10) || w == "one" && (r.word(1) == "off" || r.word(1) == "time") {
				break loop // "one-off" and "one-time" are not numbers
			}
			cur += v
			last = pieceUnits
		case tensWords[w] > 0:
			if !afterNumber() {
				break loop
			}
			cur += tensWords[w]
			last = pieceTens
		case w == "hundred" || w == "dozen":
			if !hasNumber() || last == pieceHundred || last == pieceFraction {
				break loop
			}
			scale = 100
			if w == "dozen" {
				scale = 12
			}
			cur *= scale
			last = pieceHundred
		case isBig:
			if !hasNumber() || lastBig != 0 && big >= lastBig {
				break loop
			}
			total += cur * big
			cur, scale, lastBig = 0, big, big
			last = pieceBig
		case w == "and":
			if hasNumber() && last != pieceArticle && last != pieceVague && r.match(1, "a half") > 0 {
				cur += 0.5
				r.i += 3
				last = pieceFraction
				continue
			}
			if (last == pieceHundred || last == pieceBig) && r.startsWordNumber(1) {
				last = pieceAnd
				break
			}
			break loop
		case w == "a" || w == "an":
			if last != pieceNone || !r.articleCounts(1) {
				break loop
			}
			cur = 1
			last = pieceArticle
		case w == "half":
			if last != pieceNone && last != pieceArticle || r.peek(1).kind == tokEnd {
				break loop // "half" alone is half of nothing in particular
			}
			cur = 0.5
			last = pieceFraction
			r.i++
			r.accept("of")
			if !r.accept("a") {
				r.accept("an")
			}
			continue
		case w == "quarter" || w == "quarters":
			if r.word(1) != "of" || !(last == pieceNone || last == pieceArticle || last == pieceUnits || last == pieceDigits) {
				break loop
			}
			if last == pieceNone {
				cur = 1
			}
			cur *= 0.25
			last = pieceFraction
			r.i += 2
			if !r.accept("a") {
				r.accept("an")
			}
			continue
		case vagueCountWords[w] > 0:
			if last != pieceNone && last != pieceArticle {
				break loop
			}
			cur = vagueCountWords[w]
			last = pieceVague
			r.i++
			if r.word(0) == "of" && r.word(1) != "" && r.startsScale(1) {
				r.i++
			} else if w != "few" && w != "several" {
				r.accept("of") // "a couple of hours", "a handful of examples"
			}
			continue
		case vaguePluralWords[w] > 0:
			if last != pieceNone {
				break loop
			}
			cur = vaguePluralWords[w]
			last = piecePlural
			r.i++
			if r.word(0) == "of" && pluralScaleWords[r.word(1)] > 0 {
				cur *= pluralScaleWords[r.word(1)]
				r.i += 2
			}
			continue
		default:
			break loop
		}
		r.i++
	}
	if last == pieceNone || last == pieceArticle || last == pieceAnd {
		r.i = start
		return amountRead{}, false
	}
	return amountRead{v: total + cur, scale: scale}, true
}

// startsWordNumber reports whether token k is a number in digits or words.
func (r *answerReader) startsWordNumber(k int) bool {
	t := r.peek(k)
	return t.kind == tokNum || smallNumberWords[t.text] > 0 || tensWords[t.text] > 0
}

// startsScale reports whether token k multiplies the amount before it.
func (r *answerReader) startsScale(k int) bool {
	w := r.word(k)
	_, big := bigScaleWords[w]
	return big || w == "hundred" || w == "dozen"
}

// articleCounts reports whether "a" before token k means one of something
// countable ("a hundred", "a few", "a half"), not the article of a rate.
func (r *answerReader) articleCounts(k int) bool {
	w := r.word(k)
	switch {
	case r.startsScale(k), vagueCountWords[w] > 0, w == "half":
		return w != "k" && w != "mm" && w != "mn" && w != "bn" && w != "mil" && w != "mio"
	case w == "quarter":
		return r.word(k+1) == "of"
	}
	return false
}

// readPlainNumber reads a bare amount; it serves number fields that have no
// reader of their own.
func readPlainNumber(text string) (numberRead, string) {
	r, detail := startReading(text)
	if r == nil {
		return numberRead{}, detail
	}
	q, ok := r.quantity(true)
	r.skip(trailingHedges)
	if !ok || !r.atEnd() {
		return numberRead{}, ""
	}
	return numberRead{v: q.v, ok: true}, ""
}
