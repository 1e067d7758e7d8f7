package synth

import (
	"context"
	"testing"
)

func BenchmarkArticle(b *testing.B) {
	g := New(1)
	n := 0
	for i := 0; b.Loop(); i++ {
		n += len(g.Article(i).Text)
	}
	b.ReportMetric(float64(n)/float64(b.N), "bytes/article")
}

func BenchmarkNewWorld(b *testing.B) {
	for b.Loop() {
		New(1)
	}
}

func BenchmarkGenerate1000(b *testing.B) {
	g := New(1)
	for b.Loop() {
		g.Generate(context.Background(), 1000, func(i int, a Article) error { return nil })
	}
}
