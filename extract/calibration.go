package extract

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// The confidence of a claim or relation is the measured precision of the
// rule that made it: data/calibration.tsv, written by kg eval --calibrate
// from the project's gold articles (extract/gold Calibrate says how a
// rule's precision is estimated). A rule the table lacks keeps the
// confidence its code gives. Narrative claims are not scored by the
// gold, so they keep theirs.
//
//go:embed data/calibration.tsv
var calibrationData string

// calibration maps "item\trule" to a confidence.
type calibration map[string]float64

func calibrationKey(item, rule string) string { return item + "\t" + rule }

// parseCalibration reads a calibration table: comment lines (#), then
// item, rule, judged, right and confidence, tab-separated.
func parseCalibration(data string) (calibration, error) {
	cal := calibration{}
	for i, line := range strings.Split(data, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 || f[0] != "claim" && f[0] != "relation" {
			return nil, fmt.Errorf("data/calibration.tsv:%d: want item (claim or relation), rule, judged, right, confidence; got %q", i+1, line)
		}
		c, err := strconv.ParseFloat(f[4], 64)
		if err != nil || c < 0 || c > 1 {
			return nil, fmt.Errorf("data/calibration.tsv:%d: confidence %q is not a number in [0, 1]", i+1, f[4])
		}
		cal[calibrationKey(f[0], f[1])] = c
	}
	return cal, nil
}

// apply gives each claim and relation its rule's calibrated confidence.
func (cal calibration) apply(claims []Claim, rels []Relation) {
	if len(cal) == 0 {
		return
	}
	for i := range claims {
		if claims[i].Kind == Narrative {
			continue
		}
		if c, ok := cal[calibrationKey("claim", claims[i].Rule)]; ok {
			claims[i].Confidence = c
		}
	}
	for i := range rels {
		if c, ok := cal[calibrationKey("relation", rels[i].Rule)]; ok {
			rels[i].Confidence = c
		}
	}
}
