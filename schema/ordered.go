package schema

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// Responses in the order of the query. The GraphQL specification makes
// a result an ordered map whose members come in the order CollectFields
// gives them (section 6.3.2): response keys (aliases or field names) in
// the order they first appear in the selection set, fragment spreads and
// inline fragments expanded where they stand, each fragment once,
// selections that @skip or @include leave out left out, and the fields
// of one key merged, their sub-selections collected in turn. graphql-go
// answers a map[string]interface{} and encoding/json sorts its keys, so
// both executors write the JSON themselves in that order: the direct
// executor from its plan (exec.go), and for graphql-go's results
// appendResult walks the operation's selection sets beside the data.
//
// A response is {"errors":[...],"data":{...},"extensions":{...}}, each
// member only when present. The specification suggests errors first,
// when there are any, so that a reader sees them before the data
// (section 7.1); clients read the members by name.

// fieldCollector is CollectFields over a document's fragments.
type fieldCollector struct {
	fragments map[string]*ast.FragmentDefinition
	// include decides the @skip and @include directives of a selection;
	// ok false gives up the collection.
	include func(directives []*ast.Directive) (include, ok bool)
	// applies decides whether a fragment's type condition applies to an
	// object of type t; ok false gives up the collection.
	applies func(cond *ast.Named, t graphql.Type) (match, ok bool)
}

// collectedFields are the fields of selection sets grouped by response
// key, the keys in the order of the response.
type collectedFields struct {
	keys   []string
	fields map[string][]*ast.Field
}

// collect collects the fields of sets, in turn, for an object of type t,
// with one set of visited fragments for all of them (as graphql-go
// does; the specification's fresh set per field gives the same keys in
// the same order, since a fragment spread again adds no new key).
func (c *fieldCollector) collect(t graphql.Type, sets []*ast.SelectionSet) (collectedFields, bool) {
	out := collectedFields{fields: map[string][]*ast.Field{}}
	visited := map[string]bool{}
	var walk func(set *ast.SelectionSet) bool
	walk = func(set *ast.SelectionSet) bool {
		if set == nil {
			return true
		}
		for _, sel := range set.Selections {
			switch sel := sel.(type) {
			case *ast.Field:
				if sel.Name == nil {
					return false
				}
				if include, ok := c.include(sel.Directives); !ok {
					return false
				} else if !include {
					continue
				}
				key := sel.Name.Value
				if sel.Alias != nil && sel.Alias.Value != "" {
					key = sel.Alias.Value
				}
				if _, seen := out.fields[key]; !seen {
					out.keys = append(out.keys, key)
				}
				out.fields[key] = append(out.fields[key], sel)
			case *ast.InlineFragment:
				if include, ok := c.include(sel.Directives); !ok {
					return false
				} else if !include {
					continue
				}
				match, ok := c.applies(sel.TypeCondition, t)
				if !ok {
					return false
				}
				if match && !walk(sel.SelectionSet) {
					return false
				}
			case *ast.FragmentSpread:
				if sel.Name == nil {
					return false
				}
				if include, ok := c.include(sel.Directives); !ok {
					return false
				} else if !include {
					continue
				}
				name := sel.Name.Value
				if visited[name] {
					continue
				}
				visited[name] = true
				frag, found := c.fragments[name]
				if !found {
					continue
				}
				match, ok := c.applies(frag.TypeCondition, t)
				if !ok {
					return false
				}
				if match && !walk(frag.SelectionSet) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	for _, set := range sets {
		if !walk(set) {
			return collectedFields{}, false
		}
	}
	return out, true
}

// fragmentsOf indexes the fragment definitions of doc by name.
func fragmentsOf(doc *ast.Document) map[string]*ast.FragmentDefinition {
	out := map[string]*ast.FragmentDefinition{}
	for _, def := range doc.Definitions {
		if f, ok := def.(*ast.FragmentDefinition); ok && f.Name != nil {
			out[f.Name.Value] = f
		}
	}
	return out
}

// appendResult appends the response of a graphql-go execution of op to
// buf, as writeJSON would write it but with the members of every object
// of the data in the order of the query. Data members the operation does
// not account for (none, unless graphql-go and this walk disagree) come
// after the others, sorted. An error means a value encoding/json cannot
// encode either (NaN).
//
// The body may not pass max bytes (0: no cap): errResponseTooLarge.
func appendResult(buf []byte, s *graphql.Schema, doc *ast.Document, op *ast.OperationDefinition, vars map[string]any, res *graphql.Result, max int) ([]byte, error) {
	start := len(buf)
	buf = append(buf, '{')
	if len(res.Errors) > 0 {
		buf = append(buf, `"errors":`...)
		var err error
		if buf, err = appendEncoded(buf, jsonErrors(res.Errors)); err != nil {
			return buf, err
		}
		buf = append(buf, ',')
	}
	buf = append(buf, `"data":`...)
	w := newResultWriter(s, doc, op, vars)
	w.start, w.max = start, max
	var root *resultNode
	if t := rootType(s, op.Operation); t != nil {
		root = w.node(t, []*ast.SelectionSet{op.SelectionSet})
	}
	buf, err := w.value(buf, res.Data, root)
	if err != nil {
		return buf, err
	}
	if len(res.Extensions) > 0 {
		buf = append(buf, `,"extensions":`...)
		if buf, err = appendEncoded(buf, res.Extensions); err != nil {
			return buf, err
		}
	}
	return append(buf, "}\n"...), nil
}

// resultWriter writes one graphql-go result in query order.
type resultWriter struct {
	start, max  int // the body begins at buf[start]; at most max bytes
	schema      *graphql.Schema
	collector   fieldCollector
	vars        map[string]any       // the request's variables, as decoded from JSON
	varDefaults map[string]ast.Value // the operation's variable defaults
}

// resultNode is the collected fields of one selection for one type, with
// the nodes of its object-typed keys, built as the data needs them.
type resultNode struct {
	collectedFields
	w        *resultWriter
	t        graphql.Type
	children map[string]*resultNode
}

func newResultWriter(s *graphql.Schema, doc *ast.Document, op *ast.OperationDefinition, vars map[string]any) *resultWriter {
	w := &resultWriter{schema: s, vars: vars, varDefaults: map[string]ast.Value{}}
	for _, v := range op.VariableDefinitions {
		if v.Variable != nil && v.Variable.Name != nil && v.DefaultValue != nil {
			w.varDefaults[v.Variable.Name.Value] = v.DefaultValue
		}
	}
	w.collector = fieldCollector{fragments: fragmentsOf(doc), include: w.include, applies: w.applies}
	return w
}

func (w *resultWriter) node(t graphql.Type, sets []*ast.SelectionSet) *resultNode {
	fields, _ := w.collector.collect(t, sets) // this collector never gives up
	return &resultNode{collectedFields: fields, w: w, t: t}
}

// child is the node of key's value, nil for a leaf or a field the schema
// does not know.
func (n *resultNode) child(key string) *resultNode {
	if c, ok := n.children[key]; ok {
		return c
	}
	var c *resultNode
	fields := n.fields[key]
	if def := fieldDef(n.t, fields[0]); def != nil {
		switch t := graphql.GetNamed(def.Type).(type) {
		case *graphql.Object, *graphql.Interface, *graphql.Union:
			sets := make([]*ast.SelectionSet, 0, len(fields))
			for _, f := range fields {
				sets = append(sets, f.SelectionSet)
			}
			c = n.w.node(t.(graphql.Type), sets)
		}
	}
	if n.children == nil {
		n.children = map[string]*resultNode{}
	}
	n.children[key] = c
	return c
}

// include decides @skip(if:) and @include(if:) as graphql-go does: a
// selection is left out when skip's condition is true or include's is
// false; a condition that is not a Boolean leaves it in.
func (w *resultWriter) include(directives []*ast.Directive) (bool, bool) {
	for _, d := range directives {
		if d == nil || d.Name == nil {
			continue
		}
		switch d.Name.Value {
		case "skip":
			if b, ok := w.condition(d); ok && b {
				return false, true
			}
		case "include":
			if b, ok := w.condition(d); ok && !b {
				return false, true
			}
		}
	}
	return true, true
}

// condition reads the if: argument of a directive.
func (w *resultWriter) condition(d *ast.Directive) (bool, bool) {
	for _, a := range d.Arguments {
		if a.Name == nil || a.Name.Value != "if" {
			continue
		}
		var v any
		if variable, ok := a.Value.(*ast.Variable); ok {
			if variable.Name == nil {
				return false, false
			}
			if raw, given := w.vars[variable.Name.Value]; given && raw != nil {
				v = graphql.Boolean.ParseValue(raw)
			} else if def := w.varDefaults[variable.Name.Value]; def != nil {
				v = graphql.Boolean.ParseLiteral(def)
			}
		} else {
			v = graphql.Boolean.ParseLiteral(a.Value)
		}
		b, ok := v.(bool)
		return b, ok
	}
	return false, false
}

// applies decides a type condition as graphql-go does for an object of
// type t. Where t is abstract the runtime type is not known here; the
// fragment is collected, and only the keys the data has are written.
func (w *resultWriter) applies(cond *ast.Named, t graphql.Type) (bool, bool) {
	if cond == nil || cond.Name == nil {
		return true, true
	}
	ct := w.schema.Type(cond.Name.Value)
	if ct == nil {
		return false, true
	}
	if ct.Name() == t.Name() {
		return true, true
	}
	obj, isObject := t.(*graphql.Object)
	if !isObject {
		return true, true
	}
	if abstract, ok := ct.(graphql.Abstract); ok {
		return w.schema.IsPossibleType(abstract, obj), true
	}
	return false, true
}

// value appends v, an object's members in the order of n.
func (w *resultWriter) value(buf []byte, v any, n *resultNode) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(buf, "null"...), nil
	case map[string]any:
		return w.object(buf, v, n)
	case []any:
		buf = append(buf, '[')
		for i, item := range v {
			if w.max > 0 && len(buf)-w.start > w.max {
				return buf, errResponseTooLarge
			}
			if i > 0 {
				buf = append(buf, ',')
			}
			var err error
			if buf, err = w.value(buf, item, n); err != nil {
				return buf, err
			}
		}
		return append(buf, ']'), nil
	case string:
		return appendString(buf, v), nil
	case bool:
		return strconv.AppendBool(buf, v), nil
	case int:
		return strconv.AppendInt(buf, int64(v), 10), nil
	case float64:
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			return appendFloat(buf, v), nil
		}
	}
	return appendEncoded(buf, v)
}

func (w *resultWriter) object(buf []byte, m map[string]any, n *resultNode) ([]byte, error) {
	buf = append(buf, '{')
	written := 0
	var err error
	if n != nil {
		for _, key := range n.keys {
			v, ok := m[key]
			if !ok {
				continue
			}
			if written > 0 {
				buf = append(buf, ',')
			}
			written++
			buf = append(appendString(buf, key), ':')
			if buf, err = w.value(buf, v, n.child(key)); err != nil {
				return buf, err
			}
			if w.max > 0 && len(buf)-w.start > w.max {
				return buf, errResponseTooLarge
			}
		}
	}
	if written < len(m) {
		var rest []string
		for key := range m {
			if n == nil || n.fields[key] == nil {
				rest = append(rest, key)
			}
		}
		slices.Sort(rest)
		for _, key := range rest {
			if written > 0 {
				buf = append(buf, ',')
			}
			written++
			buf = append(appendString(buf, key), ':')
			if buf, err = w.value(buf, m[key], nil); err != nil {
				return buf, err
			}
		}
	}
	return append(buf, '}'), nil
}

// appendEncoded appends v as writeJSON's encoder encodes it.
func appendEncoded(buf []byte, v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return buf, err
	}
	return append(buf, bytes.TrimSuffix(b.Bytes(), []byte("\n"))...), nil
}
