package extract_test

// Benchmarks of the hot paths of extraction, on the project's own example
// articles (testdata/articles at the repository root). Sentence splitting
// and tokenisation are unexported, so they are measured through Extract,
// which runs them first on every article.

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/factgraph/kg/extract"
)

// benchArticle is one example article, raw and parsed.
type benchArticle struct {
	name    string
	raw     string
	article extract.Article
}

func loadBenchArticles(b *testing.B) []benchArticle {
	return loadArticles(b, filepath.Join("..", "testdata", "articles", "*.txt"))
}

// loadArticles reads and parses the articles whose paths match pattern.
func loadArticles(b *testing.B, pattern string) []benchArticle {
	b.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil {
		b.Fatal(err)
	}
	if len(paths) == 0 {
		b.Fatalf("no articles match %s", pattern)
	}
	articles := make([]benchArticle, 0, len(paths))
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		header, body, err := extract.ParseArticle(string(raw))
		if err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		articles = append(articles, benchArticle{
			name: filepath.Base(path),
			raw:  string(raw),
			article: extract.Article{
				Text: body, Title: header.Title, Publisher: header.Publisher, Kind: header.Kind,
			},
		})
	}
	return articles
}

// BenchmarkExtract runs the whole pipeline (sentences, tokens, entities,
// claims, relations) over every example article; MB/s is of article text
// on one goroutine, the figure the target of 5 MB/s per core is about.
func BenchmarkExtract(b *testing.B) {
	benchExtract(b, loadBenchArticles(b))
}

// BenchmarkExtractArchive is BenchmarkExtract over a kg gen archive, the
// articles kg bench ingests: thousands of distinct names, so the fold
// caches fill as in an ingest. KG_BENCH_ARCHIVE names the archive's
// directory (kg gen --docs 1000 --seed 1 --out DIR); without it, skipped.
func BenchmarkExtractArchive(b *testing.B) {
	dir := os.Getenv("KG_BENCH_ARCHIVE")
	if dir == "" {
		b.Skip("KG_BENCH_ARCHIVE is not set")
	}
	benchExtract(b, loadArticles(b, filepath.Join(dir, "*", "*.txt")))
}

// benchExtract extracts articles one after the other with one Extractor.
func benchExtract(b *testing.B, articles []benchArticle) {
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	var textBytes int64
	for _, a := range articles {
		textBytes += int64(len(a.article.Text))
	}
	b.SetBytes(textBytes)
	b.ReportAllocs()
	var claims int
	for b.Loop() {
		for _, a := range articles {
			claims += len(x.Extract(a.article).Claims)
		}
	}
	if claims == 0 {
		b.Fatal("no claims extracted")
	}
}

// BenchmarkExtractParallel is BenchmarkExtract on every CPU sharing one
// Extractor, as the ingest pipeline runs it.
func BenchmarkExtractParallel(b *testing.B) {
	articles := loadBenchArticles(b)
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	var textBytes int64
	for _, a := range articles {
		textBytes += int64(len(a.article.Text))
	}
	b.SetBytes(textBytes)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for _, a := range articles {
				x.Extract(a.article)
			}
		}
	})
}

// BenchmarkFold folds names in the shapes extraction meets: plain,
// accented, with Arabic articles and hyphens, upper case, long.
func BenchmarkFold(b *testing.B) {
	names := []string{
		"Aleppo",
		"Jabhat al-Nusra",
		"JABHAT AL NUSRA",
		"Deir ez-Zor",
		"Hay'at Tahrir al-Sham",
		"Forces armées maliennes",
		"Abu Mohammed al-Golani",
		"Syrian Observatory for Human Rights",
		"Rapid Support Forces",
		"Islamic State West Africa Province",
	}
	var nameBytes int64
	for _, n := range names {
		nameBytes += int64(len(n))
	}
	b.SetBytes(nameBytes)
	b.ReportAllocs()
	var folded int
	for b.Loop() {
		for _, n := range names {
			folded += len(extract.Fold(n))
		}
	}
	if folded == 0 {
		b.Fatal("every name folded to nothing")
	}
}

// BenchmarkParseArticle parses the header and body of every example
// article, as kg ingest does for each .txt file.
func BenchmarkParseArticle(b *testing.B) {
	articles := loadBenchArticles(b)
	var rawBytes int64
	for _, a := range articles {
		rawBytes += int64(len(a.raw))
	}
	b.SetBytes(rawBytes)
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range articles {
			if _, _, err := extract.ParseArticle(a.raw); err != nil {
				b.Fatalf("%s: %v", a.name, err)
			}
		}
	}
}
