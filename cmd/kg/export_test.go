package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestE2EExport: kg export writes one line per stored document, entity,
// claim and relation; the same database exports identically twice; every
// claim's span slices back from its document's exported text.
func TestE2EExport(t *testing.T) {
	db := t.TempDir()
	ingest := mustKG(t, "", "ingest", "--db", db, filepath.Join(moduleRoot(t), "testdata", "articles"))
	m := summaryLine.FindStringSubmatch(ingest.stdout)
	if m == nil {
		t.Fatalf("no summary in %q", ingest.stdout)
	}
	want := map[string]int{}
	want["document"], _ = strconv.Atoi(m[1])
	want["entity"], _ = strconv.Atoi(m[4])
	want["claim"], _ = strconv.Atoi(m[5])
	want["relation"], _ = strconv.Atoi(m[6])

	first := mustKG(t, "", "export", "--db", db, "--text")
	second := mustKG(t, "", "export", "--db", db, "--text")
	if first.stdout != second.stdout {
		t.Error("two exports of the same database differ")
	}
	got := map[string]int{}
	texts := map[string][]rune{}
	var claims []map[string]any
	for i, line := range strings.Split(strings.TrimSpace(first.stdout), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("line %d is not JSON: %v: %s", i+1, err, line)
		}
		typ, _ := rec["type"].(string)
		got[typ]++
		switch typ {
		case "document":
			texts[rec["id"].(string)] = []rune(rec["text"].(string))
		case "claim":
			claims = append(claims, rec)
		}
	}
	for typ, n := range want {
		if got[typ] != n {
			t.Errorf("%d %s lines, ingest stored %d", got[typ], typ, n)
		}
	}
	for _, c := range claims {
		text := texts[c["documentId"].(string)]
		start, end := int(c["start"].(float64)), int(c["end"].(float64))
		if start < 0 || end > len(text) || string(text[start:end]) != c["text"] {
			t.Errorf("claim %v: its document's text[%d:%d] is not its text", c["id"], start, end)
		}
	}
	if r := runKG(t, "", "export", "--db", db, "--what", "nothing"); r.code != 2 {
		t.Errorf("export --what nothing: exit %d, want 2", r.code)
	}
}
