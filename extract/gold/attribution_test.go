package gold

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestEvaluateAttributions scores a hand-made system output against the
// hand-written example, one rule of the span-style score at a time.
func TestEvaluateAttributions(t *testing.T) {
	doc, err := LoadBRAT(filepath.Join("testdata", "brat", "harbour.txt"), filepath.Join("testdata", "brat", "harbour.ann"))
	if err != nil {
		t.Fatal(err)
	}
	sys := System{
		Entities: []SysEntity{
			{ID: "m", Names: []string{"Élise Marchand", "Marchand"}, Type: "PERSON", Mentioned: true},
			{ID: "c", Names: []string{"city council"}, Type: "ORGANIZATION", Mentioned: true},
		},
		Claims: []SysClaim{
			// E1: the speaker entity's name shares "marchand" with the gold source
			{Kind: "INDIRECT", SpeakerID: "m", SpeakerText: "Port director Élise Marchand", Text: "the harbour would reopen to ferries next week"},
			// E2: a pronoun source takes any speaker; one claim holds both
			// fragments of the discontinuous content
			{Kind: "DIRECT_QUOTE", SpeakerID: "m", SpeakerText: "she", Text: "The repairs cost less than we feared,” she said, “and the new cranes arrive in March"},
			// E3: the content, with a source that shares only the
			// one-letter "s" of "council’s": wrong source
			{Kind: "ACCORDING_TO", SpeakerText: "Marchand’s office", Text: "The city council has approved a new budget for the port"},
			// E4: no gold source, yet the claim names an entity: wrong source
			{Kind: "STATEMENT", SpeakerID: "c", Text: "traffic will double by next summer"},
			// half of a gold content is not enough to find it, but is right
			// for precision when the source is right
			{Kind: "INDIRECT", SpeakerText: "Tomas Brandt", Text: "approved a new budget"},
			// narrative is not compared
			{Kind: "NARRATIVE", SpeakerID: "c", Text: "Harbour reopens after repairs"},
			// nothing of the gold
			{Kind: "STATEMENT", SpeakerText: "the mayor", Text: "the mayor welcomed the news"},
		},
	}
	sc := EvaluateAttributions(doc, sys)
	if want := (Counts{TPSys: 3, System: 6, Found: 2, Gold: 4}); sc.Attributions != want {
		t.Errorf("attributions %+v, want %+v (wrong claims %q)", sc.Attributions, want, sc.Wrong)
	}
	if sc.ContentFound != 4 || sc.Said != 2 || sc.SaidFound != 2 || sc.Unscored != 0 {
		t.Errorf("content found %d (want 4), said %d/%d (want 2/2), unscored %d (want 0)", sc.ContentFound, sc.SaidFound, sc.Said, sc.Unscored)
	}
	if got := sc.SourceAccuracy(); got != 0.5 {
		t.Errorf("source accuracy %.2f, want 0.50", got)
	}
	for i, want := range []struct {
		content, source bool
		claim           int
		sysSource       string
	}{{true, true, 0, "Port director Élise Marchand"}, {true, true, 1, "she"}, {true, false, 2, "Marchand’s office"}, {true, false, 3, "city council"}} {
		r := sc.Results[i]
		if r.ContentFound != want.content || r.SourceRight != want.source || r.Claim != want.claim || r.SystemSource != want.sysSource {
			t.Errorf("%s: found %v, source right %v, claim %d, system source %q; want %v, %v, %d, %q",
				r.ID, r.ContentFound, r.SourceRight, r.Claim, r.SystemSource, want.content, want.source, want.claim, want.sysSource)
		}
	}
	var b strings.Builder
	WriteAttributionReport(&b, []AttributionScore{sc}, true)
	for _, want := range []string{
		"TOTAL (1 articles)",
		"wrong source  [according to] gold the council’s spokesman, Tomas Brandt, system Marchand’s office: The city council",
		"wrong source  [expected] gold (no source), system city council: traffic will double",
		"wrong claim   STATEMENT the mayor: the mayor welcomed the news",
		"cued by \"said\" 2, found 2",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

// TestEvaluateAttributionsMissed: a content split over two claims is not
// found (one claim must hold 60% of it), and a content without content
// words is not scored.
func TestEvaluateAttributionsMissed(t *testing.T) {
	doc := BratDoc{File: "m.txt", Attributions: []Attribution{
		{ID: "E1", SourceText: "Ruiz", CueText: "Said", ContentText: "the bridge opens in May and the tunnel in June"},
		{ID: "E2", SourceText: "he", CueText: "did", ContentText: "so"},
		{ID: "E3", SourceText: "Ruiz", CueText: "told reporters", ContentText: "fares will rise"},
	}}
	sys := System{Claims: []SysClaim{
		{Kind: "INDIRECT", SpeakerText: "Ruiz", Text: "the bridge opens in May"},
		{Kind: "INDIRECT", SpeakerText: "Ruiz", Text: "the tunnel in June"},
	}}
	sc := EvaluateAttributions(doc, sys)
	if want := (Counts{TPSys: 2, System: 2, Found: 0, Gold: 2}); sc.Attributions != want {
		t.Errorf("attributions %+v, want %+v", sc.Attributions, want)
	}
	if sc.Unscored != 1 || sc.Said != 1 || sc.SaidFound != 0 || sc.ContentFound != 0 {
		t.Errorf("unscored %d (want 1), said %d/%d (want 0/1), content found %d (want 0)", sc.Unscored, sc.SaidFound, sc.Said, sc.ContentFound)
	}
	var b strings.Builder
	WriteAttributionReport(&b, []AttributionScore{sc}, true)
	if want := "missed        [Said] Ruiz: the bridge opens in May"; !strings.Contains(b.String(), want) {
		t.Errorf("report lacks %q:\n%s", want, b.String())
	}
}

func TestIsPronoun(t *testing.T) {
	for s, want := range map[string]bool{"he": true, "They": true, "I": true, "who": true, "she herself": true,
		"": false, "the senator": false, "Clinton": false, "his aides": false} {
		if got := IsPronoun(s); got != want {
			t.Errorf("IsPronoun(%q) = %v, want %v", s, got, want)
		}
	}
}
