package schema

import (
	"context"
	"strings"
	"testing"
)

// TestVariablesOfTheWrongType: a variable's JSON value must be of its
// declared type (the specification's input coercion), not be coerced as
// graphql-go would (a list into the String "[a b]", 1.5 into the Int 1);
// the error names the variable and the part of it at fault.
func TestVariablesOfTheWrongType(t *testing.T) {
	f := newFixture(t, Config{})
	ctx := context.Background()
	cases := []struct {
		name, query string
		vars        map[string]any
		wantErr     string // "" when the request must run
	}{
		{"a list for a String", `query($n: String) { entities(name: $n, first: 2) { totalCount } }`,
			map[string]any{"n": []any{"a", "b"}}, `variable "$n": want a String, got an array`},
		{"a number for a String", `query($n: String) { entities(name: $n, first: 2) { totalCount } }`,
			map[string]any{"n": 7.0}, `variable "$n": want a String, got the number 7`},
		{"1.5 for an Int", `query($f: Int) { entities(first: $f) { totalCount } }`,
			map[string]any{"f": 1.5}, `variable "$f": want an Int (a whole number of 32 bits), got the number 1.5`},
		{"a string for an Int", `query($f: Int) { entities(first: $f) { totalCount } }`,
			map[string]any{"f": "3"}, `variable "$f": want an Int (a whole number of 32 bits), got the string "3"`},
		{"2^40 for an Int", `query($f: Int) { entities(first: $f) { totalCount } }`,
			map[string]any{"f": float64(1 << 40)}, `variable "$f": want an Int`},
		{"an object for an ID", `query($id: ID!) { entity(id: $id) { name } }`,
			map[string]any{"id": map[string]any{"a": 1.0}}, `variable "$id": want an ID (a string), got an object`},
		{"null for a non-null ID", `query($id: ID!) { entity(id: $id) { name } }`,
			map[string]any{"id": nil}, `variable "$id": must not be null`},
		{"an unknown enum value", `query($t: EntityType) { entities(type: $t, first: 2) { totalCount } }`,
			map[string]any{"t": "DRAGON"}, `variable "$t": "DRAGON" is not a value of EntityType`},
		{"a number for a Boolean", `query($s: Boolean!) { stats { documents @skip(if: $s) } }`,
			map[string]any{"s": 0.0}, `variable "$s": want a Boolean, got the number 0`},
		{"a list for an input's String", `mutation($in: DocumentInput!) { ingest(input: $in) { created } }`,
			map[string]any{"in": map[string]any{"text": []any{"x"}}}, `variable "$in.text": want a String, got an array`},
		{"an unknown field of an input", `mutation($in: DocumentInput!) { ingest(input: $in) { created } }`,
			map[string]any{"in": map[string]any{"text": "x", "body": "y"}}, `variable "$in.body": DocumentInput has no field "body"`},
		{"a number in an input's list", `mutation($in: DocumentInput!) { ingest(input: $in) { created } }`,
			map[string]any{"in": map[string]any{"text": "x", "metadata": []any{map[string]any{"key": "k", "value": 2.0}}}},
			`variable "$in.metadata[0].value": want a String, got the number 2`},

		{"a whole number for an Int", `query($f: Int) { entities(first: $f) { totalCount } }`, map[string]any{"f": 2.0}, ""},
		{"a Go int for an Int", `query($f: Int) { entities(first: $f) { totalCount } }`, map[string]any{"f": 2}, ""},
		{"null for a nullable String", `query($n: String) { entities(name: $n, first: 2) { totalCount } }`, map[string]any{"n": nil}, ""},
		{"a number for an ID", `query($id: ID!) { entity(id: $id) { name } }`, map[string]any{"id": 12.0}, ""},
		{"a known enum value", `query($t: EntityType) { entities(type: $t, first: 2) { totalCount } }`, map[string]any{"t": "PLACE"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := f.schema.Execute(ctx, Request{Query: c.query, Variables: c.vars})
			var msgs []string
			for _, e := range res.Errors {
				msgs = append(msgs, e.Message)
			}
			got := strings.Join(msgs, "; ")
			switch {
			case c.wantErr == "" && len(msgs) > 0 && strings.Contains(got, "variable"):
				t.Errorf("refused: %s", got)
			case c.wantErr != "" && !strings.HasPrefix(got, c.wantErr):
				t.Errorf("errors %q, want one starting %q", got, c.wantErr)
			case c.wantErr != "" && res.Data != nil:
				t.Errorf("executed with data %v despite %q", res.Data, got)
			}
		})
	}
}
