package schema

import (
	"context"
	"fmt"

	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// entityFields declares Entity's fields.
func (b *builder) entityFields(t *types) {
	s := b.s
	b.fields(t.entity,
		field{name: "id", typ: nonNull(graphql.ID), desc: "The entity's ID.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Entity).ID.String(), nil }},
		field{name: "key", typ: nonNull(graphql.String), desc: "The key that merges the entity across documents: `gaz:<id>` for gazetteer entities, else `<TYPE>:<folded name>`.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Entity).Key, nil }},
		field{name: "name", typ: nonNull(graphql.String), desc: "The entity's canonical name.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Entity).Name, nil }},
		field{name: "type", typ: nonNull(t.entityType), desc: "The entity's class.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Entity).Type, nil }},
		field{name: "placeKind", typ: t.placeKind, desc: "What kind of place the entity is; null unless type is PLACE (and sometimes then).",
			resolve: func(p graphql.ResolveParams) (any, error) {
				if k := p.Source.(*graph.Entity).PlaceKind; k != "" {
					return k, nil
				}
				return nil, nil
			}},
		field{name: "aliases", typ: listOf(graphql.String), desc: "Every other name the entity is known by, sorted.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				if a := p.Source.(*graph.Entity).Aliases; a != nil {
					return a, nil
				}
				return []string{}, nil
			}},
		field{name: "mentions", typ: nonNull(t.mentionConn), desc: "Where documents mention the entity.",
			args: []arg{t.firstArg, t.afterArg},
			resolve: func(p graphql.ResolveParams) (any, error) {
				id := p.Source.(*graph.Entity).ID
				page, err := s.pageArgs(p.Args)
				if err != nil {
					return nil, err
				}
				m, err := s.store.Mentions(p.Context, id, page)
				if err != nil {
					return nil, pageError(fmt.Sprintf("load mentions of entity %s", id), page, err)
				}
				return newConnection(m, func(ctx context.Context) (int, error) { return s.store.CountMentions(ctx, id) }), nil
			}},
		field{name: "claimsBy", typ: nonNull(t.claimConn), desc: "The claims this entity is the speaker of.",
			args: []arg{t.firstArg, t.afterArg, t.includeArg},
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.claimConnection(p, graph.ClaimFilter{Speaker: p.Source.(*graph.Entity).ID})
			}},
		field{name: "claimsAbout", typ: nonNull(t.claimConn), desc: "The claims whose content names this entity.",
			args: []arg{t.firstArg, t.afterArg, t.includeArg},
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.claimConnection(p, graph.ClaimFilter{About: p.Source.(*graph.Entity).ID})
			}},
		field{name: "relations", typ: listOf(t.relation), desc: "The relations the entity is the subject or the object of, ordered by predicate, then the other entity, then the claim, so that the claims asserting one relation stand together.",
			args: []arg{
				{name: "predicate", typ: t.predicate, desc: "Only relations of this kind; all when left out."},
				{name: "first", typ: graphql.Int, def: defaultRelations, desc: "How many relations to return at most: 1 to 1000 (an actor of a large archive has tens of thousands)."},
			},
			resolve: func(p graphql.ResolveParams) (any, error) {
				id := p.Source.(*graph.Entity).ID
				pred, _ := p.Args["predicate"].(extract.Predicate)
				page, err := s.pageArgs(p.Args)
				if err != nil {
					return nil, err
				}
				limit := page.First
				rels, err := s.store.Relations(p.Context, id, pred, limit)
				if err != nil {
					return nil, fmt.Errorf("load relations of entity %s: %w", id, err)
				}
				return ptrSlice(rels), nil
			}},
		field{name: "relationGroups", typ: listOf(t.relationGroup), desc: "The entity's relations grouped across sources: one group per (subject, predicate, object) with the claims that assert or deny it, and whether the sources corroborate or contest it, over the entity's whole history (aggregated as articles are stored). Ordered by predicate, then the other entity.",
			args: []arg{
				{name: "predicate", typ: t.predicate, desc: "Only relations of this kind; all when left out."},
				{name: "first", typ: graphql.Int, def: defaultRelations, desc: "How many groups to return at most: 1 to 1000."},
				{name: "after", typ: graphql.String, desc: "Return the groups after this one: a group's cursor."},
			},
			resolve: s.entityGroups},
	)
}

// mentionFields declares Mention's fields.
func (b *builder) mentionFields(t *types) {
	s := b.s
	b.fields(t.mention,
		field{name: "entity", typ: nonNull(t.entity), desc: "The entity mentioned.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*graph.Mention).EntityID)
			}},
		field{name: "document", typ: nonNull(t.document), desc: "The document that mentions the entity.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.documentByID(p.Context, p.Source.(*graph.Mention).DocumentID)
			}},
		field{name: "start", typ: nonNull(graphql.Int), desc: "Where the mention starts in the document's text (code points, inclusive).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Mention).Start, nil }},
		field{name: "end", typ: nonNull(graphql.Int), desc: "Where the mention ends in the document's text (code points, exclusive).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Mention).End, nil }},
		field{name: "text", typ: nonNull(graphql.String), desc: "The words of the mention: the document's text from start to end.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Mention).Text, nil }},
		field{name: "rule", typ: graphql.String, desc: "What found the mention (gazetteer, acronym, surname, ...).",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(p.Source.(*graph.Mention).Rule), nil }},
	)
}

// entityQueries declares Query.entity and Query.entities.
func (b *builder) entityQueries(t *types) {
	s := b.s
	b.fields(t.query,
		field{name: "entity", typ: t.entity, desc: "The entity with this ID; null when there is none.",
			args: []arg{idArg("The entity's ID.")},
			resolve: func(p graphql.ResolveParams) (any, error) {
				id, err := idArgument(p.Args, "id")
				if err != nil {
					return nil, err
				}
				return s.entityOrNull(p.Context, id)
			}},
		field{name: "entities", typ: nonNull(t.entityConn), desc: "Entities, in the order they were first stored, optionally filtered by name and type.",
			args: []arg{
				{name: "name", typ: graphql.String, desc: "Only entities with this name or alias, compared folded: case, accents, apostrophes and Arabic article variants do not matter (\"Jabhat al-Nusra\" finds \"JABHAT AL NUSRA\")."},
				{name: "type", typ: t.entityType, desc: "Only entities of this class."},
				t.firstArg, t.afterArg,
			},
			resolve: func(p graphql.ResolveParams) (any, error) {
				page, err := s.pageArgs(p.Args)
				if err != nil {
					return nil, err
				}
				var f graph.EntityFilter
				f.Name, _ = p.Args["name"].(string)
				f.Type, _ = p.Args["type"].(extract.EntityType)
				ents, err := s.store.Entities(p.Context, f, page)
				if err != nil {
					return nil, pageError("list entities", page, err)
				}
				return newConnection(ents, func(ctx context.Context) (int, error) { return s.store.CountEntities(ctx, f) }), nil
			}},
	)
}
