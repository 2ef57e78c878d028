package parse

import (
	"slices"

	"github.com/advisorbot/advisorbot/advisor"
)

// readSignals sets the fields read from phrases.
func (x *extractor) readSignals() {
	x.markSentences()
	x.findCues()
	x.readLanguages()
	for _, f := range []string{advisor.FieldHumanReview, advisor.FieldCitationsRequired, advisor.FieldRegulated, advisor.FieldRulesExpressible, advisor.FieldSelfHostingOK} {
		x.readBool(f)
	}
	for i := range levelFields {
		x.readLevel(&levelFields[i])
	}
	x.readTask()
	x.readKnowledge()
	x.readBaseline()
	x.readLabelZero()
	x.readQuarterEnd()
}

// readBool sets a yes/no field when every vote for it agrees. Review
// phrases in a sentence about today ("currently reviewed by an agent") or
// about past examples ("6,000 descriptions approved by our editors")
// describe work already done, not the automation, and ones about a share
// ("10% need manual review") do not answer whether each output is checked,
// so none of these votes.
func (x *extractor) readBool(field string) {
	var first *cueHit
	for i := range x.hits {
		h := &x.hits[i]
		v := h.vote()
		switch {
		case h.p.field != field, v == "":
		case field == advisor.FieldHumanReview && (x.sentenceHas(h.a, sentPresent) || x.sentenceHas(h.a, sentPartial) ||
			x.toks[h.a].sent+1 == x.exampleSent):
		case first == nil:
			first = h
		case v != first.vote():
			return
		}
	}
	if first != nil {
		x.set(advisor.Value{Field: field, Bool: first.vote() == "yes"}, first.a, first.b)
	}
}

// levelField orders the values a choice field's cues vote for. Votes are
// ranked and the most demanding wins ("PII" and "patient records" is
// restricted), except that the lowest level and any higher one contradict
// each other where lowConflicts is set ("overnight" and "in real time").
type levelField struct {
	field        string
	order        []string
	lowConflicts bool
}

var levelFields = []levelField{
	{advisor.FieldAccuracy, []string{"low", "high", "critical"}, true},
	{advisor.FieldDomain, []string{"specialized", "niche"}, false},
	// Flexible ranks lowest without conflicting: "we don't care about tone,
	// but it must be JSON" needs the JSON.
	{advisor.FieldOutputConsistency, []string{"flexible", "consistent", "strict"}, false},
	{advisor.FieldLatency, []string{"batch", "interactive", "realtime"}, true},
	{advisor.FieldDataSensitivity, []string{"public", "confidential", "restricted"}, false},
}

func (x *extractor) readLevel(l *levelField) {
	best, low, higher := -1, false, false
	var at *cueHit
	for i := range x.hits {
		h := &x.hits[i]
		if h.p.field != l.field {
			continue
		}
		r := slices.Index(l.order, h.vote())
		if r < 0 {
			continue
		}
		low, higher = low || r == 0, higher || r > 0
		if r > best {
			best, at = r, h
		}
	}
	if best >= 0 && !(l.lowConflicts && low && higher) {
		x.set(advisor.Value{Field: l.field, Text: l.order[best]}, at.a, at.b)
	}
}

// readTask sets the task when the cues name one, or when the first sentence
// (usually the one with the main verb) names the first of several.
func (x *extractor) readTask() {
	var first *cueHit
	mixed := false
	for i := range x.hits {
		h := &x.hits[i]
		if h.p.field != advisor.FieldTask || h.vote() == "" {
			continue
		}
		if first == nil {
			first = h
		} else if h.vote() != first.vote() {
			mixed = true
		}
	}
	if first != nil && (!mixed || x.toks[first.a].sent == 0) {
		x.set(advisor.Value{Field: advisor.FieldTask, Text: first.vote()}, first.a, first.b)
	}
}

// readKnowledge combines sources ("our wiki"), change ("policies change
// monthly"), live data ("current inventory"), public sources and explicit
// "needs no outside information". Private sources outrank public ones, since
// the task then needs them; change counts only next to a source, so that
// "we want to change how tickets are routed" does not make a wiki changing.
// Facts named loosely ("prices", "the catalogue") count only with a change
// said after them: "prices update daily" is changing, "our rates never
// change" static.
func (x *extractor) readKnowledge() {
	c := x.knowledgeCues()
	a, b, linked := x.linkedChange(c.sources, c.changes)
	if !linked {
		a, b, linked = x.changeAfter(c.weak, c.changes)
	}
	if len(c.sources) == 0 {
		if a, b, ok := x.changeAfter(c.weak, c.stays); ok {
			c.sources = append(c.sources, &cueHit{a: a, b: b})
		}
	}
	switch {
	case c.none != nil:
		if len(c.sources) == 0 && c.public == nil && c.live == nil {
			x.set(advisor.Value{Field: advisor.FieldKnowledge, Text: string(advisor.KnowledgeNone)}, c.none.a, c.none.b)
		}
	case c.live != nil:
		x.set(advisor.Value{Field: advisor.FieldKnowledge, Text: string(advisor.KnowledgePrivateChanging)}, c.live.a, c.live.b)
	case linked:
		x.set(advisor.Value{Field: advisor.FieldKnowledge, Text: string(advisor.KnowledgePrivateChanging)}, a, b)
	case len(c.sources) > 0:
		x.set(advisor.Value{Field: advisor.FieldKnowledge, Text: string(advisor.KnowledgePrivateStatic)}, c.sources[0].a, c.sources[0].b)
	case c.public != nil:
		x.set(advisor.Value{Field: advisor.FieldKnowledge, Text: string(advisor.KnowledgePublic)}, c.public.a, c.public.b)
	}
}

// knowledgeCues is what a description's knowledge cues say, by kind:
// sources named (and loosely named, weak), changes, denied changes (stays),
// and the first cue for public sources, live data and no outside facts.
type knowledgeCues struct {
	sources, weak, changes, stays []*cueHit
	public, live, none            *cueHit
}

func (x *extractor) knowledgeCues() knowledgeCues {
	var c knowledgeCues
	for i := range x.hits {
		h := &x.hits[i]
		if h.p.field != cueKnowledge {
			continue
		}
		if h.p.val == "change" && (h.pol.negated || h.pol.weak) && !h.pol.hedged {
			c.stays = append(c.stays, h) // "hasn't changed in years", "rarely changes"
		}
		switch {
		case h.p.val == "source" || h.p.val == "weak":
			x.addSource(&c, h)
		case h.vote() != "":
			x.addKnowledgeVote(&c, h)
		}
	}
	return c
}

// addSource keeps a source unless the words before it deny it. A source is
// named, not claimed: "the handbook never changes" still has a handbook.
func (x *extractor) addSource(c *knowledgeCues, h *cueHit) {
	if p := x.polarityBefore(h.a, h.b); p.negated || p.hedged || p.weak {
		return
	}
	if h.p.val == "source" {
		c.sources = append(c.sources, h)
	} else {
		c.weak = append(c.weak, h)
	}
}

func (x *extractor) addKnowledgeVote(c *knowledgeCues, h *cueHit) {
	switch h.p.val {
	case "change":
		c.changes = append(c.changes, h)
	case "web":
		if c.public == nil && x.sentenceHas(h.a, sentKnowledgeVerb) {
			c.public = h
		}
	case "public":
		c.public = firstOf(c.public, h)
	case "live":
		c.live = firstOf(c.live, h)
	case "none":
		c.none = firstOf(c.none, h)
	}
}

func firstOf(have, h *cueHit) *cueHit {
	if have != nil {
		return have
	}
	return h
}

// linkedChange finds a change phrase about a source: just after it ("the
// wiki is updated weekly"), just before it ("we update the handbook"), or
// after a pronoun that can refer to it ("It changes every month").
func (x *extractor) linkedChange(sources, changes []*cueHit) (a, b int, ok bool) {
	for _, c := range changes {
		pronoun := x.findBefore(c.a, 3, xPronouns) >= 0
		for i := len(sources) - 1; i >= 0; i-- { // the closest source before the change first
			s := sources[i]
			sameSent := x.toks[s.a].sent == x.toks[c.a].sent
			switch {
			case sameSent && c.a >= s.b && c.a-s.b <= 5, sameSent && s.a >= c.b && s.a-c.b <= 3,
				pronoun && s.a < c.a && x.toks[c.a].sent-x.toks[s.a].sent <= 1:
				return min(s.a, c.a), max(s.b, c.b), true
			}
		}
	}
	return 0, 0, false
}

// changeAfter finds a change said just after a loosely named source:
// "prices update daily", "the catalogue is updated weekly". Unlike
// linkedChange it ignores changes before the source, and ones wished for
// ("prices should update in real time"), which are usually the task.
func (x *extractor) changeAfter(sources, changes []*cueHit) (a, b int, ok bool) {
	for _, c := range changes {
		for _, s := range sources {
			if x.toks[s.a].sent == x.toks[c.a].sent && c.a >= s.b && c.a-s.b <= 4 && !x.anyBefore(c.a, c.a-s.b, xWishWords) {
				return s.a, c.b, true
			}
		}
	}
	return 0, 0, false
}

// readBaseline reads what was tried with prompting, from sentences that
// mention prompting or a model, so that "it works" about anything else does
// not count. A sentence that goes on about the previous one ("We tried
// ChatGPT. It never sounds like us.") counts with it; "haven't tried
// anything" needs no mention of a model.
func (x *extractor) readBaseline() {
	var first *cueHit
	for i := range x.hits {
		h := &x.hits[i]
		v := h.vote()
		if v == "untried_any" {
			v = "untried"
		}
		switch {
		case h.p.field != cueBaseline, v == "", h.p.val != "untried_any" && !x.aboutPrompting(h.a):
		case first == nil:
			first = h
		case v != baselineVote(first):
			return
		}
	}
	if first != nil {
		x.set(advisor.Value{Field: advisor.FieldPromptBaseline, Text: baselineVote(first)}, first.a, first.b)
	}
}

func baselineVote(h *cueHit) string {
	if v := h.vote(); v != "untried_any" {
		return v
	}
	return "untried"
}

// Words that make a change something wanted rather than a fact.
var xWishWords = wordSet("should", "must", "need", "needs", "want", "wants", "will", "would", "to", "could", "can")

// Words that open a sentence about the one before: "It never sounds like
// us", "The drafts are still wrong".
var xFollowOn = wordSet("it", "its", "they", "theyre", "results", "output", "outputs", "drafts", "answers",
	"replies", "still", "accuracy", "but", "quality")

// aboutPrompting reports whether the sentence of token i mentions prompting
// or a model, or follows one that does and opens as a continuation of it.
func (x *extractor) aboutPrompting(i int) bool {
	if x.sentenceHas(i, sentAnchor) {
		return true
	}
	s := x.toks[i].sent
	if s == 0 || x.sentFlags[s-1]&sentAnchor == 0 {
		return false
	}
	k := i
	for k > 0 && x.toks[k-1].sent == s {
		k--
	}
	w := x.word(k)
	if w == "the" {
		w = x.word(k + 1)
	}
	return xFollowOn[w]
}

// readLabelZero reads "no labeled data" as 0 examples when no count was read.
// A number between the negation and the phrase ("don't have 5,000 labeled
// examples") means fewer, not none.
func (x *extractor) readLabelZero() {
	if x.u.Known(advisor.FieldLabeledExamples) {
		return
	}
	for i := range x.hits {
		h := &x.hits[i]
		if h.p.field != cueLabel || h.vote() != "zero" {
			continue
		}
		counted := false
		for k := max(0, h.a-3); k < h.a; k++ {
			counted = counted || x.toks[k].kind == tokNum
		}
		if !counted {
			x.set(advisor.Value{Field: advisor.FieldLabeledExamples, Number: 0}, h.a, h.b)
			return
		}
	}
}

// readQuarterEnd reads "live by the end of the quarter" as 13 weeks, the most
// a quarter can hold.
func (x *extractor) readQuarterEnd() {
	for i := range x.hits {
		h := &x.hits[i]
		if h.p.field == cueQuarter && h.vote() == "yes" && x.deadlineNear(h.a, h.b) {
			x.set(advisor.Value{Field: advisor.FieldTimelineWeeks, Number: 13}, h.a, h.b)
			return
		}
	}
}

// Facts about a sentence that cues depend on, found in one pass over the
// tokens so that many cues in one long sentence cost no more than one.
const (
	sentPresent       uint8 = 1 << iota // "today", "currently"
	sentPartial                         // "10%", "spot", "some"
	sentKnowledgeVerb                   // "depends on", "look up"
	sentAnchor                          // "prompting", "ChatGPT", "model"
)

func (x *extractor) markSentences() {
	x.sentFlags = make([]uint8, len(x.questions))
	for i := range x.toks {
		t := &x.toks[i]
		if t.sent >= len(x.sentFlags) {
			continue
		}
		f := &x.sentFlags[t.sent]
		switch {
		case xPresentWords[t.text]:
			*f |= sentPresent
		case xPartialWords[t.text]:
			*f |= sentPartial
		case xAnchors[t.text]:
			*f |= sentAnchor
		}
		if xKnowledgeVerbs[t.text] {
			*f |= sentKnowledgeVerb
		}
	}
}

// sentenceHas reports whether the sentence of token i has all of flags.
func (x *extractor) sentenceHas(i int, flags uint8) bool {
	s := x.toks[i].sent
	return s < len(x.sentFlags) && x.sentFlags[s]&flags == flags
}
