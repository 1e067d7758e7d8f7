//go:build kgvariant

package main

import (
	"slices"

	"github.com/factgraph/kg/extract"
)

// extractorVariant stands for an upgraded extractor in the tests (a
// binary built with -tags kgvariant): every claim ends one code point
// earlier, so that no claim keeps its span or its text, and corrections
// must find their claims by overlap (see graph's claimAnchor).
func extractorVariant(r extract.Result, text string) extract.Result {
	runes := []rune(text)
	r.Claims = slices.Clone(r.Claims)
	for i := range r.Claims {
		if c := &r.Claims[i]; c.End-c.Start > 1 {
			c.End--
			c.Text = string(runes[c.Start:c.End])
		}
	}
	return r
}
