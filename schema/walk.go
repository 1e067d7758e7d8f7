package schema

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// The walks: Query.neighbors and Query.paths, over relation groups
// (graph/walk.go). Every step they answer is a RelationGroup, so that it
// can be followed down to the claims, speakers, documents and spans
// behind it.

// Defaults of the walks' arguments.
const (
	defaultNeighbors = 100
	defaultPaths     = 10
	defaultMaxHops   = 3
)

type neighborhoodValue struct{ n graph.Neighborhood }
type neighborValue struct{ n *graph.Neighbor }
type pathsValue struct{ p graph.Paths }
type pathValue struct{ p *graph.Path }
type stepValue struct{ s *graph.PathStep }

// walks declares the walks' types and Query.neighbors, Query.paths.
func (b *builder) walks(t *types) {
	s := b.s
	neighborhood := b.object("Neighborhood", "The entities around an entity, a few relation groups away, with the groups that connect them.")
	neighbor := b.object("Neighbor", "An entity some relation groups away from another, with the groups that reach it from the entities one step nearer.")
	pathsType := b.object("Paths", "The shortest paths between two entities, all of one length.")
	path := b.object("Path", "A walk from one entity to another, a relation group per step.")
	step := b.object("PathStep", "One step of a path: a relation group, walked along the relation or against it.")
	// The lists right under them are the page `first` bounds (limits.go
	// counts them once, as a connection's nodes).
	s.connections[neighborhood.Name()] = true
	s.connections[pathsType.Name()] = true
	group := func(g graph.RelationGroup) any { return &relationGroupValue{RelationGroup: g} }

	b.fields(neighborhood,
		field{name: "center", typ: nonNull(t.entity), desc: "The entity walked from (the entity a merged ID was merged into).",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*neighborhoodValue).n.CenterID)
			}},
		field{name: "neighbors", typ: listOf(neighbor), desc: "The entities around it: nearest first, then in the order they were first stored.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				ns := p.Source.(*neighborhoodValue).n.Neighbors
				out := make([]any, len(ns))
				for i := range ns {
					out[i] = &neighborValue{&ns[i]}
				}
				return out, nil
			}},
		field{name: "hasMore", typ: nonNull(graphql.Boolean), desc: "Whether more entities are around it than `first` returned.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*neighborhoodValue).n.HasNext, nil }},
		field{name: "truncated", typ: nonNull(graphql.Boolean), desc: fmt.Sprintf("Whether the walk met a hub and left some of its groups out: it follows at most %d groups of one entity and %d entities in all, so entities may be missing.", graph.WalkFanout, graph.WalkExpand),
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*neighborhoodValue).n.Truncated, nil }},
	)
	b.fields(neighbor,
		field{name: "entity", typ: nonNull(t.entity), desc: "The entity.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*neighborValue).n.EntityID)
			}},
		field{name: "distance", typ: nonNull(graphql.Int), desc: "How many relation groups away it is.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*neighborValue).n.Distance, nil }},
		field{name: "via", typ: listOf(t.relationGroup), desc: fmt.Sprintf("The relation groups that reach it from entities one step nearer (the centre, for distance 1): at most %d, in the order of those entities.", graph.MaxVia),
			resolve: func(p graphql.ResolveParams) (any, error) {
				n := p.Source.(*neighborValue).n
				out := make([]any, len(n.Via))
				for i, g := range n.Via {
					out[i] = group(g)
				}
				return out, nil
			}},
		field{name: "moreVia", typ: nonNull(graphql.Boolean), desc: "Whether more groups reach it than via lists.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*neighborValue).n.MoreVia, nil }},
	)
	b.fields(pathsType,
		field{name: "from", typ: nonNull(t.entity), desc: "The entity the paths start from.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*pathsValue).p.FromID)
			}},
		field{name: "to", typ: nonNull(t.entity), desc: "The entity the paths end at.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*pathsValue).p.ToID)
			}},
		field{name: "length", typ: graphql.Int, desc: "How many steps the shortest paths take; null when no path of at most maxHops steps was found.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				v := p.Source.(*pathsValue).p
				if !v.Found {
					return nil, nil
				}
				return v.Length, nil
			}},
		field{name: "paths", typ: listOf(path), desc: "The shortest paths, in an order that depends on the graph only.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				ps := p.Source.(*pathsValue).p.Paths
				out := make([]any, len(ps))
				for i := range ps {
					out[i] = &pathValue{&ps[i]}
				}
				return out, nil
			}},
		field{name: "hasMore", typ: nonNull(graphql.Boolean), desc: "Whether there are more shortest paths than `first` returned.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*pathsValue).p.HasNext, nil }},
		field{name: "truncated", typ: nonNull(graphql.Boolean), desc: fmt.Sprintf("Whether the search met a hub and left some of its groups out (it follows at most %d groups of one entity and %d entities in all): a path, or a shorter one, may have been missed.", graph.WalkFanout, graph.WalkExpand),
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*pathsValue).p.Truncated, nil }},
	)
	b.fields(path,
		field{name: "length", typ: nonNull(graphql.Int), desc: "How many steps the path takes.",
			resolve: func(p graphql.ResolveParams) (any, error) { return len(p.Source.(*pathValue).p.Steps), nil }},
		field{name: "steps", typ: listOf(step), desc: "The steps, from the start to the end.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				ss := p.Source.(*pathValue).p.Steps
				out := make([]any, len(ss))
				for i := range ss {
					out[i] = &stepValue{&ss[i]}
				}
				return out, nil
			}},
	)
	b.fields(step,
		field{name: "from", typ: nonNull(t.entity), desc: "The entity the step leaves.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*stepValue).s.From)
			}},
		field{name: "to", typ: nonNull(t.entity), desc: "The entity the step reaches.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*stepValue).s.To)
			}},
		field{name: "forward", typ: nonNull(graphql.Boolean), desc: "Whether the step goes along the relation (from is the group's subject) rather than against it. For FIGHTS and ALLIED_WITH, which hold both ways, it only says which end the group names first.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*stepValue).s.Forward(), nil }},
		field{name: "group", typ: nonNull(t.relationGroup), desc: "The relation group of the step, with every claim behind it.",
			resolve: func(p graphql.ResolveParams) (any, error) { return group(p.Source.(*stepValue).s.RelationGroup), nil }},
	)

	predicatesArg := arg{name: "predicates", typ: graphql.NewList(nonNull(t.predicate)), desc: "Only relation groups of these kinds; all when left out."}
	b.fields(t.query,
		field{name: "neighbors", typ: neighborhood,
			desc: "The entities around an entity, up to three relation groups away, with the groups that connect them. " +
				"A step is a relation group (every claim of one subject, predicate and object), in either direction, that at least one claim in force asserts; " +
				"merged entities are one, retracted claims and relations are no steps, relations people added are. Null when there is no entity with this ID.",
			args: []arg{
				{name: "id", typ: nonNull(graphql.ID), desc: "The entity's ID."},
				{name: "hops", typ: graphql.Int, def: 1, desc: fmt.Sprintf("How many groups away: 1 to %d.", graph.MaxNeighborHops)},
				predicatesArg,
				{name: "since", typ: graphql.String, desc: "Only groups reported on or after this day (YYYY-MM-DD): whose last claim's document was published then or later. Undated groups are left out."},
				{name: "until", typ: graphql.String, desc: "Only groups reported on or before this day (YYYY-MM-DD): whose first claim's document was published then or earlier. Undated groups are left out."},
				{name: "minSources", typ: graphql.Int, def: 1, desc: "Only groups that at least this many distinct sources assert or deny (RelationGroup.sources)."},
				{name: "first", typ: graphql.Int, def: defaultNeighbors, desc: fmt.Sprintf("How many entities to return at most: 1 to %d.", s.cfg.MaxPageSize)},
			},
			resolve: s.neighborsResolver},
		field{name: "paths", typ: pathsType,
			desc: "The shortest paths between two entities over relation groups, in either direction, every step a group with the claims behind it. " +
				"Null when either entity does not exist; length null when no path of at most maxHops steps was found.",
			args: []arg{
				{name: "from", typ: nonNull(graphql.ID), desc: "The entity to start from."},
				{name: "to", typ: nonNull(graphql.ID), desc: "The entity to reach."},
				{name: "maxHops", typ: graphql.Int, def: defaultMaxHops, desc: fmt.Sprintf("The longest path to look for, in steps: 1 to %d.", graph.MaxPathHops)},
				predicatesArg,
				{name: "first", typ: graphql.Int, def: defaultPaths, desc: fmt.Sprintf("How many paths to return at most: 1 to %d.", s.cfg.MaxPageSize)},
			},
			resolve: s.pathsResolver},
	)
}

// intArg reads an Int argument within [lo, hi], def when absent.
func intArg(args map[string]any, name string, def, lo, hi int) (int, error) {
	n := def
	if v, ok := args[name]; ok && v != nil {
		i, ok := v.(int)
		if !ok {
			return 0, &argError{name, fmt.Sprintf("must be an integer, got %v", v)}
		}
		n = i
	}
	if n < lo || n > hi {
		return 0, &argError{name, fmt.Sprintf("must be between %d and %d, got %d", lo, hi, n)}
	}
	return n, nil
}

func predicatesArgument(args map[string]any) []extract.Predicate {
	list, _ := args["predicates"].([]any)
	var out []extract.Predicate
	for _, v := range list {
		if p, ok := v.(extract.Predicate); ok {
			out = append(out, p)
		}
	}
	return out
}

// walkEntity resolves an ID argument to an existing entity's ID; found is
// false when there is none.
func (s *Schema) walkEntity(ctx context.Context, args map[string]any, name string) (uuid.UUID, bool, error) {
	id, err := idArgument(args, name)
	if err != nil {
		return uuid.Nil, false, err
	}
	e, found, err := loaderFrom(ctx, s.store).entity(ctx, id)
	if err != nil || !found {
		return uuid.Nil, false, err
	}
	return e.ID, true, nil
}

func (s *Schema) neighborsResolver(p graphql.ResolveParams) (any, error) {
	id, found, err := s.walkEntity(p.Context, p.Args, "id")
	if err != nil || !found {
		return nil, err
	}
	var f graph.WalkFilter
	hops, err := intArg(p.Args, "hops", 1, 1, graph.MaxNeighborHops)
	if err == nil {
		f.MinSources, err = intArg(p.Args, "minSources", 1, 1, 1<<20)
	}
	var first int
	if err == nil {
		first, err = intArg(p.Args, "first", defaultNeighbors, 1, s.cfg.MaxPageSize)
	}
	if err == nil {
		f.Since, err = dateArgument(p.Args, "since")
	}
	if err == nil {
		f.Until, err = dateArgument(p.Args, "until")
	}
	if err != nil {
		return nil, err
	}
	f.Predicates = predicatesArgument(p.Args)
	n, err := s.store.Neighbors(p.Context, id, hops, f, first)
	if err != nil {
		return nil, fmt.Errorf("neighbours of %s: %w", id, err)
	}
	return &neighborhoodValue{n}, nil
}

func (s *Schema) pathsResolver(p graphql.ResolveParams) (any, error) {
	from, found, err := s.walkEntity(p.Context, p.Args, "from")
	if err != nil || !found {
		return nil, err
	}
	to, found, err := s.walkEntity(p.Context, p.Args, "to")
	if err != nil || !found {
		return nil, err
	}
	maxHops, err := intArg(p.Args, "maxHops", defaultMaxHops, 1, graph.MaxPathHops)
	var first int
	if err == nil {
		first, err = intArg(p.Args, "first", defaultPaths, 1, s.cfg.MaxPageSize)
	}
	if err != nil {
		return nil, err
	}
	res, err := s.store.Paths(p.Context, from, to, maxHops, graph.WalkFilter{Predicates: predicatesArgument(p.Args)}, first)
	if errors.Is(err, graph.ErrInvalidInput) {
		return nil, &argError{"maxHops", err.Error()}
	}
	if err != nil {
		return nil, fmt.Errorf("paths from %s to %s: %w", from, to, err)
	}
	return &pathsValue{res}, nil
}
