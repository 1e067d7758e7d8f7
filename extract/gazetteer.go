package extract

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed gazetteer/*.tsv
var gazetteerFS embed.FS

// gazEntry is one row of the gazetteer: a real-world entity and its names.
type gazEntry struct {
	ID        string
	Type      EntityType
	PlaceKind PlaceKind
	Name      string
	Aliases   []string
	Within    string
	// heads are the organisation and armed-group head words of the name
	// and aliases ("council", "observatory"), for short names.
	heads []string
}

// gazetteer finds known names in token sequences. Names are matched on
// their folded word parts (see Fold), longest first, through a trie;
// names marked case-sensitive in the data match their exact spelling.
type gazetteer struct {
	// main and generic mark the Extractor's own gazetteer and its
	// generic actors, whose first trie steps foldTokens caches per word.
	main, generic bool
	entries       []gazEntry
	byID          map[string]int
	root          *trieNode
	exact         map[string]int // case-sensitive single- or multi-word names
	maxWord       int            // most words in an exact name
	// nodes, when set, hands out the trie's nodes (a document's
	// gazetteer, see localGazetteer); else each is allocated.
	nodes *trieSlab
}

type trieNode struct {
	next  map[string]*trieNode
	entry int  // index into entries, or -1
	upper bool // the name as written has a capital letter
}

func newTrieNode() *trieNode { return &trieNode{entry: -1} }

func (g *gazetteer) newNode() *trieNode {
	if g.nodes != nil {
		return g.nodes.node()
	}
	return newTrieNode()
}

// trieSlab hands out trie nodes from chunks it keeps from one document to
// the next, with their maps (cleared, not dropped).
type trieSlab struct {
	chunks [][]trieNode // fixed-size chunks, so handed-out pointers stay valid
	used   int
}

const trieSlabChunk = 64

func (s *trieSlab) node() *trieNode {
	c := s.used / trieSlabChunk
	if c == len(s.chunks) {
		s.chunks = append(s.chunks, make([]trieNode, trieSlabChunk))
	}
	n := &s.chunks[c][s.used%trieSlabChunk]
	s.used++
	n.entry, n.upper = -1, false
	return n
}

// reset takes every node back, emptying their maps (which hold the last
// document's words).
func (s *trieSlab) reset() {
	for i := range s.used {
		clear(s.chunks[i/trieSlabChunk][i%trieSlabChunk].next)
	}
	s.used = 0
}

// localGazetteer is the gazetteer of one document's own names (see
// entityFinder.propagate), kept in the pooled buffers: a document's trie
// nodes and maps are those of the last document, emptied. It keeps no
// gazEntry: an entry is the index of its entity (entity).
type localGazetteer struct {
	gazetteer
	slab trieSlab
	// entity is the entity index of each entry (gazetteer indexes).
	entity []int
}

// start empties the gazetteer for a new document.
func (l *localGazetteer) start() *gazetteer {
	l.release()
	if l.exact == nil {
		l.exact = map[string]int{}
	}
	l.nodes = &l.slab
	l.root = l.slab.node()
	return &l.gazetteer
}

// release drops what the gazetteer holds of the last document.
func (l *localGazetteer) release() {
	l.slab.reset()
	l.root = nil
	clear(l.exact)
	l.maxWord = 0
	l.entity = l.entity[:0]
}

// loadGazetteer reads every *.tsv file of fsys's gazetteer directory.
// Columns: id, type, placeKind, name, aliases (|-separated, "=" prefix for
// case-sensitive), within. "-" is an empty column.
func loadGazetteer(fsys fs.FS, dir string) (*gazetteer, error) {
	g := &gazetteer{byID: map[string]int{}, root: newTrieNode(), exact: map[string]int{}}
	files, err := fs.Glob(fsys, path.Join(dir, "*.tsv"))
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	sort.Strings(files)
	for _, name := range files {
		if err := g.loadFile(fsys, name); err != nil {
			return nil, err
		}
	}
	return g, nil
}

func (g *gazetteer) loadFile(fsys fs.FS, name string) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("gazetteer %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 6 {
			return fmt.Errorf("gazetteer %s:%d: %d columns, want 6", name, line, len(cols))
		}
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
			if cols[i] == "-" {
				cols[i] = ""
			}
		}
		e := gazEntry{ID: cols[0], Type: EntityType(cols[1]), PlaceKind: PlaceKind(cols[2]), Name: cols[3], Within: cols[5]}
		switch e.Type {
		case ArmedGroup, Person, Organization, Place:
		default:
			return fmt.Errorf("gazetteer %s:%d: unknown type %q", name, line, cols[1])
		}
		if e.ID == "" || e.Name == "" {
			return fmt.Errorf("gazetteer %s:%d: id and name are required", name, line)
		}
		if _, dup := g.byID[e.ID]; dup {
			return fmt.Errorf("gazetteer %s:%d: duplicate id %q", name, line, e.ID)
		}
		if cols[4] != "" {
			for _, a := range strings.Split(cols[4], "|") {
				if a = strings.TrimSpace(a); a != "" {
					e.Aliases = append(e.Aliases, a)
				}
			}
		}
		e.heads = appendHeads(nil, e.Name)
		for _, a := range e.Aliases {
			e.heads = appendHeads(e.heads, a)
		}
		idx := len(g.entries)
		g.entries = append(g.entries, e)
		g.byID[e.ID] = idx
		g.add(e.Name, idx)
		for _, a := range e.Aliases {
			g.add(a, idx)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer %s: %w", name, err)
	}
	return nil
}

// add indexes one name of entry idx. The first entry to claim a name keeps it.
func (g *gazetteer) add(name string, idx int) {
	if !strings.HasPrefix(name, "=") {
		g.addParts(name, foldWords(name), idx)
		return
	}
	if strings.HasPrefix(name, "=") {
		name = name[1:]
		if _, ok := g.exact[name]; !ok {
			g.exact[name] = idx
		}
		if n := len(strings.Fields(name)); n > g.maxWord {
			g.maxWord = n
		}
		return
	}
}

// addParts indexes a name already folded into parts.
func (g *gazetteer) addParts(name string, parts []string, idx int) {
	if len(parts) == 0 {
		return
	}
	node := g.root
	for _, p := range parts {
		if node.next == nil {
			node.next = map[string]*trieNode{}
		}
		child := node.next[p]
		if child == nil {
			child = g.newNode()
			node.next[p] = child
		}
		node = child
	}
	if node.entry < 0 {
		node.entry = idx
		node.upper = strings.IndexFunc(name, unicode.IsUpper) >= 0
	}
}

// gazMatch is a gazetteer name found at tokens[start:end].
type gazMatch struct {
	start, end int // token indexes
	entry      int
}

// tokenParts are the folded word parts of each token, computed once per
// document: parts[i] for token i at the start of a name, alt[i] for the
// same token inside a name (where a fused article is dropped).
type tokenParts struct {
	parts [][]string
	alt   [][]string
	// root1 is the main gazetteer's trie node reached from its root by
	// each token's parts (nil if none): the first step of every match;
	// rootGeneric the same in the generic actors' trie.
	root1, rootGeneric []*trieNode
}

// foldWord computes the fold-cache entry of t (its lower case too). With
// keep (the entry is for the cache), nothing in it shares memory with the
// document: word is a copy of t.text, lower is word or made by ToLower,
// and short parts, which foldSpelling returns as they are, are copied
// too, so the cache keeps no document's text alive.
func (x *Extractor) foldWord(t token, keep bool) *foldedWord {
	t.lower = strings.ToLower(t.text)
	w := &foldedWord{word: t.text, lower: t.lower, lex: lexiconsOf(t.text, t.lower), trigger: triggerClasses[t.lower]}
	if keep {
		w.word = strings.Clone(t.text)
		w.lower = w.word
		if t.lower != t.text {
			w.lower = t.lower // made by ToLower, not the document's
		}
	}
	if t.kind == punctToken {
		return w // no parts
	}
	w.parts = foldToken(t)
	if keep {
		for i, p := range w.parts {
			w.parts[i] = strings.Clone(p)
		}
	}
	w.node = walk(x.gaz.root, w.parts)
	w.generic = walk(x.generic.root, w.parts)
	if p := w.parts; len(p) > 0 {
		if d := dropFusedArticle(p[0]); d != p[0] {
			w.alt = append([]string{d}, p[1:]...)
		}
	}
	return w
}

// foldTokens computes the tokenParts of toks, and sets each token's lex
// and trigger: everything it knows from one fold-cache lookup per token.
func (x *Extractor) foldTokens(toks []token, b *docBuffers) tokenParts {
	n := len(toks)
	tp := tokenParts{parts: reuse(&b.parts, n), root1: reuse(&b.root1, n), rootGeneric: reuse(&b.rootGeneric, n)}
	for i, t := range toks {
		var w *foldedWord
		ok := false
		if len(t.text) == 1 && t.text[0] < utf8.RuneSelf {
			w, ok = x.asciiTokens[t.text[0]], true
		} else {
			w, ok = x.folds.get(t.text)
		}
		if !ok {
			// A full cache stays full: an entry made without copies is
			// never stored.
			keep := !x.folds.full()
			w = x.foldWord(t, keep)
			if keep {
				x.folds.put(w.word, w)
			}
		}
		toks[i].lower, toks[i].lex, toks[i].trigger = w.lower, w.lex, w.trigger
		// A punctuation mark has no parts (no word has the same text: words
		// start with a letter or a digit).
		if t.kind == punctToken {
			continue
		}
		tp.parts[i] = w.parts
		tp.root1[i] = w.node
		tp.rootGeneric[i] = w.generic
		if w.alt != nil {
			if tp.alt == nil {
				tp.alt = reuse(&b.alt, n)
			}
			tp.alt[i] = w.alt
		}
	}
	return tp
}

// match finds the longest gazetteer name starting at token i within
// tokens [i, end). It returns the match and whether one was found.
func (g *gazetteer) match(toks []token, tp tokenParts, i, end int) (gazMatch, bool) {
	best := gazMatch{entry: -1}
	// Case-sensitive names first (IS, SAF): exact spelling.
	if len(g.exact) > 0 && toks[i].kind != punctToken && toks[i].upper {
		if idx, ok := g.exact[toks[i].text]; ok {
			best = gazMatch{start: i, end: i + 1, entry: idx}
		}
		if g.maxWord > 1 && i+1 < end && toks[i+1].kind != punctToken {
			var room [64]byte
			b := append(room[:0], toks[i].text...)
			for j := i + 1; j < end && j < i+g.maxWord; j++ {
				if toks[j].kind == punctToken {
					break
				}
				b = append(append(b, ' '), toks[j].text...)
				if idx, ok := g.exact[string(b)]; ok { // no copy: a map index
					best = gazMatch{start: i, end: j + 1, entry: idx}
				}
			}
		}
	}
	node := g.root
	upper := false
	for j := i; j < end; j++ {
		t := toks[j]
		if t.kind == punctToken {
			if t.text == "&" && j > i {
				continue // "Armed Conflict Location & Event Data Project"
			}
			break
		}
		parts := tp.parts[j]
		if j > i && tp.alt != nil && tp.alt[j] != nil {
			if n := walk(node, tp.alt[j]); n != nil {
				parts = tp.alt[j]
			}
		}
		if len(parts) == 0 {
			// an article alone ("al"): part of a name only inside one
			if j == i {
				break
			}
			continue
		}
		switch {
		case j == i && g.main && len(tp.root1) > j:
			node = tp.root1[j] // walked once per distinct word (foldTokens)
		case j == i && g.generic && len(tp.rootGeneric) > j:
			node = tp.rootGeneric[j]
		default:
			node = walk(node, parts)
		}
		if node == nil {
			break
		}
		upper = upper || t.upper
		if node.entry >= 0 && (upper || !node.upper) && (j+1-i > best.end-best.start || best.entry < 0) {
			best = gazMatch{start: i, end: j + 1, entry: node.entry}
		}
	}
	return best, best.entry >= 0
}

func walk(node *trieNode, parts []string) *trieNode {
	for _, p := range parts {
		if node == nil || node.next == nil {
			return nil
		}
		node = node.next[p]
	}
	return node
}

// lookup finds the entry whose name or alias is exactly name (folded).
func (g *gazetteer) lookup(name string) (int, bool) {
	if idx, ok := g.exact[name]; ok {
		return idx, true
	}
	node := walk(g.root, foldWords(name))
	if node == nil || node.entry < 0 {
		return 0, false
	}
	return node.entry, true
}

// foldToken folds one token's word parts (see foldWords), with a fast path
// for plain ASCII words.
func foldToken(t token) []string {
	plain := true
	for i := 0; i < len(t.lower); i++ {
		c := t.lower[i]
		if c < 'a' || c > 'z' {
			if c < '0' || c > '9' {
				plain = false
				break
			}
		}
	}
	if !plain {
		return foldWords(t.text)
	}
	if t.lower == "al" || t.lower == "el" {
		return nil
	}
	return []string{foldSpelling(t.lower)}
}

// known reports whether a single word is a name or alias in the gazetteer.
func (g *gazetteer) known(word string) bool {
	_, ok := g.lookup(word)
	return ok
}

// isCountry reports whether id names a country entry.
func (g *gazetteer) isCountry(id string) bool {
	idx, ok := g.byID[id]
	return ok && g.entries[idx].PlaceKind == Country
}

// appendHeads adds to heads the words of name that head organisations or
// armed groups and can stand alone for them ("the Council", "the
// Observatory"); the generic "forces", "army", "group" and "state" cannot.
// Words are lower-cased one at a time into a buffer; a string is made only
// for a head word not yet in heads.
func appendHeads(heads []string, name string) []string {
	var room [48]byte
	for field := range strings.FieldsSeq(name) {
		w := room[:0]
		for _, r := range field { // as strings.ToLower does
			w = utf8.AppendRune(w, unicode.ToLower(r))
		}
		if !orgHeads[string(w)] && !armedHeads[string(w)] {
			continue
		}
		switch string(w) {
		case "forces", "army", "group", "state":
			continue
		}
		seen := false
		for _, h := range heads {
			seen = seen || h == string(w)
		}
		if !seen {
			heads = append(heads, string(w))
		}
	}
	return heads
}
