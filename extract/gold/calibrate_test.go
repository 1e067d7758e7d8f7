package gold

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestReliabilityAndECE(t *testing.T) {
	js := []Judgement{
		{ClaimItem, "a", 0.95, true}, {ClaimItem, "a", 0.95, true}, {ClaimItem, "a", 0.95, false}, {ClaimItem, "a", 0.95, true},
		{ClaimItem, "b", 0.3, false}, {ClaimItem, "b", 0.3, true},
		{ClaimItem, "c", 1, true}, // confidence 1 falls in the top bin
		{RelationItem, "r", 0.6, true},
	}
	bins := Reliability(js, ClaimItem)
	var top, low Bin
	for _, b := range bins {
		switch {
		case b.Low == 0.9:
			top = b
		case b.Low == 0:
			low = b
		}
	}
	if top.N != 5 || top.Right != 4 || math.Abs(top.MeanConfidence-0.96) > 1e-9 {
		t.Errorf("top bin %+v, want 5 items, 4 right, mean confidence 0.96", top)
	}
	if low.N != 2 || low.Right != 1 {
		t.Errorf("bottom bin %+v, want 2 items, 1 right", low)
	}
	// |0.8-0.96|·5 + |0.5-0.3|·2, over 7
	if got, want := ECE(bins), (0.16*5+0.2*2)/7; math.Abs(got-want) > 1e-9 {
		t.Errorf("ECE %.4f, want %.4f", got, want)
	}
	if ECE(Reliability(nil, ClaimItem)) != 0 {
		t.Error("ECE of nothing is not 0")
	}
	var buf bytes.Buffer
	WriteReliability(&buf, js)
	for _, want := range []string{"reliability of claims", "0.9–1.0", "ECE 0.171", "reliability of relations"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("reliability table has no %q:\n%s", want, buf.String())
		}
	}
}

// TestCalibrate: a rule's confidence is its precision shrunk toward its
// kind's, so a rule seen often keeps its own, one seen once stays near the
// pool, and the table depends on the verdicts only.
func TestCalibrate(t *testing.T) {
	var js []Judgement
	for i := 0; i < 95; i++ {
		js = append(js, Judgement{ClaimItem, "often", 0.5, i < 90}) // 90/95
	}
	js = append(js, Judgement{ClaimItem, "once", 0.9, false})
	js = append(js, Judgement{RelationItem, "rel", 0.1, true}, Judgement{RelationItem, "rel", 0.1, false})
	rows := Calibrate(js)
	got := map[string]RuleCalibration{}
	for _, r := range rows {
		got[string(r.Item)+"/"+r.Rule] = r
	}
	pool := 90.0 / 96
	if r := got["claim/often"]; r.N != 95 || r.Right != 90 || r.Confidence != round2((90+5*pool)/100) {
		t.Errorf("often: %+v", r)
	}
	if r := got["claim/once"]; r.Confidence != round2(5*pool/6) {
		t.Errorf("once: %+v, want %.2f (near the pool, not 0)", r, round2(5*pool/6))
	}
	if r := got["relation/rel"]; r.Confidence != 0.5 {
		t.Errorf("rel: %+v, want 0.5", r)
	}
	// the confidences the judgements carried do not matter
	for i := range js {
		js[i].Confidence = 0.99
	}
	again := Calibrate(js)
	for i := range again {
		if again[i] != rows[i] {
			t.Errorf("calibrating with other confidences changed %+v to %+v", rows[i], again[i])
		}
	}
	var buf bytes.Buffer
	if err := WriteCalibration(&buf, rows, "a test"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "claim\toften\t95\t90\t0.95\n") {
		t.Errorf("table:\n%s", buf.String())
	}
	if err := WriteCalibration(&buf, []RuleCalibration{{Item: ClaimItem, Rule: "a\tb"}}, "x"); err == nil {
		t.Error("a rule with a tab was written")
	}
}
