package main

import (
	"math/rand/v2"
	"strings"

	"github.com/factgraph/kg/graph"
)

// The walks of kg bench: two-hop neighbourhoods and three-hop path
// searches (issue 15's targets: p99 at most 30 and 50 ms at 100k
// articles), from entities that are ends of relations, so that a walk
// has somewhere to go.

// walkBenchQueries are the walk queries, in the order they run, after
// the lookups. Values are filled in by sampleWalkValues.
func walkBenchQueries() []benchQuery {
	return []benchQuery{
		{Name: "neighbors2", Variable: "id", TargetP99: 30, Text: `query Neighbors($id: ID!) {
  neighbors(id: $id, hops: 2, first: 20) {
    hasMore truncated
    neighbors { entity { id name type } distance via { predicate status sources } }
  }
}`, Found: func(d map[string]any) bool { return len(dig(d, "neighbors", "neighbors")) > 0 }},
		{Name: "paths3", Variable: "pair", TargetP99: 50, Variables: pathPair, Text: `query Paths($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, maxHops: 3, first: 5) {
    length hasMore truncated
    paths { steps { from { id name } to { id name } forward group { predicate status sources } } }
  }
}`, Found: func(d map[string]any) bool { return len(dig(d, "paths")) > 0 }},
	}
}

// pathPair makes the variables of a paths3 value, "from to".
func pathPair(v string) map[string]any {
	from, to, _ := strings.Cut(v, " ")
	return map[string]any{"from": from, "to": to}
}

// sampleWalkValues fills the walk queries' values from the asserted
// relations of the sampled claims: ends weighted by use (a popular actor, a hub, comes
// up often) and uniform over distinct ends, in turn; a path is between
// two such ends.
func sampleWalkValues(rng *rand.Rand, q *benchQuery, claims []graph.Claim, samples int) {
	var ends []string
	for _, c := range claims {
		for _, r := range c.Relations {
			if !r.Polarity {
				continue // a denial is no edge: its ends may have nowhere to go
			}
			ends = append(ends, r.SubjectID.String(), r.ObjectID.String())
		}
	}
	if len(ends) == 0 {
		return
	}
	distinct := uniqueSorted(ends)
	end := func(k int) string {
		if k%2 == 1 {
			return pick(rng, distinct)
		}
		return pick(rng, ends)
	}
	q.Values = make([]string, samples)
	for k := range q.Values {
		switch q.Name {
		case "neighbors2":
			q.Values[k] = end(k)
		case "paths3":
			q.Values[k] = end(k) + " " + end(k+1)
		}
	}
}
