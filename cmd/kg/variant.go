//go:build !kgvariant

package main

import "github.com/factgraph/kg/extract"

// extractorVariant is the identity: the extractor as it is. A binary
// built with -tags kgvariant changes it (variant_kgvariant.go), so that
// the tests can run kg reextract as after an upgrade of the extractor.
func extractorVariant(r extract.Result, _ string) extract.Result { return r }
