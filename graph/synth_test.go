package graph

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/factgraph/kg/extract"
)

// synth generates realistic-sized documents for the benchmarks: about 3 kB
// of text in sentences of Zipf-distributed made-up words, ~15 entities
// (most from a shared pool with Zipf popularity, a few new per document),
// ~25 mentions, ~12 claims and ~4 relations.
type synth struct {
	rng      *rand.Rand
	words    []string
	wordZipf *rand.Zipf
	pool     []synthEntity
	poolZipf *rand.Zipf
	n        int // documents generated
}

type synthEntity struct {
	key, name string
	typ       extract.EntityType
	aliases   []string
}

var syllables = strings.Fields("ba ri to ka ne mo sa li du fe ha ju ko lu ma na pe qa ra si ta vu wa ye za al ar en in on or um")

func newSynth(seed uint64) *synth {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &synth{rng: rng}
	seen := map[string]bool{}
	for len(g.words) < 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(4) {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			g.words = append(g.words, w)
		}
	}
	g.wordZipf = rand.NewZipf(rng, 1.07, 2, uint64(len(g.words)-1))
	types := []extract.EntityType{extract.ArmedGroup, extract.Person, extract.Organization, extract.Place}
	for i := range 3000 {
		e := synthEntity{key: fmt.Sprintf("gaz:%d", i), name: g.name(2), typ: types[i%4]}
		for range rng.IntN(3) {
			e.aliases = append(e.aliases, g.name(1+rng.IntN(3)))
		}
		g.pool = append(g.pool, e)
	}
	g.poolZipf = rand.NewZipf(rng, 1.2, 4, uint64(len(g.pool)-1))
	return g
}

func (g *synth) name(words int) string {
	parts := make([]string, words)
	for i := range parts {
		w := g.words[g.rng.IntN(len(g.words))]
		parts[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(parts, " ")
}

func (g *synth) word() string { return g.words[g.wordZipf.Uint64()] }

// doc generates the next document.
func (g *synth) doc() IngestInput {
	g.n++
	rng := g.rng
	// The document's entities: 12 from the pool, 3 new people.
	var ents []synthEntity
	seen := map[string]bool{}
	for len(ents) < 12 {
		e := g.pool[g.poolZipf.Uint64()]
		if !seen[e.key] {
			seen[e.key] = true
			ents = append(ents, e)
		}
	}
	for i := range 3 {
		name := g.name(2)
		ents = append(ents, synthEntity{key: fmt.Sprintf("PERSON:%d-%d", g.n, i), name: name, typ: extract.Person})
	}
	res := extract.Result{Publisher: 0, Entities: make([]extract.Entity, len(ents))}
	for i, e := range ents {
		res.Entities[i] = extract.Entity{Key: e.key, Name: e.name, Type: e.typ, Aliases: e.aliases, Rule: "gazetteer", Confidence: 0.9}
	}

	var text strings.Builder
	pos := 0 // in code points
	write := func(s string) extract.Span {
		start := pos
		text.WriteString(s)
		pos += utf8.RuneCountInString(s)
		return extract.Span{Start: start, End: pos}
	}
	mention := func(i int) extract.Span {
		e := ents[i]
		surface := e.name
		if len(e.aliases) > 0 && rng.IntN(3) == 0 {
			surface = e.aliases[rng.IntN(len(e.aliases))]
		}
		sp := write(surface)
		res.Entities[i].Mentions = append(res.Entities[i].Mentions, extract.Mention{Span: sp, Text: surface, Rule: "gazetteer"})
		return sp
	}
	words := func(n int) {
		for j := range n {
			if j > 0 {
				write(" ")
			}
			write(g.word())
		}
	}
	write(g.name(4) + "\n\n")
	mentions := 0
	for si := 0; si < 20; si++ {
		sentStart := pos
		claim := si%5 != 4 && len(res.Claims) < 12 // 16 of 20 sentences hold a claim; 12 kept
		quote := claim && si%3 == 0
		var content extract.Span
		var about []int
		if quote {
			write("“")
		}
		cStart := pos
		words(3 + rng.IntN(5))
		for range 1 + rng.IntN(2) {
			if mentions < 22 {
				write(" ")
				i := rng.IntN(len(ents))
				mention(i)
				about = append(about, i)
				mentions++
			}
			write(" ")
			words(3 + rng.IntN(5))
		}
		content = extract.Span{Start: cStart, End: pos}
		if quote {
			write(",” ")
		} else {
			write(", ")
		}
		speaker := extract.NoEntity
		var speakerSpan extract.Span
		var speakerText string
		if rng.IntN(4) > 0 {
			speaker = 1 + rng.IntN(len(ents)-1)
			speakerSpan = mention(speaker)
			speakerText = ents[speaker].name
			mentions++
		} else {
			speakerSpan = write("local sources")
			speakerText = "local sources"
		}
		cue := write(" said")
		write(".")
		sentence := extract.Sentence{Span: extract.Span{Start: sentStart, End: pos}, Paragraph: si / 4}
		res.Sentences = append(res.Sentences, sentence)
		if claim {
			kind := extract.Indirect
			if quote {
				kind = extract.DirectQuote
			}
			cueSpan := extract.Span{Start: cue.Start + 1, End: cue.End}
			res.Claims = append(res.Claims, extract.Claim{Kind: kind, Span: content, Cue: "said", CueSpan: cueSpan,
				Speaker: speaker, SpeakerText: speakerText, SpeakerSpan: speakerSpan, Sentence: len(res.Sentences) - 1,
				About: about, Rule: "said-after", Confidence: 0.8})
			if len(about) >= 1 && len(res.Relations) < 4 && si%3 != 2 {
				res.Relations = append(res.Relations, extract.Relation{Subject: about[0], Predicate: extract.Fights,
					Object: (about[0] + 1) % len(ents), Polarity: true, Claim: len(res.Claims) - 1, Span: cueSpan, Rule: "fights", Confidence: 0.6})
			}
		}
		if si%4 == 3 {
			write("\n\n")
		} else {
			write(" ")
		}
	}
	// Fill in sentence and claim texts.
	body := text.String()
	runes := []rune(body)
	for i := range res.Sentences {
		s := &res.Sentences[i]
		s.Text = string(runes[s.Start:s.End])
	}
	for i := range res.Claims {
		c := &res.Claims[i]
		c.Text = string(runes[c.Start:c.End])
	}
	return IngestInput{
		Meta: DocumentMeta{URL: fmt.Sprintf("https://news.example/%d/%s", g.n, g.word()), Title: g.name(5),
			Publisher: ents[0].name, PublishedAt: "2015-03-01", Metadata: map[string]string{"kind": "report"}},
		Text:   body,
		Result: res,
	}
}
