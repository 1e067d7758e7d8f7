package schema

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// The filters of Query.claims and Query.documents beyond the first ones,
// and Query.timeline (graph/filters.go, graph/timeline.go).

const dayDesc = "a date, 2006-01-02 (an RFC 3339 time counts by its date); a day is the publication date as the article writes it"

// claimOrderEnum declares ClaimOrder.
func (b *builder) claimOrderEnum() *graphql.Enum {
	return b.enum("ClaimOrder", "The order of a list of claims.",
		enumValue{"DOCUMENT", graph.OrderDocument, "Documents in ingestion order, a document's claims in text order."},
		enumValue{"NEWEST", graph.OrderNewest, "By publication day, newest first; within a day, the documents ingested last first, each document's claims in text order. Undated claims come last."},
		enumValue{"OLDEST", graph.OrderOldest, "By publication day, oldest first; within a day, documents in ingestion order. Undated claims come first."},
	)
}

// claimFilterArgs are Query.claims's arguments beyond speaker, about,
// document and text.
func claimFilterArgs(t *types) []arg {
	return []arg{
		{name: "kinds", typ: graphql.NewList(graphql.NewNonNull(t.claimKind)), desc: "Only claims of one of these kinds (as corrected)."},
		{name: "excludeNarrative", typ: graphql.Boolean, def: false, desc: "Leave out NARRATIVE claims: what the publisher states in its own voice, attributed to no one else. Combines with kinds."},
		{name: "since", typ: graphql.String, desc: "Only claims published on or after this day: " + dayDesc + ". Leaves out undated claims."},
		{name: "until", typ: graphql.String, desc: "Only claims published on or before this day: " + dayDesc + ". Leaves out undated claims. In DOCUMENT order since/until may cover at most " + fmt.Sprint(graph.MaxDocumentOrderDays) + " days that have claims."},
		{name: "publisher", typ: graphql.String, desc: "Only claims of documents of this publisher, ignoring case and runs of spaces."},
		{name: "speakerName", typ: graphql.String, desc: fmt.Sprintf("Only claims spoken by an entity with this name or alias, compared folded as entities(name:) does: all such entities' claims (at most %d entities).", graph.MaxSpeakerNameEntities)},
		{name: "predicate", typ: t.predicate, desc: "Only claims asserting (or denying) a relation of this kind, as corrected."},
		{name: "minConfidence", typ: graphql.Float, desc: "Only claims whose extraction confidence is at least this (0 to 1)."},
		// No declared defaults for enum arguments here: graphql-go's
		// introspection leaves the defaultValue of these Go-typed enum
		// values out, so the served SDL and the introspected one would
		// differ; the resolvers treat a missing value as the default.
		{name: "orderBy", typ: t.claimOrder, desc: "The order of the claims; DOCUMENT when left out."},
	}
}

// readClaimFilter reads the arguments of claimFilterArgs into f.
func readClaimFilter(args map[string]any, f *graph.ClaimFilter) error {
	if ks, ok := args["kinds"].([]any); ok {
		for _, k := range ks {
			if k, ok := k.(extract.ClaimKind); ok {
				f.Kinds = append(f.Kinds, k)
			}
		}
		if len(f.Kinds) == 0 {
			return &argError{"kinds", "is empty: give at least one kind, or leave it out"}
		}
	}
	f.ExcludeNarrative, _ = args["excludeNarrative"].(bool)
	f.Publisher, _ = args["publisher"].(string)
	f.SpeakerName, _ = args["speakerName"].(string)
	f.Predicate, _ = args["predicate"].(extract.Predicate)
	if o, ok := args["orderBy"].(graph.ClaimOrder); ok {
		f.Order = o
	}
	if v, ok := args["minConfidence"]; ok && v != nil {
		c, _ := v.(float64)
		if math.IsNaN(c) || c < 0 || c > 1 {
			return &argError{"minConfidence", fmt.Sprintf("must be between 0 and 1, got %v", v)}
		}
		f.MinConfidence = c
	}
	for _, name := range []string{"since", "until", "publisher", "speakerName"} {
		if v, ok := args[name].(string); ok && strings.TrimSpace(v) == "" {
			return &argError{name, "is blank: give a value, or leave it out"}
		}
	}
	var err error
	if f.Since, err = dayArg(args, "since"); err != nil {
		return err
	}
	f.Until, err = dayArg(args, "until")
	return err
}

// dayArg reads a since/until argument, checked.
func dayArg(args map[string]any, name string) (string, error) {
	v, _ := args[name].(string)
	if v == "" {
		return "", nil
	}
	if _, err := graph.ParseDay(name, v); err != nil {
		return "", filterError(err)
	}
	return strings.TrimSpace(v), nil
}

// filterError turns a graph.FilterError into the argument error it is.
func filterError(err error) error {
	var fe *graph.FilterError
	if errors.As(err, &fe) {
		return &argError{fe.Arg, fe.Msg}
	}
	return err
}

// documentFilterArgs are Query.documents's filters.
func documentFilterArgs() []arg {
	return []arg{
		{name: "url", typ: graphql.String, desc: "Only the document of this URL (trimmed, as ingestion compares URLs)."},
		{name: "publisher", typ: graphql.String, desc: "Only documents of this publisher, ignoring case and runs of spaces."},
		{name: "since", typ: graphql.String, desc: "Only documents published on or after this day: " + dayDesc + "."},
		{name: "until", typ: graphql.String, desc: "Only documents published on or before this day: " + dayDesc + "."},
	}
}

// resolveDocuments answers Query.documents.
func (s *Schema) resolveDocuments(p graphql.ResolveParams) (any, error) {
	page, err := s.pageArgs(p.Args)
	if err != nil {
		return nil, err
	}
	var f graph.DocumentFilter
	f.URL, _ = p.Args["url"].(string)
	f.Publisher, _ = p.Args["publisher"].(string)
	for _, name := range []string{"url", "publisher"} {
		if v, ok := p.Args[name].(string); ok && strings.TrimSpace(v) == "" {
			return nil, &argError{name, "is blank: give a value, or leave it out"}
		}
	}
	if f.Since, err = dayArg(p.Args, "since"); err != nil {
		return nil, err
	}
	if f.Until, err = dayArg(p.Args, "until"); err != nil {
		return nil, err
	}
	docs, err := s.store.FilterDocuments(p.Context, f, page)
	if err != nil {
		return nil, pageError("list documents", page, filterError(err))
	}
	return newConnection(docs, func(ctx context.Context) (int, error) { return s.store.CountFilteredDocuments(ctx, f) }), nil
}

// timelineResult is a graph.Timeline with what its items need.
type timelineResult struct {
	graph.Timeline
	entity *graph.Entity
}

// timelineQueries declares Timeline, TimelineBucket and their enum, and
// adds Query.timeline.
func (b *builder) timelineQueries(t *types) {
	s := b.s
	bucketSize := b.enum("TimelineBucketSize", "The width of a timeline's buckets.",
		enumValue{"DAY", graph.BucketDay, "Days."},
		enumValue{"WEEK", graph.BucketWeek, "ISO weeks, Monday to Sunday."},
		enumValue{"MONTH", graph.BucketMonth, "Calendar months."},
	)
	bucket := b.object("TimelineBucket", "The counts of one bucket of a timeline: claims published in its days.")
	timeline := b.object("Timeline", "An entity's claims over time: counts per bucket of publication days, and the claims themselves by date.")
	count := func(name, desc string, get func(*graph.TimelineBucket) int) field {
		return field{name: name, typ: nonNull(graphql.Int), desc: desc,
			resolve: func(p graphql.ResolveParams) (any, error) { return get(p.Source.(*graph.TimelineBucket)), nil }}
	}
	b.fields(bucket,
		field{name: "start", typ: nonNull(graphql.String), desc: "The bucket's first day (2006-01-02).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.TimelineBucket).Start, nil }},
		field{name: "end", typ: nonNull(graphql.String), desc: "The bucket's last day.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.TimelineBucket).End, nil }},
		count("claimsBy", "Claims the entity is the speaker of.", func(b *graph.TimelineBucket) int { return b.ClaimsBy }),
		count("claimsAbout", "Claims whose content names the entity.", func(b *graph.TimelineBucket) int { return b.ClaimsAbout }),
		count("relations", "Claims asserting or denying a relation the entity is the subject or object of (one per claim).", func(b *graph.TimelineBucket) int { return b.Relations }),
	)
	b.fields(timeline,
		field{name: "entity", typ: nonNull(t.entity), desc: "The entity, as corrected (a merged one's timeline is the union of its members').",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*timelineResult).entity, nil }},
		field{name: "since", typ: graphql.String, desc: "The first day counted: the one asked for, or " + fmt.Sprint(graph.MaxTimelineBuckets) + " buckets before until. Null when the graph has no dated claim.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullIfEmpty(p.Source.(*timelineResult).Since), nil }},
		field{name: "until", typ: graphql.String, desc: "The last day counted: the one asked for, or the last day with claims in the graph.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullIfEmpty(p.Source.(*timelineResult).Until), nil }},
		field{name: "buckets", typ: nonNull(graphql.NewList(nonNull(bucket))), desc: fmt.Sprintf("The buckets with at least one count, oldest first (at most %d).", graph.MaxTimelineBuckets),
			resolve: func(p graphql.ResolveParams) (any, error) {
				tl := p.Source.(*timelineResult)
				out := make([]*graph.TimelineBucket, len(tl.Buckets))
				for i := range tl.Buckets {
					out[i] = &tl.Buckets[i]
				}
				return out, nil
			}},
		field{name: "items", typ: nonNull(t.claimConn), desc: "The claims counted (by, about, or asserting a relation of the entity) in the timeline's days, by date.",
			args: []arg{{name: "orderBy", typ: t.claimOrder, desc: "The order of the claims; OLDEST when left out."}, t.firstArg, t.afterArg},
			resolve: func(p graphql.ResolveParams) (any, error) {
				tl := p.Source.(*timelineResult)
				if tl.Since == "" {
					return emptyConnection(), nil
				}
				f := graph.ClaimFilter{Involving: tl.entity.ID, Since: tl.Since, Until: tl.Until, Order: graph.OrderOldest}
				if o, ok := p.Args["orderBy"].(graph.ClaimOrder); ok {
					f.Order = o
				}
				return s.claimConnection(p, f)
			}},
	)
	b.fields(t.query, field{name: "timeline", typ: timeline,
		desc: fmt.Sprintf("An entity's claims over time: per bucket of publication days, how many claims it spoke, how many name it and how many assert its relations, and the claims themselves by date. since/until span at most %d buckets. Null when there is no such entity.", graph.MaxTimelineBuckets),
		args: []arg{
			{name: "entity", typ: nonNull(graphql.ID), desc: "The entity's ID."},
			{name: "since", typ: graphql.String, desc: "The first day: " + dayDesc + ". Default: " + fmt.Sprint(graph.MaxTimelineBuckets) + " buckets before until."},
			{name: "until", typ: graphql.String, desc: "The last day. Default: the last day with claims in the graph."},
			{name: "bucket", typ: bucketSize, desc: "The width of the buckets; MONTH when left out."},
		},
		resolve: func(p graphql.ResolveParams) (any, error) {
			id, err := idArgument(p.Args, "entity")
			if err != nil {
				return nil, err
			}
			since, err := dayArg(p.Args, "since")
			if err != nil {
				return nil, err
			}
			until, err := dayArg(p.Args, "until")
			if err != nil {
				return nil, err
			}
			bucket, _ := p.Args["bucket"].(graph.Bucket)
			e, err := s.entityOrNull(p.Context, id)
			if err != nil || e == nil {
				return nil, err
			}
			ent := e.(*graph.Entity)
			tl, err := s.store.Timeline(p.Context, ent.ID, since, until, bucket)
			if err != nil {
				return nil, fmt.Errorf("timeline: %w", filterError(err))
			}
			return &timelineResult{Timeline: tl, entity: ent}, nil
		}})
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
