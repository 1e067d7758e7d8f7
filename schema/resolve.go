package schema

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/google/uuid"
	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/graph"
)

// argError is a bad argument; the message and the error's extensions
// name the argument (input fields as "input.field").
type argError struct {
	arg, msg string
}

func (e *argError) Error() string { return fmt.Sprintf("argument %q: %s", e.arg, e.msg) }

// Extensions implements gqlerrors.ExtendedError.
func (e *argError) Extensions() map[string]any {
	return map[string]any{"code": "BAD_USER_INPUT", "argument": e.arg}
}

// pageArgs reads `first` and `after`.
func (s *Schema) pageArgs(args map[string]any) (graph.PageArgs, error) {
	first := s.cfg.DefaultPageSize
	if v, ok := args["first"]; ok {
		n, ok := v.(int)
		if !ok {
			return graph.PageArgs{}, &argError{"first", fmt.Sprintf("must be an integer, got %v", v)}
		}
		first = n
	}
	if first < 1 || first > s.cfg.MaxPageSize {
		return graph.PageArgs{}, &argError{"first", fmt.Sprintf("must be between 1 and %d, got %d", s.cfg.MaxPageSize, first)}
	}
	after, _ := args["after"].(string)
	return graph.PageArgs{First: first, After: after}, nil
}

// pageError explains a failed page read, naming the argument at fault.
func pageError(what string, page graph.PageArgs, err error) error {
	if errors.Is(err, graph.ErrInvalidCursor) {
		return &argError{"after", fmt.Sprintf("malformed cursor %q", page.After)}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// idArgument reads an ID argument; uuid.Nil when it is not given.
func idArgument(args map[string]any, name string) (uuid.UUID, error) {
	v, ok := args[name]
	if !ok {
		return uuid.Nil, nil
	}
	s, ok := v.(string)
	if !ok {
		return uuid.Nil, &argError{name, fmt.Sprintf("malformed ID %v", v)}
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.Nil, &argError{name, fmt.Sprintf("malformed ID %q: want a UUID", s)}
	}
	return id, nil
}

func (s *Schema) claimConnection(p graphql.ResolveParams, f graph.ClaimFilter) (any, error) {
	page, err := s.pageArgs(p.Args)
	if err != nil {
		return nil, err
	}
	f.IncludeRetracted, _ = p.Args["includeRetracted"].(bool)
	claims, err := s.store.Claims(p.Context, f, page)
	if errors.Is(err, graph.ErrQueryTooBroad) {
		return nil, &argError{"text", fmt.Sprintf("%q has no word that can be searched for (3 or more letters or digits, not a stopword)", f.Text)}
	}
	if err != nil {
		return nil, pageError("list claims", page, filterError(err))
	}
	return newConnection(claims, func(ctx context.Context) (int, error) { return s.store.CountClaims(ctx, f) }), nil
}

// The lookups by ID below go through the request's loader, so a document
// or entity that many claims point to is read once per request.

func (s *Schema) documentOrNull(ctx context.Context, id uuid.UUID) (any, error) {
	d, found, err := loaderFrom(ctx, s.store).document(ctx, id)
	if err != nil || !found {
		return nil, err
	}
	return d, nil
}

func (s *Schema) documentByID(ctx context.Context, id uuid.UUID) (any, error) {
	d, found, err := loaderFrom(ctx, s.store).document(ctx, id)
	if err == nil && !found {
		err = fmt.Errorf("document %s: %w", id, graph.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

func (s *Schema) entityOrNull(ctx context.Context, id uuid.UUID) (any, error) {
	e, found, err := loaderFrom(ctx, s.store).entity(ctx, id)
	if err != nil || !found {
		return nil, err
	}
	return e, nil
}

func (s *Schema) entityByID(ctx context.Context, id uuid.UUID) (any, error) {
	e, found, err := loaderFrom(ctx, s.store).entity(ctx, id)
	if err == nil && !found {
		err = fmt.Errorf("entity %s: %w", id, graph.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return e, nil
}

func (s *Schema) claimOrNull(ctx context.Context, id uuid.UUID) (any, error) {
	c, found, err := loaderFrom(ctx, s.store).claim(ctx, id)
	if err != nil || !found {
		return nil, err
	}
	return c, nil
}

func (s *Schema) claimByID(ctx context.Context, id uuid.UUID) (any, error) {
	c, found, err := loaderFrom(ctx, s.store).claim(ctx, id)
	if err == nil && !found {
		err = fmt.Errorf("claim %s: %w", id, graph.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// loader caches the documents, entities and claims one request reads by
// ID. It lives in the request's context.
type loader struct {
	store  *graph.Store
	mu     sync.Mutex
	docs   map[uuid.UUID]*graph.Document
	ents   map[uuid.UUID]*graph.Entity
	claims map[uuid.UUID]*graph.Claim
}

type loaderKey struct{}

func withLoader(ctx context.Context, store *graph.Store) context.Context {
	return context.WithValue(ctx, loaderKey{}, newLoader(store))
}

func newLoader(store *graph.Store) *loader {
	return &loader{
		store:  store,
		docs:   map[uuid.UUID]*graph.Document{},
		ents:   map[uuid.UUID]*graph.Entity{},
		claims: map[uuid.UUID]*graph.Claim{},
	}
}

// loaderFrom gives the request's loader, or a fresh one (caching nothing
// beyond this call) when the context has none.
func loaderFrom(ctx context.Context, store *graph.Store) *loader {
	if l, ok := ctx.Value(loaderKey{}).(*loader); ok && l.store == store {
		return l
	}
	return newLoader(store)
}

func (l *loader) document(ctx context.Context, id uuid.UUID) (*graph.Document, bool, error) {
	return cached(l, l.docs, "document", id, func() (*graph.Document, error) {
		d, err := l.store.Document(ctx, id)
		return &d, err
	})
}

func (l *loader) entity(ctx context.Context, id uuid.UUID) (*graph.Entity, bool, error) {
	return cached(l, l.ents, "entity", id, func() (*graph.Entity, error) {
		e, err := l.store.Entity(ctx, id)
		return &e, err
	})
}

func (l *loader) claim(ctx context.Context, id uuid.UUID) (*graph.Claim, bool, error) {
	return cached(l, l.claims, "claim", id, func() (*graph.Claim, error) {
		c, err := l.store.Claim(ctx, id)
		return &c, err
	})
}

// cached looks id up in m, loading and remembering it on a miss. found is
// false for an ID the store does not know.
func cached[T any](l *loader, m map[uuid.UUID]T, kind string, id uuid.UUID, load func() (T, error)) (v T, found bool, err error) {
	l.mu.Lock()
	v, ok := m[id]
	l.mu.Unlock()
	if ok {
		return v, true, nil
	}
	v, err = load()
	if errors.Is(err, graph.ErrNotFound) {
		return v, false, nil
	}
	if err != nil {
		return v, false, fmt.Errorf("load %s %s: %w", kind, id, err)
	}
	l.mu.Lock()
	m[id] = v
	l.mu.Unlock()
	return v, true, nil
}
