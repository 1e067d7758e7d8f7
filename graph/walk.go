package graph

import (
	"bytes"
	"container/heap"
	"context"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
)

// Walks over relation groups: the neighbourhood of an entity and the
// shortest paths between two. Both are breadth-first over the groups an
// edgeSource lists, an edge per group (not per claim), in either
// direction of the relation, through the corrections (a merged entity is
// one node, the kept one; retracted claims and relations are no edges;
// relations people added are).
//
// Hubs — an actor of a large archive is in thousands of groups — are
// bounded rather than followed to the end: a walk lists at most
// WalkFanout groups of one entity and expands at most WalkExpand
// entities, and says Truncated when either bound cut something off, so
// that an answer is never silently partial. The bounds keep the cost of
// one walk known before it runs (schema/limits.go costs it).
const (
	// MaxNeighborHops is the largest hops of Neighbors.
	MaxNeighborHops = 3
	// MaxPathHops is the largest maxHops of Paths.
	MaxPathHops = 4
	// WalkFanout is how many groups of one entity a walk lists.
	WalkFanout = 1000
	// WalkExpand is how many entities a walk lists the groups of.
	WalkExpand = 2000
	// MaxVia is how many groups a Neighbor keeps (of those that reach it
	// from the entities one step closer).
	MaxVia = 10
)

// walkBounds are the hub bounds of one walk (tests make them small).
type walkBounds struct{ fanout, expand int }

var defaultBounds = walkBounds{fanout: WalkFanout, expand: WalkExpand}

// Neighbor is an entity around another, Distance groups away, with the
// groups that reach it from entities at Distance-1 (at most MaxVia, in
// the order of those entities).
type Neighbor struct {
	EntityID uuid.UUID
	Distance int
	Via      []RelationGroup
	// MoreVia: more groups than Via reach it.
	MoreVia bool
}

// Neighborhood is the answer of Neighbors.
type Neighborhood struct {
	// CenterID is the entity walked from, as resolved (a merged ID gives
	// the kept entity).
	CenterID  uuid.UUID
	Neighbors []Neighbor
	// HasNext: more neighbours than the page holds.
	HasNext bool
	// Truncated: a hub bound (WalkFanout, WalkExpand) left groups out,
	// so neighbours may be missing.
	Truncated bool
}

// Neighbors lists the entities at most hops (1..MaxNeighborHops) groups
// away from entity id, over the groups f allows: nearest first, then in
// ID order (that is, first seen first), at most first of them
// (1..MaxPageSize). The walk stops after the distance where the page
// fills.
func (s *Store) Neighbors(ctx context.Context, id uuid.UUID, hops int, f WalkFilter, first int) (Neighborhood, error) {
	if hops < 1 || hops > MaxNeighborHops {
		return Neighborhood{}, fmt.Errorf("graph: neighbours: hops %d: %w", hops, ErrInvalidInput)
	}
	first = pageSize(PageArgs{First: first})
	o := s.overlay()
	out := Neighborhood{CenterID: o.resolveGlobal(id)}
	err := s.view(ctx, func(txn *badger.Txn) error {
		src := s.newGroupEdges(txn, o)
		defer src.close()
		return neighbors(ctx, src, defaultBounds, hops, &f, first, &out)
	})
	if err != nil {
		return Neighborhood{}, fmt.Errorf("graph: neighbours of %s: %w", id, err)
	}
	return out, nil
}

func neighbors(ctx context.Context, src edgeSource, b walkBounds, hops int, f *WalkFilter, first int, out *Neighborhood) error {
	dist := map[uuid.UUID]int{out.CenterID: 0}
	level := []uuid.UUID{out.CenterID}
	expanded := 0
	for d := 1; d <= hops && len(level) > 0 && len(out.Neighbors) <= first; d++ {
		found := map[uuid.UUID]*Neighbor{}
		// Only the smallest IDs of a distance make the page, and an
		// entity's groups come in runs in ID order. best holds the
		// room smallest IDs found at this distance: once it is full, a
		// run stops at an ID past its largest, as every ID after it is
		// larger still. A full best means the page is full, so this is
		// the last distance walked; if it never fills, no run stopped
		// and the distance is complete for the next one. So a hub costs
		// a page of its groups, and the groups of entities walked later
		// cost little more than a seek per run.
		best := &idHeap{}
		room := first - len(out.Neighbors) + 1
		for _, u := range level {
			if expanded == b.expand {
				out.Truncated = true
				break
			}
			expanded++
			truncated, err := src.edges(ctx, u, f, b.fanout, func(e RelationGroup, run int) bool {
				v := e.Other(u)
				if dv, ok := dist[v]; ok && dv < d {
					return true // nearer, or the centre
				}
				n := found[v]
				if n == nil {
					n = &Neighbor{EntityID: v, Distance: d}
					found[v], dist[v] = n, d
					best.offer(v, room)
				}
				if len(n.Via) == MaxVia {
					n.MoreVia = true
				} else {
					n.Via = append(n.Via, e)
				}
				if run < 0 || best.Len() < room {
					return true
				}
				m := best.max()
				return bytes.Compare(v[:], m[:]) < 0
			})
			if err != nil {
				return err
			}
			out.Truncated = out.Truncated || truncated
		}
		level = sortedKeys(found)
		for _, v := range level {
			out.Neighbors = append(out.Neighbors, *found[v])
		}
	}
	if len(out.Neighbors) > first {
		out.Neighbors, out.HasNext = out.Neighbors[:first], true
	}
	return nil
}

// idHeap is a max-heap of IDs in byte order: the smallest ones seen.
type idHeap []uuid.UUID

func (h idHeap) Len() int           { return len(h) }
func (h idHeap) Less(i, j int) bool { return bytes.Compare(h[i][:], h[j][:]) > 0 }
func (h idHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *idHeap) Push(x any)        { *h = append(*h, x.(uuid.UUID)) }
func (h *idHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func (h idHeap) max() uuid.UUID { return h[0] }

// offer keeps id if it is among the n smallest offered.
func (h *idHeap) offer(id uuid.UUID, n int) {
	switch {
	case h.Len() < n:
		heap.Push(h, id)
	case bytes.Compare(id[:], (*h)[0][:]) < 0:
		(*h)[0] = id
		heap.Fix(h, 0)
	}
}

func sortedKeys[T any](m map[uuid.UUID]T) []uuid.UUID {
	ids := make([]uuid.UUID, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	return ids
}

// PathStep is one step of a path: a relation group walked From → To,
// along the relation (Forward: From is its subject) or against it.
type PathStep struct {
	RelationGroup
	From, To uuid.UUID
}

// Forward reports whether the step goes from the group's subject to its
// object.
func (p PathStep) Forward() bool { return p.From == p.SubjectID }

// Path is a walk from one entity to another, a step per group.
type Path struct {
	Steps []PathStep
}

// Paths is the answer of Paths: the shortest paths, all of one length.
type Paths struct {
	FromID, ToID uuid.UUID // as resolved
	// Found: a path of at most maxHops exists; Length is then its length
	// (0 when from and to are one entity).
	Found  bool
	Length int
	Paths  []Path
	// HasNext: more shortest paths than the page holds.
	HasNext bool
	// Truncated: a hub bound left groups out, so a path (or a shorter
	// one) may have been missed.
	Truncated bool
}

// link is how a search reached an entity: from the entity at, through
// group edge.
type link struct {
	at   uuid.UUID
	edge RelationGroup
}

// search is one side of a bidirectional breadth-first search.
type search struct {
	dist     map[uuid.UUID]int
	parents  map[uuid.UUID][]link // links from entities one step nearer the root
	frontier []uuid.UUID          // the entities at distance depth, in ID order
	depth    int
}

func newSearch(root uuid.UUID) *search {
	return &search{dist: map[uuid.UUID]int{root: 0}, parents: map[uuid.UUID][]link{}, frontier: []uuid.UUID{root}}
}

// Paths finds the shortest paths of at most maxHops (1..MaxPathHops)
// groups between entities from and to, over the groups f allows (its
// Predicates; the other fields too), at most first of them
// (1..MaxPageSize), in a deterministic order: by the entities they go
// through, in ID order from the middle out. It searches from both ends,
// a level at a time, always from the end with the smaller frontier,
// until the two searches meet.
func (s *Store) Paths(ctx context.Context, from, to uuid.UUID, maxHops int, f WalkFilter, first int) (Paths, error) {
	if maxHops < 1 || maxHops > MaxPathHops {
		return Paths{}, fmt.Errorf("graph: paths: maxHops %d: %w", maxHops, ErrInvalidInput)
	}
	first = pageSize(PageArgs{First: first})
	o := s.overlay()
	out := Paths{FromID: o.resolveGlobal(from), ToID: o.resolveGlobal(to)}
	err := s.view(ctx, func(txn *badger.Txn) error {
		src := s.newGroupEdges(txn, o)
		defer src.close()
		return paths(ctx, src, defaultBounds, maxHops, &f, first, &out)
	})
	if err != nil {
		return Paths{}, fmt.Errorf("graph: paths from %s to %s: %w", from, to, err)
	}
	return out, nil
}

func paths(ctx context.Context, src edgeSource, b walkBounds, maxHops int, f *WalkFilter, first int, out *Paths) error {
	if out.FromID == out.ToID {
		out.Found, out.Paths = true, []Path{{}}
		return nil
	}
	fw, bw := newSearch(out.FromID), newSearch(out.ToID)
	expanded := 0
	for fw.depth+bw.depth < maxHops {
		side, other := fw, bw
		if len(bw.frontier) < len(fw.frontier) {
			side, other = bw, fw
		}
		if len(side.frontier) == 0 {
			return nil // one end's component is exhausted: no path
		}
		next := map[uuid.UUID]bool{}
		d := side.depth + 1
		for _, u := range side.frontier {
			if expanded == b.expand {
				out.Truncated = true
				break
			}
			expanded++
			truncated, err := src.edges(ctx, u, f, b.fanout, func(e RelationGroup, _ int) bool {
				v := e.Other(u)
				if dv, ok := side.dist[v]; ok && dv < d {
					return true
				}
				side.dist[v] = d
				side.parents[v] = append(side.parents[v], link{at: u, edge: e})
				next[v] = true
				return true
			})
			if err != nil {
				return err
			}
			out.Truncated = out.Truncated || truncated
		}
		side.depth, side.frontier = d, sortedKeys(next)
		// The searches meet at entities of the new level the other side
		// reached; the nearest of those are on every shortest path.
		best := -1
		var meet []uuid.UUID
		for _, m := range side.frontier {
			od, ok := other.dist[m]
			switch {
			case !ok:
			case best < 0 || od < best:
				best, meet = od, []uuid.UUID{m}
			case od == best:
				meet = append(meet, m)
			}
		}
		if best >= 0 {
			out.Found, out.Length = true, d+best
			enumeratePaths(fw, bw, meet, first, out)
			return nil
		}
	}
	return nil
}

// enumeratePaths lists the shortest paths through the meeting entities,
// up to first of them (HasNext when there are more).
func enumeratePaths(fw, bw *search, meet []uuid.UUID, first int, out *Paths) {
	for _, m := range meet {
		heads := halfPaths(fw, m, first+1)
		tails := halfPaths(bw, m, first+1)
		for _, h := range heads {
			for _, t := range tails {
				if len(out.Paths) == first {
					out.HasNext = true
					return
				}
				steps := make([]PathStep, 0, len(h)+len(t))
				// h goes m → from: reversed, each step walked towards m.
				for i := len(h) - 1; i >= 0; i-- {
					l := h[i]
					steps = append(steps, PathStep{RelationGroup: l.edge, From: l.at, To: l.edge.Other(l.at)})
				}
				// t goes m → to, each step walked away from m.
				for _, l := range t {
					steps = append(steps, PathStep{RelationGroup: l.edge, From: l.edge.Other(l.at), To: l.at})
				}
				out.Paths = append(out.Paths, Path{Steps: steps})
			}
		}
	}
}

// halfPaths lists up to limit chains of links from m back to the root of
// s, each as the links from m outwards (link.at is the entity nearer the
// root).
func halfPaths(s *search, m uuid.UUID, limit int) [][]link {
	if s.dist[m] == 0 {
		return [][]link{nil}
	}
	var out [][]link
	var chain []link
	var walk func(v uuid.UUID) bool
	walk = func(v uuid.UUID) bool {
		if s.dist[v] == 0 {
			out = append(out, slices.Clone(chain))
			return len(out) < limit
		}
		for _, l := range s.parents[v] {
			chain = append(chain, l)
			more := walk(l.at)
			chain = chain[:len(chain)-1]
			if !more {
				return false
			}
		}
		return true
	}
	walk(m)
	return out
}
