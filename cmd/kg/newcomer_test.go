package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestE2EReadCommandsNeedADatabase: kg serve and kg export on a database
// that does not exist fail naming its path, and create nothing.
func TestE2EReadCommandsNeedADatabase(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "mistyped")
	for _, args := range [][]string{{"serve", "--db", missing, "--addr", "127.0.0.1:0"}, {"export", "--db", missing}} {
		r := runKG(t, "", args...)
		if r.code != 1 || !strings.Contains(r.stderr, "no database at "+missing) {
			t.Errorf("kg %s: exit %d, stderr %q; want 1 and an error naming %s", args[0], r.code, r.stderr, missing)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("kg %s created %s", args[0], missing)
		}
	}
}

// TestE2EIngestIntoServedDatabase: kg ingest on a database a kg serve
// holds says so and points at kg ingest --server.
func TestE2EIngestIntoServedDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	writeFiles(t, dir, map[string]string{"a.txt": "The Syrian Observatory said Idlib was shelled."})
	mustKG(t, "", "ingest", "--db", db, filepath.Join(dir, "a.txt"))
	s := startServer(t, db)
	defer s.stop(t)
	r := runKG(t, "", "ingest", "--db", db, filepath.Join(dir, "a.txt"))
	if r.code != 1 || !strings.Contains(r.stderr, "held by a running kg serve") || !strings.Contains(r.stderr, "kg ingest --server URL") {
		t.Errorf("exit %d, stderr %q; want an error saying a kg serve holds the database", r.code, r.stderr)
	}
	r = runKG(t, "", "ingest", "--server", s.base, "--db", db, filepath.Join(dir, "a.txt"))
	if r.code != 2 {
		t.Errorf("--server with --db: exit %d, want 2", r.code)
	}
}

// TestE2EPortInUse: a port in use is an error that names --addr.
func TestE2EPortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	writeFiles(t, dir, map[string]string{"a.txt": "The Syrian Observatory said Idlib was shelled."})
	mustKG(t, "", "ingest", "--db", db, filepath.Join(dir, "a.txt"))
	r := runKG(t, "", "serve", "--db", db, "--addr", l.Addr().String())
	if r.code != 1 || !strings.Contains(r.stderr, "in use") || !strings.Contains(r.stderr, "--addr") {
		t.Errorf("exit %d, stderr %q; want an error naming --addr", r.code, r.stderr)
	}
}

func TestProgressLine(t *testing.T) {
	for _, tc := range []struct {
		docs, done, total int64
		elapsed           time.Duration
		want              string
	}{
		{12345, 250, 1000, 10 * time.Second, "kg: 12,345 documents, 1,234/s, 25%, about 30s left"},
		{7, 0, 0, time.Second, "kg: 7 documents, 7/s"},
	} {
		if got := progressLine(tc.docs, tc.done, tc.total, tc.elapsed); got != tc.want {
			t.Errorf("progressLine = %q, want %q", got, tc.want)
		}
	}
	if isTerminal(&strings.Builder{}) {
		t.Error("a buffer is a terminal")
	}
}

// TestIngestEndpoint: the URL kg ingest --server posts to.
func TestIngestEndpoint(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:8080":          "http://127.0.0.1:8080/ingest",
		"http://127.0.0.1:8080/":         "http://127.0.0.1:8080/ingest",
		"http://127.0.0.1:8080/graphql":  "http://127.0.0.1:8080/ingest",
		"127.0.0.1:8080":                 "http://127.0.0.1:8080/ingest",
		"https://kg.example/api/graphql": "https://kg.example/api/ingest",
	} {
		if got, err := ingestEndpoint(in); err != nil || got != want {
			t.Errorf("ingestEndpoint(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ingestEndpoint("ftp://x"); err == nil {
		t.Error("ftp:// accepted")
	}
}

// TestE2EVersionAndDB: kg version names the revision and Go; kg db prints
// the resolved directory and says when there is no database.
func TestE2EVersionAndDB(t *testing.T) {
	r := mustKG(t, "", "version")
	if !strings.HasPrefix(r.stdout, "kg ") || !strings.Contains(r.stdout, "go1.") {
		t.Errorf("kg version: %q", r.stdout)
	}
	missing := filepath.Join(t.TempDir(), "none")
	r = mustKG(t, "", "db", "--db", missing)
	if strings.TrimSpace(r.stdout) != missing || !strings.Contains(r.stderr, "no database at") {
		t.Errorf("kg db: stdout %q stderr %q", r.stdout, r.stderr)
	}
}
