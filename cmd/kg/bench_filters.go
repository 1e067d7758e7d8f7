package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"github.com/factgraph/kg/graph"
)

// The filtered-claims query of kg bench: claims(...) with a realistic
// mix of the filters of issue 15, each sample its own request (the query
// text names only the arguments the sample gives, as a client writes
// it).

// filteredClaimsQuery is the row's query; its Values are whole request
// bodies (filteredClaimSamples), so Variable is empty.
func filteredClaimsQuery() benchQuery {
	// Not a Lookup: a baseline of an older kg has no such row to compare
	// with; its p99 target is set by name.
	return benchQuery{Name: "filtered_claims",
		Found: func(d map[string]any) bool { return dig(d, "claims", "nodes") != nil }}
}

// filteredClaimSamples draws samples filter sets from sampled claims, in
// turn: a speaker's name, newest first; a publisher in the month around
// a claim, without narrative; quotes and statements in the week of a
// claim, newest first; a predicate since three months before a claim,
// oldest first, above a confidence.
func filteredClaimSamples(ctx context.Context, store *graph.Store, rng *rand.Rand, claims []graph.Claim, samples int) ([]string, error) {
	var out []string
	for k := 0; len(out) < samples && k < 20*samples; k++ {
		c := pick(rng, claims)
		day, err := time.Parse(time.DateOnly, c.PublishedAt[:min(10, len(c.PublishedAt))])
		if err != nil {
			continue // undated: draw another
		}
		window := func(before, after int) (string, string) {
			return day.AddDate(0, 0, -before).Format(time.DateOnly), day.AddDate(0, 0, after).Format(time.DateOnly)
		}
		args := map[string]any{}
		decl := ""
		add := func(name, typ string, v any) {
			args[name] = v
			decl += fmt.Sprintf(", $%s: %s", name, typ)
		}
		switch len(out) % 4 {
		case 0:
			if c.SpeakerID == uuid.Nil {
				continue
			}
			e, err := store.Entity(ctx, c.SpeakerID)
			if err != nil {
				return nil, fmt.Errorf("sample filtered claims: speaker %s: %w", c.SpeakerID, err)
			}
			add("speakerName", "String", e.Name)
			add("orderBy", "ClaimOrder", "NEWEST")
		case 1:
			d, err := store.Document(ctx, c.DocumentID)
			if err != nil {
				return nil, fmt.Errorf("sample filtered claims: document %s: %w", c.DocumentID, err)
			}
			if d.Publisher == "" {
				continue
			}
			since, until := window(15, 15)
			add("publisher", "String", d.Publisher)
			add("since", "String", since)
			add("until", "String", until)
			add("excludeNarrative", "Boolean", true)
		case 2:
			since, until := window(3, 3)
			add("kinds", "[ClaimKind!]", []string{"DIRECT_QUOTE", "STATEMENT"})
			add("since", "String", since)
			add("until", "String", until)
			add("orderBy", "ClaimOrder", "NEWEST")
		case 3:
			if len(c.Relations) == 0 {
				continue
			}
			since, _ := window(90, 0)
			add("predicate", "Predicate", string(pick(rng, c.Relations).Predicate))
			add("since", "String", since)
			add("minConfidence", "Float", 0.5)
			add("orderBy", "ClaimOrder", "OLDEST")
		}
		call := ""
		for name := range args {
			call += fmt.Sprintf("%s: $%s, ", name, name)
		}
		q := fmt.Sprintf(`query FilteredClaims(%s) {
  claims(%sfirst: 20) { pageInfo { hasNextPage endCursor } nodes { %s } }
}`, decl[2:], call, benchClaimFields)
		body, err := json.Marshal(map[string]any{"query": q, "variables": args})
		if err != nil {
			return nil, err
		}
		out = append(out, string(body))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("sample filtered claims: %d sampled claims give no filter to ask", len(claims))
	}
	return out, nil
}
