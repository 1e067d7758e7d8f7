package schema

import (
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

// relationGroupFields declares RelationGroup's fields.
func (b *builder) relationGroupFields(t *types) {
	s := b.s
	b.fields(t.relationGroup,
		field{name: "subject", typ: nonNull(t.entity), desc: "The entity the relation goes from.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*relationGroupValue).subject)
			}},
		field{name: "predicate", typ: nonNull(t.predicate), desc: "What the relation is.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*relationGroupValue).predicate, nil }},
		field{name: "object", typ: nonNull(t.entity), desc: "The entity the relation goes to.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*relationGroupValue).object)
			}},
		field{name: "status", typ: nonNull(t.relationStatus), desc: "How the sources agree: CORROBORATED, CONTESTED, SINGLE_SOURCE or DENIED.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*relationGroupValue).status(), nil }},
		field{name: "supporting", typ: nonNull(graphql.Int), desc: "How many claims assert the relation.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*relationGroupValue).supporting, nil }},
		field{name: "denying", typ: nonNull(graphql.Int), desc: "How many claims deny it.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*relationGroupValue).denying, nil }},
		field{name: "sources", typ: nonNull(graphql.Int), desc: "How many distinct sources assert or deny it: speakers, and each unnamed source of each document once.",
			resolve: func(p graphql.ResolveParams) (any, error) { return len(p.Source.(*relationGroupValue).sources), nil }},
		field{name: "relations", typ: listOf(t.relation), desc: "The relations of the group, each with the claim that asserts or denies it.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return ptrSlice(p.Source.(*relationGroupValue).relations), nil
			}},
	)
}
