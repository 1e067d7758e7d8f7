package schema

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// build declares every type of the schema and gives the root types.
// defaultRelations is how many relations Entity.relations returns when
// the query does not say.
const defaultRelations = 100

func (b *builder) build() (query, mutation *graphql.Object) {
	s := b.s
	query = b.object("Query", "The entry points for reading the knowledge graph.")
	mutation = b.object("Mutation", "The entry points for changing the knowledge graph.")
	document := b.object("Document", "One ingested news document: its header and text, and what extraction found in it.")
	entity := b.object("Entity", "A real-world actor or place (armed group, person, organisation, place), merged across documents and spellings.")
	mention := b.object("Mention", "One occurrence of an entity in a document's text.")
	claim := b.object("Claim", "Content that a document attributes to a source (or, for NARRATIVE, states in its own voice), with the exact span it comes from.")
	relation := b.object("Relation", "A relation between two entities, asserted by one claim: who says it is the claim's speaker.")
	figure := b.object("Figure", "A count of people a claim gives (killed, wounded, displaced, detained, missing), so that sources' figures can be put side by side.")
	relationGroup := b.object("RelationGroup", "One relation (subject, predicate, object) with every claim of the graph that asserts or denies it: who else says the same, or the opposite.")
	metadata := b.object("MetadataEntry", "One header field of a document, kept verbatim.")
	stats := b.object("Stats", "How much the knowledge graph holds.")
	ingestPayloadType := b.object("IngestPayload", "What ingest did: the document, and whether it is new.")
	pageInfo := b.object("PageInfo", "Where a page of a connection ends and whether more follow.")
	documentConn := b.connection(document, "documents", pageInfo)
	entityConn := b.connection(entity, "entities", pageInfo)
	claimConn := b.connection(claim, "claims", pageInfo)
	mentionConn := b.connection(mention, "mentions", pageInfo)
	timeType := b.timeScalar()
	entityType := b.enum("EntityType", "The coarse class of an entity.",
		enumValue{"ARMED_GROUP", extract.ArmedGroup, "An armed group: militia, rebel or jihadist group, army unit."},
		enumValue{"PERSON", extract.Person, "A person."},
		enumValue{"ORGANIZATION", extract.Organization, "An organisation that is not an armed group: government body, agency, NGO, company, news outlet."},
		enumValue{"PLACE", extract.Place, "A place; placeKind refines it."},
	)
	placeKind := b.enum("PlaceKind", "What kind of place a PLACE entity is.",
		enumValue{"PROVINCE", extract.Province, "A province or governorate."},
		enumValue{"CITY", extract.City, "A city."},
		enumValue{"TOWN", extract.Town, "A town or village."},
		enumValue{"DISTRICT", extract.District, "A district or neighbourhood."},
		enumValue{"REGION", extract.Region, "A region spanning provinces or countries."},
		enumValue{"COUNTRY", extract.Country, "A country."},
		enumValue{"SITE", extract.Site, "A site: a base, airport, dam, crossing, field."},
		enumValue{"OTHER", extract.Other, "Any other place."},
	)
	claimKind := b.enum("ClaimKind", "How a document attributes a claim to its source.",
		enumValue{"DIRECT_QUOTE", extract.DirectQuote, "A quotation: “...,” X said."},
		enumValue{"INDIRECT", extract.Indirect, "Reported speech: X said that ..."},
		enumValue{"ACCORDING_TO", extract.AccordingTo, "..., according to X."},
		enumValue{"STATEMENT", extract.Statement, "X announced ... / a statement by X."},
		enumValue{"INTERVIEW_ANSWER", extract.InterviewAnswer, "An answer in a question-and-answer piece."},
		enumValue{"NARRATIVE", extract.Narrative, "The publisher's own voice."},
	)
	predicate := b.enum("Predicate", "The kind of a relation between two entities.",
		enumValue{"FIGHTS", extract.Fights, "The subject fights the object."},
		enumValue{"CONTROLS", extract.Controls, "The subject controls the object (a place)."},
		enumValue{"ALLIED_WITH", extract.AlliedWith, "The subject is allied with the object."},
		enumValue{"SPLINTER_OF", extract.SplinterOf, "The subject split from the object."},
		enumValue{"MEMBER_OF", extract.MemberOf, "The subject is a member of the object."},
		enumValue{"LOCATED_IN", extract.LocatedIn, "The subject is located in the object (a place)."},
	)
	figureKind := b.enum("FigureKind", "What a figure counts.",
		enumValue{"KILLED", extract.Killed, "People killed."},
		enumValue{"WOUNDED", extract.Wounded, "People wounded."},
		enumValue{"DISPLACED", extract.Displaced, "People displaced or fled."},
		enumValue{"DETAINED", extract.Detained, "People detained, arrested or abducted."},
		enumValue{"MISSING", extract.Missing, "People missing."},
	)
	relationStatus := b.enum("RelationStatus", "How the sources of a relation agree.",
		enumValue{"CORROBORATED", "CORROBORATED", "Two sources or more assert it and none denies it."},
		enumValue{"CONTESTED", "CONTESTED", "Some sources assert it and others deny it."},
		enumValue{"SINGLE_SOURCE", "SINGLE_SOURCE", "One source asserts it; no other says the same or the opposite."},
		enumValue{"DENIED", "DENIED", "Sources deny it and none asserts it."},
	)
	metadataInput := b.input("MetadataInput", "One header field of a document to ingest, kept verbatim (as a line \"key: value\" of a .txt article's header).",
		arg{name: "key", typ: graphql.NewNonNull(graphql.String), desc: "The field's name; not one of DocumentInput's own fields (url, title, publisher, date, kind, text)."},
		arg{name: "value", typ: graphql.NewNonNull(graphql.String), desc: "Its value."},
	)
	documentInput := b.input("DocumentInput", "A document to ingest: its text and what its header says about it, as a line of a JSONL file gives them to kg ingest.",
		arg{name: "text", typ: graphql.NewNonNull(graphql.String), desc: fmt.Sprintf("The document body (at most %d bytes of UTF-8). All spans index into it, in Unicode code points.", s.cfg.MaxTextBytes)},
		arg{name: "url", typ: graphql.String, desc: "Where the document was published. A document with the URL of a stored one is not stored again."},
		arg{name: "title", typ: graphql.String, desc: "The headline."},
		arg{name: "publisher", typ: graphql.String, desc: "Who published the document; the speaker of its NARRATIVE claims."},
		arg{name: "publishedAt", typ: graphql.String, desc: "When it was published, in any common date format (2014-06-11, June 11, 2014, RFC 3339, ...); empty or \"unknown\" when unknown. Kept as written in the metadata as \"date\"."},
		arg{name: "kind", typ: graphql.String, desc: "The kind of piece (\"interview\", \"report\", ...), as a .txt header's kind: an interview's answers are claims of the interviewee. Kept in the metadata as \"kind\"."},
		arg{name: "metadata", typ: graphql.NewList(graphql.NewNonNull(metadataInput)), desc: "Other header fields, kept verbatim; each key once."},
	)

	nonNull := graphql.NewNonNull
	listOf := func(t graphql.Type) graphql.Output { return nonNull(graphql.NewList(nonNull(t))) }
	firstArg := arg{name: "first", typ: graphql.Int, def: s.cfg.DefaultPageSize,
		desc: fmt.Sprintf("How many items to return: 1 to %d.", s.cfg.MaxPageSize)}
	afterArg := arg{name: "after", typ: graphql.String,
		desc: "Return the items after this cursor (an edge's cursor or pageInfo.endCursor of the previous page)."}
	includeArg := arg{name: "includeRetracted", typ: graphql.Boolean, def: false,
		desc: "Also list the claims people retracted (retractClaim)."}

	b.fields(pageInfo,
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

	b.fields(metadata,
		field{name: "key", typ: nonNull(graphql.String), desc: "The header field's name.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(metadataEntry).key, nil }},
		field{name: "value", typ: nonNull(graphql.String), desc: "The header field's value, verbatim.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(metadataEntry).value, nil }},
	)

	statField := func(name, desc string, get func(graph.Stats) int) field {
		return field{name: name, typ: nonNull(graphql.Int), desc: desc,
			resolve: func(p graphql.ResolveParams) (any, error) { return get(p.Source.(graph.Stats)), nil }}
	}
	b.fields(stats,
		statField("documents", "Documents stored.", func(s graph.Stats) int { return s.Documents }),
		statField("entities", "Entities stored.", func(s graph.Stats) int { return s.Entities }),
		statField("claims", "Claims stored.", func(s graph.Stats) int { return s.Claims }),
		statField("relations", "Relations stored.", func(s graph.Stats) int { return s.Relations }),
		statField("mentions", "Mentions stored.", func(s graph.Stats) int { return s.Mentions }),
	)

	b.fields(document,
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
		field{name: "publishedAt", typ: timeType, desc: "When the document was published, as its header gives it (a date alone or RFC 3339); null when unknown, never guessed.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return nullString(p.Source.(*graph.Document).PublishedAt), nil
			}},
		field{name: "ingestedAt", typ: nonNull(timeType), desc: "When the document was stored.",
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
		field{name: "metadata", typ: listOf(metadata), desc: "The other header fields of the document, verbatim, sorted by key.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return metadataEntries(p.Source.(*graph.Document).Metadata), nil
			}},
		field{name: "entities", typ: listOf(entity), desc: "The entities the document mentions.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				d := p.Source.(*graph.Document)
				ents, err := s.store.DocumentEntities(p.Context, d.ID)
				if err != nil {
					return nil, fmt.Errorf("load entities of document %s: %w", d.ID, err)
				}
				return ptrSlice(ents), nil
			}},
		field{name: "claims", typ: nonNull(claimConn), desc: "The claims of the document, in text order.",
			args: []arg{firstArg, afterArg, includeArg},
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.claimConnection(p, graph.ClaimFilter{Document: p.Source.(*graph.Document).ID})
			}},
	)

	b.fields(entity,
		field{name: "id", typ: nonNull(graphql.ID), desc: "The entity's ID.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Entity).ID.String(), nil }},
		field{name: "key", typ: nonNull(graphql.String), desc: "The key that merges the entity across documents: `gaz:<id>` for gazetteer entities, else `<TYPE>:<folded name>`.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Entity).Key, nil }},
		field{name: "name", typ: nonNull(graphql.String), desc: "The entity's canonical name.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Entity).Name, nil }},
		field{name: "type", typ: nonNull(entityType), desc: "The entity's class.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Entity).Type, nil }},
		field{name: "placeKind", typ: placeKind, desc: "What kind of place the entity is; null unless type is PLACE (and sometimes then).",
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
		field{name: "mentions", typ: nonNull(mentionConn), desc: "Where documents mention the entity.",
			args: []arg{firstArg, afterArg},
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
		field{name: "claimsBy", typ: nonNull(claimConn), desc: "The claims this entity is the speaker of.",
			args: []arg{firstArg, afterArg, includeArg},
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.claimConnection(p, graph.ClaimFilter{Speaker: p.Source.(*graph.Entity).ID})
			}},
		field{name: "claimsAbout", typ: nonNull(claimConn), desc: "The claims whose content names this entity.",
			args: []arg{firstArg, afterArg, includeArg},
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.claimConnection(p, graph.ClaimFilter{About: p.Source.(*graph.Entity).ID})
			}},
		field{name: "relations", typ: listOf(relation), desc: "The relations the entity is the subject or the object of, ordered by predicate, then the other entity, then the claim, so that the claims asserting one relation stand together.",
			args: []arg{
				{name: "predicate", typ: predicate, desc: "Only relations of this kind; all when left out."},
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
		field{name: "relationGroups", typ: listOf(relationGroup), desc: "The entity's relations grouped across sources: one group per (subject, predicate, object) with the claims that assert or deny it, and whether the sources corroborate or contest it. Reads up to 1000 of the entity's relations.",
			args: []arg{
				{name: "predicate", typ: predicate, desc: "Only relations of this kind; all when left out."},
				{name: "first", typ: graphql.Int, def: defaultRelations, desc: "How many groups to return at most: 1 to 1000."},
			},
			resolve: func(p graphql.ResolveParams) (any, error) {
				id := p.Source.(*graph.Entity).ID
				pred, _ := p.Args["predicate"].(extract.Predicate)
				page, err := s.pageArgs(p.Args)
				if err != nil {
					return nil, err
				}
				limit := page.First
				rels, err := s.store.Relations(p.Context, id, pred, s.cfg.MaxPageSize)
				if err != nil {
					return nil, fmt.Errorf("load relations of entity %s: %w", id, err)
				}
				groups, err := s.groupRelations(p.Context, rels)
				if err != nil {
					return nil, err
				}
				if len(groups) > limit {
					groups = groups[:limit]
				}
				return anySlice(groups), nil
			}},
	)

	b.fields(mention,
		field{name: "entity", typ: nonNull(entity), desc: "The entity mentioned.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*graph.Mention).EntityID)
			}},
		field{name: "document", typ: nonNull(document), desc: "The document that mentions the entity.",
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

	b.fields(claim,
		field{name: "id", typ: nonNull(graphql.ID), desc: "The claim's ID.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Claim).ID.String(), nil }},
		field{name: "kind", typ: nonNull(claimKind), desc: "How the document attributes the claim.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Claim).Kind, nil }},
		field{name: "text", typ: nonNull(graphql.String), desc: "The content of the claim: exactly the document's text from start to end.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return chargeString(p.Context, p.Source.(*graph.Claim).Text)
			}},
		field{name: "cue", typ: graphql.String, desc: "The word that marks the attribution (\"said\", \"according to\", \"Q&A\"); null for NARRATIVE.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(p.Source.(*graph.Claim).Cue), nil }},
		field{name: "speaker", typ: entity, desc: "Who the claim is attributed to; null when the source is unnamed (\"activists said\").",
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
		field{name: "about", typ: listOf(entity), desc: "The entities the content names.",
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
		field{name: "relations", typ: listOf(relation), desc: "The relations this claim asserts.",
			resolve: func(p graphql.ResolveParams) (any, error) { return ptrSlice(p.Source.(*graph.Claim).Relations), nil }},
		field{name: "document", typ: nonNull(document), desc: "The document the claim comes from.",
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
		field{name: "publishedAt", typ: timeType, desc: "When the claim was published: its document's publishedAt.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return nullString(p.Source.(*graph.Claim).PublishedAt), nil
			}},
		field{name: "rule", typ: graphql.String, desc: "The extraction rule that found the claim.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(p.Source.(*graph.Claim).Rule), nil }},
		field{name: "confidence", typ: graphql.Float, desc: "How sure extraction is of the claim, 0 to 1.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Claim).Confidence, nil }},
		field{name: "figures", typ: listOf(figure), desc: "The counts of people the claim gives (\"more than 130,000 ... have fled\", \"634 have been killed\"), read from its text.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				c := p.Source.(*graph.Claim)
				figs := extract.Figures(c.Text)
				for i := range figs {
					figs[i].Start += c.Start // offsets in the document's text
					figs[i].End += c.Start
				}
				return ptrSlice(figs), nil
			}},
	)

	b.fields(relation,
		field{name: "subject", typ: nonNull(entity), desc: "The entity the relation is about.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*graph.Relation).SubjectID)
			}},
		field{name: "predicate", typ: nonNull(predicate), desc: "The kind of relation.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Relation).Predicate, nil }},
		field{name: "object", typ: nonNull(entity), desc: "The other entity.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*graph.Relation).ObjectID)
			}},
		field{name: "polarity", typ: nonNull(graphql.Boolean), desc: "False where the text denies the relation (\"X is not allied with Y\").",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Relation).Polarity, nil }},
		field{name: "claim", typ: nonNull(claim), desc: "The claim that asserts the relation; its speaker is who asserts it.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.claimByID(p.Context, p.Source.(*graph.Relation).ClaimID)
			}},
		field{name: "document", typ: nonNull(document), desc: "The document that asserts the relation.",
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

	b.fields(relationGroup,
		field{name: "subject", typ: nonNull(entity), desc: "The entity the relation goes from.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*relationGroupValue).subject)
			}},
		field{name: "predicate", typ: nonNull(predicate), desc: "What the relation is.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*relationGroupValue).predicate, nil }},
		field{name: "object", typ: nonNull(entity), desc: "The entity the relation goes to.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*relationGroupValue).object)
			}},
		field{name: "status", typ: nonNull(relationStatus), desc: "How the sources agree: CORROBORATED, CONTESTED, SINGLE_SOURCE or DENIED.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*relationGroupValue).status(), nil }},
		field{name: "supporting", typ: nonNull(graphql.Int), desc: "How many claims assert the relation.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*relationGroupValue).supporting, nil }},
		field{name: "denying", typ: nonNull(graphql.Int), desc: "How many claims deny it.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*relationGroupValue).denying, nil }},
		field{name: "sources", typ: nonNull(graphql.Int), desc: "How many distinct sources assert or deny it: speakers, and each unnamed source of each document once.",
			resolve: func(p graphql.ResolveParams) (any, error) { return len(p.Source.(*relationGroupValue).sources), nil }},
		field{name: "relations", typ: listOf(relation), desc: "The relations of the group, each with the claim that asserts or denies it.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return ptrSlice(p.Source.(*relationGroupValue).relations), nil
			}},
	)

	b.fields(figure,
		field{name: "kind", typ: nonNull(figureKind), desc: "What the number counts.",
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

	idArg := func(desc string) arg { return arg{name: "id", typ: nonNull(graphql.ID), desc: desc} }
	b.fields(query,
		field{name: "document", typ: document, desc: "The document with this ID; null when there is none.",
			args: []arg{idArg("The document's ID.")},
			resolve: func(p graphql.ResolveParams) (any, error) {
				id, err := idArgument(p.Args, "id")
				if err != nil {
					return nil, err
				}
				return s.documentOrNull(p.Context, id)
			}},
		field{name: "documents", typ: nonNull(documentConn), desc: "All documents, in ingestion order.",
			args: []arg{firstArg, afterArg},
			resolve: func(p graphql.ResolveParams) (any, error) {
				page, err := s.pageArgs(p.Args)
				if err != nil {
					return nil, err
				}
				docs, err := s.store.Documents(p.Context, page)
				if err != nil {
					return nil, pageError("list documents", page, err)
				}
				return newConnection(docs, s.store.CountDocuments), nil
			}},
		field{name: "entity", typ: entity, desc: "The entity with this ID; null when there is none.",
			args: []arg{idArg("The entity's ID.")},
			resolve: func(p graphql.ResolveParams) (any, error) {
				id, err := idArgument(p.Args, "id")
				if err != nil {
					return nil, err
				}
				return s.entityOrNull(p.Context, id)
			}},
		field{name: "entities", typ: nonNull(entityConn), desc: "Entities, in the order they were first stored, optionally filtered by name and type.",
			args: []arg{
				{name: "name", typ: graphql.String, desc: "Only entities with this name or alias, compared folded: case, accents, apostrophes and Arabic article variants do not matter (\"Jabhat al-Nusra\" finds \"JABHAT AL NUSRA\")."},
				{name: "type", typ: entityType, desc: "Only entities of this class."},
				firstArg, afterArg,
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
		field{name: "claim", typ: claim, desc: "The claim with this ID; null when there is none.",
			args: []arg{idArg("The claim's ID.")},
			resolve: func(p graphql.ResolveParams) (any, error) {
				id, err := idArgument(p.Args, "id")
				if err != nil {
					return nil, err
				}
				return s.claimOrNull(p.Context, id)
			}},
		field{name: "claims", typ: nonNull(claimConn), desc: "Claims matching every filter given: in text order within a document, documents in ingestion order.",
			args: []arg{
				{name: "speaker", typ: graphql.ID, desc: "Only claims this entity is the speaker of."},
				{name: "about", typ: graphql.ID, desc: "Only claims whose content names this entity."},
				{name: "document", typ: graphql.ID, desc: "Only claims of this document."},
				{name: "text", typ: graphql.String, desc: "Only claims whose text contains this, ignoring case."},
				includeArg, firstArg, afterArg,
			},
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
				return s.claimConnection(p, f)
			}},
		field{name: "stats", typ: nonNull(stats), desc: "How much the knowledge graph holds.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				st, err := s.store.Stats(p.Context)
				if err != nil {
					return nil, fmt.Errorf("load stats: %w", err)
				}
				return st, nil
			}},
	)

	b.fields(ingestPayloadType,
		field{name: "created", typ: nonNull(graphql.Boolean), desc: "True when the document was stored now; false when it was already stored (same URL, or same text when it has no URL) and nothing was written.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*ingestPayload).created, nil }},
		field{name: "document", typ: nonNull(document), desc: "The stored document: the new one, or the one already there.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*ingestPayload).document, nil }},
	)

	b.fields(mutation,
		field{name: "ingestDocument", typ: nonNull(document),
			desc: "Extracts entities, claims and relations from a document and stores them all, as kg ingest does. " +
				"A document already stored (same URL, or same text when it has no URL) is not stored again: the stored one is returned. " +
				"ingest does the same and also says whether the document was new.",
			args:    []arg{{name: "input", typ: nonNull(documentInput), desc: "The document."}},
			resolve: func(p graphql.ResolveParams) (any, error) { return s.ingestResolver(p, true) }},
		field{name: "ingest", typ: nonNull(ingestPayloadType),
			desc: "Extracts entities, claims and relations from a document and stores them all, exactly as kg ingest does, and says whether it was new. " +
				"Give either input (the text and its header's fields) or raw (a whole article with its header, as a .txt file holds it).",
			args: []arg{
				{name: "input", typ: documentInput, desc: "The document, field by field."},
				{name: "raw", typ: graphql.String, desc: fmt.Sprintf("The document as a .txt article: an optional header of \"key: value\" lines (url, title, publisher, date, kind, any other kept as metadata) ended by a line ---, then the text (at most %d bytes), parsed exactly as kg ingest parses a .txt file.", s.cfg.MaxTextBytes)},
			},
			resolve: func(p graphql.ResolveParams) (any, error) { return s.ingestResolver(p, false) }},
	)
	b.corrections(correctionTypes{query: query, mutation: mutation, entity: entity, claim: claim, pageInfo: pageInfo,
		entityType: entityType, placeKind: placeKind, claimKind: claimKind, predicate: predicate, timeType: timeType,
		firstArg: firstArg, afterArg: afterArg})
	return query, mutation
}

// connection is one page of a connection type.
type connection struct {
	nodes   []any
	cursors []string
	hasNext bool
	count   func(context.Context) (int, error) // the total, computed only when asked for
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
	nonNull := graphql.NewNonNull
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
