package badgerstore

import (
	"errors"
	"math"
	"os"
	"syscall"
)

// Linux's lseek whences for sparse files.
const (
	seekData = 3
	seekHole = 4
)

// dataRegion is the next range of f at or after off that may hold data;
// ok is false when only holes follow.
func dataRegion(f *os.File, off int64) (from, to int64, ok bool) {
	from, err := f.Seek(off, seekData)
	if errors.Is(err, syscall.ENXIO) {
		return 0, 0, false
	}
	if err != nil {
		return off, math.MaxInt64, true // no SEEK_DATA here: read it all
	}
	to, err = f.Seek(from, seekHole)
	if err != nil {
		return from, math.MaxInt64, true
	}
	return from, to, true
}
