package schema

import (
	"slices"
	"testing"
)

// TestIntrospectionFields: the fields that graphql-js 16 asks for with
// its options answer as graphql-js would for this schema.
func TestIntrospectionFields(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	d := mustData(t, post(t, srv, `{
	  __schema { description directives(includeDeprecated: true) { name isRepeatable isDeprecated deprecationReason args(includeDeprecated: true) { name isDeprecated deprecationReason } } }
	  time: __type(name: "Time") { specifiedByURL isOneOf }
	  input: __type(name: "DocumentInput") { isOneOf inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } }
	  enum: __type(name: "ClaimKind") { enumValues(includeDeprecated: true) { name } }
	  query: __type(name: "Query") { fields(includeDeprecated: false) { name args(includeDeprecated: false) { name } } }
	}`, nil))
	if at(t, d, "__schema", "description") != nil {
		t.Errorf("schema description %v", at(t, d, "__schema", "description"))
	}
	dirs := atList(t, d, "__schema", "directives")
	if got := names(t, dirs, "name"); !slices.Equal(got, []string{"include", "skip", "deprecated"}) {
		t.Errorf("directives %v", got)
	}
	for _, dir := range dirs {
		if at(t, dir, "isRepeatable") != false || at(t, dir, "isDeprecated") != false || at(t, dir, "deprecationReason") != nil {
			t.Errorf("directive %v", dir)
		}
		for _, a := range atList(t, dir, "args") {
			if at(t, a, "isDeprecated") != false || at(t, a, "deprecationReason") != nil {
				t.Errorf("directive argument %v", a)
			}
		}
	}
	if at(t, d, "time", "specifiedByURL") != nil || at(t, d, "time", "isOneOf") != nil {
		t.Errorf("Time: %v", at(t, d, "time"))
	}
	if at(t, d, "input", "isOneOf") != false {
		t.Errorf("DocumentInput isOneOf %v", at(t, d, "input", "isOneOf"))
	}
	if got, want := names(t, atList(t, d, "input", "inputFields"), "name"), f.schema.order.fields["DocumentInput"]; !slices.Equal(got, want) {
		t.Errorf("DocumentInput fields %v, want %v", got, want)
	}
	if got, want := names(t, atList(t, d, "enum", "enumValues"), "name"), f.schema.order.fields["ClaimKind"]; !slices.Equal(got, want) {
		t.Errorf("ClaimKind values %v, want %v", got, want)
	}
	for _, fd := range atList(t, d, "query", "fields") {
		if atString(t, fd, "name") == "claims" {
			if got := names(t, atList(t, fd, "args"), "name"); !slices.Equal(got, []string{"speaker", "about", "document", "text", "first", "after"}) {
				t.Errorf("Query.claims args %v", got)
			}
		}
	}
}
