package graph

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Badger replays the write-ahead logs of memtables that were never flushed
// (NNNNN.mem, left by a process killed while writing) into memtables of
// the size the opening process asks for. Ingest writes through 128 MiB
// memtables and a server opens with 16 MiB, so a server opened on the
// logs of a killed ingest failed with Badger's "Arena too small". Each log
// file is twice the memtable size it was written with (Badger sizes it so),
// which tells the size it needs.

// leftoverMemTable returns the memtable size in bytes that the largest
// leftover log in dir was written with, or 0 when there is none.
func leftoverMemTable(dir string) (int64, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return 0, nil
		}
		return 0, err
	}
	var largest int64
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".mem") || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return 0, err
		}
		largest = max(largest, info.Size()/2)
	}
	return largest, nil
}

// settleWAL makes a store left by a killed writer open with opts: when its
// leftover logs were written with a larger memtable than opts asks for, it
// opens the store once with that size and closes it, which replays the
// logs and flushes them to tables. A read-only open cannot replay logs at all (Badger would have to
// truncate them), so it is refused with what to do. It returns the options
// to open with.
func settleWAL(dir string, opts badger.Options) error {
	if !opts.ReadOnly {
		if err := removeEmptyLogs(dir); err != nil {
			return fmt.Errorf("read the write-ahead logs: %w", err)
		}
	}
	need, err := leftoverMemTable(dir)
	if err != nil {
		return fmt.Errorf("read the write-ahead logs: %w", err)
	}
	if opts.ReadOnly && need > 0 {
		return errors.New("the store was not closed cleanly and a read-only open cannot replay its write-ahead logs; open it once for writing (kg ingest, kg serve)")
	}
	if need <= opts.MemTableSize {
		return nil
	}
	db, err := badger.Open(opts.WithMemTableSize(need))
	if err != nil {
		return fmt.Errorf("replay the write-ahead logs of an interrupted writer: %w", err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("flush the write-ahead logs of an interrupted writer: %w", err)
	}
	return nil
}

// removeEmptyLogs removes the empty write-ahead logs (NNNNN.mem of 0
// bytes) in dir. A process killed between Badger's creating a log and
// sizing it leaves one; it holds no writes, but Badger's open fails on it
// ("while opening fid: 1 err: Create a new file", found by the crash test)
// and sizes it as it fails, so that the next open succeeds: the first
// command after such a kill failed for no reason.
func removeEmptyLogs(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".mem") || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		if info.Size() == 0 {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}
