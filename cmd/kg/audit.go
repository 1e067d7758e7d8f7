package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"

	"github.com/factgraph/kg/graph"
)

// runAudit implements "kg audit": the audit log of the corrections, one
// JSON object per line, oldest first.
func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("audit", "[--db DIR] [--entity ID] [--claim ID] [--since TIME]", `Prints the audit log: every correction people made, oldest first, as JSON
lines with when, who (the credential's name), the operation, the reason,
what it changed (before and after), what it corrects, and its status:
APPLIED, UNDONE, or UNAPPLIED when what it corrects is no longer
extracted (after kg reextract or a migration), with the reason.`, stderr)
	db := dbFlag(fs)
	entity := fs.String("entity", "", "only corrections of the entity `ID`")
	claim := fs.String("claim", "", "only corrections of the claim `ID`")
	since := fs.String("since", "", "only corrections made at or after `TIME` (RFC 3339 or 2014-06-11)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q", rest[0])
	}
	var f graph.AuditFilter
	for _, a := range []struct {
		flag, value string
		dst         *uuid.UUID
	}{{"--entity", *entity, &f.Entity}, {"--claim", *claim, &f.Claim}} {
		if a.value == "" {
			continue
		}
		if *a.dst, err = uuid.Parse(a.value); err != nil {
			return usagef("%s %q: not an ID", a.flag, a.value)
		}
	}
	if *since != "" {
		if f.Since, err = time.Parse(time.RFC3339, *since); err != nil {
			if f.Since, err = time.Parse("2006-01-02", *since); err != nil {
				return usagef("--since %q: want RFC 3339 or 2014-06-11", *since)
			}
		}
	}
	store, _, err := openExistingDB(*db, false, false)
	if err != nil {
		return err
	}
	defer store.Close()
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	return eachPage(func(after string) ([]graph.AuditEntry, []string, bool, error) {
		p, err := store.AuditLog(ctx, f, graph.PageArgs{First: graph.MaxPageSize, After: after})
		return p.Items, p.Cursors, p.HasNext, err
	}, func(e graph.AuditEntry) error {
		return enc.Encode(auditLine(e))
	})
}

// auditRecord is one line of kg audit.
type auditRecord struct {
	ID              string          `json:"id"`
	At              string          `json:"at"`
	Who             string          `json:"who"`
	Op              string          `json:"op"`
	Reason          string          `json:"reason"`
	Status          string          `json:"status"`
	UnappliedReason string          `json:"unappliedReason,omitempty"`
	Entities        []string        `json:"entities,omitempty"`
	Claim           string          `json:"claim,omitempty"`
	Undoes          string          `json:"undoes,omitempty"`
	UndoneBy        string          `json:"undoneBy,omitempty"`
	Before          json.RawMessage `json:"before"`
	After           json.RawMessage `json:"after"`
}

func auditLine(e graph.AuditEntry) auditRecord {
	r := auditRecord{ID: e.ID.String(), At: e.At.UTC().Format(time.RFC3339Nano), Who: e.Who, Op: string(e.Op), Reason: e.Reason,
		Status: "APPLIED", UnappliedReason: e.Unapplied, Before: json.RawMessage(e.Before), After: json.RawMessage(e.After)}
	switch {
	case e.UndoneBy != uuid.Nil:
		r.Status, r.UndoneBy = "UNDONE", e.UndoneBy.String()
	case e.Unapplied != "":
		r.Status = "UNAPPLIED"
	}
	for _, id := range e.Entities {
		r.Entities = append(r.Entities, id.String())
	}
	if e.Claim != uuid.Nil {
		r.Claim = e.Claim.String()
	}
	if e.Undoes != uuid.Nil {
		r.Undoes = e.Undoes.String()
	}
	return r
}

// describeUnapplied is a line per unapplied correction, for commands that
// re-derive the graph.
func describeUnapplied(ctx context.Context, store *graph.Store, w io.Writer) (int, error) {
	n := 0
	err := eachPage(func(after string) ([]graph.AuditEntry, []string, bool, error) {
		p, err := store.AuditLog(ctx, graph.AuditFilter{}, graph.PageArgs{First: graph.MaxPageSize, After: after})
		return p.Items, p.Cursors, p.HasNext, err
	}, func(e graph.AuditEntry) error {
		if e.Unapplied != "" && e.UndoneBy == uuid.Nil {
			n++
			fmt.Fprintf(w, "  %s %s by %s (%s): %s\n", e.ID, e.Op, e.Who, e.At.UTC().Format("2006-01-02"), e.Unapplied)
		}
		return nil
	})
	return n, err
}
