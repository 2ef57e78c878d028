package teamstest

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
)

// Every activity the bot sends the fake connector goes through Teams'
// rules (cards, size, streaming, what may be updated). What breaks one is a
// problem: kept per fake (Problems), failing the test that sent it when
// the test ends unless the test took it (TakeProblems) because it sent it
// on purpose, and counted for the whole process (Tally).

// A card's schema check takes a millisecond or two, the rest microseconds;
// so as not to slow the connector's answers, and with them the timing of
// the tests, cards are validated against the schema when their problems
// are asked for and when the test ends, each shape once per process.

// pendingCard is a card awaiting its schema check.
type pendingCard struct {
	where, path string
	card        any
}

// schemaSeen caches schema results by the card's shape: the card with its
// submit data blanked, which the schema leaves unconstrained.
var schemaSeen sync.Map // [32]byte -> []Problem (paths relative to the card)

// validateLocked checks the pending cards against the schema. f.mu held.
func (f *BotFramework) validateLocked() {
	for _, c := range f.pending {
		for _, p := range schemaProblems(c.card) {
			f.problems = append(f.problems, c.where+": "+c.path+p.Path+": "+p.Rule)
		}
	}
	f.pending = nil
}

func schemaProblems(card any) []Problem {
	raw, err := json.Marshal(blankData(card))
	if err != nil {
		return []Problem{{"", "not JSON: " + err.Error()}}
	}
	key := sha256.Sum256(raw)
	if ps, ok := schemaSeen.Load(key); ok {
		return ps.([]Problem)
	}
	inst, ps := decodeCard("", card)
	if ps == nil {
		ps = cardSchema("", inst)
	}
	schemaSeen.Store(key, ps)
	return ps
}

// blankData is v with the data of every action emptied.
func blankData(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = blankData(x)
		}
		switch v["data"].(type) {
		case map[string]any:
			out["data"] = map[string]any{}
		case string:
			out["data"] = ""
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = blankData(x)
		}
		return out
	}
	return v
}

// tally is the process's count, over every fake.
var tally struct {
	sync.Mutex
	payloads int
	problems []string
}

// Tally reports, over every fake this process has run and finished, how
// many activities went through the checks and the problems left untaken,
// each as "METHOD path: where: rule".
func Tally() (payloads int, problems []string) {
	tally.Lock()
	defer tally.Unlock()
	return tally.payloads, slices.Clone(tally.problems)
}

// Problems returns the problems found so far in what this fake was sent.
func (f *BotFramework) Problems() []string {
	f.mu.Lock()
	f.validateLocked()
	defer f.mu.Unlock()
	return slices.Clone(f.problems)
}

// TakeProblems returns the problems found so far and forgets them, for a
// test that sends what Teams refuses on purpose.
func (f *BotFramework) TakeProblems() []string {
	f.mu.Lock()
	f.validateLocked()
	defer f.mu.Unlock()
	ps := f.problems
	f.problems = nil
	return ps
}

// Checked is how many activities went through the checks.
func (f *BotFramework) Checked() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.checked
}

// report fails the test for every problem left, and adds the fake's
// counts to the tally.
func (f *BotFramework) report() {
	f.mu.Lock()
	f.validateLocked()
	ps, n := f.problems, f.checked
	f.mu.Unlock()
	tally.Lock()
	tally.payloads += n
	tally.problems = append(tally.problems, ps...)
	tally.Unlock()
	for _, p := range ps {
		f.tb.Errorf("teamstest: Teams would refuse or cut short what the bot sent: %s", p)
	}
	f.tb.Logf("teamstest: %d activities checked against Teams' rules and the Adaptive Cards 1.5 schema; %d problems", n, len(ps))
}

// take applies Teams' rules to an activity sent to conv (method POST) or
// replacing activity id there (PUT). It returns the status and the id to
// answer with, or how the connector refuses it; its cards are kept for
// the schema check (validateLocked). f.mu must be held.
func (f *BotFramework) take(method, conv, id string, a map[string]any) (status int, newID string, ref *refusal) {
	f.checked++
	where := method + " " + conv
	if id != "" {
		where += "/" + id
	}
	note := func(ps []Problem) {
		for _, p := range ps {
			f.problems = append(f.problems, where+": "+p.String())
		}
	}
	var later []pendingCard
	ps, ref := checkMessage(a, &later)
	if ref != nil {
		note(ps)
		return 0, "", ref
	}
	for _, c := range later {
		c.where = where
		f.pending = append(f.pending, c)
	}
	info := streamInfo(a)
	if method == http.MethodPut {
		switch {
		case f.sent[id] != conv:
			note([]Problem{{"", fmt.Sprintf("no activity %q in this conversation to update", id)}})
			return 0, "", &refusal{404, "NotFound", "The activity was not found"}
		case info != nil:
			note([]Problem{{"entities.streaminfo", "a stream is updated by sending its next activity, not by updating one"}})
			return 0, "", &refusal{400, "BadRequest", "Streaming activities cannot be updated"}
		}
		return http.StatusOK, id, nil
	}
	if info == nil {
		newID = f.nextID()
		f.sent[newID] = conv
		return http.StatusOK, newID, nil
	}
	ps, ref, streamID, started, final := f.streamStep(conv, a, info)
	note(ps)
	switch {
	case ref != nil:
		return 0, "", ref
	case started:
		streamID = f.nextID()
		f.streams[streamID] = &stream{conv: conv, seq: 1, stopped: f.stopAll}
		if !f.stopAll {
			f.openStream[conv] = streamID
		}
		return http.StatusCreated, streamID, nil
	case final:
		f.sent[streamID] = conv // the streamed message, which may now be updated
	}
	return http.StatusAccepted, streamID, nil
}

// nextID names the next activity, unique within the fake.
func (f *BotFramework) nextID() string {
	f.ids++
	return "act-" + strconv.Itoa(f.ids)
}

// record keeps a call the connector took. f.mu must be held.
func (f *BotFramework) record(r Recorded) {
	f.activities = append(f.activities, r)
}
