package extract

import (
	"strconv"
	"strings"
)

// FigureKind is what a number in a claim counts.
type FigureKind string

const (
	Killed    FigureKind = "KILLED"
	Wounded   FigureKind = "WOUNDED"
	Displaced FigureKind = "DISPLACED"
	Detained  FigureKind = "DETAINED"
	Missing   FigureKind = "MISSING"
)

// Figure is a count of people a claim gives: "more than 130,000 ... have
// fled", "634 have been killed", "five troops were killed".
type Figure struct {
	// Span is the number (with its qualifier) in the text given to Figures.
	Span
	Text  string     `json:"text"`
	Value int64      `json:"value"`
	Kind  FigureKind `json:"kind"`
	// Qualifier is how the text bounds the number: "more than", "at least",
	// "about", "up to", "nearly"; "" when it gives it as exact.
	Qualifier string `json:"qualifier,omitempty"`
}

// figureWords tell what a number counts when they stand near it.
var figureWords = map[string]FigureKind{
	"killed": Killed, "dead": Killed, "died": Killed, "deaths": Killed, "death": Killed, "killing": Killed,
	"lives": Killed, "bodies": Killed, "fatalities": Killed, "executed": Killed, "massacred": Killed,
	"wounded": Wounded, "injured": Wounded, "injuries": Wounded, "injuring": Wounded, "wounding": Wounded, "hurt": Wounded,
	"displaced": Displaced, "fled": Displaced, "refugees": Displaced, "homeless": Displaced, "evacuated": Displaced,
	"uprooted": Displaced, "flee": Displaced, "fleeing": Displaced, "displacement": Displaced,
	"arrested": Detained, "detained": Detained, "detainees": Detained, "kidnapped": Detained, "abducted": Detained,
	"captured": Detained, "prisoners": Detained, "hostages": Detained,
	"missing": Missing, "disappeared": Missing,
}

var numberWords = map[string]int64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"hundred": 100,
}

var scaleWords = map[string]int64{"hundred": 100, "thousand": 1_000, "million": 1_000_000}

var qualifiers = []string{"more than", "over", "at least", "about", "around", "nearly", "almost",
	"up to", "as many as", "some", "roughly", "approximately", "less than", "fewer than", "dozens of"}

// Figures finds the counts of people killed, wounded, displaced, detained
// or missing that text gives. A number counts only with one of those words
// within a few words of it; years, dates and other numbers are left out.
// Spans count code points of text.
func Figures(text string) []Figure {
	d := newDoc(text)
	return figuresIn(d, 0, len(d.tokens), nil)
}

// figuresIn finds the figures of the tokens d.tokens[from:to] (whose
// lower case is set), as Figures does for a text of those tokens alone:
// no word outside them counts. Spans are d's; out is appended to.
func figuresIn(d *doc, from, to int, out []Figure) []Figure {
	toks := d.tokens[from:to]
	for i := 0; i < len(toks); i++ {
		value, end, ok := numberAt(toks, i)
		if !ok {
			continue
		}
		if end < len(toks) && (notCount[toks[end].lower] || toks[i].lower == "one" && toks[end].lower == "of") ||
			end+1 < len(toks) && toks[end].lower == "per" && toks[end+1].lower == "cent" {
			i = end - 1 // "75 percent", "three times", "one of its schools": not people
			continue
		}
		kind, found := FigureKind(""), false
		if i > 0 && strings.HasSuffix(toks[i-1].lower, "ing") {
			// "killing nine displaced people": the participle before
			// the number says what it counts
			kind, found = figureWords[toks[i-1].lower]
		}
		// the word may follow an apposition: "93 people, among them 27
		// civilians, have been killed"
		for j := end; j < len(toks) && j < end+12 && !found; j++ {
			if toks[j].text == "." || toks[j].text == ";" {
				break
			}
			kind, found = figureWords[toks[j].lower]
		}
		for j := i - 1; j >= 0 && j >= i-3 && !found; j-- {
			kind, found = figureWords[toks[j].lower]
		}
		if !found {
			i = end - 1
			continue
		}
		start, qual := i, ""
		for _, q := range qualifiers {
			n := strings.Count(q, " ") + 1
			if i-n < 0 {
				continue
			}
			words := make([]string, 0, n)
			for k := i - n; k < i; k++ {
				words = append(words, toks[k].lower)
			}
			if strings.Join(words, " ") == q {
				start, qual = i-n, q
				break
			}
		}
		sp := Span{toks[start].Start, toks[end-1].End}
		out = append(out, Figure{Span: sp, Text: d.slice(sp), Value: value, Kind: kind, Qualifier: qual})
		i = end - 1
	}
	return out
}

// notCount are the words after a number that make it something other
// than a count of people: a share ("75 percent", "75 %"), a repetition
// ("fled three times"), a duration ("killed in ten days") or a distance.
var notCount = map[string]bool{"percent": true, "%": true, "times": true, "pct": true,
	"days": true, "hours": true, "weeks": true, "months": true, "years": true, "km": true, "kilometres": true, "kilometers": true, "miles": true}

// numberAt reads a count at token i: digits ("130,000", "2.5 million") or
// words ("five", "three hundred"). Years (a four-digit number from 1900 to
// 2100 without a comma) are not counts.
func numberAt(toks []token, i int) (value int64, end int, ok bool) {
	t := toks[i]
	switch {
	case t.kind == numberToken:
		digits := strings.ReplaceAll(t.text, ",", "")
		if strings.ContainsAny(digits, "abcdefghijklmnopqrstuvwxyz") {
			return 0, 0, false // 24-hour, 2nd
		}
		if !strings.Contains(t.text, ",") && len(digits) == 4 && digits >= "1900" && digits <= "2100" {
			return 0, 0, false
		}
		f, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			return 0, 0, false
		}
		end = i + 1
		if end < len(toks) {
			if s, ok := scaleWords[toks[end].lower]; ok {
				f *= float64(s)
				end++
			}
		}
		return int64(f), end, true
	case t.kind == wordToken:
		v, ok := numberWords[t.lower]
		if !ok || t.lower == "hundred" {
			return 0, 0, false
		}
		end = i + 1
		if end < len(toks) {
			if s, ok := scaleWords[toks[end].lower]; ok {
				v *= s
				end++
			}
		}
		return v, end, true
	}
	return 0, 0, false
}
