package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
)

// entryOverhead is what Badger adds to len(key)+len(value) when it checks
// a transaction's size (meta bytes and the version).
const entryOverhead = 12

// budgetPercent of Badger's transaction limits is what one transaction of
// IngestBatch may use.
const budgetPercent = 80

// errEarlierCommit marks the documents of a batch left unwritten because an
// earlier transaction of the batch failed (they may depend on it).
var errEarlierCommit = errors.New("not written: an earlier transaction of this batch failed")

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
//
// Documents are planned (validated, resolved, encoded) while the previous
// transaction is being written. Batches of a few hundred documents make
// the fewest, largest posting blocks.
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

	// Plans read a snapshot taken now plus what this batch has written
	// (the overlay in batchWriter): no one else writes meanwhile.
	snap := s.db.NewTransaction(false)
	defer snap.Discard()
	if s.entities == nil {
		s.entities, s.olderEntities = make(map[string]*entityState), nil
	} else if len(s.entities) > s.cachedEntities {
		s.entities, s.olderEntities = make(map[string]*entityState), s.entities
	}
	c := newCommitter(s, outs, errs)
	w := &batchWriter{
		s: s, snap: snap, c: c, errs: errs, ov: s.overlay(),
		entities:     s.entities,
		older:        s.olderEntities,
		docKeys:      make(map[string]uuid.UUID),
		groups:       make(map[string]*groupRec),
		groupSources: make(map[string]byte),
		buf:          c.buffer(),
		lists:        listKeys{m: make(map[string]*listKey)},
	}
	w.textSeg, w.textEnd = s.textLog.position()
	stopped := false
	for i := range ins {
		if err := ctx.Err(); err != nil {
			for j := i; j < len(ins); j++ {
				errs[j] = fmt.Errorf("graph: ingest document %d: %w", j, err)
			}
			w.buf.fail(errs, err) // not sent: not written
			stopped = true
			break
		}
		if err := c.failed(); err != nil {
			for j := i; j < len(ins); j++ {
				errs[j] = fmt.Errorf("graph: ingest document %d: %w: %w", j, errEarlierCommit, err)
			}
			stopped = true
			break
		}
		w.add(i, &ins[i])
	}
	if !stopped {
		w.send()
	} else if err := c.failed(); err != nil {
		w.buf.fail(errs, fmt.Errorf("%w: %w", errEarlierCommit, err))
	}
	c.close()
	if stopped || c.failed() != nil {
		// The cache may hold names of documents not written.
		s.entities, s.olderEntities = nil, nil
	}
	return outs, errs
}

// txnBuffer is what one transaction will write: whole documents. Once
// written, a buffer is reset and reused, keeping the room its slices
// grew to.
type txnBuffer struct {
	entries     []kv
	count, size int64 // budget used, as Badger counts it (upper bounds)
	pending     []pendingDoc
	tally       tally
	tallyID     uuid.UUID
	renames     bool // rewrites stored entities: see docPlan.renames
	texts       textWrites
	// gen tells the uses of a reused buffer apart (see listKey).
	gen uint64
	// The posting blocks: ID lists (see listKey) and mentions by entity.
	// The items of all lists are in one slice, each list's chained by
	// next, so that the many lists of one item cost no allocation.
	lists     []txnList
	ids       []uuid.UUID
	extras    []uint64 // extras[i]: what search postings carry with ids[i]
	next      []int32  // next[i]: the index in ids of the list's next ID, -1 at the end
	mentioned map[uuid.UUID]int32
	mlists    []txnList // key unused: entities[i] is the entity
	entities  []uuid.UUID
	mentions  []mentionRec
	mnext     []int32
	// blocks and bentries are the encoded blocks and Badger's entries of
	// the last write, kept for their room.
	blocks   []byte
	bentries []badger.Entry
}

// txnList is one list's block in a transaction: its first and last item
// and how many there are.
type txnList struct {
	key         string
	first, last int32
	n           int
}

// chain appends item i (whose next is -1) to l.
func chain(l *txnList, next []int32, i int32) {
	if l.n == 0 {
		l.first = i
	} else {
		next[l.last] = i
	}
	l.last = i
	l.n++
}

// listIDs gathers the IDs of l into dst.
func (b *txnBuffer) listIDs(l *txnList, dst []uuid.UUID) []uuid.UUID {
	for i := l.first; i >= 0; i = b.next[i] {
		dst = append(dst, b.ids[i])
	}
	return dst
}

// listExtras gathers what the search postings of l carry into dst.
func (b *txnBuffer) listExtras(l *txnList, dst []uint64) []uint64 {
	for i := l.first; i >= 0; i = b.next[i] {
		dst = append(dst, b.extras[i])
	}
	return dst
}

// listMentions gathers the mentions of l into dst.
func (b *txnBuffer) listMentions(l *txnList, dst []mentionRec) []mentionRec {
	for i := l.first; i >= 0; i = b.mnext[i] {
		dst = append(dst, b.mentions[i])
	}
	return dst
}

type pendingDoc struct {
	index   int
	outcome IngestOutcome
}

func newTxnBuffer() *txnBuffer {
	return &txnBuffer{mentioned: make(map[uuid.UUID]int32)}
}

// reset empties b for reuse.
func (b *txnBuffer) reset() {
	clear(b.entries)  // drop references to the documents' bytes
	clear(b.mentions) // and to their texts (mentionRec.text)
	*b = txnBuffer{
		gen:       b.gen + 1,
		entries:   b.entries[:0],
		pending:   b.pending[:0],
		lists:     b.lists[:0],
		ids:       b.ids[:0],
		extras:    b.extras[:0],
		next:      b.next[:0],
		mentioned: b.mentioned,
		mlists:    b.mlists[:0],
		entities:  b.entities[:0],
		mentions:  b.mentions[:0],
		mnext:     b.mnext[:0],
		blocks:    b.blocks[:0],
		bentries:  b.bentries[:0],
		texts:     textWrites{buf: b.texts.buf[:0]},
	}
	clear(b.bentries[:cap(b.bentries)]) // drop references to keys and values
	clear(b.mentioned)
}

// open reports whether the buffer has a block for the list.
func (b *txnBuffer) open(l *listKey) bool { return l.buf == b && l.gen == b.gen }

// post adds an ID to the list's block, opening it if needed.
func (b *txnBuffer) post(l *listKey, id uuid.UUID, extra uint64) {
	if !b.open(l) {
		l.buf, l.gen, l.idx = b, b.gen, len(b.lists)
		b.lists = append(b.lists, txnList{key: l.key})
	}
	b.ids = append(b.ids, id)
	b.extras = append(b.extras, extra)
	b.next = append(b.next, -1)
	chain(&b.lists[l.idx], b.next, int32(len(b.ids)-1))
}

// mentionOpen reports whether the buffer has a mention block for entity.
func (b *txnBuffer) mentionOpen(entity uuid.UUID) bool {
	_, ok := b.mentioned[entity]
	return ok
}

// mention adds a mention of entity to its block, opening it if needed.
func (b *txnBuffer) mention(entity uuid.UUID, m *mentionRec) {
	k, ok := b.mentioned[entity]
	if !ok {
		k = int32(len(b.mlists))
		b.mentioned[entity] = k
		b.mlists = append(b.mlists, txnList{})
		b.entities = append(b.entities, entity)
	}
	b.mentions = append(b.mentions, *m)
	b.mnext = append(b.mnext, -1)
	chain(&b.mlists[k], b.mnext, int32(len(b.mentions)-1))
}

// fail gives the buffer's documents err.
func (b *txnBuffer) fail(errs []error, err error) {
	for _, d := range b.pending {
		errs[d.index] = fmt.Errorf("graph: ingest document %d: %w", d.index, err)
	}
}

// batchWriter plans documents and fills transaction buffers with them.
type batchWriter struct {
	s    *Store
	snap *badger.Txn // read snapshot from the start of the batch
	ov   *overlay    // the corrections in force (keys they resolve)
	c    *committer
	errs []error
	buf  *txnBuffer
	// The overlay: what this batch wrote after snap. entities (the
	// store's cache) holds entities by Key as the documents planned so
	// far leave them; docKeys the du/, dh/ and c/ keys written.
	entities map[string]*entityState
	// older is the store's olderEntities: read, and emptied of what moves
	// to entities.
	older   map[string]*entityState
	docKeys map[string]uuid.UUID
	// groups and groupSources are the g/ records and gs/ flags the batch
	// planned so far, by key.
	groups       map[string]*groupRec
	groupSources map[string]byte

	// Scratch, reused from one document to the next: the plan, the
	// interned list keys, a key buffer and the words of a claim.
	planBuf docPlan
	lists   listKeys
	// blockBuf holds a claim block before it is compressed; textBuf a
	// document's text as bytes, for its hash and its compression.
	blockBuf   []byte
	textBuf    []byte
	keyBuf     []byte
	words      []string
	claimWords []claimWord // a claim's word lists (postWords)
	// textSeg and textEnd are where the next text goes in the text log.
	textSeg uint32
	textEnd int64
}

func (w *batchWriter) add(i int, in *IngestInput) {
	p, err := w.plan(in)
	if err != nil {
		w.errs[i] = fmt.Errorf("graph: ingest document %d (%s): %w", i, describe(in), err)
		return
	}
	if p.outcome.Duplicate {
		// Settled with the buffer: the original may be in it.
		w.buf.pending = append(w.buf.pending, pendingDoc{index: i, outcome: p.outcome})
		return
	}
	maxCount, maxSize := w.s.maxTxnCount, w.s.maxTxnSize
	count, size := w.buf.cost(p, true)
	if count > maxCount || size > maxSize {
		w.errs[i] = fmt.Errorf("graph: ingest document %d (%s): %w: %d entries, %d bytes (limit %d entries, %d bytes)",
			i, describe(in), ErrDocumentTooLarge, count, size, maxCount, maxSize)
		return
	}
	const tallyReserve = 64
	count, size = w.buf.cost(p, false)
	if w.buf.count+count+1 > maxCount || w.buf.size+size+tallyReserve > maxSize {
		w.send()
		count, size = w.buf.cost(p, true)
	}
	// A transaction's texts are contiguous in one segment.
	seg, off := w.s.textLog.next(w.textSeg, w.textEnd, len(p.text))
	if seg != w.textSeg && len(w.buf.texts.buf) > 0 {
		w.send()
		count, size = w.buf.cost(p, true)
	}
	b := w.buf
	if len(b.texts.buf) == 0 {
		b.texts.seg, b.texts.off = seg, off
	}
	ref := b.texts.add(p.text)
	w.textSeg, w.textEnd = seg, off+int64(len(p.text))
	b.entries = append(b.entries, kv{k: docTextKey(p.outcome.DocumentID), v: encodeTextRef(ref)})
	b.entries = append(b.entries, p.entries...)
	for _, ps := range p.postings {
		b.post(ps.list, ps.id, ps.extra)
	}
	for i := range p.mentions {
		b.mention(p.mentions[i].entity, &p.mentions[i].m)
	}
	b.count += count
	b.size += size
	b.tally.add(p.tally)
	b.renames = b.renames || p.renames
	b.pending = append(b.pending, pendingDoc{index: i, outcome: p.outcome})
	// The overlay now includes the document.
	for key, t := range p.touched {
		t.apply()
		w.entities[key] = t.state
	}
	for _, k := range p.docKeys {
		w.docKeys[k] = p.outcome.DocumentID
	}
	w.applyGroups(p)
}

// send hands the buffer to the committer and starts a new one.
func (w *batchWriter) send() {
	b := w.buf
	if len(b.pending) == 0 {
		return
	}
	w.buf = w.c.buffer()
	if b.count > 0 {
		id, err := w.s.ids.next()
		if err != nil {
			b.fail(w.errs, err)
			return
		}
		b.tallyID = id
	}
	w.c.send(b)
}

// cost is what adding p takes from the buffer's budget: its entries and
// postings, and the blocks it opens (all of them if alone).
func (b *txnBuffer) cost(p *docPlan, alone bool) (count, size int64) {
	count, size = int64(len(p.entries))+p.blocks, p.size+p.postingSize+p.blockSize
	if alone {
		return count, size
	}
	for _, list := range p.lists {
		if b.open(list) {
			count--
			size -= idBlockCost(len(list.key))
		}
	}
	for i := range p.mentions {
		if i > 0 && p.mentions[i].entity == p.mentions[i-1].entity {
			continue
		}
		if b.mentionOpen(p.mentions[i].entity) {
			count--
			size -= mentionBlockCost
		}
	}
	return count, size
}

// Upper bounds of the encoded sizes of postings and blocks, as Badger
// counts them.
const (
	idPostingCost    = binary.MaxVarintLen64 + 8
	mentionBlockCost = int64(len(pMention)) + idLen + mentionBlockTail + entryOverhead + 1 + binary.MaxVarintLen32
)

func idBlockCost(listLen int) int64 { return int64(listLen) + blockTail + entryOverhead + 1 }

func mentionPostingCost(m *mentionRec) int64 {
	c := int64(1+idLen+3*binary.MaxVarintLen32+len(m.rule)) + 1
	if m.storeText {
		c += int64(len(m.text)) + binary.MaxVarintLen32
	}
	return c
}

// committer writes buffers, one transaction each, in order, on its own
// goroutine. After a failure it writes nothing more: later documents may
// use entities that the failed transaction was to create.
type committer struct {
	s    *Store
	outs []IngestOutcome
	errs []error
	ch   chan *txnBuffer
	done chan struct{}
	// free holds written buffers for reuse.
	free chan *txnBuffer

	mu  sync.Mutex
	err error
}

func newCommitter(s *Store, outs []IngestOutcome, errs []error) *committer {
	c := &committer{s: s, outs: outs, errs: errs, ch: make(chan *txnBuffer, 1), done: make(chan struct{}), free: make(chan *txnBuffer, 3)}
	if s.spare != nil {
		c.free <- s.spare
		s.spare = nil
	}
	go c.run()
	return c
}

// buffer gives an empty transaction buffer: one already written if there
// is one, else a new one.
func (c *committer) buffer() *txnBuffer {
	select {
	case b := <-c.free:
		return b
	default:
		return newTxnBuffer()
	}
}

// recycle makes a buffer that was written, or failed, available again.
func (c *committer) recycle(b *txnBuffer) {
	b.reset()
	select {
	case c.free <- b:
	default:
	}
}

func (c *committer) send(b *txnBuffer) { c.ch <- b }

// close waits for the buffers sent to be written, and keeps one for the
// next batch.
func (c *committer) close() {
	close(c.ch)
	<-c.done
	select {
	case b := <-c.free:
		c.s.spare = b
	default:
	}
}

func (c *committer) failed() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *committer) run() {
	defer close(c.done)
	for b := range c.ch {
		if err := c.failed(); err != nil {
			b.fail(c.errs, fmt.Errorf("%w: %w", errEarlierCommit, err))
			c.recycle(b)
			continue
		}
		if err := c.write(b); err != nil {
			c.mu.Lock()
			c.err = err
			c.mu.Unlock()
			b.fail(c.errs, fmt.Errorf("commit: %w", err))
			c.recycle(b)
			continue
		}
		c.s.commits.Add(1)
		if b.renames {
			c.s.entityRecords.invalidate()
		}
		for _, d := range b.pending {
			c.outs[d.index] = d.outcome
		}
		if b.count > 0 {
			c.s.tallies++
		}
		if c.s.tallies >= c.s.tallyMergeAt && c.s.mergeTallies(b.tallyID) == nil {
			c.s.tallies = 1 // (on failure: tried again after the next commit)
		}
		c.recycle(b)
	}
}

// defaultTallyMergeAt is the number of n/ keys that mergeTallies folds
// into one, keeping Stats to a short scan however the documents came in
// (Ingest leaves a tally per document).
const defaultTallyMergeAt = 1024

// mergeTallies replaces all tallies with their sum, kept under the newest
// one, keep, in one transaction.
func (s *Store) mergeTallies(keep uuid.UUID) error {
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	var sum tally
	var old [][]byte
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pTally)})
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		err := item.Value(func(v []byte) error {
			t, err := decodeTally(v)
			sum.add(t)
			return err
		})
		if err != nil {
			it.Close()
			return fmt.Errorf("graph: tally %q: %w", item.Key(), err)
		}
		if k := item.KeyCopy(nil); string(k) != string(idKey(pTally, keep)) {
			old = append(old, k)
		}
	}
	it.Close()
	for _, k := range old {
		if err := txn.Delete(k); err != nil {
			return err
		}
	}
	if err := txn.Set(idKey(pTally, keep), encodeTally(sum)); err != nil {
		return err
	}
	return txn.Commit()
}

// write writes a buffer in one transaction. The blocks are encoded into
// one slice of the buffer, and Badger's entries are one slice too, both
// kept for the buffer's next use: Badger copies what it writes before
// Commit returns.
func (c *committer) write(b *txnBuffer) error {
	if b.count == 0 {
		return nil // duplicates only
	}
	// The texts first: a committed dt/ entry never points at bytes that
	// are not on disk.
	if len(b.texts.buf) > 0 {
		if err := c.s.textLog.write(b.texts.seg, b.texts.off, b.texts.buf); err != nil {
			return err
		}
	}
	var ids []uuid.UUID
	var extras []uint64
	var ms []mentionRec
	need := 0
	for i := range b.lists {
		need += len(b.lists[i].key) + blockTail + searchBlockBound(b.lists[i].n)
	}
	for i := range b.mlists {
		ms = b.listMentions(&b.mlists[i], ms[:0])
		need += len(pMention) + idLen + mentionBlockTail + mentionBlockBound(ms)
	}
	blocks := b.blocks[:0]
	if cap(blocks) < need {
		blocks = make([]byte, 0, need)
	}
	// cut appends what fn appends to blocks, and gives it: blocks never
	// grows (need bounds it), so the slices given stay valid.
	cut := func(fn func([]byte) []byte) []byte {
		start := len(blocks)
		blocks = fn(blocks)
		return blocks[start:len(blocks):len(blocks)]
	}
	n := len(b.entries) + len(b.lists) + len(b.mlists) + 1
	if cap(b.bentries) < n {
		b.bentries = make([]badger.Entry, 0, n)
	}
	ents := b.bentries[:0]
	for _, e := range b.entries {
		ents = append(ents, badger.Entry{Key: e.k, Value: e.v})
	}
	for i := range b.lists {
		l := &b.lists[i]
		ids = b.listIDs(l, ids[:0])
		var v []byte
		switch {
		case strings.HasPrefix(l.key, pClaimWord):
			extras = b.listExtras(l, extras[:0])
			v = cut(func(d []byte) []byte { return appendSearchBlock(d, ids, extras) })
		case strings.HasPrefix(l.key, pSearchName):
			// A transaction names new entities and renames older ones:
			// its IDs are not in order.
			slices.SortFunc(ids, func(a, b uuid.UUID) int { return compareIDs(&a, &b) })
			v = cut(func(d []byte) []byte { return appendIDBlock(d, ids) })
		default:
			v = cut(func(d []byte) []byte { return appendIDBlock(d, ids) })
		}
		k := cut(func(d []byte) []byte { return appendIDBlockKey(d, l.key, ids[len(ids)-1], len(ids)) })
		ents = append(ents, badger.Entry{Key: k, Value: v})
	}
	for i := range b.mlists {
		ms = b.listMentions(&b.mlists[i], ms[:0])
		k := cut(func(d []byte) []byte { return appendMentionBlockKey(d, b.entities[i], &ms[len(ms)-1], len(ms)) })
		v := cut(func(d []byte) []byte { return appendMentionBlock(d, ms) })
		ents = append(ents, badger.Entry{Key: k, Value: v})
	}
	ents = append(ents, badger.Entry{Key: idKey(pTally, b.tallyID), Value: encodeTally(b.tally)})
	b.blocks, b.bentries = blocks, ents

	size := int64(0)
	for i := range ents {
		size += int64(len(ents[i].Key) + len(ents[i].Value))
	}
	if err := c.s.checkRoom(2 * size); err != nil { // the log and the value log
		return err
	}
	txn := c.s.db.NewTransaction(true)
	defer txn.Discard()
	for i := range ents {
		var err error
		if i < len(b.entries) && b.entries[i].del {
			err = txn.Delete(ents[i].Key)
		} else {
			err = txn.SetEntry(&ents[i])
		}
		if err != nil {
			return err
		}
	}
	return txn.Commit()
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
