package graph

import (
	"maps"
	"slices"
	"sync"

	"github.com/google/uuid"
)

// recordCache keeps decoded records by ID across reads, so that the
// records many reads share are not looked up in the LSM tree and decoded
// again: the speakers of claims (a few actors speak most claims) and the
// documents of claims (a page of claims and the pages after it come from a
// few documents). It holds two generations of at most max entries each:
// when the current one is full it becomes the old one and the old one is
// dropped; a hit in the old one moves the entry to the current one. So
// records used again stay, at a cost of a map lookup.
//
// Records a write can change (entities gain aliases) are kept consistent
// by a generation number: a reader takes it before its transaction and
// puts what it read only if no write was committed since (invalidate
// bumps it and drops everything).
type recordCache[T any] struct {
	mu       sync.Mutex
	cur, old map[uuid.UUID]T
	max      int
	gen      uint64
}

func newRecordCache[T any](max int) *recordCache[T] {
	return &recordCache[T]{max: max}
}

func (c *recordCache[T]) get(id uuid.UUID) (T, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.cur[id]; ok {
		return v, true
	}
	v, ok := c.old[id]
	if ok {
		delete(c.old, id)
		c.insert(id, v)
	}
	return v, ok
}

// generation is the number put needs: take it before reading.
func (c *recordCache[T]) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put remembers v, read after generation gave gen.
func (c *recordCache[T]) put(gen uint64, id uuid.UUID, v T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen {
		c.insert(id, v)
	}
}

func (c *recordCache[T]) insert(id uuid.UUID, v T) {
	if len(c.cur) >= c.max || c.cur == nil {
		c.old, c.cur = c.cur, make(map[uuid.UUID]T, c.max)
	}
	c.cur[id] = v
}

// invalidate drops every record: a write changed some.
func (c *recordCache[T]) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.cur, c.old = nil, nil
}

// Cached records share their slices and maps with the cache; callers get
// copies of those, so that what they do with them cannot change the cache.

func (e Entity) detached() Entity {
	e.Aliases = slices.Clone(e.Aliases)
	return e
}

func (d Document) detached() Document {
	d.Metadata = maps.Clone(d.Metadata)
	return d
}

// Sizes of the record caches, per generation (so up to twice that):
// entities and documents are a few hundred bytes decoded, so each cache
// stays under about 10 MiB.
const (
	cachedEntityRecords   = 16384
	cachedDocumentRecords = 16384
)
