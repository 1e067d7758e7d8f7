package gold

import (
	"fmt"
	"strings"

	"github.com/factgraph/kg/extract"
)

// AttributionScore is one document's span-style attribution score, the
// way attribution corpora (PolNeAR, PARC) are annotated: each gold
// attribution is a source, a cue and a content span, and there is no
// list of entities to resolve sources against. Words are compared as
// the rest of this package compares them (contentWords: lower case,
// punctuation stripped, stopwords left out).
//
//   - A gold attribution's content is FOUND when one system claim holds
//     at least 60% of its content words. NARRATIVE claims are not
//     compared: the publisher's own voice is not an attribution, and
//     attribution corpora do not annotate it.
//   - Its source is RIGHT, for such a claim, when the claim's source
//     words (its speakerText and every name of its speaker entity in the
//     document) share a word of two letters or more with the gold source
//     span. A gold source that is a pronoun ("he", "they", "we", "who")
//     accepts any claim that gives a source at all (a speaker entity or
//     a speakerText): resolving pronouns is not what this measures. A
//     gold attribution without a source ("it is expected that ...")
//     accepts a claim without a speaker entity.
//   - A gold attribution is found (attribution recall) when one claim
//     holds its content and has the right source.
//   - A system claim is right (attribution precision) when at least 50%
//     of its content words lie in the content of one gold attribution
//     and its source is right for that attribution.
//
// Gold attributions whose content has no content words ("it", "so")
// cannot be found by words and are counted apart (Unscored).
type AttributionScore struct {
	File string
	// Attributions: Gold gold attributions scored, Found of them found
	// with the right source; System claims compared, TPSys of them right.
	Attributions Counts
	// ContentFound gold attributions had their content found, whatever
	// the source; Found of them had the right one.
	ContentFound int
	// Said counts the gold attributions cued by plain "said", SaidFound
	// of them found with the right source.
	Said, SaidFound int
	Unscored        int
	// Results gives each scored gold attribution's outcome, in the gold's
	// order; Wrong describes the system claims judged wrong.
	Results []AttributionResult
	Wrong   []string
}

// AttributionResult is how one gold attribution fared.
type AttributionResult struct {
	Attribution
	ContentFound, SourceRight bool
	// Claim indexes System.Claims: the claim that holds the content (with
	// the right source when one does), -1 when none; SystemSource is its
	// source as the report shows it (speakerText, else its speaker's name).
	Claim        int
	SystemSource string
}

// ContentRecall is the share of gold attributions whose content was found.
func (s AttributionScore) ContentRecall() float64 {
	return ratio(s.ContentFound, s.Attributions.Gold)
}

// SourceAccuracy is the share of found contents whose source is right.
func (s AttributionScore) SourceAccuracy() float64 {
	return ratio(s.Attributions.Found, s.ContentFound)
}

// SaidRecall is attribution recall over the attributions cued by "said".
func (s AttributionScore) SaidRecall() float64 { return ratio(s.SaidFound, s.Said) }

// Add sums scores (micro-averaging: counts are added, ratios taken after).
func (s *AttributionScore) Add(o AttributionScore) {
	s.Attributions.Add(o.Attributions)
	s.ContentFound += o.ContentFound
	s.Said += o.Said
	s.SaidFound += o.SaidFound
	s.Unscored += o.Unscored
}

// SaidCue reports whether a cue is plain "said" (case and surrounding
// punctuation aside).
func SaidCue(cue string) bool { return strings.ToLower(trimPunct(cue)) == "said" }

// pronouns stand for a source named elsewhere.
var pronouns = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`i me my we us our you your he him his she her they them their it its
		who whom whose which that this these those one himself herself themselves itself ourselves myself`) {
		m[w] = true
	}
	return m
}()

// IsPronoun reports whether a source span is a pronoun: every word of it
// (lower case, punctuation stripped) is one.
func IsPronoun(source string) bool {
	words := strings.FieldsFunc(strings.ToLower(source), notWordRune)
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		if !pronouns[w] {
			return false
		}
	}
	return true
}

// EvaluateAttributions scores a system's claims for one BRAT document
// against its gold attributions, as AttributionScore describes.
func EvaluateAttributions(doc BratDoc, sys System) AttributionScore {
	sc := AttributionScore{File: doc.File}
	names := map[string][]string{}
	for _, e := range sys.Entities {
		names[e.ID] = e.Names
	}
	type sysC struct {
		i       int
		words   map[string]bool
		source  map[string]bool
		gives   bool // the claim gives a source at all
		speaker bool // the source is an entity
	}
	var scs []sysC
	for i, c := range sys.Claims {
		if c.Kind == string(extract.Narrative) {
			continue
		}
		src := contentWords(c.SpeakerText)
		for _, n := range names[c.SpeakerID] {
			for w := range contentWords(n) {
				src[w] = true
			}
		}
		scs = append(scs, sysC{i: i, words: contentWords(c.Text), source: src,
			gives: c.SpeakerID != "" || strings.TrimSpace(c.SpeakerText) != "", speaker: c.SpeakerID != ""})
	}
	type goldA struct {
		Attribution
		words, source map[string]bool
		pronoun       bool
	}
	var golds []goldA
	for _, a := range doc.Attributions {
		g := goldA{Attribution: a, words: contentWords(a.ContentText), source: contentWords(a.SourceText), pronoun: IsPronoun(a.SourceText)}
		if len(g.words) == 0 {
			sc.Unscored++
			continue
		}
		golds = append(golds, g)
	}
	sourceOK := func(g goldA, c sysC) bool {
		switch {
		case strings.TrimSpace(g.SourceText) == "":
			return !c.speaker
		case g.pronoun:
			return c.gives
		}
		for w := range g.source {
			if len([]rune(w)) > 1 && c.source[w] {
				return true
			}
		}
		return false
	}
	for _, g := range golds {
		r := AttributionResult{Attribution: g.Attribution, Claim: -1}
		for _, c := range scs {
			if coverage(g.words, c.words) < 0.6 {
				continue
			}
			if !r.ContentFound {
				r.ContentFound, r.Claim = true, c.i
			}
			if sourceOK(g, c) {
				r.SourceRight, r.Claim = true, c.i
				break
			}
		}
		if r.Claim >= 0 {
			cl := sys.Claims[r.Claim]
			r.SystemSource = cl.SpeakerText
			if n := names[cl.SpeakerID]; strings.TrimSpace(r.SystemSource) == "" && len(n) > 0 {
				r.SystemSource = n[0]
			}
		}
		sc.Attributions.Gold++
		said := SaidCue(g.CueText)
		if said {
			sc.Said++
		}
		if r.ContentFound {
			sc.ContentFound++
		}
		if r.SourceRight {
			sc.Attributions.Found++
			if said {
				sc.SaidFound++
			}
		}
		sc.Results = append(sc.Results, r)
	}
	for _, c := range scs {
		sc.Attributions.System++
		right := false
		for _, g := range golds {
			if len(c.words) > 0 && coverage(c.words, g.words) >= 0.5 && sourceOK(g, c) {
				right = true
				break
			}
		}
		if right {
			sc.Attributions.TPSys++
		} else {
			cl := sys.Claims[c.i]
			sc.Wrong = append(sc.Wrong, fmt.Sprintf("%s %s: %s", cl.Kind, sourceLabel(cl.SpeakerText), clip(cl.Text)))
		}
	}
	return sc
}

func sourceLabel(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(no source)"
	}
	return s
}
