// Package badgerstore is the on-disk [store.Store], on
// github.com/dgraph-io/badger/v4: the only package in the project that
// imports Badger. Besides the store it owns what depends on Badger's
// files and formats: the checks that keep a damaged data directory away
// from Badger, the free-space reserve that keeps Badger's memory-mapped
// writes from meeting a full disk, and backups (Backup, Restore and the
// running bot's own [Rotation]).
//
// # Key layout
//
// Every key is a short type prefix and parts separated by "/". Each part
// that comes from outside (platform, team, channel, thread, user and record
// ids, event ids, cache keys, week names) is escaped with
// [net/url.PathEscape], so a "/" inside an id can never make two keys collide
// or one prefix match another's records. <t> is a time as 24 lower-case
// hex digits (seconds since 1970 with the sign bit flipped, then
// nanoseconds), so keys sort by time for any time.Time, even the zero one.
//
//	c/<platform>/<team>/<channel>/<thread>  Conversation              TTL retention
//	cu/<user>/<platform>/<team>/<channel>/<thread>
//	                                        conversation's phase:     TTL retention
//	                                        the per-user index for OpenConversations and ForgetUser
//	r/<id>                                  Assessment                TTL retention
//	ru/<user>/<t created>/<id>              empty: per-user index     TTL retention
//	rt/<t created>/<id>                     AssessmentRef (binary):   TTL retention
//	                                        time index; empty when written by schema 1
//	f/<recID>/<user>/<t at>                 Feedback                  TTL retention
//	fu/<user>/<recID>/<t at>                empty: per-user index     TTL retention
//	e/<eventID>                             empty: processed event    TTL given to FirstSeen
//	k/<key>                                 cached text               TTL given to CachePut
//	w/<week>                                WeekStats                 kept
//	s/<week>                                empty: summary posted     kept
//	p/<platform>/<id>                       Place                     kept
//	ot/<t at>/<recID>                       Outcome (binary): by time TTL retention
//	o/<recID>                               {"at","user"}: its ot/    TTL retention
//	                                        key, for GetOutcome and replacing it
//	ou/<user>/<recID>                       empty: per-user index     TTL retention
//	fo/<recID>/<n>                          empty: follow-up n sent   TTL retention
//	fx/<user>                               empty: user opted out     kept
//	                                        of follow-ups
//	meta/schema                             {"v":N}: data's schema    kept
//
// "TTL retention" is Options.RetentionDays from the entry's last write: a
// conversation lives that long after its latest turn. Keys are built only
// by the functions in keys.go, so the layout is written down once.
//
// Records are JSON objects carrying "v" ([SchemaVersion]) next to their
// own fields; the rt/ refs and ot/ outcomes, which listings decode by the
// hundred thousand, are a binary form that carries it too (codec.go). A
// value or a database written by a newer schema is refused with an error
// rather than misread. A record and its index entries are written in one
// transaction with the same expiry, so they vanish together.
//
// The time indexes carry what is listed by time, so a listing reads one
// run of keys instead of one record per key: rt/ holds the assessment's
// small [store.AssessmentRef] (the r/ record's ROI snapshot and
// assumptions are kilobytes; a schema-1 entry is empty and its record is
// read instead), and ot/ holds the outcome itself, with o/ pointing at it
// for GetOutcome and for replacing it when it is reported again, so each
// outcome is listed once.
//
// # Schema versions
//
// Bump SchemaVersion when an older advisorbot would misread or mishandle
// data that this one writes, including when its ForgetUser would leave a
// user's data behind in a family it does not know. Fields and families an
// older version can safely ignore need no bump. A database of an older
// schema is read as it is (values of every version up to the current one
// are accepted) and is marked with the current version by the first
// writable open, after which older advisorbots refuse it. Read-only opens
// never mark it.
//
//   - 1: conversations, assessments, feedback, events, cache, weeks,
//     summary marks, places.
//   - 2: outcomes, follow-up claims and opt-outs (ot/, o/, ou/, fo/, fx/),
//     which a version-1 ForgetUser would not delete; AssessmentRef values
//     in rt/.
//   - 3: binary values name profile fields by code and hold whole numbers
//     as varints (see codec.go), which a version-2 reader would refuse.
//
// Only the c/, cu/, r/, ru/, rt/, f/, fu/, ot/, o/, ou/ and fx/ entries
// hold user ids (fo/ keys hold assessment ids); aggregates hold counts by
// approach and department only. Callers must not put user ids into event
// ids or cache keys and values, since ForgetUser does not look there. Text in which one user mentions another ("<@U123>") stays in the
// first user's conversation.
//
// Assessments with the same CreatedAt are ordered by id (the Mem store
// keeps insertion order); nothing should depend on either.
package badgerstore

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
)

// SchemaVersion is written into every stored value.
const SchemaVersion = 3

// The key families of the layout above; every key starts with one.
const (
	convFamily         = "c/"
	convUserFamily     = "cu/"
	recFamily          = "r/"
	recUserFamily      = "ru/"
	recTimeFamily      = "rt/"
	feedbackFamily     = "f/"
	feedbackUserFamily = "fu/"
	eventFamily        = "e/"
	cacheFamily        = "k/"
	weekFamily         = "w/"
	summaryFamily      = "s/"
	placeFamily        = "p/"
	outcomeFamily      = "o/"
	outcomeUserFamily  = "ou/"
	outcomeTimeFamily  = "ot/"
	claimFamily        = "fo/"
	optOutFamily       = "fx/"
)

var metaSchemaKey = []byte("meta/schema")

// esc makes s safe as one key part: "/" and "%" (and anything unusual)
// are percent-encoded, so parts cannot run into each other.
func esc(s string) string { return url.PathEscape(s) }

// timeHexLen is the length of a time key part.
const timeHexLen = 24

// keyTime encodes t as 24 hex digits that sort like the times: seconds
// since 1970 with the sign bit flipped (defined for every time.Time, unlike
// UnixNano), then nanoseconds.
func keyTime(t time.Time) string {
	var b [12]byte
	binary.BigEndian.PutUint64(b[:8], uint64(t.Unix())^(1<<63))
	binary.BigEndian.PutUint32(b[8:], uint32(t.Nanosecond()))
	return hex.EncodeToString(b[:])
}

// convPath is the key suffix shared by a conversation and its user index.
func convPath(k store.ConvKey) string {
	return esc(k.Platform) + "/" + esc(k.Team) + "/" + esc(k.Channel) + "/" + esc(k.Thread)
}

func convKey(k store.ConvKey) []byte { return convKeyAt(convPath(k)) }

// convKeyAt is the key of the conversation at path, a convPath.
func convKeyAt(path string) []byte { return []byte(convFamily + path) }

// convUserPrefix is the prefix of user's conversation index entries, or,
// when platform is not "", of those on one platform.
func convUserPrefix(user, platform string) []byte {
	p := convUserFamily + esc(user) + "/"
	if platform != "" {
		p += esc(platform) + "/"
	}
	return []byte(p)
}

func convUserKey(user string, k store.ConvKey) []byte {
	return append(convUserPrefix(user, ""), convPath(k)...)
}

// convKeyOfIndex is the key of the conversation that user's index entry
// key (a convUserKey) stands for.
func convKeyOfIndex(user string, key []byte) []byte {
	return convKeyAt(string(key[len(convUserPrefix(user, "")):]))
}

func recKey(id string) []byte { return recKeyAt(esc(id)) }

// recKeyAt is the key of the recommendation whose escaped id is escID.
func recKeyAt(escID string) []byte { return []byte(recFamily + escID) }

func recUserPrefix(user string) []byte { return []byte(recUserFamily + esc(user) + "/") }

func recUserKey(user string, created time.Time, id string) []byte {
	return append(recUserPrefix(user), recIndexPath(created, id)...)
}

var recTimePrefix = []byte(recTimeFamily)

func recTimeKey(created time.Time, id string) []byte {
	return []byte(recTimeFamily + recIndexPath(created, id))
}

// recIndexPath is "<t>/<id>", the end of both recommendation indexes' keys.
func recIndexPath(created time.Time, id string) string {
	return keyTime(created) + "/" + esc(id)
}

// recIndexSuffix splits the "<t>/<id>" end of an ru/ or rt/ key, after
// prefix, into the time part and the record's key.
func recIndexSuffix(key, prefix []byte) (t string, rec []byte, ok bool) {
	rest := key[len(prefix):]
	if len(rest) < timeHexLen+1 || rest[timeHexLen] != '/' {
		return "", nil, false
	}
	return string(rest[:timeHexLen]), recKeyAt(string(rest[timeHexLen+1:])), true
}

// recTimeKeyOfIndex is the time index key of the recommendation that
// user's index entry key (a recUserKey) stands for.
func recTimeKeyOfIndex(user string, key []byte) []byte {
	return []byte(recTimeFamily + string(key[len(recUserPrefix(user)):]))
}

func feedbackKey(recID, user string, at time.Time) []byte {
	return feedbackKeyAt(esc(recID), esc(user), keyTime(at))
}

// feedbackKeyAt builds a feedback key from its parts, already escaped
// and encoded.
func feedbackKeyAt(recID, user, at string) []byte {
	return []byte(feedbackFamily + recID + "/" + user + "/" + at)
}

func feedbackUserPrefix(user string) []byte { return []byte(feedbackUserFamily + esc(user) + "/") }

func feedbackUserKey(user, recID string, at time.Time) []byte {
	return append(feedbackUserPrefix(user), esc(recID)+"/"+keyTime(at)...)
}

// feedbackKeyOfIndex is the key of the feedback that user's index entry
// key (a feedbackUserKey) stands for; ok is false when key has not that
// shape.
func feedbackKeyOfIndex(user string, key []byte) (_ []byte, ok bool) {
	rest := key[len(feedbackUserPrefix(user)):]
	i := bytes.LastIndexByte(rest, '/')
	if i < 0 {
		return nil, false
	}
	return feedbackKeyAt(string(rest[:i]), esc(user), string(rest[i+1:])), true
}

func eventKey(id string) []byte     { return []byte(eventFamily + esc(id)) }
func cacheKey(key string) []byte    { return []byte(cacheFamily + esc(key)) }
func weekKey(week string) []byte    { return []byte(weekFamily + esc(week)) }
func summaryKey(week string) []byte { return []byte(summaryFamily + esc(week)) }

// timeFrom is the first key under prefix (a time index's) at or after t.
func timeFrom(prefix []byte, t time.Time) []byte {
	return append(slices.Clone(prefix), keyTime(t)...)
}

var outcomeTimePrefix = []byte(outcomeTimeFamily)

func outcomeTimeKey(at time.Time, recID string) []byte { return outcomeTimeKeyAt(at, esc(recID)) }

// outcomeTimeKeyAt is outcomeTimeKey of the escaped id escID.
func outcomeTimeKeyAt(at time.Time, escID string) []byte {
	return []byte(outcomeTimeFamily + keyTime(at) + "/" + escID)
}

func outcomeKey(recID string) []byte { return outcomeKeyAt(esc(recID)) }

// outcomeKeyAt is the key of the outcome pointer of the escaped id escID.
func outcomeKeyAt(escID string) []byte { return []byte(outcomeFamily + escID) }

func outcomeUserPrefix(user string) []byte { return []byte(outcomeUserFamily + esc(user) + "/") }

func outcomeUserKey(user, recID string) []byte { return outcomeUserKeyAt(user, esc(recID)) }

// outcomeUserKeyAt is outcomeUserKey of the escaped id escID.
func outcomeUserKeyAt(user, escID string) []byte { return append(outcomeUserPrefix(user), escID...) }

// recIDOfOutcomeKey is the escaped assessment id of an outcome pointer's
// key (an outcomeKey).
func recIDOfOutcomeKey(key []byte) string { return string(key[len(outcomeFamily):]) }

// recIDOfOutcomeIndex is the escaped assessment id of user's outcome
// index entry key (an outcomeUserKey).
func recIDOfOutcomeIndex(user string, key []byte) string {
	return string(key[len(outcomeUserPrefix(user)):])
}

// escRecIDOfIndex is the escaped assessment id at the end of an rt/, ot/
// or ru/ key (after prefix), "" when key has not that shape.
func escRecIDOfIndex(key, prefix []byte) string {
	rest := key[len(prefix):]
	if len(rest) < timeHexLen+1 || rest[timeHexLen] != '/' {
		return ""
	}
	return string(rest[timeHexLen+1:])
}

func claimKey(recID string, n int) []byte {
	return append(claimPrefixAt(esc(recID)), strconv.Itoa(n)...)
}

// claimPrefixAt is the prefix of the follow-up claims of the assessment
// whose escaped id is escID.
func claimPrefixAt(escID string) []byte { return []byte(claimFamily + escID + "/") }

func optOutKey(user string) []byte { return []byte(optOutFamily + esc(user)) }

func placePrefix(platform string) []byte { return []byte(placeFamily + esc(platform) + "/") }

func placeKey(platform, id string) []byte { return append(placePrefix(platform), esc(id)...) }

// Values. Each is one JSON object holding "v" next to the record's fields.

// ErrNewerSchema is wrapped when the data was written by a newer
// advisorbot, whose records this one might misread.
var ErrNewerSchema = errors.New("badgerstore: data written by a newer advisorbot")

// schema is embedded in every stored value; its V is the SchemaVersion
// that wrote it.
type schema struct {
	V int `json:"v"`
}

func (s schema) version() int { return s.V }

type versioned interface{ version() int }

var current = schema{SchemaVersion}

type convRecord struct {
	schema
	store.Conversation
}

type recRecord struct {
	schema
	store.Assessment
}

type feedbackRecord struct {
	schema
	store.Feedback
}

type placeRecord struct {
	schema
	store.Place
}

// outcomePointer is an o/ value: the ot/ key of the assessment's outcome
// is outcomeTimeKey(At, its id), and User names the ou/ entry to drop
// when the outcome is replaced.
type outcomePointer struct {
	schema
	At   time.Time `json:"at"`
	User string    `json:"user"`
}

type weekRecord struct {
	schema
	store.WeekStats
}

// decode reads a stored value into into, refusing other schema versions.
func decode(b []byte, into versioned) error {
	if err := json.Unmarshal(b, into); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	switch v := into.version(); {
	case v > SchemaVersion:
		return fmt.Errorf("%w (schema version %d; this one reads up to %d): upgrade advisorbot", ErrNewerSchema, v, SchemaVersion)
	case v < 1:
		return fmt.Errorf("decode: value without a schema version")
	}
	return nil
}
