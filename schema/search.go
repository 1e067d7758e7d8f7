package schema

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// searchType is a value of the SearchType enum: a kind of hit, or an
// entity type.
type searchType struct {
	kind graph.SearchKind
	typ  extract.EntityType
}

// searchQuery declares Query.search, its hits and their spans.
func (b *builder) searchQuery(t *types) {
	s := b.s
	hitKind := b.enum("SearchHitKind", "What a search hit is.",
		enumValue{"ENTITY", graph.SearchEntity, "An entity, found by one of its names or aliases."},
		enumValue{"CLAIM", graph.SearchClaim, "A claim, found by its text."},
	)
	searchTypeEnum := b.enum("SearchType", "Which hits a search gives: a kind of hit, or entities of one type.",
		enumValue{"ENTITY", searchType{kind: graph.SearchEntity}, "Entities, of any type."},
		enumValue{"CLAIM", searchType{kind: graph.SearchClaim}, "Claims."},
		enumValue{"ARMED_GROUP", searchType{typ: extract.ArmedGroup}, "Entities that are armed groups."},
		enumValue{"PERSON", searchType{typ: extract.Person}, "Entities that are persons."},
		enumValue{"ORGANIZATION", searchType{typ: extract.Organization}, "Entities that are organisations."},
		enumValue{"PLACE", searchType{typ: extract.Place}, "Entities that are places."},
	)
	span := b.object("SearchSpan", "A match in a search hit's text: a word the query found.")
	hit := b.object("SearchHit", "One search hit: an entity or a claim, with its score and where the query matched.")
	conn := b.connection(hit, "search hits", t.pageInfo)
	b.fields(span,
		field{name: "start", typ: nonNull(graphql.Int), desc: "Where the match starts in the hit's text (the claim's text, or the entity's matching name), in code points.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*searchSpan).Start, nil }},
		field{name: "end", typ: nonNull(graphql.Int), desc: "Where the match ends (exclusive), in code points.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*searchSpan).End, nil }},
		field{name: "text", typ: nonNull(graphql.String), desc: "The matching words.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				sp := p.Source.(*searchSpan)
				return sliceRunes(sp.text, sp.Start, sp.End), nil
			}},
	)
	b.fields(hit,
		field{name: "kind", typ: nonNull(hitKind), desc: "ENTITY or CLAIM.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.SearchHit).Kind, nil }},
		field{name: "score", typ: nonNull(graphql.Float), desc: "The hit's relevance (BM25; entity names weigh more than claim text). Higher is better; comparable within one search only.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.SearchHit).Score, nil }},
		field{name: "entity", typ: t.entity, desc: "The entity, for an ENTITY hit (as corrected: an entity merged into another is found as the one kept); else null.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				h := p.Source.(*graph.SearchHit)
				if h.Kind != graph.SearchEntity {
					return nil, nil
				}
				return &h.Entity, nil
			}},
		field{name: "claim", typ: t.claim, desc: "The claim, for a CLAIM hit; else null.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				h := p.Source.(*graph.SearchHit)
				if h.Kind != graph.SearchClaim {
					return nil, nil
				}
				return &h.Claim, nil
			}},
		field{name: "name", typ: graphql.String, desc: "For an ENTITY hit, the name or alias that matched best; else null.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(p.Source.(*graph.SearchHit).Name), nil }},
		field{name: "snippet", typ: nonNull(graphql.String), desc: "The hit's text (the claim's text, or the matching name) around the first match, at most 200 code points, exactly as in the text (no ellipsis).",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return chargeString(p.Context, p.Source.(*graph.SearchHit).Snippet)
			}},
		field{name: "snippetStart", typ: nonNull(graphql.Int), desc: "Where the snippet starts in the hit's text, in code points.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.SearchHit).SnippetStart, nil }},
		field{name: "spans", typ: listOf(span), desc: "The words the query matched, in the hit's text (the claim's text, or the matching name), in text order.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				h := p.Source.(*graph.SearchHit)
				out := make([]any, len(h.Spans))
				for i, sp := range h.Spans {
					out[i] = &searchSpan{SearchSpan: sp, text: h.Text}
				}
				return out, nil
			}},
	)
	b.fields(conn,
		field{name: "truncated", typ: nonNull(graphql.Boolean),
			desc:    fmt.Sprintf("True when a word of the query is in too many claims or entities to read them all (a search reads at most %d postings): its hits come from the newest of them. Add rarer words, or since/until.", graph.MaxSearchPostings),
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*connection).truncated, nil }},
	)
	b.fields(t.query,
		field{name: "search", typ: nonNull(conn),
			desc: "Ranked full-text search over entities (every name and alias, folded like entities(name:): case, accents, apostrophes and Arabic article variants do not matter) and claims (their text, case ignored). " +
				"A word finds its inflections and the words it begins (\"kill\" finds killed, killing, killings; \"fight\" also fought). " +
				"Best hits first: BM25, entity names weighing more than claim text, so an entity the query names comes before the claims that name it.",
			args: []arg{
				{name: "q", typ: nonNull(graphql.String), desc: fmt.Sprintf("The words to search for (at most %d count; stopwords and words of one letter are left out of claim text). Refused when no word is left.", graph.MaxSearchWords)},
				{name: "types", typ: graphql.NewList(nonNull(searchTypeEnum)), desc: "Which hits: any of CLAIM, ENTITY and entity types (PERSON, PLACE, ...: entities of that type). All hits when not given."},
				{name: "since", typ: t.timeType, desc: "Only claims published on or after this date (compared by day, the date as the source wrote it). Entities have no date: with since or until a search gives claims only."},
				{name: "until", typ: t.timeType, desc: "Only claims published on or before this date (by day)."},
				t.firstArg, t.afterArg,
			},
			resolve: func(p graphql.ResolveParams) (any, error) {
				page, err := s.pageArgs(p.Args)
				if err != nil {
					return nil, err
				}
				var f graph.SearchFilter
				f.Query, _ = p.Args["q"].(string)
				if len(f.Query) > maxSearchQueryBytes {
					return nil, &argError{"q", fmt.Sprintf("is %d bytes long, more than the limit of %d", len(f.Query), maxSearchQueryBytes)}
				}
				types, _ := p.Args["types"].([]any)
				for _, v := range types {
					st, _ := v.(searchType)
					if st.kind != "" {
						f.Kinds = append(f.Kinds, st.kind)
					} else if st.typ != "" {
						f.EntityTypes = append(f.EntityTypes, st.typ)
					}
				}
				if _, given := p.Args["types"]; given && len(f.Kinds) == 0 && len(f.EntityTypes) == 0 {
					return emptyConnection(), nil // types: [] asks for no hit
				}
				f.Since, _ = p.Args["since"].(string)
				f.Until, _ = p.Args["until"].(string)
				res, err := s.store.Search(p.Context, f, page)
				if errors.Is(err, graph.ErrQueryTooBroad) {
					return nil, &argError{"q", fmt.Sprintf("%q has no word that can be searched for (a stopword or a single letter is not)", f.Query)}
				}
				if err != nil {
					return nil, pageError("search", page, err)
				}
				c := newConnection(res.Page, func(context.Context) (int, error) { return res.Total, nil })
				c.truncated = res.Truncated
				return c, nil
			}},
	)
}

// maxSearchQueryBytes bounds q: only its first words count anyway.
const maxSearchQueryBytes = 1024

// searchSpan is a span with the text it is in.
type searchSpan struct {
	graph.SearchSpan
	text string
}

// sliceRunes is s[start:end] in code points.
func sliceRunes(s string, start, end int) string {
	i, from, to := 0, len(s), len(s)
	for at := range s {
		if i == start {
			from = at
		}
		if i == end {
			to = at
			break
		}
		i++
	}
	if start >= utf8.RuneCountInString(s) {
		return ""
	}
	return s[from:to]
}
