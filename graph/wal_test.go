package graph

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// TestOpenAfterKilledIngest: a store whose ingest was killed with more in
// a large memtable than a server's 16 MiB one holds opens for a server, a
// read-only reader and another ingest, with every committed write. The
// copy of the directory taken while the writer still has it open is what
// a kill -9 leaves on disk.
func TestOpenAfterKilledIngest(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{MemTableMB: 64}) // IngestOptions' 128 MiB makes the same case, with more to copy
	if err != nil {
		t.Fatal(err)
	}
	value := []byte(strings.Repeat("v", 900)) // under valueThreshold: kept in the memtable
	const txns, perTxn = 12, 3000             // about 33 MB, more than a 16 MiB memtable's arena
	for i := range txns {
		err := s.db.Update(func(txn *badger.Txn) error {
			for j := range perTxn {
				if err := txn.Set(fmt.Appendf(nil, "zz/%03d/%05d", i, j), value); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	killed := filepath.Join(t.TempDir(), "killed")
	copyDir(t, dir, killed)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if need, err := leftoverMemTable(killed); err != nil || need <= int64(ServingOptions().MemTableMB)<<20 {
		t.Fatalf("the killed store's logs need a %d-byte memtable (%v): the test no longer makes the case", need, err)
	}

	readOnly := filepath.Join(t.TempDir(), "read-only")
	copyDir(t, killed, readOnly)
	if _, err := Open(readOnly, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "open it once for writing") {
		t.Errorf("read-only open of a killed store: %v, want the refusal that says what to do", err)
	}
	for _, c := range []struct {
		name string
		opts Options
	}{
		{"serve", ServingOptions()},
		{"ingest", IngestOptions()},
	} {
		dir := filepath.Join(t.TempDir(), c.name)
		copyDir(t, killed, dir)
		s, err := Open(dir, c.opts)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		n := 0
		err = s.db.View(func(txn *badger.Txn) error {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("zz/")})
			defer it.Close()
			for it.Rewind(); it.Valid(); it.Next() {
				n++
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if n != txns*perTxn {
			t.Errorf("%s: %d keys after the open, want %d", c.name, n, txns*perTxn)
		}
		if err := s.Close(); err != nil {
			t.Fatalf("%s: close: %v", c.name, err)
		}
	}
}

// copyDir copies the regular files of src (and its subdirectories) to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if rel == "LOCK" {
			return nil
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
}
