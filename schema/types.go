package schema

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// The schema is declared in two steps, so that types can refer to each
// other: declareTypes declares every named type of the core contract
// (without fields), then one function per type adds its fields
// (documentFields, entityFields, ... beside the type they read), and the
// root fields (queries and mutations) are added per concern, in the order
// rootFields lists them.
//
// The order of declaration is the order of schema.graphql (and of
// introspection, which the graphql-js client test compares with it): a
// type is printed where it is declared, a field where it is added to its
// type. So a new query goes in its own file, as a function that declares
// the types it needs and adds its fields (to Query, and to existing types
// with b.fields, which appends them), listed at the end of rootFields:
// schema.graphql then only gains lines, and nothing moves.

// types are the named types of the core contract and the arguments many
// fields share.
type types struct {
	query, mutation *graphql.Object

	document, entity, mention, claim, relation, figure, relationGroup *graphql.Object
	metadata, stats, ingestPayloadType, pageInfo                      *graphql.Object
	documentConn, entityConn, claimConn, mentionConn                  *graphql.Object

	timeType *graphql.Scalar

	entityType, placeKind, claimKind, predicate, figureKind, relationStatus *graphql.Enum
	// claimOrder orders lists of claims (declared by claimQueries).
	claimOrder *graphql.Enum

	metadataInput, documentInput *graphql.InputObject

	// firstArg and afterArg page a connection; includeArg adds the
	// retracted claims to a list of claims.
	firstArg, afterArg, includeArg arg
}

// defaultRelations is how many relations Entity.relations returns when
// the query does not say.
const defaultRelations = 100

// build declares every type of the schema and gives the root types.
func (b *builder) build() (query, mutation *graphql.Object) {
	t := b.declareTypes()
	b.pageInfoFields(t)
	b.metadataFields(t)
	b.statsFields(t)
	b.documentFields(t)
	b.entityFields(t)
	b.mentionFields(t)
	b.claimFields(t)
	b.relationFields(t)
	b.relationGroupFields(t)
	b.figureFields(t)
	for _, add := range b.rootFields() {
		add(t)
	}
	return t.query, t.mutation
}

// rootFields are the functions that add the fields of Query and Mutation
// (and declare the types only they use), in the order of schema.graphql.
// Add a new concern at the end.
func (b *builder) rootFields() []func(*types) {
	return []func(*types){
		b.documentQueries, // document, documents
		b.entityQueries,   // entity, entities
		b.claimQueries,    // claim, claims
		b.statsQuery,      // stats
		b.ingestMutations, // ingestDocument, ingest
		b.corrections,     // corrections.go: the audit log, and the corrections
		b.contestedQuery,  // groups.go: contested
		b.searchQuery,     // search.go: search
		b.walks,           // walk.go: neighbors, paths
		b.figureGroups,    // figures.go: figureGroups
		b.timelineQueries, // filters.go: timeline
	}
}

// declareTypes declares the named types of the core contract, fields
// aside, in the order of schema.graphql.
func (b *builder) declareTypes() *types {
	s := b.s
	t := &types{}
	t.query = b.object("Query", "The entry points for reading the knowledge graph.")
	t.mutation = b.object("Mutation", "The entry points for changing the knowledge graph.")
	t.document = b.object("Document", "One ingested news document: its header and text, and what extraction found in it.")
	t.entity = b.object("Entity", "A real-world actor or place (armed group, person, organisation, place), merged across documents and spellings.")
	t.mention = b.object("Mention", "One occurrence of an entity in a document's text.")
	t.claim = b.object("Claim", "Content that a document attributes to a source (or, for NARRATIVE, states in its own voice), with the exact span it comes from.")
	t.relation = b.object("Relation", "A relation between two entities, asserted by one claim: who says it is the claim's speaker.")
	t.figure = b.object("Figure", "A count of people a claim gives (killed, wounded, displaced, detained, missing), so that sources' figures can be put side by side.")
	t.relationGroup = b.object("RelationGroup", "One relation (subject, predicate, object) with every claim of the graph that asserts or denies it: who else says the same, or the opposite.")
	t.metadata = b.object("MetadataEntry", "One header field of a document, kept verbatim.")
	t.stats = b.object("Stats", "How much the knowledge graph holds.")
	t.ingestPayloadType = b.object("IngestPayload", "What ingest did: the document, and whether it is new.")
	t.pageInfo = b.object("PageInfo", "Where a page of a connection ends and whether more follow.")
	t.documentConn = b.connection(t.document, "documents", t.pageInfo)
	t.entityConn = b.connection(t.entity, "entities", t.pageInfo)
	t.claimConn = b.connection(t.claim, "claims", t.pageInfo)
	t.mentionConn = b.connection(t.mention, "mentions", t.pageInfo)
	t.timeType = b.timeScalar()
	// The enums are extraction's vocabularies (extract/vocab.go), value
	// for value.
	t.entityType = b.enum("EntityType", "The coarse class of an entity.", enumValues(extract.EntityTypes())...)
	t.placeKind = b.enum("PlaceKind", "What kind of place a PLACE entity is.", enumValues(extract.PlaceKinds())...)
	t.claimKind = b.enum("ClaimKind", "How a document attributes a claim to its source.", enumValues(extract.ClaimKinds())...)
	t.predicate = b.enum("Predicate", "The kind of a relation between two entities.", enumValues(extract.Predicates())...)
	t.figureKind = b.enum("FigureKind", "What a figure counts.", enumValues(extract.FigureKinds())...)
	t.relationStatus = b.enum("RelationStatus", "How the sources of a relation agree.", enumValues(extract.RelationStatuses())...)
	t.metadataInput = b.input("MetadataInput", "One header field of a document to ingest, kept verbatim (as a line \"key: value\" of a .txt article's header).",
		arg{name: "key", typ: graphql.NewNonNull(graphql.String), desc: "The field's name; not one of DocumentInput's own fields (url, title, publisher, date, kind, text)."},
		arg{name: "value", typ: graphql.NewNonNull(graphql.String), desc: "Its value."},
	)
	t.documentInput = b.input("DocumentInput", "A document to ingest: its text and what its header says about it, as a line of a JSONL file gives them to kg ingest.",
		arg{name: "text", typ: graphql.NewNonNull(graphql.String), desc: fmt.Sprintf("The document body (at most %d bytes of UTF-8). All spans index into it, in Unicode code points.", s.cfg.MaxTextBytes)},
		arg{name: "url", typ: graphql.String, desc: "Where the document was published. A document with the URL of a stored one is not stored again."},
		arg{name: "title", typ: graphql.String, desc: "The headline."},
		arg{name: "publisher", typ: graphql.String, desc: "Who published the document; the speaker of its NARRATIVE claims."},
		arg{name: "publishedAt", typ: graphql.String, desc: "When it was published, in any common date format (2014-06-11, June 11, 2014, RFC 3339, ...); empty or \"unknown\" when unknown. Kept as written in the metadata as \"date\"."},
		arg{name: "kind", typ: graphql.String, desc: "The kind of piece (\"interview\", \"report\", ...), as a .txt header's kind: an interview's answers are claims of the interviewee. Kept in the metadata as \"kind\"."},
		arg{name: "metadata", typ: graphql.NewList(graphql.NewNonNull(t.metadataInput)), desc: "Other header fields, kept verbatim; each key once."},
	)

	t.firstArg = arg{name: "first", typ: graphql.Int, def: s.cfg.DefaultPageSize,
		desc: fmt.Sprintf("How many items to return: 1 to %d.", s.cfg.MaxPageSize)}
	t.afterArg = arg{name: "after", typ: graphql.String,
		desc: "Return the items after this cursor (an edge's cursor or pageInfo.endCursor of the previous page)."}
	t.includeArg = arg{name: "includeRetracted", typ: graphql.Boolean, def: false,
		desc: "Also list the claims people retracted (retractClaim)."}
	return t
}

// enumValues declares the values of one of extraction's vocabularies:
// each value's name is the value itself (extract's values are the API's
// enum names), and it resolves to extract's typed value, which is what
// resolvers return and arguments give.
func enumValues[T ~string](values []extract.Value[T]) []enumValue {
	out := make([]enumValue, len(values))
	for i, v := range values {
		out[i] = enumValue{name: string(v.Value), value: v.Value, desc: v.Doc}
	}
	return out
}

// nonNull is graphql.NewNonNull, shorter.
func nonNull(t graphql.Type) *graphql.NonNull { return graphql.NewNonNull(t) }

// listOf is a non-null list of non-null t.
func listOf(t graphql.Type) graphql.Output { return nonNull(graphql.NewList(nonNull(t))) }

// idArg is a required argument id.
func idArg(desc string) arg { return arg{name: "id", typ: nonNull(graphql.ID), desc: desc} }

// statField is one count of Stats.
func statField(name, desc string, get func(graph.Stats) int) field {
	return field{name: name, typ: nonNull(graphql.Int), desc: desc,
		resolve: func(p graphql.ResolveParams) (any, error) { return get(p.Source.(graph.Stats)), nil }}
}

// connection is one page of a connection type.
type connection struct {
	nodes   []any
	cursors []string
	hasNext bool
	count   func(context.Context) (int, error) // the total, computed only when asked for
	// truncated: a search read only part of a word's postings.
	truncated bool
}

type edge struct {
	node   any
	cursor string
}

func newConnection[T any](p graph.Page[T], count func(context.Context) (int, error)) *connection {
	return &connection{nodes: ptrSlice(p.Items), cursors: p.Cursors, hasNext: p.HasNext, count: count}
}

func emptyConnection() *connection {
	return &connection{nodes: []any{}, count: func(context.Context) (int, error) { return 0, nil }}
}

// connection declares XConnection and XEdge for node type X.
func (b *builder) connection(node *graphql.Object, plural string, pageInfo *graphql.Object) *graphql.Object {
	name := node.Name()
	edgeType := b.object(name+"Edge", fmt.Sprintf("One %s in a page of %s, with its cursor.", strings.ToLower(name), plural))
	conn := b.object(name+"Connection", fmt.Sprintf("A page of %s.", plural))
	b.s.connections[conn.Name()] = true
	b.fields(edgeType,
		field{name: "node", typ: nonNull(node), desc: fmt.Sprintf("The %s.", strings.ToLower(name)),
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(edge).node, nil }},
		field{name: "cursor", typ: nonNull(graphql.String), desc: "Pass it as `after` to get the items after this one.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(edge).cursor, nil }},
	)
	b.fields(conn,
		field{name: "nodes", typ: nonNull(graphql.NewList(nonNull(node))), desc: fmt.Sprintf("The %s of this page.", plural),
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*connection).nodes, nil }},
		field{name: "edges", typ: nonNull(graphql.NewList(nonNull(edgeType))), desc: fmt.Sprintf("The %s of this page with their cursors.", plural),
			resolve: func(p graphql.ResolveParams) (any, error) {
				c := p.Source.(*connection)
				edges := make([]any, len(c.nodes))
				for i, n := range c.nodes {
					edges[i] = edge{node: n, cursor: c.cursors[i]}
				}
				return edges, nil
			}},
		field{name: "pageInfo", typ: nonNull(pageInfo), desc: "Where this page ends and whether more follow.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source, nil }},
		field{name: "totalCount", typ: nonNull(graphql.Int), desc: fmt.Sprintf("How many %s there are in all pages (computed only when asked for).", plural),
			resolve: func(p graphql.ResolveParams) (any, error) {
				n, err := p.Source.(*connection).count(p.Context)
				if err != nil {
					return nil, fmt.Errorf("count %s: %w", plural, err)
				}
				return n, nil
			}},
	)
	return conn
}

type metadataEntry struct{ key, value string }

func metadataEntries(m map[string]string) []any {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = metadataEntry{key: k, value: m[k]}
	}
	return out
}

// nullString maps "" (unknown) to null.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// ptrSlice gives pointers to the items, so that resolvers read them in
// place rather than from copies boxed in interfaces.
func ptrSlice[T any](items []T) []any {
	out := make([]any, len(items))
	for i := range items {
		out[i] = &items[i]
	}
	return out
}

func anySlice[T any](items []T) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it
	}
	return out
}

// pageInfoFields declares PageInfo's fields.
func (b *builder) pageInfoFields(t *types) {
	b.fields(t.pageInfo,
		field{name: "hasNextPage", typ: nonNull(graphql.Boolean), desc: "Whether more items follow this page.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*connection).hasNext, nil }},
		field{name: "endCursor", typ: graphql.String, desc: "The cursor of the last item of this page; pass it as `after` for the next page. Null for an empty page.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				c := p.Source.(*connection)
				if len(c.cursors) == 0 {
					return nil, nil
				}
				return c.cursors[len(c.cursors)-1], nil
			}},
	)
}
