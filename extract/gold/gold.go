// Package gold reads gold annotations of articles and scores what a
// system extracted from them, the way the project's ANNOTATION conventions
// say: entities by name (folded, against every alias) and type, claims by
// speaker and content-word overlap, relations by subject, predicate,
// object, polarity and who asserts them.
//
// It also scores claims the way quote-attribution research does: of the
// gold claims whose content a system found (regardless of speaker), how
// many got the right speaker, and how many got the exact span.
package gold

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode"

	"github.com/factgraph/kg/extract"
)

// Annotation is one article's gold file.
type Annotation struct {
	File      string     `json:"file"`
	Entities  []Entity   `json:"entities"`
	Claims    []Claim    `json:"claims"`
	Relations []Relation `json:"relations"`
}

// Entity is a gold entity.
type Entity struct {
	Name      string   `json:"name"`
	Type      string   `json:"type"`
	PlaceKind string   `json:"placeKind,omitempty"`
	Aliases   []string `json:"aliases,omitempty"`
	Accept    []string `json:"accept,omitempty"`
	Optional  bool     `json:"optional,omitempty"`
}

// Claim is a gold claim. SpeakerNamed is false for unnamed sources, whose
// Speaker is the phrase in the text.
type Claim struct {
	Speaker      string `json:"speaker"`
	SpeakerNamed *bool  `json:"speaker_named,omitempty"`
	Cue          string `json:"cue"`
	Content      string `json:"content"`
}

// Named reports whether the speaker is a gold entity.
func (c Claim) Named() bool { return c.SpeakerNamed == nil || *c.SpeakerNamed }

// Relation is a gold relation; Speaker is an entity name or the publisher.
type Relation struct {
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Object    string `json:"object"`
	Polarity  bool   `json:"polarity"`
	Speaker   string `json:"speaker"`
}

// Load reads a gold file.
func Load(path string) (Annotation, error) {
	var a Annotation
	raw, err := os.ReadFile(path)
	if err != nil {
		return a, fmt.Errorf("gold %s: %w", path, err)
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return a, fmt.Errorf("gold %s: %w", path, err)
	}
	return a, nil
}

// System is what a system extracted from one article, in plain terms.
type System struct {
	Publisher string
	// PublisherID is the entity standing for the publisher (the speaker
	// of narrative), "" when none.
	PublisherID string
	Entities    []SysEntity
	Claims      []SysClaim
	Relations   []SysRelation
}

// SysEntity is an extracted entity: its names as the article gives them
// (canonical name and surface forms) and type.
type SysEntity struct {
	ID    string
	Names []string
	Type  string
	// Mentioned is false for an entity the text does not name (the
	// publisher added as the speaker of narrative): not scored.
	Mentioned bool
	// Generic marks a description used as an actor ("rebels"): optional
	// by the annotation conventions, so right when it matches gold and
	// not wrong when it does not.
	Generic bool
}

// IsGenericKey reports whether an entity key is a document-local generic
// actor's (see extract's genericActors).
func IsGenericKey(key string) bool { return strings.HasPrefix(key, "local:") }

// SysClaim is an extracted claim. SpeakerID is "" for an unnamed source.
type SysClaim struct {
	Kind        string
	SpeakerID   string
	SpeakerText string
	Text        string
	// Rule and Confidence are what the extractor gave; Evaluate judges
	// each claim right or wrong under them (Score.Judged).
	Rule       string
	Confidence float64
}

// SysRelation is an extracted relation; SpeakerID is who asserts it: the
// speaker of its claim, or the publisher where that source is unnamed (the
// annotation conventions).
type SysRelation struct {
	SubjectID, Predicate, ObjectID string
	Polarity                       bool
	SpeakerID                      string
	Rule                           string
	Confidence                     float64
}

// FromResult turns an extraction result into a System.
func FromResult(r extract.Result, publisher string) System {
	s := System{Publisher: publisher}
	if r.Publisher >= 0 {
		s.PublisherID = fmt.Sprint(r.Publisher)
	}
	id := func(i int) string {
		if i < 0 {
			return ""
		}
		return fmt.Sprint(i)
	}
	for _, e := range r.Entities {
		names := []string{e.Name}
		for _, m := range e.Mentions {
			names = append(names, m.Text)
		}
		s.Entities = append(s.Entities, SysEntity{ID: id(len(s.Entities)), Names: names, Type: string(e.Type), Mentioned: len(e.Mentions) > 0, Generic: IsGenericKey(e.Key)})
	}
	for _, c := range r.Claims {
		s.Claims = append(s.Claims, SysClaim{Kind: string(c.Kind), SpeakerID: id(c.Speaker), SpeakerText: c.SpeakerText, Text: c.Text, Rule: c.Rule, Confidence: c.Confidence})
	}
	for _, rel := range r.Relations {
		speaker := r.Claims[rel.Claim].Speaker
		if speaker < 0 {
			speaker = r.Publisher // an unnamed source's relation is the publisher's
		}
		s.Relations = append(s.Relations, SysRelation{SubjectID: id(rel.Subject), Predicate: string(rel.Predicate), ObjectID: id(rel.Object), Polarity: rel.Polarity, SpeakerID: id(speaker), Rule: rel.Rule, Confidence: rel.Confidence})
	}
	return s
}

// Counts are true positives, system items and gold items; precision is
// TP/System (TPSys counts system items judged right, which may differ from
// gold items found when several match one), recall is Found/Gold.
type Counts struct {
	TPSys  int `json:"tpSystem"`
	System int `json:"system"`
	Found  int `json:"found"`
	Gold   int `json:"gold"`
}

// Add sums counts.
func (c *Counts) Add(o Counts) {
	c.TPSys += o.TPSys
	c.System += o.System
	c.Found += o.Found
	c.Gold += o.Gold
}

// Precision is the share of system items that are right.
func (c Counts) Precision() float64 { return ratio(c.TPSys, c.System) }

// Recall is the share of gold items found.
func (c Counts) Recall() float64 { return ratio(c.Found, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Score is one article's evaluation.
type Score struct {
	File      string
	Entities  Counts
	Claims    Counts
	Relations Counts
	// RelationsAnySpeaker counts gold relations found when who asserts
	// them is not compared: how much of the relation gap is attribution.
	RelationsAnySpeaker int
	// Quote-attribution measures over gold claims whose content the system
	// found with any speaker (ContentFound): SpeakerRight of them had the
	// right speaker, ExactSpan the exact content span.
	ContentFound, SpeakerRight, ExactSpan int
	// NamedAttributed counts the system's claims with a named speaker
	// whose content is a gold claim's (50% of its content words lie in
	// one gold claim); NamedWrong those whose speaker is none of those
	// gold claims' speakers: a quote given to the wrong person, the error
	// a fact-checker can least afford.
	NamedAttributed, NamedWrong int
	WrongSpeakers               []string
	// Judged is every scored claim and relation of the system with its
	// rule, confidence and verdict: what calibration and reliability
	// tables are made of (calibrate.go).
	Judged []Judgement
	// What went wrong, for people to read.
	MissedEntities, WrongEntities   []string
	MissedClaims, WrongClaims       []string
	MissedRelations, WrongRelations []string
}

// Evaluate scores a system's output for one article against its gold.
func Evaluate(g Annotation, sys System) Score {
	sc := Score{File: g.File}
	// entity matching: system entity → gold entity index (or -1)
	sysToGold := map[string]int{}
	goldFound := make([]bool, len(g.Entities))
	for _, e := range sys.Entities {
		gi := matchEntity(g.Entities, e)
		sysToGold[e.ID] = gi
		if !e.Mentioned {
			continue
		}
		switch {
		case gi >= 0 && g.Entities[gi].Optional, gi < 0 && e.Generic:
			// neither right nor wrong
		case gi >= 0:
			sc.Entities.System++
			sc.Entities.TPSys++
			goldFound[gi] = true
		default:
			sc.Entities.System++
			sc.WrongEntities = append(sc.WrongEntities, fmt.Sprintf("%s (%s)", e.Names[0], e.Type))
		}
	}
	for gi, e := range g.Entities {
		if e.Optional {
			continue
		}
		sc.Entities.Gold++
		if goldFound[gi] {
			sc.Entities.Found++
		} else {
			sc.MissedEntities = append(sc.MissedEntities, fmt.Sprintf("%s (%s)", e.Name, e.Type))
		}
	}
	goldIndex := func(name string) int {
		for gi, e := range g.Entities {
			if nameMatches(e, name) {
				return gi
			}
		}
		return -1
	}
	// the speaker a system id stands for, as a gold entity index; the
	// publisher as -2.
	speakerGold := func(id string) int {
		if id == "" {
			return -1
		}
		if gi, ok := sysToGold[id]; ok && gi >= 0 {
			return gi
		}
		if id == sys.PublisherID {
			return -2
		}
		for _, e := range sys.Entities {
			if e.ID == id {
				for _, n := range e.Names {
					if sys.Publisher != "" && norm(n) == norm(sys.Publisher) {
						return -2
					}
				}
			}
		}
		return -3
	}
	// claims
	type sysC struct {
		SysClaim
		speaker int // gold entity index, -1 unnamed, -3 unmatched entity
		words   map[string]bool
	}
	var scs []sysC
	for _, c := range sys.Claims {
		if c.Kind == string(extract.Narrative) {
			continue
		}
		scs = append(scs, sysC{SysClaim: c, speaker: speakerGold(c.SpeakerID), words: contentWords(c.Text)})
	}
	speakerOK := func(gc Claim, c sysC) bool {
		if gc.Named() {
			gi := goldIndex(gc.Speaker)
			return gi >= 0 && c.speaker == gi
		}
		if c.SpeakerID != "" {
			return false
		}
		return phraseMatches(gc.Speaker, c.SpeakerText)
	}
	for _, gc := range g.Claims {
		sc.Claims.Gold++
		gw := contentWords(gc.Content)
		found, content, exact := false, false, false
		for _, c := range scs {
			if coverage(gw, c.words) < 0.6 {
				continue
			}
			content = true
			if speakerOK(gc, c) {
				found = true
				if trimPunct(c.Text) == trimPunct(gc.Content) {
					exact = true
				}
			}
		}
		if content {
			sc.ContentFound++
		}
		if found {
			sc.Claims.Found++
			sc.SpeakerRight++
			if exact {
				sc.ExactSpan++
			}
		} else {
			sc.MissedClaims = append(sc.MissedClaims, fmt.Sprintf("%s: %s", gc.Speaker, clip(gc.Content)))
		}
	}
	for _, c := range scs {
		if c.SpeakerID == "" || len(c.words) == 0 {
			continue
		}
		matched, right := false, false
		var want []string
		for _, gc := range g.Claims {
			if coverage(c.words, contentWords(gc.Content)) < 0.5 {
				continue
			}
			matched = true
			want = append(want, gc.Speaker)
			right = right || speakerOK(gc, c)
		}
		if !matched {
			continue
		}
		sc.NamedAttributed++
		if !right {
			sc.NamedWrong++
			sc.WrongSpeakers = append(sc.WrongSpeakers, fmt.Sprintf("%s, gold %s: %s", c.SpeakerText, strings.Join(want, " / "), clip(c.Text)))
		}
	}
	for _, c := range scs {
		sc.Claims.System++
		union := map[string]bool{}
		for _, gc := range g.Claims {
			if speakerOK(gc, c) {
				for w := range contentWords(gc.Content) {
					union[w] = true
				}
			}
		}
		right := len(c.words) > 0 && coverage(c.words, union) >= 0.5
		sc.Judged = append(sc.Judged, Judgement{Item: ClaimItem, Rule: c.Rule, Confidence: c.Confidence, Right: right})
		if right {
			sc.Claims.TPSys++
		} else {
			who := c.SpeakerText
			sc.WrongClaims = append(sc.WrongClaims, fmt.Sprintf("%s: %s", who, clip(c.Text)))
		}
	}
	// relations
	relSpeakerOK := func(gr Relation, id string) bool {
		sg := speakerGold(id)
		if gi := goldIndex(gr.Speaker); gi >= 0 {
			return sg == gi
		}
		// the publisher
		return sg == -2 || sys.Publisher != "" && norm(gr.Speaker) == norm(sys.Publisher) && sg == -2
	}
	relMatchesAny := func(gr Relation, r SysRelation) bool {
		if gr.Predicate != r.Predicate || gr.Polarity != r.Polarity {
			return false
		}
		gs, gob := goldIndex(gr.Subject), goldIndex(gr.Object)
		s, o := sysToGold[r.SubjectID], sysToGold[r.ObjectID]
		if gs < 0 || gob < 0 {
			return false
		}
		return s == gs && o == gob || symmetric(gr.Predicate) && s == gob && o == gs
	}
	relMatches := func(gr Relation, r SysRelation) bool {
		return relMatchesAny(gr, r) && relSpeakerOK(gr, r.SpeakerID)
	}

	anySys := func(gr Relation, match func(Relation, SysRelation) bool) bool {
		for _, r := range sys.Relations {
			if match(gr, r) {
				return true
			}
		}
		return false
	}
	for _, gr := range g.Relations {
		sc.Relations.Gold++
		if anySys(gr, relMatchesAny) {
			sc.RelationsAnySpeaker++
		}
		if anySys(gr, relMatches) {
			sc.Relations.Found++
		} else {
			sc.MissedRelations = append(sc.MissedRelations, fmt.Sprintf("%s %s %s %v (%s)", gr.Subject, gr.Predicate, gr.Object, gr.Polarity, gr.Speaker))
		}
	}
	names := func(id string) string {
		for _, e := range sys.Entities {
			if e.ID == id {
				return e.Names[0]
			}
		}
		return "?"
	}
	for _, r := range sys.Relations {
		sc.Relations.System++
		ok := false
		for _, gr := range g.Relations {
			if relMatches(gr, r) {
				ok = true
				break
			}
		}
		sc.Judged = append(sc.Judged, Judgement{Item: RelationItem, Rule: r.Rule, Confidence: r.Confidence, Right: ok})
		if ok {
			sc.Relations.TPSys++
		} else {
			sc.WrongRelations = append(sc.WrongRelations, fmt.Sprintf("%s %s %s %v (%s)", names(r.SubjectID), r.Predicate, names(r.ObjectID), r.Polarity, names(r.SpeakerID)))
		}
	}
	return sc
}

// symmetric predicates match in either direction.
func symmetric(p string) bool { return p == string(extract.Fights) || p == string(extract.AlliedWith) }

// matchEntity finds the gold entity a system entity stands for: a name of
// one equals a name or alias of the other after folding, and the types fit.
func matchEntity(gold []Entity, e SysEntity) int {
	best := -1
	for gi, g := range gold {
		if !typeAccepted(g, e.Type) {
			continue
		}
		for _, n := range e.Names {
			if nameMatches(g, n) {
				if best < 0 || gold[best].Optional && !g.Optional {
					best = gi
				}
				break
			}
		}
	}
	return best
}

func typeAccepted(g Entity, t string) bool {
	if g.Type == t {
		return true
	}
	for _, a := range g.Accept {
		if a == t {
			return true
		}
	}
	return false
}

func nameMatches(g Entity, name string) bool {
	n := norm(name)
	if n == "" {
		return false
	}
	if norm(g.Name) == n {
		return true
	}
	for _, a := range g.Aliases {
		if norm(a) == n {
			return true
		}
	}
	return false
}

// norm folds a name for matching: extract.Fold, with a leading English
// article dropped ("the regime" = "regime").
func norm(name string) string {
	name = strings.TrimSpace(name)
	if l := strings.ToLower(name); strings.HasPrefix(l, "the ") {
		name = name[4:]
	}
	return extract.Fold(name)
}

// phraseMatches compares an unnamed source's words: equal after folding,
// or one holds the other's content words.
func phraseMatches(gold, sys string) bool {
	if norm(gold) == norm(sys) {
		return true
	}
	gw, sw := contentWords(gold), contentWords(sys)
	return len(gw) > 0 && coverage(gw, sw) >= 0.5
}

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the of to in on at for from by with and or but is are was were be been being
		that this these those it its as into than then there their they them he she his her we our you your i
		has have had do does did not no will would can could should may might must also which who whom what
		when where while about after before over under between against up down out so if all any some such`) {
		m[w] = true
	}
	return m
}()

// contentWords are the lower-cased words of s minus stopwords.
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), notWordRune) {
		if !stopwords[w] {
			out[w] = true
		}
	}
	return out
}

// notWordRune separates words: anything but a letter or a digit.
func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// coverage is the share of a's words that are in b.
func coverage(a, b map[string]bool) float64 {
	if len(a) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

func trimPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

func clip(s string) string {
	if r := []rune(s); len(r) > 90 {
		return string(r[:90]) + "…"
	}
	return s
}
