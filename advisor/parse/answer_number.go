package parse

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
	// bigLetterWords are million and billion where "m" cannot be minutes.
	bigLetterWords = map[string]float64{"m": 1e6, "b": 1e9}
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

// amountParts is an amount being read: the finished groups (total: "2
// thousand" in "2 thousand 5 hundred"), the group being read (cur), the
// multiplier of the last scale word and of the last big one, and the
// previous piece.
type amountParts struct {
	total, cur     float64
	scale, lastBig float64
	last           amountPiece
}

// afterNumber reports whether a number may come next: at the start, or
// after a scale word ("two thousand five", "a hundred and six").
func (a *amountParts) afterNumber() bool {
	return a.last == pieceNone || a.last == pieceHundred || a.last == pieceBig || a.last == pieceAnd
}

// hasNumber reports whether a scale word has something to multiply.
func (a *amountParts) hasNumber() bool {
	switch a.last {
	case pieceDigits, pieceUnits, pieceTens, pieceHundred, pieceArticle, pieceVague, pieceFraction:
		return true
	}
	return false
}

// amount reads one amount in digits, words or both, the way people say
// them: "25", "2.5k", "twenty five", "a hundred and fifty", "1.2 million",
// "a few hundred", "half a million", "three quarters of", "two and a half".
// It reads piece by piece; each piece says whether it may follow the one
// before, so "five twenty" stops after "five".
func (r *answerReader) amount(bigLetters bool) (amountRead, bool) {
	start := r.i
	a := amountParts{scale: 1}
	for r.amountPiece(&a, bigLetters) {
	}
	if a.last == pieceNone || a.last == pieceArticle || a.last == pieceAnd {
		r.i = start // "a" and "and" only ever lead into an amount
		return amountRead{}, false
	}
	return amountRead{v: a.total + a.cur, scale: a.scale}, true
}

// amountPiece reads the next piece of an amount into a, if there is one
// that may follow what a holds, and reports whether it did.
func (r *answerReader) amountPiece(a *amountParts, bigLetters bool) bool {
	t := r.peek(0)
	if t.kind == tokNum {
		return a.afterNumber() && r.addPiece(a, t.num, pieceDigits)
	}
	w := r.word(0)
	if big, ok := bigScaleWords[w]; ok {
		return r.bigScale(a, big)
	}
	if big, ok := bigLetterWords[w]; ok && bigLetters {
		return r.bigScale(a, big)
	}
	switch {
	case smallNumberWords[w] > 0 || w == "zero" || tensWords[w] > 0:
		return r.numberWord(a, w)
	case w == "hundred" || w == "dozen":
		return r.hundred(a, w)
	case w == "and":
		return r.andInAmount(a)
	case w == "a" || w == "an":
		return a.last == pieceNone && r.articleCounts(1) && r.addPiece(a, 1, pieceArticle)
	case w == "half":
		return r.half(a)
	case w == "quarter" || w == "quarters":
		return r.quarterOf(a)
	case vagueCountWords[w] > 0:
		return r.vagueCount(a, w)
	case vaguePluralWords[w] > 0:
		return r.vaguePlural(a, w)
	}
	return false
}

// addPiece adds v to the group being read and moves past its token.
func (r *answerReader) addPiece(a *amountParts, v float64, p amountPiece) bool {
	a.cur += v
	a.last = p
	r.i++
	return true
}

// numberWord reads one to nineteen, or twenty to ninety: "twenty five" is
// a tens word and a unit. "One-off" and "one-time" are not numbers.
func (r *answerReader) numberWord(a *amountParts, w string) bool {
	if v, ok := tensWords[w]; ok {
		return a.afterNumber() && r.addPiece(a, v, pieceTens)
	}
	v := smallNumberWords[w]
	if !a.afterNumber() && !(a.last == pieceTens && v < 10) || w == "one" && (r.word(1) == "off" || r.word(1) == "time") {
		return false
	}
	return r.addPiece(a, v, pieceUnits)
}

// hundred multiplies the group being read by 100, or by 12 for a dozen.
func (r *answerReader) hundred(a *amountParts, w string) bool {
	if !a.hasNumber() || a.last == pieceHundred || a.last == pieceFraction {
		return false
	}
	a.scale = 100
	if w == "dozen" {
		a.scale = 12
	}
	a.cur *= a.scale
	a.last = pieceHundred
	r.i++
	return true
}

// bigScale closes a group with thousand, million or billion. Groups fall:
// "2 million 300 thousand", never "5 thousand million".
func (r *answerReader) bigScale(a *amountParts, big float64) bool {
	if !a.hasNumber() || a.lastBig != 0 && big >= a.lastBig {
		return false
	}
	a.total += a.cur * big
	a.cur, a.scale, a.lastBig, a.last = 0, big, big, pieceBig
	r.i++
	return true
}

// andInAmount reads "and a half" after a number, or the "and" in "a
// hundred and five".
func (r *answerReader) andInAmount(a *amountParts) bool {
	switch {
	case a.hasNumber() && a.last != pieceArticle && a.last != pieceVague && r.match(1, "a half") > 0:
		a.cur += 0.5
		a.last = pieceFraction
		r.i += 3
	case (a.last == pieceHundred || a.last == pieceBig) && r.startsWordNumber(1):
		a.last = pieceAnd
		r.i++
	default:
		return false
	}
	return true
}

// half reads "half", "half a", "half of an": half of what follows. Alone it
// is half of nothing in particular.
func (r *answerReader) half(a *amountParts) bool {
	if a.last != pieceNone && a.last != pieceArticle || r.peek(1).kind == tokEnd {
		return false
	}
	a.cur, a.last = 0.5, pieceFraction
	r.i++
	r.accept("of")
	r.acceptArticle()
	return true
}

// quarterOf reads "a quarter of" and "three quarters of".
func (r *answerReader) quarterOf(a *amountParts) bool {
	switch {
	case r.word(1) != "of":
		return false
	case a.last == pieceNone:
		a.cur = 1
	case a.last != pieceArticle && a.last != pieceUnits && a.last != pieceDigits:
		return false
	}
	a.cur *= 0.25
	a.last = pieceFraction
	r.i += 2
	r.acceptArticle()
	return true
}

// vagueCount reads "a couple", "a few", "several", "a handful", and the
// "of" after it: "a couple of hours", or "a couple of thousand", where the
// scale that follows is read next.
func (r *answerReader) vagueCount(a *amountParts, w string) bool {
	if a.last != pieceNone && a.last != pieceArticle {
		return false
	}
	a.cur, a.last = vagueCountWords[w], pieceVague
	r.i++
	if r.word(0) == "of" && r.word(1) != "" && r.startsScale(1) {
		r.i++
	} else if w != "few" && w != "several" {
		r.accept("of") // "a couple of hours", "a handful of examples"
	}
	return true
}

// vaguePlural reads "hundreds", "thousands", "hundreds of thousands".
func (r *answerReader) vaguePlural(a *amountParts, w string) bool {
	if a.last != pieceNone {
		return false
	}
	a.cur, a.last = vaguePluralWords[w], piecePlural
	r.i++
	if r.word(0) == "of" && pluralScaleWords[r.word(1)] > 0 {
		a.cur *= pluralScaleWords[r.word(1)]
		r.i += 2
	}
	return true
}

// acceptArticle consumes "a" or "an".
func (r *answerReader) acceptArticle() {
	if !r.accept("a") {
		r.accept("an")
	}
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
