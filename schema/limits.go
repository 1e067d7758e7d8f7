package schema

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/location"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
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
//
// Introspection has a bound of its own. The introspection query that
// graphql-js 16, GraphiQL, Apollo's tools and the code generators send
// (getIntrospectionQuery) nests 15 deep, since its TypeRef fragment
// follows ofType nine times, and the complexity estimate, which guesses
// ListFactor items for a list, knows nothing of how many types and fields
// the schema has. An operation whose root selects only __schema, __type
// and __typename (fragments at the root expanded) is an introspection
// query, and for it:
//
//   - its depth is bounded by MaxIntrospectionDepth (default 20) instead
//     of MaxDepth;
//   - instead of the estimate, what it would answer is counted on the
//     schema itself before it runs (introspectionSize): the resolvers of
//     the introspection types return the schema's own definitions, so
//     the walk follows the real lists of types, fields and arguments and
//     counts every field of the answer and every fragment it expands,
//     and stops as soon as the count passes MaxIntrospectionFields
//     (default 40,000). The standard query with all its options counts
//     6,821 on this schema (and answers 6,161 fields; graphql-go takes
//     about 20 ms): its answer grows with the size of the schema, once.
//     A query that asks for the schema again and again under aliases, or
//     nests fields { type { fields ... }, multiplies it and is refused,
//     after a walk no longer than the bound. A test keeps the standard
//     query under a quarter of the bound as the schema grows.
//
// The bounds on the text's nesting, on selections and on fragment cycles
// apply to introspection as to any query. An operation that mixes data
// fields and introspection at its root is a data query: MaxDepth and
// MaxComplexity bound all of it. A fragment that the operation does not
// use is bounded by MaxIntrospectionDepth when its type condition is an
// introspection type (__Type, __Field, ...), else by MaxDepth.

// maxNesting is the deepest bracket nesting accepted in a query text.
func (c Config) maxNesting() int { return max(2*c.MaxDepth, c.MaxIntrospectionDepth) + 16 }

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
// limits and reports each one exceeded. dynamic reports that the answer
// depends on what the store holds (text lengths, word lists), so it
// must not be remembered.
func (s *Schema) checkLimits(ctx context.Context, doc *ast.Document, op *ast.OperationDefinition, vars map[string]any) (errs []gqlerrors.FormattedError, dynamic bool) {
	if n := countSelections(doc); n > s.cfg.MaxSelections {
		return []gqlerrors.FormattedError{limitError(nil, "QUERY_TOO_LARGE",
			fmt.Sprintf("query has %d selections (fields, fragments and directives), more than the limit of %d", n, s.cfg.MaxSelections),
			"selections", n, s.cfg.MaxSelections)}, false
	}
	m := newMeasure(s, doc, op, vars)
	m.ctx = ctx
	defer func() { dynamic = m.readsStore }()
	if f, via := m.cycle(); f != nil {
		e := gqlerrors.NewFormattedError(fmt.Sprintf("fragment %q spreads itself (via %s)", f.Name.Value, strings.Join(via, ", ")))
		e.Locations = nodeLocation(f.Loc)
		return []gqlerrors.FormattedError{e}, false
	}
	if m.introspectionOnly(op) {
		return s.checkIntrospection(m, op), false
	}
	loc := nodeLocation(op.Loc)
	if depth := m.depth(op.SelectionSet); depth > s.cfg.MaxDepth {
		errs = append(errs, limitError(loc, "QUERY_TOO_DEEP",
			fmt.Sprintf("query depth %d exceeds the limit of %d", depth, s.cfg.MaxDepth),
			"depth", depth, s.cfg.MaxDepth))
	}
	root := rootType(&s.gql, op.Operation)
	if cost, hot := m.walk(op.SelectionSet, root, uuid.Nil); cost > int64(s.cfg.MaxComplexity) {
		errs = append(errs, m.complexityError(loc, cost, hot))
	}
	if len(errs) > 0 {
		return errs, false
	}
	return s.checkFragments(m), false
}

// complexityError explains a refused complexity: the costliest page or
// search, a `first` that would fit, and kg export for bulk pulls.
func (m *measure) complexityError(loc []location.SourceLocation, cost int64, hot *hotspot) gqlerrors.FormattedError {
	limit := int64(m.s.cfg.MaxComplexity)
	var b strings.Builder
	fmt.Fprintf(&b, "query complexity %d exceeds the limit of %d (each field costs 1, times the page size of every enclosing connection; a document's text 1 per %d characters; a claim search 1 per claim record it reads; figure groups 1 per figure)", cost, limit, textUnit)
	ext := map[string]any{}
	if hot != nil && hot.field != nil && hot.field.Name != nil {
		name := hot.field.Name.Value
		if hot.field.Alias != nil && hot.field.Alias.Value != name {
			name = hot.field.Alias.Value + ": " + name
		}
		where := ""
		if l := nodeLocation(hot.field.Loc); len(l) > 0 {
			where = fmt.Sprintf(" at line %d, column %d", l[0].Line, l[0].Column)
		}
		ext["field"] = name
		scan := int64(hot.scan.Records) + int64(hot.scan.Steps)
		switch {
		case int64(hot.figures) >= cost-limit:
			fmt.Fprintf(&b, "; the costliest field is %s%s: its groups hold up to %d figures: name a place or a shorter period (since, until)", name, where, hot.figures)
		case scan > 0 && scan >= cost-limit:
			fmt.Fprintf(&b, "; the costliest field is %s%s: searching %q reads up to %d claim records", name, where, hot.search, scan)
			if hot.scan.Word != "" {
				fmt.Fprintf(&b, " (the %d claims holding the word %q)", hot.scan.Postings, hot.scan.Word)
			}
			if hot.scan.Records > 0 && hot.scan.Word != "" {
				fmt.Fprintf(&b, " to check the text in each: search whole words (text: %q) or add rarer ones", hot.scan.Word)
			} else {
				b.WriteString(": add rarer words")
			}
		case hot.first > 0:
			fmt.Fprintf(&b, "; the costliest field is %s%s: first: %d items of cost %d each", name, where, hot.first, hot.perItem)
			if m.textSeen > 0 {
				fmt.Fprintf(&b, " (texts up to %d characters)", m.textSeen)
			}
			fit := int64(hot.first) * limit / cost
			if rest := cost - hot.cost; hot.perItem > 0 && rest < limit {
				fit = max(fit, (limit-rest)/hot.perItem) // that field alone made it too costly
			}
			if fit >= 1 {
				fmt.Fprintf(&b, "; with first: %d (and other pages as much smaller) it would fit", fit)
				ext["suggestedFirst"] = fit
			} else {
				b.WriteString("; even first: 1 would not fit: ask for fewer fields, aliases or texts")
			}
		default:
			fmt.Fprintf(&b, "; the costliest field is %s%s", name, where)
		}
	}
	b.WriteString(". For bulk pulls, `kg export` writes the whole graph as JSON lines.")
	e := limitError(loc, "QUERY_TOO_COMPLEX", b.String(), "complexity", cost, int(limit))
	for k, v := range ext {
		e.Extensions[k] = v
	}
	return e
}

// checkFragments bounds every fragment of the document, used or not:
// graphql-go validates them all.
func (s *Schema) checkFragments(m *measure) []gqlerrors.FormattedError {
	for _, name := range m.fragmentNames {
		spread := &ast.FragmentSpread{Name: &ast.Name{Value: name}}
		f := m.fragments[name]
		loc := nodeLocation(f.Loc)
		maxDepth := s.cfg.MaxDepth
		if f.TypeCondition != nil && f.TypeCondition.Name != nil && strings.HasPrefix(f.TypeCondition.Name.Value, "__") {
			maxDepth = s.cfg.MaxIntrospectionDepth
		}
		if depth := m.fragmentDepth(spread); depth > maxDepth {
			return []gqlerrors.FormattedError{limitError(loc, "QUERY_TOO_DEEP",
				fmt.Sprintf("fragment %q depth %d exceeds the limit of %d", name, depth, maxDepth),
				"depth", depth, maxDepth)}
		}
		if cost := m.fragmentCost(spread); cost > int64(s.cfg.MaxComplexity) {
			return []gqlerrors.FormattedError{limitError(loc, "QUERY_TOO_COMPLEX",
				fmt.Sprintf("fragment %q complexity %d exceeds the limit of %d", name, cost, s.cfg.MaxComplexity),
				"complexity", cost, s.cfg.MaxComplexity)}
		}
	}
	return nil
}

// checkIntrospection bounds an introspection query (see above).
func (s *Schema) checkIntrospection(m *measure, op *ast.OperationDefinition) []gqlerrors.FormattedError {
	loc := nodeLocation(op.Loc)
	if depth := m.depth(op.SelectionSet); depth > s.cfg.MaxIntrospectionDepth {
		return []gqlerrors.FormattedError{limitError(loc, "QUERY_TOO_DEEP",
			fmt.Sprintf("introspection query depth %d exceeds the limit of %d", depth, s.cfg.MaxIntrospectionDepth),
			"introspectionDepth", depth, s.cfg.MaxIntrospectionDepth)}
	}
	if n := m.introspectionSize(op.SelectionSet, s.cfg.MaxIntrospectionFields); n > s.cfg.MaxIntrospectionFields {
		return []gqlerrors.FormattedError{limitError(loc, "QUERY_TOO_COMPLEX",
			fmt.Sprintf("introspection query answers more than %d fields (counted on the schema, each item of a list counted; the standard introspection query answers a few thousand)", s.cfg.MaxIntrospectionFields),
			"introspectionFields", n, s.cfg.MaxIntrospectionFields)}
	}
	return s.checkFragments(m)
}

// limitsReadVariables reports whether an argument that the limits read is
// a variable in doc, so that the request's variables can change what
// they report: `first` (the page sizes of the complexity estimate), the
// search and the documents the estimate reads the store for (`text`,
// `document`, `id`), the figures it counts (`kind`, `place`, `since`,
// `until`), and the arguments of introspection (__type's name,
// includeDeprecated).
func limitsReadVariables(doc *ast.Document) bool {
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
					if _, ok := a.Value.(*ast.Variable); !ok || a.Name == nil {
						continue
					}
					switch a.Name.Value {
					case "first", "includeDeprecated", "text", "document", "id", "kind", "place", "since", "until":
						found = true
					case "name":
						found = found || (sel.Name != nil && sel.Name.Value == "__type")
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

// countSelections counts the fields, fragment spreads, inline fragments
// and directives of a document as written (fragments not expanded):
// 65,000 `@skip(if: false)` fit in a 1 MiB body, and each costs
// validation and execution as a field does.
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
				n += len(sel.Directives) + count(sel.SelectionSet)
			case *ast.InlineFragment:
				n += len(sel.Directives) + count(sel.SelectionSet)
			case *ast.FragmentSpread:
				n += len(sel.Directives)
			}
		}
		return n
	}
	total := 0
	for _, def := range doc.Definitions {
		switch def := def.(type) {
		case *ast.OperationDefinition:
			total += len(def.Directives) + count(def.SelectionSet)
		case *ast.FragmentDefinition:
			total += len(def.Directives) + count(def.SelectionSet)
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
	costs         map[string]fragmentCost // by fragment and pin
	active        map[string]bool         // fragments being walked: a spread of one of them is a cycle
	// ctx bounds the store reads of the estimate.
	ctx context.Context
	// readsStore: the estimate read the store (text lengths, word
	// lists), so it holds for the store as it is now only.
	readsStore bool
	longest    int // the store's longest text; -1 until read
	textSeen   int // the longest text costed
}

func newMeasure(s *Schema, doc *ast.Document, op *ast.OperationDefinition, vars map[string]any) *measure {
	m := &measure{
		s:           s,
		fragments:   map[string]*ast.FragmentDefinition{},
		vars:        vars,
		varDefaults: map[string]ast.Value{},
		depths:      map[string]int{},
		costs:       map[string]fragmentCost{},
		active:      map[string]bool{},
		ctx:         context.Background(),
		longest:     -1,
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
// costs 1 (and 1 per directive) plus the cost of its own selections times
// its factor (the page size of a connection, ListFactor for a list, else
// 1); a document's text costs by its length and a claim search by the
// records it reads (see fieldCost). parent may be nil where the query
// names an unknown type; validation reports that later.
func (m *measure) cost(ss *ast.SelectionSet, parent graphql.Type) int64 {
	c, _ := m.walk(ss, parent, uuid.Nil)
	return c
}

// hotspot is the costliest page or search of a query, for the refusal.
type hotspot struct {
	field *ast.Field
	cost  int64 // what it adds to the query's cost
	// perItem is the cost of one item of its page, first its page size
	// (0: not a page).
	perItem int64
	first   int
	scan    graph.ClaimScan // a claim search's reads
	search  string          // the searched text
	figures int             // the figure keys a figureGroups reads
}

func (h *hotspot) scale(f int64) {
	h.cost = mulCapped(h.cost, f)
	h.perItem = mulCapped(h.perItem, f)
}

// walk is cost, with the document the selections are known to be about
// (pin, uuid.Nil when unknown), and the costliest page or search found.
func (m *measure) walk(ss *ast.SelectionSet, parent graphql.Type, pin uuid.UUID) (int64, *hotspot) {
	if ss == nil {
		return 0, nil
	}
	var total int64
	var top *hotspot
	keep := func(h *hotspot) {
		if h != nil && (top == nil || h.cost > top.cost) {
			top = h
		}
	}
	for _, sel := range ss.Selections {
		switch sel := sel.(type) {
		case *ast.Field:
			c, h := m.fieldCost(sel, parent, pin)
			total = addCapped(total, c)
			keep(h)
		case *ast.InlineFragment:
			t := parent
			if sel.TypeCondition != nil && sel.TypeCondition.Name != nil {
				t = m.s.gql.Type(sel.TypeCondition.Name.Value)
			}
			c, h := m.walk(sel.SelectionSet, t, pin)
			total = addCapped(total, addCapped(int64(len(sel.Directives)), c))
			keep(h)
		case *ast.FragmentSpread:
			c, h := m.spreadCost(sel, pin)
			total = addCapped(total, addCapped(int64(len(sel.Directives)), c))
			keep(h)
		}
	}
	return total, top
}

// textUnit is how many characters (code points) of a document's text
// cost 1: a limit of 100,000 then allows about 50 million characters of
// text, under the default response cap of 64 MiB.
const textUnit = 512

// fieldCost is the cost of one field on parent (see cost).
//
// Document.text costs 1 per textUnit characters of the text it may
// answer: the document's own length where the query names the document
// (document(id:), claims(document:) and the claims' document below it),
// else the longest text in the store, the only bound known before the
// query runs. Query.claims with a text costs the claim records the
// search may read and reject, counted from the keys of its word lists
// (graph.ScanClaims): "killed.*" with first: 1 reads every claim holding
// "killed" to count or to find one that matches. Query.search costs what
// it may read beyond its page whatever the words (graph.MaxSearchReads:
// 4,096 block keys and 200 entity records; its postings, at most
// 20,000, are decoded from those blocks), plus its page as any page.
func (m *measure) fieldCost(f *ast.Field, parent graphql.Type, pin uuid.UUID) (int64, *hotspot) {
	own := 1 + int64(len(f.Directives))
	def := fieldDef(parent, f)
	if def == nil {
		sub, _ := m.walk(f.SelectionSet, nil, uuid.Nil)
		return addCapped(own, sub), nil
	}
	child, _ := graphql.GetNamed(def.Type).(graphql.Type)
	factor, first := m.factor(def, f, parent)
	childPin := m.pinBelow(def, f, parent, pin)
	sub, hot := m.walk(f.SelectionSet, child, childPin)
	var scan graph.ClaimScan
	var search string
	var figures int
	if parent != nil {
		switch parent.Name() + "." + def.Name {
		case "Document.text":
			own = addCapped(own, m.textCost(pin))
		case "Query.claims":
			scan, search = m.claimScan(f)
			own = addCapped(own, int64(scan.Records)+int64(scan.Steps)+int64(scan.Keys))
			own = addCapped(own, m.claimFilterCost(f))
		case "Query.timeline":
			own = addCapped(own, m.timelineCost(f))
		case "Query.search":
			own = addCapped(own, graph.MaxSearchReads)
		case "Query.neighbors", "Query.paths":
			own = addCapped(own, m.walkCost(f, def.Name))
		case "Query.figureGroups":
			figures = m.figureScan(f)
			own = addCapped(own, int64(figures))
		}
	}
	cost := addCapped(own, mulCapped(factor, sub))
	if hot != nil {
		hot.scale(factor)
	}
	if first > 0 || scan.Records+scan.Steps > 0 {
		// A page or a search: all of the field's cost is its own.
		hot = &hotspot{field: f, cost: cost, perItem: sub, first: first, scan: scan, search: search, figures: figures}
	}
	return cost, hot
}

// walkCost is what a walk (Query.neighbors, Query.paths) costs beyond
// its page: the entities whose groups it may list, each listing at most
// graph.WalkFanout groups. One hop lists the centre's groups; two, those
// of up to WalkFanout neighbours; more, up to graph.WalkExpand entities.
// A path search may expand WalkExpand entities whatever maxHops is (both
// ends, the smaller frontier first).
func (m *measure) walkCost(f *ast.Field, name string) int64 {
	if name == "paths" {
		return graph.WalkExpand
	}
	v := m.argument(f, "hops")
	if lit, isLit := v.(string); isLit { // a literal's value as written
		v, _ = strconv.Atoi(lit)
	}
	hops, ok := intValue(v)
	switch {
	case !ok || hops <= 1:
		return 1
	case hops == 2:
		return min(1+graph.WalkFanout, graph.WalkExpand)
	}
	return graph.WalkExpand
}

// pinBelow is the document the selections of f are known to be about.
func (m *measure) pinBelow(def *graphql.FieldDefinition, f *ast.Field, parent graphql.Type, pin uuid.UUID) uuid.UUID {
	if parent == nil {
		return uuid.Nil
	}
	switch parent.Name() + "." + def.Name {
	case "Query.document":
		return m.idArgument(f, "id")
	case "Query.claims":
		return m.idArgument(f, "document")
	case "Claim.document", "Document.claims":
		return pin
	}
	if m.s.connections[parent.Name()] || strings.HasSuffix(parent.Name(), "Edge") {
		return pin // nodes, edges, node
	}
	return uuid.Nil
}

// textCost is what a document's text costs: of document pin, or the
// longest in the store when pin is unknown.
func (m *measure) textCost(pin uuid.UUID) int64 {
	n := 0
	if pin != uuid.Nil {
		m.readsStore = true
		d, err := m.s.store.Document(m.ctx, pin)
		switch {
		case err == nil:
			n = d.Length
		case errors.Is(err, graph.ErrNotFound):
			n = 0 // null
		default:
			n = m.longestText()
		}
	} else {
		n = m.longestText()
	}
	m.textSeen = max(m.textSeen, n)
	return 1 + int64((n+textUnit-1)/textUnit)
}

// unknownTextBound is the length assumed when the store cannot say:
// the largest text kg ingest accepts.
const unknownTextBound = 4 << 20

func (m *measure) longestText() int {
	if m.longest < 0 {
		m.readsStore = true
		n, err := m.s.store.MaxTextLength(m.ctx)
		switch {
		case err != nil && m.ctx.Err() != nil:
			n = 0 // the request is over: execution says so
		case err != nil:
			n = unknownTextBound
		}
		m.longest = n
	}
	return m.longest
}

// claimScan is what Query.claims field f will read beyond its page, and
// the text it searches.
func (m *measure) claimScan(f *ast.Field) (graph.ClaimScan, string) {
	text, _ := m.argument(f, "text").(string)
	if strings.TrimSpace(text) == "" {
		return graph.ClaimScan{}, ""
	}
	filter := graph.ClaimFilter{Text: text, Document: m.idArgument(f, "document"),
		Speaker: m.idArgument(f, "speaker"), About: m.idArgument(f, "about")}
	m.readsStore = true
	scan, err := m.s.store.ScanClaims(m.ctx, filter)
	if err != nil {
		return graph.ClaimScan{}, text // the resolver reports it
	}
	return scan, text
}

// figureScan is how many figure keys Query.figureGroups field f may
// read (graph.ScanFigures): 1 each, as a claim search's records. A group
// is read whole whatever the page, so its figures are the cost; without
// a place, every figure of the kind in the period is counted (a page
// reads fewer, but which ones is known only once it runs).
func (m *measure) figureScan(f *ast.Field) int {
	kind, _ := m.argument(f, "kind").(string)
	if kind == "" {
		return 0 // the resolver reports it
	}
	since, _ := m.argument(f, "since").(string)
	until, _ := m.argument(f, "until").(string)
	filter := graph.FigureFilter{Kind: extract.FigureKind(kind), Place: m.idArgument(f, "place"), Since: since, Until: until}
	m.readsStore = true
	n, err := m.s.store.ScanFigures(m.ctx, filter)
	if err != nil {
		return 0 // the resolver reports it
	}
	return n
}

// maxCostedDays caps the days an estimate counts: past it the query is
// refused anyway.
const maxCostedDays = 1 << 20

// claimFilterCost is what Query.claims's filters of filters.go read
// beyond the page: a speakerName unions the lists of up to
// graph.MaxSpeakerNameEntities entities; a date order or range visits
// each day with claims in the range (one seek, and an intersection, per
// day), counted from the store.
func (m *measure) claimFilterCost(f *ast.Field) int64 {
	var cost int64
	if name, _ := m.argument(f, "speakerName").(string); name != "" {
		cost += graph.MaxSpeakerNameEntities
	}
	since, _ := m.argument(f, "since").(string)
	until, _ := m.argument(f, "until").(string)
	order, _ := m.argument(f, "orderBy").(string)
	if since == "" && until == "" && (order == "" || order == "DOCUMENT") {
		return cost
	}
	m.readsStore = true
	days, err := m.s.store.CountClaimDays(m.ctx, since, until, maxCostedDays)
	if err != nil {
		return cost // the resolver reports a malformed bound
	}
	return cost + int64(days)
}

// timelineCost is what Query.timeline reads: three intersections per day
// with claims in its range (the range as the resolver will take it).
func (m *measure) timelineCost(f *ast.Field) int64 {
	since, _ := m.argument(f, "since").(string)
	until, _ := m.argument(f, "until").(string)
	bucket := graph.BucketMonth
	switch m.argument(f, "bucket") {
	case "DAY":
		bucket = graph.BucketDay
	case "WEEK":
		bucket = graph.BucketWeek
	}
	m.readsStore = true
	lo, hi, ok, err := m.s.store.TimelineRange(m.ctx, since, until, bucket)
	if err != nil || !ok {
		return 1 // the resolver reports a malformed bound
	}
	days, err := m.s.store.CountClaimDays(m.ctx, graph.DayString(lo), graph.DayString(hi), maxCostedDays)
	if err != nil {
		return 1
	}
	return 1 + 3*int64(days)
}

// argument reads the scalar argument name of f from a literal, the
// request's variables or the variable's default; nil when absent.
func (m *measure) argument(f *ast.Field, name string) any {
	for _, a := range f.Arguments {
		if a.Name == nil || a.Name.Value != name {
			continue
		}
		value := a.Value
		if v, ok := value.(*ast.Variable); ok && v.Name != nil {
			if raw, ok := m.vars[v.Name.Value]; ok {
				return raw
			}
			value = m.varDefaults[v.Name.Value]
		}
		if value == nil {
			return nil
		}
		return value.GetValue()
	}
	return nil
}

// idArgument reads an ID argument; uuid.Nil when absent or malformed
// (the resolver reports it).
func (m *measure) idArgument(f *ast.Field, name string) uuid.UUID {
	s, _ := m.argument(f, name).(string)
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.Nil
	}
	return id
}

func (m *measure) fragmentCost(spread *ast.FragmentSpread) int64 {
	c, _ := m.spreadCost(spread, uuid.Nil)
	return c
}

// spreadCost is the cost of a fragment, memoised by fragment and pin.
func (m *measure) spreadCost(spread *ast.FragmentSpread, pin uuid.UUID) (int64, *hotspot) {
	if spread.Name == nil {
		return 0, nil
	}
	name := spread.Name.Value
	key := name + "\x00" + pin.String()
	if c, ok := m.costs[key]; ok {
		return c.cost, c.hot.copy()
	}
	f, ok := m.fragments[name]
	if !ok || m.active[name] {
		return 0, nil
	}
	var t graphql.Type
	if f.TypeCondition != nil && f.TypeCondition.Name != nil {
		t = m.s.gql.Type(f.TypeCondition.Name.Value)
	}
	m.active[name] = true
	c, h := m.walk(f.SelectionSet, t, pin)
	delete(m.active, name)
	m.costs[key] = fragmentCost{c, h.copy()}
	return c, h
}

// fragmentCost is a memoised fragment cost.
type fragmentCost struct {
	cost int64
	hot  *hotspot
}

func (h *hotspot) copy() *hotspot {
	if h == nil {
		return nil
	}
	c := *h
	return &c
}

// factor is how many times the selections of field count: the page size
// for a connection (a field with a `first` argument), ListFactor for a
// list, else 1. The lists of a connection (nodes, edges) are its page,
// already counted.
// first is the page size of a connection, else 0.
func (m *measure) factor(def *graphql.FieldDefinition, field *ast.Field, parent graphql.Type) (factor int64, first int) {
	if parent != nil && m.s.connections[parent.Name()] {
		return 1, 0
	}
	for _, arg := range def.Args {
		if arg.Name() == "first" {
			n := m.pageSize(field, arg.DefaultValue)
			return int64(n), n
		}
	}
	if parent != nil && parent.Name()+"."+def.Name == "Timeline.buckets" {
		return graph.MaxTimelineBuckets, 0 // its bound, not a guess
	}
	if _, ok := graphql.GetNullable(def.Type).(*graphql.List); ok {
		return int64(m.s.cfg.ListFactor), 0
	}
	return 1, 0
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

// introspectionOnly reports whether op is an introspection query: a
// query whose root selects __schema or __type, and nothing else but
// __typename, fragments at the root expanded.
func (m *measure) introspectionOnly(op *ast.OperationDefinition) bool {
	if op.Operation != ast.OperationTypeQuery {
		return false
	}
	meta, other := false, false
	seen := map[string]bool{}
	var walk func(ss *ast.SelectionSet)
	walk = func(ss *ast.SelectionSet) {
		if ss == nil {
			return
		}
		for _, sel := range ss.Selections {
			switch sel := sel.(type) {
			case *ast.Field:
				switch name := sel.Name; {
				case name == nil:
					other = true
				case name.Value == "__schema" || name.Value == "__type":
					meta = true
				case name.Value != "__typename":
					other = true
				}
			case *ast.InlineFragment:
				walk(sel.SelectionSet)
			case *ast.FragmentSpread:
				if sel.Name == nil || seen[sel.Name.Value] {
					continue
				}
				seen[sel.Name.Value] = true
				if f := m.fragments[sel.Name.Value]; f != nil {
					walk(f.SelectionSet)
				}
			}
		}
	}
	walk(op.SelectionSet)
	return meta && !other
}

// introspectionSize counts what the introspection query ss would answer
// on the schema: every field of every object of the answer, each item of
// a list counted, and every fragment spread and inline fragment it
// expands (directives ignored, fields of one response key counted each:
// an upper bound). It calls the resolvers of the introspection types,
// which return the schema's own definitions, and stops once the count
// passes limit, so its own work is bounded by limit.
func (m *measure) introspectionSize(ss *ast.SelectionSet, limit int) int {
	c := &introspectionCounter{m: m, limit: limit}
	c.selections(ss, m.s.gql.QueryType(), nil)
	return c.n
}

type introspectionCounter struct {
	m        *measure
	n, limit int
}

// selections counts ss on the value v of object type t; false once past
// the limit.
func (c *introspectionCounter) selections(ss *ast.SelectionSet, t *graphql.Object, v any) bool {
	if ss == nil {
		return true
	}
	for _, sel := range ss.Selections {
		if c.n++; c.n > c.limit {
			return false
		}
		switch sel := sel.(type) {
		case *ast.Field:
			if !c.field(sel, t, v) {
				return false
			}
		case *ast.InlineFragment:
			if conditionApplies(sel.TypeCondition, t) && !c.selections(sel.SelectionSet, t, v) {
				return false
			}
		case *ast.FragmentSpread:
			if sel.Name == nil {
				continue
			}
			if f := c.m.fragments[sel.Name.Value]; f != nil && conditionApplies(f.TypeCondition, t) && !c.selections(f.SelectionSet, t, v) {
				return false
			}
		}
	}
	return true
}

// conditionApplies: a fragment on cond applies to a value of type t.
// (Introspection has no abstract types.)
func conditionApplies(cond *ast.Named, t *graphql.Object) bool {
	return cond == nil || cond.Name == nil || cond.Name.Value == t.Name()
}

// field counts the selections of field f below its value on v.
func (c *introspectionCounter) field(f *ast.Field, parent *graphql.Object, v any) bool {
	if f.SelectionSet == nil {
		return true
	}
	def := fieldDef(parent, f)
	if def == nil {
		return true // validation reports it
	}
	child, ok := graphql.GetNamed(def.Type).(*graphql.Object)
	if !ok {
		return true
	}
	resolve := def.Resolve
	if resolve == nil {
		resolve = graphql.DefaultResolveFn
	}
	value, err := resolve(graphql.ResolveParams{
		Source:  v,
		Args:    c.arguments(def, f),
		Context: context.Background(),
		Info:    graphql.ResolveInfo{FieldName: def.Name, ReturnType: def.Type, ParentType: parent, Schema: c.m.s.gql},
	})
	if err != nil || isNullish(value) {
		return true
	}
	if rv := reflect.ValueOf(value); rv.Kind() == reflect.Slice {
		for i := range rv.Len() {
			if !c.selections(f.SelectionSet, child, rv.Index(i).Interface()) {
				return false
			}
		}
		return true
	}
	return c.selections(f.SelectionSet, child, value)
}

// arguments reads the scalar arguments of f (__type's name,
// includeDeprecated) from literals, variables and defaults.
func (c *introspectionCounter) arguments(def *graphql.FieldDefinition, f *ast.Field) map[string]any {
	out := map[string]any{}
	for _, a := range def.Args {
		var v any
		for _, given := range f.Arguments {
			if given.Name == nil || given.Name.Value != a.Name() {
				continue
			}
			value := given.Value
			if variable, ok := value.(*ast.Variable); ok && variable.Name != nil {
				if raw, ok := c.m.vars[variable.Name.Value]; ok {
					v, _ = parseInput(a.Type, raw)
					continue
				}
				value = c.m.varDefaults[variable.Name.Value]
			}
			v = parseLiteral(a.Type, value)
		}
		if isNullish(v) {
			v = a.DefaultValue
		}
		if !isNullish(v) {
			out[a.Name()] = v
		}
	}
	return out
}
