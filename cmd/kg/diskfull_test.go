package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestE2EDiskFull ingests into a small file system (a tmpfs mounted by the
// test) until it fills, with kg ingest and with kg serve under POST
// /ingest. Badger writes through memory maps, so a disk that filled under
// them used to kill both with SIGBUS; now each write checks the free space
// first (graph/diskroom.go). Each must refuse with an error naming the
// database, without a crash, the server serving on; the database must
// open afterwards with every acknowledged document; and once space is
// freed the ingest completes. Free space is made scarce with a filler
// file, so that the test writes tens of MiB, not hundreds.
func TestE2EDiskFull(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("mounts a tmpfs (Linux)")
	}
	if testing.Short() {
		t.Skip("ingests thousands of articles")
	}
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=300m"); err != nil {
		t.Skipf("cannot mount a tmpfs at %s (%v): the full-disk test needs root on Linux", mnt, err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(mnt, 0); err != nil {
			t.Errorf("unmount %s: %v", mnt, err)
		}
	})
	archive := filepath.Join(t.TempDir(), "archive")
	mustKG(t, "", "gen", "--docs", "1000", "--seed", "1", "--format", "jsonl", "--out", archive)

	// fill leaves about free bytes free on the tmpfs.
	filler := filepath.Join(mnt, "filler")
	fill := func(free int64) {
		t.Helper()
		os.Remove(filler)
		var st syscall.Statfs_t
		if err := syscall.Statfs(mnt, &st); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filler)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		chunk := make([]byte, 1<<20)
		for n := int64(st.Bavail)*int64(st.Bsize) - free; n > 0; n -= int64(len(chunk)) {
			if _, err := f.Write(chunk[:min(n, int64(len(chunk)))]); err != nil {
				t.Fatal(err)
			}
		}
	}
	noCrash := func(t *testing.T, stderr string) {
		t.Helper()
		for _, crash := range []string{"SIGBUS", "fatal error", "goroutine ", "panic"} {
			if strings.Contains(stderr, crash) {
				t.Fatalf("stderr holds %q:\n%.3000s", crash, stderr)
			}
		}
	}

	t.Run("kg ingest", func(t *testing.T) {
		db := filepath.Join(mnt, "ingest-db")
		fill(158 << 20) // kg ingest's writes need about 145 MiB free (its 128 MiB memtable)
		r := runKG(t, "", "ingest", "--db", db, archive)
		noCrash(t, r.stderr)
		want := "database " + db + ": the disk is nearly full"
		if r.code != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "kg ingest: stopped: the disk is nearly full") {
			t.Fatalf("exit %d, stderr %.2000s\nwant exit 1 and %q", r.code, r.stderr, want)
		}
		acked, _ := storedDocuments(t, r.stdout)
		if acked == 0 || acked == 1000 {
			t.Fatalf("%d documents stored before the disk filled; want some, not all (the filler is mis-sized)", acked)
		}
		t.Logf("kg ingest stored %d of 1000 documents before the disk filled: %s", acked, strings.TrimSpace(r.stderr))
		// The database opens on the full disk, with every document stored.
		if n := exportedDocuments(t, db, nil); n != acked {
			t.Errorf("the database holds %d documents, %d were acknowledged", n, acked)
		}
		// With space again, the ingest completes.
		os.Remove(filler)
		again := mustKG(t, "", "ingest", "--db", db, archive)
		if docs, dups := storedDocuments(t, again.stdout); docs != 1000 || dups != acked {
			t.Errorf("the ingest again: %q; want 1000 documents, %d already present", again.stdout, acked)
		}
		os.RemoveAll(db)
	})

	t.Run("kg serve", func(t *testing.T) {
		db := filepath.Join(mnt, "serve-db")
		mustKG(t, "", "ingest", "--db", db, filepath.Join(moduleRoot(t), "testdata", "articles", "001-marea-activist-interview.txt"))
		token := strings.TrimSpace(mustKG(t, "", "token", "add", "--db", db, "disk-full").stdout)
		fill(158 << 20) // as for kg ingest: a server that takes writes has its memtable
		srv := startServer(t, db)
		srv.token = token
		var body strings.Builder
		filepath.WalkDir(archive, func(path string, d os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(path, ".jsonl") {
				b, _ := os.ReadFile(path)
				body.Write(b)
			}
			return err
		})
		lines, done := postIngest(t, srv, mediaJSONLines, body.String())
		acked := map[string]bool{}
		for _, l := range lines {
			if l.Status == "created" {
				acked[l.ID] = true
			} else {
				t.Errorf("POST /ingest line %d: %+v", l.Line, l)
			}
		}
		want := "database " + db + ": the disk is nearly full"
		if !strings.Contains(done.Stopped, want) || len(acked) == 0 || len(acked) == 1000 {
			t.Fatalf("POST /ingest: %d created, last line %+v; want some created, then stopped with %q", len(acked), done, want)
		}
		t.Logf("POST /ingest: %d of 1000 documents acknowledged, then %s", len(acked), done.Stopped)
		// The server serves on, and refuses writes with the same error.
		var stats struct{ Stats struct{ Documents int } }
		srv.query(t, `{ stats { documents } }`, nil, &stats)
		if stats.Stats.Documents != len(acked)+1 {
			t.Errorf("the server counts %d documents; %d were acknowledged, and one before", stats.Stats.Documents, len(acked))
		}
		// A small write may still fit where a batch did not: stored and
		// acknowledged, or refused naming the database.
		status, resp := srv.post(t, `{"query":"mutation { ingest(input: {text: \"The council said the bridge was repaired.\"}) { created document { id } } }"}`)
		var m struct {
			Data struct {
				Ingest *struct {
					Created  bool
					Document struct{ ID string }
				}
			}
		}
		json.Unmarshal([]byte(resp), &m)
		switch {
		case m.Data.Ingest != nil && m.Data.Ingest.Created:
			acked[m.Data.Ingest.Document.ID] = true
		case !strings.Contains(resp, want):
			t.Errorf("the mutation on a full disk: %d %.500s; want it stored or %q", status, resp, want)
		}
		srv.stop(t)
		noCrash(t, srv.stderr.String())

		ids := map[string]bool{}
		if n := exportedDocuments(t, db, ids); n != len(acked)+1 {
			t.Errorf("the database holds %d documents, want the %d acknowledged and one before", n, len(acked))
		}
		for id := range acked {
			if !ids[id] {
				t.Errorf("acknowledged document %s is missing", id)
			}
		}
	})
}

// exportedDocuments counts the documents of kg export --db db, adding
// their IDs to ids when it is not nil.
func exportedDocuments(t *testing.T, db string, ids map[string]bool) int {
	t.Helper()
	out := mustKG(t, "", "export", "--db", db).stdout
	n := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var rec struct{ Type, ID string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(fmt.Errorf("export: %w", err))
		}
		if rec.Type == "document" {
			n++
			if ids != nil {
				ids[rec.ID] = true
			}
		}
	}
	return n
}
