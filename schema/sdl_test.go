package schema

import (
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
)

var update = flag.Bool("update", false, "rewrite schema.graphql from the schema")

// sdlHeader opens schema.graphql; the rest is what graphql-js's
// printSchema prints from introspection (examples/graphql-js checks it).
const sdlHeader = "# The GraphQL schema of the knowledge graph, as Schema.SDL prints it: below this\n" +
	"# comment, exactly what graphql-js 16's printSchema prints from introspection.\n" +
	"# Do not edit: go test ./schema -run TestSchemaSDL -update rewrites it.\n\n"

// TestSchemaSDL checks that schema.graphql is the printed schema (run
// with -update to rewrite it) and that it parses as SDL.
func TestSchemaSDL(t *testing.T) {
	f := newFixture(t, Config{})
	sdl := f.schema.SDL()
	got := sdlHeader + sdl
	if *update {
		if err := os.WriteFile("schema.graphql", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("schema.graphql")
	if err != nil {
		t.Fatalf("%v (run go test ./schema -run TestSchemaSDL -update)", err)
	}
	if got != string(want) {
		t.Errorf("schema.graphql is out of date: run go test ./schema -run TestSchemaSDL -update")
	}
	if again := f.schema.SDL(); again != sdl {
		t.Error("SDL is not deterministic")
	}
	if _, err := parser.Parse(parser.ParseParams{Source: string(want)}); err != nil {
		t.Errorf("printed SDL does not parse: %v", err)
	}
}

// TestContract checks that the schema keeps every type, field, argument
// and enum value of testdata/contract.graphql, with the same types, and
// adds no required argument or input field.
func TestContract(t *testing.T) {
	raw, err := os.ReadFile("testdata/contract.graphql")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parser.Parse(parser.ParseParams{Source: string(raw)})
	if err != nil {
		t.Fatal(err)
	}
	s := newFixture(t, Config{}).schema.GraphQL()
	for _, def := range doc.Definitions {
		switch def := def.(type) {
		case *ast.ScalarDefinition:
			if _, ok := s.Type(def.Name.Value).(*graphql.Scalar); !ok {
				t.Errorf("scalar %s missing", def.Name.Value)
			}
		case *ast.EnumDefinition:
			e, ok := s.Type(def.Name.Value).(*graphql.Enum)
			if !ok {
				t.Errorf("enum %s missing", def.Name.Value)
				continue
			}
			var want, got []string
			for _, v := range def.Values {
				want = append(want, v.Name.Value)
			}
			for _, v := range e.Values() {
				got = append(got, v.Name)
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("enum %s = %v, want %v", def.Name.Value, got, want)
			}
		case *ast.ObjectDefinition:
			o, ok := s.Type(def.Name.Value).(*graphql.Object)
			if !ok {
				t.Errorf("type %s missing", def.Name.Value)
				continue
			}
			for _, fd := range def.Fields {
				name := def.Name.Value + "." + fd.Name.Value
				f, ok := o.Fields()[fd.Name.Value]
				if !ok {
					t.Errorf("%s missing", name)
					continue
				}
				if got, want := f.Type.String(), typeString(fd.Type); got != want {
					t.Errorf("%s: %s, want %s", name, got, want)
				}
				args := map[string]*graphql.Argument{}
				for _, a := range f.Args {
					args[a.Name()] = a
				}
				for _, ad := range fd.Arguments {
					a, ok := args[ad.Name.Value]
					if !ok {
						t.Errorf("%s(%s) missing", name, ad.Name.Value)
						continue
					}
					if got, want := a.Type.String(), typeString(ad.Type); got != want {
						t.Errorf("%s(%s): %s, want %s", name, ad.Name.Value, got, want)
					}
					delete(args, ad.Name.Value)
				}
				for n, a := range args {
					if _, required := a.Type.(*graphql.NonNull); required && a.DefaultValue == nil {
						t.Errorf("%s has a new required argument %s", name, n)
					}
				}
			}
		case *ast.InputObjectDefinition:
			in, ok := s.Type(def.Name.Value).(*graphql.InputObject)
			if !ok {
				t.Errorf("input %s missing", def.Name.Value)
				continue
			}
			fields := map[string]*graphql.InputObjectField{}
			for n, f := range in.Fields() {
				fields[n] = f
			}
			for _, fd := range def.Fields {
				f, ok := fields[fd.Name.Value]
				if !ok {
					t.Errorf("%s.%s missing", def.Name.Value, fd.Name.Value)
					continue
				}
				if got, want := f.Type.String(), typeString(fd.Type); got != want {
					t.Errorf("%s.%s: %s, want %s", def.Name.Value, fd.Name.Value, got, want)
				}
				delete(fields, fd.Name.Value)
			}
			for n, f := range fields {
				if _, required := f.Type.(*graphql.NonNull); required {
					t.Errorf("%s has a new required field %s", def.Name.Value, n)
				}
			}
		default:
			t.Errorf("contract: unexpected definition %T", def)
		}
	}
}

func typeString(t ast.Type) string {
	switch t := t.(type) {
	case *ast.NonNull:
		return typeString(t.Type) + "!"
	case *ast.List:
		return "[" + typeString(t.Type) + "]"
	case *ast.Named:
		return t.Name.Value
	}
	return "?"
}

// TestEverythingDescribed: the descriptions are the schema's docs.
func TestEverythingDescribed(t *testing.T) {
	s := newFixture(t, Config{}).schema.GraphQL()
	for name, typ := range s.TypeMap() {
		if strings.HasPrefix(name, "__") || builtinScalars[name] {
			continue
		}
		if typ.Description() == "" {
			t.Errorf("type %s has no description", name)
		}
		switch typ := typ.(type) {
		case *graphql.Object:
			for fn, f := range typ.Fields() {
				if f.Description == "" {
					t.Errorf("%s.%s has no description", name, fn)
				}
				for _, a := range f.Args {
					if a.Description() == "" {
						t.Errorf("%s.%s(%s) has no description", name, fn, a.Name())
					}
				}
			}
		case *graphql.InputObject:
			for fn, f := range typ.Fields() {
				if f.Description() == "" {
					t.Errorf("%s.%s has no description", name, fn)
				}
			}
		case *graphql.Enum:
			for _, v := range typ.Values() {
				if v.Description == "" {
					t.Errorf("%s.%s has no description", name, v.Name)
				}
			}
		}
	}
}

func TestIntrospection(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	d := mustData(t, post(t, srv, `{
	  __schema { queryType { name } mutationType { name } types { name } }
	  __type(name: "Claim") { description fields { name description type { kind ofType { name } } } }
	}`, nil))
	if atString(t, d, "__schema", "queryType", "name") != "Query" || atString(t, d, "__schema", "mutationType", "name") != "Mutation" {
		t.Errorf("root types = %v", at(t, d, "__schema"))
	}
	types := names(t, atList(t, d, "__schema", "types"), "name")
	for _, want := range []string{"Document", "Entity", "Claim", "Mention", "Relation", "ClaimConnection", "Time", "EntityType", "DocumentInput"} {
		if !slices.Contains(types, want) {
			t.Errorf("introspection has no type %s", want)
		}
	}
	for _, fd := range atList(t, d, "__type", "fields") {
		if atString(t, fd, "name") == "speakerText" && !strings.Contains(atString(t, fd, "description"), "words naming the source") {
			t.Errorf("Claim.speakerText description = %q", atString(t, fd, "description"))
		}
	}
}

// TestDescriptionLiterals: descriptions print as graphql-js 16 prints
// them (print of a StringValue, block when isPrintableAsBlockString; the
// expected values are graphql-js 16.15's output).
func TestDescriptionLiterals(t *testing.T) {
	for _, tc := range []struct{ value, want string }{
		{"short", `"""short"""`},
		{strings.Repeat("x", 71), "\"\"\"\n" + strings.Repeat("x", 71) + "\n\"\"\""},
		{strings.Repeat("a", 70), `"""` + strings.Repeat("a", 70) + `"""`},
		{strings.Repeat("a", 69) + "🛰", "\"\"\"\n" + strings.Repeat("a", 69) + "🛰\n\"\"\""}, // 71 UTF-16 units
		{"line one\nline two", "\"\"\"\nline one\nline two\n\"\"\""},
		{"  leading space", `"""  leading space"""`},
		{`ends with a quote"`, "\"\"\"\nends with a quote\"\n\"\"\""},
		{`ends with a backslash\`, "\"\"\"\nends with a backslash\\\n\"\"\""},
		{`has """ triple`, `"""has \""" triple"""`},
		{"tab\there", "\"\"\"tab\there\"\"\""},
		{"\nleading newline", `"\nleading newline"`},
		{"trailing newline\n", `"trailing newline\n"`},
		{"ctrl \x01 char", `"ctrl \u0001 char"`},
		{"del \u007f and \u0085", "\"\"\"del \u007f and \u0085\"\"\""},
		{"carriage\r\nreturn", `"carriage\r\nreturn"`},
		{"  indented\n  both", `"  indented\n  both"`},
		{"first\n  indented rest", "\"\"\"\nfirst\n  indented rest\n\"\"\""},
	} {
		if got := strings.TrimSuffix(description(tc.value, "", true), "\n"); got != tc.want {
			t.Errorf("description(%q) = %s, want %s", tc.value, got, tc.want)
		}
	}
	if got := graphqlString("del \u007f \u009f \x1a"); got != `"del \u007F \u009F \u001A"` {
		t.Errorf("graphqlString = %s", got)
	}
}
