package graph

import (
	"errors"
	"fmt"
)

// Badger writes its write-ahead log, its value log and its tables through
// memory maps of files it creates sparse (a memtable's log file is made
// twice the memtable's size, a value log file two GiB, then written page by
// page). When the disk fills under such a map, the kernel cannot give the
// page a write touches, and the process gets SIGBUS: no error to return,
// the process dies with a dump of its goroutines, the request in flight
// dropped. Badger gives no way to preallocate those files, and a table
// written by a flush or a compaction is created and copied in one go.
//
// So the store refuses a write while the disk has less free space than
// the write could need before the next check: the write itself, a flush of
// a full memtable into a table, and the compaction of level 0 into level 1
// that follows (it rewrites both). Below that it answers ErrDiskFull,
// naming the database, and writes nothing; reads go on, and writes succeed
// again once space is freed. It cannot see another program filling the
// disk between two writes.

// ErrDiskFull is the error of a write refused because the disk is nearly
// full (see checkRoom).
var ErrDiskFull = errors.New("the disk is nearly full")

// roomMargin is free space kept beyond what a flush and a compaction
// rewrite: Badger's manifest, discard stats, our text segments.
const roomMargin = 16 << 20

// checkRoom gives ErrDiskFull, wrapped with the database and the figures,
// when the disk holding the store has too little free space for a write of
// need bytes (see above); nil when it has room, or when its free space
// cannot be known (the write is tried).
func (s *Store) checkRoom(need int64) error {
	if s.dir == "" {
		return nil
	}
	free, ok := freeSpace(s.dir)
	if !ok {
		return nil
	}
	want := need + s.memTableSize + roomMargin
	for _, l := range s.db.Levels() {
		if l.Level <= 1 {
			want += l.Size
		}
	}
	if free >= want {
		return nil
	}
	return fmt.Errorf("database %s: %w: %d MiB free, and a write needs %d MiB free (room for Badger's memory-mapped files, which would crash the process if the disk filled under them); nothing was written: free some space", s.dir, ErrDiskFull, free>>20, (want+1<<20-1)>>20)
}
