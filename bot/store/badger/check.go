package badgerstore

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/table"
	"github.com/dgraph-io/ristretto/v2/z"
)

// checkFiles reads every file Badger would open in dir, read-only, and
// returns a [DamagedError] for the first one that is cut short, fails its
// checksum, or contradicts the MANIFEST. Badger must not see such files:
// it panics on a truncated table (in a goroutine, where no recover
// reaches), skips a table whose checksum fails, deletes tables its
// MANIFEST does not list, and cuts a log at its first bad entry, dropping
// every acknowledged write after it.
//
// The one damage it cannot see is a log or MANIFEST cut exactly between
// two entries, which looks like a clean end.
//
// Files in same are as a clean close left them (see readClosed) and are
// not read again: a log in same was closed, so is whole; a table in same
// is whole, and its value pointers held when it was written, so they
// still hold while every log is in same too. The MANIFEST is always read,
// and always matched against the tables present.
func checkFiles(dir string, same unchanged) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	tables := map[uint64]string{}
	var logs []string
	vl := vlogs{sizes: map[uint32]int64{}}
	for _, e := range entries {
		switch name := e.Name(); {
		case isTable(name):
			id, ok := table.ParseFileID(name)
			if !ok {
				return damaged(dir, "%s is not a table name Badger writes", name)
			}
			tables[id] = name
		case isLog(name):
			logs = append(logs, name)
			if fid, ok := strings.CutSuffix(name, ".vlog"); ok {
				n, err := strconv.ParseUint(fid, 10, 32)
				info, err2 := e.Info()
				if err != nil || err2 != nil {
					return damaged(dir, "%s is not a value log name Badger writes", name)
				}
				vl.add(uint32(n), info.Size())
			}
		}
	}
	mf, err := readManifest(dir)
	if err != nil {
		return err
	}
	for id := range mf.Tables {
		if _, ok := tables[id]; !ok {
			return damaged(dir, "MANIFEST lists %s, which is missing", table.IDToFilename(id))
		}
	}
	logsSame := !slices.ContainsFunc(logs, func(name string) bool { return !same[name] })
	for _, id := range slices.Sorted(mapsKeys(tables)) {
		tm, ok := mf.Tables[id]
		if !ok {
			return damaged(dir, "%s is not listed in MANIFEST", tables[id])
		}
		if logsSame && same[tables[id]] {
			continue
		}
		if err := checkTable(dir, tables[id], tm, vl); err != nil {
			return err
		}
	}
	slices.Sort(logs)
	unclean, memLogs := "", 0
	for _, name := range logs {
		if same[name] {
			continue // closed by Badger: whole, and truncated to its entries
		}
		open, err := checkLog(dir, name, vl)
		if err != nil {
			return err
		}
		if strings.HasSuffix(name, ".mem") {
			memLogs++
		} else if open {
			unclean = name
		}
	}
	// A value log still at its preallocated length was never closed; its
	// process was killed, and its last writes live in a memtable log.
	if unclean != "" && memLogs == 0 {
		return damaged(dir, "%s was not closed cleanly, but the memtable log (.mem) that holds the latest writes is missing", unclean)
	}
	return nil
}

// vlogs are the value logs present, for checking the value pointers that
// tables and memtable logs hold.
type vlogs struct {
	sizes    map[uint32]int64
	min, max uint32
}

func (v *vlogs) add(fid uint32, size int64) {
	if len(v.sizes) == 0 || fid < v.min {
		v.min = fid
	}
	v.max = max(v.max, fid)
	v.sizes[fid] = size
}

// bitValuePointer is Badger's meta bit for a value kept in a value log.
const bitValuePointer = 1 << 1

// checkPointer checks one value pointer (Badger's valuePointer in memory
// order: file id, length, offset). Value-log GC deletes old files while
// stale versions may still point into them, so only pointers into the
// range of files present count.
func (v *vlogs) checkPointer(dir, where string, ptr []byte) error {
	if len(ptr) < 12 {
		return damaged(dir, "%s holds a value pointer of %d bytes", where, len(ptr))
	}
	fid := binary.NativeEndian.Uint32(ptr[0:4])
	end := int64(binary.NativeEndian.Uint32(ptr[4:8])) + int64(binary.NativeEndian.Uint32(ptr[8:12]))
	size, ok := v.sizes[fid]
	switch {
	case len(v.sizes) > 0 && fid < v.min:
		return nil // collected by value-log GC; a stale version
	case !ok:
		return damaged(dir, "%s points into value log %06d.vlog, which is missing", where, fid)
	case end > size:
		return damaged(dir, "%s points to byte %s of %06d.vlog, which has %s", where, group(end), fid, group(size))
	}
	return nil
}

func mapsKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// readManifest replays the MANIFEST as Badger will. A cut-off last change
// is what a crash during an append leaves, and Badger drops it; anything
// else it cannot read is damage.
func readManifest(dir string) (badger.Manifest, error) {
	f, err := os.Open(filepath.Join(dir, manifestName))
	if err != nil {
		return badger.Manifest{}, err
	}
	defer f.Close()
	mf, _, err := badger.ReplayManifestFile(f, 0, badger.DefaultOptions(dir))
	if err != nil {
		return badger.Manifest{}, damaged(dir, "MANIFEST: %v", firstLine(err))
	}
	return mf, nil
}

// checkTable opens one table read-only with its checksums verified.
// Badger's table code panics on some truncations, so a panic here is the
// table's damage, not ours.
func checkTable(dir, name string, tm badger.TableManifest, vl vlogs) (err error) {
	path := filepath.Join(dir, name)
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.Size() == 0 {
		return damaged(dir, "%s is empty", name)
	}
	if tm.KeyID != 0 {
		return damaged(dir, "%s is encrypted, which advisorbot never does", name)
	}
	mf, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer func() {
		if r := recover(); r != nil {
			// Badger's panic value spans lines of diagnostics; the
			// operator needs which file, not those.
			err = damaged(dir, "%s is cut short or corrupt: its index cannot be read (%s bytes)", name, group(fi.Size()))
		}
		_ = mf.Close(-1)
	}()
	t, err := table.OpenTable(mf, table.Options{
		ReadOnly:    true,
		ChkMode:     options.OnTableRead,
		Compression: tm.Compression,
		BlockSize:   tableBlockSize,
	})
	if err != nil {
		return damaged(dir, "%s: %v", name, firstLine(err))
	}
	// The iterator's Close returns the reference it took; the table's own
	// is never dropped, since dropping the last one deletes the file.
	it := t.NewIterator(0)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		if v := it.Value(); v.Meta&bitValuePointer != 0 {
			if err := vl.checkPointer(dir, name, v.Value); err != nil {
				return err
			}
		}
	}
	return nil
}

// logHeaderSize is the key id and base IV at the start of every value log
// and memtable log.
const logHeaderSize = 20

// checkLog walks one value log (.vlog) or memtable log (.mem): every entry
// must be whole and pass its CRC. A crash leaves the preallocated rest of
// the file zero, possibly after one torn entry; that is the clean end.
// Badger truncates a log to its last entry when it closes it, so a log that
// ends inside an entry was cut.
//
// open reports a log longer than its entries: one its process never
// closed, since Badger truncates a log when it closes it.
func checkLog(dir, name string, vl vlogs) (open bool, err error) {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false, err
	}
	size := fi.Size()
	if size < logHeaderSize {
		return false, damaged(dir, "%s is cut short: %d bytes, shorter than its %d-byte header", name, size, logHeaderSize)
	}
	var head [logHeaderSize]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return false, err
	}
	if binary.BigEndian.Uint64(head[:8]) != 0 {
		return false, damaged(dir, "%s: its header names an encryption key, which advisorbot never uses", name)
	}
	// Only a memtable log's entries point into value logs.
	var pointers func(meta byte, value []byte) error
	if strings.HasSuffix(name, ".mem") {
		pointers = func(meta byte, value []byte) error {
			if meta&bitValuePointer == 0 {
				return nil
			}
			return vl.checkPointer(dir, name, value)
		}
	}
	r := &countReader{r: bufio.NewReaderSize(f, 64<<10), n: logHeaderSize}
	for {
		start := r.n
		status, err := readLogEntry(r, pointers)
		switch {
		case err != nil:
			return false, err
		case status == entryOK:
			continue
		case status == entryEnd, status == entryTorn:
			zero, err := zeroFrom(f, r.n)
			if err != nil {
				return false, err
			}
			if !zero {
				if status == entryEnd {
					return false, damaged(dir, "%s: data after the end of the log at byte %s", name, group(start))
				}
				return false, damaged(dir, "%s: the entry at byte %s fails its checksum", name, group(start))
			}
			return size > start, nil
		case status == entryCut:
			return false, damaged(dir, "%s is cut short at byte %s, inside an entry", name, group(size))
		default: // entryBad
			return false, damaged(dir, "%s: the entry at byte %s fails its checksum", name, group(start))
		}
	}
}

type entryStatus int

const (
	entryOK   entryStatus = iota
	entryEnd              // a zero header: nothing was written here
	entryCut              // the file ends inside the entry
	entryTorn             // a bad CRC of zero: a write the crash cut off
	entryBad              // a bad CRC: damage
)

// castagnoli is the CRC-32C table Badger's logs use.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// readLogEntry reads one entry as Badger writes it: meta and user-meta
// bytes, the key and value lengths and the expiry as uvarints, the key and
// value, and a big-endian CRC-32C of everything before it.
//
// With check set, an entry whose value could be a value pointer (under 64
// bytes) is read whole and handed to check once its CRC holds.
func readLogEntry(r *countReader, check func(meta byte, value []byte) error) (entryStatus, error) {
	h := crc32.New(castagnoli)
	hr := &hashingReader{r: r, h: h}
	var meta [2]byte
	if _, err := io.ReadFull(hr, meta[:]); err != nil {
		if err == io.EOF {
			return entryEnd, nil // the file ends between entries: a clean close
		}
		return cutOrErr(err)
	}
	klen, err1 := binary.ReadUvarint(hr)
	vlen, err2 := binary.ReadUvarint(hr)
	_, err3 := binary.ReadUvarint(hr)
	if err := errors.Join(err1, err2, err3); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return entryCut, nil
		}
		return entryBad, nil // an overlong varint
	}
	if meta == [2]byte{} && klen == 0 && vlen == 0 {
		return entryEnd, nil
	}
	if klen > 1<<16 || vlen > 1<<31 {
		return entryBad, nil // Badger's own limits
	}
	var value []byte
	if check != nil && vlen < 64 {
		if _, err := io.CopyN(h, r, int64(klen)); err != nil {
			return cutOrErr(err)
		}
		value = make([]byte, vlen)
		if _, err := io.ReadFull(hr, value); err != nil {
			return cutOrErr(err)
		}
	} else if _, err := io.CopyN(h, r, int64(klen+vlen)); err != nil {
		return cutOrErr(err)
	}
	var crc [4]byte
	if _, err := io.ReadFull(r, crc[:]); err != nil {
		return cutOrErr(err)
	}
	switch got := binary.BigEndian.Uint32(crc[:]); {
	case got == h.Sum32():
		if value != nil {
			if err := check(meta[0], value); err != nil {
				return 0, err
			}
		}
		return entryOK, nil
	case got == 0:
		return entryTorn, nil
	}
	return entryBad, nil
}

// hashingReader passes what it reads to a hash, a byte at a time when
// asked, so binary.ReadUvarint reads no further than the varint.
type hashingReader struct {
	r *countReader
	h io.Writer
}

func (t *hashingReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.h.Write(p[:n])
	return n, err
}

func (t *hashingReader) ReadByte() (byte, error) {
	c, err := t.r.ReadByte()
	if err == nil {
		t.h.Write([]byte{c})
	}
	return c, err
}

func cutOrErr(err error) (entryStatus, error) {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return entryCut, nil
	}
	return 0, err
}

// zeroFrom reports whether f holds nothing but zeros from off on. A
// crashed store's logs are preallocated (128 MiB for a value log) and
// mostly holes; where the system can say where data is, only that is read.
func zeroFrom(f *os.File, off int64) (bool, error) {
	buf, zero := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		from, to, ok := dataRegion(f, off)
		if !ok {
			return true, nil
		}
		for from < to {
			n, err := f.ReadAt(buf[:min(int64(len(buf)), to-from)], from)
			if !bytes.Equal(buf[:n], zero[:n]) {
				return false, nil
			}
			from += int64(n)
			if errors.Is(err, io.EOF) {
				return true, nil
			}
			if err != nil {
				return false, err
			}
		}
		off = to
	}
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countReader) ReadByte() (byte, error) {
	var b [1]byte
	_, err := io.ReadFull(c, b[:])
	return b[0], err
}

// group writes n with thousands separators, as people read sizes.
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// firstLine is an error's first line; Badger's errors can carry a URL on
// a second.
func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
