package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/graph"
)

// relationFields declares Relation's fields.
func (b *builder) relationFields(t *types) {
	s := b.s
	b.fields(t.relation,
		field{name: "subject", typ: nonNull(t.entity), desc: "The entity the relation is about.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*graph.Relation).SubjectID)
			}},
		field{name: "predicate", typ: nonNull(t.predicate), desc: "The kind of relation.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Relation).Predicate, nil }},
		field{name: "object", typ: nonNull(t.entity), desc: "The other entity.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*graph.Relation).ObjectID)
			}},
		field{name: "polarity", typ: nonNull(graphql.Boolean), desc: "False where the text denies the relation (\"X is not allied with Y\").",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Relation).Polarity, nil }},
		field{name: "claim", typ: nonNull(t.claim), desc: "The claim that asserts the relation; its speaker is who asserts it.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.claimByID(p.Context, p.Source.(*graph.Relation).ClaimID)
			}},
		field{name: "document", typ: nonNull(t.document), desc: "The document that asserts the relation.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.documentByID(p.Context, p.Source.(*graph.Relation).DocumentID)
			}},
		field{name: "start", typ: nonNull(graphql.Int), desc: "Where the evidence (usually the words naming the relation) starts in the document's text (code points, inclusive).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Relation).Start, nil }},
		field{name: "end", typ: nonNull(graphql.Int), desc: "Where the evidence ends in the document's text (code points, exclusive).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Relation).End, nil }},
		field{name: "addedByPerson", typ: nonNull(graphql.Boolean), desc: "Whether a person added the relation (addRelation) rather than the extractor.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Relation).Added, nil }},
		field{name: "rule", typ: graphql.String, desc: "The extraction rule that found the relation (\"person\" for one a person added).",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(p.Source.(*graph.Relation).Rule), nil }},
		field{name: "confidence", typ: graphql.Float, desc: "How sure extraction is of the relation, 0 to 1.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Relation).Confidence, nil }},
	)
}

// relationGroupFields declares RelationGroup's fields (groups.go has
// what reads them).
func (b *builder) relationGroupFields(t *types) {
	s := b.s
	group := func(p graphql.ResolveParams) *relationGroupValue { return p.Source.(*relationGroupValue) }
	b.fields(t.relationGroup,
		field{name: "subject", typ: nonNull(t.entity), desc: "The entity the relation goes from. For FIGHTS and ALLIED_WITH, which go both ways, the one of the two with the smaller ID.",
			resolve: func(p graphql.ResolveParams) (any, error) { return s.entityByID(p.Context, group(p).SubjectID) }},
		field{name: "predicate", typ: nonNull(t.predicate), desc: "What the relation is.",
			resolve: func(p graphql.ResolveParams) (any, error) { return group(p).Predicate, nil }},
		field{name: "object", typ: nonNull(t.entity), desc: "The entity the relation goes to.",
			resolve: func(p graphql.ResolveParams) (any, error) { return s.entityByID(p.Context, group(p).ObjectID) }},
		field{name: "status", typ: nonNull(t.relationStatus), desc: "How the sources agree: CORROBORATED, CONTESTED, SINGLE_SOURCE or DENIED.",
			resolve: func(p graphql.ResolveParams) (any, error) { return group(p).Status(), nil }},
		field{name: "supporting", typ: nonNull(graphql.Int), desc: "How many claims of the whole graph assert the relation (a syndicated copy's claim, same text under another URL, counted once).",
			resolve: func(p graphql.ResolveParams) (any, error) { return group(p).Supporting, nil }},
		field{name: "denying", typ: nonNull(graphql.Int), desc: "How many claims deny it (counted as supporting is).",
			resolve: func(p graphql.ResolveParams) (any, error) { return group(p).Denying, nil }},
		field{name: "sources", typ: nonNull(graphql.Int), desc: "How many distinct sources assert or deny it: speakers, and each unnamed source (\"activists\") of each text once, so that documents with the same text count as one source.",
			resolve: func(p graphql.ResolveParams) (any, error) { return group(p).Sources, nil }},
		field{name: "relations", typ: listOf(t.relation), desc: fmt.Sprintf("The relations of the group, each with the claim that asserts or denies it, in the order they were stored (the first %d; the counts cover them all).", groupRelationsRead),
			resolve: func(p graphql.ResolveParams) (any, error) {
				g := group(p)
				rels, err := s.store.GroupRelations(p.Context, g.SubjectID, g.Predicate, g.ObjectID, groupRelationsRead)
				if err != nil {
					return nil, fmt.Errorf("load the relations of a group: %w", err)
				}
				return ptrSlice(rels), nil
			}},
		field{name: "firstSeen", typ: graphql.String, desc: "The publication day (2006-01-02) of the first document whose claims assert or deny it; null when none has a date.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(group(p).FirstSeen), nil }},
		field{name: "lastSeen", typ: graphql.String, desc: "The publication day of the last such document; null when none has a date.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(group(p).LastSeen), nil }},
		field{name: "cursor", typ: graphql.String, desc: "In Entity.relationGroups: pass it as `after` for the groups after this one. Null elsewhere (contested's edges have cursors).",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(group(p).cursor), nil }},
	)
}
