package graph

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// Other is the end of g that is not id: where a walk goes from id
// through the group.
func (g RelationGroup) Other(id uuid.UUID) uuid.UUID {
	if g.SubjectID == id {
		return g.ObjectID
	}
	return g.SubjectID
}

// WalkFilter selects the relation groups a walk may follow. A group is
// a step when at least one claim in force asserts it (a group that
// sources only deny connects nobody); then, when set:
type WalkFilter struct {
	// Predicates: only groups of these predicates (none: all).
	Predicates []extract.Predicate
	// Since and Until ("2006-01-02", inclusive): only groups reported
	// within the period, that is whose span of publication days
	// [FirstSeen, LastSeen] meets [Since, Until]. A group none of whose
	// documents is dated is left out by either.
	Since, Until string
	// MinSources: only groups that at least this many distinct sources
	// assert or deny (RelationGroup.Sources).
	MinSources int
}

func (f *WalkFilter) passes(g *RelationGroup) bool {
	if g.Supporting == 0 || g.Sources < f.MinSources {
		return false
	}
	if len(f.Predicates) > 0 && !slices.Contains(f.Predicates, g.Predicate) {
		return false
	}
	if f.Since != "" && (g.LastSeen == "" || g.LastSeen < f.Since) {
		return false
	}
	if f.Until != "" && (g.FirstSeen == "" || g.FirstSeen > f.Until) {
		return false
	}
	return true
}

// edgeSource lists the relation groups an entity takes part in: all a
// walk needs from storage.
type edgeSource interface {
	// edges calls visit with the groups of entity e (resolved through
	// the corrections) that pass f, each once, in an order that depends
	// on the store only; after max of them it stops and reports
	// truncated. They come in runs (the groups of one predicate and
	// direction), numbered from 0 in the order they come, in each of
	// which the other ends come in increasing ID order; a visit that
	// returns false skips the rest of its run (a walk that needs only
	// the smallest IDs stops early). Groups in no such order come with
	// run -1, and their visits cannot skip.
	edges(ctx context.Context, e uuid.UUID, f *WalkFilter, max int, visit func(g RelationGroup, run int) bool) (truncated bool, err error)
}

// groupEdges is the edge source over the stored relation groups: g/<e>
// lists e's groups as subject, gi/<e> as object (the record then read
// from g/), a key per group with its counts and days, so that no filter
// reads a claim. A group whose ends a correction touches is computed
// from its relations (EntityGroups does the same).
type groupEdges struct {
	s   *Store
	txn *badger.Txn
	o   *overlay
	// reads counts the group keys read, for tests of the early stops.
	reads int
	// its are the iterators of g/ and gi/, one each for all the scans of
	// a walk: a walk scans the groups of hundreds of entities, and a
	// Badger iterator costs more to make than a seek (its prefix keeps
	// it to the tables that hold such keys).
	its map[string]*badger.Iterator
}

func (s *Store) newGroupEdges(txn *badger.Txn, o *overlay) *groupEdges {
	return &groupEdges{s: s, txn: txn, o: o}
}

// close releases the iterators; call it before the transaction ends.
func (g *groupEdges) close() {
	for k, it := range g.its {
		it.Close()
		delete(g.its, k)
	}
}

func (g *groupEdges) iterator(prefix string) *badger.Iterator {
	it := g.its[prefix]
	if it == nil {
		if g.its == nil {
			g.its = map[string]*badger.Iterator{}
		}
		it = g.txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix)})
		g.its[prefix] = it
	}
	return it
}

func (g *groupEdges) edges(ctx context.Context, e uuid.UUID, f *WalkFilter, max int, visit func(RelationGroup, int) bool) (bool, error) {
	o := g.o
	n := 0
	truncated := false
	type triple struct {
		s, o uuid.UUID
		p    extract.Predicate
	}
	var visited map[triple]bool // only where corrections may make a fallback
	// offer visits rg if it passes f; stop: max reached; more false: the
	// visit asks to skip the rest of the run.
	offer := func(rg RelationGroup, run int) (stop, more bool) {
		if !f.passes(&rg) {
			return false, true
		}
		t := triple{rg.SubjectID, rg.ObjectID, rg.Predicate}
		if visited[t] {
			return false, true
		}
		if n == max {
			truncated = true
			return true, false
		}
		n++
		if !o.empty {
			if visited == nil {
				visited = map[triple]bool{}
			}
			visited[t] = true
		}
		return false, visit(rg, run)
	}
	if o.empty || !o.groupTouched[e] {
		run := 0
		fallback, err := g.stored(ctx, e, f, &run, offer)
		if err != nil || !fallback {
			return truncated, err
		}
		// A correction touches the other end of a group past those
		// visited: the groups are computed, those visited skipped.
	}
	groups, err := g.s.correctedGroups(ctx, e, GroupFilter{Predicates: f.Predicates})
	if err != nil {
		return truncated, err
	}
	for _, rg := range groups {
		if stop, _ := offer(rg, -1); stop {
			break
		}
	}
	return truncated, nil
}

// stored offers e's stored groups, a run per predicate and direction;
// fallback: a group's other end is one the corrections touch, so the
// rest must be computed (correctedGroups).
func (g *groupEdges) stored(ctx context.Context, e uuid.UUID, f *WalkFilter, run *int,
	offer func(RelationGroup, int) (stop, more bool)) (fallback bool, err error) {
	o := g.o
	scopes := GroupFilter{Predicates: f.Predicates}.scopes()
	for _, prefix := range []string{pGroup, pGroupByObj} {
		it := g.iterator(prefix)
		for _, scope := range scopes {
			scan := append(idKey(prefix, e), scope...)
			var runPred []byte
			for it.Seek(scan); it.ValidForPrefix(scan); {
				if g.reads++; g.reads%ctxCheckEvery == 0 {
					if err := ctx.Err(); err != nil {
						return false, err
					}
				}
				k := it.Item().Key()
				rest := k[len(prefix)+idLen:]
				i := bytes.IndexByte(rest, sep)
				if i < 0 || len(rest) != i+1+idLen {
					return false, fmt.Errorf("key %q: %w", k, errCorrupt)
				}
				p, other := extract.Predicate(rest[:i]), uuid.UUID(rest[i+1:])
				if !o.empty && o.groupTouched[other] {
					return true, nil
				}
				if runPred == nil || !bytes.Equal(runPred, rest[:i]) {
					runPred = append(runPred[:0], rest[:i]...)
					*run++
				}
				var rec groupRec
				read := func(v []byte) (err error) { rec, err = decodeGroup(v); return err }
				var rg RelationGroup
				if prefix == pGroup {
					if err := it.Item().Value(read); err != nil {
						return false, err
					}
					rg = newRelationGroup(e, p, other, &rec)
				} else {
					if err := get(g.txn, groupKey(pGroup, other, p, e), read); err != nil {
						return false, fmt.Errorf("group of %q: %w", k, err)
					}
					rg = newRelationGroup(other, p, e, &rec)
				}
				stop, more := offer(rg, *run-1)
				if stop {
					return false, nil
				}
				if !more {
					// Seek past the run: the next predicate.
					next := append(append(idKey(prefix, e), p...), sep+1)
					it.Seek(next)
					continue
				}
				it.Next()
			}
		}
	}
	return false, nil
}
