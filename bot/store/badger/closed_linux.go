package badgerstore

import (
	"os"
	"syscall"
)

// stampOf is path's device, inode, size and times; ok is false when it
// cannot be read.
func stampOf(path string) (fileStamp, bool) {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return fileStamp{}, false
	}
	return fileStamp{
		Dev: uint64(st.Dev), Ino: uint64(st.Ino), Size: st.Size,
		MTimeNs: st.Mtim.Nano(), CTimeNs: st.Ctim.Nano(),
	}, true
}

// lockDir takes Badger's directory lock (an exclusive flock on the
// directory itself, as Badger takes it), or fails at once if another
// process holds it.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil // closing releases the flock
}
