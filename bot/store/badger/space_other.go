//go:build !unix

package badgerstore

import "errors"

// systemFreeSpace cannot tell here; the reserve is then not enforced.
func systemFreeSpace(string) (free, total uint64, err error) {
	return 0, 0, errors.New("free space unknown on this system")
}
