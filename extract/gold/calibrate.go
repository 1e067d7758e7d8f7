package gold

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Item names what a Judgement judges.
type Item string

const (
	ClaimItem    Item = "claim"
	RelationItem Item = "relation"
)

// Judgement is one system claim or relation with the rule that made it,
// the confidence the extractor gave it and whether the gold says it is
// right (the same verdict as its precision count).
type Judgement struct {
	Item       Item
	Rule       string
	Confidence float64
	Right      bool
}

// Judgements gathers the judgements of all scores.
func Judgements(scores []Score) []Judgement {
	var out []Judgement
	for _, s := range scores {
		out = append(out, s.Judged...)
	}
	return out
}

// Bin is one row of a reliability table: the items whose confidence lies
// in [Low, High), how many there are, their mean confidence and the share
// of them that are right. A calibrated extractor has Precision close to
// MeanConfidence in every bin.
type Bin struct {
	Low, High      float64
	N, Right       int
	MeanConfidence float64
}

// Precision is the share of the bin's items that are right.
func (b Bin) Precision() float64 { return ratio(b.Right, b.N) }

// binEdges are the reliability table's bins: below 0.5, then tenths.
var binEdges = []float64{0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0000001}

// Reliability bins the judgements of one item kind by confidence.
func Reliability(js []Judgement, item Item) []Bin {
	bins := make([]Bin, len(binEdges)-1)
	for i := range bins {
		bins[i].Low, bins[i].High = binEdges[i], binEdges[i+1]
	}
	for _, j := range js {
		if j.Item != item {
			continue
		}
		for i := range bins {
			if j.Confidence >= bins[i].Low && j.Confidence < bins[i].High || i == len(bins)-1 && j.Confidence >= bins[i].High {
				bins[i].N++
				bins[i].MeanConfidence += j.Confidence
				if j.Right {
					bins[i].Right++
				}
				break
			}
		}
	}
	for i := range bins {
		if bins[i].N > 0 {
			bins[i].MeanConfidence /= float64(bins[i].N)
		}
	}
	return bins
}

// ECE is the expected calibration error of a reliability table: the
// mean over items of |precision of its bin - mean confidence of its bin|.
// 0 is perfectly calibrated; it says nothing about how many are right.
func ECE(bins []Bin) float64 {
	n, sum := 0, 0.0
	for _, b := range bins {
		if b.N == 0 {
			continue
		}
		n += b.N
		d := b.Precision() - b.MeanConfidence
		if d < 0 {
			d = -d
		}
		sum += float64(b.N) * d
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// WriteReliability prints the reliability table of claims and relations.
func WriteReliability(w io.Writer, js []Judgement) {
	for _, item := range []Item{ClaimItem, RelationItem} {
		bins := Reliability(js, item)
		fmt.Fprintf(w, "\nreliability of %ss (confidence against the share the gold judges right)\n", item)
		fmt.Fprintf(w, "%-12s %6s %10s %10s\n", "confidence", "n", "mean conf", "precision")
		for _, b := range bins {
			if b.N == 0 {
				continue
			}
			hi := b.High
			if hi > 1 {
				hi = 1
			}
			fmt.Fprintf(w, "%.1f–%.1f      %6d %10.2f %10.2f\n", b.Low, hi, b.N, b.MeanConfidence, b.Precision())
		}
		fmt.Fprintf(w, "ECE %.3f\n", ECE(bins))
	}
}

// RuleCalibration is one row of a calibration table: a rule's judged
// items and the confidence its items get.
type RuleCalibration struct {
	Item       Item
	Rule       string
	N, Right   int
	Confidence float64
}

// calibrationWeight is how many judged items the pool's precision counts
// as in a rule's estimate: a rule seen a few times stays near its kind's
// precision, one seen often gets its own.
const calibrationWeight = 5

// Calibrate estimates each rule's precision from judgements: (right +
// w·pool)/(n + w), where pool is the precision of all items of its kind
// and w is calibrationWeight. Shrinking toward the pool rather than
// toward the rule's current confidence makes the table a function of the
// verdicts alone, so calibrating again on the same gold gives the same
// table.
func Calibrate(js []Judgement) []RuleCalibration {
	type key struct {
		item Item
		rule string
	}
	counts := map[key]*RuleCalibration{}
	pool := map[Item][2]int{}
	for _, j := range js {
		k := key{j.Item, j.Rule}
		rc := counts[k]
		if rc == nil {
			rc = &RuleCalibration{Item: j.Item, Rule: j.Rule}
			counts[k] = rc
		}
		p := pool[j.Item]
		rc.N++
		p[1]++
		if j.Right {
			rc.Right++
			p[0]++
		}
		pool[j.Item] = p
	}
	var out []RuleCalibration
	for _, rc := range counts {
		p := pool[rc.Item]
		prior := ratio(p[0], p[1])
		rc.Confidence = round2((float64(rc.Right) + calibrationWeight*prior) / float64(rc.N+calibrationWeight))
		out = append(out, *rc)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Item != out[j].Item {
			return out[i].Item < out[j].Item
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// WriteCalibration writes a calibration table in the shape extract reads
// (extract/data/calibration.tsv): a comment header, then item, rule,
// judged, right and confidence, tab-separated.
func WriteCalibration(w io.Writer, rows []RuleCalibration, source string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Confidence of each extraction rule: its precision on %s,\n", source)
	fmt.Fprintf(bw, "# shrunk toward its kind's (kg eval --calibrate; see extract/gold Calibrate).\n")
	fmt.Fprintf(bw, "# item\trule\tjudged\tright\tconfidence\n")
	for _, r := range rows {
		if strings.ContainsAny(r.Rule, "\t\n") {
			return fmt.Errorf("calibration: rule %q holds a tab or newline", r.Rule)
		}
		fmt.Fprintf(bw, "%s\t%s\t%d\t%d\t%s\n", r.Item, r.Rule, r.N, r.Right, strconv.FormatFloat(r.Confidence, 'f', 2, 64))
	}
	return bw.Flush()
}
