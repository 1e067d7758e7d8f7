package graph

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOpenWithEmptyLog: a writer killed between creating a write-ahead
// log and sizing it leaves an empty NNNNN.mem; every open afterwards
// (the first one included) succeeds with what was stored.
func TestOpenWithEmptyLog(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, ServingOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "00009.mem"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, ServingOptions())
	if err != nil {
		t.Fatalf("open with an empty write-ahead log: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
