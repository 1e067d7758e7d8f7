package graph

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/factgraph/kg/extract"
)

// validate checks that every span of in lies within its text and every
// index is in range, naming the first offending field.
func validate(in *IngestInput, text *docText) error {
	if !utf8.ValidString(in.Text) {
		return invalid("text: not valid UTF-8")
	}
	r := &in.Result
	span := func(field string, start, end int) error {
		if !text.valid(start, end) {
			return invalid("%s: span [%d,%d) outside the text [0,%d)", field, start, end, text.n)
		}
		return nil
	}
	entity := func(field string, i int, allowNone bool) error {
		if allowNone && i == extract.NoEntity {
			return nil
		}
		if i < 0 || i >= len(r.Entities) {
			return invalid("%s: index %d out of range (%d entities)", field, i, len(r.Entities))
		}
		return nil
	}
	if err := entity("publisher", r.Publisher, true); err != nil {
		return err
	}
	for i, s := range r.Sentences {
		if err := span(fmt.Sprintf("sentences[%d]", i), s.Start, s.End); err != nil {
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
			if err := span(fmt.Sprintf("entities[%d].mentions[%d]", i, j), m.Start, m.End); err != nil {
				return err
			}
		}
	}
	for i, c := range r.Claims {
		f := func(name string) string { return fmt.Sprintf("claims[%d].%s", i, name) }
		if err := span(fmt.Sprintf("claims[%d]", i), c.Start, c.End); err != nil {
			return err
		}
		if err := span(f("cueSpan"), c.CueSpan.Start, c.CueSpan.End); err != nil {
			return err
		}
		if err := span(f("speakerSpan"), c.SpeakerSpan.Start, c.SpeakerSpan.End); err != nil {
			return err
		}
		if err := entity(f("speaker"), c.Speaker, true); err != nil {
			return err
		}
		if c.Sentence != extract.NoEntity && (c.Sentence < 0 || c.Sentence >= len(r.Sentences)) {
			return invalid("%s: index %d out of range (%d sentences)", f("sentence"), c.Sentence, len(r.Sentences))
		}
		for j, a := range c.About {
			if err := entity(fmt.Sprintf("claims[%d].about[%d]", i, j), a, false); err != nil {
				return err
			}
		}
	}
	for i, rel := range r.Relations {
		f := func(name string) string { return fmt.Sprintf("relations[%d].%s", i, name) }
		if err := entity(f("subject"), rel.Subject, false); err != nil {
			return err
		}
		if err := entity(f("object"), rel.Object, false); err != nil {
			return err
		}
		if rel.Claim < 0 || rel.Claim >= len(r.Claims) {
			return invalid("%s: index %d out of range (%d claims)", f("claim"), rel.Claim, len(r.Claims))
		}
		if rel.Predicate == "" || strings.IndexByte(string(rel.Predicate), sep) >= 0 {
			return invalid("%s: %q is not a predicate", f("predicate"), rel.Predicate)
		}
		if err := span(fmt.Sprintf("relations[%d]", i), rel.Start, rel.End); err != nil {
			return err
		}
	}
	return nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidInput}, args...)...)
}
