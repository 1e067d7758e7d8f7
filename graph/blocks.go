package graph

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
)

// Posting blocks. The claim indexes (by document, speaker, about, word)
// and the mentions of an entity are lists that grow with every document.
// One key per posting made them 60% of the keys written, and Badger's cost
// is per key; so each write transaction writes one block per list it
// adds to: the key is the list's prefix, the block's last ID and its
// count, the value the IDs. Blocks are written once, never rewritten.
// Because IDs only grow, the blocks of a list are ordered and disjoint,
// a seek to prefix+ID lands on the one block that may hold ID, and
// counting a list sums the counts in its keys without reading a value.

// blockTail is what follows the list prefix in an ID block key: the last
// ID and the count (BE32).
const blockTail = idLen + 4

// appendIDBlockKey appends the key of a block of list: the list's
// prefix, its last ID and its count.
func appendIDBlockKey(k []byte, list string, last uuid.UUID, n int) []byte {
	k = append(k, list...)
	k = append(k, last[:]...)
	return binary.BigEndian.AppendUint32(k, uint32(n))
}

// idBlockBound bounds the encoded size of a block of n IDs.
func idBlockBound(n int) int { return 1 + n*(binary.MaxVarintLen64+8) }

// appendIDBlock stores increasing IDs: the first 8 bytes (the time and
// sequence of a UUIDv7) as a uvarint delta from the previous ID, the last 8
// as they are.
func appendIDBlock(b []byte, ids []uuid.UUID) []byte {
	b = append(b, recordFormat)
	var prev uint64
	for _, id := range ids {
		hi := binary.BigEndian.Uint64(id[:8])
		b = binary.AppendUvarint(b, hi-prev)
		b = append(b, id[8:]...)
		prev = hi
	}
	return b
}

// decodeIDBlock decodes an ID block, or the IDs alone of a block of
// claim word postings (wordBlockFormat).
func decodeIDBlock(v []byte, dst []uuid.UUID) ([]uuid.UUID, error) {
	d := decoder{b: v}
	payload := len(v) > 0 && v[0] == wordBlockFormat
	if payload {
		d.byte()
	} else {
		d.header()
	}
	var prev uint64
	n := len(dst)
	for len(d.b) > 0 && d.err == nil {
		var id uuid.UUID
		prev += d.uvarint()
		binary.BigEndian.PutUint64(id[:8], prev)
		copy(id[8:], d.bytes(8))
		dst = append(dst, id)
		if payload {
			d.bytes(2)
			d.varint()
		}
	}
	if len(dst) == n {
		d.fail() // blocks are never empty
	}
	return dst, d.done()
}

// idList is a sorted list of IDs that intersect can walk.
type idList interface {
	// advance moves to the first ID >= id and returns it, or nil at the
	// end. The result is valid until the next call.
	advance(id []byte) ([]byte, error)
	// reset starts the list again: the next advance may go back.
	reset()
	close()
}

// blockList walks a list of ID blocks.
type blockList struct {
	it     *badger.Iterator
	prefix []byte
	seekTo []byte
	ids    []uuid.UUID // the current block
	pos    int
	loaded bool
	done   bool
	// byDocument is set for the list of all claims (newAllClaimsList):
	// the blocks of every document's cd/ list, whose keys carry the
	// document ID before the block tail.
	byDocument *badger.Txn
}

func newBlockList(txn *badger.Txn, prefix []byte) *blockList {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	return &blockList{it: it, prefix: prefix, seekTo: append([]byte(nil), prefix...)}
}

// newAllClaimsList lists every claim in ID order: the claims-by-document
// blocks of all documents, in document order. (A document's claim IDs
// come after its ID and before the next document's, and one transaction
// holds the whole document, so it has exactly one cd/ block.)
func newAllClaimsList(txn *badger.Txn) *blockList {
	l := newBlockList(txn, []byte(pClaimDoc))
	l.byDocument = txn
	return l
}

// keyLen is the length of the list's block keys.
func (l *blockList) keyLen() int {
	if l.byDocument != nil {
		return len(l.prefix) + idLen + blockTail
	}
	return len(l.prefix) + blockTail
}

// seek moves to the first block that may hold an ID >= id. Keyed by the
// last ID, that is the first key >= prefix+id; keyed by document, it is
// the block of the last document <= id, found with a reverse iterator.
func (l *blockList) seek(id []byte) {
	l.seekTo = append(l.seekTo[:len(l.prefix)], id...)
	if l.byDocument != nil {
		rev := l.byDocument.NewIterator(badger.IteratorOptions{Prefix: l.prefix, Reverse: true})
		rev.Seek(append(l.seekTo, 0xff))
		if rev.ValidForPrefix(l.prefix) {
			k := rev.Item().Key()
			l.seekTo = append(l.seekTo[:len(l.prefix)], k[len(l.prefix):min(len(k), len(l.prefix)+idLen)]...)
		}
		rev.Close()
	}
	l.it.Seek(l.seekTo)
}

func (l *blockList) close() { l.it.Close() }

func (l *blockList) reset() { l.loaded, l.done, l.pos = false, false, 0 }

// load decodes the block under the iterator.
func (l *blockList) load() error {
	l.loaded = false
	if !l.it.ValidForPrefix(l.prefix) {
		l.done = true
		return nil
	}
	item := l.it.Item()
	if len(item.Key()) != l.keyLen() {
		return fmt.Errorf("key %q under %q: %w", item.Key(), l.prefix, errCorrupt)
	}
	err := item.Value(func(v []byte) (err error) {
		l.ids, err = decodeIDBlock(v, l.ids[:0])
		return err
	})
	if err == nil && len(l.ids) != blockCount(item.Key()) {
		err = errCorrupt
	}
	if err != nil {
		return fmt.Errorf("block %q: %w", item.Key(), err)
	}
	l.loaded, l.pos = true, 0
	return nil
}

// last is the last ID of the current block.
func (l *blockList) last() []byte { return l.ids[len(l.ids)-1][:] }

func (l *blockList) advance(id []byte) ([]byte, error) {
	if l.done {
		return nil, nil
	}
	if !l.loaded || bytes.Compare(l.last(), id) < 0 {
		if l.loaded {
			// Often the next block is the one: try it before a seek.
			l.it.Next()
			if err := l.load(); err != nil || l.done {
				return nil, err
			}
		}
		if !l.loaded || bytes.Compare(l.last(), id) < 0 {
			l.seek(id)
			if err := l.load(); err != nil || l.done {
				return nil, err
			}
			for bytes.Compare(l.last(), id) < 0 { // by document: the block below id
				l.it.Next()
				if err := l.load(); err != nil || l.done {
					return nil, err
				}
			}
		}
	}
	// The current block holds an ID >= id.
	ids := l.ids[l.pos:]
	l.pos += sort.Search(len(ids), func(i int) bool { return bytes.Compare(ids[i][:], id) >= 0 })
	return l.ids[l.pos][:], nil
}

// blockCount is the count at the end of a block key.
func blockCount(k []byte) int { return int(binary.BigEndian.Uint32(k[len(k)-4:])) }

// countBlocks sums the counts in the keys of the blocks under prefix,
// reading no values.
func countBlocks(ctx context.Context, txn *badger.Txn, prefix []byte) (int, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	n := 0
	i := 0
	for it.Rewind(); it.ValidForPrefix(prefix); it.Next() {
		if i++; i%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		k := it.Item().Key()
		if len(k) < len(prefix)+4 {
			return 0, fmt.Errorf("key %q: %w", k, errCorrupt)
		}
		n += blockCount(k)
	}
	return n, nil
}

// Mention blocks: m/<entityID><last docID><last start BE32><count BE32>,
// the mentions of one entity that one transaction added, in (document,
// start) order.

const mentionBlockTail = idLen + 4 + 4

// mentionRec is a mention as stored in a block.
type mentionRec struct {
	doc        uuid.UUID
	start, end int
	rule       string
	text       string
	storeText  bool // text differs from the document text at the span
}

// compareIDs is bytes.Compare of two IDs, in two words.
func compareIDs(a, b *uuid.UUID) int {
	if c := cmp.Compare(binary.BigEndian.Uint64(a[:8]), binary.BigEndian.Uint64(b[:8])); c != 0 {
		return c
	}
	return cmp.Compare(binary.BigEndian.Uint64(a[8:]), binary.BigEndian.Uint64(b[8:]))
}

// sortEntityMentions orders ms by entity, then document and start, and
// drops repeated (entity, document, start) triples, keeping the first.
func sortEntityMentions(ms []entityMention) []entityMention {
	slices.SortStableFunc(ms, func(a, b entityMention) int {
		if c := compareIDs(&a.entity, &b.entity); c != 0 {
			return c
		}
		if c := compareIDs(&a.m.doc, &b.m.doc); c != 0 {
			return c
		}
		return a.m.start - b.m.start
	})
	out := ms[:0]
	for i := range ms {
		if i > 0 && ms[i].entity == ms[i-1].entity && ms[i].m.doc == ms[i-1].m.doc && ms[i].m.start == ms[i-1].m.start {
			continue
		}
		out = append(out, ms[i])
	}
	return out
}

// appendMentionBlockKey appends the key of a block of entity's mentions.
func appendMentionBlockKey(k []byte, entity uuid.UUID, last *mentionRec, n int) []byte {
	k = append(k, pMention...)
	k = append(k, entity[:]...)
	k = append(k, last.doc[:]...)
	k = binary.BigEndian.AppendUint32(k, uint32(last.start))
	return binary.BigEndian.AppendUint32(k, uint32(n))
}

// mentionBlockBound bounds the encoded size of a block of ms.
func mentionBlockBound(ms []mentionRec) int {
	n := 1 + binary.MaxVarintLen64
	for i := range ms {
		n += 2*binary.MaxVarintLen64 + len(ms[i].rule) + // the rule, if new
			1 + idLen + 3*binary.MaxVarintLen64 + // document, start, length, rule index
			binary.MaxVarintLen64 + len(ms[i].text) // the text
	}
	return n
}

// appendMentionBlock stores the rules used, then per mention a flag (new
// document: 1 and its ID), the start as a delta within a document, the
// length, the rule's index and the text when stored.
func appendMentionBlock(b []byte, ms []mentionRec) []byte {
	b = append(b, recordFormat)
	var rules []string
	index := make(map[string]int)
	for i := range ms {
		if _, ok := index[ms[i].rule]; !ok {
			index[ms[i].rule] = len(rules)
			rules = append(rules, ms[i].rule)
		}
	}
	b = appendInt(b, len(rules))
	for _, r := range rules {
		b = appendString(b, r)
	}
	prevStart := 0
	for i := range ms {
		m := &ms[i]
		if i == 0 || m.doc != ms[i-1].doc {
			b = append(b, 1)
			b = append(b, m.doc[:]...)
			prevStart = 0
		} else {
			b = append(b, 0)
		}
		b = appendInt(b, m.start-prevStart)
		b = appendInt(b, m.end-m.start)
		b = appendInt(b, index[m.rule])
		b = appendOptString(b, m.text, m.storeText)
		prevStart = m.start
	}
	return b
}

func decodeMentionBlock(v []byte, dst []mentionRec) ([]mentionRec, error) {
	d := decoder{b: v}
	d.header()
	rules := make([]string, d.int())
	for i := range rules {
		rules[i] = d.string()
	}
	var doc uuid.UUID
	prevStart := 0
	n := len(dst)
	for len(d.b) > 0 && d.err == nil {
		if d.byte() == 1 {
			doc = d.id()
			prevStart = 0
		}
		m := mentionRec{doc: doc}
		m.start = prevStart + d.int()
		m.end = m.start + d.int()
		if r := d.int(); r < len(rules) {
			m.rule = rules[r]
		} else {
			d.fail()
		}
		m.text, m.storeText = d.optString()
		prevStart = m.start
		dst = append(dst, m)
	}
	if len(dst) == n {
		d.fail() // blocks are never empty
	}
	return dst, d.done()
}
