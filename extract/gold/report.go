package gold

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
)

// Total sums article scores (micro-averaged: counts are added, then the
// ratios taken).
type Total struct {
	Articles                              int
	Entities, Claims, Relations           Counts
	ContentFound, SpeakerRight, ExactSpan int
	RelationsAnySpeaker                   int
	NamedAttributed, NamedWrong           int
}

// WrongSpeakerRate is the share of the system's claims with a named
// speaker, among those whose content is a gold claim's, that name the
// wrong speaker.
func (t Total) WrongSpeakerRate() float64 {
	if t.NamedAttributed == 0 {
		return 0
	}
	return float64(t.NamedWrong) / float64(t.NamedAttributed)
}

// Sum adds up scores.
func Sum(scores []Score) Total {
	var t Total
	for _, s := range scores {
		t.Articles++
		t.Entities.Add(s.Entities)
		t.Claims.Add(s.Claims)
		t.Relations.Add(s.Relations)
		t.ContentFound += s.ContentFound
		t.SpeakerRight += s.SpeakerRight
		t.ExactSpan += s.ExactSpan
		t.RelationsAnySpeaker += s.RelationsAnySpeaker
		t.NamedAttributed += s.NamedAttributed
		t.NamedWrong += s.NamedWrong
	}
	return t
}

// WriteReport prints one line per article with P/R/F1 for entities,
// claims and relations, the total, the quote-attribution measures, and,
// when details is set, what each article missed and got wrong.
func WriteReport(w io.Writer, scores []Score, details bool) {
	sort.Slice(scores, func(i, j int) bool { return scores[i].File < scores[j].File })
	fmt.Fprintf(w, "%-44s  %-17s  %-17s  %-17s\n", "article", "entities P/R/F1", "claims P/R/F1", "relations P/R/F1")
	row := func(name string, e, c, r Counts) {
		fmt.Fprintf(w, "%-44s  %s  %s  %s\n", name, prf(e), prf(c), prf(r))
	}
	for _, s := range scores {
		row(strings.TrimSuffix(filepath.Base(s.File), ".txt"), s.Entities, s.Claims, s.Relations)
	}
	t := Sum(scores)
	row(fmt.Sprintf("TOTAL (%d articles)", t.Articles), t.Entities, t.Claims, t.Relations)
	fmt.Fprintf(w, "counts: entities %d/%d found, %d/%d right; claims %d/%d found, %d/%d right; relations %d/%d found, %d/%d right\n",
		t.Entities.Found, t.Entities.Gold, t.Entities.TPSys, t.Entities.System,
		t.Claims.Found, t.Claims.Gold, t.Claims.TPSys, t.Claims.System,
		t.Relations.Found, t.Relations.Gold, t.Relations.TPSys, t.Relations.System)
	fmt.Fprintf(w, "quote attribution: content found for %d/%d gold claims; speaker right %.2f, exact span %.2f of those\n",
		t.ContentFound, t.Claims.Gold, ratio(t.SpeakerRight, t.ContentFound), ratio(t.ExactSpan, t.ContentFound))
	fmt.Fprintf(w, "wrong speaker: %d of %d claims with a named speaker whose content is a gold claim's (%.1f%%)\n",
		t.NamedWrong, t.NamedAttributed, 100*t.WrongSpeakerRate())
	fmt.Fprintf(w, "relations found when who asserts them is not compared: %d/%d\n", t.RelationsAnySpeaker, t.Relations.Gold)
	if !details {
		return
	}
	for _, s := range scores {
		lists := []struct {
			label string
			items []string
		}{
			{"missed entity", s.MissedEntities}, {"wrong entity", s.WrongEntities},
			{"missed claim", s.MissedClaims}, {"wrong claim", s.WrongClaims}, {"wrong speaker", s.WrongSpeakers},
			{"missed relation", s.MissedRelations}, {"wrong relation", s.WrongRelations},
		}
		header := false
		for _, l := range lists {
			for _, it := range l.items {
				if !header {
					fmt.Fprintf(w, "\n## %s\n", filepath.Base(s.File))
					header = true
				}
				fmt.Fprintf(w, "  %-16s %s\n", l.label, it)
			}
		}
	}
}

func prf(c Counts) string {
	return fmt.Sprintf("%.2f/%.2f/%.2f", c.Precision(), c.Recall(), c.F1())
}

// WriteAttributionReport prints the span-style attribution measures of
// EvaluateAttributions in total (counts added up over the documents) and,
// when details is set, per document, then what each document missed and
// got wrong.
func WriteAttributionReport(w io.Writer, scores []AttributionScore, details bool) {
	sort.Slice(scores, func(i, j int) bool { return scores[i].File < scores[j].File })
	fmt.Fprintf(w, "%-44s  %-9s  %-10s  %-21s  %s\n", "article", "content R", "source acc", "attribution P/R/F1", `"said" R`)
	row := func(name string, s AttributionScore) {
		fmt.Fprintf(w, "%-44s  %-9.2f  %-10.2f  %-21s  %.2f\n", name, s.ContentRecall(), s.SourceAccuracy(), prf(s.Attributions), s.SaidRecall())
	}
	var t AttributionScore
	for _, s := range scores {
		if details {
			row(strings.TrimSuffix(filepath.Base(s.File), ".txt"), s)
		}
		t.Add(s)
	}
	row(fmt.Sprintf("TOTAL (%d articles)", len(scores)), t)
	fmt.Fprintf(w, "counts: gold attributions %d (and %d whose content has no content word, not scored); content found %d; found with the right source %d; system claims %d, right %d; cued by \"said\" %d, found %d\n",
		t.Attributions.Gold, t.Unscored, t.ContentFound, t.Attributions.Found, t.Attributions.System, t.Attributions.TPSys, t.Said, t.SaidFound)
	if !details {
		return
	}
	for _, s := range scores {
		header := false
		line := func(label, text string) {
			if !header {
				fmt.Fprintf(w, "\n## %s\n", filepath.Base(s.File))
				header = true
			}
			fmt.Fprintf(w, "  %-13s %s\n", label, text)
		}
		for _, r := range s.Results {
			switch {
			case !r.ContentFound:
				line("missed", fmt.Sprintf("[%s] %s: %s", r.CueText, sourceLabel(r.SourceText), clip(r.ContentText)))
			case !r.SourceRight:
				line("wrong source", fmt.Sprintf("[%s] gold %s, system %s: %s", r.CueText, sourceLabel(r.SourceText), sourceLabel(r.SystemSource), clip(r.ContentText)))
			}
		}
		for _, it := range s.Wrong {
			line("wrong claim", it)
		}
	}
}
