//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package graph

// freeSpace is not known here: writes are tried.
func freeSpace(dir string) (int64, bool) { return 0, false }
