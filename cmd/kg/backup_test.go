package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EBackupRestore backs up a database directly and through a running
// kg serve, restores each into a new directory and compares kg export of
// the restored database with the original's, byte for byte.
func TestE2EBackupRestore(t *testing.T) {
	db, work := t.TempDir(), t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(moduleRoot(t), "testdata", "articles"))
	want := mustKG(t, "", "export", "--db", db, "--what", "all", "--text").stdout
	if len(want) < 1000 {
		t.Fatalf("export of the original is only %d bytes", len(want))
	}
	check := func(name, backup string) {
		t.Helper()
		restored := filepath.Join(work, name+"-restored")
		mustKG(t, "", "restore", "--in", backup, "--db", restored)
		if got := mustKG(t, "", "export", "--db", restored, "--what", "all", "--text").stdout; got != want {
			t.Errorf("%s: export of the restored database differs (%d against %d bytes)", name, len(got), len(want))
		}
		// A restore into a database that exists is refused.
		if r := runKG(t, "", "restore", "--in", backup, "--db", restored); r.code == 0 || !strings.Contains(r.stderr, "not empty") {
			t.Errorf("%s: restore over a database: exit %d, %s", name, r.code, r.stderr)
		}
	}

	direct := filepath.Join(work, "direct.kgb")
	mustKG(t, "", "backup", "--db", db, "--out", direct)
	check("direct", direct)

	token := strings.TrimSpace(mustKG(t, "", "token", "add", "--db", db, "backup").stdout)
	s := startServer(t, db)
	// The server holds the database: a direct backup says to go through it.
	if r := runKG(t, "", "backup", "--db", db, "--out", filepath.Join(work, "held.kgb")); r.code == 0 || !strings.Contains(r.stderr, "--server") {
		t.Errorf("backup of a held database: exit %d, %s", r.code, r.stderr)
	}
	// A page of another origin gets nothing; GET is refused.
	req, _ := http.NewRequest(http.MethodPost, s.base+"backup", nil)
	req.Header.Set("Origin", "https://attacker.example")
	if r := s.do(t, req); r.status != http.StatusForbidden {
		t.Errorf("POST /backup from another origin: %d", r.status)
	}
	if r := s.get(t, "/backup", nil); r.status != http.StatusMethodNotAllowed {
		t.Errorf("GET /backup: %d", r.status)
	}
	// Without a credential: refused.
	if r := runKG(t, "", "backup", "--server", s.base, "--out", filepath.Join(work, "anon.kgb")); r.code == 0 {
		t.Errorf("backup without a credential succeeded")
	}
	t.Setenv("KG_TOKEN", token)
	served := filepath.Join(work, "served.kgb")
	mustKG(t, "", "backup", "--server", s.base, "--out", served)
	s.stop(t)
	check("served", served)

	// A truncated backup is refused, and leaves no directory behind.
	raw, err := os.ReadFile(direct)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(work, "cut.kgb")
	if err := os.WriteFile(cut, raw[:len(raw)-10], 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(work, "cut-restored")
	if r := runKG(t, "", "restore", "--in", cut, "--db", target); r.code == 0 {
		t.Errorf("restore of a truncated backup succeeded")
	}
	if _, err := os.Stat(target); err == nil {
		t.Errorf("a failed restore left %s", target)
	}
}
