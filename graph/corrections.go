package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// Corrections are what a person changes in the graph: one audit entry
// each (audit.go), applied as an overlay on read (overlay.go). Each
// takes effect at once for every query; none rewrites what extraction
// stored, so each can be undone exactly.

// Correction is one correction, as asked for. Which fields count depends
// on Op:
//
//	OpMergeEntities    Entity (kept), Other (merged into it)
//	OpSplitEntity      Entity, Documents (moved to a new entity), Name
//	OpRenameEntity     Entity, Name (the old name becomes an alias)
//	OpSetEntityType    Entity, Type, PlaceKind
//	OpAddAlias         Entity, Alias
//	OpRemoveAlias      Entity, Alias
//	OpSetClaimSpeaker  Claim, Speaker (uuid.Nil: an unnamed source)
//	OpSetClaimKind     Claim, Kind
//	OpRetractClaim     Claim
//	OpRestoreClaim     Claim
//	OpRetractRelation  Claim, Other (subject), Predicate, Object
//	OpAddRelation      Claim, Other (subject), Predicate, Object, Polarity
type Correction struct {
	Op        CorrectionOp
	Who       string // the credential's name
	Reason    string // why; required
	Entity    uuid.UUID
	Other     uuid.UUID
	Object    uuid.UUID
	Claim     uuid.UUID
	Speaker   uuid.UUID
	Documents []uuid.UUID
	Name      string
	Type      extract.EntityType
	PlaceKind extract.PlaceKind
	Alias     string
	Kind      extract.ClaimKind
	Predicate extract.Predicate
	Polarity  bool
}

// CorrectionError is a correction that cannot be made; Field names the
// argument at fault ("keep", "claim", "reason", ...).
type CorrectionError struct {
	Field, Msg string
}

func (e *CorrectionError) Error() string { return fmt.Sprintf("%s: %s", e.Field, e.Msg) }

func fieldErr(field, format string, args ...any) error {
	return &CorrectionError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Correct makes a correction and gives its audit entry.
func (s *Store) Correct(ctx context.Context, c Correction) (AuditEntry, error) {
	if s.readOnly {
		return AuditEntry{}, ErrReadOnly
	}
	if strings.TrimSpace(c.Reason) == "" {
		return AuditEntry{}, fieldErr("reason", "must say why")
	}
	if strings.TrimSpace(c.Who) == "" {
		return AuditEntry{}, fieldErr("who", "must name who corrects")
	}
	if err := ctx.Err(); err != nil {
		return AuditEntry{}, err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	o := s.overlay()
	rec := &auditRecord{Who: c.Who, Op: c.Op, Reason: strings.TrimSpace(c.Reason)}
	st := &entryState{rec: rec}
	var before any
	gen := s.entityRecords.generation()
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		before, err = s.planCorrection(txn, gen, o, c, rec, st)
		return err
	})
	if err != nil {
		return AuditEntry{}, err
	}
	return s.commitEntry(ctx, o, st, before)
}

// Undo reverts the correction of audit entry id (an undo too: that
// makes the correction again), recording who and why in an entry of its
// own.
func (s *Store) Undo(ctx context.Context, id uuid.UUID, who, reason string) (AuditEntry, error) {
	if s.readOnly {
		return AuditEntry{}, ErrReadOnly
	}
	if strings.TrimSpace(reason) == "" {
		return AuditEntry{}, fieldErr("reason", "must say why")
	}
	if strings.TrimSpace(who) == "" {
		return AuditEntry{}, fieldErr("who", "must name who corrects")
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	o := s.overlay()
	target, ok := o.byEntry[id]
	if !ok {
		return AuditEntry{}, fieldErr("entry", "no audit entry %s", id)
	}
	if by, undone := o.undoneBy[id]; undone {
		return AuditEntry{}, fieldErr("entry", "%s was already undone by %s", id, by)
	}
	rec := &auditRecord{Who: who, Op: OpUndo, Reason: strings.TrimSpace(reason), Undoes: id,
		Before: target.rec.After, After: target.rec.Before}
	return s.commitEntry(ctx, o, &entryState{rec: rec}, nil)
}

// commitEntry writes the entry of st and publishes the overlay with it.
// before (if not nil) is what the entry changes, the after state is read
// from the new overlay.
func (s *Store) commitEntry(ctx context.Context, o *overlay, st *entryState, before any) (AuditEntry, error) {
	id, err := s.ids.next()
	if err != nil {
		return AuditEntry{}, err
	}
	st.id = id
	st.rec.At = s.now().UTC()
	log := append(o.log[:len(o.log):len(o.log)], st)
	next := fold(o.stored, log)
	if msg, bad := next.unapplied[id]; bad {
		return AuditEntry{}, fieldErr(string(st.rec.Op), "%s", msg)
	}
	if before != nil {
		st.rec.Before = mustJSON(before)
		err := s.db.View(func(txn *badger.Txn) error {
			after, err := s.describeAfter(txn, next, st)
			st.rec.After = mustJSON(after)
			return err
		})
		if err != nil {
			return AuditEntry{}, err
		}
	}
	v, err := encodeAudit(st.rec)
	if err != nil {
		return AuditEntry{}, err
	}
	if err := ctx.Err(); err != nil {
		return AuditEntry{}, err
	}
	if err := s.checkRoom(int64(2 * len(v))); err != nil {
		return AuditEntry{}, fmt.Errorf("graph: write audit entry: %w", err)
	}
	err = s.db.Update(func(txn *badger.Txn) error { return txn.Set(idKey(pAudit, id), v) })
	if err != nil {
		return AuditEntry{}, fmt.Errorf("graph: write audit entry: %w", err)
	}
	s.ov.Store(next)
	// Ingest resolves entity keys through the overlay: drop what the
	// writer cached.
	s.entities, s.olderEntities = nil, nil
	return st.entry(next), nil
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage(`null`)
	}
	return b
}

// entityView is an entity as before and after show it.
type entityView struct {
	ID        uuid.UUID `json:"id"`
	Name      string    `json:"name"`
	Type      string    `json:"type,omitempty"`
	PlaceKind string    `json:"placeKind,omitempty"`
	Aliases   []string  `json:"aliases,omitempty"`
}

func viewEntity(e *Entity) *entityView {
	return &entityView{ID: e.ID, Name: e.Name, Type: string(e.Type), PlaceKind: string(e.PlaceKind), Aliases: e.Aliases}
}

// claimView is a claim as before and after show it.
type claimView struct {
	ID        uuid.UUID      `json:"id"`
	Text      string         `json:"text"`
	Kind      string         `json:"kind"`
	Speaker   *entityView    `json:"speaker"`
	Retracted bool           `json:"retracted"`
	Relations []relationView `json:"relations,omitempty"`
}

type relationView struct {
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Object    string `json:"object"`
	Polarity  bool   `json:"polarity"`
	Added     bool   `json:"addedByPerson,omitempty"`
}

func (s *Store) viewClaim(txn *badger.Txn, gen uint64, o *overlay, c *Claim) (*claimView, error) {
	v := &claimView{ID: c.ID, Text: c.Text, Kind: string(c.Kind), Retracted: c.Retracted}
	if c.SpeakerID != uuid.Nil {
		e, err := s.effectiveEntity(txn, gen, o, c.SpeakerID)
		if err != nil {
			return nil, err
		}
		v.Speaker = &entityView{ID: e.ID, Name: e.Name}
	}
	for _, r := range c.Relations {
		sub, err := s.effectiveEntity(txn, gen, o, r.SubjectID)
		if err != nil {
			return nil, err
		}
		obj, err := s.effectiveEntity(txn, gen, o, r.ObjectID)
		if err != nil {
			return nil, err
		}
		v.Relations = append(v.Relations, relationView{Subject: sub.Name, Predicate: string(r.Predicate), Object: obj.Name, Polarity: r.Polarity, Added: r.Added})
	}
	return v, nil
}

// correctedEntity reads entity id for a correction: resolved, effective,
// with its anchor (the stored or virtual entity it resolves to).
func (s *Store) correctedEntity(txn *badger.Txn, gen uint64, o *overlay, id uuid.UUID, field string) (Entity, *entityAnchor, error) {
	if id == uuid.Nil {
		return Entity{}, nil, fieldErr(field, "an entity ID is required")
	}
	e, err := s.effectiveEntity(txn, gen, o, id)
	if errors.Is(err, ErrNotFound) {
		return Entity{}, nil, fieldErr(field, "no entity %s", id)
	}
	if err != nil {
		return Entity{}, nil, err
	}
	a := &entityAnchor{ID: e.ID, Type: e.Type}
	if v := o.virtual[e.ID]; v != nil {
		a.Key, a.Name = v.Key, v.Name
	} else {
		stored, err := s.entity(txn, gen, e.ID)
		if err != nil {
			return Entity{}, nil, err
		}
		a.Key, a.Name, a.Type = stored.Key, stored.Name, stored.Type
	}
	return e, a, nil
}

// correctedClaim reads claim id for a correction: as stored (for its
// anchor) and as corrected.
func (s *Store) correctedClaim(txn *badger.Txn, o *overlay, id uuid.UUID) (stored, eff Claim, a *claimAnchor, err error) {
	if id == uuid.Nil {
		return Claim{}, Claim{}, nil, fieldErr("claim", "a claim ID is required")
	}
	stored, err = claim(s.newDocReader(txn), id)
	if errors.Is(err, ErrNotFound) {
		return Claim{}, Claim{}, nil, fieldErr("claim", "no claim %s", id)
	}
	if err != nil {
		return Claim{}, Claim{}, nil, err
	}
	eff = stored
	eff.About = slices.Clone(stored.About)
	eff.Relations = slices.Clone(stored.Relations)
	o.applyClaim(&eff)
	a = &claimAnchor{ID: id, Document: stored.DocumentID, Start: stored.Start, End: stored.End, Text: stored.Text, Kind: stored.Kind}
	return stored, eff, a, nil
}

// planCorrection checks c against the graph as corrected (o), fills the
// audit record and entry state, and gives the before state.
func (s *Store) planCorrection(txn *badger.Txn, gen uint64, o *overlay, c Correction, rec *auditRecord, st *entryState) (before any, err error) {
	entityOf := func(id uuid.UUID, field string, dst *uuid.UUID, anchor **entityAnchor) (Entity, error) {
		e, a, err := s.correctedEntity(txn, gen, o, id, field)
		if err == nil {
			*dst, *anchor = a.ID, a
		}
		return e, err
	}
	claimOf := func() (Claim, error) {
		stored, eff, a, err := s.correctedClaim(txn, o, c.Claim)
		if err == nil {
			rec.Claim, st.claim = a, newClaimInfo(&stored)
		}
		return eff, err
	}
	switch c.Op {
	case OpMergeEntities:
		keep, err := entityOf(c.Entity, "keep", &st.entity, &rec.Entity)
		if err != nil {
			return nil, err
		}
		merged, err := entityOf(c.Other, "merge", &st.other, &rec.Other)
		if err != nil {
			return nil, err
		}
		if keep.ID == merged.ID {
			return nil, fieldErr("merge", "%s is already the entity kept (%q)", c.Other, keep.Name)
		}
		return map[string]any{"keep": viewEntity(&keep), "merge": viewEntity(&merged)}, nil

	case OpSplitEntity:
		e, err := entityOf(c.Entity, "id", &st.entity, &rec.Entity)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSpace(c.Name)
		if name == "" {
			return nil, fieldErr("name", "the new entity needs a name")
		}
		if len(c.Documents) == 0 {
			return nil, fieldErr("documents", "name the documents whose mentions move to the new entity")
		}
		for _, d := range c.Documents {
			d = o.document(d)
			ents, err := s.documentEntities(txn, gen, o, d)
			if errors.Is(err, ErrNotFound) {
				return nil, fieldErr("documents", "no document %s", d)
			}
			if err != nil {
				return nil, err
			}
			if !slices.ContainsFunc(ents, func(x Entity) bool { return x.ID == e.ID }) {
				return nil, fieldErr("documents", "document %s does not mention %q", d, e.Name)
			}
			if !slices.Contains(rec.Documents, d) {
				rec.Documents = append(rec.Documents, d)
			}
		}
		st.docs = rec.Documents
		id, err := s.ids.next()
		if err != nil {
			return nil, err
		}
		rec.New = &entityAnchor{ID: id, Key: "split:" + id.String(), Name: name, Type: e.Type}
		rec.PlaceKind = string(e.PlaceKind)
		st.newEntity = id
		return map[string]any{"entity": viewEntity(&e)}, nil

	case OpRenameEntity:
		e, err := entityOf(c.Entity, "id", &st.entity, &rec.Entity)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSpace(c.Name)
		if name == "" {
			return nil, fieldErr("name", "must not be empty")
		}
		if name == e.Name {
			return nil, fieldErr("name", "the entity is already named %q", name)
		}
		rec.Name = name
		return map[string]any{"entity": viewEntity(&e)}, nil

	case OpSetEntityType:
		e, err := entityOf(c.Entity, "id", &st.entity, &rec.Entity)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(entityTypes, string(c.Type)) || c.Type == "" {
			return nil, fieldErr("type", "unknown entity type %q", c.Type)
		}
		if c.PlaceKind != "" && (c.Type != extract.Place || !slices.Contains(placeKinds, string(c.PlaceKind))) {
			return nil, fieldErr("placeKind", "%q is not a place kind of a %s", c.PlaceKind, c.Type)
		}
		if c.Type == e.Type && c.PlaceKind == e.PlaceKind {
			return nil, fieldErr("type", "the entity is already a %s", c.Type)
		}
		rec.Type, rec.PlaceKind = string(c.Type), string(c.PlaceKind)
		return map[string]any{"entity": viewEntity(&e)}, nil

	case OpAddAlias, OpRemoveAlias:
		e, err := entityOf(c.Entity, "id", &st.entity, &rec.Entity)
		if err != nil {
			return nil, err
		}
		alias := strings.TrimSpace(c.Alias)
		switch {
		case alias == "":
			return nil, fieldErr("alias", "must not be empty")
		case c.Op == OpAddAlias && (alias == e.Name || slices.Contains(e.Aliases, alias)):
			return nil, fieldErr("alias", "%q is already a name of the entity", alias)
		case c.Op == OpRemoveAlias && !slices.Contains(e.Aliases, alias):
			return nil, fieldErr("alias", "%q is not an alias of the entity (its aliases: %q)", alias, e.Aliases)
		}
		rec.Alias = alias
		return map[string]any{"entity": viewEntity(&e)}, nil

	case OpSetClaimSpeaker:
		cl, err := claimOf()
		if err != nil {
			return nil, err
		}
		if c.Speaker != uuid.Nil {
			sp, err := entityOf(c.Speaker, "speaker", &st.speaker, &rec.Speaker)
			if err != nil {
				return nil, err
			}
			if sp.ID == cl.SpeakerID {
				return nil, fieldErr("speaker", "%q is already the speaker of the claim", sp.Name)
			}
		} else if cl.SpeakerID == uuid.Nil {
			return nil, fieldErr("speaker", "the claim's source is already unnamed")
		}
		return s.viewClaim(txn, gen, o, &cl)

	case OpSetClaimKind:
		cl, err := claimOf()
		if err != nil {
			return nil, err
		}
		if !slices.Contains(claimKinds, string(c.Kind)) || c.Kind == "" {
			return nil, fieldErr("kind", "unknown claim kind %q", c.Kind)
		}
		if c.Kind == cl.Kind {
			return nil, fieldErr("kind", "the claim is already %s", c.Kind)
		}
		rec.Kind = c.Kind
		return s.viewClaim(txn, gen, o, &cl)

	case OpRetractClaim, OpRestoreClaim:
		cl, err := claimOf()
		if err != nil {
			return nil, err
		}
		if c.Op == OpRetractClaim && cl.Retracted {
			return nil, fieldErr("claim", "the claim is already retracted")
		}
		if c.Op == OpRestoreClaim && !cl.Retracted {
			return nil, fieldErr("claim", "the claim is not retracted")
		}
		return s.viewClaim(txn, gen, o, &cl)

	case OpRetractRelation, OpAddRelation:
		cl, err := claimOf()
		if err != nil {
			return nil, err
		}
		sub, err := entityOf(c.Other, "subject", &st.other, &rec.Other)
		if err != nil {
			return nil, err
		}
		obj, err := entityOf(c.Object, "object", &st.object, &rec.Object)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(predicates, string(c.Predicate)) || c.Predicate == "" {
			return nil, fieldErr("predicate", "unknown predicate %q", c.Predicate)
		}
		found := slices.ContainsFunc(cl.Relations, func(r Relation) bool {
			return r.SubjectID == sub.ID && r.Predicate == c.Predicate && r.ObjectID == obj.ID
		})
		if c.Op == OpRetractRelation && !found {
			return nil, fieldErr("predicate", "the claim asserts no relation %q %s %q", sub.Name, c.Predicate, obj.Name)
		}
		if c.Op == OpAddRelation && found {
			return nil, fieldErr("predicate", "the claim already asserts %q %s %q", sub.Name, c.Predicate, obj.Name)
		}
		rec.Predicate, rec.Polarity = c.Predicate, c.Polarity && c.Op == OpAddRelation
		return s.viewClaim(txn, gen, o, &cl)
	}
	return nil, fieldErr("op", "unknown correction %q", c.Op)
}

// describeAfter reads what the entry's targets look like in next.
func (s *Store) describeAfter(txn *badger.Txn, next *overlay, st *entryState) (any, error) {
	gen := s.entityRecords.generation()
	entity := func(id uuid.UUID) (*entityView, error) {
		e, err := s.effectiveEntity(txn, gen, next, id)
		if err != nil {
			return nil, err
		}
		return viewEntity(&e), nil
	}
	switch st.rec.Op {
	case OpMergeEntities, OpRenameEntity, OpSetEntityType, OpAddAlias, OpRemoveAlias:
		e, err := entity(st.entity)
		return map[string]any{"entity": e}, err
	case OpSplitEntity:
		e, err := entity(st.entity)
		if err != nil {
			return nil, err
		}
		n, err := entity(st.newEntity)
		return map[string]any{"entity": e, "new": n}, err
	}
	if st.claim != nil {
		c, err := claim(s.newDocReader(txn), st.claim.id)
		if err != nil {
			return nil, err
		}
		next.applyClaim(&c)
		return s.viewClaim(txn, gen, next, &c)
	}
	return nil, nil
}

// entry gives the API's view of an audit entry in overlay o.
func (st *entryState) entry(o *overlay) AuditEntry {
	e := AuditEntry{ID: st.id, At: st.rec.At, Who: st.rec.Who, Op: st.rec.Op, Reason: st.rec.Reason,
		Before: string(st.rec.Before), After: string(st.rec.After), Undoes: st.rec.Undoes,
		UndoneBy: o.undoneBy[st.id], Unapplied: o.unapplied[st.id]}
	for _, id := range []uuid.UUID{st.entity, st.other, st.object, st.speaker, st.newEntity} {
		if id != uuid.Nil {
			if r := o.resolveGlobal(id); !slices.Contains(e.Entities, r) {
				e.Entities = append(e.Entities, r)
			}
		}
	}
	if st.claim != nil {
		e.Claim = st.claim.id
	}
	if e.Before == "" {
		e.Before = "null"
	}
	if e.After == "" {
		e.After = "null"
	}
	return e
}

// names reports whether the entry corrects entity e (resolved) or one of
// its claims' speakers.
func (st *entryState) names(o *overlay, e uuid.UUID) bool {
	for _, id := range []uuid.UUID{st.entity, st.other, st.object, st.speaker, st.newEntity} {
		if id != uuid.Nil && (id == e || o.resolveGlobal(id) == e) {
			return true
		}
	}
	if st.claim != nil {
		tail := st.claim.id[8:]
		if o.resolve(tail, st.claim.speaker) == e {
			return true
		}
	}
	if t, ok := o.byEntry[st.rec.Undoes]; ok && st.rec.Op == OpUndo {
		return t.names(o, e)
	}
	return false
}
