package gold

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestLoadBRAT reads the hand-written example: events with source, cue
// and content, a discontinuous content, a source-less attribution, a
// note, and offsets in code points after non-ASCII letters and quotes.
func TestLoadBRAT(t *testing.T) {
	doc, err := LoadBRAT(filepath.Join("testdata", "brat", "harbour.txt"), filepath.Join("testdata", "brat", "harbour.ann"))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Attributions) != 4 {
		t.Fatalf("%d attributions, want 4: %+v", len(doc.Attributions), doc.Attributions)
	}
	runes := []rune(doc.Text)
	slice := func(spans []Span) []string {
		var out []string
		for _, s := range spans {
			out = append(out, string(runes[s.Start:s.End]))
		}
		return out
	}
	for _, tc := range []struct {
		i                    int
		source, cue, content []string
		sourceText, cueText  string
		contentText          string
		line                 int
	}{
		{0, []string{"Port director Élise Marchand"}, []string{"said"}, []string{"the harbour would reopen to ferries next week"},
			"Port director Élise Marchand", "said", "the harbour would reopen to ferries next week", 5},
		{1, []string{"she"}, []string{"said"}, []string{"The repairs cost less than we feared", "and the new cranes arrive in March"},
			"she", "said", "The repairs cost less than we feared and the new cranes arrive in March", 10},
		{2, []string{"the council’s spokesman, Tomas Brandt"}, []string{"according to"}, []string{"The city council has approved a new budget for the port"},
			"the council’s spokesman, Tomas Brandt", "according to", "The city council has approved a new budget for the port", 15},
		{3, nil, []string{"expected"}, []string{"traffic will double by next summer"},
			"", "expected", "traffic will double by next summer", 19},
	} {
		a := doc.Attributions[tc.i]
		if got := slice(a.Source); !reflect.DeepEqual(got, tc.source) {
			t.Errorf("%s source spans give %q, want %q", a.ID, got, tc.source)
		}
		if got := slice(a.Cue); !reflect.DeepEqual(got, tc.cue) {
			t.Errorf("%s cue spans give %q, want %q", a.ID, got, tc.cue)
		}
		if got := slice(a.Content); !reflect.DeepEqual(got, tc.content) {
			t.Errorf("%s content spans give %q, want %q", a.ID, got, tc.content)
		}
		if a.SourceText != tc.sourceText || a.CueText != tc.cueText || a.ContentText != tc.contentText {
			t.Errorf("%s texts %q / %q / %q, want %q / %q / %q", a.ID, a.SourceText, a.CueText, a.ContentText, tc.sourceText, tc.cueText, tc.contentText)
		}
		if a.Line != tc.line {
			t.Errorf("%s on line %d, want %d", a.ID, a.Line, tc.line)
		}
	}
	if s := doc.Attributions[0].Source[0]; s != (Span{31, 59}) {
		t.Errorf("offsets %v, want code points {31 59}", s)
	}
}

// TestReadBRATShapes: a content continued in a second argument, a cue
// taken from the trigger, a text over a line break, and relations around
// a cue where there are no events.
func TestReadBRATShapes(t *testing.T) {
	text := "Officials said the road\nis closed, and that the detour is long.\nA: yes"
	ann := "T1\tSource 0 9\tOfficials\n" +
		"T2\tAttribution 10 14\tsaid\n" +
		"T3\tContent 15 33\tthe road\nis closed\n" + // over the line break
		"T4\tContent 44 62\tthe detour is long\n" +
		"E1\tAttribution:T2 Source:T1 Content:T3 Content2:T4\n" +
		"A1\tNegated E1\n" +
		"\n"
	atts, err := ReadBRAT("x.ann", text, ann)
	if err != nil {
		t.Fatal(err)
	}
	want := Attribution{ID: "E1", Line: 6, Source: []Span{{0, 9}}, Cue: []Span{{10, 14}}, Content: []Span{{15, 33}, {44, 62}},
		SourceText: "Officials", CueText: "said", ContentText: "the road\nis closed the detour is long"}
	if len(atts) != 1 || !reflect.DeepEqual(atts[0], want) {
		t.Errorf("got %+v\nwant %+v", atts, want)
	}

	rels := "T1\tSource 0 9\tOfficials\n" +
		"T2\tCue 10 14\tsaid\n" +
		"T3\tSpan 44 62\tthe detour is long\n" +
		"R1\tSOURCE Arg1:T2 Arg2:T1\n" +
		"R2\tCONTENT Arg1:T3 Arg2:T2\n"
	atts, err = ReadBRAT("r.ann", text, rels)
	if err != nil {
		t.Fatal(err)
	}
	want = Attribution{ID: "T2", Line: 4, Source: []Span{{0, 9}}, Cue: []Span{{10, 14}}, Content: []Span{{44, 62}},
		SourceText: "Officials", CueText: "said", ContentText: "the detour is long"}
	if len(atts) != 1 || !reflect.DeepEqual(atts[0], want) {
		t.Errorf("relations: got %+v\nwant %+v", atts, want)
	}
}

// TestReadBRATErrors: every malformed line is an error naming FILE:LINE.
func TestReadBRATErrors(t *testing.T) {
	text := "Officials said the road is closed."
	for _, tc := range []struct{ ann, want string }{
		{"T1\tSource 0 9\tOfficials\nT2\tCue 10 x\tsaid\n", "bad.ann:2: malformed text-bound annotation"},
		{"T1\tSource 0 9\tOfficials\n\nT2\tCue 10 99\tsaid\n", "bad.ann:3: T2: span \"10 99\" is not inside the text (34 code points)"},
		{"T1\tSource 0 9\tOfficers\n", "bad.ann:1: T1: text \"Officers\" is not the text at its offsets, \"Officials\""},
		{"T1\tSource 0 9\tOfficials\nE1\tAttribution:T2 Source:T1\n", "bad.ann:2: E1: argument T2 is not defined"},
		{"T1\tSource 0 9\tOfficials\nE1 Attribution:T1\n", "bad.ann:2: malformed event"},
		{"T1\tSource 0 9\tOfficials\nT1\tCue 10 14\tsaid\n", "bad.ann:2: T1 defined twice"},
		{"T1\tSource 0 9\tOfficials\nthe road is closed\n", "bad.ann:2: not a BRAT annotation line"},
		{"T1\tContent 10 33\tsaid\n", "bad.ann:1: T1: text"},
		{"R1\tSOURCE Arg1:T1\n", "bad.ann:1: malformed relation"},
	} {
		_, err := ReadBRAT("bad.ann", text, tc.ann)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want it to start %q", tc.ann, err, tc.want)
		}
	}
	if _, err := ReadBRAT("cut.ann", "a\nb", "T1\tContent 0 3\ta"); err == nil || !strings.HasPrefix(err.Error(), "cut.ann:1: T1: the file ends inside its text") {
		t.Errorf("a text cut by the end of the file: %v", err)
	}
}
