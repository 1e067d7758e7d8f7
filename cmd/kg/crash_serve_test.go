package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestE2ECrashServe kills kg serve with SIGKILL while it takes POST
// /ingest (JSON lines of a generated archive) and ingestDocument
// mutations, KG_CRASH_N times (default 3) on one database, and checks
// after each that the database opens and every acknowledged write (a 200
// answer with its document's ID) is there.
func TestE2ECrashServe(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test runs a server many times")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	kills := crashKills(t, 3)
	rng := crashRand(t, 18)

	work := t.TempDir()
	archive := filepath.Join(work, "archive")
	mustKG(t, "", "gen", "--docs", "2000", "--seed", "1", "--format", "jsonl", "--out", archive)
	var lines [][]byte
	filepath.WalkDir(archive, func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".jsonl") {
			b, _ := os.ReadFile(path)
			for _, l := range bytes.Split(b, []byte("\n")) {
				if len(l) > 0 {
					lines = append(lines, l)
				}
			}
		}
		return nil
	})
	if len(lines) != 2000 {
		t.Fatalf("the archive has %d lines", len(lines))
	}
	db := filepath.Join(work, "db")
	mustKG(t, "", "ingest", "--db", db, filepath.Join(moduleRoot(t), "testdata", "articles"))

	token := strings.TrimSpace(mustKG(t, "", "token", "add", "--db", db, "crash-test").stdout)
	acked := map[string]string{} // document ID → what acknowledged it
	var ingestAcks, mutationAcks, lost int
	began := time.Now()
	for i := range kills {
		s := startServer(t, db)
		client := &http.Client{Timeout: time.Minute}
		var mu sync.Mutex
		ack := func(id, what string) {
			mu.Lock()
			acked[id] = what
			mu.Unlock()
		}
		var wg sync.WaitGroup
		stop := make(chan struct{})
		// POST /ingest: a slice of the archive from a random line.
		wg.Add(1)
		go func() {
			defer wg.Done()
			from := rng.IntN(len(lines))
			body := bytes.Join(lines[from:], []byte("\n"))
			req, _ := http.NewRequest(http.MethodPost, s.base+"ingest", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/x-ndjson")
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := client.Do(req)
			if err != nil {
				return
			}
			defer resp.Body.Close()
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
				var a struct {
					Line       int
					Status, ID string
				}
				if json.Unmarshal(sc.Bytes(), &a) == nil && a.ID != "" && (a.Status == "created" || a.Status == "duplicate") {
					ack(a.ID, fmt.Sprintf("kill %d: POST /ingest line %d (%s)", i, from+a.Line, a.Status))
					mu.Lock()
					ingestAcks++
					mu.Unlock()
				}
			}
		}()
		// ingestDocument mutations, one after another.
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				text := fmt.Sprintf("Residents of the town said %d families had returned after kill %d, the monitoring group said.", n, i)
				q, _ := json.Marshal(map[string]any{
					"query":     `mutation($in: DocumentInput!) { ingestDocument(input: $in) { id } }`,
					"variables": map[string]any{"in": map[string]any{"text": text, "url": fmt.Sprintf("https://crash.example/%d/%d", i, n)}},
				})
				req, _ := http.NewRequest(http.MethodPost, s.base+"graphql", bytes.NewReader(q))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := client.Do(req)
				if err != nil {
					return
				}
				var r struct {
					Data struct{ IngestDocument struct{ ID string } }
				}
				err = json.NewDecoder(resp.Body).Decode(&r)
				resp.Body.Close()
				if err == nil && resp.StatusCode == http.StatusOK && r.Data.IngestDocument.ID != "" {
					ack(r.Data.IngestDocument.ID, fmt.Sprintf("kill %d: mutation %d", i, n))
					mu.Lock()
					mutationAcks++
					mu.Unlock()
				}
			}
		}()
		time.Sleep(time.Duration(200+rng.IntN(4000)) * time.Millisecond)
		s.cmd.Process.Kill() // SIGKILL
		<-s.done
		close(stop)
		wg.Wait()

		// The database opens for kg export, with every acknowledged write.
		stored := map[string]bool{}
		for _, l := range strings.Split(mustKG(t, "", "export", "--db", db, "--what", "documents").stdout, "\n") {
			var d struct{ ID string }
			if json.Unmarshal([]byte(l), &d) == nil && d.ID != "" {
				stored[d.ID] = true
			}
		}
		missing := 0
		for id, what := range acked {
			if !stored[id] {
				missing++
				if missing <= 3 {
					t.Errorf("after kill %d: document %s acknowledged (%s) is missing", i, id, what)
				}
			}
		}
		lost += missing
		t.Logf("kill %d: %d documents stored, %d acknowledged writes so far, %d missing", i, len(stored), len(acked), missing)
	}
	if kills > 0 && (ingestAcks == 0 || mutationAcks == 0) {
		t.Errorf("no acknowledged writes to check (POST /ingest %d, ingestDocument %d)", ingestAcks, mutationAcks)
	}
	t.Logf("crash test (kg serve): %d kills in %v, %d acknowledged documents from POST /ingest and %d from ingestDocument, %d acknowledged writes lost",
		kills, time.Since(began).Round(time.Second), ingestAcks, mutationAcks, lost)
}
