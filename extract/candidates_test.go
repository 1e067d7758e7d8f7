package extract

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestAddCandidates checks the merge of addCandidates against a plain
// sort, with the existing candidates in order (the merge) and out of
// order (the sort), and with nothing added.
func TestAddCandidates(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	rules := []string{"gazetteer", "acronym", "same-name", "surname"}
	gen := func(n int) []candidate {
		var out []candidate
		for range n {
			s := rng.IntN(40)
			out = append(out, candidate{start: s, end: s + 1 + rng.IntN(3), rule: rules[rng.IntN(len(rules))], gaz: -1})
		}
		return out
	}
	for _, tc := range []struct {
		name        string
		have, add   int
		haveInOrder bool
	}{
		{"merge", 30, 5, true},
		{"merge into none", 0, 5, true},
		{"nothing added", 30, 0, true},
		{"unsorted", 30, 5, false},
		{"unsorted, nothing added", 30, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for range 50 {
				have, add := gen(tc.have), gen(tc.add)
				if tc.haveInOrder {
					slices.SortFunc(have, byPosition)
				}
				want := append(slices.Clone(have), add...)
				slices.SortFunc(want, byPosition)
				f := &entityFinder{cands: have}
				f.addCandidates(add)
				if !slices.IsSortedFunc(f.cands, byPosition) || len(f.cands) != len(want) {
					t.Fatalf("addCandidates: %d candidates, in order %v; want %d in order", len(f.cands), slices.IsSortedFunc(f.cands, byPosition), len(want))
				}
				for i := range want {
					if f.cands[i] != want[i] {
						t.Fatalf("candidate %d = %+v, want %+v", i, f.cands[i], want[i])
					}
				}
			}
		})
	}
}
