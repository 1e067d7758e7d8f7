package graph

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/factgraph/kg/extract"
)

// field names a field of the input in an error message, as a format
// with its indexes; it is formatted only when there is an error, since
// validation runs over every span of every document.
type field struct {
	format string
	idx    [2]int
	n      int // indexes used
}

func at(format string, idx ...int) field {
	f := field{format: format, n: len(idx)}
	copy(f.idx[:], idx)
	return f
}

func (f field) String() string {
	switch f.n {
	case 0:
		return f.format
	case 1:
		return fmt.Sprintf(f.format, f.idx[0])
	}
	return fmt.Sprintf(f.format, f.idx[0], f.idx[1])
}

// validate checks that every span of in lies within its text and every
// index is in range, naming the first offending field.
func validate(in *IngestInput, text *docText) error {
	if !utf8.ValidString(in.Text) {
		return invalid("text: not valid UTF-8")
	}
	r := &in.Result
	span := func(f field, start, end int) error {
		if !text.valid(start, end) {
			return invalid("%s: span [%d,%d) outside the text [0,%d)", f, start, end, text.n)
		}
		return nil
	}
	entity := func(f field, i int, allowNone bool) error {
		if allowNone && i == extract.NoEntity {
			return nil
		}
		if i < 0 || i >= len(r.Entities) {
			return invalid("%s: index %d out of range (%d entities)", f, i, len(r.Entities))
		}
		return nil
	}
	if err := entity(at("publisher"), r.Publisher, true); err != nil {
		return err
	}
	for i, s := range r.Sentences {
		if err := span(at("sentences[%d]", i), s.Start, s.End); err != nil {
			return err
		}
	}
	for i, e := range r.Entities {
		switch {
		case e.Key == "":
			return invalid("entities[%d].key: empty", i)
		case e.Name == "":
			return invalid("entities[%d].name: empty", i)
		case strings.IndexByte(string(e.Type), sep) >= 0:
			return invalid("entities[%d].type: contains NUL", i)
		}
		for j, m := range e.Mentions {
			if err := span(at("entities[%d].mentions[%d]", i, j), m.Start, m.End); err != nil {
				return err
			}
		}
	}
	for i, c := range r.Claims {
		if err := span(at("claims[%d]", i), c.Start, c.End); err != nil {
			return err
		}
		if err := span(at("claims[%d].cueSpan", i), c.CueSpan.Start, c.CueSpan.End); err != nil {
			return err
		}
		if err := span(at("claims[%d].speakerSpan", i), c.SpeakerSpan.Start, c.SpeakerSpan.End); err != nil {
			return err
		}
		if err := entity(at("claims[%d].speaker", i), c.Speaker, true); err != nil {
			return err
		}
		if c.Sentence != extract.NoEntity && (c.Sentence < 0 || c.Sentence >= len(r.Sentences)) {
			return invalid("claims[%d].sentence: index %d out of range (%d sentences)", i, c.Sentence, len(r.Sentences))
		}
		for j, a := range c.About {
			if err := entity(at("claims[%d].about[%d]", i, j), a, false); err != nil {
				return err
			}
		}
	}
	for i, rel := range r.Relations {
		if err := entity(at("relations[%d].subject", i), rel.Subject, false); err != nil {
			return err
		}
		if err := entity(at("relations[%d].object", i), rel.Object, false); err != nil {
			return err
		}
		if rel.Claim < 0 || rel.Claim >= len(r.Claims) {
			return invalid("relations[%d].claim: index %d out of range (%d claims)", i, rel.Claim, len(r.Claims))
		}
		if rel.Predicate == "" || strings.IndexByte(string(rel.Predicate), sep) >= 0 {
			return invalid("relations[%d].predicate: %q is not a predicate", i, rel.Predicate)
		}
		if err := span(at("relations[%d]", i), rel.Start, rel.End); err != nil {
			return err
		}
	}
	for i, f := range r.Figures {
		if f.Claim < 0 || f.Claim >= len(r.Claims) {
			return invalid("figures[%d].claim: index %d out of range (%d claims)", i, f.Claim, len(r.Claims))
		}
		if err := entity(at("figures[%d].place", i), f.Place, true); err != nil {
			return err
		}
		if f.Kind == "" || strings.IndexByte(string(f.Kind), sep) >= 0 {
			return invalid("figures[%d].kind: %q is not a figure kind", i, f.Kind)
		}
		if f.Value < 0 {
			return invalid("figures[%d].value: %d is negative", i, f.Value)
		}
		if err := span(at("figures[%d]", i), f.Start, f.End); err != nil {
			return err
		}
	}
	return nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidInput}, args...)...)
}
