package schema

import (
	"context"
	"fmt"

	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// Relation groups (graph/groups.go): an entity's, and the graph's
// contested ones.

// relationGroupValue is one RelationGroup as resolvers see it: the group
// and, in an entity's list, its cursor there.
type relationGroupValue struct {
	graph.RelationGroup
	cursor string
}

// groupRelationsRead bounds the relations one group lists (its counts
// cover them all).
const groupRelationsRead = 1000

// entityGroups resolves Entity.relationGroups.
func (s *Schema) entityGroups(p graphql.ResolveParams) (any, error) {
	id := p.Source.(*graph.Entity).ID
	var f graph.GroupFilter
	if pred, ok := p.Args["predicate"].(extract.Predicate); ok {
		f.Predicates = []extract.Predicate{pred}
	}
	page, err := s.pageArgs(p.Args)
	if err != nil {
		return nil, err
	}
	groups, err := s.store.EntityGroups(p.Context, id, f, page)
	if err != nil {
		return nil, pageError(fmt.Sprintf("load relation groups of entity %s", id), page, err)
	}
	out := make([]any, len(groups.Items))
	for i, g := range groups.Items {
		out[i] = &relationGroupValue{RelationGroup: g, cursor: groups.Cursors[i]}
	}
	return out, nil
}

// dateArgument reads a date argument ("2006-01-02", RFC 3339 or any form
// extract.ParseDate reads) as its day; "" when not given.
func dateArgument(args map[string]any, name string) (string, error) {
	v, ok := args[name].(string)
	if !ok || v == "" {
		return "", nil
	}
	d, ok := extract.ParseDate(v)
	if !ok || d == "" {
		return "", &argError{name, fmt.Sprintf("%q is not a date: want 2006-01-02 or RFC 3339", v)}
	}
	if len(d) > 10 {
		d = d[:10]
	}
	return d, nil
}

// contested resolves Query.contested.
func (s *Schema) contested(p graphql.ResolveParams) (any, error) {
	page, err := s.pageArgs(p.Args)
	if err != nil {
		return nil, err
	}
	var f graph.ContestedFilter
	f.Predicate, _ = p.Args["predicate"].(extract.Predicate)
	if f.Since, err = dateArgument(p.Args, "since"); err != nil {
		return nil, err
	}
	if f.Until, err = dateArgument(p.Args, "until"); err != nil {
		return nil, err
	}
	if f.Since != "" && f.Until != "" && f.Until < f.Since {
		return nil, &argError{"until", fmt.Sprintf("%s is before since (%s)", f.Until, f.Since)}
	}
	groups, err := s.store.Contested(p.Context, f, page)
	if err != nil {
		return nil, pageError("list contested relation groups", page, err)
	}
	c := &connection{nodes: make([]any, len(groups.Items)), cursors: groups.Cursors, hasNext: groups.HasNext,
		count: func(ctx context.Context) (int, error) { return s.store.CountContested(ctx, f) }}
	for i, g := range groups.Items {
		c.nodes[i] = &relationGroupValue{RelationGroup: g}
	}
	return c, nil
}

// contestedQuery adds Query.contested and declares its connection.
func (b *builder) contestedQuery(t *types) {
	s := b.s
	conn := b.connection(t.relationGroup, "relation groups", t.pageInfo)
	b.fields(t.query,
		field{name: "contested", typ: nonNull(conn), desc: "The relation groups of the graph that some claims assert and others deny (status CONTESTED), most sources first.",
			args: []arg{
				{name: "predicate", typ: t.predicate, desc: "Only groups of this kind; all when left out."},
				{name: "since", typ: graphql.String, desc: "Only groups seen on or after this day (2006-01-02 or RFC 3339): whose lastSeen is not before it."},
				{name: "until", typ: graphql.String, desc: "Only groups seen on or before this day: whose firstSeen is not after it. With since, the groups whose span of publication days overlaps [since, until]; a group without dates is then left out."},
				t.firstArg, t.afterArg,
			},
			resolve: s.contested},
	)
}
