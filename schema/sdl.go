package schema

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/graphql-go/graphql"
)

// SDL prints the schema in the GraphQL schema definition language exactly
// as graphql-js 16's printSchema prints the schema that buildClientSchema
// builds from this server's introspection: the types in the order the
// schema declares them (then any others by name), each field, argument,
// input field and enum value in declaration order, descriptions as block
// strings, built-in scalars, built-in directives and introspection types
// left out, and a final newline. schema.graphql is this text below a
// comment; the graphql-js client test (examples/graphql-js) compares
// the two.
func (s *Schema) SDL() string {
	return printSDL(&s.gql, s.order)
}

func printSDL(schema *graphql.Schema, order declOrder) string {
	var parts []string
	if def := schemaDefinition(schema); def != "" {
		parts = append(parts, def)
	}
	for _, d := range schema.Directives() {
		if !builtinDirectives[d.Name] {
			parts = append(parts, printDirective(d, order))
		}
	}
	for _, n := range ordered(order.types, mapKeys(schema.TypeMap())) {
		if strings.HasPrefix(n, "__") || builtinScalars[n] {
			continue
		}
		var b strings.Builder
		switch t := schema.Type(n).(type) {
		case *graphql.Scalar:
			b.WriteString(description(t.Description(), "", true))
			fmt.Fprintf(&b, "scalar %s", t.Name())
		case *graphql.Enum:
			b.WriteString(description(t.Description(), "", true))
			fmt.Fprintf(&b, "enum %s", t.Name())
			byName := map[string]*graphql.EnumValueDefinition{}
			for _, v := range t.Values() {
				byName[v.Name] = v
			}
			var lines []string
			for i, vn := range ordered(order.fields[t.Name()], mapKeys(byName)) {
				v := byName[vn]
				lines = append(lines, description(v.Description, "  ", i == 0)+"  "+v.Name+deprecated(v.DeprecationReason))
			}
			b.WriteString(block(lines))
		case *graphql.Object:
			b.WriteString(description(t.Description(), "", true))
			fmt.Fprintf(&b, "type %s%s", t.Name(), implements(t.Interfaces()))
			b.WriteString(printFields(t.Name(), t.Fields(), order))
		case *graphql.Interface:
			b.WriteString(description(t.Description(), "", true))
			fmt.Fprintf(&b, "interface %s", t.Name())
			b.WriteString(printFields(t.Name(), t.Fields(), order))
		case *graphql.Union:
			b.WriteString(description(t.Description(), "", true))
			var members []string
			for _, m := range t.Types() {
				members = append(members, m.Name())
			}
			fmt.Fprintf(&b, "union %s", t.Name())
			if len(members) > 0 {
				b.WriteString(" = " + strings.Join(members, " | "))
			}
		case *graphql.InputObject:
			b.WriteString(description(t.Description(), "", true))
			fmt.Fprintf(&b, "input %s", t.Name())
			fields := t.Fields()
			var lines []string
			for i, fn := range ordered(order.fields[t.Name()], mapKeys(fields)) {
				f := fields[fn]
				lines = append(lines, description(f.Description(), "  ", i == 0)+"  "+inputValue(f.Name(), f.Type, f.DefaultValue, order))
			}
			b.WriteString(block(lines))
		default:
			continue
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "\n\n") + "\n"
}

var builtinScalars = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}

// builtinDirectives are the directives printSchema leaves out.
var builtinDirectives = map[string]bool{"include": true, "skip": true, "deprecated": true, "specifiedBy": true, "oneOf": true}

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
	rest := mapKeys(present)
	slices.Sort(rest)
	return append(out, rest...)
}

// schemaDefinition is the schema block, which printSchema leaves out
// when the root types have their usual names (and the schema has no
// description, as graphql-go's never has).
func schemaDefinition(s *graphql.Schema) string {
	q, m, sub := s.QueryType(), s.MutationType(), s.SubscriptionType()
	if (q == nil || q.Name() == "Query") && (m == nil || m.Name() == "Mutation") && (sub == nil || sub.Name() == "Subscription") {
		return ""
	}
	var ops []string
	if q != nil {
		ops = append(ops, "  query: "+q.Name())
	}
	if m != nil {
		ops = append(ops, "  mutation: "+m.Name())
	}
	if sub != nil {
		ops = append(ops, "  subscription: "+sub.Name())
	}
	return "schema {\n" + strings.Join(ops, "\n") + "\n}"
}

func printDirective(d *graphql.Directive, order declOrder) string {
	return description(d.Description, "", true) + "directive @" + d.Name + printArgs(d.Args, "", order) + " on " + strings.Join(d.Locations, " | ")
}

func implements(ifaces []*graphql.Interface) string {
	if len(ifaces) == 0 {
		return ""
	}
	var names []string
	for _, i := range ifaces {
		names = append(names, i.Name())
	}
	return " implements " + strings.Join(names, " & ")
}

func printFields(typeName string, fields graphql.FieldDefinitionMap, order declOrder) string {
	var lines []string
	for i, n := range ordered(order.fields[typeName], mapKeys(fields)) {
		f := fields[n]
		args := make([]*graphql.Argument, len(f.Args))
		copy(args, f.Args)
		sortByName(args, order.args[typeName+"."+f.Name], (*graphql.Argument).Name)
		lines = append(lines, description(f.Description, "  ", i == 0)+"  "+f.Name+printArgs(args, "  ", order)+": "+f.Type.String()+deprecated(f.DeprecationReason))
	}
	return block(lines)
}

func block(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return " {\n" + strings.Join(lines, "\n") + "\n}"
}

// printArgs prints arguments on one line when none has a description,
// else one per line below its description.
func printArgs(args []*graphql.Argument, indent string, order declOrder) string {
	if len(args) == 0 {
		return ""
	}
	described := false
	for _, a := range args {
		described = described || a.Description() != ""
	}
	var items []string
	for i, a := range args {
		if !described {
			items = append(items, inputValue(a.Name(), a.Type, a.DefaultValue, order))
			continue
		}
		items = append(items, description(a.Description(), "  "+indent, i == 0)+"  "+indent+inputValue(a.Name(), a.Type, a.DefaultValue, order))
	}
	if !described {
		return "(" + strings.Join(items, ", ") + ")"
	}
	return "(\n" + strings.Join(items, "\n") + "\n" + indent + ")"
}

// inputValue prints an argument or input field (graphql-go has no
// deprecation for them).
func inputValue(name string, t graphql.Input, def any, order declOrder) string {
	s := name + ": " + t.String()
	if v, ok := valueLiteral(def, t, order); ok {
		s += " = " + v
	}
	return s
}

// integerString is graphql-js's test for an integer in a string.
var integerString = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)$`)

// valueLiteral prints a default value as graphql-js's astFromValue and
// print do; ok is false for no value.
func valueLiteral(v any, t graphql.Type, order declOrder) (string, bool) {
	if nn, ok := t.(*graphql.NonNull); ok {
		t = nn.OfType
	}
	if v == nil {
		return "", false
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return "", false
	}
	switch t := t.(type) {
	case *graphql.List:
		if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
			return valueLiteral(v, t.OfType, order)
		}
		var items []string
		for i := range rv.Len() {
			if s, ok := valueLiteral(rv.Index(i).Interface(), t.OfType, order); ok {
				items = append(items, s)
			}
		}
		return "[" + strings.Join(items, ", ") + "]", true
	case *graphql.InputObject:
		m, ok := v.(map[string]any)
		if !ok {
			return "", false
		}
		var members []string
		for _, n := range ordered(order.fields[t.Name()], mapKeys(t.Fields())) {
			if s, ok := valueLiteral(m[n], t.Fields()[n].Type, order); ok {
				members = append(members, n+": "+s)
			}
		}
		return "{" + strings.Join(members, ", ") + "}", true
	case *graphql.Enum:
		s := t.Serialize(v)
		if name, ok := s.(string); ok {
			return name, true
		}
		return "", false
	case *graphql.Scalar:
		switch s := t.Serialize(v).(type) {
		case bool:
			return strconv.FormatBool(s), true
		case int:
			return strconv.Itoa(s), true
		case float64:
			if math.IsNaN(s) || math.IsInf(s, 0) {
				return "", false
			}
			return strconv.FormatFloat(s, 'f', -1, 64), true
		case string:
			if t == graphql.ID && integerString.MatchString(s) {
				return s, true
			}
			return graphqlString(s), true
		}
	}
	return "", false
}

// description prints a description above a definition as printSchema
// does: a block string when it can be one, else a string literal;
// indented, after a blank line unless it is the first of its block.
func description(desc, indent string, first bool) string {
	if desc == "" {
		return ""
	}
	var lit string
	if printableAsBlockString(desc) {
		lit = blockString(desc)
	} else {
		lit = graphqlString(desc)
	}
	prefix := indent
	if indent != "" && !first {
		prefix = "\n" + indent
	}
	return prefix + strings.ReplaceAll(lit, "\n", "\n"+indent) + "\n"
}

// printableAsBlockString is graphql-js's isPrintableAsBlockString: a
// block string would give the value back unchanged.
func printableAsBlockString(value string) bool {
	isEmptyLine, hasIndent, hasCommonIndent, seenNonEmptyLine := true, false, true, false
	for _, r := range value {
		switch r {
		case 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x0f, '\r':
			return false
		case '\n':
			if isEmptyLine && !seenNonEmptyLine {
				return false // a leading newline
			}
			seenNonEmptyLine, isEmptyLine, hasIndent = true, true, false
		case '\t', ' ':
			hasIndent = hasIndent || isEmptyLine
		default:
			hasCommonIndent = hasCommonIndent && hasIndent
			isEmptyLine = false
		}
	}
	if isEmptyLine {
		return false // trailing empty lines
	}
	return !(hasCommonIndent && seenNonEmptyLine)
}

// blockString is graphql-js's printBlockString.
func blockString(value string) string {
	escaped := strings.ReplaceAll(value, `"""`, `\"""`)
	lines := strings.Split(escaped, "\n")
	singleLine := len(lines) == 1
	isSpace := func(s string) bool { return s != "" && (s[0] == ' ' || s[0] == '\t') }
	forceLeadingNewLine := len(lines) > 1
	for _, l := range lines[1:] {
		forceLeadingNewLine = forceLeadingNewLine && (l == "" || isSpace(l))
	}
	trailingTripleQuotes := strings.HasSuffix(escaped, `\"""`)
	trailingQuote := strings.HasSuffix(value, `"`) && !trailingTripleQuotes
	forceTrailingNewline := trailingQuote || strings.HasSuffix(value, `\`)
	multipleLines := !singleLine || jsLength(value) > 70 || forceTrailingNewline || forceLeadingNewLine || trailingTripleQuotes
	var b strings.Builder
	b.WriteString(`"""`)
	if (multipleLines && !(singleLine && isSpace(value))) || forceLeadingNewLine {
		b.WriteByte('\n')
	}
	b.WriteString(escaped)
	if multipleLines || forceTrailingNewline {
		b.WriteByte('\n')
	}
	b.WriteString(`"""`)
	return b.String()
}

// jsLength is the length of s in UTF-16 code units, as JavaScript counts.
func jsLength(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// graphqlString is graphql-js's printString: a string literal with
// control characters, '"' and '\' escaped.
func graphqlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// deprecated prints @deprecated as printSchema does.
func deprecated(reason string) string {
	switch reason {
	case "":
		return ""
	case graphql.DefaultDeprecationReason:
		return " @deprecated"
	}
	return " @deprecated(reason: " + graphqlString(reason) + ")"
}
