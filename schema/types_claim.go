package schema

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// claimFields declares Claim's fields.
func (b *builder) claimFields(t *types) {
	s := b.s
	b.fields(t.claim,
		field{name: "id", typ: nonNull(graphql.ID), desc: "The claim's ID.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Claim).ID.String(), nil }},
		field{name: "kind", typ: nonNull(t.claimKind), desc: "How the document attributes the claim.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Claim).Kind, nil }},
		field{name: "text", typ: nonNull(graphql.String), desc: "The content of the claim: exactly the document's text from start to end.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return chargeString(p.Context, p.Source.(*graph.Claim).Text)
			}},
		field{name: "cue", typ: graphql.String, desc: "The word that marks the attribution (\"said\", \"according to\", \"Q&A\"); null for NARRATIVE.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(p.Source.(*graph.Claim).Cue), nil }},
		field{name: "speaker", typ: t.entity, desc: "Who the claim is attributed to; null when the source is unnamed (\"activists said\").",
			resolve: func(p graphql.ResolveParams) (any, error) {
				c := p.Source.(*graph.Claim)
				if c.SpeakerID == uuid.Nil {
					return nil, nil
				}
				return s.entityOrNull(p.Context, c.SpeakerID)
			}},
		field{name: "speakerText", typ: graphql.String, desc: "The words naming the source in the text (\"local media activists\", \"he\"); for interview answers and NARRATIVE, the name the speaker was resolved to.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return nullString(p.Source.(*graph.Claim).SpeakerText), nil
			}},
		field{name: "about", typ: listOf(t.entity), desc: "The entities the content names.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				c := p.Source.(*graph.Claim)
				out := make([]any, 0, len(c.About))
				for _, id := range c.About {
					e, found, err := loaderFrom(p.Context, s.store).entity(p.Context, id)
					if err != nil {
						return nil, fmt.Errorf("load entity %s named by claim %s: %w", id, c.ID, err)
					}
					if found {
						out = append(out, e)
					}
				}
				return out, nil
			}},
		field{name: "retracted", typ: nonNull(graphql.Boolean), desc: "Whether a person retracted the claim (retractClaim): it is left out of lists unless they ask for includeRetracted.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Claim).Retracted, nil }},
		field{name: "relations", typ: listOf(t.relation), desc: "The relations this claim asserts.",
			resolve: func(p graphql.ResolveParams) (any, error) { return ptrSlice(p.Source.(*graph.Claim).Relations), nil }},
		field{name: "document", typ: nonNull(t.document), desc: "The document the claim comes from.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.documentByID(p.Context, p.Source.(*graph.Claim).DocumentID)
			}},
		field{name: "ordinal", typ: nonNull(graphql.Int), desc: "The position of the claim among its document's claims, from 0.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Claim).Ordinal, nil }},
		field{name: "sentence", typ: nonNull(graphql.String), desc: "The sentence that holds the claim's content.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return chargeString(p.Context, p.Source.(*graph.Claim).Sentence)
			}},
		field{name: "start", typ: nonNull(graphql.Int), desc: "Where the content starts in the document's text (code points, inclusive).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Claim).Start, nil }},
		field{name: "end", typ: nonNull(graphql.Int), desc: "Where the content ends in the document's text (code points, exclusive).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Claim).End, nil }},
		field{name: "publishedAt", typ: t.timeType, desc: "When the claim was published: its document's publishedAt.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return nullString(p.Source.(*graph.Claim).PublishedAt), nil
			}},
		field{name: "rule", typ: graphql.String, desc: "The extraction rule that found the claim.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(p.Source.(*graph.Claim).Rule), nil }},
		field{name: "confidence", typ: graphql.Float, desc: "How sure extraction is of the claim, 0 to 1.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Claim).Confidence, nil }},
		field{name: "figures", typ: listOf(t.figure), desc: "The counts of people the claim gives (\"more than 130,000 ... have fled\", \"634 have been killed\"), read from its text.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				c := p.Source.(*graph.Claim)
				figs := extract.Figures(c.Text)
				for i := range figs {
					figs[i].Start += c.Start // offsets in the t.document's text
					figs[i].End += c.Start
				}
				return ptrSlice(figs), nil
			}},
	)
}

// figureFields declares Figure's fields.
func (b *builder) figureFields(t *types) {
	b.fields(t.figure,
		field{name: "kind", typ: nonNull(t.figureKind), desc: "What the number counts.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*extract.Figure).Kind, nil }},
		field{name: "value", typ: nonNull(graphql.Float), desc: "The number (\"130,000\" is 130000, \"five\" is 5).",
			resolve: func(p graphql.ResolveParams) (any, error) { return float64(p.Source.(*extract.Figure).Value), nil }},
		field{name: "qualifier", typ: graphql.String, desc: "How the text bounds the number: \"more than\", \"at least\", \"about\", \"up to\"; null when given as exact.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				if q := p.Source.(*extract.Figure).Qualifier; q != "" {
					return q, nil
				}
				return nil, nil
			}},
		field{name: "text", typ: nonNull(graphql.String), desc: "The number as the text writes it, with its qualifier.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*extract.Figure).Text, nil }},
		field{name: "start", typ: nonNull(graphql.Int), desc: "Where the figure starts in the document's text (code points).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*extract.Figure).Start, nil }},
		field{name: "end", typ: nonNull(graphql.Int), desc: "Where it ends (code points, exclusive).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*extract.Figure).End, nil }},
	)
}

// claimQueries declares Query.claim and Query.claims.
func (b *builder) claimQueries(t *types) {
	s := b.s
	t.claimOrder = b.claimOrderEnum()
	b.fields(t.query,
		field{name: "claim", typ: t.claim, desc: "The claim with this ID; null when there is none.",
			args: []arg{idArg("The claim's ID.")},
			resolve: func(p graphql.ResolveParams) (any, error) {
				id, err := idArgument(p.Args, "id")
				if err != nil {
					return nil, err
				}
				return s.claimOrNull(p.Context, id)
			}},
		field{name: "claims", typ: nonNull(t.claimConn), desc: "Claims matching every filter given: in text order within a document, documents in ingestion order, unless orderBy says otherwise.",
			args: append(append([]arg{
				{name: "speaker", typ: graphql.ID, desc: "Only claims this entity is the speaker of."},
				{name: "about", typ: graphql.ID, desc: "Only claims whose content names this entity."},
				{name: "document", typ: graphql.ID, desc: "Only claims of this document."},
				{name: "text", typ: graphql.String, desc: "Only claims whose text contains this, ignoring case."},
			}, claimFilterArgs(t)...), t.includeArg, t.firstArg, t.afterArg),
			resolve: func(p graphql.ResolveParams) (any, error) {
				var f graph.ClaimFilter
				var err error
				for _, a := range []struct {
					name string
					id   *uuid.UUID
				}{{"speaker", &f.Speaker}, {"about", &f.About}, {"document", &f.Document}} {
					if *a.id, err = idArgument(p.Args, a.name); err != nil {
						return nil, err
					}
					if _, given := p.Args[a.name]; given && *a.id == uuid.Nil {
						return emptyConnection(), nil // the nil UUID names nothing
					}
				}
				f.Text, _ = p.Args["text"].(string)
				if err := readClaimFilter(p.Args, &f); err != nil {
					return nil, err
				}
				return s.claimConnection(p, f)
			}},
	)
}
