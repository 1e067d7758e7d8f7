package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
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
	if s.entities == nil || len(s.entities) > maxCachedEntities {
		s.entities = make(map[string]*entityState)
	}
	c := newCommitter(s, outs, errs)
	w := &batchWriter{
		s: s, snap: snap, c: c, errs: errs,
		entities: s.entities,
		docKeys:  make(map[string]uuid.UUID),
		buf:      newTxnBuffer(),
	}
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
		s.entities = nil
	}
	return outs, errs
}

// txnBuffer is what one transaction will write: whole documents.
type txnBuffer struct {
	entries     []kv
	count, size int64 // budget used, as Badger counts it (upper bounds)
	pending     []pendingDoc
	tally       tally
	tallyID     uuid.UUID
	// The posting blocks: ID lists by list prefix, mentions by entity.
	idBlocks      map[string][]uuid.UUID
	mentionBlocks map[uuid.UUID][]mentionRec
}

type pendingDoc struct {
	index   int
	outcome IngestOutcome
}

func newTxnBuffer() *txnBuffer {
	return &txnBuffer{idBlocks: make(map[string][]uuid.UUID), mentionBlocks: make(map[uuid.UUID][]mentionRec)}
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
	c    *committer
	errs []error
	buf  *txnBuffer
	// The overlay: what this batch wrote after snap. entities (the
	// store's cache) holds entities by Key as the documents planned so
	// far leave them; docKeys the du/ and dh/ keys written.
	entities map[string]*entityState
	docKeys  map[string]uuid.UUID
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
	b := w.buf
	b.entries = append(b.entries, p.entries...)
	for list, pl := range p.idLists {
		b.idBlocks[list] = append(b.idBlocks[list], pl.ids...)
	}
	for entity, ms := range p.mentions {
		b.mentionBlocks[entity] = append(b.mentionBlocks[entity], ms...)
	}
	b.count += count
	b.size += size
	b.tally.add(p.tally)
	b.pending = append(b.pending, pendingDoc{index: i, outcome: p.outcome})
	// The overlay now includes the document.
	for key, t := range p.touched {
		t.apply()
		w.entities[key] = t.state
	}
	for _, k := range p.docKeys {
		w.docKeys[k] = p.outcome.DocumentID
	}
}

// send hands the buffer to the committer and starts a new one.
func (w *batchWriter) send() {
	b := w.buf
	if len(b.pending) == 0 {
		return
	}
	w.buf = newTxnBuffer()
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
	for list := range p.idLists {
		if _, open := b.idBlocks[list]; open {
			count--
			size -= idBlockCost(len(list))
		}
	}
	for entity := range p.mentions {
		if _, open := b.mentionBlocks[entity]; open {
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

	mu  sync.Mutex
	err error
}

func newCommitter(s *Store, outs []IngestOutcome, errs []error) *committer {
	c := &committer{s: s, outs: outs, errs: errs, ch: make(chan *txnBuffer, 1), done: make(chan struct{})}
	go c.run()
	return c
}

func (c *committer) send(b *txnBuffer) { c.ch <- b }

// close waits for the buffers sent to be written.
func (c *committer) close() {
	close(c.ch)
	<-c.done
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
			continue
		}
		if err := c.write(b); err != nil {
			c.mu.Lock()
			c.err = err
			c.mu.Unlock()
			b.fail(c.errs, fmt.Errorf("commit: %w", err))
			continue
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

// write writes a buffer in one transaction.
func (c *committer) write(b *txnBuffer) error {
	if b.count == 0 {
		return nil // duplicates only
	}
	txn := c.s.db.NewTransaction(true)
	defer txn.Discard()
	for _, e := range b.entries {
		if err := txn.Set(e.k, e.v); err != nil {
			return err
		}
	}
	for list, ids := range b.idBlocks {
		if err := txn.Set(idBlockKey([]byte(list), ids[len(ids)-1], len(ids)), encodeIDBlock(ids)); err != nil {
			return err
		}
	}
	for entity, ms := range b.mentionBlocks {
		if err := txn.Set(mentionBlockKey(entity, &ms[len(ms)-1], len(ms)), encodeMentionBlock(ms)); err != nil {
			return err
		}
	}
	if err := txn.Set(idKey(pTally, b.tallyID), encodeTally(b.tally)); err != nil {
		return err
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
