package gold

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Span is a stretch of a document's text in code points, [Start, End),
// as BRAT counts offsets.
type Span struct{ Start, End int }

// Attribution is one attribution of a BRAT-annotated document: who (the
// source), the words that mark it (the cue: "said", "according to") and
// what is attributed (the content). Each part may be several spans (a
// discontinuous annotation, or a content continued in a second
// argument). Source is empty where the text names no source ("it was
// reported that ..."). The texts are the spans' text joined by a space,
// as BRAT writes a discontinuous annotation's text.
type Attribution struct {
	// ID is the annotation that makes the attribution (the event "E3",
	// or the cue "T7" of relations); Line is its line in the .ann file.
	ID   string
	Line int

	Source, Cue, Content             []Span
	SourceText, CueText, ContentText string
}

// BratDoc is a BRAT-annotated document: its text and its attributions.
type BratDoc struct {
	File         string
	Text         string
	Attributions []Attribution
}

// LoadBRAT reads a BRAT document: the text file txtPath (UTF-8, the
// whole file is the text the offsets count in) and its standoff
// annotations annPath, read as ReadBRAT says.
func LoadBRAT(txtPath, annPath string) (BratDoc, error) {
	raw, err := os.ReadFile(txtPath)
	if err != nil {
		return BratDoc{}, fmt.Errorf("brat: %w", err)
	}
	if !utf8.Valid(raw) {
		return BratDoc{}, fmt.Errorf("brat %s: not UTF-8 text", txtPath)
	}
	ann, err := os.ReadFile(annPath)
	if err != nil {
		return BratDoc{}, fmt.Errorf("brat: %w", err)
	}
	atts, err := ReadBRAT(annPath, string(raw), string(ann))
	if err != nil {
		return BratDoc{}, err
	}
	return BratDoc{File: txtPath, Text: string(raw), Attributions: atts}, nil
}

// BRAT standoff lines (https://brat.nlplab.org/standoff.html).
var (
	textBoundLine = regexp.MustCompile(`^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$`)
	eventLine     = regexp.MustCompile(`^(E\d+)\t(\S+):([TE]\d+)((?: \S+:[TE]\d+)*) ?$`)
	relationLine  = regexp.MustCompile(`^(R\d+)\t(\S+) (\S+):(T\d+) (\S+):(T\d+) ?$`)
	// attributes, normalizations, notes and equivalences say nothing
	// about who said what: read for their shape, then left alone.
	ignoredLine = regexp.MustCompile(`^(?:[AMN]\d+|#\d*|\*)\t`)
)

// ReadBRAT reads the attributions of one document from its BRAT standoff
// annotations ann, whose offsets count code points in text; name is the
// .ann file's name, for errors, which say "NAME:LINE: ...".
//
// Text-bound annotations ("T1\tSource 10 22\tthe spokesman"; a
// discontinuous one "T2\tContent 30 41;50 72\t...") must lie inside the
// text and their text must be the text at their offsets, fragments
// joined by a space (a text that spans a line break continues on the
// .ann file's next lines, as BRAT writes it). An attribution is:
//
//   - an event ("E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3"), whose
//     arguments' roles, without a trailing number and in any case, say
//     which part each is ("Content2" is more content); its trigger is
//     the cue when no argument is. Other roles are ignored. This is how
//     PolNeAR annotates, with event types "Attribution" and
//     "Attribution-no-source".
//   - or, without events, the relations ("R1\tSOURCE Arg1:T2 Arg2:T1")
//     of one text-bound annotation labelled Cue: the other argument is
//     the source or content its label says, or the relation's type when
//     its label says neither.
//
// Attributes, normalizations, notes and equivalences are ignored, as are
// text-bound annotations no attribution uses. Any other line, an
// argument that names no annotation, or offsets outside the text is an
// error.
func ReadBRAT(name, text, ann string) ([]Attribution, error) {
	runes := []rune(text)
	type textBound struct {
		label string
		spans []Span
		text  string
	}
	bounds := map[string]textBound{}
	type arg struct{ role, id string }
	type event struct {
		id      string
		line    int
		trigger string
		args    []arg
	}
	var events, relations []event
	errAt := func(line int, format string, a ...any) error {
		return fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, a...))
	}
	lines := strings.Split(ann, "\n")
	for i := 0; i < len(lines); i++ {
		lineNo := i + 1
		line := strings.TrimSuffix(lines[i], "\r")
		switch {
		case strings.TrimSpace(line) == "":
			continue
		case line[0] == 'T':
			m := textBoundLine.FindStringSubmatch(line)
			if m == nil {
				return nil, errAt(lineNo, `malformed text-bound annotation (want "T1<TAB>LABEL START END[;START END]<TAB>TEXT"): %q`, clip(line))
			}
			if _, dup := bounds[m[1]]; dup {
				return nil, errAt(lineNo, "%s defined twice", m[1])
			}
			var spans []Span
			var parts []string
			for _, frag := range strings.Split(m[3], ";") {
				a, b, _ := strings.Cut(frag, " ")
				start, err1 := strconv.Atoi(a)
				end, err2 := strconv.Atoi(b)
				if err1 != nil || err2 != nil || start > end || end > len(runes) {
					return nil, errAt(lineNo, "%s: span %q is not inside the text (%d code points)", m[1], frag, len(runes))
				}
				spans = append(spans, Span{start, end})
				parts = append(parts, string(runes[start:end]))
			}
			want := strings.Join(parts, " ")
			got := m[4]
			// a text with line breaks goes on over the next lines
			for n := strings.Count(want, "\n"); n > 0; n-- {
				if i+1 >= len(lines) {
					return nil, errAt(lineNo, "%s: the file ends inside its text", m[1])
				}
				i++
				got += "\n" + strings.TrimSuffix(lines[i], "\r")
			}
			if got != want {
				return nil, errAt(lineNo, "%s: text %q is not the text at its offsets, %q", m[1], clip(got), clip(want))
			}
			bounds[m[1]] = textBound{label: m[2], spans: spans, text: want}
		case line[0] == 'E':
			m := eventLine.FindStringSubmatch(line)
			if m == nil {
				return nil, errAt(lineNo, `malformed event (want "E1<TAB>TYPE:T1 ROLE:T2 ..."): %q`, clip(line))
			}
			ev := event{id: m[1], line: lineNo, trigger: m[3]}
			for _, f := range strings.Fields(m[4]) {
				role, id, _ := strings.Cut(f, ":")
				ev.args = append(ev.args, arg{role, id})
			}
			events = append(events, ev)
		case line[0] == 'R':
			m := relationLine.FindStringSubmatch(line)
			if m == nil {
				return nil, errAt(lineNo, `malformed relation (want "R1<TAB>TYPE Arg1:T1 Arg2:T2"): %q`, clip(line))
			}
			relations = append(relations, event{id: m[1], line: lineNo, trigger: m[2], args: []arg{{m[3], m[4]}, {m[5], m[6]}}})
		case ignoredLine.MatchString(line):
			continue
		default:
			return nil, errAt(lineNo, "not a BRAT annotation line: %q", clip(line))
		}
	}
	part := func(role string) string {
		switch strings.ToLower(strings.TrimRight(role, "0123456789")) {
		case "source":
			return "source"
		case "cue":
			return "cue"
		case "content":
			return "content"
		}
		return ""
	}
	add := func(a *Attribution, which string, tb textBound) {
		switch which {
		case "source":
			a.Source = append(a.Source, tb.spans...)
			a.SourceText = joinText(a.SourceText, tb.text)
		case "cue":
			a.Cue = append(a.Cue, tb.spans...)
			a.CueText = joinText(a.CueText, tb.text)
		case "content":
			a.Content = append(a.Content, tb.spans...)
			a.ContentText = joinText(a.ContentText, tb.text)
		}
	}
	isEvent := map[string]bool{}
	for _, ev := range events {
		isEvent[ev.id] = true
	}
	lookup := func(ev event, id string) (textBound, bool, error) {
		if tb, ok := bounds[id]; ok {
			return tb, true, nil
		}
		if isEvent[id] {
			return textBound{}, false, nil // an event as argument: not a span
		}
		return textBound{}, false, errAt(ev.line, "%s: argument %s is not defined", ev.id, id)
	}
	var out []Attribution
	for _, ev := range events {
		a := Attribution{ID: ev.id, Line: ev.line}
		trigger, ok, err := lookup(ev, ev.trigger)
		if err != nil {
			return nil, err
		}
		for _, ar := range ev.args {
			tb, ok, err := lookup(ev, ar.id)
			if err != nil {
				return nil, err
			}
			if ok {
				add(&a, part(ar.role), tb)
			}
		}
		if len(a.Cue) == 0 && ok {
			add(&a, "cue", trigger)
		}
		out = append(out, a)
	}
	if len(events) > 0 {
		return out, nil
	}
	// relations around a cue
	byCue := map[string]int{}
	for _, r := range relations {
		var cueID string
		var other arg
		for _, ar := range r.args {
			if _, _, err := lookup(r, ar.id); err != nil {
				return nil, err
			}
		}
		for k, ar := range r.args {
			if part(bounds[ar.id].label) == "cue" {
				cueID, other = ar.id, r.args[1-k]
				break
			}
		}
		if cueID == "" {
			continue
		}
		idx, seen := byCue[cueID]
		if !seen {
			idx = len(out)
			byCue[cueID] = idx
			a := Attribution{ID: cueID, Line: r.line}
			add(&a, "cue", bounds[cueID])
			out = append(out, a)
		}
		tb := bounds[other.id]
		which := part(tb.label)
		if which == "" || which == "cue" {
			which = part(r.trigger)
		}
		add(&out[idx], which, tb)
	}
	return out, nil
}

func joinText(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}
