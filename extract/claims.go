package extract

import (
	"slices"
	"strings"
	"unicode"
)

// speakerRef is who a claim is attributed to: an entity, or an unnamed
// source given by the words that name it.
type speakerRef struct {
	entity int // index into entities, or NoEntity
	text   string
	span   Span
	valid  bool
}

// claimFinder runs the claim rules over one document.
type claimFinder struct {
	x      *Extractor
	d      *doc
	a      Article
	ents   []Entity
	tokEnt []int
	quotes []Span // quotation spans (inside the marks), in text order
	// quoteMask[p] reports whether rune p is inside a quotation; built on
	// first use.
	quoteMask []bool
	claims    []Claim
	// claimed marks sentences that already carry an attributed claim.
	claimed []bool
	// last is the speaker of the latest attributed claim, lastSentence the
	// sentence it was in (for quotes continuing without a new cue).
	last         speakerRef
	lastSentence int
	interview    *interview
	titleLine    int // line index of the headline in the body, or -1
	// lineLabel is the speaker a label named at the start of line
	// lineLabelOf ("NAME: ..."), for the line's later sentences.
	lineLabel   speakerRef
	lineLabelOf int
	// at is the sentence the claim rules look at (attributed): kept here
	// so that the calls through the rule table do not allocate it
	at attribution
}

// interview describes a Q&A piece.
type interview struct {
	interviewee speakerRef
	interviewer int            // entity index or NoEntity
	questions   map[int]bool   // sentence index → is a question
	answers     map[int]bool   // sentence index → is (part of) an answer
	questionOf  map[int]int    // answer sentence → its question's first sentence
	firstQ      int            // first question sentence
	lineKind    map[int]string // line → "q" or "a"
	// searched is set once findInterviewee has looked: the introduction's
	// claims are all made before the first answer, so its answer stands.
	searched bool
	// labelled is the person the latest transcript label named
	// (speakerLabel), for the answers to labelledQuestion.
	labelled         speakerRef
	labelledQuestion int
}

// ---- quotes ----

// findQuotes returns the spans inside quotation marks, line by line: curly
// double quotes, straight double quotes, and single quotes that open after
// a space and close before a space or punctuation. A quote left open at
// the end of a line runs to the line's end (wire style for quotes that go
// on into the next paragraph).
func findQuotes(runes []rune) []Span {
	var out []Span
	n := len(runes)
	lineStart := 0
	for lineStart < n {
		lineEnd := lineStart
		for lineEnd < n && runes[lineEnd] != '\n' {
			lineEnd++
		}
		out = append(out, lineQuotes(runes, lineStart, lineEnd)...)
		lineStart = lineEnd + 1
	}
	return out
}

func lineQuotes(runes []rune, start, end int) []Span {
	var out []Span
	open := -1
	var openMark rune
	hasDouble := false
	for i := start; i < end; i++ {
		if runes[i] == '“' || runes[i] == '"' || runes[i] == '”' {
			hasDouble = true
			break
		}
	}
	for i := start; i < end; i++ {
		r := runes[i]
		switch r {
		case '“', '”', '"', '‘', '’', '\'':
		default:
			continue
		}
		prevSpace := i == start || unicode.IsSpace(runes[i-1]) || strings.ContainsRune("([—–-:", runes[i-1])
		nextEnd := i+1 >= end || unicode.IsSpace(runes[i+1]) || unicode.IsPunct(runes[i+1])
		switch {
		case open < 0 && (r == '“' || r == '"' && prevSpace):
			open, openMark = i+1, r
		case open < 0 && !hasDouble && (r == '‘' || r == '\'') && prevSpace && i+1 < end && unicode.IsLetter(runes[i+1]):
			open, openMark = i+1, r
		case open >= 0 && (openMark == '“' && r == '”' || openMark == '"' && r == '"' || (openMark == '‘' || openMark == '\'') && (r == '’' || r == '\'') && nextEnd && !(i+1 < end && runes[i+1] == 's')):
			if i > open {
				out = append(out, Span{open, i})
			}
			open = -1
		case open < 0 && r == '”':
			// a closing mark without an opening one: the quote began on an
			// earlier line; ignore.
		}
	}
	if open >= 0 && (openMark == '“' || openMark == '"') && end > open {
		out = append(out, Span{open, end})
	}
	return out
}

// quotesIn returns the quote spans overlapping [s.Start, s.End), clipped.
func (cf *claimFinder) quotesIn(sp Span) []Span {
	var out []Span
	for _, q := range cf.quotes {
		if q.End <= sp.Start || q.Start >= sp.End {
			continue
		}
		c := Span{max(q.Start, sp.Start), min(q.End, sp.End)}
		if c.Start < c.End {
			out = append(out, c)
		}
	}
	return out
}

func (cf *claimFinder) inQuote(pos int) bool {
	if cf.quoteMask == nil {
		cf.quoteMask = reuse(&cf.d.buffers.quoteMask, len(cf.d.runes)+1)
		for _, q := range cf.quotes {
			for p := q.Start; p < q.End; p++ {
				cf.quoteMask[p] = true
			}
		}
	}
	return pos >= 0 && pos < len(cf.quoteMask) && cf.quoteMask[pos]
}

// ---- document structure ----

func (cf *claimFinder) lineText(line int) (string, int) {
	for si, s := range cf.d.sentences {
		if s.line == line {
			return s.Text, si
		}
	}
	return "", -1
}

// findTitle locates the headline in the body: the first line equal (after
// folding) to the header's title.
func (cf *claimFinder) findTitle() {
	if cf.a.Title == "" {
		return
	}
	want := Fold(cf.a.Title)
	titleLen := len([]rune(cf.a.Title))
	for si, s := range cf.d.sentences {
		if !s.lineFirst {
			continue
		}
		if s.line > 12 {
			return // the headline stands at the top
		}
		end := s.End
		for sj := si + 1; sj < len(cf.d.sentences) && cf.d.sentences[sj].line == s.line; sj++ {
			end = cf.d.sentences[sj].End
		}
		if n := end - s.Start; n < titleLen/2 || n > titleLen*2 {
			continue
		}
		if Fold(string(cf.d.runes[s.Start:end])) == want {
			cf.titleLine = s.line
			return
		}
	}
}

func (cf *claimFinder) wholeLine(line int) string {
	var b strings.Builder
	for _, s := range cf.d.sentences {
		if s.line == line {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// isQuestionLine reports whether a sentence opens a question line (Q: ...).
func isQuestionStart(text string) bool {
	t := strings.TrimSpace(text)
	for _, p := range []string{"Q:", "Q :", "Q.", "Question:", "Q -", "Q–"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

func isAnswerStart(text string) bool {
	t := strings.TrimSpace(text)
	for _, p := range []string{"A:", "A :", "Answer:", "A -"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// detectInterview recognises a Q&A piece (two or more question lines, or
// the header's kind "interview" with question lines) and works out the
// interviewee from the introduction.
func (cf *claimFinder) detectInterview() {
	d := cf.d
	qLines := map[int]bool{}
	for _, s := range d.sentences {
		if s.lineFirst && isQuestionStart(s.Text) {
			qLines[s.line] = true
		}
	}
	// lines made only of questions
	onlyQ := map[int]bool{}
	for _, s := range d.sentences {
		if _, seen := onlyQ[s.line]; !seen {
			onlyQ[s.line] = true
		}
		if !strings.HasSuffix(strings.TrimRight(s.Text, " ”\""), "?") {
			onlyQ[s.line] = false
		}
	}
	if len(qLines) > 0 {
		// a piece that marks some questions "Q:" may leave others bare:
		// after the first marked one, a line of questions only is one
		firstMarked := -1
		for line := range qLines {
			if firstMarked < 0 || line < firstMarked {
				firstMarked = line
			}
		}
		for line, q := range onlyQ {
			if q && line > firstMarked {
				qLines[line] = true
			}
		}
	}
	if len(qLines) == 0 {
		// questions without a marker: lines made only of questions, in a
		// piece that has two or more of them or says it is an interview
		n := 0
		for _, q := range onlyQ {
			if q {
				n++
			}
		}
		if n >= 2 || n == 1 && strings.EqualFold(cf.a.Kind, "interview") {
			for line, q := range onlyQ {
				if q && line != cf.titleLine {
					qLines[line] = true
				}
			}
		}
	}
	if len(qLines) < 2 && !(len(qLines) == 1 && strings.EqualFold(cf.a.Kind, "interview")) {
		return
	}
	iv := &interview{questions: map[int]bool{}, answers: map[int]bool{}, questionOf: map[int]int{}, firstQ: -1, lineKind: map[int]string{}, interviewer: NoEntity}
	inQuestion := false
	curQ := -1
	questionEnded := false
	for si, s := range d.sentences {
		if s.lineFirst {
			switch {
			case qLines[s.line]:
				inQuestion, questionEnded = true, false
				curQ = si
				if iv.firstQ < 0 {
					iv.firstQ = si
				}
			case iv.firstQ >= 0 && editorialLabelEnd(d, si) > s.tokStart:
				// "Editor's note: ...": the publisher speaks, and the
				// lines after it are no answer until the next question
				inQuestion, questionEnded = false, false
			case iv.firstQ >= 0:
				inQuestion = false
				questionEnded = true
			}
		}
		if iv.firstQ < 0 {
			continue
		}
		if inQuestion {
			iv.questions[si] = true
			continue
		}
		// a short reply opening the answer ("No.", "Every night.") is no
		// page furniture, however few its words
		firstOfAnswer := si > 0 && iv.questions[si-1]
		if questionEnded && (!s.boilerplate || firstOfAnswer && shortReply(s.Text)) {
			iv.answers[si] = true
			iv.questionOf[si] = curQ
		}
	}
	cf.interview = iv
	iv.interviewee = speakerRef{entity: NoEntity}
	// the interviewer: a person named right after "tells", "told",
	// "speaking to", "interviewed by" or a publisher's possessive in the
	// introduction
	toks := d.tokens
	for ti := 0; ti < d.sentences[iv.firstQ].tokStart; ti++ {
		e := cf.tokEnt[ti]
		if e == NoEntity || cf.ents[e].Type != Person || ti == 0 || cf.tokEnt[ti-1] == e {
			continue
		}
		p := toks[ti-1].lower
		if p == "journalist" || p == "correspondent" || p == "reporter" {
			p = toks[max(0, ti-2)].lower
		}
		if (p == "with" || p == "to") && spokenWith(toks, ti-1) {
			// "X spoke with Tasneem", "spoke by phone with", "an interview
			// with": the one spoken with answers
			iv.interviewee = speakerRef{entity: e, text: cf.ents[e].Name, valid: true}
			continue
		}
		switch p {
		case "tells", "told", "to", "'s":
			iv.interviewer = e
		case "by":
			if ti >= 2 && (toks[ti-2].lower == "interviewed" || toks[ti-2].lower == "conducted") {
				iv.interviewer = e
			}
		}
		if iv.interviewer != NoEntity {
			break
		}
	}
}

// spokenWith reports whether the "with" or "to" at toks[at] follows a
// word of speaking within four words ("spoke by phone with", "talked on
// Monday to", "in an interview with"), no punctuation between.
func spokenWith(toks []token, at int) bool {
	for j := at - 1; j >= 0 && j >= at-4; j-- {
		if toks[j].kind == punctToken {
			return false
		}
		switch toks[j].lower {
		case "spoke", "speaks", "speaking", "talked", "talks", "talking", "interview", "interviews", "conversation", "sat", "spoken":
			return true
		}
	}
	return false
}

// isBoilerplate reports whether a line is page furniture rather than
// content: captions, share buttons, reading times, teasers cut off with
// an ellipsis, bare dates.
func isBoilerplate(text string) bool {
	t := strings.TrimSpace(text)
	if len(t) > 160 {
		// page furniture is short; a long line is only a cut-off teaser
		return strings.HasSuffix(t, "[…]") || strings.HasSuffix(t, "[...]") || strings.HasSuffix(t, "…")
	}
	switch {
	case strings.HasSuffix(t, "[…]"), strings.HasSuffix(t, "[...]"), strings.HasSuffix(t, "…"):
		return true
	case containsFold(t, ".jpg"), containsFold(t, ".png"), containsFold(t, "photo courtesy"),
		hasPrefixFold(t, "photo") && (len(t) == 5 || !unicode.IsLetter(rune(t[5]))), hasPrefixFold(t, "share this"), hasSuffixFold(t, "min read"),
		hasPrefixFold(t, "read more"), hasPrefixFold(t, "related"), hasPrefixFold(t, "follow us"),
		hasPrefixFold(t, "image:"), hasPrefixFold(t, "credit:"):
		return true
	}
	if !hasWords(t, 3) {
		return true
	}
	if strings.IndexAny(t, "0123456789") >= 0 {
		if _, ok := parseDateLine(t); ok {
			return true
		}
	}
	return false
}

// hasPrefixFold, hasSuffixFold and containsFold compare ignoring case,
// without lower-casing (and copying) the whole line.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if (s[i]|0x20) == (sub[0]|0x20) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// determinesTime reports whether toks[j] is "that" or "this" before a
// time word within end ("at that time"): a determiner, not a relative
// pronoun or a complementiser.
func determinesTime(toks []token, j, end int) bool {
	w := toks[j].lower
	return (w == "that" || w == "this") && j+1 < end && timeWords[toks[j+1].lower]
}

// shortReply reports whether t is a reply of one or two words ending a
// sentence ("No.", "Every night.").
func shortReply(t string) bool {
	t = strings.TrimSpace(t)
	return !hasWords(t, 3) && (strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!")) && len(t) > 1
}

// hasWords reports whether t has at least n space-separated words, without
// splitting it.
func hasWords(t string, n int) bool {
	inWord := false
	for _, r := range t {
		if unicode.IsSpace(r) {
			inWord = false
			continue
		}
		if !inWord {
			inWord = true
			if n--; n == 0 {
				return true
			}
		}
	}
	return false
}

// parseDateLine reports whether a line is only a date ("June 11, 2014").
func parseDateLine(t string) (string, bool) {
	if len(t) > 40 {
		return "", false
	}
	if v, ok := ParseDate(t); ok && v != "" {
		return v, true
	}
	return "", false
}

// ---- per sentence ----

func (cf *claimFinder) sentence(si int) {
	s := cf.d.sentences[si]
	if cf.titleLine >= 0 && s.line == cf.titleLine {
		if s.lineFirst {
			cf.headline(si)
		}
		return
	}
	if s.boilerplate && !(cf.interview != nil && cf.interview.answers[si]) {
		return
	}
	if cf.interview != nil {
		if cf.interview.questions[si] {
			return
		}
		if cf.interview.answers[si] {
			cf.answer(si)
			cf.nestedAttribution(si)
			return
		}
	}
	if cf.claimed[si] {
		return // the rest of a quote an earlier sentence opened (extendQuote)
	}
	if cf.attributed(si) {
		return
	}
	if s.lineFirst && cf.labelledLine(si) {
		return
	}
	if !s.lineFirst && cf.labelContinued(si) {
		return
	}
	cf.narrative(si, s.Span)
}

// answer records an interview answer sentence as a claim of the interviewee.
func (cf *claimFinder) answer(si int) {
	iv := cf.interview
	if (!iv.interviewee.valid || iv.interviewee.entity == iv.interviewer) && !iv.searched {
		iv.interviewee = cf.findInterviewee()
		iv.searched = true
	}
	s := cf.d.sentences[si]
	sp := s.Span
	// strip a leading "A:" marker
	if isAnswerStart(s.Text) {
		i := strings.IndexRune(s.Text, ':')
		if i < 0 {
			i = 1
		}
		sp.Start += len([]rune(s.Text[:i+1]))
		sp.Start, sp.End = trimSpan(cf.d.runes, sp.Start, sp.End)
	}
	// a short reply that opens an answer ("No.", "Every night.") answers
	// the question; elsewhere a fragment of under three words is no claim
	minWords := 3
	if si == 0 || !iv.answers[si-1] || iv.questionOf[si-1] != iv.questionOf[si] {
		minWords = 1
	}
	// a transcript names who answers: "DMYTRO SAVCHUK: It is hard."; the
	// name holds for the rest of the line and the answer lines after it
	speaker := iv.interviewee
	if spk, end, ok := cf.speakerLabel(si); ok {
		iv.labelled = spk
		iv.labelledQuestion = iv.questionOf[si]
		if s.lineFirst {
			sp.Start = max(sp.Start, end)
			sp.Start, sp.End = trimSpan(cf.d.runes, sp.Start, sp.End)
		}
	}
	if iv.labelled.valid && iv.labelledQuestion == iv.questionOf[si] {
		speaker = iv.labelled
	}
	if sp.Len() == 0 || countWords(cf.d.slice(sp)) < minWords {
		return
	}
	if !speaker.valid {
		return
	}
	c := cf.newClaim(si, InterviewAnswer, sp, speaker, "Q&A", Span{}, "qa-answer", 0.85)
	cf.add(c)
}

// labelContinued makes sentence si, on a line that a speaker's label
// opened ("DMYTRO SAVCHUK: It is hard. The brigade holds."), a claim of
// that speaker; a question is none.
func (cf *claimFinder) labelContinued(si int) bool {
	s := cf.d.sentences[si]
	if !cf.lineLabel.valid || cf.lineLabelOf != s.line {
		return false
	}
	if isQuestion(s.Text) {
		return true
	}
	content := trimContent(cf.d.runes, s.Span)
	if countWords(cf.d.slice(content)) < 3 {
		return false
	}
	cf.add(cf.newClaim(si, Statement, content, cf.lineLabel, ":", Span{}, "labelled-line", 0.6))
	return true
}

// isQuestion reports whether a sentence asks: it ends in "?".
func isQuestion(text string) bool {
	return strings.HasSuffix(strings.TrimRight(text, " ”\"’'"), "?")
}

// speakerLabel reads the label that opens sentence si's line in a
// transcript: a person's name, in capitals or not, perhaps with a role in
// parentheses, then a colon ("IHOR OSTAPCHUK:", "Luz Dary Yule (CRIC):").
// It returns the person and where the label ends.
func (cf *claimFinder) speakerLabel(si int) (speakerRef, int, bool) {
	s := cf.d.sentences[si]
	for !s.lineFirst && si > 0 {
		si--
		s = cf.d.sentences[si]
	}
	toks := cf.d.tokens
	e := cf.tokEnt[s.tokStart]
	if e == NoEntity || cf.ents[e].Type != Person {
		return speakerRef{}, 0, false
	}
	ti := s.tokStart
	for ti < s.tokEnd && cf.tokEnt[ti] == e {
		ti++
	}
	nameEnd := ti
	if ti < s.tokEnd && toks[ti].text == "(" {
		for ti < s.tokEnd && ti < nameEnd+8 && toks[ti].text != ")" {
			ti++
		}
		ti++
	}
	if ti >= s.tokEnd || toks[ti].text != ":" {
		return speakerRef{}, 0, false
	}
	label := Span{toks[s.tokStart].Start, toks[nameEnd-1].End}
	return speakerRef{entity: e, text: cf.d.slice(label), span: label, valid: true}, toks[ti].End, true
}

// findInterviewee works out who answers: the speaker of the introduction's
// attributed claims, else the person the introduction says is speaking to
// the publisher, never the interviewer.
func (cf *claimFinder) findInterviewee() speakerRef {
	iv := cf.interview
	// the intro's claims, latest first
	for i := len(cf.claims) - 1; i >= 0; i-- {
		c := cf.claims[i]
		if c.Kind == Narrative || c.Sentence >= iv.firstQ {
			continue
		}
		if c.Speaker != NoEntity && cf.ents[c.Speaker].Type == Person && c.Speaker != iv.interviewer {
			return speakerRef{entity: c.Speaker, text: cf.ents[c.Speaker].Name, valid: true}
		}
	}
	// otherwise the first person the introduction names who is not the
	// interviewer
	toks := cf.d.tokens
	end := cf.d.sentences[iv.firstQ].tokStart
	for ti := 0; ti < end; ti++ {
		e := cf.tokEnt[ti]
		if e == NoEntity || cf.ents[e].Type != Person || e == iv.interviewer {
			continue
		}
		// skip the object of "tells X", "told X", "with X", "by X"
		if ti > 0 && cf.tokEnt[ti-1] != e {
			switch toks[ti-1].lower {
			case "tells", "told", "'s", "to", "with":
				continue
			}
		}
		return speakerRef{entity: e, text: cf.ents[e].Name, valid: true}
	}
	return speakerRef{entity: NoEntity}
}

// onlyPlace reports whether tokens [a, b) are one place's name and
// nothing else.
func (cf *claimFinder) onlyPlace(a, b int) bool {
	e := cf.tokEnt[a]
	if e == NoEntity || cf.ents[e].Type != Place {
		return false
	}
	for ti := a; ti < b; ti++ {
		if cf.tokEnt[ti] != e {
			return false
		}
	}
	return true
}

// headline turns a title of the form "Activist: ..." or "X says ..." into a
// claim. Descriptions ("Activist", "Nusra chief") are resolved after the
// whole article is read, to its main speaker.
func (cf *claimFinder) headline(si int) {
	s := cf.d.sentences[si]
	toks := cf.d.tokens
	line := cf.wholeLine(s.line)
	_ = line
	// "Speaker: content"
	for ti := s.tokStart; ti < s.tokEnd && ti < s.tokStart+6; ti++ {
		if toks[ti].text == ":" && ti > s.tokStart {
			if prepositions[toks[s.tokStart].lower] || toks[s.tokStart].lower == "between" {
				return // "Between the army and al-Shabaab: ...": a topic, not a speaker
			}
			label := cf.d.slice(Span{toks[s.tokStart].Start, toks[ti-1].End})
			if genreLabels[strings.ToLower(label)] || Fold(label) == Fold(cf.a.Publisher) || Fold(label) == Fold(cf.publisherName()) {
				return
			}
			if cf.onlyPlace(s.tokStart, ti) {
				return // "Gaza: figures diverge", "Mali: ...": where, not who
			}
			content := Span{toks[ti].End, cf.lineEnd(s.line)}
			content.Start, content.End = trimSpan(cf.d.runes, content.Start, content.End)
			if content.Len() == 0 {
				return
			}
			spk := cf.headlineSpeaker(s.tokStart, ti, si)
			c := cf.newClaim(si, Statement, content, spk, ":", toks[ti].Span, "headline-colon", 0.7)
			cf.add(c)
			return
		}
	}
	// "X says ...", "X claims ...", and "KIA says it captured Indaw; junta
	// denies losing Sagaing town": each part after a semicolon is a
	// headline of its own
	start := s.tokStart
	for start < s.tokEnd {
		end := start
		for end < s.tokEnd && toks[end].text != ";" {
			end++
		}
		cf.headlineVerb(si, start, end)
		start = end + 1
	}
}

// headlineVerb makes the claim of a headline part tokens[start:end) of the
// form "X says ...".
func (cf *claimFinder) headlineVerb(si, start, end int) {
	s := cf.d.sentences[si]
	toks := cf.d.tokens
	for ti := start + 1; ti < end; ti++ {
		switch toks[ti].lower {
		case "says", "say", "claims", "warns", "denies", "announces", "tells", "vows", "insists", "confirms", "urges", "accuses", "reports":
			if ti+1 >= end || cf.inQuote(toks[ti].Start) {
				return
			}
			spk := cf.headlineSpeaker(start, ti, si)
			stop := cf.lineEnd(s.line)
			if end < s.tokEnd {
				stop = toks[end].Start
			}
			content := Span{toks[ti+1].Start, stop}
			content.Start, content.End = trimSpan(cf.d.runes, content.Start, content.End)
			c := cf.newClaim(si, Indirect, content, spk, toks[ti].text, toks[ti].Span, "headline-verb", 0.7)
			cf.add(c)
			return
		}
	}
}

func (cf *claimFinder) lineEnd(line int) int {
	end := 0
	for _, s := range cf.d.sentences {
		if s.line == line {
			end = s.End
		}
	}
	return end
}

// resolveHeadlineSpeakers gives headline claims whose speaker is a bare
// description ("Activist", "Syria's Nusra chief") the article's main
// named speaker: the person with the most attributed claims.
func (cf *claimFinder) resolveHeadlineSpeakers() {
	counts := map[int]int{}
	for _, c := range cf.claims {
		if c.Speaker != NoEntity && c.Kind != Narrative && !strings.HasPrefix(c.Rule, "headline") {
			counts[c.Speaker]++
		}
	}
	mainOf := func(want EntityType) int {
		best, bestN := NoEntity, 0
		for e, n := range counts {
			if cf.ents[e].Type == want && (n > bestN || n == bestN && e < best) {
				best, bestN = e, n
			}
		}
		return best
	}
	for i := range cf.claims {
		c := &cf.claims[i]
		if !strings.HasPrefix(c.Rule, "headline") || c.Speaker != NoEntity {
			continue
		}
		want := Person
		fs := strings.Fields(strings.ToLower(c.SpeakerText))
		if len(fs) > 0 {
			switch strings.Trim(fs[len(fs)-1], ".,:;") {
			case "monitor", "observatory", "ngo", "agency", "watchdog", "ministry", "un", "police":
				want = Organization
			case "group", "rebels", "militia", "army", "military", "jihadists", "insurgents", "forces":
				want = ArmedGroup
			}
		}
		best := mainOf(want)
		if best == NoEntity {
			// "FSA spokesman" with no named speaker: the group speaks
			for ti := cf.tokenAt(c.SpeakerSpan.Start); ti < len(cf.d.tokens) && cf.d.tokens[ti].End <= c.SpeakerSpan.End; ti++ {
				if e := cf.tokEnt[ti]; e != NoEntity {
					c.Speaker = e
					break
				}
			}
			continue
		}
		if isDescription(c.SpeakerText) {
			c.Speaker = best
			c.Rule += "+main-speaker"
			c.Confidence = 0.6
		}
	}
}

// isDescription reports whether words describe a role rather than name
// someone ("Activist", "Nusra chief", "Syrian official").
func isDescription(words string) bool {
	fs := strings.Fields(strings.ToLower(words))
	if len(fs) == 0 || len(fs) > 4 {
		return false
	}
	last := strings.Trim(fs[len(fs)-1], ".,:;")
	return titles[last] || unnamedHeads[last] || memberWords[last]
}

// ---- attribution ----

// cue is an attribution marker in a sentence.
type cue struct {
	tok        int // first token of the cue
	end        int // token after the cue ("according to" is two)
	kind       ClaimKind
	according  bool
	participle bool // saying, adding: the speaker is the clause's subject
}

// cues finds the claim cues of sentence si outside quotes: speech verbs,
// "according to", "put the toll at", "called on". A cue's first word is a
// speech verb or one of cueWords (the token's lexicons say which, so the
// other tokens cost one test): a new cue word goes into cueWords.
func (cf *claimFinder) cues(si int) []cue {
	s := cf.d.sentences[si]
	toks := cf.d.tokens
	var out []cue
	for ti := s.tokStart; ti < s.tokEnd; ti++ {
		if toks[ti].lex&(lexSpeechVerb|lexCueWord) == 0 {
			continue // every cue begins with one of these words
		}
		t := toks[ti]
		if t.kind != wordToken || cf.inQuote(t.Start) {
			continue
		}
		if t.lower == "according" && ti+1 < s.tokEnd && toks[ti+1].lower == "to" {
			out = append(out, cue{tok: ti, end: ti + 2, kind: AccordingTo, according: true})
			ti++
			continue
		}
		// "The LCC put the number at 15 dead": a toll given by a source
		if (t.lower == "put" || t.lower == "puts" || t.lower == "placed" || t.lower == "places") && ti+2 < s.tokEnd {
			for j := ti + 1; j < s.tokEnd && j <= ti+5; j++ {
				if toks[j].lower == "at" && j > ti+1 {
					w := toks[j-1].lower
					if w == "toll" || w == "number" || w == "figure" || w == "count" || w == "tally" {
						out = append(out, cue{tok: ti, end: j + 1, kind: Statement})
					}
					break
				}
			}
			continue
		}
		var k ClaimKind
		ok := false
		if t.lex&lexSpeechVerb != 0 {
			k, ok = speechVerbs[t.lower]
		}
		if !ok && (t.lower == "called" || t.lower == "calls" || t.lower == "appealed") && ti+1 < s.tokEnd && (toks[ti+1].lower == "on" || toks[ti+1].lower == "for") {
			// "The network called on both sides to allow investigators"
			k, ok = Statement, true
			out = append(out, cue{tok: ti, end: ti + 2, kind: k})
			ti++
			continue
		}
		if !ok {
			continue
		}
		// "said to be", "reported killed", "claims of": not attributions
		if ti+1 < s.tokEnd {
			n := toks[ti+1].lower
			if n == "to" && (t.lower == "said" || t.lower == "reported" || t.lower == "believed" || t.lower == "claimed") {
				continue
			}
			if n == "of" || n == "by" && t.lower != "said" {
				continue
			}
		}
		if t.lower == "pointed" && !(ti+1 < s.tokEnd && toks[ti+1].lower == "out") {
			continue
		}
		// "clashes were reported", "it is said": a passive names no source
		if ti > s.tokStart {
			switch toks[ti-1].lower {
			case "was", "were", "is", "are", "been", "be", "being":
				continue
			}
		}
		// "has not confirmed", "did not say": no claim is made
		if ti > s.tokStart && (negations[toks[ti-1].lower] || ti-1 > s.tokStart && negations[toks[ti-2].lower] && toks[ti-2].lower != "no") {
			continue
		}
		// "a bombing that claimed 20 lives": a relative clause, not a source
		if ti > s.tokStart && (toks[ti-1].lower == "that" || toks[ti-1].lower == "which") {
			continue
		}
		if (t.lower == "claimed" || t.lower == "claims") && ti+3 < s.tokEnd && (toks[ti+1].kind == numberToken || toks[ti+2].lower == "lives" || toks[ti+3].lower == "lives" || toks[ti+1].lower == "the") {
			continue
		}
		end := ti + 1
		if t.lower == "pointed" {
			end++
		}
		participle := strings.HasSuffix(t.lower, "ing")
		if participle && !(ti > s.tokStart && toks[ti-1].text == ",") && !(ti+1 < s.tokEnd && toks[ti+1].lower == "that") && !(ti > s.tokStart && cf.tokEnt[ti-1] != NoEntity) {
			continue // "a strong warning": a noun, not a cue
		}
		out = append(out, cue{tok: ti, end: end, kind: k, participle: participle})
	}
	return out
}

// attributed finds the attributed claims of sentence si; it reports
// whether it found any.
func (cf *claimFinder) attributed(si int) bool {
	s := cf.d.sentences[si]
	cf.at = attribution{si: si, quotes: cf.substantialQuotes(cf.quotesIn(s.Span)), cues: cf.cues(si)}
	for i := range claimRules {
		if claimRules[i].Run(cf, &cf.at) {
			return true
		}
	}
	return false
}

// attribution is what the claim rules look at in one sentence: its
// quotes and its cues, found once.
type attribution struct {
	si     int
	quotes []Span
	cues   []cue
}

// quotedRule: quotation marks with a cue before or after them.
func quotedRule(cf *claimFinder, at *attribution) bool {
	return len(at.quotes) > 0 && cf.quoted(at.si, at.quotes, at.cues)
}

// invertedCueRule: "CONTENT, reported X." / "CONTENT, said X, who ...": a
// cue right after a comma near the end owns the sentence; cues before it
// are inside its content.
func invertedCueRule(cf *claimFinder, at *attribution) bool {
	if len(at.cues) < 2 {
		return false
	}
	for _, c := range at.cues[1:] {
		if cf.invertedCue(at.si, c) {
			return cf.indirect(at.si, c)
		}
	}
	return false
}

// indirectRule: indirect speech, "according to", a cue before or after
// the content; the first cue that makes a claim.
func indirectRule(cf *claimFinder, at *attribution) bool {
	for _, c := range at.cues {
		if cf.indirect(at.si, c) {
			return true
		}
	}
	return false
}

// quoteEndRule: a quote that runs on into a later sentence takes the
// speaker named where it closes: “A. B,” he said.
func quoteEndRule(cf *claimFinder, at *attribution) bool {
	if len(at.quotes) == 0 {
		return false
	}
	spk, ok := cf.speakerAtQuoteEnd(at.si, at.quotes[len(at.quotes)-1])
	if !ok {
		return false
	}
	content := Span{at.quotes[0].Start, at.quotes[len(at.quotes)-1].End}
	cf.add(cf.newClaim(at.si, DirectQuote, trimContent(cf.d.runes, content), spk, "", Span{}, "quote-multi-sentence", 0.85))
	return true
}

// quoteContinuedRule: a sentence of quoted words with no cue continues
// the last speaker's statement.
func quoteContinuedRule(cf *claimFinder, at *attribution) bool {
	if len(at.quotes) == 0 || !cf.last.valid || at.si-cf.lastSentence > 2 {
		return false
	}
	s := cf.d.sentences[at.si]
	content := Span{at.quotes[0].Start, at.quotes[len(at.quotes)-1].End}
	if cf.quoteShare(s.Span, at.quotes) < 0.8 {
		content = cf.stripOpener(s.Span)
	}
	cf.add(cf.newClaim(at.si, DirectQuote, trimContent(cf.d.runes, content), cf.last, "", Span{}, "quote-continued", 0.7))
	return true
}

// substantialQuotes drops scare quotes: quoted phrases of fewer than four
// words that stand inside a sentence.
func (cf *claimFinder) substantialQuotes(qs []Span) []Span {
	var out []Span
	for _, q := range qs {
		if countWords(cf.d.slice(q)) >= 4 && !cf.titleCaseSpan(q) {
			out = append(out, q)
		}
	}
	return out
}

func (cf *claimFinder) quoteShare(sp Span, qs []Span) float64 {
	n := 0
	for _, q := range qs {
		n += q.Len()
	}
	return float64(n) / float64(max(1, sp.Len()))
}

// quoted handles a sentence holding a direct quote with its cue:
// “...,” X said. / X said: “...” / “...,” said X. / “A,” he said, “B.”
func (cf *claimFinder) quoted(si int, quotes []Span, cues []cue) bool {
	s := cf.d.sentences[si]
	toks := cf.d.tokens
	for _, c := range cues {
		if c.according {
			continue
		}
		ct := toks[c.tok]
		var spk speakerRef
		// cue after a quote: “...,” X said / “...,” said X
		before, after := -1, -1
		for qi, q := range quotes {
			if q.End <= ct.Start {
				before = qi
			}
			if q.Start >= ct.End && after < 0 {
				after = qi
			}
		}
		switch {
		case before >= 0 && c.tok-cf.tokenAt(quotes[before].End) <= 40:
			qEnd := cf.tokenAt(quotes[before].End)
			// speaker between the quote and the cue, or after the cue
			a := qEnd
			for a < c.tok && (toks[a].kind == punctToken) {
				a++
			}
			if a < c.tok {
				spk = cf.subjectOf(si, a, c.tok)
			} else {
				spk = cf.speakerAfter(c.end, s.tokEnd, si)
			}
		case after >= 0:
			// X said: “...”
			start := s.tokStart
			spk = cf.speakerFromTokens(cf.clauseStart(si, c.tok), c.tok, si)
			_ = start
		}
		if !spk.valid {
			continue
		}
		content := Span{quotes[0].Start, quotes[len(quotes)-1].End}
		if before < 0 && after >= 0 {
			content = Span{quotes[after].Start, quotes[len(quotes)-1].End}
			// "He said some of the dead were fighters while acknowledging
			// “...”": the content starts at the cue
			if start := cf.contentStart(si, c); start < len(toks) && quotes[after].Start > toks[start].Start && cf.tokenAt(quotes[after].Start)-start > 3 {
				content = Span{toks[start].Start, s.End}
			}
		}
		cl := cf.newClaim(si, DirectQuote, trimContent(cf.d.runes, content), spk, ct.text, Span{ct.Start, toks[c.end-1].End}, "quote-cue", 0.9)
		cf.add(cl)
		cf.extendQuote(si, content, spk, ct.text)
		cf.participleClause(si, c.end, spk)
		return true
	}
	return false
}

// extendQuote attributes the later sentences of a quote that spans
// several sentences to the same speaker.
func (cf *claimFinder) extendQuote(si int, content Span, spk speakerRef, cueText string) {
	for _, q := range cf.quotes {
		if !(q.Start <= content.Start && q.End > cf.d.sentences[si].End) {
			continue
		}
		for sj := si + 1; sj < len(cf.d.sentences) && cf.d.sentences[sj].Start < q.End; sj++ {
			if cf.claimed[sj] {
				continue
			}
			sp := Span{cf.d.sentences[sj].Start, min(q.End, cf.d.sentences[sj].End)}
			c := cf.newClaim(sj, DirectQuote, trimContent(cf.d.runes, sp), spk, cueText, Span{}, "quote-multi-sentence", 0.85)
			cf.add(c)
		}
	}
}

// tokenAt returns the index of the first token starting at or after pos.
func (cf *claimFinder) tokenAt(pos int) int {
	toks := cf.d.tokens
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].Start < pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// clauseStart returns the first token of the clause holding token ti: the
// sentence start, past an opener ("Meanwhile,", "In a statement,").
func (cf *claimFinder) clauseStart(si, ti int) int {
	s := cf.d.sentences[si]
	toks := cf.d.tokens
	i := s.tokStart
	if s.lineFirst {
		i = lineLabelEnd(cf.d, si) // "09:15 —", "Editor's note:"
	}
	// a dateline: "BEIRUT:", "DAMASCUS (AFP) -", "ADEN, Yemen --"
	for j := i; j < ti && j < i+8; j++ {
		if (toks[j].text == ":" || toks[j].text == "—" || toks[j].text == "–" || toks[j].text == "-") && isUpperWord(toks[i].text) {
			i = j + 1
			break
		}
	}
	// skip a leading phrase that ends in a comma: "Meanwhile,", "In a
	// statement,", "Speaking to ARA News on the phone,", "Until publication
	// Thursday afternoon,"
	for j := i; j < ti && j < i+14; j++ {
		if toks[j].text == "," {
			w := toks[i].lower
			if phraseStarts[w] || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly") {
				return j + 1
			}
			break
		}
		if cf.tokEnt[j] != NoEntity && j == i {
			break
		}
	}
	return i
}

// indirect handles "X said (that) ...", "..., X said", "according to X,
// ...", "..., according to X".
func (cf *claimFinder) indirect(si int, c cue) bool {
	s := cf.d.sentences[si]
	toks := cf.d.tokens
	ct := toks[c.tok]
	cueSpan := Span{ct.Start, toks[c.end-1].End}
	if c.according {
		// According to X, CONTENT.  /  CONTENT, according to X.
		npEnd := c.end
		for npEnd < s.tokEnd && toks[npEnd].text != "," && toks[npEnd].text != "." {
			npEnd++
		}
		spk := cf.speakerFromTokens(c.end, npEnd, si)
		if !spk.valid {
			return false
		}
		var content Span
		if c.tok <= cf.clauseStart(si, c.tok) {
			if npEnd+1 >= s.tokEnd {
				return false
			}
			content = Span{toks[npEnd+1].Start, s.End}
		} else {
			cs := cf.clauseStart(si, c.tok)
			end := c.tok
			for end > cs && toks[end-1].kind == punctToken {
				end--
			}
			if end <= cs {
				return false
			}
			content = Span{toks[cs].Start, toks[end-1].End}
		}
		cl := cf.newClaim(si, AccordingTo, trimContent(cf.d.runes, content), spk, cf.d.slice(cueSpan), cueSpan, "according-to", 0.85)
		cf.add(cl)
		return true
	}
	cs := cf.clauseStart(si, c.tok)
	// Postposed: CONTENT, X said [Tuesday][, while CONTENT2].
	if comma := cf.lastCommaBefore(cs, c.tok); comma >= 0 && comma > cs && (cf.restIsShort(si, c) || cf.invertedCue(si, c)) {
		spk := cf.speakerFromTokens(comma+1, c.tok, si)
		onlyPunct := true
		for j := comma + 1; j < c.tok; j++ {
			onlyPunct = onlyPunct && toks[j].kind == punctToken
		}
		if !spk.valid && onlyPunct {
			// CONTENT, said X.
			spk = cf.speakerAfter(c.end, s.tokEnd, si)
		}
		if spk.valid {
			end := comma
			content := Span{toks[cs].Start, toks[end-1].End}
			if content.Len() > 0 && countWords(cf.d.slice(content)) >= 3 {
				kind := c.kind
				cl := cf.newClaim(si, kind, trimContent(cf.d.runes, content), spk, ct.text, cueSpan, "postposed-cue", 0.8)
				cf.add(cl)
				cf.trailingClause(si, c, spk, cueSpan)
				return true
			}
		}
	}
	// Preposed: X [, apposition,] said [to Y] [that] CONTENT.
	var spk speakerRef
	if c.participle && c.tok > cs && cf.tokEnt[c.tok-1] != NoEntity {
		// "..., with the Syrian Observatory reporting two air raids"
		e := cf.tokEnt[c.tok-1]
		a := c.tok - 1
		for a > cs && cf.tokEnt[a-1] == e {
			a--
		}
		if a > cs && (toks[a-1].lower == "the" || toks[a-1].lower == "with") {
			spk = cf.speakerFromTokens(a, c.tok, si)
		}
	}
	if !spk.valid {
		spk = cf.subjectOf(si, cs, c.tok)
	}
	if !spk.valid {
		return false
	}
	start := cf.contentStart(si, c)
	if start >= s.tokEnd || toks[start].lower == "about" || toks[start].lower == "of" {
		return false // "tells Syria Direct about ...": a topic, not content
	}
	content := Span{toks[start].Start, s.End}
	// a quote after the cue is the content (X said: “...”): handled by
	// quoted; here the rest of the sentence
	if countWords(cf.d.slice(content)) < 2 {
		return false
	}
	cl := cf.newClaim(si, c.kind, trimContent(cf.d.runes, content), spk, ct.text, cueSpan, "cue-content", 0.8)
	cf.add(cl)
	return true
}

// trailingClause records "..., X announced Tuesday, while 634 have been
// killed." as a second claim of the same speaker.
func (cf *claimFinder) trailingClause(si int, c cue, spk speakerRef, cueSpan Span) {
	s := cf.d.sentences[si]
	toks := cf.d.tokens
	for ti := c.end; ti < s.tokEnd && ti < c.end+6; ti++ {
		if toks[ti].text == "," && ti+2 < s.tokEnd && (toks[ti+1].lower == "while" || toks[ti+1].lower == "and" || toks[ti+1].lower == "adding") {
			content := Span{toks[ti+2].Start, s.End}
			if countWords(cf.d.slice(content)) >= 3 {
				cl := cf.newClaim(si, c.kind, trimContent(cf.d.runes, content), spk, toks[c.tok].text, cueSpan, "postposed-second-clause", 0.7)
				cf.add(cl)
			}
			return
		}
	}
}

// lastCommaBefore returns the last comma in tokens [from, to) that is not
// inside an apposition directly before the cue, or -1. Only a cue near the
// sentence end makes a postposed attribution.
func (cf *claimFinder) lastCommaBefore(from, to int) int {
	toks := cf.d.tokens
	for ti := to - 1; ti >= from && ti >= to-14; ti-- {
		if toks[ti].text == "," || toks[ti].text == "”" && ti > 0 && toks[ti-1].text == "," {
			return ti
		}
	}
	return -1
}

// subjectOf finds the speaker before a cue: the clause's first noun phrase
// (before any apposition), "X, a member of Y, said".
func (cf *claimFinder) subjectOf(si, from, cueTok int) speakerRef {
	toks := cf.d.tokens
	if from >= cueTok {
		return speakerRef{}
	}
	from = cf.subjectStart(si, from, cueTok)
	if from >= cueTok {
		return speakerRef{}
	}
	// skip adverbs right before the cue: "also said", "later told"
	end := cueTok
	for end > from && (toks[end-1].lower == "also" || toks[end-1].lower == "later" || toks[end-1].lower == "further" || toks[end-1].lower == "previously" || toks[end-1].lower == "has" || toks[end-1].lower == "have" || toks[end-1].lower == "had" || toks[end-1].lower == "then" || toks[end-1].lower == "reportedly") {
		end--
	}
	// the whole NP if it has no comma; else the part before the first comma
	// (apposition) or, for "..., saying", the clause subject.
	firstComma := -1
	for ti := from; ti < end; ti++ {
		if toks[ti].text == "," {
			firstComma = ti
			break
		}
	}
	if firstComma < 0 {
		return cf.speakerFromTokens(from, end, si)
	}
	// X, a member of Y, tells Z: the subject before the apposition
	spk := cf.speakerFromTokens(from, firstComma, si)
	described := toks[from].lower == "a" || toks[from].lower == "an" || toks[from].lower == "the"
	if !spk.valid || spk.entity == NoEntity || described && cf.ents[spk.entity].Type != Person {
		// "the governor of Cauca, Octavio Guzmán, said": a description,
		// then the name
		next := firstComma + 1
		end := next
		for end < cueTok && toks[end].text != "," {
			end++
		}
		for next < end && titles[toks[next].lower] {
			next++ // "..., Colonel Oumar Sanogo, told"
		}
		if e := cf.tokEnt[next]; next < end && e != NoEntity && cf.ents[e].Type == Person {
			return speakerRef{entity: e, text: cf.d.slice(Span{toks[from].Start, toks[end-1].End}), span: Span{toks[from].Start, toks[end-1].End}, valid: true}
		}
	}
	// "The Islamic State group's regional affiliate, Islamic State Khorasan
	// Province (ISKP), claimed", "the group's local branch, which calls
	// itself ISMP, said": a possessor names whose part speaks, and the
	// apposition names the part
	if cf.possessedHead(from, firstComma) {
		next := firstComma + 1
		end := next
		for end < cueTok && toks[end].text != "," {
			end++
		}
		next = skipNaming(toks, next, end)
		if e := cf.tokEnt[next]; next < end && e != NoEntity && cf.ents[e].Type != Place {
			last := next
			for last+1 < end && (cf.tokEnt[last+1] == e || toks[last+1].text == "(" || toks[last+1].text == ")") {
				last++
			}
			if last == end-1 {
				return speakerRef{entity: e, text: cf.d.slice(Span{toks[from].Start, toks[end-1].End}), span: Span{toks[from].Start, toks[end-1].End}, valid: true}
			}
		}
	}
	return spk
}

// possessedHead reports whether tokens [a, b) are "<possessor>'s <words>"
// whose head is a lower-case noun other than one that speaks for the
// possessor ("the group's local branch", not "the group's spokesman").
func (cf *claimFinder) possessedHead(a, b int) bool {
	toks := cf.d.tokens
	for ti := a; ti+1 < b; ti++ {
		if w := toks[ti].lower; w != "'s" && w != "’s" {
			continue
		}
		if ti+1 >= b {
			return false
		}
		for tj := ti + 1; tj < b; tj++ {
			if cf.tokEnt[tj] != NoEntity || toks[tj].upper || toks[tj].kind != wordToken || officialHeads[toks[tj].lower] {
				return false
			}
		}
		return true
	}
	return false
}

// skipNaming moves past "which calls itself", "known as", "called" at the
// start of an apposition.
func skipNaming(toks []token, i, end int) int {
	for _, words := range [][]string{{"which", "calls", "itself"}, {"which", "called", "itself"}, {"known", "as"}, {"called"}, {"also", "known", "as"}} {
		if i+len(words) <= end {
			ok := true
			for k, w := range words {
				ok = ok && toks[i+k].lower == w
			}
			if ok {
				return i + len(words)
			}
		}
	}
	return i
}

// contentStart returns the first token of the content after a preposed cue:
// past the addressee of tell-verbs, "that", a colon, and short
// prepositional phrases ("in a statement", "on Sunday").
func (cf *claimFinder) contentStart(si int, c cue) int {
	s := cf.d.sentences[si]
	toks := cf.d.tokens
	i := c.end
	// "posted a statement on X, saying ...": the content follows "saying"
	for j := i; j+1 < s.tokEnd && j < i+12; j++ {
		if toks[j].text == "," {
			if w := toks[j+1].lower; w == "saying" || w == "stating" {
				k := j + 2
				if k < s.tokEnd && toks[k].lower == "that" {
					k++
				}
				return k
			}
			break
		}
	}
	// a "that" within the next eight tokens starts the content
	for j := i; j < s.tokEnd && j < i+9; j++ {
		if toks[j].lower == "that" && !cf.inQuote(toks[j].Start) {
			return j + 1
		}
		if toks[j].text == ":" {
			return j + 1
		}
		if toks[j].text == "." {
			break
		}
	}
	verb := toks[c.tok].lower
	if strings.HasPrefix(verb, "tel") || verb == "told" || verb == "informed" || verb == "assured" {
		// skip the addressee: an entity or one or two words
		if i < s.tokEnd && cf.tokEnt[i] != NoEntity {
			e := cf.tokEnt[i]
			for i < s.tokEnd && cf.tokEnt[i] == e {
				i++
			}
		} else if i < s.tokEnd {
			switch toks[i].lower {
			case "reporters", "journalists", "media", "him", "her", "them", "us", "me", "afp", "reuters":
				i++
			case "the", "a", "local":
				i += 2
			}
		}
	}
	for i < s.tokEnd && (toks[i].text == "," || toks[i].text == ":") {
		i++
	}
	// "said Tuesday he was horrified", "said on Sunday that": when the
	// attribution is dated, the date is not the content
	j := i
	if j < s.tokEnd && (toks[j].lower == "on" || toks[j].lower == "late" || toks[j].lower == "early") {
		j++
	}
	if j+1 < s.tokEnd && weekdayNames[toks[j].lower] && !cf.inQuote(toks[j].Start) {
		j++
		for j < s.tokEnd && (toks[j].lower == "night" || toks[j].lower == "morning" || toks[j].lower == "evening" || toks[j].lower == "afternoon" || toks[j].text == ",") {
			j++
		}
		if j < s.tokEnd && toks[j].lower == "that" {
			j++
		}
		return j
	}
	return i
}

// speakerAfter reads the speaker after a cue: "..., said X."
func (cf *claimFinder) speakerAfter(from, to, si int) speakerRef {
	toks := cf.d.tokens
	end := from
	for end < to && toks[end].text != "," && toks[end].text != "." && toks[end].text != ";" {
		end++
	}
	spk := cf.speakerFromTokens(from, end, si)
	// "said the governor of Cauca, Octavio Guzmán": the name after
	if (!spk.valid || spk.entity == NoEntity || cf.ents[spk.entity].Type == Place) && end+1 < to && toks[end].text == "," {
		if e := cf.tokEnt[end+1]; e != NoEntity && cf.ents[e].Type == Person {
			last := end + 1
			for last+1 < to && cf.tokEnt[last+1] == e {
				last++
			}
			return speakerRef{entity: e, text: cf.d.slice(Span{toks[from].Start, toks[last].End}), span: Span{toks[from].Start, toks[last].End}, valid: true}
		}
	}
	return spk
}

// speakerFromTokens resolves the noun phrase tokens[a:b) to a speaker.
func (cf *claimFinder) speakerFromTokens(a, b, si int) speakerRef {
	toks := cf.d.tokens
	for a < b && (toks[a].kind == punctToken || discourseOpeners[toks[a].lower]) {
		a++
	}
	for b > a && (toks[b-1].kind == punctToken && toks[b-1].text != ")") {
		b--
	}
	for j := a + 1; j < b; j++ {
		if relativeWords[toks[j].lower] && cf.tokEnt[j] == NoEntity && !determinesTime(toks, j, b) {
			b = j // "the group that said", not "at that time"
			break
		}
	}
	for b > a && (toks[b-1].kind == punctToken && toks[b-1].text != ")") {
		b--
	}
	// "Ukrainian authorities at that time said": a time phrase ends the
	// phrase, it does not name the source
	if b-a > 2 && timeWords[toks[b-1].lower] {
		for j := b - 2; j > a; j-- {
			if w := toks[j].lower; w == "at" || w == "on" || w == "in" || w == "during" || w == "last" || w == "this" || w == "earlier" || w == "late" {
				b = j
				break
			}
		}
	}
	if a >= b || b-a > 20 {
		return speakerRef{}
	}
	switch toks[a].lower {
	case "whatever", "what", "whoever", "as", "if", "unless", "than", "how", "why", "when":
		return speakerRef{} // "whatever the Houthi channels say": no source
	}
	np := Span{toks[a].Start, toks[b-1].End}
	text := cf.d.slice(np)
	// "Inter-Services Public Relations (ISPR), the military's media wing":
	// a name, then a description of it; the name is the source
	if c := cf.appositionComma(a, b); c > 0 {
		b = c
	}
	// "X, which relies on ..., said": the relative's antecedent
	if relativeWords[toks[a].lower] {
		if a >= 2 && toks[a-1].text == "," && cf.tokEnt[a-2] != NoEntity {
			e := cf.tokEnt[a-2]
			return speakerRef{entity: e, text: cf.ents[e].Name, span: np, valid: true}
		}
		return speakerRef{}
	}
	// a pronoun
	if b-a == 1 {
		w := toks[a].lower
		if personPronouns[w] {
			return cf.antecedent(si, Person, np)
		}
		if groupPronouns[w] {
			return cf.antecedent(si, "", np)
		}
	}
	// "according to its count", "their statement said": what a source
	// issued stands for the source, the possessive's antecedent
	if b-a == 2 && issuedNouns[toks[a+1].lower] {
		var r speakerRef
		switch toks[a].lower {
		case "its", "their":
			r = cf.antecedent(si, "", np)
		case "his", "her":
			r = cf.antecedent(si, Person, np)
		}
		if r.valid {
			return r
		}
	}
	// entities inside the phrase
	var persons, others []int
	seen := map[int]bool{}
	depth := 0
	for ti := a; ti < b; ti++ {
		switch toks[ti].text {
		case "(":
			depth++
		case ")":
			depth--
		}
		e := cf.tokEnt[ti]
		if e == NoEntity || seen[e] {
			continue
		}
		if depth > 0 && len(others)+len(persons) > 0 {
			// "(Gangaw PDF)": the name restated, not a new head; but "The UN
			// stabilisation mission in Congo (MONUSCO)" ends in the name
			// of what the words before describe
			last := ti
			for last+1 < b && cf.tokEnt[last+1] == e {
				last++
			}
			if toks[b-1].text == ")" && toks[ti-1].text == "(" && last == b-2 && cf.ents[e].Type != Person && cf.ents[e].Type != Place {
				seen[e] = true
				others = []int{e}
				persons = nil
			}
			continue
		}
		// "Houthi-run al-Masirah TV", "Syria's Islamic Front": a modifier
		end := ti
		for end < b && cf.tokEnt[end] == e {
			end++
		}
		if end < b && cf.tokEnt[end] == NoEntity && (toks[end].lower == "'s" || toks[end].lower == "’s" || strings.HasPrefix(toks[end].lower, "-")) {
			rest := false
			for tj := end; tj < b; tj++ {
				rest = rest || cf.tokEnt[tj] != NoEntity && cf.tokEnt[tj] != e
			}
			if rest {
				continue
			}
		}
		seen[e] = true
		if cf.ents[e].Type == Person {
			persons = append(persons, e)
		} else {
			others = append(others, e)
		}
	}
	lowerWords := map[string]bool{}
	official := false
	for ti := a; ti < b; ti++ {
		if cf.tokEnt[ti] == NoEntity {
			lowerWords[toks[ti].lower] = true
			if officialHeads[toks[ti].lower] {
				official = true
			}
		}
	}
	// "a rebel negotiator from al-Waer", "residents of Douma": a described
	// source whose phrase names an entity only as a modifier
	firstEnt := -1
	for ti := a; ti < b; ti++ {
		if cf.tokEnt[ti] != NoEntity {
			firstEnt = ti
			break
		}
	}
	if firstEnt > a && prepositions[toks[firstEnt-1].lower] {
		head := false
		for ti := a; ti < firstEnt-1; ti++ {
			if officialHeads[toks[ti].lower] {
				head = false
				break
			}
			if unnamedHeads[toks[ti].lower] || toks[ti].kind == wordToken && !stopCaps[toks[ti].lower] {
				head = true
			}
		}
		if head {
			return speakerRef{entity: NoEntity, text: text, span: np, valid: true}
		}
	}
	if len(persons) > 0 {
		return speakerRef{entity: persons[0], text: text, span: np, valid: true}
	}
	// "the United Nations refugee agency UNHCR", "the regime's official
	// news agency SANA": the last name is the head, unless a preposition
	// stands between ("a spokesman for X")
	if len(others) > 1 {
		// a platform is where something was said, not who said it
		kept := others[:0]
		for _, e := range others {
			if !platforms[strings.ToLower(cf.ents[e].Name)] {
				kept = append(kept, e)
			}
		}
		if len(kept) > 0 {
			others = kept
		}
	}
	if len(others) > 1 {
		prep := false
		first := -1
		for ti := a; ti < b; ti++ {
			if cf.tokEnt[ti] == others[0] && first < 0 {
				first = ti
			}
			if first >= 0 && cf.tokEnt[ti] == NoEntity && prepositions[toks[ti].lower] {
				prep = true
			}
		}
		if !prep {
			others = append([]int{others[len(others)-1]}, others[:len(others)-1]...)
		}
	}
	// places do not speak, countries do ("Russia says")
	kept := others[:0]
	for _, e := range others {
		if cf.ents[e].Type != Place || cf.ents[e].PlaceKind == Country {
			kept = append(kept, e)
		}
	}
	others = kept
	if len(others) > 0 {
		// "a member of X" / "an official of X": an unnamed source, unless
		// the phrase speaks officially for X ("a spokesperson for X").
		if !official && (lowerWords["member"] || lowerWords["members"] || lowerWords["official"] || lowerWords["officials"] || lowerWords["source"] || lowerWords["sources"] || lowerWords["commander"] || lowerWords["fighter"] || lowerWords["fighters"] || lowerWords["officer"] || lowerWords["resident"] || lowerWords["residents"] || lowerWords["activists"] || lowerWords["activist"]) {
			return speakerRef{entity: NoEntity, text: text, span: np, valid: true}
		}
		return speakerRef{entity: others[0], text: text, span: np, valid: true}
	}
	// a description: "the monitor", "the group", "the Observatory"
	if e, ok := cf.description(si, a, b); ok {
		return speakerRef{entity: e, text: text, span: np, valid: true}
	}
	// an unnamed source: "activists", "local media activists", "military
	// sources"; "a shop owner in the same report": the head before a
	// prepositional phrase
	for j := a + 1; j < b-1; j++ {
		if prepositions[toks[j].lower] && unnamedHeads[toks[j-1].lower] && !unnamedHeads[toks[b-1].lower] {
			b = j
			np = Span{toks[a].Start, toks[b-1].End}
			text = cf.d.slice(np)
			break
		}
	}
	// "a local rights organisation", "Rights group": the one organisation
	// of the document whose name shares the description's distinctive word
	if e := cf.namedByDescription(a, b); e != NoEntity {
		return speakerRef{entity: e, text: text, span: np, valid: true}
	}
	last := toks[b-1].lower
	if unnamedHeads[last] || unnamedHeads[strings.TrimSuffix(last, "s")] {
		// "the sources", "they": the same sources as before
		if (toks[a].lower == "the" || toks[a].lower == "these" || toks[a].lower == "those") && b-a == 2 && cf.last.valid && cf.last.entity == NoEntity && strings.HasSuffix(strings.ToLower(cf.last.text), last) {
			return speakerRef{entity: NoEntity, text: cf.last.text, span: np, valid: true}
		}
		if b-a <= 8 {
			return speakerRef{entity: NoEntity, text: text, span: np, valid: true}
		}
	}
	// "The bank said", "Stein said", "The mayor's office said": a source
	// the rules cannot name is still a source. Its words are kept and no
	// entity is guessed (precision first: an unnamed speaker, never a
	// wrong one).
	if cf.sourcePhrase(a, b) {
		return speakerRef{entity: NoEntity, text: text, span: np, valid: true}
	}
	return speakerRef{}
}

// sourcePhrase reports whether tokens [a, b) read as a short noun phrase
// that can be a source: at most five words, opening with a capitalised
// word or a determiner, ending in a word, no verb-like clause words.
func (cf *claimFinder) sourcePhrase(a, b int) bool {
	toks := cf.d.tokens
	if b-a > 5 || toks[b-1].kind != wordToken {
		return false
	}
	switch toks[a].lower {
	case "the", "a", "an", "his", "her", "their", "its":
	default:
		if !toks[a].upper || stopCaps[toks[a].lower] || personPronouns[toks[a].lower] || groupPronouns[toks[a].lower] {
			return false
		}
	}
	for ti := a; ti < b; ti++ {
		w := toks[ti].lower
		if relativeWords[w] || clauseOpeners[w] || negations[w] || timeWords[w] || calendarWords[w] {
			return false
		}
		if _, ok := speechVerbs[w]; ok {
			return false
		}
	}
	return true
}

// appositionComma returns the comma of "NAME, a/an/the DESCRIPTION" in
// tokens [a, b) when the words before it name an actor that is not a
// place, else -1.
func (cf *claimFinder) appositionComma(a, b int) int {
	toks := cf.d.tokens
	depth := 0
	for ti := a; ti < b; ti++ {
		switch toks[ti].text {
		case "(":
			depth++
		case ")":
			depth--
		case ",":
			if depth != 0 || ti+1 >= b {
				return -1
			}
			if w := toks[ti+1].lower; w != "a" && w != "an" && w != "the" {
				return -1
			}
			for tj := a; tj < ti; tj++ {
				if e := cf.tokEnt[tj]; e != NoEntity && cf.ents[e].Type != Place {
					return ti
				}
			}
			return -1
		}
	}
	return -1
}

// namedByDescription resolves an organisation described by a kind and a
// distinctive word ("a local rights organisation", "the humanitarian
// agency") to the one organisation of the document whose name has that
// word ("Sahel Civic Rights Observatory"); NoEntity when none or several
// fit.
func (cf *claimFinder) namedByDescription(a, b int) int {
	toks := cf.d.tokens
	if b-a < 2 || b-a > 5 || !orgDescriptionHeads[toks[b-1].lower] {
		return NoEntity
	}
	var words []string
	for ti := a; ti < b-1; ti++ {
		w := toks[ti].lower
		if cf.tokEnt[ti] != NoEntity || toks[ti].kind != wordToken || plainModifiers[w] {
			continue
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return NoEntity
	}
	found := NoEntity
	for ei, e := range cf.ents {
		if e.Type != Organization || len(e.Mentions) == 0 {
			continue
		}
		name := strings.Fields(strings.ToLower(e.Name))
		for _, w := range words {
			if slices.Contains(name, w) {
				if found != NoEntity && found != ei {
					return NoEntity // two fit: do not guess
				}
				found = ei
			}
		}
	}
	return found
}

// description resolves "the monitor", "the Observatory", "the group", "the
// activist" to the latest fitting entity named before sentence si.
func (cf *claimFinder) description(si, a, b int) (int, bool) {
	toks := cf.d.tokens
	if !(toks[a].lower == "the" || toks[a].lower == "this") || b-a > 5 {
		return 0, false
	}
	head := toks[b-1].lower
	for ti := a; ti < b; ti++ {
		if w := toks[ti].lower; w == "monitoring" || w == "monitor" {
			head = "monitor" // "the Britain-based monitoring group"
		}
	}
	// "the Humanitarian Coordinator said" after "The Humanitarian
	// Coordinator in South Sudan, Karin Ostberg,": the one person the text
	// gave that role
	if titles[head] {
		if e := cf.personOfRole(head, toks[a].Start); e != NoEntity {
			return e, true
		}
	}
	var want EntityType
	switch head {
	case "statement", "communique", "communiqué", "report", "release", "post", "message":
		// "the statement said": whoever issued the statement the text
		// reported last
		for i := len(cf.claims) - 1; i >= 0 && i >= len(cf.claims)-3; i-- {
			c := cf.claims[i]
			if c.Speaker != NoEntity && c.Kind != Narrative && c.Sentence >= si-2 && cf.ents[c.Speaker].Type != Person {
				return c.Speaker, true
			}
		}
		// else the group or organisation that opens the sentence before
		// ("The RSF issued a statement on Sunday.")
		if si > 0 {
			prev := cf.d.sentences[si-1]
			for ti := prev.tokStart; ti < prev.tokEnd && ti < prev.tokStart+3; ti++ {
				if e := cf.tokEnt[ti]; e != NoEntity {
					if t := cf.ents[e].Type; t == Organization || t == ArmedGroup {
						return e, true
					}
					break
				}
			}
		}
		return 0, false
	case "ministry", "office", "department", "commission", "mission", "authority", "authorities":
		want = Organization
	case "monitor", "observatory", "organization", "organisation", "ngo", "agency", "watchdog", "body", "network", "committee", "council":
		want = Organization
	case "group", "militia", "movement", "faction", "coalition", "alliance", "rebels", "jihadists", "insurgents":
		want = ArmedGroup
	case "activist", "spokesman", "spokesperson", "spokeswoman", "commander", "official", "journalist", "man", "woman", "leader", "chief", "minister", "general", "colonel", "doctor", "resident", "witness", "source":
		want = Person
	default:
		return 0, false
	}
	// "the network", "the observatory": the one entity whose own name has
	// the head word, when exactly one does
	if want == Organization {
		named := NoEntity
		for ei, e := range cf.ents {
			if e.Type == Organization && len(e.Mentions) > 0 && e.Mentions[0].Start < toks[a].Start && slices.Contains(strings.Fields(strings.ToLower(e.Name)), head) {
				if named != NoEntity {
					named = NoEntity
					break
				}
				named = ei
			}
		}
		if named != NoEntity {
			return named, true
		}
	}
	// "the group": the group named last; "the monitor", "the activist":
	// the latest speaker of that type, else the latest mention
	for i := len(cf.claims) - 1; i >= 0 && want != ArmedGroup; i-- {
		c := cf.claims[i]
		if c.Speaker != NoEntity && c.Kind != Narrative && typeFits(cf.ents[c.Speaker], want, head) {
			return c.Speaker, true
		}
	}
	end := toks[a].Start
	best, bestPos := NoEntity, -1
	if want == ArmedGroup && len(cf.claims) > 0 {
		// "“...,” the statement said. The faction blamed ...": the group
		// that has just spoken
		if c := cf.claims[len(cf.claims)-1]; c.Kind != Narrative && c.Speaker != NoEntity && c.Sentence >= si-1 && typeFits(cf.ents[c.Speaker], want, head) {
			return c.Speaker, true
		}
	}
	if want == ArmedGroup {
		// "the group": the first group of the nearest sentence before that
		// names one, its likely subject
		for sj := si - 1; sj >= 0 && sj >= si-4; sj-- {
			s := cf.d.sentences[sj]
			for ti := s.tokStart; ti < s.tokEnd; ti++ {
				if e := cf.tokEnt[ti]; e != NoEntity && typeFits(cf.ents[e], want, head) {
					return e, true
				}
			}
		}
	}
	for ei, e := range cf.ents {
		if !typeFits(e, want, head) {
			continue
		}
		for _, m := range e.Mentions {
			if m.End <= end && m.Start > bestPos {
				best, bestPos = ei, m.Start
			}
		}
	}
	if best == NoEntity {
		return 0, false
	}
	return best, true
}

func typeFits(e Entity, want EntityType, head string) bool {
	if e.Type == want {
		return true
	}
	// "the group" may be an organisation too; "the Observatory" names itself
	if want == ArmedGroup && e.Type == Organization && head == "group" {
		return true
	}
	return strings.Contains(strings.ToLower(e.Name), head)
}

// personOpening is the person whose name opens sentence si, its subject,
// or NoEntity (also when si is before the first sentence).
func (cf *claimFinder) personOpening(si int) int {
	if si < 0 {
		return NoEntity
	}
	s := cf.d.sentences[si]
	if s.tokStart >= s.tokEnd {
		return NoEntity
	}
	if e := cf.tokEnt[s.tokStart]; e != NoEntity && cf.ents[e].Type == Person {
		return e
	}
	return NoEntity
}

// antecedent resolves a pronoun: the latest named speaker of the type
// (he/she: a person), else the latest person mentioned.
func (cf *claimFinder) antecedent(si int, want EntityType, np Span) speakerRef {
	text := cf.d.slice(np)
	// "Shandana Mirza of the PTI demanded a briefing. 'The people ...,' she
	// said": a person opening the sentence before, as its subject, is
	// nearer than the last speaker
	if want == Person && cf.last.valid && cf.lastSentence < si-1 {
		if e := cf.personOpening(si - 1); e != NoEntity && e != cf.last.entity {
			return speakerRef{entity: e, text: text, span: np, valid: true}
		}
	}
	if cf.last.valid && si-cf.lastSentence <= 4 {
		if want == "" || cf.last.entity != NoEntity && cf.ents[cf.last.entity].Type == want {
			if cf.last.entity == NoEntity {
				text = cf.last.text
			}
			return speakerRef{entity: cf.last.entity, text: text, span: np, valid: true}
		}
	}
	// "a local official who asked not to be named said ... He added":
	// "he" is the unnamed source just quoted, not a name read earlier
	if want == Person && cf.last.valid && cf.last.entity == NoEntity && si-cf.lastSentence <= 2 && personDescription(cf.last.text) {
		return speakerRef{entity: NoEntity, text: cf.last.text, span: np, valid: true}
	}
	if want == Person {
		// the person who opens the sentence before ("Abdikarim Warsame,
		// the district commissioner, spoke to the Review's Hodan Ali
		// Farah. He tells ..."): the subject, not the last name read
		if e := cf.personOpening(si - 1); e != NoEntity {
			return speakerRef{entity: e, text: text, span: np, valid: true}
		}
		best, bestPos := NoEntity, -1
		for ei, e := range cf.ents {
			if e.Type != Person || cf.interview != nil && ei == cf.interview.interviewer {
				continue
			}
			for _, m := range e.Mentions {
				if m.End <= np.Start && m.Start > bestPos {
					best, bestPos = ei, m.Start
				}
			}
		}
		// precision first: with another person named as near, the
		// pronoun's words are kept and no one is guessed
		if best != NoEntity && !cf.otherPersonNear(si, best, np.Start) {
			return speakerRef{entity: best, text: text, span: np, valid: true}
		}
		if best != NoEntity {
			return speakerRef{entity: NoEntity, text: text, span: np, valid: true}
		}
	}
	return speakerRef{}
}

// personOfRole returns the one person a mention of whom, before pos,
// stands next to the role word role in the same clause ("the district
// commissioner, Abdikarim Warsame", "Karin Ostberg, the Humanitarian
// Coordinator"), or NoEntity when none or several do.
func (cf *claimFinder) personOfRole(role string, pos int) int {
	toks := cf.d.tokens
	found := NoEntity
	for ei, e := range cf.ents {
		if e.Type != Person {
			continue
		}
		for _, m := range e.Mentions {
			if m.End > pos {
				break
			}
			first, last := cf.tokenAt(m.Start), cf.tokenAt(m.End-1)
			near := false
			for ti := first - 1; ti >= 0 && ti >= first-6 && !near; ti-- {
				if toks[ti].text == "." || toks[ti].text == ";" {
					break
				}
				near = toks[ti].lower == role
			}
			for ti := last + 1; ti < len(toks) && ti <= last+6 && !near; ti++ {
				if toks[ti].text == "." || toks[ti].text == ";" {
					break
				}
				near = toks[ti].lower == role
			}
			if !near {
				continue
			}
			if found != NoEntity && found != ei {
				return NoEntity
			}
			found = ei
			break
		}
	}
	return found
}

// otherPersonNear reports whether a person other than e is named between
// the start of sentence si-1 and pos: then "he" could be either.
func (cf *claimFinder) otherPersonNear(si, e, pos int) bool {
	from := cf.d.sentences[max(0, si-1)].Start
	for ei, o := range cf.ents {
		if ei == e || o.Type != Person || cf.interview != nil && ei == cf.interview.interviewer {
			continue
		}
		for _, m := range o.Mentions {
			if m.Start >= from && m.End <= pos {
				return true
			}
		}
	}
	return false
}

// personDescription reports whether the words of an unnamed source
// describe one person ("a local elected official", "one resident"), whom
// "he" or "she" can then stand for.
func personDescription(text string) bool {
	for _, w := range strings.Fields(strings.ToLower(text)) {
		w = strings.Trim(w, ",.;:")
		if titles[w] || singlePersonHeads[w] {
			return true
		}
	}
	return false
}

// stripOpener drops a sentence opener ("Meanwhile, ") from a span.
func (cf *claimFinder) stripOpener(sp Span) Span {
	toks := cf.d.tokens
	i := cf.tokenAt(sp.Start)
	if i+1 < len(toks) && discourseOpeners[toks[i].lower] && toks[i+1].text == "," {
		if i+2 < len(toks) {
			sp.Start = toks[i+2].Start
		}
	}
	return sp
}

// trimContent trims spaces and a trailing comma or period (but keeps a
// closing quotation mark's sentence) from a content span.
func trimContent(runes []rune, sp Span) Span {
	s, e := trimSpan(runes, sp.Start, sp.End)
	for e > s && (runes[e-1] == ',' || runes[e-1] == ';' || runes[e-1] == ':' || runes[e-1] == '.' && (e-1 == s || runes[e-2] != '.')) {
		e--
		s, e = trimSpan(runes, s, e)
	}
	return Span{s, e}
}

// ---- building claims ----

func (cf *claimFinder) newClaim(si int, kind ClaimKind, content Span, spk speakerRef, cueText string, cueSpan Span, rule string, conf float64) Claim {
	c := Claim{
		Kind:        kind,
		Span:        content,
		Text:        cf.d.slice(content),
		Cue:         cueText,
		CueSpan:     cueSpan,
		Speaker:     NoEntity,
		SpeakerText: spk.text,
		SpeakerSpan: spk.span,
		Sentence:    si,
		Rule:        rule,
		Confidence:  conf,
	}
	if spk.valid {
		c.Speaker = spk.entity
	}
	if c.Speaker != NoEntity && c.SpeakerText == "" {
		c.SpeakerText = cf.ents[c.Speaker].Name
	}
	c.About = cf.about(content, c.Speaker)
	return c
}

// about lists the entities mentioned inside span, other than the speaker.
func (cf *claimFinder) about(sp Span, speaker int) []int {
	out := []int{}
	seen := map[int]bool{}
	for ti := cf.tokenAt(sp.Start); ti < len(cf.d.tokens) && cf.d.tokens[ti].End <= sp.End; ti++ {
		e := cf.tokEnt[ti]
		if e != NoEntity && e != speaker && !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

func (cf *claimFinder) add(c Claim) {
	if c.Span.Len() == 0 {
		return
	}
	cf.claims = append(cf.claims, c)
	if c.Kind != Narrative {
		cf.claimed[c.Sentence] = true
		cf.last = speakerRef{entity: c.Speaker, text: c.SpeakerText, span: c.SpeakerSpan, valid: true}
		cf.lastSentence = c.Sentence
	}
}

// narrative records a sentence in the publisher's own voice that names two
// or more entities: what the publisher says about actors and places. (A
// sentence that asserts a relation gets its narrative claim from the
// relation rules in any case.) Sentences naming one entity or none are not
// stored as claims: they would double the claims of an archive for little
// a fact-checker asks of them, and their mentions are stored anyway.
func (cf *claimFinder) narrative(si int, sp Span) {
	if cf.x == nil {
		return
	}
	s := cf.d.sentences[si]
	first := NoEntity
	named := false
	for ti := s.tokStart; ti < s.tokEnd; ti++ {
		if e := cf.tokEnt[ti]; e != NoEntity {
			if first == NoEntity {
				first = e
			} else if e != first {
				named = true
				break
			}
		}
	}
	if !named {
		return
	}
	c := cf.newClaim(si, Narrative, trimContent(cf.d.runes, sp), speakerRef{entity: NoEntity}, "", Span{}, "narrative", 0.5)
	cf.add(c)
}

// restIsShort reports whether little follows a cue in its sentence: at
// most a time phrase or the speaker ("..., X said Tuesday.", "..., said X
// of Y."), or a trailing clause after a comma ("..., while ..."). Then the
// content stands before the cue.
func (cf *claimFinder) restIsShort(si int, c cue) bool {
	s := cf.d.sentences[si]
	toks := cf.d.tokens
	n := 0
	for ti := c.end; ti < s.tokEnd; ti++ {
		t := toks[ti]
		if t.text == "," && ti+1 < s.tokEnd {
			if w := toks[ti+1].lower; w == "saying" || w == "adding" || w == "stating" || w == "noting" {
				return false // "X posted a statement, saying ...": preposed
			}
		}
		if t.text == "," || t.text == "." || t.text == ";" {
			return n <= 8
		}
		if t.lower == "that" {
			return false
		}
		n++
	}
	return n <= 8
}

// isUpperWord reports whether w is written in capitals (a dateline city).
func isUpperWord(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 3
}

// headlineSpeaker reads the speaker of a headline. A role phrase ("FSA
// spokesman", "Syria's Nusra chief", "Activist") is kept as words, to be
// resolved to the article's main speaker once the article is read; a
// plain name is the entity it names.
func (cf *claimFinder) headlineSpeaker(a, b, si int) speakerRef {
	toks := cf.d.tokens
	np := Span{toks[a].Start, toks[b-1].End}
	text := cf.d.slice(np)
	last := toks[b-1].lower
	personRole := titles[last] || memberWords[last]
	if spk := cf.speakerFromTokens(a, b, si); spk.valid && spk.entity != NoEntity && (!personRole || cf.tokEnt[b-1] != NoEntity) {
		return spk // "Nigerian army says", "Russia says"
	}
	if isDescription(text) {
		return speakerRef{entity: NoEntity, text: text, span: np, valid: true}
	}
	if spk := cf.speakerFromTokens(a, b, si); spk.valid {
		return spk
	}
	return speakerRef{entity: NoEntity, text: text, span: np, valid: true}
}

// subjectStart moves from to the start of the clause that holds the cue:
// past a ";", past a clause opener ("after", "as", ", but") that is not
// inside a name, and past a leading phrase that ends in a comma ("earlier
// in the day,").
func (cf *claimFinder) subjectStart(si, from, cueTok int) int {
	toks := cf.d.tokens
	// "CHIANG MAI, Thailand, Nov 21 (Chindwin Wire) - The KIA said": the
	// dateline before the dash is not the subject
	s := cf.d.sentences[si]
	if from == s.tokStart && s.lineFirst {
		from = lineLabelEnd(cf.d, si)
	}
	if from == s.tokStart {
		for j := from + 1; j < cueTok && j < from+16; j++ {
			if (toks[j].text == "-" || toks[j].text == "—" || toks[j].text == "–") && (toks[j-1].text == ")" || toks[j-1].kind == numberToken || toks[j-1].upper) {
				from = j + 1
				break
			}
		}
	}
	start := from
	for j := cueTok - 1; j > from; j-- {
		t := toks[j]
		if cf.tokEnt[j] != NoEntity || cf.inQuote(t.Start) {
			continue
		}
		if determinesTime(toks, j, cueTok) {
			continue // "at that time said": a determiner, not a clause
		}
		if t.text == ";" || clauseOpeners[t.lower] || (t.lower == "and" && toks[j-1].text == ",") {
			start = j + 1
			break
		}
	}
	if start == from {
		return from
	}
	// a leading phrase ending in a comma
	for j := start; j < cueTok && j < start+10; j++ {
		if toks[j].text == "," {
			w := toks[start].lower
			if phraseStarts[w] || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ing") {
				return j + 1
			}
			break
		}
		if cf.tokEnt[j] != NoEntity {
			break
		}
	}
	return start
}

// titleCaseSpan reports whether every longer word of sp is capitalised: a
// quoted name ("Deir e-Zor Under Fire"), not quoted speech.
func (cf *claimFinder) titleCaseSpan(sp Span) bool {
	for ti := cf.tokenAt(sp.Start); ti < len(cf.d.tokens) && cf.d.tokens[ti].End <= sp.End; ti++ {
		t := cf.d.tokens[ti]
		if t.kind == wordToken && len(t.text) > 3 && !t.upper {
			return false
		}
	}
	return true
}

// invertedCue reports whether a cue stands right after a comma (or a
// closing quote) and is followed by its speaker: "..., said an emergency
// worker", "..., reported malaymail".
func (cf *claimFinder) invertedCue(si int, c cue) bool {
	toks := cf.d.tokens
	s := cf.d.sentences[si]
	if c.according || c.participle || c.tok <= s.tokStart+2 || c.end >= s.tokEnd {
		return false
	}
	p := toks[c.tok-1].text
	if p != "," && p != "”" && p != "\"" {
		return false
	}
	verb := toks[c.tok].lower
	if verb == "told" || verb == "tells" || verb == "tell" || verb == "informed" {
		return false // "X, a journalist, told ARA News that ...": an addressee
	}
	for j := c.end; j < s.tokEnd && j < c.end+8; j++ {
		if toks[j].lower == "that" {
			return false
		}
	}
	n := toks[c.end]
	return n.kind == wordToken && (n.upper || n.lower == "a" || n.lower == "an" || n.lower == "the" || n.lower == "one" || cf.tokEnt[c.end] != NoEntity || unnamedHeads[n.lower])
}

// participleClause records ", adding (that) ...", ", saying ..." after a
// claim's cue as a further claim of the same speaker.
func (cf *claimFinder) participleClause(si, from int, spk speakerRef) {
	s := cf.d.sentences[si]
	toks := cf.d.tokens
	for ti := from; ti+1 < s.tokEnd; ti++ {
		if toks[ti].text != "," || cf.inQuote(toks[ti].Start) {
			continue
		}
		p := ti + 1
		// ", before saying that ...": a second act of speech
		if w := toks[p].lower; (w == "before" || w == "after" || w == "then" || w == "also" || w == "while") && p+1 < s.tokEnd {
			p++
		}
		w := toks[p].lower
		if w != "adding" && w != "saying" && w != "noting" && w != "stressing" && w != "warning" && w != "insisting" && w != "explaining" {
			continue
		}
		ti = p - 1
		start := ti + 2
		if start < s.tokEnd && toks[start].lower == "that" {
			start++
		}
		if start >= s.tokEnd {
			return
		}
		content := trimContent(cf.d.runes, Span{toks[start].Start, s.End})
		if countWords(cf.d.slice(content)) >= 3 {
			cl := cf.newClaim(si, Indirect, content, spk, toks[ti+1].text, toks[ti+1].Span, "participle-clause", 0.7)
			cf.add(cl)
		}
		return
	}
}

// speakerAtQuoteEnd finds, for a quote of sentence si that goes on past
// the sentence, the speaker named right after the quote closes.
func (cf *claimFinder) speakerAtQuoteEnd(si int, q Span) (speakerRef, bool) {
	s := cf.d.sentences[si]
	var full Span
	for _, fq := range cf.quotes {
		if fq.Start <= q.Start && fq.End >= q.End {
			full = fq
			break
		}
	}
	if full.End <= s.End {
		return speakerRef{}, false
	}
	sj := si
	for sj < len(cf.d.sentences) && cf.d.sentences[sj].End < full.End {
		sj++
	}
	if sj >= len(cf.d.sentences) || sj-si > 6 {
		return speakerRef{}, false
	}
	for _, c := range cf.cues(sj) {
		ct := cf.d.tokens[c.tok]
		if c.according || ct.Start < full.End {
			continue
		}
		qEnd := cf.tokenAt(full.End)
		if c.tok-qEnd > 12 {
			break
		}
		a := qEnd
		for a < c.tok && cf.d.tokens[a].kind == punctToken {
			a++
		}
		var spk speakerRef
		if a < c.tok {
			spk = cf.subjectOf(sj, a, c.tok)
		} else {
			spk = cf.speakerAfter(c.end, cf.d.sentences[sj].tokEnd, sj)
		}
		return spk, spk.valid
	}
	return speakerRef{}, false
}

// publisherName is the name of the document's publisher entity, if any.
func (cf *claimFinder) publisherName() string {
	for _, e := range cf.ents {
		if e.Rule == "publisher" || e.Rule == "publisher-name" {
			return e.Name
		}
	}
	return cf.a.Publisher
}

// nestedAttribution records, inside an interview answer, what the answer
// attributes to someone else ("The regime said that they would allow
// aid"), as a claim of that source besides the answer itself.
func (cf *claimFinder) nestedAttribution(si int) {
	iv := cf.interview
	last, lastSentence := cf.last, cf.lastSentence
	n := len(cf.claims)
	if !cf.attributed(si) {
		return
	}
	// keep only claims of another named or unnamed source
	kept := cf.claims[:n]
	for _, c := range cf.claims[n:] {
		if c.Speaker != NoEntity && c.Speaker == iv.interviewee.entity || c.Kind == Narrative {
			continue
		}
		if c.Speaker == NoEntity && personPronouns[strings.ToLower(c.SpeakerText)] {
			continue
		}
		kept = append(kept, c)
	}
	cf.claims = kept
	cf.last, cf.lastSentence = last, lastSentence
}

// labelledLine records a line "Source: content" inside an article, where
// Source is an organisation, group or person the text names.
func (cf *claimFinder) labelledLine(si int) bool {
	s := cf.d.sentences[si]
	toks := cf.d.tokens
	if lineLabelEnd(cf.d, si) > s.tokStart {
		return false // "Editor's note:", "09:15 —": the publisher's, no speaker's
	}
	for ti := s.tokStart + 1; ti < s.tokEnd && ti <= s.tokStart+6; ti++ {
		if toks[ti].text != ":" {
			continue
		}
		e := cf.tokEnt[s.tokStart]
		if e == NoEntity || cf.ents[e].Type == Place {
			return false
		}
		for j := s.tokStart; j < ti; j++ {
			if cf.tokEnt[j] != e {
				return false
			}
		}
		content := trimContent(cf.d.runes, Span{toks[ti].End, s.End})
		if countWords(cf.d.slice(content)) < 3 {
			return false
		}
		spk := speakerRef{entity: e, text: cf.d.slice(Span{toks[s.tokStart].Start, toks[ti-1].End}), span: Span{toks[s.tokStart].Start, toks[ti-1].End}, valid: true}
		// the label holds for the line's other sentences (labelContinued)
		cf.lineLabel, cf.lineLabelOf = spk, s.line
		if isQuestion(cf.d.slice(content)) {
			return true // a presenter's question is no claim
		}
		cf.add(cf.newClaim(si, Statement, content, spk, ":", toks[ti].Span, "labelled-line", 0.65))
		return true
	}
	return false
}

// lineLabelEnd returns the token after a label that opens line sentence
// si and is no part of what the line says: a live blog's time stamp
// ("09:15 —", "11:20 GMT:") or an editorial label ("Editor's note:",
// "Background:"); the sentence's first token when there is none.
func lineLabelEnd(d *doc, si int) int {
	if end := editorialLabelEnd(d, si); end > d.sentences[si].tokStart {
		return end
	}
	return timeStampEnd(d, si)
}

// timeStampEnd returns the token after a time stamp that opens sentence si
// ("09:15 —", "9.40am:", "11:20 GMT -"), or its first token.
func timeStampEnd(d *doc, si int) int {
	s := d.sentences[si]
	toks := d.tokens
	i := s.tokStart
	if i+2 >= s.tokEnd || toks[i].kind != numberToken || toks[i+1].text != ":" && toks[i+1].text != "." || toks[i+2].kind != numberToken && !strings.HasSuffix(toks[i+2].lower, "am") && !strings.HasSuffix(toks[i+2].lower, "pm") {
		return i
	}
	j := i + 3
	for j < s.tokEnd && j < i+5 && toks[j].kind == wordToken && timeZoneWords[toks[j].lower] {
		j++ // "GMT", "local time"
	}
	if j < s.tokEnd && (toks[j].text == "—" || toks[j].text == "–" || toks[j].text == "-" || toks[j].text == ":" || toks[j].text == "|") {
		return j + 1
	}
	return i
}

// editorialLabelEnd returns the token after an editorial label that opens
// line sentence si ("Editor's note:", "Note:", "Background:", "Update:"),
// or its first token.
func editorialLabelEnd(d *doc, si int) int {
	s := d.sentences[si]
	toks := d.tokens
	i := s.tokStart
	var words []string
	for j := i; j < s.tokEnd && j < i+5; j++ {
		if toks[j].text == ":" {
			if editorialLabels[strings.Join(words, " ")] {
				return j + 1
			}
			return i
		}
		words = append(words, strings.ReplaceAll(toks[j].lower, "’", "'"))
	}
	return i
}
