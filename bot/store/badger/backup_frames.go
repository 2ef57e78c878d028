package badgerstore

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// maxBackupFrame bounds one frame of a backup. Badger's Load allocates a
// frame's stated length before reading it, so a damaged or foreign file
// could ask for terabytes (or make it panic); real frames are batches of a
// few MiB at most.
const maxBackupFrame = 256 << 20

// ErrBadBackup is wrapped by Restore when the file is not a backup written
// by Backup, or is cut short.
var ErrBadBackup = errors.New("badgerstore: not an advisorbot backup, or a damaged one")

// frameChecker passes a backup stream through unchanged while checking its
// framing (an 8-byte little-endian length, then that many bytes): it never
// hands on the last byte of a frame header that states an impossible
// length, so Load never decodes it (earlier bytes of a header split across
// reads may have gone on; Load then sees a short header and an error).
type frameChecker struct {
	r       io.Reader
	hdr     [8]byte
	hdrN    int    // header bytes seen of the current frame
	payload uint64 // payload bytes still to come in the current frame
	frames  int    // frame headers seen
}

func (c *frameChecker) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; {
		if c.payload > 0 {
			step := min(uint64(n-i), c.payload)
			c.payload -= step
			i += int(step)
			continue
		}
		start := i - c.hdrN // where this header began in p, if it did
		for i < n && c.hdrN < 8 {
			c.hdr[c.hdrN] = p[i]
			c.hdrN++
			i++
		}
		if c.hdrN < 8 {
			break
		}
		c.hdrN = 0
		sz := binary.LittleEndian.Uint64(c.hdr[:])
		if sz > maxBackupFrame {
			return max(start, 0), fmt.Errorf("%w: a frame claims %d bytes", ErrBadBackup, sz)
		}
		c.payload = sz
		c.frames++
	}
	if err == io.EOF && (c.hdrN > 0 || c.payload > 0) {
		return n, fmt.Errorf("%w: it ends inside a frame (truncated)", ErrBadBackup)
	}
	if err == io.EOF && c.frames == 0 {
		// Every store holds its schema record, so a real backup is never
		// empty.
		return n, fmt.Errorf("%w: it is empty", ErrBadBackup)
	}
	return n, err
}
