package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The floors below are what extraction reaches today (kg eval prints the
// figures); the suite fails if quality falls back under them. Raise them
// when extraction improves, never lower them to make a change pass.
var evalFloors = []struct {
	name                        string
	dir                         func(root string) string
	entities, claims, relations string
	wrongSpeaker                string // the highest share of named-speaker claims with the wrong speaker
}{
	{"shared corpus", func(root string) string { return filepath.Join(root, "..", "shared", "corpus") }, "0.94", "0.88", "0.68", "0.03"},
	{"project articles", func(root string) string { return filepath.Join(root, "testdata", "articles") }, "0.89", "0.85", "0.44", "0.07"},
}

func TestE2EEvalFloors(t *testing.T) {
	root := moduleRoot(t)
	for _, f := range evalFloors {
		t.Run(f.name, func(t *testing.T) {
			dir := f.dir(root)
			if _, err := os.Stat(dir); err != nil {
				t.Skipf("no gold articles at %s: %v", dir, err)
			}
			r := runKG(t, "", "eval", "--gold", dir, "--min-entities", f.entities, "--min-claims", f.claims, "--min-relations", f.relations, "--max-wrong-speaker", f.wrongSpeaker)
			t.Log("\n" + r.stdout)
			if r.code != 0 {
				t.Fatalf("kg eval --gold %s: exit %d: %s", dir, r.code, r.stderr)
			}
			if !strings.Contains(r.stdout, "TOTAL (") {
				t.Fatalf("kg eval printed no total:\n%s", r.stdout)
			}
		})
	}
}

// TestE2EEvalUsage: a missing --gold is a usage error, a directory without
// gold is an error naming it.
func TestE2EEvalUsage(t *testing.T) {
	if r := runKG(t, "", "eval"); r.code != 2 || !strings.Contains(r.stderr, "--gold") {
		t.Errorf("kg eval without --gold: exit %d, stderr %q; want 2 naming --gold", r.code, r.stderr)
	}
	empty := t.TempDir()
	if r := runKG(t, "", "eval", "--gold", empty); r.code != 1 || !strings.Contains(r.stderr, empty) {
		t.Errorf("kg eval on an empty directory: exit %d, stderr %q; want 1 naming it", r.code, r.stderr)
	}
}
