package badgerstore

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/advisorbot/advisorbot/bot/store"
)

// MinFree is the free space kept in reserve on the data directory's
// filesystem: the larger of Bytes and Percent of the filesystem's size.
// The zero value keeps no reserve. Badger writes through memory-mapped
// files, and on a full disk the kernel kills the process with SIGBUS
// instead of returning an error; so the store stops writing while there
// is still room, with errors wrapping [store.ErrNoSpace] that say why.
type MinFree struct {
	Bytes   uint64
	Percent float64
}

// DefaultMinFree is the reserve without MIN_FREE_SPACE: enough for the
// memtable log Badger fills (16 MiB mapped), the table a flush writes
// (8 MiB) and a compaction of a small store, with room to spare.
var DefaultMinFree = MinFree{Bytes: 64 << 20}

var sizeUnits = []struct {
	suffix string
	mult   float64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40}, {"b", 1},
}

// ParseMinFree reads a reserve such as "64MiB", "1GB", "512m", "2%" or "0"
// (no reserve).
func ParseMinFree(s string) (MinFree, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	bad := fmt.Errorf("%q is not a size: give bytes with a unit, such as 64MiB or 1GB, or a share of the disk, such as 1%%", s)
	if p, ok := strings.CutSuffix(t, "%"); ok {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || v < 0 || v > 50 || math.IsNaN(v) {
			return MinFree{}, bad
		}
		return MinFree{Percent: v}, nil
	}
	mult := 1.0
	for _, u := range sizeUnits {
		if n, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = n, u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 0 || v*mult > 1<<50 || math.IsNaN(v) {
		return MinFree{}, bad
	}
	return MinFree{Bytes: uint64(v * mult)}, nil
}

// of is the reserve on a filesystem of total bytes.
func (m MinFree) of(total uint64) uint64 {
	return max(m.Bytes, uint64(m.Percent/100*float64(total)))
}

func (m MinFree) String() string {
	switch {
	case m.Percent > 0 && m.Bytes > 0:
		return FormatSize(m.Bytes) + " or " + strconv.FormatFloat(m.Percent, 'f', -1, 64) + "% of the disk"
	case m.Percent > 0:
		return strconv.FormatFloat(m.Percent, 'f', -1, 64) + "% of the disk"
	}
	return FormatSize(m.Bytes)
}

// FormatSize writes a byte count as people read it: "63.5 MiB".
func FormatSize(n uint64) string {
	units := []string{"bytes", "KiB", "MiB", "GiB", "TiB"}
	v, i := float64(n), 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	if i == 0 {
		return strconv.FormatUint(n, 10) + " bytes"
	}
	return strconv.FormatFloat(math.Floor(v*10)/10, 'f', -1, 64) + " " + units[i]
}

// FreeSpaceFunc reports the free (available to this user) and total bytes
// of the filesystem holding dir. Tests replace it; nil means the system's.
type FreeSpaceFunc func(dir string) (free, total uint64, err error)

// spaceGuard checks the reserve before a write.
type spaceGuard struct {
	dir  string
	min  MinFree
	stat FreeSpaceFunc
}

// check returns an error wrapping ErrNoSpace when free space is below the
// reserve. When the system cannot tell, it lets the write go ahead: a
// filesystem without statfs is no reason to stop the bot.
func (g *spaceGuard) check() error {
	if g == nil || g.min == (MinFree{}) {
		return nil
	}
	free, total, err := g.stat(g.dir)
	if err != nil {
		return nil
	}
	if need := g.min.of(total); free < need {
		return fmt.Errorf("%w: %s free on the filesystem of %s, below the reserve of %s",
			store.ErrNoSpace, FormatSize(free), g.dir, g.min)
	}
	return nil
}
