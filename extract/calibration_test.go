package extract

import (
	"strings"
	"testing"
)

func TestParseCalibration(t *testing.T) {
	cal, err := parseCalibration("# comment\nclaim\tquote-cue\t10\t9\t0.88\nrelation\theld-by\t3\t2\t0.61\n")
	if err != nil {
		t.Fatal(err)
	}
	if cal[calibrationKey("claim", "quote-cue")] != 0.88 || cal[calibrationKey("relation", "held-by")] != 0.61 {
		t.Errorf("parsed %v", cal)
	}
	for _, bad := range []string{"claim\tx\t1\t1\n", "entity\tx\t1\t1\t0.5\n", "claim\tx\t1\t1\t1.5\n", "claim\tx\t1\t1\tabc\n"} {
		if _, err := parseCalibration("# h\n" + bad); err == nil || !strings.Contains(err.Error(), "calibration.tsv:2") {
			t.Errorf("%q: error %v, want one naming line 2", bad, err)
		}
	}
	if _, err := parseCalibration(calibrationData); err != nil {
		t.Errorf("the embedded table: %v", err)
	}
}

// TestCalibrationApplied: an extracted claim's confidence is its rule's
// row of the embedded table; narrative keeps the confidence its code gave.
func TestCalibrationApplied(t *testing.T) {
	x := newTestExtractor(t)
	r := x.Extract(Article{Text: `"The town is surrounded," said Ahmad Khalil, a spokesman for the local council. Fighting continued in the east of the town on Monday.`, Publisher: "Example News"})
	seen := false
	for _, c := range r.Claims {
		want, ok := x.calibration[calibrationKey("claim", c.Rule)]
		if c.Kind == Narrative || !ok {
			continue
		}
		seen = true
		if c.Confidence != want {
			t.Errorf("claim %q (rule %s): confidence %v, want the table's %v", c.Text, c.Rule, c.Confidence, want)
		}
	}
	if !seen {
		t.Fatalf("no claim of a calibrated rule in %+v", r.Claims)
	}
}
