package extract

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// projectArticles reads the project's own articles (../testdata/articles).
func projectArticles(t testing.TB) map[string]Article {
	t.Helper()
	out := readArticles(t, filepath.Join("..", "testdata", "articles"))
	if len(out) == 0 {
		t.Fatal("no articles in ../testdata/articles")
	}
	return out
}

// readArticles reads every NAME.txt article of dir, by NAME.
func readArticles(t testing.TB, dir string) map[string]Article {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Article{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		h, body, err := ParseArticle(string(raw))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".txt")] = Article{Text: body, Title: h.Title, Publisher: h.Publisher, Kind: h.Kind}
	}
	return out
}

// runeSlice is Python's text[start:end] on code points.
func runeSlice(text string, s Span) (string, error) {
	r := []rune(text)
	if s.Start < 0 || s.End > len(r) || s.Start > s.End {
		return "", fmt.Errorf("span %d:%d outside a text of %d code points", s.Start, s.End, len(r))
	}
	return string(r[s.Start:s.End]), nil
}

// checkInvariants verifies what every Result must hold: spans slice back
// to their text, indexes are in range, and relations point at claims.
func checkInvariants(t *testing.T, name string, a Article, r Result) {
	t.Helper()
	check := func(what string, s Span, want string) {
		got, err := runeSlice(a.Text, s)
		if err != nil {
			t.Errorf("%s: %s: %v", name, what, err)
			return
		}
		if got != want {
			t.Errorf("%s: %s: text[%d:%d] = %q, recorded %q", name, what, s.Start, s.End, got, want)
		}
	}
	for i, s := range r.Sentences {
		check(fmt.Sprintf("sentences[%d]", i), s.Span, s.Text)
	}
	for i, e := range r.Entities {
		if e.Key == "" || e.Name == "" {
			t.Errorf("%s: entities[%d] has no key or name: %+v", name, i, e)
		}
		for j, m := range e.Mentions {
			check(fmt.Sprintf("entities[%d].mentions[%d]", i, j), m.Span, m.Text)
		}
	}
	for i, c := range r.Claims {
		check(fmt.Sprintf("claims[%d]", i), c.Span, c.Text)
		if c.Speaker != NoEntity && (c.Speaker < 0 || c.Speaker >= len(r.Entities)) {
			t.Errorf("%s: claims[%d].speaker %d out of range", name, i, c.Speaker)
		}
		if c.Sentence < 0 || c.Sentence >= len(r.Sentences) {
			t.Errorf("%s: claims[%d].sentence %d out of range", name, i, c.Sentence)
		}
		if c.Rule == "" || c.Confidence <= 0 || c.Confidence > 1 {
			t.Errorf("%s: claims[%d] lacks a rule or confidence: %q %v", name, i, c.Rule, c.Confidence)
		}
		for _, e := range c.About {
			if e < 0 || e >= len(r.Entities) {
				t.Errorf("%s: claims[%d].about has %d out of range", name, i, e)
			}
		}
	}
	for i, rel := range r.Relations {
		if rel.Subject < 0 || rel.Subject >= len(r.Entities) || rel.Object < 0 || rel.Object >= len(r.Entities) || rel.Claim < 0 || rel.Claim >= len(r.Claims) {
			t.Errorf("%s: relations[%d] index out of range: %+v", name, i, rel)
			continue
		}
		if rel.Subject == rel.Object {
			t.Errorf("%s: relations[%d] relates an entity to itself", name, i)
		}
		if _, err := runeSlice(a.Text, rel.Span); err != nil {
			t.Errorf("%s: relations[%d]: %v", name, i, err)
		}
	}
	if r.Publisher != NoEntity && (r.Publisher < 0 || r.Publisher >= len(r.Entities)) {
		t.Errorf("%s: publisher %d out of range", name, r.Publisher)
	}
}

// TestInvariantsOnSharedCorpus runs the same checks on the measurement
// corpus beside the repository (../shared/corpus), when it is there: real
// articles reach sentence shapes our own do not.
func TestInvariantsOnSharedCorpus(t *testing.T) {
	articles := readArticles(t, filepath.Join("..", "..", "shared", "corpus"))
	if len(articles) == 0 {
		t.Skip("no ../shared/corpus beside the repository")
	}
	x := newTestExtractor(t)
	for name, a := range articles {
		checkInvariants(t, name, a, x.Extract(a))
	}
}

func TestInvariantsOnProjectArticles(t *testing.T) {
	x := newTestExtractor(t)
	for name, a := range projectArticles(t) {
		checkInvariants(t, name, a, x.Extract(a))
	}
}

// TestInvariantsOnHardText: offsets stay code points with characters
// outside the BMP, combining accents, CRLF line ends, unclosed quotes and
// empty or odd input.
func TestInvariantsOnHardText(t *testing.T) {
	x := newTestExtractor(t)
	cases := map[string]string{
		"emoji":      "🔥🔥 The Syrian Observatory for Human Rights said 😀 that 40 people were killed in Idlib.\n“ISIS attacked the town,” said Ahmed Hassan 🙏.",
		"combining":  "Deir e\u0301-Zor is held by ISIS, activists said.\r\nThe regime shelled Douma, the Observatory said.\r\n",
		"unclosed":   "“This quote never closes, he said\nQ: Are there battles?\nNo, never.\n\"Straight quote",
		"empty":      "",
		"spaces":     "   \n\n\t  ",
		"punctuated": "... !!! ??? “” ‘’ [] () — – -",
		"long-run":   strings.Repeat("Free Syrian Army ", 300) + "said that it advanced.",
	}
	for name, text := range cases {
		a := Article{Text: text, Publisher: "Test Wire", Title: "Test"}
		if !utf8.ValidString(text) {
			t.Fatalf("%s: invalid test input", name)
		}
		checkInvariants(t, name, a, x.Extract(a))
	}
}

// summary is the reviewable gist of a Result, kept as a golden file so a
// change to the rules shows as a diff of what it extracts.
type summary struct {
	Entities  []string `json:"entities"`
	Claims    []string `json:"claims"`
	Relations []string `json:"relations"`
}

func summarize(r Result) summary {
	s := summary{Entities: []string{}, Claims: []string{}, Relations: []string{}}
	for _, e := range r.Entities {
		kind := string(e.Type)
		if e.PlaceKind != "" {
			kind += "/" + string(e.PlaceKind)
		}
		s.Entities = append(s.Entities, fmt.Sprintf("%s %s (%s, %d mentions)", kind, e.Name, e.Rule, len(e.Mentions)))
	}
	speaker := func(c Claim) string {
		if c.Speaker != NoEntity {
			return r.Entities[c.Speaker].Name
		}
		return "~" + c.SpeakerText
	}
	for _, c := range r.Claims {
		if c.Kind == Narrative {
			continue
		}
		s.Claims = append(s.Claims, fmt.Sprintf("%s [%s] %s: %s", c.Kind, c.Cue, speaker(c), c.Text))
	}
	for _, rel := range r.Relations {
		s.Relations = append(s.Relations, fmt.Sprintf("%s %s %s %v (by %s; %s)", r.Entities[rel.Subject].Name, rel.Predicate, r.Entities[rel.Object].Name, rel.Polarity, speaker(r.Claims[rel.Claim]), rel.Rule))
	}
	return s
}

// TestGoldenSummaries compares what each project article yields with
// testdata/golden/NAME.json; go test ./extract -run TestGoldenSummaries
// -update rewrites them after an intended change (review the diff).
func TestGoldenSummaries(t *testing.T) {
	x := newTestExtractor(t)
	for name, a := range projectArticles(t) {
		got, err := json.MarshalIndent(summarize(x.Extract(a)), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		path := filepath.Join("testdata", "golden", name+".json")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run with -update to create it)", name, err)
		}
		if string(got) != string(want) {
			t.Errorf("%s: extraction differs from %s; if the change is intended, run go test ./extract -run TestGoldenSummaries -update and review the diff", name, path)
		}
	}
}

// TestAttributionForms checks one sentence of each attribution form the
// rules handle, with the speaker, kind and content they must give.
func TestAttributionForms(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name, text           string
		speaker, kind, text_ string
	}{
		{"quote then cue", "“The town has fallen to the rebels,” said Ahmed Hassan, a local activist.", "Ahmed Hassan", "DIRECT_QUOTE", "The town has fallen to the rebels"},
		{"cue then quote", "Ahmed Hassan, a local activist, said: “The town has fallen to the rebels.”", "Ahmed Hassan", "DIRECT_QUOTE", "The town has fallen to the rebels"},
		{"indirect", "The Syrian Observatory for Human Rights said that 40 people were killed in Idlib.", "Syrian Observatory for Human Rights", "INDIRECT", "40 people were killed in Idlib"},
		{"according to", "According to the Syrian Observatory for Human Rights, 40 people were killed in Idlib.", "Syrian Observatory for Human Rights", "ACCORDING_TO", "40 people were killed in Idlib"},
		{"according to after", "Forty people were killed in Idlib on Sunday, according to the Syrian Observatory for Human Rights.", "Syrian Observatory for Human Rights", "ACCORDING_TO", "Forty people were killed in Idlib on Sunday"},
		{"postposed announcement", "More than 2,000 families fled Idlib province, the Syrian Observatory for Human Rights announced Tuesday.", "Syrian Observatory for Human Rights", "STATEMENT", "More than 2,000 families fled Idlib province"},
		{"unnamed source", "Local activists said that regime aircraft struck a market in Douma.", "~Local activists", "INDIRECT", "regime aircraft struck a market in Douma"},
		{"spokesperson speaks for the group", "A spokesperson for the Rapid Support Forces said the group had repelled the attack.", "Rapid Support Forces", "INDIRECT", "the group had repelled the attack"},
		{"told", "Ahmed Hassan told Reuters that the convoy had been stopped at the checkpoint.", "Ahmed Hassan", "INDIRECT", "the convoy had been stopped at the checkpoint"},
		{"the statement said", "The Rapid Support Forces issued a statement on Sunday. “Our forces hold the airport,” the statement said.", "Rapid Support Forces", "DIRECT_QUOTE", "Our forces hold the airport"},
		{"a time phrase before the cue", "Local officials at that time said the road to Hama was open.", "~Local officials", "INDIRECT", "the road to Hama was open"},
		{"a dated cue", "Ahmed Hassan said Tuesday the convoy had been stopped.", "Ahmed Hassan", "INDIRECT", "the convoy had been stopped"},
		{"a name with an ampersand", "The Armed Conflict Location & Event Data Project said attacks on aid workers had doubled.", "Armed Conflict Location & Event Data Project", "INDIRECT", "attacks on aid workers had doubled"},
		{"an honorific is no part of the name", "Mawlawi Abdul Rahim Sharifi, the police chief, told reporters that the attack did not mean the group was regaining ground.", "Abdul Rahim Sharifi", "INDIRECT", "the attack did not mean the group was regaining ground"},
		{"a possessor's part named in apposition", "The Islamic State group's regional affiliate, Islamic State Khorasan Province (ISKP), said its fighters had attacked the checkpoint.", "Islamic State Khorasan Province", "INDIRECT", "its fighters had attacked the checkpoint"},
		{"a part that calls itself a name", "In a statement, the group's local branch, which calls itself Islamic State Mozambique Province, said its fighters had seized the town.", "Islamic State Mozambique Province", "INDIRECT", "its fighters had seized the town"},
		{"a name the acronym defines, then its description", "In a press release, Inter-Services Public Relations (ISPR), the military's media wing, said: \"Security forces conducted an operation in Mir Ali.\"", "Inter-Services Public Relations", "DIRECT_QUOTE", "Security forces conducted an operation in Mir Ali"},
		{"a source no rule can name keeps its words", "The central bank said inflation had doubled since the siege began.", "~The central bank", "INDIRECT", "inflation had doubled since the siege began"},
		{"he after an unnamed source is that source", "Ahmed Hassan, the mayor, left the town on Monday. A local elected official who asked not to be named said the wells were dry. “People no longer dare to go out,” he said.", "~A local elected official", "DIRECT_QUOTE", "People no longer dare to go out"},
		{"a rank of two words", "Rear Admiral Jorge Alvear Cedeño told reporters that troops had taken the prison.", "Jorge Alvear Cedeño", "INDIRECT", "troops had taken the prison"},
		{"a second act of speech", "Ahmed Hassan spoke to Reuters on Monday. “We will hold the town,” he added, before saying that the Syrian Democratic Forces would not withdraw from Raqqa.", "Ahmed Hassan", "INDIRECT", "the Syrian Democratic Forces would not withdraw from Raqqa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := x.Extract(Article{Text: tt.text, Publisher: "Test Wire"})
			var got []string
			for _, c := range r.Claims {
				if c.Kind == Narrative {
					continue
				}
				spk := "~" + c.SpeakerText
				if c.Speaker != NoEntity {
					spk = r.Entities[c.Speaker].Name
				}
				if spk == tt.speaker && string(c.Kind) == tt.kind && c.Text == tt.text_ {
					return
				}
				got = append(got, fmt.Sprintf("%s %s %q", spk, c.Kind, c.Text))
			}
			t.Errorf("want %s %s %q; got %v", tt.speaker, tt.kind, tt.text_, got)
		})
	}
}

// TestNotClaims: texts that must give no claim of a named speaker.
func TestNotClaims(t *testing.T) {
	x := newTestExtractor(t)
	for _, tt := range []struct{ name, text, title string }{
		{"a place before a headline colon", "Gaza: casualty figures diverge as fighting shifts to Khan Younis\n\nThe fighting went on.", "Gaza: casualty figures diverge as fighting shifts to Khan Younis"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := x.Extract(Article{Text: tt.text, Title: tt.title, Publisher: "Test Wire"})
			for _, c := range r.Claims {
				if c.Kind != Narrative && c.Speaker != NoEntity {
					t.Errorf("claim of %s: %q", r.Entities[c.Speaker].Name, c.Text)
				}
			}
		})
	}
}

// TestRelationForms checks one sentence of each relation form the rules
// handle: the relation it must give, as "SUBJECT PREDICATE OBJECT polarity
// (by SPEAKER", and one it must not.
func TestRelationForms(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name, text, want, not string
	}{
		{"port city of", "Jets struck the airport of Yemen's Red Sea port city of Hodeidah on Monday.", "Hodeidah LOCATED_IN Yemen true (by Test Wire", "Red Sea LOCATED_IN"},
		{"no country in a country", "The Qalamoun mountains run along Syria's western border with Lebanon.", "Qalamoun LOCATED_IN Syria true (by Test Wire", "Lebanon LOCATED_IN Syria"},
		{"demonym place, the writer's", "Russia's defence ministry said its forces seized the Ukrainian city of Bakhmut, which Ukraine denied.", "Bakhmut LOCATED_IN Ukraine true (by Test Wire", ""},
		{"lower-case direction", "The alliance took the provincial capital of Idlib in northwest Syria.", "Idlib LOCATED_IN Syria true (by Test Wire", "Northwest Syria"},
		{"apposition with prepositions", "Two police officers were hurt in the municipality of Guapi, in the turbulent department of Cauca.", "Guapi LOCATED_IN Cauca true (by Test Wire", ""},
		{"every role of an apposition", "Omar Khalil, a member of the Local Coordination Committees and head of the Syrian Network for Human Rights' media office, spoke to us.", "Omar Khalil MEMBER_OF Syrian Network for Human Rights true (by Test Wire", ""},
		{"a possessor's part in apposition", "The Islamic State group's regional affiliate, Islamic State Khorasan Province (ISKP), claimed the bombing.", "Islamic State Khorasan Province ALLIED_WITH Islamic State true (by Test Wire", ""},
		{"age apposition", "Omar Khalil, 31, is a citizen journalist and member of the Local Coordination Committees in Hama.", "Omar Khalil MEMBER_OF Local Coordination Committees true (by Test Wire", ""},
		{"person's group", "Khalifa Haftar's self-styled Libyan National Army advanced on Tripoli.", "Khalifa Haftar MEMBER_OF Libyan National Army true (by Test Wire", ""},
		{"named spokesman", "A spokesman for the Rapid Support Forces, Colonel Adam Haroun, said the siege would go on.", "Adam Haroun MEMBER_OF Rapid Support Forces true (by Test Wire", ""},
		{"helpers between commas", "Russia said that Wagner fighters, with the support of Russian troops, seized Soledar.", "Wagner Group CONTROLS Soledar true (by Russia", "Russian Armed Forces CONTROLS"},
		{"along with", "Along with the Syrian Revolutionaries Front, the Islamic Front has been fighting ISIS since Friday.", "Syria Revolutionaries Front FIGHTS Islamic State true (by Test Wire", ""},
		{"joint action", "The Sudanese Armed Forces and the Joint Forces repelled the attack by the RSF.", "Sudanese Armed Forces ALLIED_WITH Joint Forces", ""},
		{"reciprocal is no alliance", "Rebel fighters and government forces clashed near Hama.", "", "ALLIED_WITH"},
		{"one head noun", "A rebel attack killed 40 regime and Hezbollah fighters near Yabroud.", "ALLIED_WITH Hezbollah true", ""},
		{"fighting alongside", "The Nusra Front is fighting regime forces in southern Aleppo alongside Ahrar al-Sham.", "Ahrar al-Sham ALLIED_WITH Jabhat al-Nusra true (by Test Wire", "ALLIED_WITH Syrian regime forces"},
		{"x-backed y", "AQAP has stepped up attacks against the UAE-backed STC in Abyan.", "Southern Transitional Council ALLIED_WITH United Arab Emirates true", "al-Qaeda in the Arabian Peninsula ALLIED_WITH"},
		{"an aim is not a hold", "Hezbollah is leading the campaign to control the Qalamoun mountains.", "", "CONTROLS"},
		{"stronghold", "The LNA withdrew to Benghazi, the LNA's main base, on Friday.", "Libyan National Army CONTROLS Benghazi true", ""},
		{"dissident group", "The Central General Staff (EMC), the largest dissident group in the FARC, denied the attack.", "Estado Mayor Central SPLINTER_OF Revolutionary Armed Forces of Colombia true (by Test Wire", "FIGHTS"},
		{"where dominant", "Clashes erupted in the province of Raqqa, where ISIS is most dominant.", "Islamic State CONTROLS Raqqa true", ""},
		{"positions at", "ISIS has not shelled the regime's positions at Kweiris airbase.", "CONTROLS Kuweires Airbase true", ""},
		{"participle before the subject", "Targeting ISIS cells near Hajin, the Syrian Democratic Forces arrested twelve men.", "Syrian Democratic Forces FIGHTS Islamic State true", ""},
		{"forces allied to", "A skirmish between the LNA and forces allied to Prime Minister Fayez al-Serraj was reported.", "", "ALLIED_WITH Fayez"},
		{"locative is not taken", "Al-Shabaab fighters stormed a military base in Lower Shabelle, killing 20 soldiers.", "", "CONTROLS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := x.Extract(Article{Text: tt.text, Publisher: "Test Wire"})
			rels := summarize(r).Relations
			found := tt.want == ""
			for _, l := range rels {
				found = found || strings.Contains(l, tt.want)
				if tt.not != "" && strings.Contains(l, tt.not) {
					t.Errorf("unwanted %q in %q", tt.not, l)
				}
			}
			if !found {
				t.Errorf("want %q; got %q", tt.want, rels)
			}
		})
	}
}

// TestInterview: every answer belongs to the interviewee the introduction
// names, never to the interviewer; a "No" answer denies the relation the
// question asks about.
func TestInterview(t *testing.T) {
	x := newTestExtractor(t)
	text := "Karim Haddad, a commander in the Free Syrian Army, tells Lina Sabbagh about the fighting.\n\n" +
		"Q: Are there battles between ISIS and the Free Syrian Army in the town?\n\n" +
		"No, never; the Free Syrian Army only fights the regime there.\n\n" +
		"Q: Who controls the road?\n\n" +
		"A: Our fighters hold the road north of the town."
	r := x.Extract(Article{Text: text, Publisher: "Test Wire", Kind: "interview"})
	answers := 0
	for _, c := range r.Claims {
		if c.Kind != InterviewAnswer {
			continue
		}
		answers++
		if c.Speaker == NoEntity || r.Entities[c.Speaker].Name != "Karim Haddad" {
			t.Errorf("answer %q attributed to %q, want Karim Haddad", c.Text, c.SpeakerText)
		}
		if strings.HasPrefix(c.Text, "A:") {
			t.Errorf("answer keeps its marker: %q", c.Text)
		}
	}
	if answers != 2 {
		t.Errorf("%d interview answers, want 2", answers)
	}
	denied := false
	for _, rel := range r.Relations {
		s, o := r.Entities[rel.Subject].Name, r.Entities[rel.Object].Name
		if rel.Predicate == Fights && !rel.Polarity && (strings.Contains(s, "Islamic State") || strings.Contains(o, "Islamic State")) {
			denied = true
		}
	}
	if !denied {
		t.Errorf("no denied FIGHTS relation with ISIS; relations: %+v", summarize(r).Relations)
	}
}

// TestConcurrentExtract: one Extractor shared by goroutines (as the ingest
// pipeline shares it) gives each article the same result as alone.
func TestConcurrentExtract(t *testing.T) {
	arts := projectArticles(t)
	want := map[string]string{}
	for name, a := range arts {
		b, _ := json.Marshal(newTestExtractor(t).Extract(a))
		want[name] = string(b)
	}
	x := newTestExtractor(t)
	errs := make(chan string, 4*len(arts))
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for name, a := range arts {
				b, _ := json.Marshal(x.Extract(a))
				if string(b) != want[name] {
					errs <- name
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	close(errs)
	for name := range errs {
		t.Errorf("%s: concurrent extraction differs from a fresh extractor's", name)
	}
}

func TestIsBoilerplate(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Photo courtesy of the Douma Media Office", true},
		{"PHOTO: fighters near Hama", true},
		{"Share this article", true},
		{"4 Min Read", true},
		{"Image: Reuters", true},
		{"damascus-ruins.JPG", true},
		{"Read more about the siege", true},
		{"June 11, 2014", true},
		{"Two words", true},
		{"The rebels took the town on Sunday, activists said.", false},
		{"Photographers were barred from the town, residents said.", false},
		{"A long teaser that the page cut off before it could say what it meant to…", true},
	}
	for _, tt := range tests {
		if got := isBoilerplate(tt.line); got != tt.want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestAnswerDeniesControl: "No" to a question whether a group holds a
// place denies that it does, in the interviewee's name.
func TestAnswerDeniesControl(t *testing.T) {
	x := newTestExtractor(t)
	text := "Samir Darwish, a teacher in Raqqa, tells Test Wire about the city.\n\n" +
		"Q: The regime says ISIS still controls Raqqa. Is that true?\n\n" +
		"A: No. The Syrian Democratic Forces took the city in 2017.\n\n" +
		"Q: Do you expect the fighting to return?\n\n" +
		"A: Nobody here expects anything any more."
	r := x.Extract(Article{Text: text, Publisher: "Test Wire", Kind: "interview"})
	for _, l := range summarize(r).Relations {
		if strings.HasPrefix(l, "Islamic State CONTROLS Raqqa false (by Samir Darwish;") {
			return
		}
	}
	t.Errorf("no denied CONTROLS by the interviewee; relations: %q", summarize(r).Relations)
}

// TestInterviewee: who answers, from the ways an introduction says it.
func TestInterviewee(t *testing.T) {
	x := newTestExtractor(t)
	for _, intro := range []string{
		// a name no given-name list holds, known by its age in apposition
		"Our reporter spoke by phone with Wilner Dorsainvil, 52, a teacher in Solino.",
		"Lina Sabbagh talked on Monday to Wilner Dorsainvil, a teacher in Solino.",
		"In an interview with Wilner Dorsainvil, 52, we asked about the fighting.",
	} {
		text := intro + "\n\nQ: Who controls the road?\n\nA: The gangs hold the road north of the church."
		r := x.Extract(Article{Text: text, Publisher: "Test Wire", Kind: "interview"})
		found := false
		for _, c := range r.Claims {
			if c.Kind != InterviewAnswer {
				continue
			}
			found = true
			if c.Speaker == NoEntity || r.Entities[c.Speaker].Name != "Wilner Dorsainvil" {
				t.Errorf("%q: answer attributed to %q, want Wilner Dorsainvil", intro, c.SpeakerText)
			}
		}
		if !found {
			t.Errorf("%q: no interview answer", intro)
		}
	}
}

// TestEntityForms: one sentence per way the rules find an entity the
// gazetteer lacks, and the entity it must give.
func TestEntityForms(t *testing.T) {
	x := newTestExtractor(t)
	for _, tt := range []struct{ name, text, entity, typ string }{
		{"a Spanish head word", "Soldiers of the Fuerza de Tarea Vulcano entered the hamlet on Friday.", "Fuerza de Tarea Vulcano", "ARMED_GROUP"},
		{"a Portuguese head word", "The Força Local militia held the road to the coast.", "Força Local", "ARMED_GROUP"},
		{"a connector y inside a name", "Fighters of the Estado Mayor de Bloques y Frente attacked the post.", "Estado Mayor de Bloques y Frente", "ARMED_GROUP"},
		{"a name its acronym defines", "The Kivu Security Tracker (KST) recorded 40 killings in Djugu territory.", "Kivu Security Tracker", "ORGANIZATION"},
		{"an age in apposition", "Residents said Wilner Dorsainvil, 52, had stayed in the area.", "Wilner Dorsainvil", "PERSON"},
		{"an honorific before a name", "Mawlawi Abdul Rahim Sharifi said the road was open.", "Abdul Rahim Sharifi", "PERSON"},
		{"and inside a name after its head's of", "Officials of the Ministry of Water Affairs and Rural Development visited the camp.", "Ministry of Water Affairs and Rural Development", "ORGANIZATION"},
		{"and inside a name after its head's for", "The Institute for Conflict and Peace Studies counted 80 attacks.", "Institute for Conflict and Peace Studies", "ORGANIZATION"},
		{"a portfolio before a title", "Foreign Affairs Minister Worku Bayeh said the road was open.", "Worku Bayeh", "PERSON"},
		{"a portfolio after a title", "Minister of State for Interior Naveed Akhtar Khokhar told the House that 14 soldiers died.", "Naveed Akhtar Khokhar", "PERSON"},
		{"a province's government named by it", "The Balochistan government put the number at 84.", "Balochistan government", "ORGANIZATION"},
		{"a region's administration", "The Amhara regional administration denied the report.", "Amhara regional administration", "ORGANIZATION"},
		{"a region's security forces", "Puntland security forces said they had captured the hilltop.", "Puntland security forces", "ARMED_GROUP"},
		{"an armed group by its description before", "It accused the Meitei armed group Arambai Tenggol of fighting alongside police commandos.", "Arambai Tenggol", "ARMED_GROUP"},
		{"an armed group by its apposition", "The fighting pits the Azande Ani Kpi Gbe (AAKG), a militia of the Zande community, against the army.", "Azande Ani Kpi Gbe", "ARMED_GROUP"},
		{"an armed group by its acronym's apposition", "Clashes with the Union for Peace in Ubangi (UPU) went on. The UPU, a mostly Fulani armed group, denied it.", "Union for Peace in Ubangi", "ARMED_GROUP"},
		{"a plural possessive inside a name", "The Indigenous Tribal Leaders’ Forum denied the report.", "Indigenous Tribal Leaders’ Forum", "ORGANIZATION"},
		{"a head word Rifles", "An officer of the Assam Rifles said the devices were commercial.", "Assam Rifles", "ARMED_GROUP"},
		{"a person by the pronoun that speaks after", "Worknesh Bayeh runs a health post outside Dejen. The post has no vaccines. \"The trucks do not come,\" she said.", "Worknesh Bayeh", "PERSON"},
		{"and before a head word", "The Truth and Dignity Commission opened hearings in the capital.", "Truth and Dignity Commission", "ORGANIZATION"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := x.Extract(Article{Text: tt.text, Publisher: "Test Wire"})
			var got []string
			for _, e := range r.Entities {
				if e.Name == tt.entity && string(e.Type) == tt.typ {
					return
				}
				got = append(got, fmt.Sprintf("%s %s", e.Type, e.Name))
			}
			t.Errorf("want %s %s; got %v", tt.typ, tt.entity, got)
		})
	}
}

// TestPlacesLocated: a place found by its context is located by GeoNames,
// which also gives its kind where the context says none.
func TestPlacesLocated(t *testing.T) {
	x := newTestExtractor(t)
	r := x.Extract(Article{Text: "Shelling hit homes in Druzhkivka on Tuesday, officials said.", Publisher: "Test Wire"})
	for _, e := range r.Entities {
		if e.Name != "Druzhkivka" {
			continue
		}
		if e.Geo == nil || e.Geo.Country != "UA" || e.Geo.Precision != 1 || e.Geo.Latitude < 48 || e.Geo.Latitude > 49 {
			t.Errorf("Druzhkivka located at %+v, want a point in Ukraine", e.Geo)
		}
		if e.PlaceKind != Town && e.PlaceKind != City {
			t.Errorf("Druzhkivka is a %q, want a town or city", e.PlaceKind)
		}
		return
	}
	t.Errorf("no Druzhkivka among %+v", summarize(r).Entities)
}

// TestTranscriptLabels: in a transcript, the name before each answer's
// colon answers, not the interview's first guest; the label is no part of
// the claim.
func TestTranscriptLabels(t *testing.T) {
	x := newTestExtractor(t)
	text := "OLENA HRYTSENKO (presenter): With us is the governor, Ihor Ostapchuk. Is the town surrounded?\n\n" +
		"IHOR OSTAPCHUK: No, the town is not surrounded. Our forces hold the centre.\n\n" +
		"OLENA HRYTSENKO: Also with us is Dmytro Savchuk, a press officer. How is it at the front?\n\n" +
		"DMYTRO SAVCHUK: It is hard, I will not hide it. The brigade is holding the line."
	r := x.Extract(Article{Text: text, Publisher: "Test TV", Kind: "interview"})
	want := map[string]string{
		"No, the town is not surrounded":  "Ihor Ostapchuk",
		"It is hard, I will not hide it":  "Dmytro Savchuk",
		"The brigade is holding the line": "Dmytro Savchuk",
		"Our forces hold the centre":      "Ihor Ostapchuk",
	}
	for _, c := range r.Claims {
		name, ok := want[c.Text]
		if !ok {
			continue
		}
		delete(want, c.Text)
		if c.Speaker == NoEntity || !strings.EqualFold(r.Entities[c.Speaker].Name, name) {
			t.Errorf("%q said by %q, want %s", c.Text, c.SpeakerText, name)
		}
	}
	for text := range want {
		t.Errorf("no claim %q; claims: %q", text, summarize(r).Claims)
	}
}

// TestNoPlaceBody: a place before a noun that is no body of it stays a
// place.
func TestNoPlaceBody(t *testing.T) {
	x := newTestExtractor(t)
	for _, text := range []string{"Gunmen attacked the Kirkuk police station on Monday.", "Fighting reached the Cauca department on Monday."} {
		r := x.Extract(Article{Text: text, Publisher: "Test Wire"})
		for _, e := range r.Entities {
			if e.Rule == "place-body" {
				t.Errorf("%q: %s %q taken for a body", text, e.Type, e.Name)
			}
		}
	}
}

// TestTwoNamesJoinedByAnd: "and" between two names keeps them two.
func TestTwoNamesJoinedByAnd(t *testing.T) {
	x := newTestExtractor(t)
	for _, tt := range []struct{ text, a, b string }{
		{"The Kivu Network for Civil Rights and Human Rights Watch both counted 40 dead.", "Kivu Network for Civil Rights", "Human Rights Watch"},
		{"Fighters of the Zande Militia and Umoja Movement held the bridge.", "Zande Militia", "Umoja Movement"},
	} {
		r := x.Extract(Article{Text: tt.text, Publisher: "Test Wire"})
		names := map[string]bool{}
		for _, e := range r.Entities {
			names[e.Name] = true
		}
		if !names[tt.a] || !names[tt.b] {
			t.Errorf("%q: want %q and %q; got %v", tt.text, tt.a, tt.b, names)
		}
	}
}

// TestLineLabels: a live blog's time stamps and an editor's labels open
// lines the publisher adds; they are neither speakers nor answers.
func TestLineLabels(t *testing.T) {
	x := newTestExtractor(t)
	for _, tt := range []struct{ name, kind, text, want string }{
		{"time stamp", "report", "Culiacan live: roadblocks for a third day\n09:15 — In a statement, the Defence Secretariat said 600 soldiers had arrived in the city.",
			"INDIRECT Defence Secretariat: 600 soldiers had arrived in the city"},
		{"editor's note after a transcript", "interview", "Our reporter spoke with Issa Kabore, the government spokesman.\n\nQUESTION: Did the attackers enter the town?\n\nISSA KABORE: No. They never entered the town.\n\nEditor’s note: The Norwegian Refugee Council said on Tuesday that 9,000 people had fled the town.",
			"INDIRECT Norwegian Refugee Council: 9,000 people had fled the town"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := x.Extract(Article{Text: tt.text, Publisher: "Test Wire", Kind: tt.kind})
			var got []string
			for _, c := range r.Claims {
				g := fmt.Sprintf("%s %s: %s", c.Kind, c.SpeakerText, c.Text)
				if c.Speaker != NoEntity {
					g = fmt.Sprintf("%s %s: %s", c.Kind, r.Entities[c.Speaker].Name, c.Text)
				}
				if g == tt.want {
					return
				}
				got = append(got, g)
			}
			t.Errorf("want %q; got %q", tt.want, got)
		})
	}
}
