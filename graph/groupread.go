package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// RelationGroup is one relation (subject, predicate, object) with what
// every claim of the graph asserting or denying it adds up to (groups.go
// defines sources and copies). For FIGHTS and ALLIED_WITH, which go both
// ways, SubjectID is the smaller ID (byte order).
type RelationGroup struct {
	SubjectID uuid.UUID
	Predicate extract.Predicate
	ObjectID  uuid.UUID
	// Supporting and Denying count the claims asserting and denying it.
	Supporting, Denying int
	// Sources counts the distinct sources asserting or denying it,
	// SupportSources those asserting it.
	Sources, SupportSources int
	// FirstSeen and LastSeen are the first and last publication days
	// ("2006-01-02") of the documents of its claims; "" when none has a
	// date.
	FirstSeen, LastSeen string
}

// Status says how the sources agree: CONTESTED when some claims assert
// and some deny it, DENIED when all deny it, CORROBORATED when two
// sources or more assert it, else SINGLE_SOURCE.
func (g *RelationGroup) Status() extract.RelationStatus {
	switch {
	case g.Supporting > 0 && g.Denying > 0:
		return extract.Contested
	case g.Supporting == 0:
		return extract.Denied
	case g.SupportSources >= 2:
		return extract.Corroborated
	}
	return extract.SingleSource
}

func newRelationGroup(s uuid.UUID, p extract.Predicate, o uuid.UUID, g *groupRec) RelationGroup {
	return RelationGroup{SubjectID: s, Predicate: p, ObjectID: o, Supporting: g.supporting, Denying: g.denying,
		Sources: g.sources, SupportSources: g.supportSources, FirstSeen: g.firstSeen, LastSeen: g.lastSeen}
}

// GroupFilter selects an entity's groups.
type GroupFilter struct {
	// Predicates: only groups of these; all when empty.
	Predicates []extract.Predicate
}

// scopes are the key parts (predicate + sep) to scan, in key order; one
// empty scope for all predicates.
func (f GroupFilter) scopes() []string {
	if len(f.Predicates) == 0 {
		return []string{""}
	}
	out := make([]string, 0, len(f.Predicates))
	for _, p := range f.Predicates {
		if s := string(p) + string(rune(sep)); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

func (f GroupFilter) has(p extract.Predicate) bool {
	return len(f.Predicates) == 0 || slices.Contains(f.Predicates, p)
}

// groupCursor is the order of an entity's groups: predicate, the other
// entity, then 0 where the entity is the subject and 1 the object.
func groupCursor(p extract.Predicate, other uuid.UUID, asObject bool) []byte {
	k := make([]byte, 0, len(p)+2+idLen)
	k = append(k, p...)
	k = append(k, sep)
	k = append(k, other[:]...)
	if asObject {
		return append(k, 1)
	}
	return append(k, 0)
}

// EntityGroups lists the relation groups in which the entity is subject
// or object, both directions, ordered by predicate, then the other
// entity, as corrected: a merged entity's groups are its members' (groups
// whose triple a merge makes equal are one), retracted claims and
// relations count for nothing, added ones count. The groups the
// corrections do not touch are read as stored: a page reads about as many
// keys as it returns. Those they touch are computed from their relations.
func (s *Store) EntityGroups(ctx context.Context, entityID uuid.UUID, f GroupFilter, args PageArgs) (Page[RelationGroup], error) {
	after, err := decodeCursor(args.After, 0)
	if err != nil {
		return Page[RelationGroup]{}, err
	}
	limit := pageSize(args)
	o := s.overlay()
	entityID = o.resolveGlobal(entityID)
	page := newPage[RelationGroup](limit)
	if o.empty || !o.groupTouched[entityID] {
		fallback := false
		err = s.view(ctx, func(txn *badger.Txn) error {
			var err error
			page.HasNext, fallback, err = storedGroups(ctx, txn, o, entityID, f, after, limit, func(g RelationGroup, c []byte) {
				page.Items = append(page.Items, g)
				page.Cursors = append(page.Cursors, encodeCursor(c))
			})
			return err
		})
		if err != nil {
			return Page[RelationGroup]{}, fmt.Errorf("graph: relation groups of %s: %w", entityID, err)
		}
		if !fallback {
			return page, nil
		}
		page = newPage[RelationGroup](limit)
	}
	groups, err := s.correctedGroups(ctx, entityID, f)
	if err != nil {
		return Page[RelationGroup]{}, fmt.Errorf("graph: relation groups of %s: %w", entityID, err)
	}
	type keyed struct {
		g RelationGroup
		c []byte
	}
	list := make([]keyed, 0, len(groups))
	for _, g := range groups {
		c := groupCursor(g.Predicate, g.ObjectID, false)
		if g.SubjectID != entityID {
			c = groupCursor(g.Predicate, g.SubjectID, true)
		}
		if after == nil || bytes.Compare(c, after) > 0 {
			list = append(list, keyed{g, c})
		}
	}
	sort.Slice(list, func(i, j int) bool { return bytes.Compare(list[i].c, list[j].c) < 0 })
	for _, k := range list {
		if len(page.Items) == limit {
			page.HasNext = true
			break
		}
		page.Items = append(page.Items, k.g)
		page.Cursors = append(page.Cursors, encodeCursor(k.c))
	}
	return page, nil
}

// storedGroups emits the stored groups of e after the cursor: a merge of
// the scans of g/<e> and gi/<e>. fallback: a group's other end is one
// the corrections touch, so the stored groups do not do (nothing
// emitted counts then).
func storedGroups(ctx context.Context, txn *badger.Txn, o *overlay, e uuid.UUID, f GroupFilter, after []byte, limit int,
	emit func(RelationGroup, []byte)) (hasNext, fallback bool, err error) {
	n := 0
	for _, scope := range f.scopes() {
		bases := [2][]byte{idKey(pGroup, e), idKey(pGroupByObj, e)}
		var its [2]*badger.Iterator
		for i, base := range bases {
			prefix := append(append([]byte(nil), base...), scope...)
			its[i] = txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: i == 0})
			defer its[i].Close()
			seek := prefix
			if after != nil && bytes.Compare(after[:len(after)-1], []byte(scope)) > 0 {
				seek = append(append([]byte(nil), base...), after[:len(after)-1]...)
			}
			its[i].Seek(seek)
		}
		for {
			var cur [2][]byte // the cursors of the two heads
			for i, it := range its {
				if it.Valid() {
					k := it.Item().Key()
					cur[i] = append(append(make([]byte, 0, len(k)+1-len(bases[i])), k[len(bases[i]):]...), byte(i))
				}
			}
			i := 0
			switch {
			case cur[0] == nil && cur[1] == nil:
			case cur[0] == nil:
				i = 1
			case cur[1] != nil && bytes.Compare(cur[1], cur[0]) < 0:
				i = 1
			}
			c := cur[i]
			if c == nil {
				break
			}
			if after != nil && bytes.Compare(c, after) <= 0 {
				its[i].Next()
				continue
			}
			if n == limit {
				return true, false, nil
			}
			if n%ctxCheckEvery == 0 {
				if err := ctx.Err(); err != nil {
					return false, false, err
				}
			}
			sepAt := bytes.IndexByte(c, sep)
			if sepAt < 0 || len(c) != sepAt+1+idLen+1 {
				return false, false, fmt.Errorf("key %q: %w", its[i].Item().Key(), errCorrupt)
			}
			p := extract.Predicate(c[:sepAt])
			other := uuid.UUID(c[sepAt+1 : sepAt+1+idLen])
			if !o.empty && o.groupTouched[other] {
				return false, true, nil
			}
			var g groupRec
			read := func(v []byte) (err error) { g, err = decodeGroup(v); return err }
			var rg RelationGroup
			if i == 0 {
				if err := its[i].Item().Value(read); err != nil {
					return false, false, err
				}
				rg = newRelationGroup(e, p, other, &g)
			} else {
				if err := get(txn, groupKey(pGroup, other, p, e), read); err != nil {
					return false, false, fmt.Errorf("group of %q: %w", its[i].Item().Key(), err)
				}
				rg = newRelationGroup(other, p, e, &g)
			}
			emit(rg, c)
			n++
			its[i].Next()
		}
	}
	return false, false, nil
}

// correctedGroups computes the groups of entity e (resolved) from its
// relations as corrected.
func (s *Store) correctedGroups(ctx context.Context, e uuid.UUID, f GroupFilter) ([]RelationGroup, error) {
	rels, err := s.Relations(ctx, e, "", 0)
	if err != nil {
		return nil, err
	}
	rels = slices.DeleteFunc(rels, func(r Relation) bool { return !f.has(r.Predicate) })
	return s.aggregate(ctx, rels)
}

// aggregate groups relations as ingest does (groupClaim), reading their
// claims (corrected speakers) and documents (text hashes, dates).
func (s *Store) aggregate(ctx context.Context, rels []Relation) ([]RelationGroup, error) {
	slices.SortStableFunc(rels, func(a, b Relation) int { return bytes.Compare(a.ClaimID[:], b.ClaimID[:]) })
	type triple struct {
		s, o uuid.UUID
		p    extract.Predicate
	}
	type state struct {
		rec   groupRec
		flags map[[sourceLen]byte]byte
	}
	groups := map[triple]*state{}
	var order []triple
	firstDoc := map[string]uuid.UUID{} // the first document of each text
	docs := map[uuid.UUID]Document{}
	for _, r := range rels {
		c, err := s.Claim(ctx, r.ClaimID)
		if err != nil {
			return nil, fmt.Errorf("claim %s of a relation: %w", r.ClaimID, err)
		}
		d, ok := docs[c.DocumentID]
		if !ok {
			if d, err = s.Document(ctx, c.DocumentID); err != nil {
				return nil, fmt.Errorf("document of claim %s: %w", c.ID, err)
			}
			docs[c.DocumentID] = d
		}
		hash, err := hex.DecodeString(d.ContentHash)
		if err != nil || len(hash) < 16 {
			return nil, fmt.Errorf("document %s: text hash %q: %w", d.ID, d.ContentHash, errCorrupt)
		}
		hash = hash[:16]
		first, seen := firstDoc[string(hash)]
		if !seen {
			firstDoc[string(hash)], first = d.ID, d.ID
		}
		sub, obj := canonical(r.SubjectID, r.Predicate, r.ObjectID)
		t := triple{sub, obj, r.Predicate}
		g := groups[t]
		if g == nil {
			g = &state{flags: map[[sourceLen]byte]byte{}}
			groups[t] = g
			order = append(order, t)
		}
		src := sourceOf(c.SpeakerID, hash, c.SpeakerText)
		g.flags[src] = g.rec.add(g.flags[src], r.Polarity, first != d.ID)
		g.rec.seen(day(d.PublishedAt))
	}
	out := make([]RelationGroup, 0, len(order))
	for _, t := range order {
		out = append(out, newRelationGroup(t.s, t.p, t.o, &groups[t].rec))
	}
	return out, nil
}

// GroupRelations returns the relations of one group, as corrected: the
// claims asserting or denying (subject, p, object), in either direction
// for FIGHTS and ALLIED_WITH, in ingest order, at most limit (<= 0: all).
// Untouched by corrections, they are the prefix r/<s><p>\x00<o>.
func (s *Store) GroupRelations(ctx context.Context, subject uuid.UUID, p extract.Predicate, object uuid.UUID, limit int) ([]Relation, error) {
	o := s.overlay()
	subject, object = o.resolveGlobal(subject), o.resolveGlobal(object)
	var out []Relation
	if !o.empty && (o.groupTouched[subject] || o.groupTouched[object]) {
		rels, err := s.Relations(ctx, subject, p, 0)
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			if r.SubjectID == subject && r.ObjectID == object || symmetric(p) && r.SubjectID == object && r.ObjectID == subject {
				out = append(out, r)
			}
		}
	} else {
		ends := [][2]uuid.UUID{{subject, object}}
		if symmetric(p) && subject != object {
			ends = append(ends, [2]uuid.UUID{object, subject})
		}
		scan := limit
		if scan <= 0 {
			scan = -1
		}
		err := s.view(ctx, func(txn *badger.Txn) error {
			for _, e := range ends {
				prefix := groupKey(pRelation, e[0], p, e[1])
				_, err := scanPage(ctx, txn, prefix, nil, scan, func(item *badger.Item, suffix []byte) error {
					if len(suffix) != idLen {
						return fmt.Errorf("key %q: %w", item.Key(), errCorrupt)
					}
					r := Relation{SubjectID: e[0], Predicate: p, ObjectID: e[1], ClaimID: uuid.UUID(suffix)}
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
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("graph: relations of group (%s, %s, %s): %w", subject, p, object, err)
		}
	}
	slices.SortStableFunc(out, func(a, b Relation) int { return bytes.Compare(a.ClaimID[:], b.ClaimID[:]) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// ContestedFilter selects contested groups.
type ContestedFilter struct {
	Predicate extract.Predicate // "" = all
	// Since and Until ("2006-01-02", inclusive; "" = open) keep the
	// groups whose span of publication days [FirstSeen, LastSeen]
	// overlaps them; a group without dates then does not.
	Since, Until string
}

func (f ContestedFilter) keep(g *RelationGroup) bool {
	if f.Predicate != "" && g.Predicate != f.Predicate {
		return false
	}
	if f.Since != "" && (g.LastSeen == "" || g.LastSeen < day(f.Since)) {
		return false
	}
	if f.Until != "" && (g.FirstSeen == "" || g.FirstSeen > day(f.Until)) {
		return false
	}
	return true
}

// contestedCursor is a contested group's place in the gc/ order: most
// sources first, then subject, object, predicate.
func contestedCursor(g *RelationGroup) []byte {
	k := binary.BigEndian.AppendUint32(nil, ^uint32(min(g.Sources, 1<<31)))
	k = append(k, g.SubjectID[:]...)
	k = append(k, g.ObjectID[:]...)
	return append(k, g.Predicate...)
}

// Contested lists the graph's contested groups (asserted by some claims,
// denied by others), most sources first, as corrected. The stored ones
// come from the gc/ index in that order, so a first page is a short
// prefix scan (plus one read per group, and the groups a date filter
// leaves out); the groups of entities the corrections touch are computed
// and merged in.
func (s *Store) Contested(ctx context.Context, f ContestedFilter, args PageArgs) (Page[RelationGroup], error) {
	after, err := decodeCursor(args.After, 0)
	if err != nil {
		return Page[RelationGroup]{}, err
	}
	if after != nil && len(after) < 4+2*idLen {
		return Page[RelationGroup]{}, fmt.Errorf("%w %q", ErrInvalidCursor, args.After)
	}
	limit := pageSize(args)
	o := s.overlay()
	// The corrected groups of the touched entities, contested, in order.
	var extra []RelationGroup
	var extraCur [][]byte
	if !o.empty && len(o.groupTouched) > 0 {
		all, err := s.touchedContestedGroups(ctx, o)
		if err != nil {
			return Page[RelationGroup]{}, fmt.Errorf("graph: contested groups: %w", err)
		}
		for i := range all.groups {
			g, c := &all.groups[i], all.cursors[i]
			if f.keep(g) && (after == nil || bytes.Compare(c, after) > 0) {
				extra = append(extra, *g)
				extraCur = append(extraCur, c)
			}
		}
	}
	page := newPage[RelationGroup](limit)
	add := func(g RelationGroup, c []byte) bool {
		if len(page.Items) == limit {
			page.HasNext = true
			return false
		}
		page.Items = append(page.Items, g)
		page.Cursors = append(page.Cursors, encodeCursor(c))
		return true
	}
	prefix := append(append([]byte(pGroupContest), f.Predicate...), sep)
	err = s.view(ctx, func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		it.Seek(append(append([]byte(nil), prefix...), after...))
		for n := 0; it.ValidForPrefix(prefix); it.Next() {
			if n++; n%ctxCheckEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			c := it.Item().Key()[len(prefix):]
			if after != nil && bytes.Compare(c, after) <= 0 {
				continue
			}
			if len(c) <= 4+2*idLen {
				return fmt.Errorf("key %q: %w", it.Item().Key(), errCorrupt)
			}
			sub, obj := uuid.UUID(c[4:4+idLen]), uuid.UUID(c[4+idLen:4+2*idLen])
			if !o.empty && (o.groupTouched[sub] || o.groupTouched[obj]) {
				continue // among extra, as corrected
			}
			p := extract.Predicate(c[4+2*idLen:])
			var g groupRec
			if err := get(txn, groupKey(pGroup, sub, p, obj), func(v []byte) (err error) { g, err = decodeGroup(v); return err }); err != nil {
				return fmt.Errorf("group of %q: %w", it.Item().Key(), err)
			}
			rg := newRelationGroup(sub, p, obj, &g)
			if !f.keep(&rg) {
				continue
			}
			for len(extra) > 0 && bytes.Compare(extraCur[0], c) < 0 {
				if !add(extra[0], extraCur[0]) {
					return nil
				}
				extra, extraCur = extra[1:], extraCur[1:]
			}
			if !add(rg, append([]byte(nil), c...)) {
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return Page[RelationGroup]{}, fmt.Errorf("graph: contested groups: %w", err)
	}
	for i := range extra {
		if !add(extra[i], extraCur[i]) {
			break
		}
	}
	return page, nil
}

// CountContested counts the contested groups f selects, as corrected:
// it pages through them all (Contested), so it costs what reading them
// does.
func (s *Store) CountContested(ctx context.Context, f ContestedFilter) (int, error) {
	n := 0
	args := PageArgs{First: MaxPageSize}
	for {
		page, err := s.Contested(ctx, f, args)
		if err != nil {
			return 0, err
		}
		n += len(page.Items)
		if !page.HasNext {
			return n, nil
		}
		args.After = page.Cursors[len(page.Cursors)-1]
	}
}

// touchedContested are the contested groups of the entities the
// corrections touch, as corrected, in contested order: computed from
// their relations once per overlay and commit count, not per request.
type touchedContested struct {
	o       *overlay
	commits uint64
	groups  []RelationGroup
	cursors [][]byte
}

func (s *Store) touchedContestedGroups(ctx context.Context, o *overlay) (*touchedContested, error) {
	commits := s.commits.Load()
	if t := s.touchedContested.Load(); t != nil && t.o == o && t.commits == commits {
		return t, nil
	}
	t := &touchedContested{o: o, commits: commits}
	seen := map[string]bool{}
	done := map[uuid.UUID]bool{}
	for id := range o.groupTouched {
		e := o.resolveGlobal(id)
		if done[e] {
			continue
		}
		done[e] = true
		gs, err := s.correctedGroups(ctx, e, GroupFilter{})
		if err != nil {
			return nil, err
		}
		for _, g := range gs {
			c := contestedCursor(&g)
			if g.Status() != extract.Contested || seen[string(c)] {
				continue
			}
			seen[string(c)] = true
			t.groups = append(t.groups, g)
			t.cursors = append(t.cursors, c)
		}
	}
	sort.Sort(byCursor{t.groups, t.cursors})
	s.touchedContested.Store(t)
	return t, nil
}

// byCursor sorts groups by their cursors.
type byCursor struct {
	g []RelationGroup
	c [][]byte
}

func (b byCursor) Len() int           { return len(b.g) }
func (b byCursor) Less(i, j int) bool { return bytes.Compare(b.c[i], b.c[j]) < 0 }
func (b byCursor) Swap(i, j int) {
	b.g[i], b.g[j] = b.g[j], b.g[i]
	b.c[i], b.c[j] = b.c[j], b.c[i]
}
