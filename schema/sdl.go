package schema

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"
)

// SDL prints the schema in the GraphQL schema definition language: the
// types in the order the schema declares them (then any others
// alphabetically), each field, argument and enum value in declaration
// order, with descriptions. Built-in scalars and introspection types are
// left out. The output is deterministic; schema.graphql is this text.
func (s *Schema) SDL() string {
	return printSDL(&s.gql, s.order)
}

func printSDL(schema *graphql.Schema, order declOrder) string {
	var names []string
	seen := map[string]bool{}
	for _, n := range order.types {
		if schema.Type(n) != nil && !seen[n] {
			names = append(names, n)
			seen[n] = true
		}
	}
	var rest []string
	for n := range schema.TypeMap() {
		if !seen[n] && !strings.HasPrefix(n, "__") && !builtinScalars[n] {
			rest = append(rest, n)
		}
	}
	slices.Sort(rest)
	names = append(names, rest...)

	var b strings.Builder
	for i, n := range names {
		if i > 0 {
			b.WriteString("\n")
		}
		switch t := schema.Type(n).(type) {
		case *graphql.Scalar:
			printDescription(&b, t.Description(), "")
			fmt.Fprintf(&b, "scalar %s\n", t.Name())
		case *graphql.Enum:
			printEnum(&b, t, order)
		case *graphql.Object:
			printObject(&b, t, order)
		case *graphql.InputObject:
			printInput(&b, t, order)
		case *graphql.Interface:
			printDescription(&b, t.Description(), "")
			fmt.Fprintf(&b, "interface %s {\n", t.Name())
			printFields(&b, t.Name(), t.Fields(), order)
			b.WriteString("}\n")
		case *graphql.Union:
			printDescription(&b, t.Description(), "")
			var members []string
			for _, m := range t.Types() {
				members = append(members, m.Name())
			}
			fmt.Fprintf(&b, "union %s = %s\n", t.Name(), strings.Join(members, " | "))
		}
	}
	return b.String()
}

var builtinScalars = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}

// ordered gives names in declaration order, then any undeclared ones
// alphabetically.
func ordered(declared []string, names []string) []string {
	present := map[string]bool{}
	for _, n := range names {
		present[n] = true
	}
	var out []string
	for _, n := range declared {
		if present[n] {
			out = append(out, n)
			delete(present, n)
		}
	}
	var rest []string
	for n := range present {
		rest = append(rest, n)
	}
	slices.Sort(rest)
	return append(out, rest...)
}

func printEnum(b *strings.Builder, t *graphql.Enum, order declOrder) {
	printDescription(b, t.Description(), "")
	fmt.Fprintf(b, "enum %s {\n", t.Name())
	byName := map[string]*graphql.EnumValueDefinition{}
	var names []string
	for _, v := range t.Values() {
		byName[v.Name] = v
		names = append(names, v.Name)
	}
	for _, n := range ordered(order.fields[t.Name()], names) {
		v := byName[n]
		printDescription(b, v.Description, "  ")
		fmt.Fprintf(b, "  %s%s\n", v.Name, deprecated(v.DeprecationReason))
	}
	b.WriteString("}\n")
}

func printObject(b *strings.Builder, t *graphql.Object, order declOrder) {
	printDescription(b, t.Description(), "")
	fmt.Fprintf(b, "type %s", t.Name())
	if ifaces := t.Interfaces(); len(ifaces) > 0 {
		var names []string
		for _, i := range ifaces {
			names = append(names, i.Name())
		}
		fmt.Fprintf(b, " implements %s", strings.Join(names, " & "))
	}
	b.WriteString(" {\n")
	printFields(b, t.Name(), t.Fields(), order)
	b.WriteString("}\n")
}

func printFields(b *strings.Builder, typeName string, fields graphql.FieldDefinitionMap, order declOrder) {
	var names []string
	for n := range fields {
		names = append(names, n)
	}
	for _, n := range ordered(order.fields[typeName], names) {
		f := fields[n]
		printDescription(b, f.Description, "  ")
		fmt.Fprintf(b, "  %s", f.Name)
		if len(f.Args) > 0 {
			byName := map[string]*graphql.Argument{}
			var argNames []string
			for _, a := range f.Args {
				byName[a.Name()] = a
				argNames = append(argNames, a.Name())
			}
			b.WriteString("(\n")
			for _, an := range ordered(order.args[typeName+"."+f.Name], argNames) {
				a := byName[an]
				printDescription(b, a.Description(), "    ")
				fmt.Fprintf(b, "    %s: %s%s\n", a.Name(), a.Type, defaultValue(a.DefaultValue))
			}
			b.WriteString("  )")
		}
		fmt.Fprintf(b, ": %s%s\n", f.Type, deprecated(f.DeprecationReason))
	}
}

func printInput(b *strings.Builder, t *graphql.InputObject, order declOrder) {
	printDescription(b, t.Description(), "")
	fmt.Fprintf(b, "input %s {\n", t.Name())
	fields := t.Fields()
	var names []string
	for n := range fields {
		names = append(names, n)
	}
	for _, n := range ordered(order.fields[t.Name()], names) {
		f := fields[n]
		printDescription(b, f.Description(), "  ")
		fmt.Fprintf(b, "  %s: %s%s\n", f.Name(), f.Type, defaultValue(f.DefaultValue))
	}
	b.WriteString("}\n")
}

// printDescription prints desc as a string literal on one line, or as a
// block string when it spans lines.
func printDescription(b *strings.Builder, desc, indent string) {
	if desc == "" {
		return
	}
	if !strings.Contains(desc, "\n") {
		fmt.Fprintf(b, "%s%s\n", indent, graphqlString(desc))
		return
	}
	fmt.Fprintf(b, "%s\"\"\"\n", indent)
	for _, line := range strings.Split(strings.ReplaceAll(desc, `"""`, `\"""`), "\n") {
		if line == "" {
			b.WriteString("\n")
			continue
		}
		fmt.Fprintf(b, "%s%s\n", indent, line)
	}
	fmt.Fprintf(b, "%s\"\"\"\n", indent)
}

// graphqlString quotes s as a GraphQL string literal: JSON string syntax
// is valid GraphQL, but keep non-ASCII text readable.
func graphqlString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func defaultValue(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return " = " + graphqlString(v)
	case int, int32, int64, float64, bool:
		return fmt.Sprintf(" = %v", v)
	}
	return fmt.Sprintf(" = %v", v)
}

func deprecated(reason string) string {
	if reason == "" {
		return ""
	}
	return " @deprecated(reason: " + graphqlString(reason) + ")"
}
