package schema

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// defaultReports is how many reports FigureGroup.reports lists when the
// query does not say.
const defaultReports = 100

// figureGroups declares FigureGroup, FigureReport and Query.figureGroups
// (graph.FigureGroups says how reports count once and how the bounds and
// the best estimate are chosen).
func (b *builder) figureGroups(t *types) {
	s := b.s
	group := b.object("FigureGroup", "The counts of one kind (killed, wounded, ...) that sources give for one place over a period of publication dates, side by side: each report once, the lowest, the highest and the best estimate, every figure traced to its claim, source and document.")
	report := b.object("FigureReport", "One figure of a figure group: a number a source gives, where the text gives it, and the same report again elsewhere (repeats).")
	groupConn := b.connection(group, "figure groups", t.pageInfo)

	b.fields(report,
		field{name: "kind", typ: nonNull(t.figureKind), desc: "What the number counts.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Figure).Kind, nil }},
		field{name: "value", typ: nonNull(graphql.Float), desc: "The number (\"130,000\" is 130000, \"five\" is 5), whatever its qualifier.",
			resolve: func(p graphql.ResolveParams) (any, error) { return float64(p.Source.(*graph.Figure).Value), nil }},
		field{name: "qualifier", typ: graphql.String, desc: "How the source bounds the number: \"more than\", \"at least\" (a floor), \"up to\", \"as many as\" (a ceiling), \"about\"; null when given as exact. It does not move the number: \"more than 9,000\" counts as 9,000.",
			resolve: func(p graphql.ResolveParams) (any, error) { return nullString(p.Source.(*graph.Figure).Qualifier), nil }},
		field{name: "text", typ: nonNull(graphql.String), desc: "The number as the text writes it, with its qualifier.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Figure).Text, nil }},
		field{name: "start", typ: nonNull(graphql.Int), desc: "Where the figure starts in its document's text (code points, inclusive).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Figure).Start, nil }},
		field{name: "end", typ: nonNull(graphql.Int), desc: "Where it ends (code points, exclusive).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Figure).End, nil }},
		field{name: "publishedAt", typ: t.timeType, desc: "The publication date of its document (the group's period is of these dates); null when unknown.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return nullString(p.Source.(*graph.Figure).PublishedAt), nil
			}},
		field{name: "claim", typ: nonNull(t.claim), desc: "The claim whose content gives the figure: its speaker (or speakerText for an unnamed source) is who gives it.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.claimByID(p.Context, p.Source.(*graph.Figure).ClaimID)
			}},
		field{name: "speaker", typ: t.entity, desc: "Who gives the figure, as corrected (setClaimSpeaker); null for an unnamed source, which claim.speakerText names.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				if id := p.Source.(*graph.Figure).SpeakerID; id != uuid.Nil {
					return s.entityByID(p.Context, id)
				}
				return nil, nil
			}},
		field{name: "document", typ: nonNull(t.document), desc: "The document that gives the figure (its publisher and URL).",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.documentByID(p.Context, p.Source.(*graph.Figure).DocumentID)
			}},
		field{name: "placeRule", typ: nonNull(graphql.String), desc: "The extraction rule that tied the figure to the group's place: figure-sentence (a place in its sentence), figure-speaker (in the words naming its source), figure-paragraph (earlier in its paragraph) or figure-lead (the document's headline or dateline).",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Figure).PlaceRule, nil }},
		field{name: "repeats", typ: listOf(report), desc: "The same report again, counted once: this number from the same named source in other claims, or again in the same text or a copy of it (syndication).",
			resolve: func(p graphql.ResolveParams) (any, error) { return ptrSlice(p.Source.(*graph.Figure).Repeats), nil }},
	)

	reportAt := func(pick func(g *graph.FigureGroup) int) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (any, error) {
			g := p.Source.(*graph.FigureGroup)
			return &g.Reports[pick(g)], nil
		}
	}
	b.fields(group,
		field{name: "kind", typ: nonNull(t.figureKind), desc: "What the figures count.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.FigureGroup).Kind, nil }},
		field{name: "place", typ: nonNull(t.entity), desc: "The place the figures count at (through merges: a merged place's figures are its kept entity's).",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return s.entityByID(p.Context, p.Source.(*graph.FigureGroup).PlaceID)
			}},
		field{name: "low", typ: nonNull(report), desc: "The report with the lowest number.",
			resolve: reportAt(func(g *graph.FigureGroup) int { return g.Low })},
		field{name: "high", typ: nonNull(report), desc: "The report with the highest number.",
			resolve: reportAt(func(g *graph.FigureGroup) int { return g.High })},
		field{name: "best", typ: nonNull(report), desc: "The best estimate: the lower median of the reports' numbers, robust to one source's outlier either way and always a number a source gave; with two reports the lower, the most conservative (as ACLED).",
			resolve: reportAt(func(g *graph.FigureGroup) int { return g.Best })},
		field{name: "reportCount", typ: nonNull(graphql.Int), desc: "How many distinct reports the group has (repeats counted once).",
			resolve: func(p graphql.ResolveParams) (any, error) { return len(p.Source.(*graph.FigureGroup).Reports), nil }},
		field{name: "sources", typ: nonNull(graphql.Int), desc: "How many distinct sources gave the reports: each named speaker once, each unnamed source (or publisher's own voice) of each text once.",
			resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.FigureGroup).Sources, nil }},
		field{name: "firstSeen", typ: t.timeType, desc: "The earliest publication date of the group's figures; null when none is dated.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return nullString(p.Source.(*graph.FigureGroup).FirstSeen), nil
			}},
		field{name: "lastSeen", typ: t.timeType, desc: "The latest publication date of the group's figures; null when none is dated.",
			resolve: func(p graphql.ResolveParams) (any, error) {
				return nullString(p.Source.(*graph.FigureGroup).LastSeen), nil
			}},
		field{name: "reports", typ: listOf(report), desc: "The distinct reports, lowest number first (then by date), each with its repeats.",
			args: []arg{{name: "first", typ: graphql.Int, def: defaultReports, desc: fmt.Sprintf("How many reports to list, lowest first: 1 to %d.", s.cfg.MaxPageSize)}},
			resolve: func(p graphql.ResolveParams) (any, error) {
				page, err := s.pageArgs(p.Args)
				if err != nil {
					return nil, err
				}
				r := p.Source.(*graph.FigureGroup).Reports
				return ptrSlice(r[:min(len(r), page.First)]), nil
			}},
	)

	b.fields(t.query,
		field{name: "figureGroups", typ: nonNull(groupConn),
			desc: "The counts of people of one kind that sources give for the same place and period, side by side: one group per place " +
				"(the given place's, or a page of every place's in the order their places were first stored), each with its lowest, highest and best estimate. " +
				"A figure's place is the one its text ties it to (FigureReport.placeRule); figures no rule places are in no group. " +
				"The period is of the documents' publication dates.",
			args: []arg{
				{name: "kind", typ: nonNull(t.figureKind), desc: "What the figures count."},
				{name: "place", typ: graphql.ID, desc: "Only this place's group (a PLACE entity's ID; a merged one's gives its kept entity's group). Left out: every place's."},
				{name: "since", typ: t.timeType, desc: "Only figures of documents published on or after this day (a date, or a time whose date counts)."},
				{name: "until", typ: t.timeType, desc: "Only figures of documents published on or before this day. Figures of undated documents count only when neither since nor until is given."},
				{name: "minSources", typ: graphql.Int, def: 1, desc: "Only groups whose reports come from at least this many distinct sources (2: where sources can disagree)."},
				{name: "first", typ: graphql.Int, def: s.cfg.DefaultPageSize, desc: fmt.Sprintf("How many groups to return: 1 to %d.", s.cfg.MaxPageSize)},
				{name: "after", typ: graphql.String, desc: "Return the groups after this cursor (an edge's cursor or pageInfo.endCursor of the previous page)."},
			},
			resolve: func(p graphql.ResolveParams) (any, error) {
				page, err := s.pageArgs(p.Args)
				if err != nil {
					return nil, err
				}
				f := graph.FigureFilter{}
				f.Kind, _ = p.Args["kind"].(extract.FigureKind)
				if f.Place, err = idArgument(p.Args, "place"); err != nil {
					return nil, err
				}
				if _, given := p.Args["place"]; given && f.Place == uuid.Nil {
					return emptyConnection(), nil // the nil UUID names nothing
				}
				f.MinSources, _ = p.Args["minSources"].(int)
				f.Since, _ = p.Args["since"].(string)
				f.Until, _ = p.Args["until"].(string)
				groups, err := s.store.FigureGroups(p.Context, f, page)
				if err != nil {
					return nil, figureGroupsError(f, page, err)
				}
				return newConnection(groups, func(ctx context.Context) (int, error) { return s.countFigureGroups(ctx, f) }), nil
			}},
	)
}

// figureGroupsError names the argument at fault.
func figureGroupsError(f graph.FigureFilter, page graph.PageArgs, err error) error {
	var bad *graph.FigureArgError
	switch {
	case errors.Is(err, graph.ErrQueryTooBroad):
		return &argError{"place", err.Error()}
	case errors.As(err, &bad):
		return &argError{bad.Arg, bad.Msg}
	}
	return pageError("list figure groups", page, err)
}

// countFigureGroups counts the groups of f over all pages.
func (s *Schema) countFigureGroups(ctx context.Context, f graph.FigureFilter) (int, error) {
	n, after := 0, ""
	for {
		p, err := s.store.FigureGroups(ctx, f, graph.PageArgs{First: graph.MaxPageSize, After: after})
		if err != nil {
			return 0, err
		}
		n += len(p.Items)
		if !p.HasNext || len(p.Cursors) == 0 {
			return n, nil
		}
		after = p.Cursors[len(p.Cursors)-1]
	}
}
