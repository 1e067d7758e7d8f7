package graph

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// docPlan is everything one document writes: entries, and postings for
// the transaction's blocks. The batch writer plans one document at a
// time and adds it to a transaction buffer at once, so it reuses one
// docPlan (and its slices) for all of them.
type docPlan struct {
	entries []kv
	size    int64 // of entries, as Badger counts it
	// postings are the document's ID postings, lists the distinct lists
	// they go to (interned by the batch writer).
	postings []posting
	lists    []*listKey
	// mentions by entity, in (entity, start) order, one per start.
	mentions []entityMention
	// claimIDs and claimRecs are the document's claims, for its block.
	claimIDs  []uuid.UUID
	claimRecs [][]byte
	outcome   IngestOutcome
	touched   map[string]*entityTouch // by Key
	docKeys   []string                // the du/, dh/ and c/ keys written
	text      []byte                  // the compressed text, for the text log
	tally     tally
	// renames: the plan rewrites a stored entity (new aliases), which
	// readers may have cached.
	renames bool
	// byState finds the touch of an entity reached by two keys (one a
	// correction gave it, see batchWriter.keyTarget); nil until needed.
	byState map[*entityState]*entityTouch

	// groups are the relation groups the document changes (groups.go).
	groups groupPlan

	// What the postings add to blocks, and the blocks they need if none is
	// open yet (see txnBuffer.cost).
	postingSize, blocks, blockSize int64
}

// posting is one ID for a list; extra is what a search posting carries
// beside it (searchPayload), 0 for the other lists.
type posting struct {
	list  *listKey
	id    uuid.UUID
	extra uint64
}

// entityMention is one mention of an entity.
type entityMention struct {
	entity uuid.UUID
	m      mentionRec
}

// reset empties p for the next document, keeping its slices' room.
func (p *docPlan) reset() {
	clear(p.entries) // drop references to the last document's bytes
	*p = docPlan{
		entries:   p.entries[:0],
		postings:  p.postings[:0],
		lists:     p.lists[:0],
		mentions:  p.mentions[:0],
		claimIDs:  p.claimIDs[:0],
		claimRecs: p.claimRecs[:0],
	}
}

// listKeys interns the lists of one IngestBatch call, by key: a key is
// allocated once per batch, not once per posting.
type listKeys struct {
	m     map[string]*listKey
	doc   uint32 // the document being planned
	claim uint32 // the claim whose words are being posted
}

// listKey is one ID list of a batch.
type listKey struct {
	key   string
	stamp uint32 // the document that last posted to it
	word  uint32 // the claim that last posted to it (word lists)
	// wordIdx is the list's place in that claim's words (postWords).
	wordIdx int
	// buf (in its use gen) is the transaction buffer that last took
	// postings of the list, at buf.lists[idx].
	buf *txnBuffer
	gen uint64
	idx int
}

// post adds id to the ID list under key (a scratch buffer: it is copied
// when new to the batch).
func (w *batchWriter) post(p *docPlan, key []byte, id uuid.UUID) {
	w.postTo(p, w.list(key), id)
}

// list interns key.
func (w *batchWriter) list(key []byte) *listKey {
	lk, ok := w.lists.m[string(key)]
	if !ok {
		lk = &listKey{key: string(key)}
		w.lists.m[lk.key] = lk
	}
	return lk
}

// claimWord is one word list of a claim and how often the word occurs.
type claimWord struct {
	list *listKey
	tf   int
}

// postWords posts id to the word list of every indexed word of text, once
// each: the words of indexWords(lowerText(text)), each with what search
// ranks by (searchPayload: the word's count in the text, the text's
// length in words, the publication day). ASCII texts (most) are lowered
// and split here, straight into the key buffer, without allocating; the
// others go through forEachWord.
func (w *batchWriter) postWords(p *docPlan, text string, id uuid.UUID, day int64) {
	w.lists.claim++
	words := w.claimWords[:0]
	n := 0 // words of any length, stopwords included
	add := func(key []byte) {
		lk := w.list(key)
		if lk.word == w.lists.claim {
			words[lk.wordIdx].tf++
			return
		}
		lk.word, lk.wordIdx = w.lists.claim, len(words)
		words = append(words, claimWord{list: lk, tf: 1})
	}
	if !isASCII(text) {
		lowered := lowerText(text)
		n = countWords(lowered)
		forEachWord(lowered, func(word string) {
			w.keyBuf = append(append(append(w.keyBuf[:0], pClaimWord...), word...), sep)
			add(w.keyBuf)
		})
	} else {
		for i := 0; i < len(text); {
			for i < len(text) && !asciiWordByte(text[i]) {
				i++
			}
			start := i
			for i < len(text) && asciiWordByte(text[i]) {
				i++
			}
			if i > start {
				n++
			}
			if i-start < minWordRunes {
				continue
			}
			k := append(w.keyBuf[:0], pClaimWord...)
			for _, c := range []byte(text[start:min(i, start+maxWordBytes)]) {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				k = append(k, c)
			}
			w.keyBuf = k
			if stopwords[string(k[len(pClaimWord):])] {
				continue
			}
			w.keyBuf = append(k, sep)
			add(w.keyBuf)
		}
	}
	for _, cw := range words {
		w.postExtra(p, cw.list, id, searchPayload(cw.tf, n, day))
	}
	w.claimWords = words
}

// postNameWords posts entity e to the search list (sn/) of each word of
// its names that it is not in yet: every word of a new entity, the new
// words of a new alias.
func (w *batchWriter) postNameWords(p *docPlan, t *entityTouch, e *Entity) {
	var known map[string]bool
	names := t.aliases
	if t.isNew {
		names = storedNames(e)
	} else {
		known = t.state.wordSet()
	}
	var posted []string
	for _, n := range names {
		for _, word := range extract.FoldWords(n) {
			if known[word] || slices.Contains(posted, word) || word == "" {
				continue
			}
			posted = append(posted, word)
			w.keyBuf = append(append(append(w.keyBuf[:0], pSearchName...), word...), sep)
			w.post(p, w.keyBuf, e.ID)
		}
	}
}

// postTo adds id to the list lk.
func (w *batchWriter) postTo(p *docPlan, lk *listKey, id uuid.UUID) {
	w.postExtra(p, lk, id, 0)
}

// postExtra adds id to the list lk, with what a search posting carries.
func (w *batchWriter) postExtra(p *docPlan, lk *listKey, id uuid.UUID, extra uint64) {
	if lk.stamp != w.lists.doc {
		lk.stamp = w.lists.doc
		p.lists = append(p.lists, lk)
		p.blocks++
		p.blockSize += idBlockCost(len(lk.key))
	}
	p.postings = append(p.postings, posting{list: lk, id: id, extra: extra})
	p.postingSize += idPostingCost
	if extra != 0 {
		p.postingSize += searchPayloadCost
	}
}

// kv is one entry of a transaction: a key set to a value, or deleted.
type kv struct {
	k, v []byte
	del  bool
}

func (p *docPlan) put(k, v []byte) {
	p.entries = append(p.entries, kv{k: k, v: v})
	p.size += int64(len(k)+len(v)) + entryOverhead
}

// del deletes k in the document's transaction, after what earlier
// entries of the transaction set.
func (p *docPlan) del(k []byte) {
	p.entries = append(p.entries, kv{k: k, del: true})
	p.size += int64(len(k)) + entryOverhead
}

// entityState is a stored entity with its names and, once needed, their
// folds.
type entityState struct {
	ent   Entity
	names map[string]bool // name and aliases
	folds map[string]bool // Fold of each name, "" left out; nil until foldSet
	// words are the extract.FoldWords of the names (the search index's
	// sn/ lists the entity is in); nil until wordSet.
	words map[string]bool
	// lastName and lastAliases are the name and aliases of the last
	// extracted entity applied to this one (all of them in names): a
	// known entity is extracted with the same ones again and again (the
	// gazetteer's), and comparing them is cheaper than looking each up.
	lastName    string
	lastAliases []string
}

// namedAs reports whether name and aliases are those last applied.
func (st *entityState) namedAs(name string, aliases []string) bool {
	return name == st.lastName && slices.Equal(aliases, st.lastAliases)
}

func newEntityState(e Entity) *entityState {
	st := &entityState{ent: e, names: make(map[string]bool, 1+len(e.Aliases))}
	st.names[e.Name] = true
	for _, a := range e.Aliases {
		st.names[a] = true
	}
	return st
}

// foldSet returns the folds of the names, computing them the first time
// (folding is costly, and only a new name needs them).
func (st *entityState) foldSet() map[string]bool {
	if st.folds == nil {
		st.folds = make(map[string]bool, len(st.names))
		for n := range st.names {
			if f := extract.Fold(n); f != "" {
				st.folds[f] = true
			}
		}
	}
	return st.folds
}

// wordSet returns the folded words of the names, computing them the
// first time.
func (st *entityState) wordSet() map[string]bool {
	if st.words == nil {
		st.words = make(map[string]bool, 2*len(st.names))
		for n := range st.names {
			for _, w := range extract.FoldWords(n) {
				st.words[w] = true
			}
		}
	}
	return st.words
}

// entityTouch is what one document does to an entity: create it, or add
// names to it. The state is changed only by apply, once the document is in
// the transaction.
type entityTouch struct {
	state *entityState
	isNew bool
	// extractedName and extractedAliases are those of the extracted
	// entity (the last one, when a document has two of one Key), for
	// entityState.namedAs.
	extractedName    string
	extractedAliases []string
	aliases          []string // names new to state
	newNames         map[string]bool
	newFolds         []string
}

func (t *entityTouch) addName(name string) {
	if name == "" || t.state.names[name] || t.newNames[name] {
		return
	}
	if t.newNames == nil {
		t.newNames = make(map[string]bool)
	}
	name = strings.Clone(name) // kept by the state: not the document's memory
	t.newNames[name] = true
	t.aliases = append(t.aliases, name)
	if f := extract.Fold(name); f != "" && !t.state.foldSet()[f] && !contains(t.newFolds, f) {
		t.newFolds = append(t.newFolds, f)
	}
}

// merged is the entity record with the new names.
func (t *entityTouch) merged() Entity {
	e := t.state.ent
	e.Aliases = append(append(make([]string, 0, len(e.Aliases)+len(t.aliases)), e.Aliases...), t.aliases...)
	sort.Strings(e.Aliases)
	return e
}

func (t *entityTouch) apply() {
	if !t.state.namedAs(t.extractedName, t.extractedAliases) {
		// Copies: the caller owns the extraction result, and its strings
		// are slices of the document's text.
		t.state.lastName, t.state.lastAliases = strings.Clone(t.extractedName), cloneStrings(t.extractedAliases)
	}
	if len(t.aliases) == 0 {
		return
	}
	t.state.ent = t.merged()
	folds := t.state.foldSet()
	for _, a := range t.aliases {
		t.state.names[a] = true
	}
	for _, f := range t.newFolds {
		folds[f] = true
	}
	if t.state.words != nil {
		for _, a := range t.aliases {
			for _, w := range extract.FoldWords(a) {
				t.state.words[w] = true
			}
		}
	}
	t.aliases, t.newNames, t.newFolds = nil, nil, nil
}

// cloneStrings copies list and its strings.
func cloneStrings(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.Clone(s)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// scratchKey is prefix+part in a buffer reused by the next call.
func (w *batchWriter) scratchKey(prefix string, part []byte) []byte {
	w.keyBuf = append(append(w.keyBuf[:0], prefix...), part...)
	return w.keyBuf
}

func hash16(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:16]
}

// plan validates a document and computes its entries, reading what it
// needs (duplicates, known entities) from the snapshot and the overlay.
func (w *batchWriter) plan(in *IngestInput) (*docPlan, error) {
	text := newDocText(in.Text)
	if err := validate(in, text); err != nil {
		return nil, err
	}
	p := &w.planBuf
	p.reset()
	w.lists.doc++
	url := strings.TrimSpace(in.Meta.URL)
	w.textBuf = append(w.textBuf[:0], in.Text...) // one copy for the hash and the compression
	contentHash := sha256.Sum256(w.textBuf)
	textKey := key(pDocumentHash, contentHash[:16])
	var urlKey []byte
	if url != "" {
		urlKey = key(pDocumentURL, hash16(url))
	}
	// Duplicates: same URL, or same text when there is no URL.
	dupKey := urlKey
	if url == "" {
		dupKey = textKey
	}
	if id, found, err := w.getID(dupKey); err != nil {
		return nil, err
	} else if found {
		p.outcome = IngestOutcome{DocumentID: id, Duplicate: true}
		return p, nil
	}

	// A copy: another document (it has a URL) has this text already.
	_, copyOf, err := w.getID(textKey)
	if err != nil {
		return nil, err
	}
	published := day(in.Meta.PublishedAt)

	ids := &w.s.ids
	docID, claimsKey, err := w.newDocumentID()
	if err != nil {
		return nil, err
	}
	p.outcome.DocumentID = docID
	p.tally.docs = 1
	res := &in.Result

	// Entities, resolved across documents by Key.
	entityIDs := make([]uuid.UUID, len(res.Entities))
	p.touched = make(map[string]*entityTouch, len(res.Entities))
	var order []string // touched keys in order of first appearance
	for i := range res.Entities {
		e := &res.Entities[i]
		t, err := w.touchEntity(p, e)
		if err != nil {
			return nil, err
		}
		if _, seen := p.touched[e.Key]; !seen {
			p.touched[e.Key] = t
			// (Two keys of one entity are possible only through a key a
			// correction gave it: see touchEntity.)
			if w.ov.empty || !slices.ContainsFunc(order, func(k string) bool { return p.touched[k] == t }) {
				order = append(order, e.Key)
			}
		}
		if !t.state.namedAs(e.Name, e.Aliases) {
			t.addName(e.Name)
			for _, a := range e.Aliases {
				t.addName(a)
			}
		}
		t.extractedName, t.extractedAliases = e.Name, e.Aliases
		for j, m := range e.Mentions {
			// Mentions mostly repeat a name: look each up once.
			if m.Text != e.Name && (j == 0 || m.Text != e.Mentions[j-1].Text) {
				t.addName(m.Text)
			}
		}
		entityIDs[i] = t.state.ent.ID
	}
	docEntities := make([]byte, 0, 1+idLen*len(order))
	docEntities = append(docEntities, recordFormat)
	for _, k := range order {
		t := p.touched[k]
		id := t.state.ent.ID
		docEntities = append(docEntities, id[:]...)
		p.outcome.Entities++
		if !t.isNew && len(t.aliases) == 0 {
			continue
		}
		e := t.merged()
		p.put(idKey(pEntity, id), encodeEntity(&e))
		p.renames = p.renames || !t.isNew
		for _, f := range t.newFolds {
			p.put(termKey(pEntityName, f, id), nil)
		}
		w.postNameWords(p, t, &e)
		if t.isNew {
			p.outcome.NewEntities++
			p.put(key(pEntityKey, []byte(k)), id[:])
			for f := range t.state.foldSet() {
				p.put(termKey(pEntityName, f, id), nil)
			}
			if e.Type != "" {
				w.post(p, termPrefix(pEntityType, string(e.Type)), id)
			}
		}
	}
	p.put(idKey(pDocEntity, docID), docEntities)
	p.tally.entities = p.outcome.NewEntities

	// Mentions, by entity, in text order, one per start.
	for i := range res.Entities {
		id := entityIDs[i]
		for _, m := range res.Entities[i].Mentions {
			p.mentions = append(p.mentions, entityMention{entity: id, m: mentionRec{doc: docID, start: m.Start, end: m.End, rule: m.Rule,
				text: m.Text, storeText: m.Text != text.slice(m.Start, m.End)}})
		}
	}
	p.mentions = sortEntityMentions(p.mentions)
	for i := range p.mentions {
		if i == 0 || p.mentions[i].entity != p.mentions[i-1].entity {
			p.blocks++
			p.blockSize += mentionBlockCost
		}
		p.postingSize += mentionPostingCost(&p.mentions[i].m)
	}
	p.outcome.Mentions = len(p.mentions)
	p.tally.mentions = p.outcome.Mentions

	// Claims, with the relations each asserts.
	docClaims := idKey(pClaimDoc, docID)
	day, pub := dayOf(in.Meta.PublishedAt), publisherKey(in.Meta.Publisher)
	relsByClaim := make([][]int, len(res.Claims))
	for i, r := range res.Relations {
		relsByClaim[r.Claim] = append(relsByClaim[r.Claim], i)
	}
	for j := range res.Claims {
		c := &res.Claims[j]
		claimID := ids.following(docID)
		rec := claimRecord{Claim: Claim{
			ID: claimID, DocumentID: docID, Ordinal: j, Kind: c.Kind,
			Text: c.Text, Start: c.Start, End: c.End,
			Cue: c.Cue, CueStart: c.CueSpan.Start, CueEnd: c.CueSpan.End,
			SpeakerText: c.SpeakerText, SpeakerStart: c.SpeakerSpan.Start, SpeakerEnd: c.SpeakerSpan.End,
			PublishedAt: in.Meta.PublishedAt, Rule: c.Rule, Confidence: c.Confidence,
		}}
		if c.Speaker != extract.NoEntity {
			rec.SpeakerID = entityIDs[c.Speaker]
		}
		if c.Sentence != extract.NoEntity {
			s := res.Sentences[c.Sentence]
			rec.Sentence, rec.SentenceStart, rec.SentenceEnd = s.Text, s.Start, s.End
		}
		rec.sliceText = rec.Text == text.slice(rec.Start, rec.End)
		rec.sliceCue = rec.Cue == text.slice(rec.CueStart, rec.CueEnd)
		rec.sliceSpeaker = rec.SpeakerText == text.slice(rec.SpeakerStart, rec.SpeakerEnd)
		rec.sliceSentence = rec.Sentence == text.slice(rec.SentenceStart, rec.SentenceEnd)
		for _, a := range c.About {
			if id := entityIDs[a]; !containsID(rec.About, id) {
				rec.About = append(rec.About, id)
			}
		}
		for _, ri := range relsByClaim[j] {
			r := &res.Relations[ri]
			rel := Relation{
				SubjectID: entityIDs[r.Subject], Predicate: r.Predicate, ObjectID: entityIDs[r.Object],
				Polarity: r.Polarity, ClaimID: claimID, DocumentID: docID,
				Start: r.Start, End: r.End, Rule: r.Rule, Confidence: r.Confidence,
			}
			if hasTriple(rec.Relations, &rel) {
				continue // one claim asserts a triple once
			}
			rec.Relations = append(rec.Relations, rel)
			v := encodeRelationIndex(&rel, rec.SpeakerID)
			p.put(relationKey(pRelation, rel.SubjectID, string(rel.Predicate), rel.ObjectID, claimID), v)
			p.put(relationKey(pRelationByObj, rel.ObjectID, string(rel.Predicate), rel.SubjectID, claimID), v)
			if err := w.groupClaim(p, &rel, rec.SpeakerID, rec.SpeakerText, contentHash[:16], copyOf, published); err != nil {
				return nil, err
			}
			p.outcome.Relations++
		}
		p.claimIDs = append(p.claimIDs, claimID)
		p.claimRecs = append(p.claimRecs, encodeClaim(&rec))
		w.post(p, docClaims, claimID)
		if rec.SpeakerID != uuid.Nil {
			w.post(p, w.scratchKey(pClaimSpeaker, rec.SpeakerID[:]), claimID)
		}
		for _, a := range rec.About {
			w.post(p, w.scratchKey(pClaimAbout, a[:]), claimID)
		}
		w.postWords(p, rec.Text, claimID, PublicationDay(in.Meta.PublishedAt))
		w.postFilters(p, &rec.Claim, day, pub, claimID)
		p.outcome.Claims++
	}
	// Figures, by kind and place (figures.go): those no rule placed are
	// left out of figure groups.
	for i := range res.Figures {
		f := &res.Figures[i]
		if f.Place == extract.NoEntity {
			continue
		}
		var speaker uuid.UUID
		if s := res.Claims[f.Claim].Speaker; s != extract.NoEntity {
			speaker = entityIDs[s]
		}
		claimID := p.claimIDs[f.Claim]
		p.put(figureKey(f.Kind, entityIDs[f.Place], in.Meta.PublishedAt, claimID, f.Start),
			encodeFigureIndex(f, docID, speaker, contentHash[:figureHashLen]))
	}
	p.tally.claims = p.outcome.Claims
	p.tally.relations = p.outcome.Relations
	if len(p.claimIDs) > 0 {
		w.blockBuf = appendClaimBlock(w.blockBuf[:0], p.claimIDs, p.claimRecs)
		p.put(claimsKey, compressValue(w.blockBuf))
		p.docKeys = append(p.docKeys, string(claimsKey))
	}

	// The document.
	doc := Document{
		URL: url, Title: in.Meta.Title, Publisher: in.Meta.Publisher, PublishedAt: in.Meta.PublishedAt,
		IngestedAt: w.s.now(), Metadata: in.Meta.Metadata, Length: text.n,
	}
	if !in.IngestedAt.IsZero() {
		doc.IngestedAt = in.IngestedAt
	}
	p.put(idKey(pDocument, docID), encodeDocument(&doc, contentHash[:]))
	p.put(docDayKey(day, docID), nil)
	if pub != "" {
		p.put(docPublisherKey(pub, day, docID), nil)
	}
	// The text goes to the text log; its dt/ entry is added with its
	// position, when the document is placed in a transaction (add).
	p.text = compressValue(w.textBuf)
	p.size += int64(len(pDocumentText)+idLen+textRefSize+entryOverhead) + int64(len(p.text))
	if urlKey != nil {
		p.put(urlKey, docID[:])
		p.docKeys = append(p.docKeys, string(urlKey))
	}
	if !copyOf {
		p.put(textKey, docID[:])
		p.docKeys = append(p.docKeys, string(textKey))
	}
	p.putGroups()
	return p, nil
}

// touchEntity finds the entity of e.Key: touched earlier by this document,
// in the overlay, in the snapshot, through a key a correction gave it, or
// else new. One entity reached by two keys is touched once.
func (w *batchWriter) touchEntity(p *docPlan, e *extract.Entity) (*entityTouch, error) {
	t, err := w.findEntity(p, e)
	if err != nil || w.ov.empty {
		return t, err
	}
	if prev, ok := p.byState[t.state]; ok {
		return prev, nil
	}
	if p.byState == nil {
		p.byState = map[*entityState]*entityTouch{}
	}
	p.byState[t.state] = t
	return t, nil
}

// keyTarget finds the stored entity that a correction made the entity
// of key k ("TYPE:fold"): one whose corrected type is TYPE and one of
// whose corrected names folds to fold.
func (w *batchWriter) keyTarget(k string) (uuid.UUID, bool, error) {
	typ, fold, ok := strings.Cut(k, ":")
	if !ok || typ == "gaz" || fold == "" {
		return uuid.Nil, false, nil
	}
	o := w.ov
	gen := w.s.entityRecords.generation()
	for _, ids := range [][]uuid.UUID{o.names[fold], o.types[extract.EntityType(typ)]} {
		for _, id := range ids {
			if o.virtual[id] != nil {
				continue
			}
			e, err := w.s.effectiveEntity(w.snap, gen, o, id)
			if err != nil {
				return uuid.Nil, false, err
			}
			if string(e.Type) == typ && slices.ContainsFunc(storedNames(&e), func(n string) bool { return extract.Fold(n) == fold }) {
				return e.ID, true, nil
			}
		}
	}
	return uuid.Nil, false, nil
}

func (w *batchWriter) findEntity(p *docPlan, e *extract.Entity) (*entityTouch, error) {
	if t, ok := p.touched[e.Key]; ok {
		return t, nil
	}
	if st, ok := w.entities[e.Key]; ok {
		return &entityTouch{state: st}, nil
	}
	if st, ok := w.older[e.Key]; ok {
		delete(w.older, e.Key)
		w.entities[e.Key] = st
		return &entityTouch{state: st}, nil
	}
	id, found, err := w.getID(key(pEntityKey, []byte(e.Key)))
	if err != nil {
		return nil, err
	}
	if found {
		item, err := w.snap.Get(idKey(pEntity, id))
		if err != nil {
			return nil, fmt.Errorf("entity %s of key %q: %w", id, e.Key, err)
		}
		var ent Entity
		err = item.Value(func(v []byte) (err error) {
			ent, err = decodeEntity(id, v)
			return err
		})
		if err != nil {
			return nil, err
		}
		st := newEntityState(ent)
		w.entities[e.Key] = st // as stored: valid whatever becomes of this document
		return &entityTouch{state: st}, nil
	}
	if !w.ov.empty {
		target, ok, err := w.keyTarget(e.Key)
		if err != nil {
			return nil, err
		}
		if ok {
			item, err := w.snap.Get(idKey(pEntity, target))
			if err != nil {
				return nil, fmt.Errorf("entity %s: %w", target, err)
			}
			var ent Entity
			if err := item.Value(func(v []byte) (err error) { ent, err = decodeEntity(target, v); return err }); err != nil {
				return nil, err
			}
			return w.findEntity(p, &extract.Entity{Key: ent.Key})
		}
	}
	id, err = w.s.ids.next()
	if err != nil {
		return nil, err
	}
	st := newEntityState(Entity{ID: id, Key: strings.Clone(e.Key), Name: strings.Clone(e.Name), Type: e.Type, PlaceKind: e.PlaceKind})
	return &entityTouch{state: st, isNew: true}, nil
}

// maxIDTries bounds newDocumentID's draws.
const maxIDTries = 8

// newDocumentID mints a document ID whose last 8 bytes (shared by its
// claims, see claimBlockKey) no stored or planned document has, and gives
// the key of its claim block. 62 of those bits are random: a repeat is
// likelier than one in a million only past a few million documents, and
// is then drawn again rather than written over another's claims.
func (w *batchWriter) newDocumentID() (uuid.UUID, []byte, error) {
	for range maxIDTries {
		id, err := w.s.ids.next()
		if err != nil {
			return uuid.Nil, nil, err
		}
		k := claimBlockKey(id)
		if _, taken := w.docKeys[string(k)]; taken {
			continue
		}
		_, err = w.snap.Get(k)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return id, k, nil
		}
		if err != nil {
			return uuid.Nil, nil, fmt.Errorf("read %q: %w", k, err)
		}
	}
	return uuid.Nil, nil, fmt.Errorf("graph: no free document ID in %d draws", maxIDTries)
}

// getID reads a du/, dh/ or ek/ key, whose value is an ID. (The ek/ keys
// of the overlay are in w.entities, looked up before.)
func (w *batchWriter) getID(k []byte) (uuid.UUID, bool, error) {
	if id, ok := w.docKeys[string(k)]; ok {
		return id, true, nil
	}
	item, err := w.snap.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return uuid.Nil, false, nil
	}
	if err != nil {
		return uuid.Nil, false, fmt.Errorf("read %q: %w", k, err)
	}
	var id uuid.UUID
	err = item.Value(func(v []byte) error {
		if len(v) != idLen {
			return fmt.Errorf("key %q: %w", k, errCorrupt)
		}
		copy(id[:], v)
		return nil
	})
	return id, err == nil, err
}

func containsID(ids []uuid.UUID, id uuid.UUID) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}

func hasTriple(rels []Relation, r *Relation) bool {
	for i := range rels {
		if rels[i].SubjectID == r.SubjectID && rels[i].Predicate == r.Predicate && rels[i].ObjectID == r.ObjectID {
			return true
		}
	}
	return false
}
