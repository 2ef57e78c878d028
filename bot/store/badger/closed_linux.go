package badgerstore

import "syscall"

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
