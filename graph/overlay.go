package graph

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// The overlay is what the corrections in force do to the extracted graph,
// held in memory and applied on read. The extraction itself (records,
// posting blocks) is never rewritten by a correction: blocks are written
// once, a merge of an entity with 10,000 claims must not rewrite 10,000
// records, and an undo must restore exactly what was there. So:
//
//   - a merge is a redirect, merged ID → kept ID. Every entity ID read
//     from a record (a speaker, the entities a claim names, a relation's
//     ends, a mention's entity) goes through the redirects, and the
//     lists of the kept entity (claims by speaker and about, mentions,
//     relations) are the union of the lists of every ID that resolves to
//     it (its "sources"): a leapfrog join over a union of posting lists,
//     so a lookup through a merged ID costs a few more seeks;
//   - a split moves an entity's items in some documents to a new entity:
//     a redirect scoped to those documents (by the last 8 bytes of the
//     document ID, which a claim ID shares);
//   - entity names, types and aliases are patches over the stored record;
//   - a claim's speaker, kind, retraction and relations are patches over
//     its record, looked up by claim ID.
//
// The overlay is rebuilt from the audit log at open (anchors resolved
// against the extraction that is there, so a re-extraction or migration
// re-applies every correction) and folded again in memory after each
// correction; readers take the current one with an atomic load, so a
// correction is visible to every query at once, aggregates included.

// overlay is one immutable state of the corrections.
type overlay struct {
	empty bool // nothing to apply: reads skip the overlay

	// stored holds the redirects of older extractions (xr/, xd/), read at
	// open and shared by every fold.
	stored *storedRedirects
	// redirect maps a merged entity ID (or one of an older extraction)
	// to the ID it resolves to, fully resolved.
	redirect map[uuid.UUID]uuid.UUID
	// docRedirect maps a document ID of an older extraction to its ID now.
	docRedirect map[uuid.UUID]uuid.UUID
	// docMap holds the splits: for a document (by its last 8 bytes), the
	// entities whose items there belong to another.
	docMap map[[8]byte]map[uuid.UUID]uuid.UUID
	// sources lists, for an entity that has merges or splits, every ID
	// whose stored items may resolve to it, itself first, then sorted;
	// members those whose names are its names (merges, not splits).
	sources, members map[uuid.UUID][]uuid.UUID
	// split marks the entities whose lists a split filters: their items
	// must be resolved one by one (a count cannot sum block keys).
	split map[uuid.UUID]bool

	ents    map[uuid.UUID]*entityPatch
	virtual map[uuid.UUID]*Entity // made by splits; not in e/
	// names and types list, by fold and by type, the entities that got
	// a name or a type through a correction, sorted: added to the
	// stored lists (en/, et/) when listing entities.
	names map[string][]uuid.UUID
	types map[extract.EntityType][]uuid.UUID
	// keyTarget resolves at ingest the keys a correction gave an entity
	// (a new name, a type, an alias), so that a new article naming it so
	// finds it.
	keyTarget map[string]uuid.UUID
	// involved are the entities whose count a correction changes.
	involved []uuid.UUID
	// groupTouched are the entities (as stored and as resolved) whose
	// relation groups the corrections may change: the ends of merges and
	// splits, and of the relations of corrected claims. Their groups are
	// recomputed from their relations on read (groupread.go); every other
	// group is read as stored.
	groupTouched map[uuid.UUID]bool

	claims map[uuid.UUID]*claimPatch
	// correctedIDs are the keys of claims, sorted: beside the lists
	// whose membership corrections change (kinds, relations), for the
	// claim filters.
	correctedIDs []uuid.UUID
	speakerAdds  map[uuid.UUID][]uuid.UUID // claims given to a speaker, by speaker, sorted
	relSlack     int                       // relations a listing may skip (retracted)
	added        []*Relation               // relations people added, of claims in force

	claimsDelta, relationsDelta, entitiesDelta int

	// The audit log, in order, with what the fold made of each entry.
	log       []*entryState
	byEntry   map[uuid.UUID]*entryState
	undoneBy  map[uuid.UUID]uuid.UUID
	unapplied map[uuid.UUID]string
}

// entityPatch is what corrections did to one entity's record.
type entityPatch struct {
	name          string
	hasName       bool
	typ           extract.EntityType
	placeKind     extract.PlaceKind
	hasType       bool
	addAliases    []string
	removeAliases map[string]bool
}

// claimPatch is what corrections did to one claim.
type claimPatch struct {
	info       *claimInfo
	speakerSet bool
	speaker    uuid.UUID // uuid.Nil: unnamed
	kind       extract.ClaimKind
	retracted  bool
	retractRel []relKey
	added      []Relation
}

// relKey names a relation of a claim by its ends (entity IDs as stored
// or resolved) and predicate.
type relKey struct {
	s, o uuid.UUID
	p    extract.Predicate
}

// claimInfo is a corrected claim as stored, read when its anchor was
// resolved: what counting needs without reading it again.
type claimInfo struct {
	id, doc   uuid.UUID
	speaker   uuid.UUID
	about     []uuid.UUID
	relations []Relation
	start     int
	end       int
	text      string
	kind      extract.ClaimKind
}

// entryState is an audit entry with its anchors resolved against the
// extraction of this store: IDs as stored (or virtual), uuid.Nil when an
// anchor no longer resolves (problem says which).
type entryState struct {
	id                                        uuid.UUID
	rec                                       *auditRecord
	entity, other, object, speaker, newEntity uuid.UUID
	claim                                     *claimInfo
	docs                                      []uuid.UUID
	problem                                   string
}

// storedRedirects are the IDs of older extractions: entity and document
// IDs that a re-extraction or migration replaced (xr/, xd/).
type storedRedirects struct {
	entity, doc map[uuid.UUID]uuid.UUID
}

// newOverlay gives the overlay of no correction over stored redirects.
func newOverlay(stored *storedRedirects) *overlay {
	return fold(stored, nil)
}

// resolveGlobal gives the entity id resolves to outside any split.
func (o *overlay) resolveGlobal(id uuid.UUID) uuid.UUID {
	if r, ok := o.redirect[id]; ok {
		return r
	}
	return id
}

// resolve gives the entity that id, read in the document whose ID ends
// in tail, stands for.
func (o *overlay) resolve(tail []byte, id uuid.UUID) uuid.UUID {
	if o.empty || id == uuid.Nil {
		return id
	}
	for range 8 { // splits of splits; a cycle stops here
		id = o.resolveGlobal(id)
		m := o.docMap[[8]byte(tail)]
		n, ok := m[id]
		if !ok {
			return id
		}
		id = n
	}
	return id
}

// document gives the ID a document has now.
func (o *overlay) document(id uuid.UUID) uuid.UUID {
	if r, ok := o.docRedirect[id]; ok {
		return r
	}
	return id
}

// sourcesOf lists the IDs whose stored items may be entity e's.
func (o *overlay) sourcesOf(e uuid.UUID) []uuid.UUID {
	if s, ok := o.sources[e]; ok {
		return s
	}
	return []uuid.UUID{e}
}

// membersOf lists the IDs whose names and count are entity e's.
func (o *overlay) membersOf(e uuid.UUID) []uuid.UUID {
	if s, ok := o.members[e]; ok {
		return s
	}
	return []uuid.UUID{e}
}

// fold applies the log in order over base (redirects of older
// extractions only) and gives the overlay.
func fold(stored *storedRedirects, log []*entryState) *overlay {
	o := &overlay{stored: stored, docRedirect: stored.doc, log: log}
	o.redirect = make(map[uuid.UUID]uuid.UUID, len(stored.entity))
	for k, v := range stored.entity {
		o.redirect[k] = v
	}
	o.docMap = map[[8]byte]map[uuid.UUID]uuid.UUID{}
	o.ents = map[uuid.UUID]*entityPatch{}
	o.virtual = map[uuid.UUID]*Entity{}
	o.names = map[string][]uuid.UUID{}
	o.types = map[extract.EntityType][]uuid.UUID{}
	o.keyTarget = map[string]uuid.UUID{}
	o.claims = map[uuid.UUID]*claimPatch{}
	o.speakerAdds = map[uuid.UUID][]uuid.UUID{}
	o.undoneBy = map[uuid.UUID]uuid.UUID{}
	o.unapplied = map[uuid.UUID]string{}
	o.byEntry = make(map[uuid.UUID]*entryState, len(log))
	// An undo that is itself undone does not count: newest first.
	for i := len(log) - 1; i >= 0; i-- {
		st := log[i]
		o.byEntry[st.id] = st
		if _, undone := o.undoneBy[st.id]; undone || st.rec.Op != OpUndo || st.problem != "" {
			continue
		}
		o.undoneBy[st.rec.Undoes] = st.id
	}
	made := map[uuid.UUID]bool{} // the entities splits made, in force or not
	for _, st := range log {
		if st.newEntity != uuid.Nil {
			made[st.newEntity] = true
		}
	}
	for _, st := range log {
		if st.problem != "" {
			o.unapplied[st.id] = st.problem
			continue
		}
		if gone := o.goneEntity(st, made); gone != "" {
			o.unapplied[st.id] = gone
			continue
		}
		if _, undone := o.undoneBy[st.id]; undone || st.rec.Op == OpUndo {
			continue
		}
		if msg := o.apply(st); msg != "" {
			o.unapplied[st.id] = msg
		}
	}
	o.finish()
	o.empty = len(log) == 0 && len(stored.entity) == 0 && len(stored.doc) == 0
	return o
}

// goneEntity says which entity of st a split made that is not in force
// (the split was undone); "" when none.
func (o *overlay) goneEntity(st *entryState, made map[uuid.UUID]bool) string {
	if st.rec.Op == OpUndo {
		return ""
	}
	for _, id := range []uuid.UUID{st.entity, st.other, st.object, st.speaker} {
		if made[id] && o.virtual[id] == nil {
			return fmt.Sprintf("entity %s was made by a split that is undone", id)
		}
	}
	return ""
}

func (o *overlay) patch(id uuid.UUID) *entityPatch {
	p := o.ents[id]
	if p == nil {
		p = &entityPatch{}
		o.ents[id] = p
	}
	return p
}

func (o *overlay) claimPatch(c *claimInfo) *claimPatch {
	p := o.claims[c.id]
	if p == nil {
		p = &claimPatch{info: c}
		o.claims[c.id] = p
	}
	return p
}

// apply folds one entry in; a message when it cannot apply now.
func (o *overlay) apply(st *entryState) string {
	r := st.rec
	switch r.Op {
	case OpMergeEntities:
		keep, merged := o.resolveGlobal(st.entity), o.resolveGlobal(st.other)
		if keep == merged {
			return "the two entities are already one"
		}
		o.redirect[merged] = keep
		for from, to := range o.redirect {
			if to == merged {
				o.redirect[from] = keep
			}
		}
	case OpSplitEntity:
		from := o.resolveGlobal(st.entity)
		e := &Entity{ID: st.newEntity, Key: r.New.Key, Name: r.New.Name, Type: r.New.Type, PlaceKind: extract.PlaceKind(r.PlaceKind)}
		o.virtual[st.newEntity] = e
		for _, d := range st.docs {
			tail := [8]byte(d[8:])
			m := o.docMap[tail]
			if m == nil {
				m = map[uuid.UUID]uuid.UUID{}
				o.docMap[tail] = m
			}
			m[from] = st.newEntity
		}
	case OpRenameEntity:
		p := o.patch(o.resolveGlobal(st.entity))
		p.name, p.hasName = r.Name, true
	case OpSetEntityType:
		p := o.patch(o.resolveGlobal(st.entity))
		p.typ, p.placeKind, p.hasType = extract.EntityType(r.Type), extract.PlaceKind(r.PlaceKind), true
	case OpAddAlias:
		p := o.patch(o.resolveGlobal(st.entity))
		delete(p.removeAliases, r.Alias)
		if !slices.Contains(p.addAliases, r.Alias) {
			p.addAliases = append(p.addAliases, r.Alias)
		}
	case OpRemoveAlias:
		p := o.patch(o.resolveGlobal(st.entity))
		p.addAliases = slices.DeleteFunc(p.addAliases, func(a string) bool { return a == r.Alias })
		if p.removeAliases == nil {
			p.removeAliases = map[string]bool{}
		}
		p.removeAliases[r.Alias] = true
	case OpSetClaimSpeaker:
		p := o.claimPatch(st.claim)
		p.speakerSet, p.speaker = true, st.speaker
	case OpSetClaimKind:
		o.claimPatch(st.claim).kind = r.Kind
	case OpRetractClaim:
		o.claimPatch(st.claim).retracted = true
	case OpRestoreClaim:
		o.claimPatch(st.claim).retracted = false
	case OpRetractRelation:
		p := o.claimPatch(st.claim)
		p.retractRel = append(p.retractRel, relKey{s: st.other, p: r.Predicate, o: st.object})
	case OpAddRelation:
		p := o.claimPatch(st.claim)
		c := st.claim
		p.added = append(p.added, Relation{SubjectID: st.other, Predicate: r.Predicate, ObjectID: st.object, Polarity: r.Polarity,
			ClaimID: c.id, DocumentID: c.doc, Start: c.start, End: c.end, Rule: "person", Confidence: 1, Added: true})
	default:
		return fmt.Sprintf("unknown correction %q", r.Op)
	}
	return ""
}

// finish derives the indexes of the overlay from what apply left.
func (o *overlay) finish() {
	// Sources and members: the closure of merges (members, sources) and
	// splits (sources only) into each entity.
	mergedInto := map[uuid.UUID][]uuid.UUID{}
	for from, to := range o.redirect {
		mergedInto[to] = append(mergedInto[to], from)
	}
	splitFrom := map[uuid.UUID][]uuid.UUID{}
	o.split = map[uuid.UUID]bool{}
	for _, m := range o.docMap {
		for from, to := range m {
			if !slices.Contains(splitFrom[to], from) {
				splitFrom[to] = append(splitFrom[to], from)
			}
		}
	}
	o.sources, o.members = map[uuid.UUID][]uuid.UUID{}, map[uuid.UUID][]uuid.UUID{}
	var walk func(e uuid.UUID, seen map[uuid.UUID]bool, withSplits bool)
	walk = func(e uuid.UUID, seen map[uuid.UUID]bool, withSplits bool) {
		if seen[e] {
			return
		}
		seen[e] = true
		for _, m := range mergedInto[e] {
			walk(m, seen, withSplits)
		}
		if withSplits {
			for _, f := range splitFrom[e] {
				walk(f, seen, withSplits)
			}
		}
	}
	collect := func(e uuid.UUID, withSplits bool) []uuid.UUID {
		seen := map[uuid.UUID]bool{}
		walk(e, seen, withSplits)
		out := make([]uuid.UUID, 0, len(seen))
		for id := range seen {
			if id != e {
				out = append(out, id)
			}
		}
		slices.SortFunc(out, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
		return append([]uuid.UUID{e}, out...)
	}
	targets := map[uuid.UUID]bool{}
	for _, to := range o.redirect {
		targets[to] = true
	}
	for to := range splitFrom {
		targets[o.resolveGlobal(to)] = true
	}
	for e := range targets {
		if _, redirected := o.redirect[e]; redirected {
			continue
		}
		o.sources[e] = collect(e, true)
		if len(mergedInto[e]) > 0 {
			o.members[e] = collect(e, false)
		}
	}
	for to, froms := range splitFrom {
		o.split[o.resolveGlobal(to)] = true
		for _, f := range froms {
			o.split[o.resolveGlobal(f)] = true
		}
	}

	// Entities whose counts change, and the names and types corrections
	// gave.
	involved := map[uuid.UUID]bool{}
	for from, to := range o.redirect {
		involved[from], involved[to] = true, true
	}
	for id := range o.virtual {
		involved[id] = true
	}
	addName := func(name string, id uuid.UUID) {
		if f := extract.Fold(name); f != "" && !slices.Contains(o.names[f], id) {
			o.names[f] = append(o.names[f], id)
		}
	}
	for id, p := range o.ents {
		if _, redirected := o.redirect[id]; redirected {
			continue
		}
		if p.hasName {
			addName(p.name, id)
		}
		for _, a := range p.addAliases {
			addName(a, id)
		}
		if p.hasType {
			involved[id] = true
			o.types[p.typ] = append(o.types[p.typ], id)
		}
	}
	for id, e := range o.virtual {
		if _, redirected := o.redirect[id]; redirected {
			continue
		}
		addName(e.Name, id)
		if p := o.ents[id]; p == nil || !p.hasType {
			o.types[e.Type] = append(o.types[e.Type], id)
		}
	}
	sortIDs := func(m map[uuid.UUID][]uuid.UUID) {
		for _, ids := range m {
			slices.SortFunc(ids, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
		}
	}
	for _, ids := range o.names {
		slices.SortFunc(ids, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	}
	for _, ids := range o.types {
		slices.SortFunc(ids, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	}
	o.involved = o.involved[:0]
	distinct := map[uuid.UUID]bool{}
	stored := 0
	for id := range involved {
		o.involved = append(o.involved, id)
		if o.virtual[id] == nil {
			stored++
		}
		distinct[o.resolveGlobal(id)] = true
	}
	o.entitiesDelta = len(distinct) - stored

	// Claims: the speakers corrections gave, and what the counts lose
	// or gain.
	o.claimsDelta, o.relationsDelta, o.relSlack, o.added = 0, 0, 0, nil
	for id, p := range o.claims {
		tail := id[8:]
		if p.speakerSet && p.speaker != uuid.Nil {
			sp := o.resolve(tail, p.speaker)
			o.speakerAdds[sp] = append(o.speakerAdds[sp], id)
		}
		stored := len(p.info.relations)
		kept := 0
		for i := range p.info.relations {
			if !o.relationRetracted(p, &p.info.relations[i]) {
				kept++
			}
		}
		if p.retracted {
			o.claimsDelta--
			o.relationsDelta -= stored
			o.relSlack += stored
			continue
		}
		o.relationsDelta += kept - stored + len(p.added)
		o.relSlack += stored - kept
		for i := range p.added {
			o.added = append(o.added, &p.added[i])
		}
	}
	sortIDs(o.speakerAdds)
	o.touchGroups()
	o.correctedIDs = make([]uuid.UUID, 0, len(o.claims))
	for id := range o.claims {
		o.correctedIDs = append(o.correctedIDs, id)
	}
	slices.SortFunc(o.correctedIDs, func(a, b uuid.UUID) int { return compareIDs(&a, &b) })
}

// touchGroups fills groupTouched. The redirects of older extractions
// (xr/) are not corrections and touch nothing.
func (o *overlay) touchGroups() {
	t := map[uuid.UUID]bool{}
	touch := func(id uuid.UUID) {
		if id != uuid.Nil {
			t[id], t[o.resolveGlobal(id)] = true, true
		}
	}
	for from, to := range o.redirect {
		if _, old := o.stored.entity[from]; old {
			continue
		}
		touch(from)
		touch(to)
	}
	for _, m := range o.docMap {
		for from, to := range m {
			touch(from)
			touch(to)
		}
	}
	for _, p := range o.claims {
		for _, r := range p.info.relations {
			touch(r.SubjectID)
			touch(r.ObjectID)
		}
		for _, r := range p.added {
			touch(r.SubjectID)
			touch(r.ObjectID)
		}
		for _, k := range p.retractRel {
			touch(k.s)
			touch(k.o)
		}
	}
	o.groupTouched = t
}

// relationRetracted reports whether relation r of the claim of p was
// retracted by a person.
func (o *overlay) relationRetracted(p *claimPatch, r *Relation) bool {
	if len(p.retractRel) == 0 {
		return false
	}
	tail := r.ClaimID[8:]
	s, ob := o.resolve(tail, r.SubjectID), o.resolve(tail, r.ObjectID)
	for _, k := range p.retractRel {
		if r.Predicate == k.p && s == o.resolve(tail, k.s) && ob == o.resolve(tail, k.o) {
			return true
		}
	}
	return false
}

// applyClaim rewrites c as the corrections have it: speaker, kind, the
// entities it names and its relations through merges and splits,
// retracted relations left out, added ones in.
func (o *overlay) applyClaim(c *Claim) {
	if o.empty {
		return
	}
	tail := c.ID[8:]
	p := o.claims[c.ID]
	c.SpeakerID = o.resolve(tail, c.SpeakerID)
	if p != nil {
		if p.speakerSet {
			c.SpeakerID = o.resolve(tail, p.speaker)
		}
		if p.kind != "" {
			c.Kind = p.kind
		}
		c.Retracted = p.retracted
	}
	if len(c.About) > 0 {
		about := make([]uuid.UUID, 0, len(c.About))
		for _, a := range c.About {
			if r := o.resolve(tail, a); !slices.Contains(about, r) {
				about = append(about, r)
			}
		}
		c.About = about
	}
	rels := c.Relations[:0:0]
	for _, r := range c.Relations {
		if p != nil && o.relationRetracted(p, &r) {
			continue
		}
		r.SubjectID, r.ObjectID = o.resolve(tail, r.SubjectID), o.resolve(tail, r.ObjectID)
		rels = append(rels, r)
	}
	if p != nil {
		for _, r := range p.added {
			r.SubjectID, r.ObjectID = o.resolve(tail, r.SubjectID), o.resolve(tail, r.ObjectID)
			rels = append(rels, r)
		}
	}
	c.Relations = rels
}

// retracted reports whether claim id is retracted.
func (o *overlay) retracted(id uuid.UUID) bool {
	p := o.claims[id]
	return p != nil && p.retracted
}

// storedNames are an entity record's name and aliases.
func storedNames(e *Entity) []string { return append([]string{e.Name}, e.Aliases...) }

// loadOverlay reads the redirects of older extractions and the audit
// log, resolves every entry's anchors against this extraction and folds
// them.
func (s *Store) loadOverlay() error {
	base := &storedRedirects{entity: map[uuid.UUID]uuid.UUID{}, doc: map[uuid.UUID]uuid.UUID{}}
	var log []*entryState
	err := s.db.View(func(txn *badger.Txn) error {
		for _, t := range []struct {
			prefix string
			m      map[uuid.UUID]uuid.UUID
		}{{pEntityRedirect, base.entity}, {pDocRedirect, base.doc}} {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(t.prefix)})
			for it.Rewind(); it.Valid(); it.Next() {
				k := it.Item().Key()[len(t.prefix):]
				err := it.Item().Value(func(v []byte) error {
					if len(k) != idLen || len(v) != idLen {
						return fmt.Errorf("key %q: %w", it.Item().Key(), errCorrupt)
					}
					t.m[uuid.UUID(k)] = uuid.UUID(v)
					return nil
				})
				if err != nil {
					it.Close()
					return err
				}
			}
			it.Close()
		}
		ids, recs, err := loadAudit(txn)
		if err != nil {
			return err
		}
		virtual := map[uuid.UUID]*entityAnchor{}
		for i, rec := range recs {
			st, err := s.resolveEntry(txn, base, virtual, ids[i], rec)
			if err != nil {
				return err
			}
			log = append(log, st)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load corrections: %w", err)
	}
	s.ov.Store(fold(base, log))
	return nil
}

// errAnchor: an anchor that no longer resolves.
var errAnchor = errors.New("no longer extracted")

// resolveEntry resolves the anchors of one entry against txn; virtual
// holds the entities earlier splits made.
func (s *Store) resolveEntry(txn *badger.Txn, base *storedRedirects, virtual map[uuid.UUID]*entityAnchor, id uuid.UUID, rec *auditRecord) (*entryState, error) {
	st := &entryState{id: id, rec: rec}
	if rec.New != nil {
		virtual[rec.New.ID] = rec.New
		st.newEntity = rec.New.ID
	}
	for _, a := range []struct {
		anchor *entityAnchor
		dst    *uuid.UUID
		name   string
	}{{rec.Entity, &st.entity, "entity"}, {rec.Other, &st.other, "other entity"}, {rec.Object, &st.object, "object"}, {rec.Speaker, &st.speaker, "speaker"}} {
		if a.anchor == nil {
			continue
		}
		got, err := s.resolveEntity(txn, base, virtual, a.anchor)
		if errors.Is(err, errAnchor) {
			st.problem = fmt.Sprintf("%s %q (%s) is %v", a.name, a.anchor.Name, a.anchor.Key, err)
			continue
		}
		if err != nil {
			return nil, err
		}
		*a.dst = got
	}
	if rec.Claim != nil {
		c, err := s.resolveClaim(txn, base, rec.Claim)
		if errors.Is(err, errAnchor) {
			st.problem = fmt.Sprintf("claim %q of document %s is %v", rec.Claim.Text, rec.Claim.Document, err)
		} else if err != nil {
			return nil, err
		}
		st.claim = c
	}
	for _, d := range rec.Documents {
		if r, ok := base.doc[d]; ok {
			d = r
		}
		st.docs = append(st.docs, d)
	}
	return st, nil
}

// resolveEntity finds the stored (or virtual) entity of an anchor.
func (s *Store) resolveEntity(txn *badger.Txn, base *storedRedirects, virtual map[uuid.UUID]*entityAnchor, a *entityAnchor) (uuid.UUID, error) {
	if _, ok := virtual[a.ID]; ok {
		return a.ID, nil
	}
	var e Entity
	err := get(txn, idKey(pEntity, a.ID), func(v []byte) (err error) {
		e, err = decodeEntity(a.ID, v)
		return err
	})
	if err == nil && e.Key == a.Key {
		return a.ID, nil
	}
	if err != nil && !errors.Is(err, ErrNotFound) {
		return uuid.Nil, err
	}
	if r, ok := base.entity[a.ID]; ok {
		return r, nil
	}
	var id uuid.UUID
	err = get(txn, key(pEntityKey, []byte(a.Key)), func(v []byte) error {
		if len(v) != idLen {
			return errCorrupt
		}
		id = uuid.UUID(v)
		return nil
	})
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return uuid.Nil, err
	}
	// The key is gone (a better extractor keys it otherwise): the first
	// entity of the same type with the name.
	if fold := extract.Fold(a.Name); fold != "" {
		l := newPostingList(txn, termPrefix(pEntityName, fold))
		defer l.close()
		for c, err := l.advance(make([]byte, idLen)); c != nil; c, err = l.advance(mustSuccessor(c)) {
			if err != nil {
				return uuid.Nil, err
			}
			cand := uuid.UUID(c)
			var ce Entity
			err := get(txn, idKey(pEntity, cand), func(v []byte) (err error) {
				ce, err = decodeEntity(cand, v)
				return err
			})
			if err != nil {
				return uuid.Nil, err
			}
			if a.Type == "" || ce.Type == a.Type {
				return cand, nil
			}
		}
	}
	return uuid.Nil, errAnchor
}

func mustSuccessor(id []byte) []byte {
	n, ok := successor(id)
	if !ok {
		return bytes.Repeat([]byte{0xff}, idLen)
	}
	return n
}

// resolveClaim finds the claim of an anchor: by ID if it is still the
// claim at that span, else among its document's claims.
func (s *Store) resolveClaim(txn *badger.Txn, base *storedRedirects, a *claimAnchor) (*claimInfo, error) {
	docs := s.newDocReader(txn)
	c, err := claim(docs, a.ID)
	doc := a.Document
	if r, ok := base.doc[doc]; ok {
		doc = r
	}
	if err == nil && c.DocumentID == doc && c.Start == a.Start && c.End == a.End {
		return newClaimInfo(&c), nil
	}
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	// Among the document's claims: the same span, else the same text,
	// else the one that overlaps most.
	var cands []Claim
	l := newBlockList(txn, idKey(pClaimDoc, doc))
	defer l.close()
	for id, err := l.advance(make([]byte, idLen)); id != nil; id, err = l.advance(mustSuccessor(id)) {
		if err != nil {
			return nil, err
		}
		c, err := claim(docs, uuid.UUID(id))
		if err != nil {
			return nil, err
		}
		cands = append(cands, c)
	}
	best, bestScore := -1, 0.0
	for i := range cands {
		c := &cands[i]
		score := 0.0
		switch {
		case c.Start == a.Start && c.End == a.End:
			score = 3
		case c.Text == a.Text:
			score = 2
		default:
			inter := min(c.End, a.End) - max(c.Start, a.Start)
			union := max(c.End, a.End) - min(c.Start, a.Start)
			if inter > 0 && union > 0 && 2*inter >= union {
				score = float64(inter) / float64(union)
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return nil, errAnchor
	}
	return newClaimInfo(&cands[best]), nil
}

func newClaimInfo(c *Claim) *claimInfo {
	return &claimInfo{id: c.ID, doc: c.DocumentID, speaker: c.SpeakerID, about: c.About, relations: c.Relations,
		start: c.Start, end: c.End, text: c.Text, kind: c.Kind}
}

// memList is a sorted list of IDs held in memory, for intersect.
type memList struct {
	ids []uuid.UUID
	pos int
}

func (l *memList) advance(id []byte) ([]byte, error) {
	rest := l.ids[l.pos:]
	l.pos += sort.Search(len(rest), func(i int) bool { return bytes.Compare(rest[i][:], id) >= 0 })
	if l.pos == len(l.ids) {
		return nil, nil
	}
	return l.ids[l.pos][:], nil
}

func (l *memList) close() {}

func (l *memList) reset() { l.pos = 0 }

// unionList walks the union of lists, each ID once.
type unionList struct {
	lists []idList
	cur   []byte
}

func (u *unionList) advance(id []byte) ([]byte, error) {
	var best []byte
	for _, l := range u.lists {
		c, err := l.advance(id)
		if err != nil {
			return nil, err
		}
		if c != nil && (best == nil || bytes.Compare(c, best) < 0) {
			best = c
		}
	}
	if best == nil {
		return nil, nil
	}
	u.cur = append(u.cur[:0], best...)
	return u.cur, nil
}

func (u *unionList) close() { closeAll(u.lists) }

func (u *unionList) reset() {
	for _, l := range u.lists {
		l.reset()
	}
	u.cur = nil
}

// union gives one list of lists (the list itself when there is one).
func union(lists []idList) idList {
	if len(lists) == 1 {
		return lists[0]
	}
	return &unionList{lists: lists}
}

// storedOrVirtual reads entity id as stored, or as a split made it.
func (s *Store) storedOrVirtual(txn *badger.Txn, gen uint64, o *overlay, id uuid.UUID) (Entity, error) {
	if v := o.virtual[id]; v != nil {
		return v.detached(), nil
	}
	return s.entity(txn, gen, id)
}

// effectiveEntity reads entity id as corrected: the entity it resolves
// to, with the names of the entities merged into it as aliases, and the
// name, type and aliases people set.
func (s *Store) effectiveEntity(txn *badger.Txn, gen uint64, o *overlay, id uuid.UUID) (Entity, error) {
	id = o.resolveGlobal(id)
	e, err := s.storedOrVirtual(txn, gen, o, id)
	if err != nil || o.empty {
		return e, err
	}
	p := o.ents[id]
	members := o.membersOf(id)
	if p == nil && len(members) == 1 {
		return e, nil
	}
	names := storedNames(&e)
	for _, m := range members[1:] {
		me, err := s.storedOrVirtual(txn, gen, o, m)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return Entity{}, err
		}
		names = append(names, storedNames(&me)...)
	}
	var removed map[string]bool
	if p != nil {
		if p.hasName {
			e.Name = p.name
		}
		if p.hasType {
			e.Type, e.PlaceKind = p.typ, p.placeKind
		}
		names = append(names, p.addAliases...)
		removed = p.removeAliases
	}
	aliases := make([]string, 0, len(names))
	for _, n := range names {
		if n != e.Name && !removed[n] && !slices.Contains(aliases, n) {
			aliases = append(aliases, n)
		}
	}
	slices.Sort(aliases)
	e.Aliases = aliases
	return e, nil
}
