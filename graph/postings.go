package graph

import (
	"bytes"
	"context"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// ctxCheckEvery is how many keys a scan reads between checks of its
// context.
const ctxCheckEvery = 256

// postingList walks the IDs that are the 16-byte key suffixes under one
// prefix (a key per ID), keys only.
type postingList struct {
	it     *badger.Iterator
	prefix []byte
	seekTo []byte // buffer: prefix + ID
	cur    []byte // current ID, nil before the first seek or at the end
	done   bool
}

func newPostingList(txn *badger.Txn, prefix []byte) *postingList {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	return &postingList{it: it, prefix: prefix, seekTo: append([]byte(nil), prefix...)}
}

func (l *postingList) close() { l.it.Close() }

func (l *postingList) reset() { l.cur, l.done = nil, false }

// load reads the current ID of the iterator.
func (l *postingList) load() ([]byte, error) {
	if !l.it.ValidForPrefix(l.prefix) {
		l.cur, l.done = nil, true
		return nil, nil
	}
	k := l.it.Item().Key()
	if len(k) != len(l.prefix)+idLen {
		return nil, fmt.Errorf("key %q under %q: %w", k, l.prefix, errCorrupt)
	}
	l.cur = k[len(l.prefix):]
	return l.cur, nil
}

// advance moves to the first ID >= id and returns it, or nil at the end.
// The returned slice is valid until the next move.
func (l *postingList) advance(id []byte) ([]byte, error) {
	if l.done {
		return nil, nil
	}
	if l.cur != nil {
		if bytes.Compare(l.cur, id) >= 0 {
			return l.cur, nil
		}
		// Often the next key is the one: try it before a seek.
		l.it.Next()
		c, err := l.load()
		if c == nil || err != nil || bytes.Compare(c, id) >= 0 {
			return c, err
		}
	}
	l.seekTo = append(l.seekTo[:len(l.prefix)], id...)
	l.it.Seek(l.seekTo)
	return l.load()
}

// intersect calls fn with every ID present in all lists, in increasing
// order, from the ID from (inclusive) on, until fn returns false.
func intersect(ctx context.Context, lists []idList, from []byte, fn func(id []byte) (bool, error)) error {
	target := make([]byte, idLen)
	copy(target, from)
	for steps := 0; ; steps++ {
		if steps%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		aligned := true
		for _, l := range lists {
			c, err := l.advance(target)
			if err != nil || c == nil {
				return err
			}
			if !bytes.Equal(c, target) {
				target = append(target[:0], c...)
				aligned = false
				break
			}
		}
		if !aligned {
			continue
		}
		more, err := fn(target)
		if err != nil || !more {
			return err
		}
		next, ok := successor(target)
		if !ok {
			return nil
		}
		target = next
	}
}

// startAfter turns a decoded cursor (an ID, or nil for the start) into the
// first ID to consider.
func startAfter(cursor []byte) (from []byte, ok bool) {
	if cursor == nil {
		return make([]byte, idLen), true
	}
	return successor(cursor)
}
