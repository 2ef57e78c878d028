package badgerstore

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

func frame(payload string) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(payload)))
	return append(b, payload...)
}

// TestFrameChecker reads through the checker one byte and half a buffer at
// a time, so frame headers are split across reads.
func TestFrameChecker(t *testing.T) {
	good := append(append(frame("first frame"), frame("")...), frame("third")...)
	huge := append(frame("ok"), binary.LittleEndian.AppendUint64(nil, maxBackupFrame+1)...)
	huge = append(huge, "rest"...)
	for _, wrap := range []struct {
		name string
		fn   func(io.Reader) io.Reader
	}{{"whole", func(r io.Reader) io.Reader { return r }}, {"one byte", iotest.OneByteReader}, {"half", iotest.HalfReader}} {
		t.Run(wrap.name, func(t *testing.T) {
			got, err := io.ReadAll(&frameChecker{r: wrap.fn(bytes.NewReader(good))})
			if err != nil || !bytes.Equal(got, good) {
				t.Errorf("good stream: %d bytes, err %v", len(got), err)
			}
			got, err = io.ReadAll(&frameChecker{r: wrap.fn(bytes.NewReader(huge))})
			if !errors.Is(err, ErrBadBackup) {
				t.Errorf("oversized frame: err %v", err)
			}
			// Part of the bad header may have gone on in earlier reads, but
			// never all 8 bytes, so Load never decodes the length.
			if len(got) >= len(frame("ok"))+8 {
				t.Errorf("the whole oversized header was passed on: %d bytes", len(got))
			}
			for _, cut := range [][]byte{good[:len(good)-2], good[:5], nil} {
				if _, err := io.ReadAll(&frameChecker{r: wrap.fn(bytes.NewReader(cut))}); !errors.Is(err, ErrBadBackup) {
					t.Errorf("%d-byte stream: err %v, want ErrBadBackup", len(cut), err)
				}
			}
		})
	}
}
