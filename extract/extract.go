// Package extract turns the text of a news article into structure:
// sentences, entities (armed groups, people, organisations, places)
// resolved across spellings, claims attributed to their sources, and
// relations between actors, each tied to the claim that asserts it.
//
// It is pure: no storage and no I/O beyond reading its embedded data once,
// in New. All offsets count Unicode code points (runes), so that Python's
// text[start:end] gives back a span.
//
// The pipeline, in order:
//
//  1. Sentences: each line of the text is a paragraph; lines split at
//     sentence ends, minding abbreviations, initials and closing quotes.
//  2. Entities: the embedded gazetteer (gazetteer/*.tsv) matched on folded
//     words (see Fold), longest name first; then capitalised runs typed by
//     head words (Council, Front, Brigade ...), place context ("the town of
//     X", "X province") and person shape and context (titles, given names,
//     appositions, speech verbs). Acronyms introduced in parentheses,
//     surnames after full names, short names, "X, also known as Y" and
//     one-letter spelling slips resolve to one entity; descriptions of
//     state forces ("the regime") resolve to the state force the document
//     names (data/state_forces.txt).
//  3. Claims: direct quotes with their cue before or after, multi-sentence
//     and continued quotes, indirect speech, "according to", statements,
//     headlines ("Activist: ..."), and interview answers, with pronouns and
//     descriptions ("the monitor") resolved to the entity they stand for
//     and unnamed sources kept as words. Other sentences that name an
//     entity become NARRATIVE claims of the publisher.
//  4. Relations: trigger words and patterns (between-lists, "X-led",
//     "held by", appositions of roles, "A in B") with negation, each tied
//     to the claim whose content holds its evidence; words outside any
//     content, or in [editorial insertions], are the publisher's.
//  5. Figures: the counts of people each claim gives (Figures), each tied
//     to the place the text says it counts by the figure place rules
//     (figure_rules.go), or to none.
//
// Every entity, mention, claim and relation records the rule that made it
// and a confidence, so a user can see why it is there.
package extract

import (
	"bufio"
	"context"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/factgraph/kg/extract/gazetteer/geonames"
)

//go:embed data/given_names.txt
var givenNamesData string

//go:embed data/state_forces.txt
var stateForcesData string

//go:embed data/demonyms.txt
var demonymsData string

// Extractor holds the compiled gazetteer and word lists. It is safe for
// concurrent use; build one with New and share it.
type Extractor struct {
	gaz     *gazetteer
	generic *gazetteer // descriptions of actors: genericActors
	// stateForce marks gazetteer entries that are a country's state
	// forces; forceOf maps a country's entry to its state force's.
	stateForce map[int]bool
	forceOf    map[int]int
	givenNames map[string]bool
	// countryOf maps a lower-case demonym ("ukrainian") to its country's
	// gazetteer entry (data/demonyms.txt).
	countryOf map[string]int
	// folds caches the folded parts of words across documents (common
	// words repeat across an archive); bounded by maxFoldCache entries.
	folds *foldCache
	// buffers pools the per-document slices (docBuffers) between
	// documents: they are most of what extraction allocates.
	buffers sync.Pool
	// nameFolds caches foldWords and Fold of whole names (entity
	// candidates and mentions), which recur across documents.
	nameFolds *foldCache
	// asciiTokens are the fold-cache entries of the one-byte tokens
	// (punctuation, "a", digits), a fifth of all tokens, looked up by
	// their byte rather than in the cache's map (see foldTokens).
	asciiTokens [utf8.RuneSelf]*foldedWord
	// places is the GeoNames gazetteer (gazetteer/geonames): places the
	// curated gazetteer lacks, with their coordinates.
	places *geonames.Gazetteer
	// calibration gives claims and relations their rule's measured
	// precision as confidence (calibration.go).
	calibration calibration
}

// maxFoldCache bounds the shared fold cache; past it, words are folded
// per document (names of a long tail are rarely seen twice).
const maxFoldCache = 200_000

// New builds an Extractor from the embedded data.
func New() (*Extractor, error) {
	g, err := loadGazetteer(gazetteerFS, "gazetteer")
	if err != nil {
		return nil, err
	}
	g.main = true
	x := &Extractor{gaz: g, givenNames: map[string]bool{}, folds: newFoldCache(maxFoldCache), nameFolds: newFoldCache(maxFoldCache)}
	x.generic = &gazetteer{generic: true, byID: map[string]int{}, root: newTrieNode(), exact: map[string]int{}}
	for _, name := range genericActors {
		words := foldWords(name)
		if len(words) > 1 && (words[0] == "the") {
			words = words[1:]
		}
		canonical := strings.TrimPrefix(name, "the ")
		idx, ok := x.generic.byID[canonical]
		if !ok {
			idx = len(x.generic.entries)
			x.generic.entries = append(x.generic.entries, gazEntry{ID: canonical, Type: ArmedGroup, Name: canonical})
			x.generic.byID[canonical] = idx
		}
		x.generic.add(strings.ToLower(name), idx)
	}
	sc := bufio.NewScanner(strings.NewReader(givenNamesData))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			for _, f := range foldWords(w) {
				x.givenNames[f] = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("given names: %w", err)
	}
	x.stateForce, x.forceOf = map[int]bool{}, map[int]int{}
	for i, line := range strings.Split(stateForcesData, "\n") {
		id := strings.TrimSpace(line)
		if id == "" || strings.HasPrefix(id, "#") {
			continue
		}
		idx, ok := g.byID[id]
		if !ok {
			return nil, fmt.Errorf("data/state_forces.txt:%d: no gazetteer entry %q", i+1, id)
		}
		x.stateForce[idx] = true
		if c, ok := g.byID[g.entries[idx].Within]; ok {
			x.forceOf[c] = idx
		}
	}
	x.countryOf = map[string]int{}
	for i, line := range strings.Split(demonymsData, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		adj, id, ok := strings.Cut(line, "\t")
		idx, known := g.byID[id]
		if !ok || !known || g.entries[idx].PlaceKind != Country {
			return nil, fmt.Errorf("data/demonyms.txt:%d: want ADJECTIVE<TAB>country id, got %q", i+1, line)
		}
		x.countryOf[strings.ToLower(adj)] = idx
	}
	if x.calibration, err = parseCalibration(calibrationData); err != nil {
		return nil, err
	}
	if x.places, err = geonames.Default(); err != nil {
		return nil, fmt.Errorf("GeoNames gazetteer: %w", err)
	}
	for c := range x.asciiTokens {
		// the token tokenize makes of this one byte (none of a space)
		t := token{text: string(rune(c)), kind: punctToken}
		if toks := newDoc(t.text).tokens; len(toks) == 1 {
			t = toks[0]
		}
		x.asciiTokens[c] = x.foldWord(t, true)
	}
	return x, nil
}

// Extract runs the whole pipeline on one article.
func (x *Extractor) Extract(a Article) Result {
	return x.ExtractContext(context.Background(), a)
}

// ExtractContext runs the whole pipeline on one article until ctx is
// done: it looks at ctx between stages and every thousand or so sentences
// and tokens within them, and a stage stopped is named in the result's
// Failures ("claims: stopped: context deadline exceeded"), as a stage that
// failed is. A server passes its request's context, so that a request
// past its deadline stops extracting; the caller must not store a result
// whose ctx was done (it is incomplete).
func (x *Extractor) ExtractContext(ctx context.Context, a Article) Result {
	b, _ := x.buffers.Get().(*docBuffers)
	if b == nil {
		b = &docBuffers{}
	}
	defer func() {
		b.release()
		x.buffers.Put(b)
	}()
	d := newDocIn(a.Text, b)
	if ctx.Done() != nil {
		d.ctx = ctx
	}
	var failures []string
	var ents []Entity
	var tokEnt []int
	entitiesOK := guard(&failures, "entities", func() { ents, tokEnt = x.findEntities(d, a.Publisher) })
	if !entitiesOK {
		ents, tokEnt = nil, make([]int, len(d.tokens))
		for i := range tokEnt {
			tokEnt[i] = NoEntity
		}
	}
	publisher := x.publisherEntity(a.Publisher, &ents)
	cf := &claimFinder{}
	var claims []Claim
	guard(&failures, "claims", func() { d.checkStop(true); claims = x.findClaimsWith(d, a, ents, tokEnt, cf) })
	for i := range claims {
		if claims[i].Kind == Narrative && publisher != NoEntity {
			claims[i].Speaker = publisher
			claims[i].SpeakerText = ents[publisher].Name
		}
	}
	var rels []Relation
	if len(failures) == 0 { // relations read the claim finder's state
		found := len(claims)
		if !guard(&failures, "relations", func() { rels = x.findRelations(d, ents, tokEnt, &claims, cf.interview, publisher, cf.inQuote) }) {
			rels, claims = nil, claims[:found]
		}
	}
	// claims made on demand for relations need their about lists
	for i := range claims {
		if claims[i].About == nil || len(claims[i].About) == 0 {
			claims[i].About = cf.about(claims[i].Span, claims[i].Speaker)
		}
	}
	x.calibration.apply(claims, rels)
	res := Result{Entities: ents, Claims: claims, Relations: rels, Publisher: publisher, Failures: failures}
	res.Sentences = make([]Sentence, len(d.sentences))
	for i, s := range d.sentences {
		res.Sentences[i] = s.Sentence
	}
	guard(&res.Failures, "figures", func() {
		if !entitiesOK {
			lowerTokens(d.tokens) // foldTokens did not run
		}
		res.Figures = claimFigures(d, res.Sentences, ents, claims)
	})
	return res
}

// guard runs one stage of the pipeline. A panic in it is recorded in
// failures under the stage's name and guard reports false, so that the
// stages before it keep their output and the document is still stored.
func guard(failures *[]string, stage string, run func()) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			if s, stopped := p.(errStopped); stopped {
				*failures = append(*failures, fmt.Sprintf("%s: stopped: %v", stage, s.err))
			} else {
				*failures = append(*failures, fmt.Sprintf("%s: panic: %v", stage, p))
			}
			ok = false
		}
	}()
	run()
	return true
}

func (x *Extractor) findClaimsWith(d *doc, a Article, ents []Entity, tokEnt []int, cf *claimFinder) []Claim {
	*cf = claimFinder{x: x, d: d, a: a, ents: ents, tokEnt: tokEnt, claimed: make([]bool, len(d.sentences)), lastSentence: -10, titleLine: -1,
		claims: make([]Claim, 0, len(d.sentences))} // most sentences carry one claim
	cf.quotes = findQuotes(d.runes)
	cf.findTitle()
	cf.detectInterview()
	for si := range d.sentences {
		d.checkStop(false)
		cf.sentence(si)
	}
	cf.resolveHeadlineSpeakers()
	if len(cf.claims) == 0 {
		return nil // as before the room was made
	}
	return cf.claims
}

// publisherEntity returns the entity standing for the publisher, adding
// one (without mentions) when the text does not name it.
func (x *Extractor) publisherEntity(name string, ents *[]Entity) int {
	name = strings.TrimSpace(name)
	if name == "" {
		return NoEntity
	}
	key := string(Organization) + ":" + Fold(name)
	// the gazetteer may know the outlet
	if m, ok := x.gaz.lookup(name); ok {
		key = "gaz:" + x.gaz.entries[m].ID
	}
	for i, e := range *ents {
		if e.Key == key {
			return i
		}
	}
	e := Entity{Key: key, Name: name, Type: Organization, Aliases: []string{}, Mentions: []Mention{}, Rule: "publisher", Confidence: 1}
	if strings.HasPrefix(key, "gaz:") {
		g := x.gaz.entries[x.gaz.byID[strings.TrimPrefix(key, "gaz:")]]
		e.Name, e.Type, e.PlaceKind = g.Name, g.Type, g.PlaceKind
		e.Aliases = make([]string, 0, len(g.Aliases))
		for _, a := range g.Aliases {
			e.Aliases = append(e.Aliases, strings.TrimPrefix(a, "="))
		}
	}
	*ents = append(*ents, e)
	return len(*ents) - 1
}

// foldName folds a name into its words and its Fold key, and caches both.
func (x *Extractor) foldName(name string) *foldedWord {
	parts := foldWords(name)
	w := &foldedWord{parts: parts, joined: strings.Join(parts, "")}
	x.nameFolds.put(strings.Clone(name), w) // not the document's memory
	return w
}

// locate looks a place name up in GeoNames: the first match (countries,
// provinces and cities first, then by population), where it lies, its
// kind, and the match's guard (an English word or a given name).
func (x *Extractor) locate(name string) (*Geo, PlaceKind, geonames.Guard, bool) {
	places, guard := x.places.Lookup(Fold(name))
	if len(places) == 0 {
		return nil, "", 0, false
	}
	p := places[0]
	geo := &Geo{GeoNamesID: p.ID(), Country: p.Country, Precision: p.UCDPPrecision()}
	if p.HasCoords() {
		geo.Latitude, geo.Longitude = p.Lat, p.Lon
	}
	return geo, PlaceKind(p.Kind), guard, true
}
