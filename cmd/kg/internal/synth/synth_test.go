package synth

import (
	"context"
	"encoding/json"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestArticleIsPure checks that an article depends only on seed and index:
// Generate (reusing buffers, on several goroutines) gives what Article
// gives alone.
func TestArticleIsPure(t *testing.T) {
	g := New(42)
	for _, procs := range []int{1, 3} {
		old := runtime.GOMAXPROCS(procs)
		err := g.Generate(context.Background(), 300, func(i int, a Article) error {
			if b := g.Article(i); a != b {
				t.Errorf("GOMAXPROCS=%d: article %d from Generate differs from Article(%d)", procs, i, i)
			}
			return nil
		})
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
	}
	if New(42).Article(7) != g.Article(7) {
		t.Error("two generators of one seed differ")
	}
	if New(43).Article(7).Text == g.Article(7).Text {
		t.Error("seeds 42 and 43 give the same article")
	}
}

func TestGenerateHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Generate(ctx, 1000, 1, func(i int, a Article) error {
		n++
		if i == 9 {
			cancel()
		}
		return nil
	})
	if err != context.Canceled || n != 10 {
		t.Errorf("Generate = %v after %d articles, want context.Canceled after 10", err, n)
	}
}

// flaws are signs of a template or punctuation bug in the text.
var flaws = []struct {
	name string
	re   *regexp.Regexp
}{
	{"unfilled slot or alternation", regexp.MustCompile(`[{}|]|\[[^\]A-Z]`)},
	{"doubled punctuation", regexp.MustCompile(`[,.;:][,.;:]|,”[,.]|\.”\.`)},
	{"space before punctuation", regexp.MustCompile(` [,.;:?!]`)},
	{"double space", regexp.MustCompile(`[^:]  `)},
	{"lower-case sentence start", regexp.MustCompile(`(^|\n|[.?!]”? )(the|a|an|al|el|he|she|[a-z]+)[ -]`)},
	{"empty quote", regexp.MustCompile(`“[,.]?”`)},
	{"empty paragraph", regexp.MustCompile(`\n\n\n|\n\nA: \n`)},
	{"trailing space", regexp.MustCompile(` \n`)},
}

func TestTextHygiene(t *testing.T) {
	reported := map[string]int{}
	err := Generate(context.Background(), 1500, 9, func(i int, a Article) error {
		for _, f := range flaws {
			if reported[f.name] >= 3 {
				continue
			}
			if loc := f.re.FindStringIndex(a.Text); loc != nil {
				reported[f.name]++
				from, to := max(0, loc[0]-60), min(len(a.Text), loc[1]+60)
				t.Errorf("article %d (%s): %s: …%s…", i, a.Style, f.name, a.Text[from:to])
			}
		}
		for _, field := range []string{a.URL, a.Title, a.Publisher, a.Date, a.Kind} {
			if field == "" || strings.ContainsAny(field, "\n{}|[]") {
				t.Errorf("article %d: header field %q", i, field)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPopularityIsSkewed checks the Zipf-like draw that picks the cast:
// a few entities come up very often, most rarely, and many do come up.
func TestPopularityIsSkewed(t *testing.T) {
	w := New(1).w
	for _, list := range []struct {
		name string
		pl   *popList
	}{{"groups", &w.countries[0].groups}, {"people", &w.countries[0].people}, {"towns", &w.countries[0].towns}} {
		s := newScratch()
		s.pcg.Seed(1, 2)
		counts := map[int32]int{}
		const draws = 200000
		for range draws {
			counts[list.pl.pick(s.r)]++
		}
		top := counts[list.pl.ids[0]]
		rank100 := counts[list.pl.ids[100]]
		if top < draws/40 || top < 20*max(rank100, 1) || len(counts) < 1000 {
			t.Errorf("%s: top %d, rank 100 %d, %d distinct of %d draws: not Zipf-like", list.name, top, rank100, len(counts), draws)
		}
	}
	if n := len(w.ents); n < 30000 {
		t.Errorf("world has %d entities, want tens of thousands", n)
	}
}

func TestAppendName(t *testing.T) {
	tests := []struct {
		tpl     string
		variant uint32
		style   artStyle
		want    string
	}{
		{"Jabhat al-Nusra", 0, artAl, "Jabhat al-Nusra"},
		{"Jabhat al-Nusra", 0, artA, "Jabhat a-Nusra"},
		{"Jabhat al-Nusra", 0, artAssim, "Jabhat an-Nusra"},
		{"Jabhat al-Nusra", 0, artEl, "Jabhat el-Nusra"},
		{"Ahrar al-Sham", 0, artAssim, "Ahrar ash-Sham"},
		{"al-Qaeda", 0, artA, "al-Qaeda"},
		{"al-Qaeda", 0, artEl, "el-Qaeda"},
		{"Abu Mohammed al-Jolani", 0, artEl, "Abu Mohammed el-Jolani"},
		{"the Syrian Observatory for Human Rights (SOHR)", 0, artEl, "the Syrian Observatory for Human Rights (SOHR)"},
		{"Khalid Nasral-Din", 0, artA, "Khalid Nasral-Din"},
		{"Deir [ez-Zor|e-Zor|ez-Zour|al-Zour]", 0, artAl, "Deir ez-Zor"},
		{"Deir [ez-Zor|e-Zor|ez-Zour|al-Zour]", 1, artAl, "Deir e-Zor"},
		{"Deir [ez-Zor|e-Zor|ez-Zour|al-Zour]", 3, artAl, "Deir al-Zour"},
		{"Y[ou|u]sef", 0, artAl, "Yousef"},
		{"Y[ou|u]sef", 1, artAl, "Yusef"},
		{"Moh[a|e]mm[e|a]d", 0b0100, artAl, "Mohammad"},
		{"[El Fasher|al-Fasher]", 1, artEl, "el-Fasher"},
	}
	for _, tc := range tests {
		if got := string(appendName(nil, tc.tpl, tc.variant, tc.style)); got != tc.want {
			t.Errorf("appendName(%q, %d, %d) = %q, want %q", tc.tpl, tc.variant, tc.style, got, tc.want)
		}
	}
}

func TestAcronym(t *testing.T) {
	tests := map[string]string{
		"the Northern Storm Brigade":          "NSB",
		"the Front for the Salvation of Hama": "FSH",
		"the Storm":                           "",
	}
	for name, want := range tests {
		if got := acronym(name); got != want {
			t.Errorf("acronym(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", "quote \" and \\ backslash", "line\nbreak\ttab\r\x01", "“curly” – dash", "sep\u2028x", "bad \xff byte"} {
		var got string
		if err := json.Unmarshal(appendJSONString(nil, s), &got); err != nil {
			t.Errorf("appendJSONString(%q) is not JSON: %v", s, err)
			continue
		}
		if want := strings.ToValidUTF8(s, "\uFFFD"); got != want {
			t.Errorf("appendJSONString(%q) decodes to %q", s, got)
		}
	}
}

func TestAppendDate(t *testing.T) {
	d := date{2014, 6, 1}
	for format, want := range map[int]string{
		dateLong: "June 1, 2014", dateISO: "2014-06-01", dateDayLong: "1 June 2014", dateMonth: "June 2014", dateUnknown: "unknown",
	} {
		if got := string(appendDate(nil, d, format)); got != want {
			t.Errorf("format %d: %q, want %q", format, got, want)
		}
	}
	if got := string(appendCount(nil, 1234567)); got != "1,234,567" {
		t.Errorf("appendCount = %q", got)
	}
}

func BenchmarkArticle(b *testing.B) {
	g := New(1)
	s := newScratch()
	n := 0
	for i := 0; b.Loop(); i++ {
		n += len(g.article(i, s).Text)
	}
	b.ReportMetric(float64(n)/float64(b.N), "bytes/article")
}

func BenchmarkNewWorld(b *testing.B) {
	for b.Loop() {
		New(1)
	}
}
