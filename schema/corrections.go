package schema

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// The corrections API: mutations that fix what extraction got wrong, each
// with a required reason and recorded in the audit log with the name of
// the credential that made it (credentials.go), and the log itself
// (Query.auditLog). graph/corrections.go says what each correction does.

// auditEntryValue is an audit entry as resolvers see it.
type auditEntryValue = graph.AuditEntry

// corrections declares the corrections' types, Query.auditLog and the
// correction mutations.
func (b *builder) corrections(t *types) {
	s := b.s
	op := b.enum("CorrectionOp", "What a correction did.",
		enumValue{"MERGE_ENTITIES", graph.OpMergeEntities, "Two entities made one (mergeEntities)."},
		enumValue{"SPLIT_ENTITY", graph.OpSplitEntity, "An entity's mentions in some documents given to a new entity (splitEntity)."},
		enumValue{"RENAME_ENTITY", graph.OpRenameEntity, "An entity renamed (renameEntity)."},
		enumValue{"SET_ENTITY_TYPE", graph.OpSetEntityType, "An entity's type or place kind set (setEntityType)."},
		enumValue{"ADD_ALIAS", graph.OpAddAlias, "A name added to an entity (addAlias)."},
		enumValue{"REMOVE_ALIAS", graph.OpRemoveAlias, "A name taken from an entity (removeAlias)."},
		enumValue{"SET_CLAIM_SPEAKER", graph.OpSetClaimSpeaker, "A claim given to another source, or to an unnamed one (setClaimSpeaker)."},
		enumValue{"SET_CLAIM_KIND", graph.OpSetClaimKind, "A claim's kind set (setClaimKind)."},
		enumValue{"RETRACT_CLAIM", graph.OpRetractClaim, "A claim taken out of default answers (retractClaim)."},
		enumValue{"RESTORE_CLAIM", graph.OpRestoreClaim, "A retracted claim put back (restoreClaim)."},
		enumValue{"RETRACT_RELATION", graph.OpRetractRelation, "A relation the text does not say taken out (retractRelation)."},
		enumValue{"ADD_RELATION", graph.OpAddRelation, "A relation the extractor missed added (addRelation)."},
		enumValue{"UNDO", graph.OpUndo, "Another entry reverted (undo)."},
	)
	status := b.enum("CorrectionStatus", "Whether a correction is in force.",
		enumValue{"APPLIED", "APPLIED", "In force."},
		enumValue{"UNDONE", "UNDONE", "Reverted by a later entry (undoneBy)."},
		enumValue{"UNAPPLIED", "UNAPPLIED", "It no longer applies: what it corrects is no longer extracted (after kg reextract or a migration); unappliedReason says what is missing. It is kept, never dropped."},
	)
	entry := b.object("AuditEntry", "One correction a person made: when, who, what, before and after, and why.")
	entryConn := b.connection(entry, "audit entries", t.pageInfo)
	result := b.object("CorrectionResult", "What a correction did: its audit entry and the corrected entity or claim.")

	b.fields(entry,
		field{name: "id", typ: nonNull(graphql.ID), desc: "The entry's ID; pass it to `undo` to revert the correction.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*auditEntryValue).ID.String(), nil }},
		field{name: "at", typ: nonNull(t.timeType), desc: "When the correction was made.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*auditEntryValue).At, nil }},
		field{name: "who", typ: nonNull(graphql.String), desc: "The name of the credential that made it (kg token).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*auditEntryValue).Who, nil }},
		field{name: "op", typ: nonNull(op), desc: "What kind of correction it is.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*auditEntryValue).Op, nil }},
		field{name: "reason", typ: nonNull(graphql.String), desc: "Why, in the words of who made it.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*auditEntryValue).Reason, nil }},
		field{name: "before", typ: nonNull(graphql.String), desc: "What it changed, before: a JSON object.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*auditEntryValue).Before, nil }},
		field{name: "after", typ: nonNull(graphql.String), desc: "The same, after: a JSON object.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*auditEntryValue).After, nil }},
		field{name: "entities", typ: listOf(t.entity), desc: "The entities it corrects, as the graph now has them.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				var out []any
				for _, id := range p.Source.(*auditEntryValue).Entities {
					e, err := s.entityOrNull(p.Context, id)
					if err != nil {
						return nil, err
					}
					if e != nil {
						out = append(out, e)
					}
				}
				return out, nil
			}},
		field{name: "claim", typ: t.claim, desc: "The claim it corrects, if any.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				if id := p.Source.(*auditEntryValue).Claim; id != uuid.Nil {
					return s.claimOrNull(p.Context, id)
				}
				return nil, nil
			}},
		field{name: "undoes", typ: graphql.ID, desc: "For an UNDO, the entry it reverts.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullID(p.Source.(*auditEntryValue).Undoes), nil }},
		field{name: "undoneBy", typ: graphql.ID, desc: "The entry that reverted this one, if any.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullID(p.Source.(*auditEntryValue).UndoneBy), nil }},
		field{name: "status", typ: nonNull(status), desc: "Whether the correction is in force.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				e := p.Source.(*auditEntryValue)
				switch {
				case e.UndoneBy != uuid.Nil:
					return "UNDONE", nil
				case e.Unapplied != "":
					return "UNAPPLIED", nil
				}
				return "APPLIED", nil
			}},
		field{name: "unappliedReason", typ: graphql.String, desc: "Why the correction no longer applies; null when it does.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return nullString(p.Source.(*auditEntryValue).Unapplied), nil
			}},
	)
	b.fields(result,
		field{name: "entry", typ: nonNull(entry), desc: "The audit entry of the correction.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*correctionResult).entry, nil }},
		field{name: "entity", typ: t.entity, desc: "The entity as corrected (for entity corrections; a split gives the new entity).",
			resolve: func(p graphql.ResolveParams) (any, error) {
				if id := p.Source.(*correctionResult).entity; id != uuid.Nil {
					return s.entityOrNull(p.Context, id)
				}
				return nil, nil
			}},
		field{name: "claim", typ: t.claim, desc: "The claim as corrected (for claim and relation corrections).",
			resolve: func(p graphql.ResolveParams) (any, error) {
				if id := p.Source.(*correctionResult).claim; id != uuid.Nil {
					return s.claimOrNull(p.Context, id)
				}
				return nil, nil
			}},
	)

	b.fields(t.query,
		field{name: "auditLog", typ: nonNull(entryConn), desc: "The corrections people made, oldest first, optionally only those of an entity or a claim, or since a time.",
			args: []arg{
				{name: "entity", typ: graphql.ID, desc: "Only corrections of this entity (merged IDs count as the entity)."},
				{name: "claim", typ: graphql.ID, desc: "Only corrections of this claim."},
				{name: "since", typ: t.timeType, desc: "Only corrections made at or after this time."},
				t.firstArg, t.afterArg,
			},
			resolve: func(p graphql.ResolveParams) (any, error) {
				page, err := s.pageArgs(p.Args)
				if err != nil {
					return nil, err
				}
				var f graph.AuditFilter
				if f.Entity, err = idArgument(p.Args, "entity"); err != nil {
					return nil, err
				}
				if f.Claim, err = idArgument(p.Args, "claim"); err != nil {
					return nil, err
				}
				if since, ok := p.Args["since"].(string); ok && since != "" {
					if f.Since, err = parseSince(since); err != nil {
						return nil, &argError{"since", err.Error()}
					}
				}
				entries, err := s.store.AuditLog(p.Context, f, page)
				if err != nil {
					return nil, pageError("list audit entries", page, err)
				}
				return newConnection(entries, func(ctx context.Context) (int, error) {
					n := 0
					for after := ""; ; {
						pg, err := s.store.AuditLog(ctx, f, graph.PageArgs{First: graph.MaxPageSize, After: after})
						if err != nil {
							return 0, err
						}
						n += len(pg.Items)
						if !pg.HasNext {
							return n, nil
						}
						after = pg.Cursors[len(pg.Cursors)-1]
					}
				}), nil
			}},
	)

	reason := arg{name: "reason", typ: nonNull(graphql.String), desc: "Why: recorded in the audit log. Required."}
	idArg := func(name, desc string) arg { return arg{name: name, typ: nonNull(graphql.ID), desc: desc} }
	correct := func(op graph.CorrectionOp, fill func(p graphql.ResolveParams, c *graph.Correction) error) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (any, error) {
			c := graph.Correction{Op: op}
			c.Reason, _ = p.Args["reason"].(string)
			if err := fill(p, &c); err != nil {
				return nil, err
			}
			return s.correct(p.Context, c)
		}
	}
	ids := func(p graphql.ResolveParams, pairs ...any) error {
		for i := 0; i < len(pairs); i += 2 {
			id, err := idArgument(p.Args, pairs[i].(string))
			if err != nil {
				return err
			}
			*pairs[i+1].(*uuid.UUID) = id
		}
		return nil
	}
	str := func(p graphql.ResolveParams, name string) string { v, _ := p.Args[name].(string); return v }
	b.fields(t.mutation,
		field{name: "mergeEntities", typ: nonNull(result), desc: "Makes two entities one: `merge` resolves to `keep` from now on (entity(id: merge) answers the kept entity), its names become the kept one's aliases, and its claims, mentions and relations are the kept one's. New articles naming it resolve to the kept entity. No stored record is rewritten: undo restores both exactly.",
			args: []arg{idArg("keep", "The entity that stays."), idArg("merge", "The entity merged into it."), reason},
			resolve: correct(graph.OpMergeEntities, func(p graphql.ResolveParams, c *graph.Correction) error {
				return ids(p, "keep", &c.Entity, "merge", &c.Other)
			})},
		field{name: "splitEntity", typ: nonNull(result), desc: "Undoes a wrong merge, the extractor's or a person's: what the entity is in the given documents (mentions, claims it speaks or that name it, relations) becomes a new entity of the same type called `name`. The result's entity is the new one.",
			args: []arg{idArg("id", "The entity to split."),
				{name: "documents", typ: nonNull(graphql.NewList(nonNull(graphql.ID))), desc: "The documents whose mentions of the entity are another entity."},
				{name: "name", typ: nonNull(graphql.String), desc: "The new entity's name."}, reason},
			resolve: correct(graph.OpSplitEntity, func(p graphql.ResolveParams, c *graph.Correction) error {
				if err := ids(p, "id", &c.Entity); err != nil {
					return err
				}
				list, _ := p.Args["documents"].([]any)
				for i, v := range list {
					str, _ := v.(string)
					d, err := uuid.Parse(str)
					if err != nil {
						return &argError{fmt.Sprintf("documents[%d]", i), fmt.Sprintf("malformed ID %q: want a UUID", str)}
					}
					c.Documents = append(c.Documents, d)
				}
				c.Name = str(p, "name")
				return nil
			})},
		field{name: "renameEntity", typ: nonNull(result), desc: "Gives an entity another name; the old one stays an alias. New articles naming it so resolve to it.",
			args: []arg{idArg("id", "The entity."), {name: "name", typ: nonNull(graphql.String), desc: "Its name."}, reason},
			resolve: correct(graph.OpRenameEntity, func(p graphql.ResolveParams, c *graph.Correction) error {
				c.Name = str(p, "name")
				return ids(p, "id", &c.Entity)
			})},
		field{name: "setEntityType", typ: nonNull(result), desc: "Sets an entity's type (and place kind, for a PLACE).",
			args: []arg{idArg("id", "The entity."), {name: "type", typ: nonNull(t.entityType), desc: "Its type."},
				{name: "placeKind", typ: t.placeKind, desc: "Its kind of place, for a PLACE."}, reason},
			resolve: correct(graph.OpSetEntityType, func(p graphql.ResolveParams, c *graph.Correction) error {
				c.Type, _ = p.Args["type"].(extract.EntityType)
				c.PlaceKind, _ = p.Args["placeKind"].(extract.PlaceKind)
				return ids(p, "id", &c.Entity)
			})},
		field{name: "addAlias", typ: nonNull(result), desc: "Adds a name to an entity; new articles using it resolve to the entity.",
			args: []arg{idArg("id", "The entity."), {name: "alias", typ: nonNull(graphql.String), desc: "The name."}, reason},
			resolve: correct(graph.OpAddAlias, func(p graphql.ResolveParams, c *graph.Correction) error {
				c.Alias = str(p, "alias")
				return ids(p, "id", &c.Entity)
			})},
		field{name: "removeAlias", typ: nonNull(result), desc: "Takes a wrong name from an entity.",
			args: []arg{idArg("id", "The entity."), {name: "alias", typ: nonNull(graphql.String), desc: "The name."}, reason},
			resolve: correct(graph.OpRemoveAlias, func(p graphql.ResolveParams, c *graph.Correction) error {
				c.Alias = str(p, "alias")
				return ids(p, "id", &c.Entity)
			})},
		field{name: "setClaimSpeaker", typ: nonNull(result), desc: "Fixes a misattribution: the claim's speaker becomes `speaker`, or with null an unnamed source (speakerText is kept). Its relations are asserted by the new speaker.",
			args: []arg{idArg("claim", "The claim."), {name: "speaker", typ: graphql.ID, desc: "The entity that said it; null for an unnamed source."}, reason},
			resolve: correct(graph.OpSetClaimSpeaker, func(p graphql.ResolveParams, c *graph.Correction) error {
				if v, given := p.Args["speaker"]; given && v != nil {
					if err := ids(p, "speaker", &c.Speaker); err != nil {
						return err
					}
					if c.Speaker == uuid.Nil {
						return &argError{"speaker", "the nil UUID names no entity; use null for an unnamed source"}
					}
				}
				return ids(p, "claim", &c.Claim)
			})},
		field{name: "setClaimKind", typ: nonNull(result), desc: "Sets how the document attributes the claim.",
			args: []arg{idArg("claim", "The claim."), {name: "kind", typ: nonNull(t.claimKind), desc: "Its kind."}, reason},
			resolve: correct(graph.OpSetClaimKind, func(p graphql.ResolveParams, c *graph.Correction) error {
				c.Kind, _ = p.Args["kind"].(extract.ClaimKind)
				return ids(p, "claim", &c.Claim)
			})},
		field{name: "retractClaim", typ: nonNull(result), desc: "Takes a claim out of default answers (lists, counts, search, relation groups, export), its relations with it; `includeRetracted: true` shows it, and restoreClaim puts it back.",
			args:    []arg{idArg("claim", "The claim."), reason},
			resolve: correct(graph.OpRetractClaim, func(p graphql.ResolveParams, c *graph.Correction) error { return ids(p, "claim", &c.Claim) })},
		field{name: "restoreClaim", typ: nonNull(result), desc: "Puts a retracted claim back.",
			args:    []arg{idArg("claim", "The claim."), reason},
			resolve: correct(graph.OpRestoreClaim, func(p graphql.ResolveParams, c *graph.Correction) error { return ids(p, "claim", &c.Claim) })},
		field{name: "retractRelation", typ: nonNull(result), desc: "Takes out a relation the claim's text does not say.",
			args: []arg{idArg("claim", "The claim asserting it."), idArg("subject", "Its subject."),
				{name: "predicate", typ: nonNull(t.predicate), desc: "Its predicate."}, idArg("object", "Its object."), reason},
			resolve: correct(graph.OpRetractRelation, func(p graphql.ResolveParams, c *graph.Correction) error {
				c.Predicate, _ = p.Args["predicate"].(extract.Predicate)
				return ids(p, "claim", &c.Claim, "subject", &c.Other, "object", &c.Object)
			})},
		field{name: "addRelation", typ: nonNull(result), desc: "Adds a relation the extractor missed, asserted by the claim's speaker and marked as added by a person (addedByPerson, rule \"person\").",
			args: []arg{idArg("claim", "The claim asserting it."), idArg("subject", "Its subject."),
				{name: "predicate", typ: nonNull(t.predicate), desc: "Its predicate."}, idArg("object", "Its object."),
				{name: "polarity", typ: graphql.Boolean, def: true, desc: "False when the claim denies the relation."}, reason},
			resolve: correct(graph.OpAddRelation, func(p graphql.ResolveParams, c *graph.Correction) error {
				c.Predicate, _ = p.Args["predicate"].(extract.Predicate)
				c.Polarity, _ = p.Args["polarity"].(bool)
				return ids(p, "claim", &c.Claim, "subject", &c.Other, "object", &c.Object)
			})},
		field{name: "undo", typ: nonNull(result), desc: "Reverts the correction of an audit entry (an undo too: that makes the correction again), as an entry of its own.",
			args: []arg{idArg("entry", "The audit entry."), reason},
			resolve: func(p graphql.ResolveParams) (any, error) {
				id, err := idArgument(p.Args, "entry")
				if err != nil {
					return nil, err
				}
				who := credentialFrom(p.Context)
				if who == "" {
					return nil, errors.New("corrections need a credential")
				}
				reason, _ := p.Args["reason"].(string)
				e, err := s.store.Undo(p.Context, id, who, reason)
				if err != nil {
					return nil, correctionError(err)
				}
				return s.correctionResult(p.Context, e)
			}},
	)
}

// correctionResult is the answer of a correction.
type correctionResult struct {
	entry         *graph.AuditEntry
	entity, claim uuid.UUID
}

// correct makes c as the request's credential.
func (s *Schema) correct(ctx context.Context, c graph.Correction) (any, error) {
	c.Who = credentialFrom(ctx)
	if c.Who == "" {
		return nil, errors.New("corrections need a credential")
	}
	e, err := s.store.Correct(ctx, c)
	if err != nil {
		return nil, correctionError(err)
	}
	return s.correctionResult(ctx, e)
}

func (s *Schema) correctionResult(ctx context.Context, e graph.AuditEntry) (any, error) {
	r := &correctionResult{entry: &e, claim: e.Claim}
	if len(e.Entities) > 0 {
		r.entity = e.Entities[len(e.Entities)-1] // a split's new entity comes last
		if e.Op == graph.OpMergeEntities {
			r.entity = e.Entities[0]
		}
	}
	if e.Claim != uuid.Nil {
		r.entity = uuid.Nil
	}
	// The request's loader read the records before the correction.
	l := loaderFrom(ctx, s.store)
	l.mu.Lock()
	clear(l.ents)
	clear(l.claims)
	l.mu.Unlock()
	return r, nil
}

// correctionError names the argument at fault.
func correctionError(err error) error {
	var ce *graph.CorrectionError
	if errors.As(err, &ce) {
		return &argError{ce.Field, ce.Msg}
	}
	if errors.Is(err, graph.ErrReadOnly) {
		return errors.New("corrections are disabled: the store is read-only")
	}
	return err
}

// parseSince reads a Time argument (RFC 3339 or a date).
func parseSince(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a time (RFC 3339 or 2014-06-11)", v)
}

func nullID(id uuid.UUID) any {
	if id == uuid.Nil {
		return nil
	}
	return id.String()
}
