package graph

import (
	"bytes"
	"container/heap"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// Search is ranked full-text search over entities (every name and alias)
// and claims (their text), answered from the sw/ and sn/ posting blocks
// (searchindex.go), which each document writes in its own transaction.
//
// A query is cut into words twice: as claim terms (searchterms.go: folded,
// stemmed, stopwords left out) and as name words (extract.FoldWords: the
// folding of names, transliteration included). Each word matches its own
// term exactly, and, when it has 3 runes or more, every term it is a
// prefix of, at prefixWeight ("kill" finds "kill" — killed, killing,
// killings — and, lower, "killer"; "assa" finds "Assad"). Only the first
// maxSearchWords words count.
//
// Ranking is BM25 (k1 1.2, b 0.75): per query word, the best of its
// matching terms, idf × tf(k1+1) / (tf + k1(1 − b + b·len/avglen)), summed
// over the words. Document frequencies are the counts in the block keys
// (no value read); N is the number of claims, or of entities. A claim's
// tf and length are in its posting. An entity is scored on its best name:
// tf 1, the name's length in words, avglen 2, ×1.25 when the query
// covers every word of the name exactly, × the share of the query's words
// the name matches, and then ×nameBoost, so that an entity that the query
// names outranks the claims that name it. Name words match by prefix
// from 4 runes (folding makes "kill" "kil", a prefix of "Kilis").
//
// Bounds: a query reads at most maxSearchKeys block keys to find its
// terms, and at most maxSearchPostings postings, rarest term first; a
// term whose postings do not all fit is read from its newest block back
// until the budget is spent, and the page says Truncated (its hits come
// from the newest of the claims that term is in). A query with no word
// to search is ErrQueryTooBroad. At most maxEntityCandidates entities,
// the best by their words' idf, are scored on their names.

// MaxSearchWords, MaxSearchPostings and MaxSearchReads bound a search:
// the words of a query that count, the postings it reads, and the keys
// and entity records it reads to find and score its hits (the page's
// claims aside, one record each).
const (
	MaxSearchWords    = maxSearchWords
	MaxSearchPostings = maxSearchPostings
	MaxSearchReads    = maxSearchKeys + maxEntityCandidates
)

const (
	maxSearchWords      = 8
	maxSearchKeys       = 4096
	maxSearchPostings   = 20_000
	maxEntityCandidates = 200
	minPrefixRunes      = 3
	minNamePrefixRunes  = 4
	prefixWeight        = 0.6
	bm25K1              = 1.2
	bm25B               = 0.75
	// avgClaimWords is the average length of a claim's text in words, on
	// the project's articles (BM25's avglen; a constant rather than a
	// stored statistic: it moves little).
	avgClaimWords = 30
	avgNameWords  = 2
	coverBoost    = 1.25
	nameBoost     = 1.5
	snippetRunes  = 200
)

// SearchKind is what a search hit is.
type SearchKind string

// The kinds of search hits; entities rank before claims on equal scores.
const (
	SearchEntity SearchKind = "ENTITY"
	SearchClaim  SearchKind = "CLAIM"
)

// SearchFilter is a search: its query and the hits it may give.
type SearchFilter struct {
	Query string
	// Kinds and EntityTypes choose hits: a claim if Kinds has
	// SearchClaim, an entity if Kinds has SearchEntity or EntityTypes has
	// its type; every hit when both are empty.
	Kinds       []SearchKind
	EntityTypes []extract.EntityType
	// Since and Until bound the claims' publication dates, by day and
	// inclusive ("2014-06-11" or RFC 3339, see PublicationDay; "" no
	// bound). With either, claims without a date and entities (which have
	// none) are left out.
	Since, Until string
}

// SearchSpan is a match in a hit's text, in code points.
type SearchSpan struct{ Start, End int }

// SearchHit is one hit of a search.
type SearchHit struct {
	Kind  SearchKind
	Score float64
	// Entity (as corrected) or Claim, by Kind.
	Entity Entity
	Claim  Claim
	// Name is the name or alias of the entity that matched best.
	Name string
	// Text is what Spans and Snippet are of: the claim's text, or Name.
	Text string
	// Snippet is Text[SnippetStart:] cut to 200 code points around the
	// first match (code points, like the spans).
	Snippet      string
	SnippetStart int
	Spans        []SearchSpan
}

// SearchPage is a page of hits, best first.
type SearchPage struct {
	Page[SearchHit]
	// Truncated: a term was in too many claims or entities to read all
	// of its postings (see Search).
	Truncated bool
	// Total is the number of hits on all pages (of those read, when
	// Truncated).
	Total int
}

// queryWord is a word of the query for one index: the word as the index
// has it, the index words to look up by prefix and exactly, and, for
// claims, its stem (see searchterms.go).
type queryWord struct {
	word     string
	stem     string
	prefixes []string
	exact    []string
}

// termList is a term found for a query word, with its blocks' keys.
type termList struct {
	word   int // index of the query word
	term   string
	weight float64
	df     int
	keys   [][]byte
}

// searchCursorLen: a hit's cursor is its score's bits, its kind and ID.
const searchCursorLen = 8 + 1 + idLen

// rankedHit is a hit's place in the ranking.
type rankedHit struct {
	score float64
	kind  byte // 0 entity, 1 claim
	id    uuid.UUID
	entry int // index in the entity or claim candidates
}

// before reports whether a ranks before b: higher score, then entities,
// then the newer ID.
func (a *rankedHit) before(b *rankedHit) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.kind != b.kind {
		return a.kind < b.kind
	}
	return bytes.Compare(a.id[:], b.id[:]) > 0
}

func (a *rankedHit) cursor() string {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, searchCursorLen), math.Float64bits(a.score))
	b = append(b, a.kind)
	return encodeCursor(append(b, a.id[:]...))
}

// hitHeap keeps the best hits, worst on top.
type hitHeap []rankedHit

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return h[j].before(&h[i]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)        { *h = append(*h, x.(rankedHit)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// searchQuery is a search being answered.
type searchQuery struct {
	s         *Store
	txn       *badger.Txn
	o         *overlay
	f         SearchFilter
	since     int64
	until     int64
	claims    bool
	entities  bool
	truncated bool
	budget    int
	keysRead  int
}

// Search answers f, best hits first (see the comment above for the
// ranking and the bounds). The retracted claims are left out; an entity
// merged into another is answered as the entity kept.
func (s *Store) Search(ctx context.Context, f SearchFilter, args PageArgs) (SearchPage, error) {
	var after *rankedHit
	if args.After != "" {
		c, err := decodeCursor(args.After, searchCursorLen)
		if err != nil {
			return SearchPage{}, err
		}
		after = &rankedHit{score: math.Float64frombits(binary.BigEndian.Uint64(c)), kind: c[8], id: uuid.UUID(c[9:])}
	}
	q := &searchQuery{s: s, o: s.overlay(), f: f, budget: maxSearchPostings}
	var err error
	if q.since, err = searchDay("since", f.Since); err != nil {
		return SearchPage{}, err
	}
	if q.until, err = searchDay("until", f.Until); err != nil {
		return SearchPage{}, err
	}
	q.claims = len(f.Kinds) == 0 && len(f.EntityTypes) == 0 || slices.Contains(f.Kinds, SearchClaim)
	q.entities = (len(f.Kinds) == 0 || slices.Contains(f.Kinds, SearchEntity) || len(f.EntityTypes) > 0) &&
		q.since == 0 && q.until == 0
	claimWords, nameWords := claimQueryWords(f.Query), nameQueryWords(f.Query)
	if len(claimWords) == 0 && len(nameWords) == 0 {
		return SearchPage{}, fmt.Errorf("%w: %q", ErrQueryTooBroad, f.Query)
	}
	limit := pageSize(args)
	var page SearchPage
	page.Page = newPage[SearchHit](limit)
	st, err := s.Stats(ctx)
	if err != nil {
		return SearchPage{}, err
	}
	err = s.view(ctx, func(txn *badger.Txn) error {
		q.txn = txn
		best := make(hitHeap, 0, limit+1)
		keep := func(h rankedHit) {
			page.Total++
			if after != nil && !after.before(&h) {
				return
			}
			if len(best) <= limit {
				heap.Push(&best, h)
			} else if h.before(&best[0]) {
				best[0] = h
				heap.Fix(&best, 0)
			}
		}
		var ents []entityHit
		if q.entities && len(nameWords) > 0 {
			ents, err = q.entityHits(ctx, nameWords, st.Entities)
			if err != nil {
				return err
			}
			for i := range ents {
				keep(rankedHit{score: ents[i].score, kind: 0, id: ents[i].e.ID, entry: i})
			}
		}
		var claims *claimScores
		if q.claims && len(claimWords) > 0 {
			claims, err = q.claimHits(ctx, claimWords, st.Claims)
			if err != nil {
				return err
			}
			for i, id := range claims.ids {
				if !q.o.empty && q.o.retracted(id) {
					continue
				}
				keep(rankedHit{score: claims.total(i), kind: 1, id: id, entry: i})
			}
		}
		page.Truncated = q.truncated
		hits := make([]rankedHit, len(best))
		for i := len(best) - 1; i >= 0; i-- {
			hits[i] = heap.Pop(&best).(rankedHit)
		}
		if len(hits) > limit {
			hits, page.HasNext = hits[:limit], true
		}
		docs := s.newDocReader(txn)
		for _, h := range hits {
			var hit SearchHit
			if h.kind == 0 {
				hit = ents[h.entry].hit()
			} else {
				c, err := claim(docs, h.id)
				if err != nil {
					return err
				}
				q.o.applyClaim(&c)
				hit = SearchHit{Kind: SearchClaim, Claim: c, Text: c.Text}
				hit.Spans = claims.spans(c.Text)
				hit.Snippet, hit.SnippetStart = snippet(c.Text, hit.Spans)
			}
			hit.Score = h.score
			page.Items = append(page.Items, hit)
			page.Cursors = append(page.Cursors, h.cursor())
		}
		return nil
	})
	if err != nil {
		return SearchPage{}, fmt.Errorf("graph: search %q: %w", f.Query, err)
	}
	return page, nil
}

// searchDay reads a since or until bound.
func searchDay(name, v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	d := PublicationDay(v)
	if d == 0 {
		return 0, fmt.Errorf("graph: search %s %q: %w", name, v, ErrInvalidInput)
	}
	return d, nil
}

// nameQueryWords gives the words of a query as the name index has them.
func nameQueryWords(query string) []queryWord {
	var words []queryWord
	for _, w := range extract.FoldWords(query) {
		if len(words) == maxSearchWords {
			break
		}
		if nameStopwords[w] || slices.ContainsFunc(words, func(q queryWord) bool { return q.word == w }) {
			continue
		}
		qw := queryWord{word: w}
		if utf8.RuneCountInString(w) >= minNamePrefixRunes {
			qw.prefixes = []string{w}
		} else {
			qw.exact = []string{w}
		}
		words = append(words, qw)
	}
	return words
}

// findTerms lists the index words of the query words under the index
// prefix index, with their blocks' keys, rarest first, while the key
// bound allows.
func (q *searchQuery) findTerms(ctx context.Context, index string, words []queryWord) ([]*termList, error) {
	it := q.txn.NewIterator(badger.IteratorOptions{Prefix: []byte(index)})
	defer it.Close()
	var terms []*termList
	byTerm := map[string]*termList{}
	scan := func(word int, prefix string, exact bool) error {
		if utf8.RuneCountInString(prefix) < minPrefixRunes {
			exact = true
		}
		start := append([]byte(index), prefix...)
		if exact {
			start = append(start, sep)
		}
		mine := map[*termList]bool{} // a term another scan found has all its keys
		for it.Seek(start); it.ValidForPrefix(start); it.Next() {
			if q.keysRead++; q.keysRead > maxSearchKeys {
				q.truncated = true
				return nil
			}
			if q.keysRead%ctxCheckEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			k := it.Item().Key()
			if len(k) < len(index)+1+blockTail {
				return fmt.Errorf("key %q: %w", k, errCorrupt)
			}
			term := string(k[len(index) : len(k)-blockTail-1])
			key := string([]byte{byte(word)}) + term
			t := byTerm[key]
			if t == nil {
				t = &termList{word: word, term: term, weight: q.weight(&words[word], term)}
				byTerm[key] = t
				terms = append(terms, t)
				mine[t] = true
			} else if !mine[t] {
				continue
			}
			t.df += blockCount(k)
			t.keys = append(t.keys, it.Item().KeyCopy(nil))
		}
		return nil
	}
	for i, w := range words {
		for _, e := range w.exact {
			if err := scan(i, e, true); err != nil {
				return nil, err
			}
		}
		for _, p := range w.prefixes {
			if err := scan(i, p, false); err != nil {
				return nil, err
			}
		}
	}
	slices.SortStableFunc(terms, func(a, b *termList) int { return a.df - b.df })
	return terms, nil
}

// weight is how much an index word found for w counts: fully if it is w
// or, for claims, shares its stem; else prefixWeight.
func (q *searchQuery) weight(w *queryWord, term string) float64 {
	if term == w.word || w.stem != "" && stemWord(term) == w.stem {
		return 1
	}
	return prefixWeight
}

// idf is BM25's inverse document frequency.
func idf(n, df int) float64 {
	n = max(n, df)
	return math.Log(1 + (float64(n-df)+0.5)/(float64(df)+0.5))
}

// bm25 is BM25's weight of a term's tf in a text of length words.
func bm25(tf, length int, avg float64) float64 {
	t := float64(tf)
	return t * (bm25K1 + 1) / (t + bm25K1*(1-bm25B+bm25B*float64(length)/avg))
}

// readBlocks calls fn with the value of each key, newest first when the
// budget does not hold them all, until the budget is spent.
func (q *searchQuery) readBlocks(t *termList, fn func(v []byte) error) error {
	keys := t.keys
	if t.df > q.budget {
		q.truncated = true
		keys = slices.Clone(keys)
		slices.Reverse(keys)
	}
	for _, k := range keys {
		n := blockCount(k)
		if n > q.budget {
			q.truncated = true
			return nil
		}
		q.budget -= n
		item, err := q.txn.Get(k)
		if err != nil {
			return fmt.Errorf("block %q: %w", k, err)
		}
		if err := item.Value(fn); err != nil {
			return fmt.Errorf("block %q: %w", k, err)
		}
	}
	return nil
}

// claimScores are the claims found, with each query word's best score.
type claimScores struct {
	words  int
	ids    []uuid.UUID
	scores []float64 // words per claim
	index  map[uuid.UUID]int32
	terms  map[string]bool // every term found, for the spans
}

func (c *claimScores) total(i int) float64 {
	sum := 0.0
	for _, s := range c.scores[i*c.words : (i+1)*c.words] {
		sum += s
	}
	return sum
}

// claimHits scores the claims of the query's claim words.
func (q *searchQuery) claimHits(ctx context.Context, words []queryWord, n int) (*claimScores, error) {
	terms, err := q.findTerms(ctx, pClaimWord, words)
	if err != nil {
		return nil, err
	}
	cs := &claimScores{words: len(words), index: map[uuid.UUID]int32{}, terms: map[string]bool{}}
	var postings []searchPosting
	for _, t := range terms {
		cs.terms[t.term] = true
		w := t.weight * idf(n, t.df)
		err := q.readBlocks(t, func(v []byte) (err error) {
			postings, err = decodeSearchBlock(v, postings[:0])
			if err != nil {
				return err
			}
			for i := range postings {
				p := &postings[i]
				if q.since != 0 && (p.day == 0 || p.day < q.since) || q.until != 0 && (p.day == 0 || p.day > q.until) {
					continue
				}
				j, ok := cs.index[p.id]
				if !ok {
					j = int32(len(cs.ids))
					cs.index[p.id] = j
					cs.ids = append(cs.ids, p.id)
					cs.scores = append(cs.scores, make([]float64, len(words))...)
				}
				s := &cs.scores[int(j)*len(words)+t.word]
				*s = max(*s, w*bm25(p.tf, p.length, avgClaimWords))
			}
			return ctx.Err()
		})
		if err != nil {
			return nil, err
		}
	}
	return cs, nil
}

// spans finds the words of text whose terms the query found.
func (c *claimScores) spans(text string) []SearchSpan {
	var spans []SearchSpan
	forEachWordAt(text, func(w string, start, end int) {
		if c.terms[w] {
			spans = append(spans, SearchSpan{start, end})
		}
	})
	return spans
}

// snippet cuts text to snippetRunes code points around the first span.
func snippet(text string, spans []SearchSpan) (string, int) {
	runes := []rune(text)
	if len(runes) <= snippetRunes {
		return text, 0
	}
	start := 0
	if len(spans) > 0 {
		start = max(0, spans[0].Start-snippetRunes/4)
	}
	start = min(start, len(runes)-snippetRunes)
	// Start at a word: skip the rest of a word cut in two.
	limit := len(runes)
	if len(spans) > 0 {
		limit = spans[0].Start
	}
	for start > 0 && start < limit && isWordRune(runes[start-1]) {
		start++
	}
	for start > 0 && start < limit && unicode.IsSpace(runes[start]) {
		start++
	}
	end := min(len(runes), start+snippetRunes)
	return string(runes[start:end]), start
}

// entityHit is an entity scored on its names.
type entityHit struct {
	e     Entity
	score float64
	name  string
	spans []SearchSpan
}

func (h *entityHit) hit() SearchHit {
	return SearchHit{Kind: SearchEntity, Entity: h.e, Name: h.name, Text: h.name, Snippet: h.name, Spans: h.spans}
}

// entityHits finds the entities of the query's name words and scores
// them on their names, as corrected.
func (q *searchQuery) entityHits(ctx context.Context, words []queryWord, n int) ([]entityHit, error) {
	terms, err := q.findTerms(ctx, pSearchName, words)
	if err != nil {
		return nil, err
	}
	idfs := map[string]float64{} // by word index and term, for the names
	found := map[uuid.UUID]float64{}
	var ids []uuid.UUID
	for _, t := range terms {
		w := t.weight * idf(n, t.df)
		idfs[string([]byte{byte(t.word)})+t.term] = idf(n, t.df)
		err := q.readBlocks(t, func(v []byte) (err error) {
			ids, err = decodeIDBlock(v, ids[:0])
			for _, id := range ids {
				found[id] += w
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	type cand struct {
		id    uuid.UUID
		score float64
	}
	cands := make([]cand, 0, len(found))
	for id, s := range found {
		cands = append(cands, cand{id, s})
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return bytes.Compare(a.id[:], b.id[:])
	})
	if len(cands) > maxEntityCandidates {
		cands, q.truncated = cands[:maxEntityCandidates], true
	}
	ids = ids[:0]
	for _, c := range cands {
		ids = append(ids, c.id)
	}
	if !q.o.empty {
		// The entities corrections named: not in the sn/ lists by those
		// names.
		for _, list := range q.o.names {
			ids = append(ids, list...)
		}
		for id := range q.o.virtual {
			ids = append(ids, id)
		}
	}
	gen := q.s.entityRecords.generation()
	seen := map[uuid.UUID]bool{}
	var hits []entityHit
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e, err := q.s.effectiveEntity(q.txn, gen, q.o, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if seen[e.ID] {
			continue
		}
		seen[e.ID] = true
		if !q.entityWanted(&e) {
			continue
		}
		h := entityHit{e: e}
		for _, name := range storedNames(&e) {
			score, spans := scoreName(name, words, idfs, n)
			if score > h.score {
				h.score, h.name, h.spans = score, name, spans
			}
		}
		if h.score > 0 {
			h.score *= nameBoost
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// entityWanted applies the filter's kinds and types to an entity.
func (q *searchQuery) entityWanted(e *Entity) bool {
	if len(q.f.Kinds) == 0 && len(q.f.EntityTypes) == 0 || slices.Contains(q.f.Kinds, SearchEntity) {
		return true
	}
	return slices.Contains(q.f.EntityTypes, e.Type)
}

// scoreName scores one name against the query's name words: each word's
// best match among the name's words (exact, or by prefix at
// prefixWeight), weighted by the idf of the term it matched (or, for a
// name a correction gave, of the word as if it were in one entity), and
// gives the spans (code points of name) of the words that matched.
func scoreName(name string, words []queryWord, idfs map[string]float64, n int) (float64, []SearchSpan) {
	type part struct {
		fold       string
		start, end int
	}
	var parts []part
	pos := 0
	tokenStart := -1
	flush := func(end int, token string) {
		for _, f := range extract.FoldWords(token) {
			parts = append(parts, part{f, tokenStart, end})
		}
	}
	var token strings.Builder
	for _, r := range name {
		if r == ' ' || r == ',' || r == '(' || r == ')' || r == '/' || r == '.' && token.Len() == 0 {
			if tokenStart >= 0 {
				flush(pos, token.String())
				token.Reset()
				tokenStart = -1
			}
		} else {
			if tokenStart < 0 {
				tokenStart = pos
			}
			token.WriteRune(r)
		}
		pos++
	}
	if tokenStart >= 0 {
		flush(pos, token.String())
	}
	if len(parts) == 0 {
		return 0, nil
	}
	score := 0.0
	matched := make([]bool, len(parts))
	exact := make([]bool, len(parts))
	nWords := 0
	for i, w := range words {
		best, bestPart := 0.0, -1
		for j, p := range parts {
			weight := 0.0
			switch {
			case p.fold == w.word:
				weight = 1
			case len(w.prefixes) > 0 && strings.HasPrefix(p.fold, w.word):
				weight = prefixWeight
			default:
				continue
			}
			d, ok := idfs[string([]byte{byte(i)})+p.fold]
			if !ok {
				d = idf(n, 1)
			}
			if s := weight * d; s > best {
				best, bestPart = s, j
			}
		}
		if bestPart >= 0 {
			matched[bestPart] = true
			exact[bestPart] = exact[bestPart] || parts[bestPart].fold == w.word
			score += best * bm25(1, len(parts), avgNameWords)
			nWords++
		}
	}
	if score == 0 {
		return 0, nil
	}
	var spans []SearchSpan
	all := true
	for j, p := range parts {
		all = all && exact[j]
		if !matched[j] {
			continue
		}
		if k := len(spans); k > 0 && spans[k-1].Start == p.start {
			continue // two parts of one token (al-Nusra)
		}
		spans = append(spans, SearchSpan{p.start, p.end})
	}
	if all {
		score *= coverBoost
	}
	// The query words the name leaves out count against it: a name that
	// matches one word of three is not what the query is about.
	return score * float64(nWords) / float64(len(words)), spans
}
