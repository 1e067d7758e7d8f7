package extract

import (
	"strings"
	"testing"
)

// TestGuardKeepsEarlierStages: a stage that panics is named in the
// failures, and guard reports it so that Extract drops only that stage.
func TestGuardKeepsEarlierStages(t *testing.T) {
	var failures []string
	found := 0
	if !guard(&failures, "entities", func() { found = 3 }) || found != 3 {
		t.Fatalf("a stage that returns: ok=false or its output lost (found=%d)", found)
	}
	if guard(&failures, "relations", func() { _ = []int{}[1:] }) {
		t.Fatal("a stage that panics: guard reported ok")
	}
	if len(failures) != 1 || !strings.HasPrefix(failures[0], "relations: panic: ") {
		t.Fatalf("failures = %q, want one naming the relations stage", failures)
	}
}

// TestNoStageFails runs texts that once made a rule panic: each must
// extract with no failed stage.
func TestNoStageFails(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		// the role-for-group-person rule sliced the empty gap between a
		// group at the start and a name right after it
		"commander of Junud al-Sham al-Sharqiya rejected\n",
	} {
		res := x.Extract(Article{Text: text, Publisher: "Test Wire"})
		if len(res.Failures) > 0 {
			t.Errorf("%q: %q", text, res.Failures)
		}
		checkInvariants(t, text, Article{Text: text, Publisher: "Test Wire"}, res)
	}
}
