package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// view runs fn in a read transaction, after checking ctx.
func (s *Store) view(ctx context.Context, fn func(txn *badger.Txn) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.View(fn)
}

// get calls fn with the value of k, or returns ErrNotFound.
func get(txn *badger.Txn, k []byte, fn func(v []byte) error) error {
	item, err := txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	return item.Value(fn)
}

// docReader reads what claims are made of for one read transaction: their
// documents' claim blocks (the last one kept) and texts (cached, in front
// of the store's shared text cache).
type docReader struct {
	txn    *badger.Txn
	log    *textLog
	m      map[uuid.UUID]*docText
	shared *textCache
	// block is the last claim block read (of the document whose ID ends
	// in blockTail): the claims of a page often share a document.
	block     []byte
	blockTail [8]byte
	hasBlock  bool
}

// claimRecord reads the record of claim id from its document's block.
func (t *docReader) claimRecord(id uuid.UUID) ([]byte, error) {
	if !t.hasBlock || [8]byte(id[8:]) != t.blockTail {
		t.hasBlock = false
		err := get(t.txn, claimBlockKey(id), func(v []byte) (err error) {
			t.block, err = decompressValue(t.block, v)
			return err
		})
		if err != nil {
			return nil, err
		}
		t.blockTail, t.hasBlock = [8]byte(id[8:]), true
	}
	return claimInBlock(t.block, id)
}

func (s *Store) newDocReader(txn *badger.Txn) *docReader {
	return &docReader{txn: txn, log: s.textLog, m: make(map[uuid.UUID]*docText), shared: &s.texts}
}

// textCache keeps recently read document texts, with their offset marks,
// across reads: a page of claims reads a few popular documents again and
// again. Documents never change once stored, so entries never go stale.
// It holds at most maxBytes of text; past that it drops entries at random
// (map order), which is enough for a cache of hot documents.
type textCache struct {
	mu       sync.Mutex
	m        map[uuid.UUID]*docText
	bytes    int
	maxBytes int
}

// sharedTextBytes bounds the store's text cache (about ten thousand
// news articles).
const sharedTextBytes = 32 << 20

func (c *textCache) get(id uuid.UUID) (*docText, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	dt, ok := c.m[id]
	return dt, ok
}

func (c *textCache) put(id uuid.UUID, dt *docText) {
	size := len(dt.s) + 4*len(dt.marks)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[uuid.UUID]*docText)
		c.maxBytes = sharedTextBytes
	}
	if size > c.maxBytes/4 {
		return // one huge document would push out everything else
	}
	for k, v := range c.m {
		if c.bytes+size <= c.maxBytes {
			break
		}
		c.bytes -= len(v.s) + 4*len(v.marks)
		delete(c.m, k)
	}
	if _, ok := c.m[id]; !ok {
		c.m[id] = dt
		c.bytes += size
	}
}

// maxCachedTexts bounds a docReader's texts: long counts walk many
// documents, but in order, so a small cache catches the claims of one
// document.
const maxCachedTexts = 64

func (t *docReader) text(doc uuid.UUID) (*docText, error) {
	if dt, ok := t.m[doc]; ok {
		return dt, nil
	}
	if len(t.m) >= maxCachedTexts {
		clear(t.m)
	}
	if dt, ok := t.shared.get(doc); ok {
		t.m[doc] = dt
		return dt, nil
	}
	text, err := readText(t.txn, t.log, doc)
	if err != nil {
		return nil, err
	}
	dt := newDocText(text)
	t.m[doc] = dt
	t.shared.put(doc, dt)
	return dt, nil
}

// readText reads and decompresses the text of document id.
func readText(txn *badger.Txn, log *textLog, id uuid.UUID) (string, error) {
	var ref textRef
	err := get(txn, docTextKey(id), func(v []byte) (err error) {
		ref, err = decodeTextRef(v)
		return err
	})
	var b []byte
	if err == nil {
		b, err = log.read(ref, nil)
	}
	if err == nil {
		b, err = decompressValue(nil, b)
	}
	if err != nil {
		return "", fmt.Errorf("text of document %s: %w", id, err)
	}
	return string(b), nil
}

// newPage gives an empty page with room for limit items (up to 64; more
// grow the slices as needed).
func newPage[T any](limit int) Page[T] {
	n := min(limit, 64)
	return Page[T]{Items: make([]T, 0, n), Cursors: make([]string, 0, n)}
}

func pageSize(args PageArgs) int {
	switch {
	case args.First <= 0:
		return DefaultPageSize
	case args.First > MaxPageSize:
		return MaxPageSize
	}
	return args.First
}

// scanPage calls visit for the keys under prefix that follow the cursor
// after (a key suffix, nil for the start), up to limit of them, and
// reports whether more follow. suffix is valid during the call only.
func scanPage(ctx context.Context, txn *badger.Txn, prefix, after []byte, limit int,
	visit func(item *badger.Item, suffix []byte) error) (hasNext bool, err error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	it.Seek(append(append([]byte(nil), prefix...), after...))
	if after != nil && it.ValidForPrefix(prefix) && bytes.Equal(it.Item().Key()[len(prefix):], after) {
		it.Next()
	}
	for n := 0; it.ValidForPrefix(prefix); it.Next() {
		if n == limit {
			return true, nil
		}
		if n%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
		item := it.Item()
		if err := visit(item, item.Key()[len(prefix):]); err != nil {
			return false, err
		}
		n++
	}
	return false, nil
}

// Document returns the document id (ErrNotFound if there is none).
func (s *Store) Document(ctx context.Context, id uuid.UUID) (Document, error) {
	id = s.overlay().document(id) // an ID of an older extraction
	if err := ctx.Err(); err != nil {
		return Document{}, fmt.Errorf("graph: document %s: %w", id, err)
	}
	if doc, ok := s.documentRecords.get(id); ok {
		return doc.detached(), nil
	}
	gen := s.documentRecords.generation()
	var doc Document
	err := s.view(ctx, func(txn *badger.Txn) error {
		return get(txn, idKey(pDocument, id), func(v []byte) (err error) {
			doc, err = decodeDocument(id, v)
			return err
		})
	})
	if err != nil {
		return Document{}, fmt.Errorf("graph: document %s: %w", id, err)
	}
	s.documentRecords.put(gen, id, doc)
	return doc.detached(), nil
}

// DocumentText returns the text of document id.
func (s *Store) DocumentText(ctx context.Context, id uuid.UUID) (string, error) {
	id = s.overlay().document(id)
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("graph: text of document %s: %w", id, err)
	}
	if dt, ok := s.texts.get(id); ok {
		return dt.s, nil // the text the document's claims are sliced from
	}
	var text string
	err := s.view(ctx, func(txn *badger.Txn) (err error) {
		text, err = readText(txn, s.textLog, id)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("graph: %w", err)
	}
	s.texts.put(id, newDocText(text))
	return text, nil
}

// Documents lists the documents in ingest order.
func (s *Store) Documents(ctx context.Context, args PageArgs) (Page[Document], error) {
	after, err := decodeCursor(args.After, idLen)
	if err != nil {
		return Page[Document]{}, err
	}
	page := newPage[Document](pageSize(args))
	err = s.view(ctx, func(txn *badger.Txn) error {
		page.HasNext, err = scanPage(ctx, txn, []byte(pDocument), after, pageSize(args), func(item *badger.Item, suffix []byte) error {
			return item.Value(func(v []byte) error {
				doc, err := decodeDocument(uuid.UUID(suffix), v)
				if err != nil {
					return err
				}
				page.Items = append(page.Items, doc)
				page.Cursors = append(page.Cursors, encodeCursor(suffix))
				return nil
			})
		})
		return err
	})
	if err != nil {
		return Page[Document]{}, fmt.Errorf("graph: documents: %w", err)
	}
	return page, nil
}

// CountDocuments counts the documents.
func (s *Store) CountDocuments(ctx context.Context) (int, error) {
	st, err := s.Stats(ctx)
	return st.Documents, err
}

// DocumentEntities returns the entities a document names, in the order
// of extraction, as corrected.
func (s *Store) DocumentEntities(ctx context.Context, docID uuid.UUID) ([]Entity, error) {
	var out []Entity
	gen := s.entityRecords.generation()
	o := s.overlay()
	err := s.view(ctx, func(txn *badger.Txn) (err error) {
		out, err = s.documentEntities(txn, gen, o, o.document(docID))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("graph: entities of document %s: %w", docID, err)
	}
	return out, nil
}

func (s *Store) documentEntities(txn *badger.Txn, gen uint64, o *overlay, docID uuid.UUID) ([]Entity, error) {
	var ids []uuid.UUID
	err := get(txn, idKey(pDocEntity, docID), func(v []byte) error {
		d := decoder{b: v}
		d.header()
		for len(d.b) > 0 && d.err == nil {
			ids = append(ids, d.id())
		}
		return d.done()
	})
	if err != nil {
		return nil, err
	}
	out := make([]Entity, 0, len(ids))
	seen := map[uuid.UUID]bool{}
	for _, id := range ids {
		id = o.resolve(docID[8:], id)
		if seen[id] {
			continue
		}
		seen[id] = true
		e, err := s.effectiveEntity(txn, gen, o, id)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// entity reads an entity in txn, or from the cache; gen is the cache's
// generation taken before txn began.
func (s *Store) entity(txn *badger.Txn, gen uint64, id uuid.UUID) (e Entity, err error) {
	if e, ok := s.entityRecords.get(id); ok {
		return e.detached(), nil
	}
	err = get(txn, idKey(pEntity, id), func(v []byte) (err error) {
		e, err = decodeEntity(id, v)
		return err
	})
	if err != nil {
		return Entity{}, fmt.Errorf("entity %s: %w", id, err)
	}
	s.entityRecords.put(gen, id, e)
	return e.detached(), nil
}

// Entity returns the entity id (ErrNotFound if there is none), as
// corrected: a merged ID gives the entity it was merged into.
func (s *Store) Entity(ctx context.Context, id uuid.UUID) (Entity, error) {
	if err := ctx.Err(); err != nil {
		return Entity{}, fmt.Errorf("graph: %w", err)
	}
	o := s.overlay()
	if o.empty {
		if e, ok := s.entityRecords.get(id); ok {
			return e.detached(), nil
		}
	}
	gen := s.entityRecords.generation()
	var e Entity
	err := s.view(ctx, func(txn *badger.Txn) (err error) {
		e, err = s.effectiveEntity(txn, gen, o, id)
		return err
	})
	if err != nil {
		return Entity{}, fmt.Errorf("graph: %w", err)
	}
	return e, nil
}

// entityLists returns the posting lists of a filter, or nil when nothing
// can match.
func entityLists(txn *badger.Txn, f EntityFilter) []idList {
	var lists []idList
	if f.Name != "" {
		fold := extract.Fold(f.Name)
		if fold == "" {
			return nil
		}
		lists = append(lists, newPostingList(txn, termPrefix(pEntityName, fold)))
	}
	if f.Type != "" {
		lists = append(lists, newBlockList(txn, termPrefix(pEntityType, string(f.Type))))
	}
	if len(lists) == 0 {
		lists = append(lists, newPostingList(txn, []byte(pEntity)))
	}
	return lists
}

func closeAll(lists []idList) {
	for _, l := range lists {
		l.close()
	}
}

// entityQuery is an EntityFilter turned into ID lists: the stored ones,
// and beside each the entities corrections put in it.
func entityQuery(txn *badger.Txn, o *overlay, f EntityFilter) []idList {
	lists := entityLists(txn, f)
	if lists == nil || o.empty {
		return lists
	}
	fold := extract.Fold(f.Name)
	i := 0
	if f.Name != "" {
		lists[i] = union([]idList{lists[i], &memList{ids: o.names[fold]}})
		i++
	}
	if f.Type != "" {
		lists[i] = union([]idList{lists[i], &memList{ids: o.types[f.Type]}})
	}
	if f.Name == "" && f.Type == "" {
		virtual := make([]uuid.UUID, 0, len(o.virtual))
		for id := range o.virtual {
			virtual = append(virtual, id)
		}
		slices.SortFunc(virtual, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
		lists[0] = union([]idList{lists[0], &memList{ids: virtual}})
	}
	return lists
}

// entityCandidate decides what an ID the lists of f gave stands for: its
// entity as corrected, if that matches f and the ID is the first of the
// entity's members the lists hold (so that a merged entity is listed
// once, where its first member is).
func (s *Store) entityCandidate(txn *badger.Txn, gen uint64, o *overlay, f EntityFilter, c uuid.UUID) (Entity, bool, error) {
	if o.empty || (o.redirect[c] == uuid.Nil && o.members[c] == nil && o.ents[c] == nil && o.virtual[c] == nil) {
		e, err := s.entity(txn, gen, c)
		return e, err == nil, err
	}
	e, err := s.effectiveEntity(txn, gen, o, c)
	if err != nil {
		return Entity{}, false, err
	}
	fold := extract.Fold(f.Name)
	if f.Type != "" && e.Type != f.Type {
		return Entity{}, false, nil
	}
	if f.Name != "" && !slices.ContainsFunc(storedNames(&e), func(n string) bool { return extract.Fold(n) == fold }) {
		return Entity{}, false, nil
	}
	for _, m := range o.membersOf(e.ID) {
		if bytes.Compare(m[:], c[:]) >= 0 {
			continue
		}
		stored, err := s.storedOrVirtual(txn, gen, o, m)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return Entity{}, false, err
		}
		inName := f.Name == "" || slices.Contains(o.names[fold], m) ||
			slices.ContainsFunc(storedNames(&stored), func(n string) bool { return extract.Fold(n) == fold })
		inType := f.Type == "" || stored.Type == f.Type || slices.Contains(o.types[f.Type], m)
		if inName && inType {
			return Entity{}, false, nil // listed at m, which comes first
		}
	}
	return e, true, nil
}

// Entities lists the entities that match f, oldest first (a merged
// entity where the first of the entities merged into it was). Name
// matches any name or alias after extract.Fold.
func (s *Store) Entities(ctx context.Context, f EntityFilter, args PageArgs) (Page[Entity], error) {
	after, err := decodeCursor(args.After, idLen)
	if err != nil {
		return Page[Entity]{}, err
	}
	from, ok := startAfter(after)
	if !ok {
		return Page[Entity]{}, nil
	}
	limit := pageSize(args)
	page := newPage[Entity](limit)
	gen := s.entityRecords.generation()
	o := s.overlay()
	err = s.view(ctx, func(txn *badger.Txn) error {
		lists := entityQuery(txn, o, f)
		defer closeAll(lists)
		if lists == nil {
			return nil
		}
		return intersect(ctx, lists, from, func(id []byte) (bool, error) {
			e, ok, err := s.entityCandidate(txn, gen, o, f, uuid.UUID(id))
			if err != nil || !ok {
				return err == nil, err
			}
			if len(page.Items) == limit {
				page.HasNext = true
				return false, nil
			}
			page.Items = append(page.Items, e)
			page.Cursors = append(page.Cursors, encodeCursor(id))
			return true, nil
		})
	})
	if err != nil {
		return Page[Entity]{}, fmt.Errorf("graph: entities %+v: %w", f, err)
	}
	return page, nil
}

// CountEntities counts the entities that match f.
func (s *Store) CountEntities(ctx context.Context, f EntityFilter) (int, error) {
	if f == (EntityFilter{}) {
		st, err := s.Stats(ctx)
		return st.Entities, err
	}
	o := s.overlay()
	gen := s.entityRecords.generation()
	n := 0
	err := s.view(ctx, func(txn *badger.Txn) (err error) {
		if f.Name == "" && (o.empty || len(o.involved) == 0) { // the type's blocks count themselves
			n, err = countBlocks(ctx, txn, termPrefix(pEntityType, string(f.Type)))
			return err
		}
		lists := entityQuery(txn, o, f)
		defer closeAll(lists)
		if lists == nil {
			return nil
		}
		return intersect(ctx, lists, nil, func(id []byte) (bool, error) {
			if !o.empty {
				_, ok, err := s.entityCandidate(txn, gen, o, f, uuid.UUID(id))
				if err != nil || !ok {
					return err == nil, err
				}
			}
			n++
			return true, nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("graph: count entities %+v: %w", f, err)
	}
	return n, nil
}

// mentionCursorLen: a mention's cursor is its document and start.
const mentionCursorLen = idLen + 4

func mentionCursor(m *mentionRec) []byte {
	return binary.BigEndian.AppendUint32(append(make([]byte, 0, mentionCursorLen), m.doc[:]...), uint32(m.start))
}

// Mentions lists the mentions of an entity, oldest document first, in
// text order within a document. An entity with merges or splits has the
// mentions of every ID that resolves to it, in that order.
func (s *Store) Mentions(ctx context.Context, entityID uuid.UUID, args PageArgs) (Page[Mention], error) {
	after, err := decodeCursor(args.After, mentionCursorLen)
	if err != nil {
		return Page[Mention]{}, err
	}
	limit := pageSize(args)
	o := s.overlay()
	entityID = o.resolveGlobal(entityID)
	sources := o.sourcesOf(entityID)
	var all []Mention
	var cursors [][]byte
	hasNext := false
	err = s.view(ctx, func(txn *badger.Txn) error {
		docs := s.newDocReader(txn)
		for _, src := range sources {
			more, err := s.mentionsOf(ctx, txn, docs, o, entityID, src, after, limit, func(m Mention, cursor []byte) {
				all = append(all, m)
				cursors = append(cursors, cursor)
			})
			if err != nil {
				return err
			}
			hasNext = hasNext || more
		}
		return nil
	})
	if err != nil {
		return Page[Mention]{}, fmt.Errorf("graph: mentions of %s: %w", entityID, err)
	}
	if len(sources) > 1 {
		idx := make([]int, len(all))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return bytes.Compare(cursors[idx[a]], cursors[idx[b]]) < 0 })
		sorted, sc := make([]Mention, len(all)), make([][]byte, len(all))
		for i, j := range idx {
			sorted[i], sc[i] = all[j], cursors[j]
		}
		all, cursors = sorted, sc
	}
	page := newPage[Mention](limit)
	for i := range all {
		if len(page.Items) == limit {
			hasNext = true
			break
		}
		page.Items = append(page.Items, all[i])
		page.Cursors = append(page.Cursors, encodeCursor(cursors[i]))
	}
	page.HasNext = hasNext && len(page.Items) == limit
	return page, nil
}

// mentionsOf gives emit the mentions stored under src after the cursor
// after that resolve to entity, up to limit of them, and reports whether
// more follow.
func (s *Store) mentionsOf(ctx context.Context, txn *badger.Txn, docs *docReader, o *overlay, entity, src uuid.UUID, after []byte, limit int, emit func(Mention, []byte)) (bool, error) {
	prefix := idKey(pMention, src)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	// The first block that may hold mentions after the cursor is the
	// first whose last mention is at or after it.
	var block []mentionRec
	n := 0
	for it.Seek(append(prefix, after...)); it.ValidForPrefix(prefix); it.Next() {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		item := it.Item()
		if len(item.Key()) != len(prefix)+mentionBlockTail {
			return false, fmt.Errorf("key %q: %w", item.Key(), errCorrupt)
		}
		err := item.Value(func(v []byte) (err error) {
			block, err = decodeMentionBlock(v, block[:0])
			return err
		})
		if err == nil && len(block) != blockCount(item.Key()) {
			err = errCorrupt
		}
		if err != nil {
			return false, fmt.Errorf("mentions %q: %w", item.Key(), err)
		}
		for i := range block {
			m := &block[i]
			cursor := mentionCursor(m)
			if after != nil && bytes.Compare(cursor, after) <= 0 {
				continue
			}
			if o.resolve(m.doc[8:], src) != entity {
				continue
			}
			if n == limit {
				return true, nil
			}
			if !m.storeText {
				text, err := docs.text(m.doc)
				if err != nil {
					return false, err
				}
				m.text = text.slice(m.start, m.end)
			}
			emit(Mention{EntityID: entity, DocumentID: m.doc, Start: m.start, End: m.end, Text: m.text, Rule: m.rule}, cursor)
			n++
		}
	}
	return false, nil
}

// CountMentions counts the mentions of an entity (keys only, unless a
// split divides its mentions).
func (s *Store) CountMentions(ctx context.Context, entityID uuid.UUID) (int, error) {
	o := s.overlay()
	entityID = o.resolveGlobal(entityID)
	var n int
	err := s.view(ctx, func(txn *badger.Txn) error {
		if o.split[entityID] {
			docs := s.newDocReader(txn)
			for _, src := range o.sourcesOf(entityID) {
				if _, err := s.mentionsOf(ctx, txn, docs, o, entityID, src, nil, -1, func(Mention, []byte) { n++ }); err != nil {
					return err
				}
			}
			return nil
		}
		for _, src := range o.sourcesOf(entityID) {
			c, err := countBlocks(ctx, txn, idKey(pMention, src))
			if err != nil {
				return err
			}
			n += c
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("graph: count mentions of %s: %w", entityID, err)
	}
	return n, nil
}

// claim reads a claim with its texts, as stored.
func claim(docs *docReader, id uuid.UUID) (Claim, error) {
	v, err := docs.claimRecord(id)
	var rec claimRecord
	if err == nil {
		rec, err = decodeClaim(id, v)
	}
	if err != nil {
		return Claim{}, fmt.Errorf("claim %s: %w", id, err)
	}
	text, err := docs.text(rec.DocumentID)
	if err != nil {
		return Claim{}, fmt.Errorf("claim %s: %w", id, err)
	}
	return rec.fill(text), nil
}

// Claim returns the claim id (ErrNotFound if there is none), as
// corrected (a retracted claim too, with Retracted set).
func (s *Store) Claim(ctx context.Context, id uuid.UUID) (Claim, error) {
	var c Claim
	o := s.overlay()
	err := s.view(ctx, func(txn *badger.Txn) (err error) {
		c, err = claim(s.newDocReader(txn), id)
		return err
	})
	if err != nil {
		return Claim{}, fmt.Errorf("graph: %w", err)
	}
	o.applyClaim(&c)
	return c, nil
}

// claimQuery is a ClaimFilter turned into ID lists.
type claimQuery struct {
	lists []idList
	// blocks are the prefixes of the block lists; with one list and no
	// needle, a count sums their keys.
	blocks [][]byte
	// needle is the lowered Text to find in the claim text; "" when the
	// lists alone decide (no Text, or Text is one whole indexed word).
	needle string
	// The filter as the overlay resolves it: the entities a claim must
	// have as speaker or name (uuid.Nil: any), and whether a count can
	// sum the blocks' keys and correct the sum from the overlay alone.
	o                   *overlay
	speaker, about, doc uuid.UUID
	includeRetracted    bool
	clean               bool
	// checkAll: a split divides the lists, so a count must resolve
	// every claim they hold.
	checkAll bool
	// speakerBlocks are the lists of the speaker's sources (merges):
	// disjoint, since a claim has one speaker as stored, so a count sums
	// their keys.
	speakerBlocks [][]byte
	speakerAdds   []uuid.UUID
	// The filters of filters.go that the record or corrections decide
	// (effectiveExtended); none: nothing can match.
	kinds         []extract.ClaimKind
	predicate     extract.Predicate
	minConfidence float64
	speakerSet    []uuid.UUID
	involving     uuid.UUID
	none          bool
	// byDay: the claims are walked day by day (NEWEST, OLDEST, counts of
	// a date range), each day's cy/ list added to lists per day.
	byDay bool
	// With a speaker filter (speakerWalk), the days walked are those of
	// the speakers' cz/ lists (daySources) and of the claims corrections
	// gave them (dayAddClaims), not every day with claims.
	speakerWalk  bool
	daySources   [][]byte
	dayAddClaims []uuid.UUID
}

// newClaimQuery turns f into lists; names are the entities of
// f.SpeakerName (speakerNameEntities).
func newClaimQuery(txn *badger.Txn, o *overlay, f ClaimFilter, names []uuid.UUID) (*claimQuery, error) {
	q := &claimQuery{o: o, includeRetracted: f.IncludeRetracted, clean: true}
	extra, err := q.extendedFilters(txn, o, &f, names) // unions, beside the block lists
	if err != nil {
		return nil, err
	}
	if f.Document != uuid.Nil {
		q.doc = o.document(f.Document)
		q.blocks = append(q.blocks, idKey(pClaimDoc, q.doc))
	}
	if strings.TrimSpace(f.Text) != "" {
		lowered := lowerText(f.Text)
		words := indexWords(lowered)
		if len(words) == 0 {
			return nil, fmt.Errorf("%w: %q", ErrQueryTooBroad, f.Text)
		}
		// Longest words first: likely the rarest, so the first list
		// leads the intersection with few, long jumps.
		sort.SliceStable(words, func(i, j int) bool { return len(words[i]) > len(words[j]) })
		for _, w := range words {
			q.blocks = append(q.blocks, termPrefix(pClaimWord, w))
		}
		if len(words) != 1 || words[0] != lowered {
			q.needle = lowered
		}
	}
	entityLists := func(prefix string, id uuid.UUID, adds []uuid.UUID) uuid.UUID {
		e := o.resolveGlobal(id)
		sources := o.sourcesOf(e)
		if len(sources) == 1 && len(adds) == 0 {
			q.blocks = append(q.blocks, idKey(prefix, sources[0]))
			return e
		}
		q.clean = false
		var ls []idList
		for _, src := range sources {
			ls = append(ls, newBlockList(txn, idKey(prefix, src)))
			if prefix == pClaimSpeaker {
				q.speakerBlocks = append(q.speakerBlocks, idKey(prefix, src))
			}
		}
		if len(adds) > 0 {
			ls = append(ls, &memList{ids: adds})
		}
		extra = append(extra, union(ls))
		return e
	}
	if f.Speaker != uuid.Nil {
		e := o.resolveGlobal(f.Speaker)
		q.speakerAdds = o.speakerAdds[e]
		q.speaker = entityLists(pClaimSpeaker, f.Speaker, q.speakerAdds)
	}
	if f.About != uuid.Nil {
		q.about = entityLists(pClaimAbout, f.About, nil)
	}
	if (q.speaker != uuid.Nil && o.split[q.speaker]) || (q.about != uuid.Nil && o.split[q.about]) {
		q.clean, q.checkAll = false, true
	}
	for _, p := range q.blocks {
		q.lists = append(q.lists, newBlockList(txn, p))
	}
	q.lists = append(q.lists, extra...)
	if f.dated() {
		if err := q.dateLists(txn, &f); err != nil {
			q.close()
			return nil, err
		}
	}
	if len(q.lists) == 0 && !q.byDay {
		q.lists = append(q.lists, newAllClaimsList(txn))
	}
	return q, nil
}

func (q *claimQuery) close() { closeAll(q.lists) }

func (q *claimQuery) matches(c *Claim) bool {
	return q.needle == "" || strings.Contains(lowerText(c.Text), q.needle)
}

// corrected reports whether the overlay may change whether claim id
// matches: a correction of the claim, or a split in its document.
func (q *claimQuery) corrected(id []byte) bool {
	if q.o.empty {
		return false
	}
	if q.checkAll {
		return true
	}
	if _, ok := q.o.claims[uuid.UUID(id)]; ok {
		return true
	}
	_, ok := q.o.docMap[[8]byte(id[8:])]
	return ok
}

// effective reports whether c, corrected, matches the filter.
func (q *claimQuery) effective(c *Claim) bool {
	if c.Retracted && !q.includeRetracted {
		return false
	}
	if q.speaker != uuid.Nil && c.SpeakerID != q.speaker {
		return false
	}
	if q.about != uuid.Nil && !slices.Contains(c.About, q.about) {
		return false
	}
	return q.effectiveExtended(c)
}

// Claims lists the claims that match f: in document order within a
// document, in ingest order across documents.
func (s *Store) Claims(ctx context.Context, f ClaimFilter, args PageArgs) (Page[Claim], error) {
	cursorLen := idLen
	if f.Order != OrderDocument {
		cursorLen = dayCursorLen
	}
	after, err := decodeCursor(args.After, cursorLen)
	if err != nil {
		return Page[Claim]{}, err
	}
	from, ok := make([]byte, idLen), true
	if f.Order == OrderDocument {
		from, ok = startAfter(after)
	}
	if !ok {
		return Page[Claim]{}, nil
	}
	names, err := s.claimNames(ctx, &f)
	if err != nil {
		return Page[Claim]{}, fmt.Errorf("graph: claims: %w", err)
	}
	limit := pageSize(args)
	page := newPage[Claim](limit)
	o := s.overlay()
	err = s.view(ctx, func(txn *badger.Txn) error {
		q, err := newClaimQuery(txn, o, f, names)
		if err != nil {
			return err
		}
		defer q.close()
		if q.none {
			return nil
		}
		if q.byDay {
			return s.claimsByDay(ctx, txn, o, q, &f, after, limit, &page)
		}
		docs := s.newDocReader(txn)
		return intersect(ctx, q.lists, from, func(id []byte) (bool, error) {
			c, err := claim(docs, uuid.UUID(id))
			if err != nil || !q.matches(&c) {
				return err == nil, err
			}
			o.applyClaim(&c)
			if !q.effective(&c) {
				return true, nil
			}
			if len(page.Items) == limit {
				page.HasNext = true
				return false, nil
			}
			page.Items = append(page.Items, c)
			page.Cursors = append(page.Cursors, encodeCursor(id))
			return true, nil
		})
	})
	if err != nil {
		return Page[Claim]{}, fmt.Errorf("graph: claims %+v: %w", f, err)
	}
	return page, nil
}

// CountClaims counts the claims that match f. One filter is counted from
// the keys of its blocks (corrected by what the overlay knows of the
// claims people corrected); several intersect the blocks; a Text of more
// than one word also reads the records the intersection proposes; merges
// and splits walk the union of the lists.
func (s *Store) CountClaims(ctx context.Context, f ClaimFilter) (int, error) {
	o := s.overlay()
	if f.plain() {
		st, err := s.Stats(ctx)
		if f.IncludeRetracted {
			st.Claims -= o.claimsDelta
		}
		return st.Claims, err
	}
	names, err := s.claimNames(ctx, &f)
	if err != nil {
		return 0, fmt.Errorf("graph: count claims: %w", err)
	}
	if f.Since != "" || f.Until != "" {
		f.Order = OrderOldest // a count walks the days, however wide the range
	}
	n := 0
	err = s.view(ctx, func(txn *badger.Txn) error {
		q, err := newClaimQuery(txn, o, f, names)
		if err != nil {
			return err
		}
		defer q.close()
		if q.none {
			return nil
		}
		if m, ok, err := s.countFromKeys(ctx, txn, o, q, &f); ok || err != nil {
			n = m
			return err
		}
		if q.byDay {
			n, err = s.countByDay(ctx, txn, o, q, &f)
			return err
		}
		if f.extended() {
			// Lists whose counts cannot be summed from keys: walk the
			// intersection.
			docs := s.newDocReader(txn)
			return intersect(ctx, q.lists, nil, func(id []byte) (bool, error) {
				ok, err := q.counts(docs, o, uuid.UUID(id))
				if ok {
					n++
				}
				return err == nil, err
			})
		}
		docs := s.newDocReader(txn)
		if len(q.speakerBlocks) > 0 && len(q.lists) == 1 && !q.checkAll {
			// Only a speaker with merges: the sum of its sources' lists,
			// plus the claims people gave it, corrected.
			sources := o.sourcesOf(q.speaker)
			for _, p := range q.speakerBlocks {
				c, err := countBlocks(ctx, txn, p)
				if err != nil {
					return err
				}
				n += c
			}
			for id, p := range o.claims {
				inLists := slices.Contains(sources, p.info.speaker)
				given := slices.Contains(q.speakerAdds, id)
				if given && !inLists {
					n++ // in the lists through speakerAdds
				}
				c, err := claim(docs, id)
				if errors.Is(err, ErrNotFound) {
					continue
				}
				if err != nil {
					return err
				}
				o.applyClaim(&c)
				if (inLists || given) && !q.effective(&c) {
					n--
				}
			}
			return nil
		}
		if len(q.blocks) == 1 && len(q.lists) == 1 && q.needle == "" && q.clean {
			n, err = countBlocks(ctx, txn, q.blocks[0])
			if err != nil || o.empty {
				return err
			}
			// The claims people corrected: in the blocks as stored, and
			// in the answer as corrected.
			for id := range o.claims {
				c, err := claim(docs, id)
				if errors.Is(err, ErrNotFound) {
					continue
				}
				if err != nil {
					return err
				}
				stored := q.storedMatch(&c)
				o.applyClaim(&c)
				if stored && !q.effective(&c) {
					n--
				} else if !stored && q.effective(&c) && q.matches(&c) && (q.doc == uuid.Nil || c.DocumentID == q.doc) {
					n++
				}
			}
			return nil
		}
		return intersect(ctx, q.lists, nil, func(id []byte) (bool, error) {
			if q.needle != "" || q.corrected(id) {
				c, err := claim(docs, uuid.UUID(id))
				if err != nil || !q.matches(&c) {
					return err == nil, err
				}
				o.applyClaim(&c)
				if !q.effective(&c) {
					return true, nil
				}
			}
			n++
			return true, nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("graph: count claims %+v: %w", f, err)
	}
	return n, nil
}

// storedMatch reports whether claim c, as stored, is in the one block
// list of a clean query.
func (q *claimQuery) storedMatch(c *Claim) bool {
	switch {
	case q.doc != uuid.Nil:
		return c.DocumentID == q.doc
	case q.speaker != uuid.Nil:
		return c.SpeakerID == q.speaker
	case q.about != uuid.Nil:
		return slices.Contains(c.About, q.about)
	}
	// one whole word of the text
	return slices.Contains(indexWords(lowerText(c.Text)), string(q.blocks[0][len(pClaimWord):len(q.blocks[0])-1]))
}

// Relations returns the relations in which the entity is subject or
// object, with predicate p ("" = all), at most limit of them (limit <= 0:
// all), as corrected: through merges and splits, without the relations of
// retracted claims and the relations people retracted, with the ones they
// added. They are ordered by predicate, then the other entity, then the
// claim (ingest order), so the claims asserting one triple stand together
// — the shape aggregation across sources needs; a limit takes the first
// ones in that order, reading no more keys than it returns (plus as many
// as corrections may have taken out).
func (s *Store) Relations(ctx context.Context, entityID uuid.UUID, p extract.Predicate, limit int) ([]Relation, error) {
	o := s.overlay()
	entityID = o.resolveGlobal(entityID)
	sources := o.sourcesOf(entityID)
	max := -1
	if limit > 0 && len(sources) == 1 && !o.split[entityID] {
		max = limit + o.relSlack
	}
	var out []Relation
	seen := map[[3 * idLen]byte]bool{}
	err := s.view(ctx, func(txn *badger.Txn) error {
		for _, src := range sources {
			for _, prefix := range []string{pRelation, pRelationByObj} {
				scan := idKey(prefix, src)
				if p != "" {
					scan = append(append(scan, p...), sep)
				}
				_, err := scanPage(ctx, txn, scan, nil, max, func(item *badger.Item, _ []byte) error {
					k := item.Key()
					rest := k[len(prefix)+idLen:]
					i := bytes.IndexByte(rest, sep)
					if i < 0 || len(rest) != i+1+2*idLen {
						return fmt.Errorf("key %q: %w", k, errCorrupt)
					}
					other := uuid.UUID(rest[i+1 : i+1+idLen])
					r := Relation{Predicate: extract.Predicate(rest[:i]), ClaimID: uuid.UUID(rest[i+1+idLen:])}
					if prefix == pRelation {
						r.SubjectID, r.ObjectID = src, other
					} else {
						r.SubjectID, r.ObjectID = other, src
					}
					if !o.empty {
						if o.retracted(r.ClaimID) {
							return nil
						}
						if cp := o.claims[r.ClaimID]; cp != nil && o.relationRetracted(cp, &r) {
							return nil
						}
						tail := r.ClaimID[8:]
						r.SubjectID, r.ObjectID = o.resolve(tail, r.SubjectID), o.resolve(tail, r.ObjectID)
						if r.SubjectID != entityID && r.ObjectID != entityID {
							return nil
						}
					}
					var dk [3 * idLen]byte
					copy(dk[:], r.ClaimID[:])
					copy(dk[idLen:], r.SubjectID[:])
					copy(dk[2*idLen:], r.ObjectID[:])
					if r.SubjectID == r.ObjectID && prefix == pRelationByObj || seen[dk] {
						return nil // a relation to itself: found under r/ already
					}
					seen[dk] = true
					if err := item.Value(func(v []byte) error { return decodeRelationIndex(&r, v) }); err != nil {
						return err
					}
					out = append(out, r)
					return nil
				})
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: relations of %s: %w", entityID, err)
	}
	for _, r := range o.added {
		if o.retracted(r.ClaimID) || (p != "" && r.Predicate != p) {
			continue
		}
		rr := *r
		tail := rr.ClaimID[8:]
		rr.SubjectID, rr.ObjectID = o.resolve(tail, rr.SubjectID), o.resolve(tail, rr.ObjectID)
		if rr.SubjectID == entityID || rr.ObjectID == entityID {
			out = append(out, rr)
		}
	}
	other := func(r Relation) uuid.UUID {
		if r.SubjectID == entityID {
			return r.ObjectID
		}
		return r.SubjectID
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		oa, ob := other(a), other(b)
		if c := bytes.Compare(oa[:], ob[:]); c != 0 {
			return c < 0
		}
		return bytes.Compare(a.ClaimID[:], b.ClaimID[:]) < 0
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// Stats counts what the store holds, summing the tallies that every write
// transaction leaves (one small key each), as corrected: merged entities
// count once, retracted claims and relations not at all.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var sum tally
	err := s.view(ctx, func(txn *badger.Txn) error {
		_, err := scanPage(ctx, txn, []byte(pTally), nil, -1, func(item *badger.Item, _ []byte) error {
			return item.Value(func(v []byte) error {
				t, err := decodeTally(v)
				if err != nil {
					return fmt.Errorf("tally %q: %w", item.Key(), err)
				}
				sum.add(t)
				return nil
			})
		})
		return err
	})
	if err != nil {
		return Stats{}, fmt.Errorf("graph: stats: %w", err)
	}
	o := s.overlay()
	return Stats{Documents: sum.docs, Entities: sum.entities + o.entitiesDelta, Claims: sum.claims + o.claimsDelta,
		Relations: sum.relations + o.relationsDelta, Mentions: sum.mentions}, nil
}
