// Package synth generates a deterministic archive of synthetic news
// articles about armed conflicts, for benchmarking the knowledge-graph
// ingest pipeline.
//
// A seed fixes a world of tens of thousands of invented people, armed
// groups, organisations and towns (with spelling variants), mixed with
// real actors and provinces, all with Zipf-like popularity. Each article
// is composed from its own random stream (seed, index), so the same seed
// and count give byte-identical output however many goroutines run.
// Articles come in the styles of the corpus: Q&A interviews with and
// without "A:", wire reports with direct, split and indirect quotes and
// "according to", group statements, monitoring-group figures, analyses of
// relations between groups, and narrative features.
package synth

import (
	"context"
	"runtime"
	"sync"
)

// Generator composes the articles of one seed. It is safe for concurrent
// use: its world is read-only.
type Generator struct {
	w    *world
	seed uint64
}

// New builds the world for seed.
func New(seed uint64) *Generator {
	return &Generator{w: newWorld(seed), seed: seed}
}

// Article returns the i-th article (from 0) of the seed's archive. The
// same seed and i always give the same article.
func (g *Generator) Article(i int) Article {
	return g.article(i, newScratch())
}

// chunk is how many articles a worker composes per job.
const chunk = 64

// Generate composes articles 0..n-1 for seed on all CPUs and calls fn
// with each, in order, from the calling goroutine. It stops at fn's first
// error or when ctx is done, and returns that error.
func Generate(ctx context.Context, n int, seed uint64, fn func(i int, a Article) error) error {
	g := New(seed)
	return g.Generate(ctx, n, fn)
}

// Generate is like the package's Generate with this generator's seed.
func (g *Generator) Generate(ctx context.Context, n int, fn func(i int, a Article) error) error {
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		start int
		out   chan []Article
	}
	jobs := make(chan job)
	pending := make(chan chan []Article, 2*workers)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := newScratch()
			for j := range jobs {
				end := min(j.start+chunk, n)
				arts := make([]Article, 0, end-j.start)
				for i := j.start; i < end; i++ {
					arts = append(arts, g.article(i, s))
				}
				j.out <- arts // buffered: never blocks
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(pending)
		for start := 0; start < n; start += chunk {
			out := make(chan []Article, 1)
			select {
			case pending <- out:
			case <-done:
				return
			}
			select {
			case jobs <- job{start: start, out: out}:
			case <-done:
				return
			}
		}
	}()
	finish := func(err error) error {
		close(done)
		for range pending { // let the producer finish
		}
		wg.Wait()
		return err
	}
	i := 0
	for out := range pending {
		for _, a := range <-out {
			if err := ctx.Err(); err != nil {
				return finish(err)
			}
			if err := fn(i, a); err != nil {
				return finish(err)
			}
			i++
		}
	}
	return finish(nil)
}
