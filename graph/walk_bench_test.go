package graph

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/google/uuid"
)

// walkSample is the entities of the lookup store that have groups: a
// walk from one without is no measure.
func walkSample(b *testing.B, ls *lookupStore) []uuid.UUID {
	var out []uuid.UUID
	for _, e := range ls.sample {
		n, err := ls.s.Neighbors(context.Background(), e.ID, 1, WalkFilter{}, 1)
		if err != nil {
			b.Fatal(err)
		}
		if len(n.Neighbors) > 0 {
			out = append(out, e.ID)
		}
	}
	if len(out) < 2 {
		b.Skipf("%d entities of the sample have relation groups", len(out))
	}
	return out
}

// BenchmarkWalks: two-hop neighbourhoods and three-hop path searches
// from entities of the lookup store (popular and rare alike), as the
// API runs them (first: 100 neighbours, 10 paths). Give a kg database
// with -benchdir to measure on real extraction (kg bench --keep, or kg
// ingest of a kg gen archive).
func BenchmarkWalks(b *testing.B) {
	ls := getLookupStore(b)
	ctx := context.Background()
	sample := walkSample(b, ls)
	b.Logf("%d of %d sampled entities have groups", len(sample), len(ls.sample))
	b.Run("neighbors2", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(11, 12))
		timeOps(b, func(int) error {
			_, err := ls.s.Neighbors(ctx, sample[rng.IntN(len(sample))], 2, WalkFilter{}, 20)
			return err
		})
	})
	b.Run("paths3", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(13, 14))
		found := 0
		timeOps(b, func(int) error {
			p, err := ls.s.Paths(ctx, sample[rng.IntN(len(sample))], sample[rng.IntN(len(sample))], 3, WalkFilter{}, 5)
			if p.Found {
				found++
			}
			return err
		})
		b.ReportMetric(float64(found)/float64(b.N), "found/op")
	})
}
