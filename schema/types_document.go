package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/graph"
)

// metadataFields declares MetadataEntry's fields.
func (b *builder) metadataFields(t *types) {
	b.fields(t.metadata,
		field{name: "key", typ: nonNull(graphql.String), desc: "The header field's name.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(metadataEntry).key, nil }},
		field{name: "value", typ: nonNull(graphql.String), desc: "The header field's value, verbatim.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(metadataEntry).value, nil }},
	)
}

// documentFields declares Document's fields.
func (b *builder) documentFields(t *types) {
	s := b.s
	b.fields(t.document,
		field{name: "id", typ: nonNull(graphql.ID), desc: "The document's ID.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Document).ID.String(), nil }},
		field{name: "url", typ: graphql.String, desc: "Where the document was published, if known.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(p.Source.(*graph.Document).URL), nil }},
		field{name: "title", typ: graphql.String, desc: "The headline, if any.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(p.Source.(*graph.Document).Title), nil }},
		field{name: "publisher", typ: graphql.String, desc: "Who published the document, if known.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return nullString(p.Source.(*graph.Document).Publisher), nil
			}},
		field{name: "publishedAt", typ: t.timeType, desc: "When the document was published, as its header gives it (a date alone or RFC 3339); null when unknown, never guessed.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return nullString(p.Source.(*graph.Document).PublishedAt), nil
			}},
		field{name: "ingestedAt", typ: nonNull(t.timeType), desc: "When the document was stored.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Document).IngestedAt, nil }},
		field{name: "contentHash", typ: nonNull(graphql.String), desc: "The hex SHA-256 of the text.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Document).ContentHash, nil }},
		field{name: "length", typ: nonNull(graphql.Int), desc: "The length of the text in Unicode code points.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Document).Length, nil }},
		field{name: "text", typ: nonNull(graphql.String), desc: "The document body. Every span (start, end) of its claims, mentions and relations indexes into it in Unicode code points, half-open.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				d := p.Source.(*graph.Document)
				text, err := s.store.DocumentText(p.Context, d.ID)
				if err != nil {
					return nil, fmt.Errorf("load text of document %s: %w", d.ID, err)
				}
				return chargeString(p.Context, text)
			}},
		field{name: "metadata", typ: listOf(t.metadata), desc: "The other header fields of the document, verbatim, sorted by key.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return metadataEntries(p.Source.(*graph.Document).Metadata), nil
			}},
		field{name: "entities", typ: listOf(t.entity), desc: "The entities the document mentions.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				d := p.Source.(*graph.Document)
				ents, err := s.store.DocumentEntities(p.Context, d.ID)
				if err != nil {
					return nil, fmt.Errorf("load entities of document %s: %w", d.ID, err)
				}
				return ptrSlice(ents), nil
			}},
		field{name: "claims", typ: nonNull(t.claimConn), desc: "The claims of the document, in text order.",
			args: []arg{t.firstArg, t.afterArg, t.includeArg},
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.claimConnection(p, graph.ClaimFilter{Document: p.Source.(*graph.Document).ID})
			}},
	)
}

// documentQueries declares Query.document and Query.documents.
func (b *builder) documentQueries(t *types) {
	s := b.s
	b.fields(t.query,
		field{name: "document", typ: t.document, desc: "The document with this ID; null when there is none.",
			args: []arg{idArg("The document's ID.")},
			resolve: func(p graphql.ResolveParams) (any, error) {
				id, err := idArgument(p.Args, "id")
				if err != nil {
					return nil, err
				}
				return s.documentOrNull(p.Context, id)
			}},
		field{name: "documents", typ: nonNull(t.documentConn), desc: "Documents matching every filter given: all of them in ingestion order; with a publisher, since or until, by publication day (oldest first, undated first), then in ingestion order.",
			args:    append(documentFilterArgs(), t.firstArg, t.afterArg),
			resolve: s.resolveDocuments},
	)
}

// statsFields declares Stats' fields.
func (b *builder) statsFields(t *types) {
	b.fields(t.stats,
		statField("documents", "Documents stored.", func(s graph.Stats) int { return s.Documents }),
		statField("entities", "Entities stored.", func(s graph.Stats) int { return s.Entities }),
		statField("claims", "Claims stored.", func(s graph.Stats) int { return s.Claims }),
		statField("relations", "Relations stored.", func(s graph.Stats) int { return s.Relations }),
		statField("mentions", "Mentions stored.", func(s graph.Stats) int { return s.Mentions }),
	)
}

// statsQuery declares Query.stats.
func (b *builder) statsQuery(t *types) {
	s := b.s
	b.fields(t.query,
		field{name: "stats", typ: nonNull(t.stats), desc: "How much the knowledge graph holds.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				st, err := s.store.Stats(p.Context)
				if err != nil {
					return nil, fmt.Errorf("load stats: %w", err)
				}
				return st, nil
			}},
	)
}

// ingestMutations declares Mutation.ingestDocument and Mutation.ingest,
// and IngestPayload's fields.
func (b *builder) ingestMutations(t *types) {
	s := b.s
	b.fields(t.ingestPayloadType,
		field{name: "created", typ: nonNull(graphql.Boolean), desc: "True when the document was stored now; false when it was already stored (same URL, or same text when it has no URL) and nothing was written.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*ingestPayload).created, nil }},
		field{name: "document", typ: nonNull(t.document), desc: "The stored document: the new one, or the one already there.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*ingestPayload).document, nil }},
	)

	b.fields(t.mutation,
		field{name: "ingestDocument", typ: nonNull(t.document),
			desc: "Extracts entities, claims and relations from a document and stores them all, as kg ingest does. " +
				"A document already stored (same URL, or same text when it has no URL) is not stored again: the stored one is returned. " +
				"ingest does the same and also says whether the document was new.",
			args:    []arg{{name: "input", typ: nonNull(t.documentInput), desc: "The document."}},
			resolve: func(p graphql.ResolveParams) (any, error) { return s.ingestResolver(p, true) }},
		field{name: "ingest", typ: nonNull(t.ingestPayloadType),
			desc: "Extracts entities, claims and relations from a document and stores them all, exactly as kg ingest does, and says whether it was new. " +
				"Give either input (the text and its header's fields) or raw (a whole article with its header, as a .txt file holds it).",
			args: []arg{
				{name: "input", typ: t.documentInput, desc: "The document, field by field."},
				{name: "raw", typ: graphql.String, desc: fmt.Sprintf("The document as a .txt article: an optional header of \"key: value\" lines (url, title, publisher, date, kind, any other kept as metadata) ended by a line ---, then the text (at most %d bytes), parsed exactly as kg ingest parses a .txt file.", s.cfg.MaxTextBytes)},
			},
			resolve: func(p graphql.ResolveParams) (any, error) { return s.ingestResolver(p, false) }},
	)
}
