package schema

import (
	"context"
	"slices"
	"strings"

	"github.com/graphql-go/graphql"
)

// Introspection as the standard tools ask for it. graphql-go (v0.8.1)
// implements the introspection types of the 2018 specification; the
// introspection query of graphql-js 16 (getIntrospectionQuery), which
// GraphiQL, Apollo's tools and the code generators send, asks with its
// options for fields added since: __Schema.description,
// __Type.specifiedByURL and isOneOf, __Directive.isRepeatable, the
// deprecation of input values (args and inputFields with
// includeDeprecated, __InputValue.isDeprecated and deprecationReason) and
// of directives (directives with includeDeprecated,
// __Directive.isDeprecated and deprecationReason). init adds them to
// graphql-go's introspection types, which are package variables of
// graphql-go shared by every graphql-go schema of the process (this
// package builds the only ones). The schema has no description, no
// scalar with a specification URL, no one-of input, no repeatable
// directive and nothing deprecated, so they answer null and false, as
// graphql-js would for the same schema.
//
// graphql-go lists types, enum values and arguments in Go map order,
// which changes from one request to the next, and fields sorted by name.
// Here introspection lists them in the order the schema declares them,
// the order of schema.graphql, every time: types, fields and input fields
// through the resolvers replaced below, which read the declaration order
// from the request's context (withDeclOrder; without it, sorted by
// name); arguments and enum values by sorting graphql-go's own slices
// once, when the schema is built (sortSlices).

// declOrderKey is the context key of a schema's declOrder.
type declOrderKey struct{}

// withDeclOrder gives introspection the schema's declaration order.
func withDeclOrder(ctx context.Context, order *declOrder) context.Context {
	return context.WithValue(ctx, declOrderKey{}, order)
}

// declOrderFrom gives the declaration order of the request's schema; the
// zero declOrder (everything sorted by name) when there is none.
func declOrderFrom(ctx context.Context) *declOrder {
	if ctx != nil {
		if o, ok := ctx.Value(declOrderKey{}).(*declOrder); ok && o != nil {
			return o
		}
	}
	return &declOrder{}
}

func init() {
	includeDeprecated := func() graphql.FieldConfigArgument {
		return graphql.FieldConfigArgument{"includeDeprecated": &graphql.ArgumentConfig{Type: graphql.Boolean, DefaultValue: false}}
	}
	null := func(graphql.ResolveParams) (any, error) { return nil, nil }
	no := func(graphql.ResolveParams) (any, error) { return false, nil }

	graphql.SchemaType.AddFieldConfig("description", &graphql.Field{
		Type: graphql.String, Resolve: null,
	})
	graphql.SchemaType.AddFieldConfig("types", &graphql.Field{
		Description: "A list of all types supported by this server.",
		Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.TypeType))),
		Resolve: func(p graphql.ResolveParams) (any, error) {
			s, ok := p.Source.(graphql.Schema)
			if !ok {
				return []graphql.Type{}, nil
			}
			return typesInOrder(&s, declOrderFrom(p.Context)), nil
		},
	})
	graphql.SchemaType.AddFieldConfig("directives", &graphql.Field{
		Description: "A list of all directives supported by this server.",
		Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.DirectiveType))),
		Args:        includeDeprecated(),
		Resolve: func(p graphql.ResolveParams) (any, error) {
			if s, ok := p.Source.(graphql.Schema); ok {
				return s.Directives(), nil
			}
			return []*graphql.Directive{}, nil
		},
	})

	graphql.TypeType.AddFieldConfig("specifiedByURL", &graphql.Field{
		Type: graphql.String, Resolve: null,
	})
	graphql.TypeType.AddFieldConfig("isOneOf", &graphql.Field{
		Type: graphql.Boolean,
		Resolve: func(p graphql.ResolveParams) (any, error) {
			if _, ok := p.Source.(*graphql.InputObject); ok {
				return false, nil
			}
			return nil, nil
		},
	})
	graphql.TypeType.AddFieldConfig("fields", &graphql.Field{
		Type: graphql.NewList(graphql.NewNonNull(graphql.FieldType)),
		Args: includeDeprecated(),
		Resolve: func(p graphql.ResolveParams) (any, error) {
			var name string
			var fields graphql.FieldDefinitionMap
			switch t := p.Source.(type) {
			case *graphql.Object:
				if t == nil {
					return nil, nil
				}
				name, fields = t.Name(), t.Fields()
			case *graphql.Interface:
				if t == nil {
					return nil, nil
				}
				name, fields = t.Name(), t.Fields()
			default:
				return nil, nil
			}
			all, _ := p.Args["includeDeprecated"].(bool)
			out := make([]*graphql.FieldDefinition, 0, len(fields))
			for _, n := range ordered(declOrderFrom(p.Context).fields[name], mapKeys(fields)) {
				if f := fields[n]; all || f.DeprecationReason == "" {
					out = append(out, f)
				}
			}
			return out, nil
		},
	})
	graphql.TypeType.AddFieldConfig("inputFields", &graphql.Field{
		Type: graphql.NewList(graphql.NewNonNull(graphql.InputValueType)),
		Args: includeDeprecated(),
		Resolve: func(p graphql.ResolveParams) (any, error) {
			t, ok := p.Source.(*graphql.InputObject)
			if !ok || t == nil {
				return nil, nil
			}
			fields := t.Fields()
			out := make([]*graphql.InputObjectField, 0, len(fields))
			for _, n := range ordered(declOrderFrom(p.Context).fields[t.Name()], mapKeys(fields)) {
				out = append(out, fields[n])
			}
			return out, nil
		},
	})

	args := func(p graphql.ResolveParams) (any, error) {
		switch f := p.Source.(type) {
		case *graphql.FieldDefinition:
			return f.Args, nil
		case *graphql.Directive:
			return f.Args, nil
		}
		return []*graphql.Argument{}, nil
	}
	graphql.FieldType.AddFieldConfig("args", &graphql.Field{
		Type:    graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.InputValueType))),
		Args:    includeDeprecated(),
		Resolve: args,
	})
	graphql.DirectiveType.AddFieldConfig("args", &graphql.Field{
		Type:    graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.InputValueType))),
		Args:    includeDeprecated(),
		Resolve: args,
	})
	graphql.DirectiveType.AddFieldConfig("isRepeatable", &graphql.Field{
		Type: graphql.NewNonNull(graphql.Boolean), Resolve: no,
	})
	graphql.DirectiveType.AddFieldConfig("isDeprecated", &graphql.Field{
		Type: graphql.NewNonNull(graphql.Boolean), Resolve: no,
	})
	graphql.DirectiveType.AddFieldConfig("deprecationReason", &graphql.Field{
		Type: graphql.String, Resolve: null,
	})
	graphql.InputValueType.AddFieldConfig("isDeprecated", &graphql.Field{
		Type: graphql.NewNonNull(graphql.Boolean), Resolve: no,
	})
	graphql.InputValueType.AddFieldConfig("deprecationReason", &graphql.Field{
		Type: graphql.String, Resolve: null,
	})

	for _, e := range []*graphql.Enum{graphql.TypeKindEnumType, graphql.DirectiveLocationEnumType} {
		sortByName(e.Values(), nil, func(v *graphql.EnumValueDefinition) string { return v.Name })
	}

	// AddFieldConfig marks the field maps stale; build them again now,
	// while nothing else reads them.
	for _, t := range []*graphql.Object{graphql.SchemaType, graphql.TypeType, graphql.FieldType, graphql.DirectiveType, graphql.InputValueType} {
		t.Fields()
		if err := t.Error(); err != nil {
			panic("schema: extending graphql-go's introspection: " + err.Error())
		}
	}
}

// typesInOrder lists the types of s: the declared ones in declaration
// order, then the others (built-in scalars, introspection types) sorted
// by name.
func typesInOrder(s *graphql.Schema, order *declOrder) []graphql.Type {
	m := s.TypeMap()
	out := make([]graphql.Type, 0, len(m))
	for _, n := range ordered(order.types, mapKeys(m)) {
		out = append(out, m[n])
	}
	return out
}

// sortSlices puts the arguments of every field and the values of every
// enum of s, which graphql-go keeps in Go map order, in declaration order
// (names not declared after, sorted). It runs once, before s serves.
func sortSlices(s *graphql.Schema, order declOrder) {
	for name, t := range s.TypeMap() {
		if strings.HasPrefix(name, "__") {
			continue // graphql-go's own, shared: init sorts them
		}
		switch t := t.(type) {
		case *graphql.Object:
			for fname, f := range t.Fields() {
				sortByName(f.Args, order.args[name+"."+fname], (*graphql.Argument).Name)
			}
		case *graphql.Enum:
			sortByName(t.Values(), order.fields[name], func(v *graphql.EnumValueDefinition) string { return v.Name })
		}
	}
}

// sortByName sorts items in place into the order of declared, then the
// undeclared ones by name.
func sortByName[T any](items []T, declared []string, name func(T) string) {
	rank := make(map[string]int, len(declared))
	for i, n := range declared {
		rank[n] = i
	}
	slices.SortStableFunc(items, func(a, b T) int {
		na, nb := name(a), name(b)
		ra, oka := rank[na]
		rb, okb := rank[nb]
		switch {
		case oka && okb:
			return ra - rb
		case oka:
			return -1
		case okb:
			return 1
		}
		if na < nb {
			return -1
		}
		if na > nb {
			return 1
		}
		return 0
	})
}

func mapKeys[M ~map[string]V, V any](m M) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
