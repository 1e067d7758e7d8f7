//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package graph

import "syscall"

// freeSpace gives the bytes an unprivileged writer may still use on the
// file system holding dir.
func freeSpace(dir string) (int64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return int64(st.Bavail) * int64(st.Bsize), true
}
