package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The crash test: kg ingest killed with SIGKILL at random points. After
// each kill the database must open for kg export and kg serve, every
// document present must have all of its claims, relations and entities
// (compared with a clean ingest of the same archive, IDs and ingest times
// aside), and re-running the ingest must complete it. KG_CRASH_N sets the
// number of kills (default 3; the README's figures are from
// KG_CRASH_N=100); KG_CRASH_SEED the random points.

// crashKills is the number of kills, from KG_CRASH_N.
func crashKills(t *testing.T, def int) int {
	t.Helper()
	if v := os.Getenv("KG_CRASH_N"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			t.Fatalf("KG_CRASH_N=%q: want a count", v)
		}
		return n
	}
	return def
}

// crashRand is the random source of a crash test: $KG_CRASH_SEED, else
// the clock, logged so that a failing run can be repeated; stream keeps
// the tests' sequences apart.
func crashRand(t *testing.T, stream uint64) *rand.Rand {
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("KG_CRASH_SEED"); v != "" {
		seed, _ = strconv.ParseUint(v, 10, 64)
	}
	t.Logf("KG_CRASH_SEED=%d", seed)
	return rand.New(rand.NewPCG(seed, stream))
}

func TestE2ECrashIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test ingests 2,000 articles a few times")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	kills := crashKills(t, 3)
	rng := crashRand(t, 17)

	work := t.TempDir()
	archive := filepath.Join(work, "archive")
	mustKG(t, "", "gen", "--docs", "2000", "--seed", "1", "--out", archive)
	clean := filepath.Join(work, "clean")
	start := time.Now()
	mustKG(t, "", "ingest", "--db", clean, archive)
	cleanTime := time.Since(start)
	want := normalizedExport(t, clean)
	wantEntities := documentEntities(t, clean)
	if len(want.docs) != 2000 {
		t.Fatalf("the clean ingest stored %d documents", len(want.docs))
	}

	var partial, present, complete int
	began := time.Now()
	for i := range kills {
		db := filepath.Join(work, fmt.Sprintf("kill%03d", i))
		after := time.Duration(rng.Int64N(int64(cleanTime)))
		ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
		cmd := exec.CommandContext(ctx, kgBinary, "ingest", "--db", db, archive)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after)
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()
		cancel()

		if _, err := os.Stat(filepath.Join(db, "MANIFEST")); err != nil {
			// Killed before Badger created the database: nothing to
			// open (kg export says there is no database), only to re-run.
			t.Logf("kill %d after %v: before the database existed", i, after.Round(time.Millisecond))
			mustKG(t, "", "ingest", "--db", db, archive)
			if final := normalizedExport(t, db); !final.equal(want) {
				t.Errorf("kill %d after %v: the ingest re-run after the kill does not give the clean ingest's export", i, after)
			}
			os.RemoveAll(db)
			continue
		}
		// It opens for kg export, and every document present is whole.
		got := normalizedExport(t, db)
		bad := 0
		for url, records := range got.docs {
			if records != want.docs[url] {
				bad++
				if bad <= 3 {
					t.Errorf("kill %d after %v: document %s differs from the clean ingest:\n got %s\nwant %s", i, after, url, records, want.docs[url])
				}
			}
		}
		// It opens for kg serve, and each document has all its entities
		// (the document's mention keys).
		for url, keys := range documentEntities(t, db) {
			if keys != wantEntities[url] {
				bad++
				t.Errorf("kill %d after %v: document %s has entities %s, want %s", i, after, url, keys, wantEntities[url])
			}
		}
		partial += bad
		t.Logf("kill %d after %v: %d documents present, %d partial", i, after.Round(time.Millisecond), len(got.docs), bad)
		present += len(got.docs)
		if len(got.docs) == len(want.docs) {
			complete++
		}
		// Re-running the ingest completes it.
		mustKG(t, "", "ingest", "--db", db, archive)
		if final := normalizedExport(t, db); !final.equal(want) {
			t.Errorf("kill %d after %v: the ingest re-run after the kill does not give the clean ingest's export", i, after)
		}
		os.RemoveAll(db)
	}
	t.Logf("crash test (kg ingest): %d kills in %v (clean ingest %v), %d documents found after them (%d kills after the ingest had finished), %d partial documents",
		kills, time.Since(began).Round(time.Second), cleanTime.Round(time.Millisecond), present, complete, partial)
}

// export is kg export of a database, IDs and ingest times left out: each
// document's records (itself, its claims, its relations; sorted lines) by
// its URL, and the entities.
type export struct {
	docs     map[string]string
	entities []string
}

func (e export) equal(o export) bool {
	if len(e.docs) != len(o.docs) || !slices.Equal(e.entities, o.entities) {
		return false
	}
	for url, r := range e.docs {
		if o.docs[url] != r {
			return false
		}
	}
	return true
}

// idFields are the fields of export records that hold IDs or times.
var idFields = []string{"id", "documentId", "claimId", "subjectId", "objectId", "speakerId", "about", "ingestedAt"}

func normalizedExport(t *testing.T, db string) export {
	t.Helper()
	out := mustKG(t, "", "export", "--db", db, "--what", "all").stdout
	urls := map[string]string{} // document ID → URL
	byDoc := map[string][]string{}
	var entities []string
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("export of %s: %v: %s", db, err, sc.Bytes())
		}
		typ, _ := rec["type"].(string)
		var doc string
		switch typ {
		case "document":
			id, _ := rec["id"].(string)
			url, _ := rec["url"].(string)
			urls[id] = url
			doc = url
		case "claim", "relation":
			id, _ := rec["documentId"].(string)
			var ok bool
			if doc, ok = urls[id]; !ok {
				t.Fatalf("export of %s: a %s of document %s before the document or without it", db, typ, id)
			}
		}
		for _, f := range idFields {
			delete(rec, f)
		}
		line, _ := json.Marshal(rec)
		if typ == "entity" {
			entities = append(entities, string(line))
			continue
		}
		byDoc[doc] = append(byDoc[doc], string(line))
	}
	e := export{docs: map[string]string{}, entities: entities}
	slices.Sort(e.entities)
	for url, lines := range byDoc {
		slices.Sort(lines)
		e.docs[url] = strings.Join(lines, "\n")
	}
	return e
}

// documentEntities starts kg serve on db and gives each document's
// entity keys (sorted, joined) by its URL.
func documentEntities(t *testing.T, db string) map[string]string {
	t.Helper()
	s := startServer(t, db)
	defer s.stop(t)
	res := map[string]string{}
	after := ""
	for {
		var page struct {
			Documents struct {
				Nodes []struct {
					URL      string
					Entities []struct{ Key string }
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		s.query(t, `query($after: String) { documents(first: 200, after: $after) { nodes { url entities { key } } pageInfo { hasNextPage endCursor } } }`,
			map[string]any{"after": after}, &page)
		for _, d := range page.Documents.Nodes {
			var keys []string
			for _, e := range d.Entities {
				keys = append(keys, e.Key)
			}
			slices.Sort(keys)
			res[d.URL] = strings.Join(keys, " ")
		}
		if !page.Documents.PageInfo.HasNextPage {
			return res
		}
		after = page.Documents.PageInfo.EndCursor
	}
}
