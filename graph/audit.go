package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// The audit log is the source of truth of every correction a person made
// (corrections.go says what they do). Each entry is one key, xl/<entryID>,
// written once and never changed; its ID is a UUIDv7, so the log is in
// time order and "since" is a seek. An undo is an entry of its own that
// names the entry it reverts: nothing is erased, and an undo can itself
// be undone.
//
// Entries are JSON, unlike the graph's binary records: they are few (a
// person makes them), read whole at open, and must stay readable by every
// later layout version, since a migration keeps them while it re-derives
// everything else.
//
// An entry does not point at what it corrects by ID alone: IDs change
// when the articles are extracted again (kg reextract, a migration). It
// keeps an anchor that survives: for an entity its key (ek/) and name, for
// a claim its document and span, with the claim's text to find it again
// when a better extractor moves the span a little.

// CorrectionOp names a kind of correction.
type CorrectionOp string

// The corrections.
const (
	OpMergeEntities   CorrectionOp = "MERGE_ENTITIES"
	OpSplitEntity     CorrectionOp = "SPLIT_ENTITY"
	OpRenameEntity    CorrectionOp = "RENAME_ENTITY"
	OpSetEntityType   CorrectionOp = "SET_ENTITY_TYPE"
	OpAddAlias        CorrectionOp = "ADD_ALIAS"
	OpRemoveAlias     CorrectionOp = "REMOVE_ALIAS"
	OpSetClaimSpeaker CorrectionOp = "SET_CLAIM_SPEAKER"
	OpSetClaimKind    CorrectionOp = "SET_CLAIM_KIND"
	OpRetractClaim    CorrectionOp = "RETRACT_CLAIM"
	OpRestoreClaim    CorrectionOp = "RESTORE_CLAIM"
	OpRetractRelation CorrectionOp = "RETRACT_RELATION"
	OpAddRelation     CorrectionOp = "ADD_RELATION"
	OpUndo            CorrectionOp = "UNDO"
)

// entityAnchor finds an entity again: by ID while the extraction that
// made it stands, else by its key, else by its name and type.
type entityAnchor struct {
	ID   uuid.UUID          `json:"id"`
	Key  string             `json:"key"`
	Name string             `json:"name"`
	Type extract.EntityType `json:"type,omitempty"`
}

// claimAnchor finds a claim again: by ID, else by its document and span,
// else by its text in that document, else by the claim of that document
// that overlaps the span most (at least half of the two spans' union).
type claimAnchor struct {
	ID       uuid.UUID         `json:"id"`
	Document uuid.UUID         `json:"document"`
	Start    int               `json:"start"`
	End      int               `json:"end"`
	Text     string            `json:"text"`
	Kind     extract.ClaimKind `json:"kind,omitempty"`
}

// auditRecord is an entry of the audit log as stored (xl/<entryID>).
type auditRecord struct {
	At     time.Time    `json:"at"`
	Who    string       `json:"who"`
	Op     CorrectionOp `json:"op"`
	Reason string       `json:"reason"`

	Entity *entityAnchor `json:"entity,omitempty"` // the entity corrected; kept by a merge
	Other  *entityAnchor `json:"other,omitempty"`  // merged away; a relation's subject
	Object *entityAnchor `json:"object,omitempty"` // a relation's object
	// Speaker is setClaimSpeaker's new speaker; nil with an op of
	// OpSetClaimSpeaker makes the source unnamed.
	Speaker   *entityAnchor `json:"speaker,omitempty"`
	Claim     *claimAnchor  `json:"claim,omitempty"`
	Documents []uuid.UUID   `json:"documents,omitempty"` // split: the documents moved
	New       *entityAnchor `json:"new,omitempty"`       // split: the entity made

	Name      string            `json:"name,omitempty"`
	Type      string            `json:"entityType,omitempty"`
	PlaceKind string            `json:"placeKind,omitempty"`
	Alias     string            `json:"alias,omitempty"`
	Kind      extract.ClaimKind `json:"kind,omitempty"`
	Predicate extract.Predicate `json:"predicate,omitempty"`
	Polarity  bool              `json:"polarity,omitempty"`
	Undoes    uuid.UUID         `json:"undoes,omitempty"`

	// Before and After say what changed, for people (JSON objects).
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
}

func encodeAudit(r *auditRecord) ([]byte, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("graph: encode audit entry: %w", err)
	}
	return b, nil
}

func decodeAudit(id uuid.UUID, v []byte) (*auditRecord, error) {
	var r auditRecord
	if err := json.Unmarshal(v, &r); err != nil {
		return nil, fmt.Errorf("audit entry %s: %w: %v", id, errCorrupt, err)
	}
	return &r, nil
}

// AuditEntry is one entry of the audit log as the API shows it.
type AuditEntry struct {
	ID     uuid.UUID
	At     time.Time
	Who    string // the name of the credential that made it
	Op     CorrectionOp
	Reason string
	// Before and After are JSON objects: what the correction changed.
	Before, After string
	// Entities and Claim are what it corrects, as the graph now knows
	// them (uuid.Nil when it no longer applies).
	Entities []uuid.UUID
	Claim    uuid.UUID
	// Undoes is the entry an OpUndo reverts; UndoneBy the entry that
	// reverted this one, if any.
	Undoes, UndoneBy uuid.UUID
	// Unapplied says why the correction no longer applies (its claim
	// or entity is no longer extracted); "" when it is in force.
	Unapplied string
}

// AuditFilter selects audit entries; the zero value selects all.
type AuditFilter struct {
	Entity, Claim uuid.UUID // entries that correct this entity or claim
	Since         time.Time // entries made at or after this time
}

// loadAudit reads every entry of the log, oldest first.
func loadAudit(txn *badger.Txn) ([]uuid.UUID, []*auditRecord, error) {
	var ids []uuid.UUID
	var recs []*auditRecord
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pAudit)})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		k := item.Key()[len(pAudit):]
		if len(k) != idLen {
			return nil, nil, fmt.Errorf("key %q: %w", item.Key(), errCorrupt)
		}
		id := uuid.UUID(k)
		var rec *auditRecord
		err := item.Value(func(v []byte) (err error) {
			rec, err = decodeAudit(id, v)
			return err
		})
		if err != nil {
			return nil, nil, err
		}
		ids = append(ids, id)
		recs = append(recs, rec)
	}
	return ids, recs, nil
}

// AuditLog lists the entries of the audit log that match f, oldest first.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter, args PageArgs) (Page[AuditEntry], error) {
	after, err := decodeCursor(args.After, idLen)
	if err != nil {
		return Page[AuditEntry]{}, err
	}
	if err := ctx.Err(); err != nil {
		return Page[AuditEntry]{}, err
	}
	o := s.overlay()
	limit := pageSize(args)
	page := newPage[AuditEntry](limit)
	entity := o.resolveGlobal(f.Entity)
	for _, st := range o.log {
		if after != nil && string(st.id[:]) <= string(after) {
			continue
		}
		if !f.Since.IsZero() && st.rec.At.Before(f.Since) {
			continue
		}
		if f.Entity != uuid.Nil && !st.names(o, entity) {
			continue
		}
		if f.Claim != uuid.Nil && (st.claim == nil || st.claim.id != f.Claim) {
			continue
		}
		if len(page.Items) == limit {
			page.HasNext = true
			break
		}
		page.Items = append(page.Items, st.entry(o))
		page.Cursors = append(page.Cursors, encodeCursor(st.id[:]))
	}
	return page, nil
}

// AuditEntryByID gives one entry of the log (ErrNotFound if none).
func (s *Store) AuditEntryByID(ctx context.Context, id uuid.UUID) (AuditEntry, error) {
	if err := ctx.Err(); err != nil {
		return AuditEntry{}, err
	}
	o := s.overlay()
	if st, ok := o.byEntry[id]; ok {
		return st.entry(o), nil
	}
	return AuditEntry{}, fmt.Errorf("graph: audit entry %s: %w", id, ErrNotFound)
}
