//go:build unix

package badgerstore

import "syscall"

// systemFreeSpace is statfs(2): the blocks available to an unprivileged
// user, which is what is left before writes fail.
func systemFreeSpace(dir string) (free, total uint64, err error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), uint64(st.Blocks) * uint64(st.Bsize), nil
}
