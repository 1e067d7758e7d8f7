package graph

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// docPlan is everything one document writes: entries, and postings for
// the transaction's blocks.
type docPlan struct {
	entries  []kv
	size     int64                  // of entries, as Badger counts it
	idLists  map[string]*idPostings // by list prefix
	mentions map[uuid.UUID][]mentionRec
	outcome  IngestOutcome
	touched  map[string]*entityTouch // by Key
	docKeys  []string                // the du/ and dh/ keys written
	tally    tally

	// What the postings add to blocks, and the blocks they need if none is
	// open yet (see txnBuffer.cost).
	postingSize, blocks, blockSize int64
}

type idPostings struct{ ids []uuid.UUID }

// post adds id to the ID list under prefix.
func (p *docPlan) post(list []byte, id uuid.UUID) {
	pl, ok := p.idLists[string(list)]
	if !ok {
		pl = &idPostings{}
		p.idLists[string(list)] = pl
		p.blocks++
		p.blockSize += idBlockCost(len(list))
	}
	pl.ids = append(pl.ids, id)
	p.postingSize += idPostingCost
}

type kv struct{ k, v []byte }

func (p *docPlan) put(k, v []byte) {
	p.entries = append(p.entries, kv{k, v})
	p.size += int64(len(k)+len(v)) + entryOverhead
}

// entityState is a stored entity with its names and, once needed, their
// folds.
type entityState struct {
	ent   Entity
	names map[string]bool // name and aliases
	folds map[string]bool // Fold of each name, "" left out; nil until foldSet
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

// entityTouch is what one document does to an entity: create it, or add
// names to it. The state is changed only by apply, once the document is in
// the transaction.
type entityTouch struct {
	state    *entityState
	isNew    bool
	aliases  []string // names new to state
	newNames map[string]bool
	newFolds []string
}

func (t *entityTouch) addName(name string) {
	if name == "" || t.state.names[name] || t.newNames[name] {
		return
	}
	if t.newNames == nil {
		t.newNames = make(map[string]bool)
	}
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
	t.aliases, t.newNames, t.newFolds = nil, nil, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
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
	p := &docPlan{}
	url := strings.TrimSpace(in.Meta.URL)
	contentHash := sha256.Sum256([]byte(in.Text))
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

	ids := &w.s.ids
	docID, err := ids.next()
	if err != nil {
		return nil, err
	}
	p.outcome.DocumentID = docID
	p.tally.docs = 1
	res := &in.Result
	p.idLists = make(map[string]*idPostings, 16*len(res.Claims))
	p.mentions = make(map[uuid.UUID][]mentionRec, len(res.Entities))

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
			order = append(order, e.Key)
		}
		t.addName(e.Name)
		for _, a := range e.Aliases {
			t.addName(a)
		}
		for _, m := range e.Mentions {
			t.addName(m.Text)
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
		for _, f := range t.newFolds {
			p.put(termKey(pEntityName, f, id), nil)
		}
		if t.isNew {
			p.outcome.NewEntities++
			p.put(key(pEntityKey, []byte(k)), id[:])
			for f := range t.state.foldSet() {
				p.put(termKey(pEntityName, f, id), nil)
			}
			if e.Type != "" {
				p.post(termPrefix(pEntityType, string(e.Type)), id)
			}
		}
	}
	p.put(idKey(pDocEntity, docID), docEntities)
	p.tally.entities = p.outcome.NewEntities

	// Mentions, by entity, in text order, one per start.
	for i := range res.Entities {
		id := entityIDs[i]
		for _, m := range res.Entities[i].Mentions {
			p.mentions[id] = append(p.mentions[id], mentionRec{doc: docID, start: m.Start, end: m.End, rule: m.Rule,
				text: m.Text, storeText: m.Text != text.slice(m.Start, m.End)})
		}
	}
	for id, ms := range p.mentions {
		ms = sortMentions(ms)
		p.mentions[id] = ms
		p.outcome.Mentions += len(ms)
		p.blocks++
		p.blockSize += mentionBlockCost
		for i := range ms {
			p.postingSize += mentionPostingCost(&ms[i])
		}
	}
	p.tally.mentions = p.outcome.Mentions

	// Claims, with the relations each asserts.
	docClaims := idKey(pClaimDoc, docID)
	relsByClaim := make([][]int, len(res.Claims))
	for i, r := range res.Relations {
		relsByClaim[r.Claim] = append(relsByClaim[r.Claim], i)
	}
	for j := range res.Claims {
		c := &res.Claims[j]
		claimID, err := ids.next()
		if err != nil {
			return nil, err
		}
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
			p.outcome.Relations++
		}
		p.put(idKey(pClaim, claimID), encodeClaim(&rec))
		p.post(docClaims, claimID)
		if rec.SpeakerID != uuid.Nil {
			p.post(idKey(pClaimSpeaker, rec.SpeakerID), claimID)
		}
		for _, a := range rec.About {
			p.post(idKey(pClaimAbout, a), claimID)
		}
		for _, word := range indexWords(lowerText(rec.Text)) {
			p.post(termPrefix(pClaimWord, word), claimID)
		}
		p.outcome.Claims++
	}
	p.tally.claims = p.outcome.Claims
	p.tally.relations = p.outcome.Relations

	// The document.
	doc := Document{
		URL: url, Title: in.Meta.Title, Publisher: in.Meta.Publisher, PublishedAt: in.Meta.PublishedAt,
		IngestedAt: w.s.now(), Metadata: in.Meta.Metadata, Length: text.n,
	}
	p.put(idKey(pDocument, docID), encodeDocument(&doc, contentHash[:]))
	p.put(idKey(pDocumentText, docID), []byte(in.Text))
	if urlKey != nil {
		p.put(urlKey, docID[:])
		p.docKeys = append(p.docKeys, string(urlKey))
	}
	if _, found, err := w.getID(textKey); err != nil {
		return nil, err
	} else if !found {
		p.put(textKey, docID[:])
		p.docKeys = append(p.docKeys, string(textKey))
	}
	return p, nil
}

// touchEntity finds the entity of e.Key: touched earlier by this document,
// in the overlay, in the snapshot, or else new.
func (w *batchWriter) touchEntity(p *docPlan, e *extract.Entity) (*entityTouch, error) {
	if t, ok := p.touched[e.Key]; ok {
		return t, nil
	}
	if st, ok := w.entities[e.Key]; ok {
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
	id, err = w.s.ids.next()
	if err != nil {
		return nil, err
	}
	st := newEntityState(Entity{ID: id, Key: e.Key, Name: e.Name, Type: e.Type, PlaceKind: e.PlaceKind})
	return &entityTouch{state: st, isNew: true}, nil
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
