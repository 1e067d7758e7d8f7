package schema

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/location"
)

// The limits are checked before validation, because graphql-go's
// validation is itself costly on hostile documents: its
// OverlappingFieldsCanBeMerged rule is quadratic in fields of one name
// and in distinct fragments spread together, exponential in unused
// fragments that spread each other twice, and recurses without end (a
// fatal stack overflow, not a panic) on a fragment cycle. So, in order:
//
//   - the bracket nesting of the raw text is bounded (before parsing, as
//     the parser recurses on it): 2×MaxDepth+16;
//   - the document's selections (fields, fragment spreads, inline
//     fragments, counted as written) are bounded by MaxSelections;
//   - fragment cycles are refused;
//   - the depth and the estimated complexity of the operation, and of
//     every fragment, are bounded by MaxDepth and MaxComplexity.
//
// The depth and cost walks follow fragment spreads and inline fragments
// and visit each fragment once (memoised: a fragment's depth and cost do
// not depend on where it is spread).

// maxNesting is the deepest bracket nesting accepted in a query text.
func (c Config) maxNesting() int { return 2*c.MaxDepth + 16 }

// checkText bounds the bracket nesting of the query text.
func (s *Schema) checkText(query string) []gqlerrors.FormattedError {
	if n := bracketNesting(query); n > s.cfg.maxNesting() {
		return []gqlerrors.FormattedError{limitError(nil, "QUERY_TOO_DEEP",
			fmt.Sprintf("query bracket nesting %d exceeds the limit of %d", n, s.cfg.maxNesting()),
			"nesting", n, s.cfg.maxNesting())}
	}
	return nil
}

// checkLimits checks a parsed document and its operation op against the
// limits and reports each one exceeded.
func (s *Schema) checkLimits(doc *ast.Document, op *ast.OperationDefinition, vars map[string]any) []gqlerrors.FormattedError {
	if n := countSelections(doc); n > s.cfg.MaxSelections {
		return []gqlerrors.FormattedError{limitError(nil, "QUERY_TOO_LARGE",
			fmt.Sprintf("query has %d selections (fields and fragments), more than the limit of %d", n, s.cfg.MaxSelections),
			"selections", n, s.cfg.MaxSelections)}
	}
	m := newMeasure(s, doc, op, vars)
	if f, via := m.cycle(); f != nil {
		e := gqlerrors.NewFormattedError(fmt.Sprintf("fragment %q spreads itself (via %s)", f.Name.Value, strings.Join(via, ", ")))
		e.Locations = nodeLocation(f.Loc)
		return []gqlerrors.FormattedError{e}
	}
	var errs []gqlerrors.FormattedError
	loc := nodeLocation(op.Loc)
	if depth := m.depth(op.SelectionSet); depth > s.cfg.MaxDepth {
		errs = append(errs, limitError(loc, "QUERY_TOO_DEEP",
			fmt.Sprintf("query depth %d exceeds the limit of %d", depth, s.cfg.MaxDepth),
			"depth", depth, s.cfg.MaxDepth))
	}
	root := rootType(&s.gql, op.Operation)
	if cost := m.cost(op.SelectionSet, root); cost > int64(s.cfg.MaxComplexity) {
		errs = append(errs, limitError(loc, "QUERY_TOO_COMPLEX",
			fmt.Sprintf("query complexity %d exceeds the limit of %d (each field costs 1, times the page size of every enclosing connection)", cost, s.cfg.MaxComplexity),
			"complexity", cost, s.cfg.MaxComplexity))
	}
	if len(errs) > 0 {
		return errs
	}
	// Fragments the operation does not use are validated all the same.
	for _, name := range m.fragmentNames {
		spread := &ast.FragmentSpread{Name: &ast.Name{Value: name}}
		loc := nodeLocation(m.fragments[name].Loc)
		if depth := m.fragmentDepth(spread); depth > s.cfg.MaxDepth {
			return []gqlerrors.FormattedError{limitError(loc, "QUERY_TOO_DEEP",
				fmt.Sprintf("fragment %q depth %d exceeds the limit of %d", name, depth, s.cfg.MaxDepth),
				"depth", depth, s.cfg.MaxDepth)}
		}
		if cost := m.fragmentCost(spread); cost > int64(s.cfg.MaxComplexity) {
			return []gqlerrors.FormattedError{limitError(loc, "QUERY_TOO_COMPLEX",
				fmt.Sprintf("fragment %q complexity %d exceeds the limit of %d", name, cost, s.cfg.MaxComplexity),
				"complexity", cost, s.cfg.MaxComplexity)}
		}
	}
	return nil
}

// firstIsVariable reports whether some `first` argument of doc is a
// variable (the page sizes of the complexity estimate then depend on the
// request).
func firstIsVariable(doc *ast.Document) bool {
	found := false
	var walk func(ss *ast.SelectionSet)
	walk = func(ss *ast.SelectionSet) {
		if ss == nil || found {
			return
		}
		for _, sel := range ss.Selections {
			switch sel := sel.(type) {
			case *ast.Field:
				for _, a := range sel.Arguments {
					if _, ok := a.Value.(*ast.Variable); ok && a.Name != nil && a.Name.Value == "first" {
						found = true
					}
				}
				walk(sel.SelectionSet)
			case *ast.InlineFragment:
				walk(sel.SelectionSet)
			}
		}
	}
	for _, def := range doc.Definitions {
		switch def := def.(type) {
		case *ast.OperationDefinition:
			walk(def.SelectionSet)
		case *ast.FragmentDefinition:
			walk(def.SelectionSet)
		}
	}
	return found
}

// bracketNesting is the deepest nesting of {}, [] and () in a GraphQL
// text, outside strings and comments.
func bracketNesting(q string) int {
	depth, deepest := 0, 0
	for i := 0; i < len(q); i++ {
		switch q[i] {
		case '{', '[', '(':
			depth++
			deepest = max(deepest, depth)
		case '}', ']', ')':
			depth--
		case '#':
			for i < len(q) && q[i] != '\n' && q[i] != '\r' {
				i++
			}
		case '"':
			if strings.HasPrefix(q[i:], `"""`) {
				end := strings.Index(strings.ReplaceAll(q[i+3:], `\"""`, "xxxx"), `"""`)
				if end < 0 {
					return deepest
				}
				i += 3 + end + 2
				continue
			}
			for i++; i < len(q) && q[i] != '"' && q[i] != '\n'; i++ {
				if q[i] == '\\' {
					i++
				}
			}
		}
	}
	return deepest
}

// countSelections counts the fields, fragment spreads and inline
// fragments of a document as written (fragments not expanded).
func countSelections(doc *ast.Document) int {
	var count func(ss *ast.SelectionSet) int
	count = func(ss *ast.SelectionSet) int {
		if ss == nil {
			return 0
		}
		n := len(ss.Selections)
		for _, sel := range ss.Selections {
			switch sel := sel.(type) {
			case *ast.Field:
				n += count(sel.SelectionSet)
			case *ast.InlineFragment:
				n += count(sel.SelectionSet)
			}
		}
		return n
	}
	total := 0
	for _, def := range doc.Definitions {
		switch def := def.(type) {
		case *ast.OperationDefinition:
			total += count(def.SelectionSet)
		case *ast.FragmentDefinition:
			total += count(def.SelectionSet)
		}
	}
	return total
}

func limitError(loc []location.SourceLocation, code, msg, limit string, measured any, max int) gqlerrors.FormattedError {
	e := gqlerrors.NewFormattedError(msg)
	e.Locations = loc
	e.Extensions = map[string]any{"code": code, "limit": limit, "measured": measured, "max": max}
	return e
}

func nodeLocation(loc *ast.Location) []location.SourceLocation {
	if loc == nil || loc.Source == nil {
		return nil
	}
	return []location.SourceLocation{location.GetLocation(loc.Source, loc.Start)}
}

func rootType(s *graphql.Schema, operation string) graphql.Type {
	switch operation {
	case ast.OperationTypeMutation:
		if m := s.MutationType(); m != nil {
			return m
		}
		return nil
	case ast.OperationTypeSubscription:
		if m := s.SubscriptionType(); m != nil {
			return m
		}
		return nil
	}
	return s.QueryType()
}

// costCap keeps cost arithmetic far from overflow; any real limit is
// much lower.
const costCap = math.MaxInt64 / 4

type measure struct {
	s             *Schema
	fragments     map[string]*ast.FragmentDefinition
	fragmentNames []string // in document order
	vars          map[string]any
	varDefaults   map[string]ast.Value // the operation's variable defaults
	depths        map[string]int
	costs         map[string]int64
	active        map[string]bool // fragments being walked: a spread of one of them is a cycle
}

func newMeasure(s *Schema, doc *ast.Document, op *ast.OperationDefinition, vars map[string]any) *measure {
	m := &measure{
		s:           s,
		fragments:   map[string]*ast.FragmentDefinition{},
		vars:        vars,
		varDefaults: map[string]ast.Value{},
		depths:      map[string]int{},
		costs:       map[string]int64{},
		active:      map[string]bool{},
	}
	for _, v := range op.VariableDefinitions {
		if v.Variable != nil && v.Variable.Name != nil && v.DefaultValue != nil {
			m.varDefaults[v.Variable.Name.Value] = v.DefaultValue
		}
	}
	for _, def := range doc.Definitions {
		if f, ok := def.(*ast.FragmentDefinition); ok && f.Name != nil {
			if _, dup := m.fragments[f.Name.Value]; !dup {
				m.fragmentNames = append(m.fragmentNames, f.Name.Value)
			}
			m.fragments[f.Name.Value] = f
		}
	}
	return m
}

// cycle finds a fragment that spreads itself, directly or through
// others (via), or gives nil.
func (m *measure) cycle() (*ast.FragmentDefinition, []string) {
	const (
		unvisited = iota
		onPath
		done
	)
	state := map[string]int{}
	var path []string
	var visit func(name string) bool
	var spreads func(ss *ast.SelectionSet) bool
	spreads = func(ss *ast.SelectionSet) bool {
		if ss == nil {
			return false
		}
		for _, sel := range ss.Selections {
			switch sel := sel.(type) {
			case *ast.Field:
				if spreads(sel.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if spreads(sel.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if sel.Name != nil && visit(sel.Name.Value) {
					return true
				}
			}
		}
		return false
	}
	visit = func(name string) bool {
		f, ok := m.fragments[name]
		if !ok {
			return false
		}
		switch state[name] {
		case onPath:
			path = append(path, name)
			return true
		case done:
			return false
		}
		state[name] = onPath
		path = append(path, name)
		if spreads(f.SelectionSet) {
			return true
		}
		path = path[:len(path)-1]
		state[name] = done
		return false
	}
	for _, name := range m.fragmentNames {
		if visit(name) {
			// path ends with the fragment that closes the cycle.
			last := path[len(path)-1]
			start := slices.Index(path, last)
			return m.fragments[last], path[start+1:]
		}
	}
	return nil, nil
}

// depth is the deepest field nesting below ss, counting ss's own fields
// as 1.
func (m *measure) depth(ss *ast.SelectionSet) int {
	if ss == nil {
		return 0
	}
	deepest := 0
	for _, sel := range ss.Selections {
		d := 0
		switch sel := sel.(type) {
		case *ast.Field:
			d = 1 + m.depth(sel.SelectionSet)
		case *ast.InlineFragment:
			d = m.depth(sel.SelectionSet)
		case *ast.FragmentSpread:
			d = m.fragmentDepth(sel)
		}
		deepest = max(deepest, d)
	}
	return deepest
}

func (m *measure) fragmentDepth(spread *ast.FragmentSpread) int {
	if spread.Name == nil {
		return 0
	}
	name := spread.Name.Value
	if d, ok := m.depths[name]; ok {
		return d
	}
	f, ok := m.fragments[name]
	if !ok || m.active[name] {
		return 0
	}
	m.active[name] = true
	d := m.depth(f.SelectionSet)
	delete(m.active, name)
	m.depths[name] = d
	return d
}

// cost estimates the work of ss on a value of type parent: each field
// costs 1 plus the cost of its own selections times its factor (the page
// size of a connection, ListFactor for a list, else 1). parent may be nil
// where the query names an unknown type; validation reports that later.
func (m *measure) cost(ss *ast.SelectionSet, parent graphql.Type) int64 {
	if ss == nil {
		return 0
	}
	var total int64
	for _, sel := range ss.Selections {
		switch sel := sel.(type) {
		case *ast.Field:
			def := fieldDef(parent, sel)
			var child graphql.Type
			factor := int64(1)
			if def != nil {
				child, _ = graphql.GetNamed(def.Type).(graphql.Type)
				factor = m.factor(def, sel, parent)
			}
			total = addCapped(total, addCapped(1, mulCapped(factor, m.cost(sel.SelectionSet, child))))
		case *ast.InlineFragment:
			t := parent
			if sel.TypeCondition != nil && sel.TypeCondition.Name != nil {
				t = m.s.gql.Type(sel.TypeCondition.Name.Value)
			}
			total = addCapped(total, m.cost(sel.SelectionSet, t))
		case *ast.FragmentSpread:
			total = addCapped(total, m.fragmentCost(sel))
		}
	}
	return total
}

func (m *measure) fragmentCost(spread *ast.FragmentSpread) int64 {
	if spread.Name == nil {
		return 0
	}
	name := spread.Name.Value
	if c, ok := m.costs[name]; ok {
		return c
	}
	f, ok := m.fragments[name]
	if !ok || m.active[name] {
		return 0
	}
	var t graphql.Type
	if f.TypeCondition != nil && f.TypeCondition.Name != nil {
		t = m.s.gql.Type(f.TypeCondition.Name.Value)
	}
	m.active[name] = true
	c := m.cost(f.SelectionSet, t)
	delete(m.active, name)
	m.costs[name] = c
	return c
}

// factor is how many times the selections of field count: the page size
// for a connection (a field with a `first` argument), ListFactor for a
// list, else 1. The lists of a connection (nodes, edges) are its page,
// already counted.
func (m *measure) factor(def *graphql.FieldDefinition, field *ast.Field, parent graphql.Type) int64 {
	if parent != nil && m.s.connections[parent.Name()] {
		return 1
	}
	for _, arg := range def.Args {
		if arg.Name() == "first" {
			return int64(m.pageSize(field, arg.DefaultValue))
		}
	}
	if _, ok := graphql.GetNullable(def.Type).(*graphql.List); ok {
		return int64(m.s.cfg.ListFactor)
	}
	return 1
}

// pageSize reads the `first` argument of field, from a literal or a
// variable, clamped to 1..MaxPageSize (the resolver rejects values out of
// range with a clearer error than a complexity estimate would give).
func (m *measure) pageSize(field *ast.Field, def any) int {
	n := m.s.cfg.DefaultPageSize
	if d, ok := def.(int); ok {
		n = d // the field's own default (relations: 100)
	}
	for _, arg := range field.Arguments {
		if arg.Name == nil || arg.Name.Value != "first" {
			continue
		}
		value := arg.Value
		if v, ok := value.(*ast.Variable); ok && v.Name != nil {
			if i, ok := intValue(m.vars[v.Name.Value]); ok {
				n = i
				continue
			}
			value = m.varDefaults[v.Name.Value] // nil when none
		}
		if v, ok := value.(*ast.IntValue); ok {
			if i, err := strconv.Atoi(v.Value); err == nil {
				n = i
			}
		}
	}
	return min(max(n, 1), m.s.cfg.MaxPageSize)
}

// intValue reads a variable value as decoded from JSON.
func intValue(v any) (int, bool) {
	switch v := v.(type) {
	case int:
		return v, true
	case int64:
		if v > math.MaxInt32 {
			return math.MaxInt32, true
		}
		return int(v), true
	case float64:
		if v > math.MaxInt32 {
			return math.MaxInt32, true
		}
		return int(v), true
	}
	return 0, false
}

// fieldDef finds the definition of field on parent, meta fields included.
func fieldDef(parent graphql.Type, field *ast.Field) *graphql.FieldDefinition {
	if field.Name == nil {
		return nil
	}
	name := field.Name.Value
	switch name {
	case "__typename":
		return graphql.TypeNameMetaFieldDef
	case "__schema":
		return graphql.SchemaMetaFieldDef
	case "__type":
		return graphql.TypeMetaFieldDef
	}
	withFields, ok := parent.(interface {
		Fields() graphql.FieldDefinitionMap
	})
	if !ok {
		return nil
	}
	return withFields.Fields()[name]
}

func addCapped(a, b int64) int64 {
	if a+b > costCap {
		return costCap
	}
	return a + b
}

func mulCapped(a, b int64) int64 {
	if a != 0 && b > costCap/a {
		return costCap
	}
	return a * b
}
