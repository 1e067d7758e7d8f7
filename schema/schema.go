// Package schema serves the knowledge graph over GraphQL: the schema and
// its resolvers over a graph.Store, query depth and complexity limits, the
// HTTP handler (POST/GET /graphql, a self-contained query page at /,
// /healthz) and the schema printed as SDL (schema.graphql).
//
// graphql-go parses and validates queries and executes mutations and
// anything unusual; the handler runs ordinary queries with a direct
// executor (exec.go) that calls the same resolvers and writes the same
// bytes, about three times faster (BenchmarkEntityQuery).
package schema

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
	"github.com/factgraph/kg/graph/ingest"
)

// Config tunes the schema. The zero value gives the defaults.
type Config struct {
	// MaxDepth is the deepest field nesting a query may have; the fields
	// of the operation are at depth 1. Default 12. The brackets of the
	// query text may nest 2×MaxDepth+16 deep.
	MaxDepth int
	// MaxComplexity bounds the estimated cost of a query: every field
	// and directive costs 1, multiplied by the page size (`first`,
	// default DefaultPageSize) of every enclosing connection and by
	// ListFactor for every enclosing list without paging; a document's
	// text costs 1 per 512 characters (of the document the query names,
	// else of the longest text stored), a claim search 1 per claim record
	// it may read, figureGroups 1 per figure it may read (limits.go).
	// Default 100,000.
	MaxComplexity int
	// MaxSelections bounds the fields, fragment spreads, inline
	// fragments and directives a query document may have, counted as
	// written. Default 1000. (Validation time grows with the square of
	// some of them.)
	MaxSelections int
	// MaxIntrospectionDepth replaces MaxDepth for introspection queries
	// (those whose operation selects only __schema, __type and
	// __typename): the standard introspection query of graphql-js 16
	// nests 15 deep. Default 20. See limits.go.
	MaxIntrospectionDepth int
	// MaxIntrospectionFields replaces MaxComplexity for introspection
	// queries: what the query would answer is counted on the schema
	// before it runs (every field of the answer, each item of a list
	// counted, and every fragment expanded) and must not exceed it.
	// Default 40,000 (20,000 until search's and the walks' types took
	// the standard query past a quarter of it); the standard
	// introspection query, with every option of graphql-js 16, counts
	// 6,821 on this schema (search, figures, filters and walks included).
	MaxIntrospectionFields int
	// ListFactor is the length assumed for lists that are not paged
	// (Document.entities, Entity.relations, Claim.about, ...) when
	// estimating complexity. Default 5.
	ListFactor int
	// DefaultPageSize is `first` when a query leaves it out. Default 20.
	DefaultPageSize int
	// MaxPageSize is the largest `first` accepted. Default 1000.
	MaxPageSize int
	// MaxTextBytes bounds the text ingestDocument accepts. Default
	// ingest.MaxDocumentBytes (4 MiB), as kg ingest.
	MaxTextBytes int
	// MaxResponseBytes caps a response body; a larger answer is one
	// error (budget.go). Default 64 MiB.
	MaxResponseBytes int
	// Logger receives resolver panics. Nil: slog.Default().
	Logger *slog.Logger
}

// Defaults of Config.
const (
	DefaultMaxDepth      = 12
	DefaultMaxComplexity = 100_000
	DefaultListFactor    = 5
	DefaultMaxSelections = 1000
	// DefaultMaxIntrospectionDepth and DefaultMaxIntrospectionFields
	// bound introspection queries.
	DefaultMaxIntrospectionDepth  = 20
	DefaultMaxIntrospectionFields = 40_000
	DefaultPageSize               = 20
	DefaultMaxPageSize            = 1000
	DefaultMaxTextBytes           = ingest.MaxDocumentBytes
)

func (c Config) withDefaults() Config {
	if c.MaxDepth <= 0 {
		c.MaxDepth = DefaultMaxDepth
	}
	if c.MaxComplexity <= 0 {
		c.MaxComplexity = DefaultMaxComplexity
	}
	if c.MaxSelections <= 0 {
		c.MaxSelections = DefaultMaxSelections
	}
	if c.MaxIntrospectionDepth <= 0 {
		c.MaxIntrospectionDepth = DefaultMaxIntrospectionDepth
	}
	if c.MaxIntrospectionFields <= 0 {
		c.MaxIntrospectionFields = DefaultMaxIntrospectionFields
	}
	if c.ListFactor <= 0 {
		c.ListFactor = DefaultListFactor
	}
	if c.MaxPageSize <= 0 {
		c.MaxPageSize = DefaultMaxPageSize
	}
	if c.DefaultPageSize <= 0 {
		c.DefaultPageSize = DefaultPageSize
	}
	if c.DefaultPageSize > c.MaxPageSize {
		c.DefaultPageSize = c.MaxPageSize
	}
	if c.MaxTextBytes <= 0 {
		c.MaxTextBytes = DefaultMaxTextBytes
	}
	if c.MaxResponseBytes <= 0 {
		c.MaxResponseBytes = DefaultMaxResponseBytes
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// Schema is the executable GraphQL schema of the knowledge graph. It is
// safe for concurrent use.
type Schema struct {
	gql       graphql.Schema
	store     *graph.Store
	extractor *extract.Extractor
	cfg       Config
	order     declOrder // declaration order, for the SDL
	// connections names the connection types, whose lists (nodes,
	// edges) are the page their field's `first` already counts.
	connections map[string]bool
	// valid caches parsed documents that passed validation, by query
	// text: notebooks send the same query shapes again and again, and
	// parsing and validation cost as much as a small execution.
	valid docCache
}

// docCache holds up to maxCachedDocs parsed, validated documents, with
// the plans of the direct executor compiled for their operations. The
// documents and plans are only read by execution, so requests share them.
type docCache struct {
	mu   sync.Mutex
	docs map[string]*cachedDoc
}

// cachedDoc is a validated document and its compiled operations.
type cachedDoc struct {
	doc *ast.Document
	mu  sync.Mutex
	// plans by operation name; a nil plan: not for the direct executor.
	plans map[string]*opPlan
	// limits holds by operation name what checkLimits reported, when no
	// argument the limits read is a variable (limitsReadVariables): the
	// only way the request's variables enter the limits.
	limits map[string][]gqlerrors.FormattedError
	// readsVariables: some argument the limits read is a variable; nil
	// until known.
	readsVariables *bool
}

// checkLimits is Schema.checkLimits for a cached document, remembered
// per operation when the variables cannot change the outcome.
func (d *cachedDoc) checkLimits(ctx context.Context, s *Schema, op *ast.OperationDefinition, name string, vars map[string]any) []gqlerrors.FormattedError {
	d.mu.Lock()
	if d.readsVariables == nil {
		v := limitsReadVariables(d.doc)
		d.readsVariables = &v
	}
	variable := *d.readsVariables
	errs, known := d.limits[name]
	d.mu.Unlock()
	if known {
		return errs
	}
	errs, dynamic := s.checkLimits(ctx, d.doc, op, vars)
	if !variable && !dynamic {
		d.mu.Lock()
		if d.limits == nil {
			d.limits = map[string][]gqlerrors.FormattedError{}
		}
		d.limits[name] = errs
		d.mu.Unlock()
	}
	return errs
}

// plan gives the direct executor's plan of op (named name), compiling it
// the first time; nil when graphql-go must execute it.
func (d *cachedDoc) plan(s *graphql.Schema, name string, op *ast.OperationDefinition) *opPlan {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p, ok := d.plans[name]; ok {
		return p
	}
	p, ok := compilePlan(s, d.doc, op)
	if !ok {
		p = nil
	}
	if d.plans == nil {
		d.plans = map[string]*opPlan{}
	}
	d.plans[name] = p
	return p
}

// maxCachedDocs bounds the cache; when it is full it starts afresh.
const maxCachedDocs = 512

func (c *docCache) get(query string) *cachedDoc {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.docs[query]
}

func (c *docCache) put(query string, doc *ast.Document) *cachedDoc {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.docs == nil || len(c.docs) >= maxCachedDocs {
		c.docs = make(map[string]*cachedDoc, maxCachedDocs)
	}
	d := &cachedDoc{doc: doc}
	c.docs[query] = d
	return d
}

// New builds the schema over store. ex runs extraction for the
// ingestDocument mutation; with a nil ex the mutation answers an error
// (a read-only server).
func New(store *graph.Store, ex *extract.Extractor, cfg Config) (*Schema, error) {
	if store == nil {
		return nil, fmt.Errorf("schema: nil store")
	}
	s := &Schema{store: store, extractor: ex, cfg: cfg.withDefaults(), connections: map[string]bool{}}
	b := newBuilder(s)
	query, mutation := b.build()
	gql, err := graphql.NewSchema(graphql.SchemaConfig{
		Query:    query,
		Mutation: mutation,
		Types:    b.types,
	})
	if err != nil {
		return nil, fmt.Errorf("schema: build: %w", err)
	}
	warmLazyCaches(&gql)
	sortSlices(&gql, b.order)
	s.gql = gql
	s.order = b.order
	return s, nil
}

// warmLazyCaches fills the caches graphql-go builds on first use (enum
// value lookups), so concurrent requests only read them.
func warmLazyCaches(s *graphql.Schema) {
	for _, t := range s.TypeMap() {
		if e, ok := t.(*graphql.Enum); ok {
			for _, v := range e.Values() {
				e.Serialize(v.Value)
				e.ParseValue(v.Name)
			}
		}
	}
}

// GraphQL gives the underlying graphql-go schema.
func (s *Schema) GraphQL() *graphql.Schema { return &s.gql }

// Config gives the configuration in effect (defaults filled in).
func (s *Schema) Config() Config { return s.cfg }

// Request is one GraphQL request.
type Request struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName string         `json:"operationName"`
}

// Execute parses, validates, checks the limits of, and executes req. All
// problems are reported in the result's errors.
func (s *Schema) Execute(ctx context.Context, req Request) *graphql.Result {
	return s.run(ctx, req, "", false, nil).result
}

// outcome is what run reports to the HTTP handler.
type outcome struct {
	result *graphql.Result
	// body is the whole response, written in the order of the query;
	// result is nil then.
	body []byte
	// direct: the direct executor wrote body.
	direct bool
	// executed is true once execution started: the response then carries
	// "data" (possibly null); errors before execution leave it out.
	executed bool
	// mutationRefused is true when a mutation was asked for while
	// mutations are refused (run's refusal).
	mutationRefused bool
}

// run answers req; a mutation is refused with the message refusal unless
// it is empty. With a non-nil buf, the response body of a request that
// executes is appended to *buf (which then holds it) and given in
// outcome.body, its members in the order of the query: written by the
// direct executor when direct is true and the query is one it handles,
// else graphql-go's result written by appendResult. With a nil buf, and
// for Execute, graphql-go executes it and outcome.result holds the
// result.
func (s *Schema) run(ctx context.Context, req Request, refusal string, direct bool, buf *[]byte) outcome {
	fail := func(errs ...gqlerrors.FormattedError) outcome {
		return outcome{result: &graphql.Result{Errors: errs}}
	}
	entry := s.valid.get(req.Query)
	var doc *ast.Document
	if entry != nil {
		doc = entry.doc
	} else {
		if errs := s.checkText(req.Query); len(errs) > 0 {
			return fail(errs...)
		}
		src := source.NewSource(&source.Source{Body: []byte(req.Query), Name: "GraphQL request"})
		parsed, err := parser.Parse(parser.ParseParams{Source: src})
		if err != nil {
			return fail(gqlerrors.FormatError(err))
		}
		doc = parsed
	}
	op, err := selectOperation(doc, req.OperationName)
	if err != nil {
		return fail(gqlerrors.FormatError(err))
	}
	if op.Operation == ast.OperationTypeMutation && refusal != "" {
		o := fail(gqlerrors.NewFormattedError(refusal))
		o.mutationRefused = true
		return o
	}
	if errs := checkVariables(&s.gql, op, req.Variables); len(errs) > 0 {
		return fail(errs...)
	}
	var limitErrs []gqlerrors.FormattedError
	if entry != nil {
		limitErrs = entry.checkLimits(ctx, s, op, req.OperationName, req.Variables)
	} else {
		limitErrs, _ = s.checkLimits(ctx, doc, op, req.Variables)
	}
	if len(limitErrs) > 0 {
		return fail(limitErrs...)
	}
	if entry == nil {
		if v := graphql.ValidateDocument(&s.gql, doc, nil); !v.IsValid {
			return fail(v.Errors...)
		}
		entry = s.valid.put(req.Query, doc)
	}
	ctx = withDeclOrder(withLoader(ctx, s.store), &s.order)
	ctx, budget := withBudget(ctx, s.cfg.MaxResponseBytes)
	stopped := func() (outcome, bool) {
		switch {
		case budget.over.Load():
			return fail(s.tooLargeError()), true
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			return fail(timeoutError(op)), true
		}
		return outcome{}, false
	}
	if buf != nil && direct {
		if plan := entry.plan(&s.gql, req.OperationName, op); plan != nil {
			start := len(*buf)
			body, err := executeDirect(ctx, &s.gql, plan, req.Variables, *buf, s.cfg.MaxResponseBytes)
			*buf = body
			if err == nil {
				return outcome{body: body[start:], executed: true, direct: true}
			}
			*buf = body[:start]
			if errors.Is(err, errResponseTooLarge) {
				budget.over.Store(true)
			}
			if o, ok := stopped(); ok {
				return o
			}
			// graphql-go answers, errors and all; the loader keeps what
			// was read.
		}
	}
	res := graphql.Execute(graphql.ExecuteParams{
		Schema:        s.gql,
		AST:           doc,
		OperationName: req.OperationName,
		Args:          req.Variables,
		Context:       ctx,
	})
	if o, ok := stopped(); ok {
		return o
	}
	if buf != nil {
		start := len(*buf)
		body, err := appendResult(*buf, &s.gql, doc, op, req.Variables, res, s.cfg.MaxResponseBytes)
		if errors.Is(err, errResponseTooLarge) {
			*buf = body[:start]
			return fail(s.tooLargeError())
		}
		if err == nil {
			*buf = body
			return outcome{body: body[start:], executed: true}
		}
		*buf = body[:start] // the handler encodes the result, and fails as it would
	}
	return outcome{result: res, executed: true}
}

// selectOperation finds the operation a request runs, as execution will.
func selectOperation(doc *ast.Document, name string) (*ast.OperationDefinition, error) {
	var found *ast.OperationDefinition
	count := 0
	for _, def := range doc.Definitions {
		op, ok := def.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		count++
		if name == "" {
			found = op
			continue
		}
		if op.Name != nil && op.Name.Value == name {
			found = op
		}
	}
	switch {
	case found == nil && name != "":
		return nil, fmt.Errorf("unknown operation named %q", name)
	case found == nil:
		return nil, fmt.Errorf("the document has no operation")
	case name == "" && count > 1:
		return nil, fmt.Errorf("the document has %d operations: operationName must name one", count)
	}
	return found, nil
}
