package store

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"
)

// Keys of the Badger store; the layout is documented on [Badger].

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
func convPath(k ConvKey) string {
	return esc(k.Platform) + "/" + esc(k.Team) + "/" + esc(k.Channel) + "/" + esc(k.Thread)
}

func convKey(k ConvKey) []byte { return []byte("c/" + convPath(k)) }

// convUserPrefix is the prefix of user's conversation index entries, or,
// when platform is not "", of those on one platform.
func convUserPrefix(user, platform string) []byte {
	p := "cu/" + esc(user) + "/"
	if platform != "" {
		p += esc(platform) + "/"
	}
	return []byte(p)
}

func convUserKey(user string, k ConvKey) []byte {
	return []byte("cu/" + esc(user) + "/" + convPath(k))
}

func recKey(id string) []byte { return []byte("r/" + esc(id)) }

func recUserPrefix(user string) []byte { return []byte("ru/" + esc(user) + "/") }

func recUserKey(user string, created time.Time, id string) []byte {
	return []byte("ru/" + esc(user) + "/" + keyTime(created) + "/" + esc(id))
}

var recTimePrefix = []byte("rt/")

func recTimeKey(created time.Time, id string) []byte {
	return []byte("rt/" + keyTime(created) + "/" + esc(id))
}

// recIndexSuffix splits the "<t>/<id>" end of an ru/ or rt/ key, after
// prefix, into the time part and the record's key.
func recIndexSuffix(key, prefix []byte) (t string, rec []byte, ok bool) {
	rest := key[len(prefix):]
	if len(rest) < timeHexLen+1 || rest[timeHexLen] != '/' {
		return "", nil, false
	}
	return string(rest[:timeHexLen]), append([]byte("r/"), rest[timeHexLen+1:]...), true
}

func feedbackKey(recID, user string, at time.Time) []byte {
	return []byte("f/" + esc(recID) + "/" + esc(user) + "/" + keyTime(at))
}

func feedbackUserPrefix(user string) []byte { return []byte("fu/" + esc(user) + "/") }

func feedbackUserKey(user, recID string, at time.Time) []byte {
	return []byte("fu/" + esc(user) + "/" + esc(recID) + "/" + keyTime(at))
}

func eventKey(id string) []byte     { return []byte("e/" + esc(id)) }
func cacheKey(key string) []byte    { return []byte("k/" + esc(key)) }
func weekKey(week string) []byte    { return []byte("w/" + esc(week)) }
func summaryKey(week string) []byte { return []byte("s/" + esc(week)) }

func placePrefix(platform string) []byte { return []byte("p/" + esc(platform) + "/") }

func placeKey(platform, id string) []byte { return append(placePrefix(platform), esc(id)...) }

// Values. Each is one JSON object holding "v" next to the record's fields.

// ErrNewerSchema is wrapped when the data was written by a newer
// advisorbot, whose records this one might misread.
var ErrNewerSchema = errors.New("data written by a newer advisorbot")

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
	Conversation
}

type recRecord struct {
	schema
	Recommendation
}

type feedbackRecord struct {
	schema
	Feedback
}

type placeRecord struct {
	schema
	Place
}

type weekRecord struct {
	schema
	WeekStats
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
