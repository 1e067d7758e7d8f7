package main

// kg bench: the queries of the contract and their arguments, sampled from
// what was stored (and the merged speakers the "merged" query reads through).

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
	"github.com/google/uuid"
)

// benchQuery is one query of the contract with its sampled arguments.
type benchQuery struct {
	Name string
	// Lookup: a lookup by key, which the latency targets hold for (the
	// text search is not one).
	Lookup bool
	Text   string
	// Variable is the name of the query's one variable; Values its
	// sampled values.
	Variable string
	Values   []string
	// Found says whether a decoded answer found something.
	Found func(data map[string]any) bool
	// Variables, when set, makes the variables of a value (a query of
	// more than one); else the value is Variable's.
	Variables func(value string) map[string]any
	// TargetP99 is the query's p99 target in ms (0: none, or the
	// lookups' 10 ms when Lookup).
	TargetP99 float64
}

// benchClaimFields are the fields asked of every claim.
const benchClaimFields = `id kind text cue speakerText start end publishedAt
        speaker { id name type }
        document { id title url publishedAt }`

// benchQueries are the queries of the contract, in the order they run and
// appear in the table. Values are filled in by sampleBenchQueries.
func benchQueries() []benchQuery {
	return append([]benchQuery{
		{Name: "entity", Lookup: true, Variable: "name", Text: `query EntityByName($name: String!) {
  entities(name: $name, first: 1) {
    nodes {
      id name type placeKind aliases
      claimsAbout(first: 20) { pageInfo { hasNextPage endCursor } nodes { ` + benchClaimFields + ` } }
    }
  }
}`, Found: func(d map[string]any) bool { return len(dig(d, "entities", "nodes")) > 0 }},
		{Name: "speaker", Lookup: true, Variable: "id", Text: `query ClaimsBySpeaker($id: ID!) {
  claims(speaker: $id, first: 20) { pageInfo { hasNextPage endCursor } nodes { ` + benchClaimFields + ` } }
}`, Found: func(d map[string]any) bool { return len(dig(d, "claims", "nodes")) > 0 }},
		{Name: "about", Lookup: true, Variable: "id", Text: `query ClaimsAbout($id: ID!) {
  claims(about: $id, first: 20) { pageInfo { hasNextPage endCursor } nodes { ` + benchClaimFields + ` } }
}`, Found: func(d map[string]any) bool { return len(dig(d, "claims", "nodes")) > 0 }},
		{Name: "document", Lookup: true, Variable: "id", Text: `query DocumentWithClaims($id: ID!) {
  document(id: $id) {
    id url title publisher publishedAt text
    claims(first: 20) { pageInfo { hasNextPage endCursor } nodes { ` + benchClaimFields + ` } }
  }
}`, Found: func(d map[string]any) bool { return len(dig(d, "document", "claims", "nodes")) > 0 }},
		{Name: "text", Variable: "text", Text: `query ClaimsWithText($text: String!) {
  claims(text: $text, first: 20) { pageInfo { hasNextPage endCursor } nodes { ` + benchClaimFields + ` } }
}`, Found: func(d map[string]any) bool { return len(dig(d, "claims", "nodes")) > 0 }},
		{Name: "search", Variable: "q", Text: `query Search($q: String!) {
  search(q: $q, first: 20) {
    truncated pageInfo { hasNextPage endCursor }
    nodes {
      kind score name snippet snippetStart spans { start end }
      entity { id name type }
      claim { id kind text speakerText publishedAt speaker { id name } document { id title } }
    }
  }
}`, Found: func(d map[string]any) bool { return len(dig(d, "search", "nodes")) > 0 }},
		{Name: "figures", Variable: "place", Text: `query FigureGroup($place: ID!) {
  figureGroups(kind: KILLED, place: $place) {
    nodes {
      place { id name } reportCount sources firstSeen lastSeen
      low { value text speaker { name } document { url publisher } }
      best { value }
      high { value text speaker { name } document { url publisher } }
      reports(first: 20) { value qualifier text start end placeRule publishedAt claim { id speakerText } }
    }
  }
}`, Found: func(d map[string]any) bool { return len(dig(d, "figureGroups", "nodes")) > 0 }},
		{Name: "merged", Variable: "id", Text: `query ClaimsThroughMergedID($id: ID!) {
  claims(speaker: $id, first: 20) { totalCount pageInfo { hasNextPage endCursor } nodes { ` + benchClaimFields + ` } }
}`, Found: func(d map[string]any) bool { return len(dig(d, "claims", "nodes")) > 0 }},
		{Name: "contested", Variable: "predicate", Text: `query Contested($predicate: Predicate) {
  contested(predicate: $predicate, first: 20) {
    pageInfo { hasNextPage endCursor }
    nodes { subject { id name } predicate object { id name } status supporting denying sources firstSeen lastSeen }
  }
}`, Found: func(d map[string]any) bool { return len(dig(d, "contested")) > 0 }}, // a page, if empty
		filteredClaimsQuery(), // bench_filters.go
	}, walkBenchQueries()...)
}

// dig follows keys through decoded JSON objects and gives the list found
// there (nil if there is none). A non-null object counts as a list of one.
func dig(v any, keys ...string) []any {
	for _, k := range keys {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[k]
	}
	switch v := v.(type) {
	case []any:
		return v
	case map[string]any:
		return []any{v}
	}
	return nil
}

// sampleBenchQueries draws every query's arguments from the store, fixed
// by seed: half of them weighted by use (an entity of a random document,
// the speaker of a random claim: popular entities come up often), half
// uniform over distinct values (mostly rare ones).
func sampleBenchQueries(ctx context.Context, store *graph.Store, seed uint64, samples int) ([]benchQuery, error) {
	rng := rand.New(rand.NewPCG(seed, 0x6b672062656e6368)) // "kg bench"
	docIDs, err := allDocumentIDs(ctx, store)
	if err != nil {
		return nil, err
	}
	if len(docIDs) == 0 {
		return nil, errors.New("sample query arguments: no document was stored")
	}
	allNames, err := allEntityNames(ctx, store)
	if err != nil {
		return nil, err
	}

	// A sample of documents with their entities and claims.
	picked := make([]uuid.UUID, min(benchSampledDocuments, len(docIDs)))
	for i, k := range rng.Perm(len(docIDs))[:len(picked)] {
		picked[i] = docIDs[k]
	}
	var (
		docEntityNames [][]string // per picked document
		claims         []graph.Claim
	)
	for _, id := range picked {
		ents, err := store.DocumentEntities(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("sample query arguments: entities of document %s: %w", id, err)
		}
		names := make([]string, len(ents))
		for i, e := range ents {
			names[i] = e.Name
		}
		if len(names) > 0 {
			docEntityNames = append(docEntityNames, names)
		}
		page, err := store.Claims(ctx, graph.ClaimFilter{Document: id}, graph.PageArgs{First: graph.MaxPageSize})
		if err != nil {
			return nil, fmt.Errorf("sample query arguments: claims of document %s: %w", id, err)
		}
		claims = append(claims, page.Items...)
	}

	var speakers, abouts []string // one per use: weighted
	var texts []string
	for _, c := range claims {
		if c.SpeakerID != uuid.Nil {
			speakers = append(speakers, c.SpeakerID.String())
		}
		for _, a := range c.About {
			abouts = append(abouts, a.String())
		}
		texts = append(texts, c.Text)
	}

	if len(docEntityNames) == 0 || len(speakers) == 0 || len(abouts) == 0 || len(texts) == 0 {
		return nil, fmt.Errorf("sample query arguments: %d sampled documents have %d with entities, %d claims with a speaker, %d entities named in claims, %d claims: too few to query",
			len(picked), len(docEntityNames), len(speakers), len(abouts), len(texts))
	}

	// mix draws samples values, popular() and uniform over distinct in turn.
	mix := func(popular func() string, distinct []string) []string {
		values := make([]string, samples)
		for k := range values {
			if k%2 == 1 && len(distinct) > 0 {
				values[k] = pick(rng, distinct)
			} else {
				values[k] = popular()
			}
		}
		return values
	}
	contested, err := contestedPredicates(ctx, store)
	if err != nil {
		return nil, err
	}
	if len(contested) == 0 { // a small archive: the first page is empty
		contested = []string{string(extract.Fights)}
	}
	queries := benchQueries()
	for i := range queries {
		q := &queries[i]
		switch q.Name {
		case "entity":
			q.Values = mix(func() string { return pick(rng, pick(rng, docEntityNames)) }, allNames)
		case "speaker":
			q.Values = mix(func() string { return pick(rng, speakers) }, uniqueSorted(speakers))
		case "about":
			q.Values = mix(func() string { return pick(rng, abouts) }, uniqueSorted(abouts))
		case "contested": // the predicates that have contested groups (weighted alike)
			q.Values = mix(func() string { return pick(rng, contested) }, nil)
		case "merged": // the most popular speakers, paired and merged by mergeSpeakers
			q.Values = popularFirst(speakers, 2*benchMergedPairs)
		case "figures": // places weighted by the figures they have, and uniform
			weighted, distinct, err := figurePlaces(ctx, store, uniqueSorted(abouts))
			if err != nil {
				return nil, err
			}
			if len(distinct) == 0 {
				return nil, errors.New("sample query arguments: no place has a KILLED figure group")
			}
			q.Values = mix(func() string { return pick(rng, weighted) }, distinct)
		case "document": // documents are all equally popular
			q.Values = mix(func() string { return pick(rng, picked).String() }, nil)
		case "search": // names of entities and words of claims, in turn
			for attempt := 0; len(q.Values) < samples && attempt < 20*samples; attempt++ {
				switch len(q.Values) % 4 {
				case 0:
					q.Values = append(q.Values, pick(rng, pick(rng, docEntityNames)))
				case 1:
					q.Values = append(q.Values, pick(rng, allNames))
				default: // a word or two of a claim, as a person would type them
					if v := textQuery(rng, pick(rng, texts), len(q.Values)%4 == 2); v != "" {
						q.Values = append(q.Values, v)
					}
				}
			}
		case "filtered_claims": // bench_filters.go
			if q.Values, err = filteredClaimSamples(ctx, store, rng, claims, samples); err != nil {
				return nil, err
			}
		case "text": // half single words, half two words as they stand
			for attempt := 0; len(q.Values) < samples && attempt < 20*samples; attempt++ {
				if v := textQuery(rng, pick(rng, texts), len(q.Values)%2 == 0); v != "" {
					q.Values = append(q.Values, v)
				}
			}
			if len(q.Values) == 0 {
				return nil, errors.New("sample query arguments: no claim text has a word of 6 letters or more")
			}
		case "neighbors2", "paths3":
			sampleWalkValues(rng, q, claims, samples)
			if len(q.Values) == 0 {
				return nil, fmt.Errorf("sample query arguments: the %d sampled claims assert no relation", len(claims))
			}
		}
	}
	return queries, nil
}

// contestedPredicates lists the predicates some of whose relation groups
// are contested.
func contestedPredicates(ctx context.Context, store *graph.Store) ([]string, error) {
	var out []string
	for _, p := range extract.Predicates() {
		page, err := store.Contested(ctx, graph.ContestedFilter{Predicate: p.Value}, graph.PageArgs{First: 1})
		if err != nil {
			return nil, fmt.Errorf("sample query arguments: contested groups of %s: %w", p.Value, err)
		}
		if len(page.Items) > 0 {
			out = append(out, string(p.Value))
		}
	}
	return out, nil
}

func pick[T any](rng *rand.Rand, xs []T) T {
	return xs[rng.IntN(len(xs))]
}

func uniqueSorted(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

// textQuery picks a word of 6 letters or more of text (never a stopword),
// or, if !single, that word and the next as they stand ("rebel fighters").
// It gives "" when text has no such word.
func textQuery(rng *rand.Rand, text string, single bool) string {
	type word struct{ start, end int } // byte offsets
	var words []word
	start := -1
	for i, r := range text + " " {
		letter := unicode.IsLetter(r)
		if letter && start < 0 {
			start = i
		} else if !letter && start >= 0 {
			words = append(words, word{start, i})
			start = -1
		}
	}
	var long []int
	for i, w := range words {
		if utf8.RuneCountInString(text[w.start:w.end]) >= 6 {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return ""
	}
	i := pick(rng, long)
	w := words[i]
	if !single && i+1 < len(words) && words[i+1].start == w.end+1 && text[w.end] == ' ' {
		return text[w.start:words[i+1].end]
	}
	return text[w.start:w.end]
}

func allDocumentIDs(ctx context.Context, store *graph.Store) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	args := graph.PageArgs{First: graph.MaxPageSize}
	for {
		page, err := store.Documents(ctx, args)
		if err != nil {
			return nil, fmt.Errorf("sample query arguments: documents: %w", err)
		}
		for _, d := range page.Items {
			ids = append(ids, d.ID)
		}
		if !page.HasNext || len(page.Items) == 0 {
			return ids, nil
		}
		args.After = page.Cursors[len(page.Cursors)-1]
	}
}

// allEntityNames gives the name of every entity, once per entity.
func allEntityNames(ctx context.Context, store *graph.Store) ([]string, error) {
	var names []string
	args := graph.PageArgs{First: graph.MaxPageSize}
	for {
		page, err := store.Entities(ctx, graph.EntityFilter{}, args)
		if err != nil {
			return nil, fmt.Errorf("sample query arguments: entities: %w", err)
		}
		for _, e := range page.Items {
			names = append(names, e.Name)
		}
		if !page.HasNext || len(page.Items) == 0 {
			return names, nil
		}
		args.After = page.Cursors[len(page.Cursors)-1]
	}
}

// benchMergedPairs is how many pairs of speakers the "merged" query
// merges: the most popular ones, so that the merged lists are long.
const benchMergedPairs = 10

// popularFirst gives up to n distinct values of xs (one per use), the
// most used first.
func popularFirst(xs []string, n int) []string {
	uses := map[string]int{}
	for _, x := range xs {
		uses[x]++
	}
	distinct := uniqueSorted(xs)
	slices.SortStableFunc(distinct, func(a, b string) int { return uses[b] - uses[a] })
	return distinct[:min(n, len(distinct))]
}

// mergeSpeakers merges speakers in pairs (the second of each into the
// first), as a person would with mergeEntities, and gives the merged IDs:
// the "merged" query lists claims through them, so through a redirect and
// a union of two speakers' posting lists. It adds rows for the slowest
// merge and the claims the largest merged speaker then has; undo reverts
// the merges.
func (b *benchRun) mergeSpeakers(ctx context.Context, store *graph.Store, speakers []string) (merged []string, undo func() error, err error) {
	var entries []uuid.UUID
	undo = func() error {
		for _, id := range entries {
			if _, err := store.Undo(ctx, id, "kg bench", "the merged query is measured"); err != nil {
				return err
			}
		}
		entries = nil
		return nil
	}
	var slowest time.Duration
	most := 0
	for i := 0; i+1 < len(speakers); i += 2 {
		keep, err1 := uuid.Parse(speakers[i])
		other, err2 := uuid.Parse(speakers[i+1])
		if err := errors.Join(err1, err2); err != nil {
			return nil, undo, err
		}
		start := time.Now()
		e, err := store.Correct(ctx, graph.Correction{Op: graph.OpMergeEntities, Who: "kg bench", Reason: "measure lookups through merged IDs",
			Entity: keep, Other: other})
		took := time.Since(start)
		var ce *graph.CorrectionError
		if errors.As(err, &ce) {
			continue // already one: not a pair
		}
		if err != nil {
			return nil, undo, fmt.Errorf("merge speakers for the merged query: %w", err)
		}
		entries = append(entries, e.ID)
		slowest = max(slowest, took)
		n, err := store.CountClaims(ctx, graph.ClaimFilter{Speaker: keep})
		if err != nil {
			return nil, undo, err
		}
		most = max(most, n)
		merged = append(merged, other.String())
	}
	if len(merged) == 0 {
		return nil, undo, errors.New("the merged query: no two speakers to merge")
	}
	b.add("merge_max_ms", slowest.Seconds()*1e3, "ms").target("<=", 1000)
	b.add("merge_largest_claims", float64(most), "claims")
	return merged, undo, nil
}

// figurePlaces gives the places of the KILLED figure groups among the
// entities the sampled claims are about: once per report (weighted), and
// once each (distinct). Each is asked for by place, as a reader would:
// the groups of every place at once read more figures than one call may
// (graph's cap) in a large archive.
// maxFigureCandidates bounds the entities figurePlaces asks about.
const maxFigureCandidates = 2000

func figurePlaces(ctx context.Context, store *graph.Store, candidates []string) (weighted, distinct []string, err error) {
	if len(candidates) > maxFigureCandidates {
		candidates = candidates[:maxFigureCandidates]
	}
	for _, c := range candidates {
		id, err := uuid.Parse(c)
		if err != nil {
			continue
		}
		page, err := store.FigureGroups(ctx, graph.FigureFilter{Kind: extract.Killed, Place: id}, graph.PageArgs{First: 1})
		var argErr *graph.FigureArgError
		if errors.As(err, &argErr) || errors.Is(err, graph.ErrQueryTooBroad) {
			continue // not a place, or one with more figures than a call reads
		}
		if err != nil {
			return nil, nil, fmt.Errorf("sample query arguments: figure groups of %s: %w", c, err)
		}
		for _, g := range page.Items {
			distinct = append(distinct, c)
			for range g.Reports {
				weighted = append(weighted, c)
			}
		}
	}
	return weighted, distinct, nil
}
