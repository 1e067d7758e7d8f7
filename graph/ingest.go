package graph

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// entryOverhead is what Badger adds to len(key)+len(value) when it checks
// a transaction's size (meta bytes and the version).
const entryOverhead = 12

// budgetPercent of Badger's transaction limits is what one transaction of
// IngestBatch may use.
const budgetPercent = 80

// Ingest stores one document in one atomic step.
func (s *Store) Ingest(ctx context.Context, in IngestInput) (IngestOutcome, error) {
	outs, errs := s.IngestBatch(ctx, []IngestInput{in})
	return outs[0], errs[0]
}

// IngestBatch stores many documents, several per Badger transaction,
// never splitting a document across transactions. A document whose entries
// alone exceed the transaction limits gets an error wrapping
// ErrDocumentTooLarge, an invalid one an error wrapping ErrInvalidInput;
// the others are still stored. outcomes[i] and errs[i] belong to ins[i].
func (s *Store) IngestBatch(ctx context.Context, ins []IngestInput) ([]IngestOutcome, []error) {
	outs := make([]IngestOutcome, len(ins))
	errs := make([]error, len(ins))
	if s.readOnly {
		for i := range errs {
			errs[i] = ErrReadOnly
		}
		return outs, errs
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	w := &batchWriter{
		s:        s,
		outs:     outs,
		errs:     errs,
		maxCount: s.maxTxnCount,
		maxSize:  s.maxTxnSize,
		entities: make(map[string]*entityState),
	}
	defer w.discard()
	for i := range ins {
		if err := ctx.Err(); err != nil {
			w.fail(err)
			for j := i; j < len(ins); j++ {
				errs[j] = fmt.Errorf("graph: ingest document %d: %w", j, err)
			}
			return outs, errs
		}
		w.add(i, &ins[i])
	}
	w.commit()
	return outs, errs
}

// batchWriter fills Badger transactions with whole documents.
type batchWriter struct {
	s                 *Store
	outs              []IngestOutcome
	errs              []error
	maxCount, maxSize int64

	txn         *badger.Txn
	count, size int64 // entries and bytes in txn
	pending     []pendingDoc
	tally       tally
	// entities caches the entities read or written by this batch, by Key,
	// as they stand in txn (committed or pending).
	entities map[string]*entityState
}

type pendingDoc struct {
	index   int
	outcome IngestOutcome
}

func (w *batchWriter) add(i int, in *IngestInput) {
	if w.txn == nil {
		w.txn = w.s.db.NewTransaction(true)
	}
	p, err := w.plan(in)
	if err != nil {
		w.errs[i] = fmt.Errorf("graph: ingest document %d (%s): %w", i, describe(in), err)
		return
	}
	if p.outcome.Duplicate {
		// Settled with the transaction: the original may be pending in it.
		w.pending = append(w.pending, pendingDoc{index: i, outcome: p.outcome})
		return
	}
	count := int64(len(p.entries))
	if count > w.maxCount || p.size > w.maxSize {
		w.errs[i] = fmt.Errorf("graph: ingest document %d (%s): %w: %d entries, %d bytes (limit %d entries, %d bytes)",
			i, describe(in), ErrDocumentTooLarge, count, p.size, w.maxCount, w.maxSize)
		return
	}
	const tallyReserve = 64
	if w.count+count+1 > w.maxCount || w.size+p.size+tallyReserve > w.maxSize {
		committed := w.commit()
		w.txn = w.s.db.NewTransaction(true)
		if !committed {
			// The plan may have read what the failed transaction held:
			// plan again on what is committed.
			if p, err = w.plan(in); err != nil {
				w.errs[i] = fmt.Errorf("graph: ingest document %d (%s): %w", i, describe(in), err)
				return
			}
			if p.outcome.Duplicate {
				w.pending = append(w.pending, pendingDoc{index: i, outcome: p.outcome})
				return
			}
		}
	}
	for _, e := range p.entries {
		if err := w.txn.Set(e.k, e.v); err != nil {
			w.errs[i] = fmt.Errorf("graph: ingest document %d (%s): %w", i, describe(in), err)
			w.fail(err) // the transaction holds part of the document
			return
		}
	}
	w.count += count
	w.size += p.size
	w.tally.add(p.tally)
	w.pending = append(w.pending, pendingDoc{index: i, outcome: p.outcome})
	for key, t := range p.touched {
		t.apply()
		w.entities[key] = t.state
	}
}

// commit commits the open transaction, reporting whether it succeeded;
// on failure every document in it gets the error.
func (w *batchWriter) commit() bool {
	if w.txn == nil {
		return true
	}
	if w.count == 0 { // nothing to write (no documents, or duplicates only)
		for _, d := range w.pending {
			w.outs[d.index] = d.outcome
		}
		w.discard()
		return true
	}
	err := w.writeTally()
	if err == nil {
		err = w.txn.Commit()
	}
	if err != nil {
		w.fail(err)
		return false
	}
	for _, d := range w.pending {
		w.outs[d.index] = d.outcome
	}
	w.reset()
	return true
}

func (w *batchWriter) writeTally() error {
	id, err := w.s.ids.next()
	if err != nil {
		return err
	}
	return w.txn.Set(idKey(pTally, id), encodeTally(w.tally))
}

// fail drops the open transaction: its documents get err.
func (w *batchWriter) fail(err error) {
	for _, d := range w.pending {
		w.errs[d.index] = fmt.Errorf("graph: ingest document %d: commit: %w", d.index, err)
	}
	w.discard()
	clear(w.entities)
}

func (w *batchWriter) discard() {
	if w.txn != nil {
		w.txn.Discard()
	}
	w.reset()
}

func (w *batchWriter) reset() {
	w.txn = nil
	w.count, w.size = 0, 0
	w.pending = w.pending[:0]
	w.tally = tally{}
}

func describe(in *IngestInput) string {
	if u := strings.TrimSpace(in.Meta.URL); u != "" {
		return u
	}
	if in.Meta.Title != "" {
		return fmt.Sprintf("%q", in.Meta.Title)
	}
	return "untitled"
}

// docPlan is everything one document writes.
type docPlan struct {
	entries []kv
	size    int64
	outcome IngestOutcome
	touched map[string]*entityTouch // by Key
	tally   tally
}

type kv struct{ k, v []byte }

func (p *docPlan) put(k, v []byte) {
	p.entries = append(p.entries, kv{k, v})
	p.size += int64(len(k)+len(v)) + entryOverhead
}

// entityState is a stored entity with its names and their folds.
type entityState struct {
	ent   Entity
	names map[string]bool // name and aliases
	folds map[string]bool // Fold of each name, "" left out
}

func newEntityState(e Entity) *entityState {
	st := &entityState{ent: e, names: make(map[string]bool, 1+len(e.Aliases)), folds: make(map[string]bool, 1+len(e.Aliases))}
	st.names[e.Name] = true
	st.folds[extract.Fold(e.Name)] = true
	for _, a := range e.Aliases {
		st.names[a] = true
		st.folds[extract.Fold(a)] = true
	}
	delete(st.folds, "")
	return st
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
	if f := extract.Fold(name); f != "" && !t.state.folds[f] && !contains(t.newFolds, f) {
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
	for _, a := range t.aliases {
		t.state.names[a] = true
	}
	for _, f := range t.newFolds {
		t.state.folds[f] = true
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
// needs (duplicates, known entities) through the open transaction.
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
	for _, k := range order {
		t := p.touched[k]
		id := t.state.ent.ID
		p.put(pairKey(pDocEntity, docID, id), nil)
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
			for f := range t.state.folds {
				p.put(termKey(pEntityName, f, id), nil)
			}
			if e.Type != "" {
				p.put(termKey(pEntityType, string(e.Type), id), nil)
			}
		}
	}
	p.tally.entities = p.outcome.NewEntities

	// Mentions.
	seenMention := make(map[string]bool)
	for i := range res.Entities {
		for _, m := range res.Entities[i].Mentions {
			k := mentionKey(entityIDs[i], docID, m.Start)
			if seenMention[string(k)] {
				continue
			}
			seenMention[string(k)] = true
			p.put(k, encodeMention(m.End, m.Start, m.Text, m.Text != text.slice(m.Start, m.End), m.Rule))
			p.outcome.Mentions++
		}
	}
	p.tally.mentions = p.outcome.Mentions

	// Claims, with the relations each asserts.
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
		p.put(pairKey(pClaimDoc, docID, claimID), nil)
		if rec.SpeakerID != uuid.Nil {
			p.put(pairKey(pClaimSpeaker, rec.SpeakerID, claimID), nil)
		}
		for _, a := range rec.About {
			p.put(pairKey(pClaimAbout, a, claimID), nil)
		}
		for _, word := range indexWords(lowerText(rec.Text)) {
			p.put(termKey(pClaimWord, word, claimID), nil)
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
	}
	if _, found, err := w.getID(textKey); err != nil {
		return nil, err
	} else if !found {
		p.put(textKey, docID[:])
	}
	return p, nil
}

// touchEntity finds the entity of e.Key: touched earlier by this document,
// cached by the batch, stored, or else new.
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
		item, err := w.txn.Get(idKey(pEntity, id))
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
		w.entities[e.Key] = st // it is stored: valid whatever becomes of this document
		return &entityTouch{state: st}, nil
	}
	id, err = w.s.ids.next()
	if err != nil {
		return nil, err
	}
	st := newEntityState(Entity{ID: id, Key: e.Key, Name: e.Name, Type: e.Type, PlaceKind: e.PlaceKind})
	return &entityTouch{state: st, isNew: true}, nil
}

// getID reads a key whose value is an ID.
func (w *batchWriter) getID(k []byte) (uuid.UUID, bool, error) {
	item, err := w.txn.Get(k)
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
