package badgerstore

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
)

// Binary values. What listings decode by the hundred thousand (the
// follow-up pass over 90 days, calibrate over a million assessments and
// 100,000 outcomes) is not stored as JSON: encoding/json takes 10 to 30 µs
// for one assessment ref or outcome on the 2-core machines the bot runs
// on, so such a listing alone would take seconds. These forms decode in
// about a microsecond, with one allocation for all of a value's strings.
// Like every other value, one carries the schema version that wrote it and
// is refused when that is newer than this advisorbot's.
//
// A value starts with binMagic (no JSON value starts with it) and the
// schema version as a uvarint; the parts that follow are:
//
//	string     a uvarint length and its bytes
//	number     float64 bits, 8 bytes little-endian
//	optional   byte 0 (absent) or 1 and a number
//	time       varint Unix seconds, uvarint nanoseconds (decoded in UTC)
//	profile    uvarint count of the fields set, then each as a byte kind,
//	           the field, and its value. Kinds 'T' text, 'N' number, 'I'
//	           whole number and 'B' bool name the field by its code in
//	           profileCodes (a uvarint) and hold a string, a number, a
//	           varint or a byte 0/1. Kinds 't', 'n' and 'b' name it by its
//	           JSON name as a string instead, as schema 2 wrote every field.
//	           A field without a code would still be written so, but read
//	           back only by a name it has a code for: TestProfileCodes
//	           makes sure every field has one.
//
// A profile field this advisorbot does not know, by name or by code, is
// skipped, as JSON decoding skips unknown members.
//
// Codes and whole numbers keep a ref to about half its schema-2 size, and
// calibrate reads a million of them: the field names were most of each.
const binMagic = 0x00

// appendHeader starts a binary value.
func appendHeader(dst []byte) []byte {
	return binary.AppendUvarint(append(dst, binMagic), SchemaVersion)
}

func appendString(dst []byte, s string) []byte {
	return append(binary.AppendUvarint(dst, uint64(len(s))), s...)
}

func appendNumber(dst []byte, x float64) []byte {
	return binary.LittleEndian.AppendUint64(dst, math.Float64bits(x))
}

func appendOptional(dst []byte, o advisor.Optional) []byte {
	if !o.Valid {
		return append(dst, 0)
	}
	return appendNumber(append(dst, 1), o.Value)
}

func appendTime(dst []byte, t time.Time) []byte {
	return binary.AppendUvarint(binary.AppendVarint(dst, t.Unix()), uint64(t.Nanosecond()))
}

func appendProfile(dst []byte, u advisor.UseCase) []byte {
	vs := u.Values()
	dst = binary.AppendUvarint(dst, uint64(len(vs)))
	for _, v := range vs {
		f, _ := advisor.LookupField(v.Field) // Values names known fields only
		code, coded := profileCode[v.Field]
		field := func(kind byte) []byte {
			if coded {
				return binary.AppendUvarint(append(dst, kind), code)
			}
			return appendString(append(dst, kind|0x20), v.Field) // lower case: by name
		}
		switch f.Kind {
		case advisor.KindInt, advisor.KindNumber:
			if whole(v.Number) && coded {
				dst = binary.AppendVarint(field('I'), int64(v.Number))
			} else {
				dst = appendNumber(field('N'), v.Number)
			}
		case advisor.KindBool:
			b := byte(0)
			if v.Bool {
				b = 1
			}
			dst = append(field('B'), b)
		default:
			dst = appendString(field('T'), v.Text)
		}
	}
	return dst
}

// whole reports whether x is stored exactly as a varint.
func whole(x float64) bool {
	return x == math.Trunc(x) && math.Abs(x) <= 1<<53 && !(x == 0 && math.Signbit(x))
}

var errCut = errors.New("cut short")

// binReader reads a binary value. Its strings are slices of one string
// holding the whole value, so they cost one allocation; after the first
// error every read returns a zero value and err keeps the error.
type binReader struct {
	s    string
	off  int
	err  error
	cell *profileCells
}

// open checks b's header, refusing a newer schema, and makes r a reader
// of the rest. since is the first schema version that wrote what, a
// description of the value for errors. A method rather than a constructor
// so that the reader lives on its caller's stack.
func (r *binReader) open(b []byte, what string, since int) error {
	if len(b) == 0 || b[0] != binMagic {
		return fmt.Errorf("decode %s: not a binary value", what)
	}
	*r = binReader{s: string(b[1:])}
	switch v := r.uvarint(); {
	case r.err != nil:
		return fmt.Errorf("decode %s: %w", what, r.err)
	case v > SchemaVersion:
		return fmt.Errorf("%w (schema version %d; this one reads up to %d): upgrade advisorbot", ErrNewerSchema, v, SchemaVersion)
	case v < uint64(since):
		return fmt.Errorf("decode %s: schema version %d had none", what, v)
	}
	return nil
}

func (r *binReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	// Lengths and codes are nearly all one byte.
	if r.off < len(r.s) && r.s[r.off] < 0x80 {
		r.off++
		return uint64(r.s[r.off-1])
	}
	var x uint64
	var shift uint
	for i := 0; r.off+i < len(r.s) && i < binary.MaxVarintLen64; i++ {
		c := r.s[r.off+i]
		if c < 0x80 {
			r.off += i + 1
			return x | uint64(c)<<shift
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	r.err = errCut
	return 0
}

func (r *binReader) varint() int64 {
	ux := r.uvarint()
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x
}

func (r *binReader) bytes(n uint64) string {
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.s)-r.off) {
		r.err = errCut
		return ""
	}
	s := r.s[r.off : r.off+int(n)]
	r.off += int(n)
	return s
}

func (r *binReader) string() string { return r.bytes(r.uvarint()) }

func (r *binReader) byte() byte {
	if b := r.bytes(1); b != "" {
		return b[0]
	}
	return 0
}

func (r *binReader) number() float64 {
	b := r.bytes(8)
	if b == "" {
		return 0
	}
	var x uint64
	for i := 7; i >= 0; i-- {
		x = x<<8 | uint64(b[i])
	}
	return math.Float64frombits(x)
}

func (r *binReader) optional() advisor.Optional {
	if r.byte() == 0 {
		return advisor.Optional{}
	}
	return advisor.Some(r.number())
}

func (r *binReader) time() time.Time {
	sec := r.varint()
	return time.Unix(sec, int64(r.uvarint())).UTC()
}

func (r *binReader) profile() advisor.UseCase {
	var u advisor.UseCase
	n := r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		kind := r.byte()
		code := uint64(numCodes) // a field this advisorbot does not know: its value is skipped
		switch kind {
		case 't', 'n', 'b':
			if c, ok := profileCode[r.string()]; ok {
				code = c
			}
		case 'T', 'N', 'I', 'B':
			code = r.uvarint()
		default:
			r.err = fmt.Errorf("profile field of unknown kind %q", kind)
			return u
		}
		switch kind {
		case 't', 'T':
			setProfileText(&u, code, r.string())
		case 'n', 'N':
			r.setNumber(&u, code, r.number())
		case 'I':
			r.setNumber(&u, code, float64(r.varint()))
		case 'b', 'B':
			r.setBool(&u, code, r.byte() == 1)
		}
	}
	return u
}

// done reports the first error, for a value described as what.
func (r *binReader) done(what string) error {
	if r.err != nil {
		return fmt.Errorf("decode %s: %w", what, r.err)
	}
	return nil
}
