package gold_test

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/extract/gold"
)

var details = flag.Bool("details", false, "print what each article missed and got wrong")

// scoreDir extracts every NAME.txt with a NAME.gold.json in dir and scores it.
func scoreDir(t *testing.T, dir string) []gold.Score {
	t.Helper()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	sort.Strings(files)
	var scores []gold.Score
	for _, gf := range files {
		tf := strings.TrimSuffix(gf, ".gold.json") + ".txt"
		raw, err := os.ReadFile(tf)
		if err != nil {
			t.Fatalf("%s: %v", tf, err)
		}
		h, body, err := extract.ParseArticle(string(raw))
		if err != nil {
			t.Fatalf("%s: %v", tf, err)
		}
		g, err := gold.Load(gf)
		if err != nil {
			t.Fatal(err)
		}
		g.File = filepath.Base(tf)
		r := x.Extract(extract.Article{Text: body, Title: h.Title, Publisher: h.Publisher, Kind: h.Kind})
		scores = append(scores, gold.Evaluate(g, gold.FromResult(r, h.Publisher)))
	}
	return scores
}

func TestSharedCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no shared corpus at %s", dir)
	}
	scores := scoreDir(t, dir)
	var b strings.Builder
	gold.WriteReport(&b, scores, *details)
	t.Log("\n" + b.String())
}

func TestProjectArticles(t *testing.T) {
	scores := scoreDir(t, filepath.Join("..", "..", "testdata", "articles"))
	if len(scores) == 0 {
		t.Fatal("no gold articles in testdata/articles")
	}
	var b strings.Builder
	gold.WriteReport(&b, scores, *details)
	t.Log("\n" + b.String())
}
