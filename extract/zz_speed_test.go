package extract

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkZZExtractCorpus(b *testing.B) {
	files, _ := filepath.Glob("../../shared/corpus/*.txt")
	var arts []Article
	n := 0
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		h, body, _ := ParseArticle(string(raw))
		arts = append(arts, Article{Text: body, Title: h.Title, Publisher: h.Publisher})
		n += len(body)
	}
	x, _ := New()
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			x.Extract(a)
		}
	}
}
