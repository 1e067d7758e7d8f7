package graph

import (
	"bytes"
	"compress/flate"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
)

// benchDocs is the size of the store the lookup benchmarks query:
// go test -bench Lookup ./graph -args -benchdocs=100000
var (
	benchDocs = flag.Int("benchdocs", 10000, "documents in the store of the lookup benchmarks")
	benchDir  = flag.String("benchdir", "", "keep the store of the lookup benchmarks in this directory and reuse it when it exists")
)

var benchBatch = flag.Int("benchbatch", 256, "documents per IngestBatch call in the benchmarks")

// cpuTime is the CPU time (user and system) of the process so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ingestSynthetic stores n generated documents in batches, the clock
// running only while the store works, and returns the text bytes stored
// and the CPU time the process spent meanwhile (all goroutines, Badger's
// included: on a busy machine a steadier measure than the clock).
func ingestSynthetic(b *testing.B, s *Store, g *synth, n int) (textBytes int64, cpu time.Duration) {
	ctx := context.Background()
	for done := 0; done < n; {
		b.StopTimer()
		ins := make([]IngestInput, min(*benchBatch, n-done))
		for i := range ins {
			ins[i] = g.doc()
			textBytes += int64(len(ins[i].Text))
		}
		b.StartTimer()
		cpu0 := cpuTime(b)
		_, errs := s.IngestBatch(ctx, ins)
		cpu += cpuTime(b) - cpu0
		for i, err := range errs {
			if err != nil {
				b.Fatalf("document %d: %v", done+i, err)
			}
		}
		done += len(ins)
	}
	return textBytes, cpu
}

// dirSize returns the apparent and the allocated size of the files in dir.
func dirSize(b *testing.B, dir string) (apparent, allocated int64) {
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		apparent += info.Size()
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			allocated += st.Blocks * 512
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return apparent, allocated
}

// BenchmarkIngestBatch measures the store's share of ingestion (b.N
// documents, generation excluded) and the database size after Close,
// relative to the text ingested. Run with -benchtime=10000x and 100000x
// to compare the cost per document at both sizes.
func BenchmarkIngestBatch(b *testing.B) {
	dir := b.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	g := newSynth(1)
	b.ResetTimer()
	// The last tenth of the documents, timed alone: flat cost per
	// document means the same rate as overall.
	head := b.N - b.N/10
	textBytes, cpu := ingestSynthetic(b, s, g, head)
	b.StopTimer()
	headTime := b.Elapsed()
	b.StartTimer()
	tailBytes, tailCPU := ingestSynthetic(b, s, g, b.N-head)
	textBytes += tailBytes
	b.StopTimer()
	total := b.Elapsed()
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	apparent, allocated := dirSize(b, dir)
	b.ReportMetric(float64(b.N)/total.Seconds(), "docs/s")
	b.ReportMetric(float64((cpu+tailCPU).Microseconds())/float64(b.N), "cpu-µs/doc")
	if b.N >= 10 {
		b.ReportMetric(float64(tailCPU.Microseconds())/float64(b.N-head), "last10%cpu-µs/doc")
	}
	if tail := total - headTime; b.N >= 10 && tail > 0 {
		b.ReportMetric(float64(b.N-head)/tail.Seconds(), "last10%docs/s")
	}
	b.ReportMetric(float64(apparent)/float64(textBytes), "db/text")
	b.ReportMetric(float64(allocated)/float64(textBytes), "dbdisk/text")
	b.ReportMetric(float64(textBytes)/float64(b.N), "textB/doc")
}

func BenchmarkKeyEncoding(b *testing.B) {
	a, c, d := uuid.Must(uuid.NewV7()), uuid.Must(uuid.NewV7()), uuid.Must(uuid.NewV7())
	rec := claimRecord{Claim: Claim{ID: c, DocumentID: d, Ordinal: 3, Kind: "INDIRECT", Start: 1200, End: 1320,
		CueStart: 1330, CueEnd: 1334, SpeakerID: a, SpeakerStart: 1321, SpeakerEnd: 1329, SentenceStart: 1190,
		SentenceEnd: 1340, About: []uuid.UUID{a, d}, PublishedAt: "2015-03-01", Rule: "said-after", Confidence: 0.8,
		Relations: []Relation{{SubjectID: a, Predicate: "FIGHTS", ObjectID: d, Polarity: true, Start: 1330, End: 1334, Rule: "fights", Confidence: 0.6}}},
		sliceText: true, sliceCue: true, sliceSpeaker: true, sliceSentence: true}
	b.Run("keys", func(b *testing.B) {
		for b.Loop() {
			_ = appendIDBlockKey(nil, string(idKey(pClaimSpeaker, a)), c, 12)
			_ = appendIDBlockKey(nil, string(termPrefix(pClaimWord, "ceasefire")), c, 3)
			_ = appendMentionBlockKey(nil, a, &mentionRec{doc: d, start: 1234}, 5)
			_ = relationKey(pRelation, a, "FIGHTS", d, c)
		}
	})
	b.Run("claim record", func(b *testing.B) {
		for b.Loop() {
			v := encodeClaim(&rec)
			if _, err := decodeClaim(c, v); err != nil {
				b.Fatal(err)
			}
		}
	})
	ids := make([]uuid.UUID, 64)
	for i := range ids {
		ids[i] = uuid.Must(uuid.NewV7())
	}
	b.Run("id block", func(b *testing.B) {
		var dst []uuid.UUID
		for b.Loop() {
			var err error
			if dst, err = decodeIDBlock(appendIDBlock(nil, ids), dst[:0]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cursor", func(b *testing.B) {
		for b.Loop() {
			if _, err := decodeCursor(encodeCursor(c[:]), idLen); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// lookupStore is a store of -benchdocs generated documents, built once
// per run for the lookup benchmarks; sample holds entities to query.
type lookupStore struct {
	s      *Store
	sample []Entity
	keep   bool // -benchdir: leave it on disk
}

var sharedLookup *lookupStore

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if sharedLookup != nil {
		dir := sharedLookup.s.db.Opts().Dir
		sharedLookup.s.Close()
		if !sharedLookup.keep {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

func getLookupStore(b *testing.B) *lookupStore {
	if sharedLookup != nil {
		return sharedLookup
	}
	dir, reuse := *benchDir, false
	if dir != "" {
		_, err := os.Stat(dir)
		reuse = err == nil
	} else {
		var err error
		if dir, err = os.MkdirTemp("", "graph-bench-"); err != nil {
			b.Fatal(err)
		}
	}
	s, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if !reuse {
		start := time.Now()
		ingestSynthetic(b, s, newSynth(2), *benchDocs)
		b.Logf("built a store of %d documents in %v", *benchDocs, time.Since(start))
	}
	n, err := s.CountDocuments(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("querying a store of %d documents", n)
	ls := &lookupStore{s: s, keep: *benchDir != ""}
	// The sample: the pool's popular and rare entities alike.
	page, err := s.Entities(context.Background(), EntityFilter{}, PageArgs{First: MaxPageSize})
	if err != nil {
		b.Fatal(err)
	}
	ls.sample = page.Items
	sharedLookup = ls
	return ls
}

// timeOps runs op b.N times over the sample and reports its percentiles.
func timeOps(b *testing.B, op func(i int) error) {
	durations := make([]time.Duration, 0, b.N)
	i := 0
	for b.Loop() {
		t0 := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(t0))
		i++
	}
	slices.Sort(durations)
	if n := len(durations); n > 0 {
		b.ReportMetric(float64(durations[n/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(durations[n*99/100].Microseconds()), "p99-µs")
	}
}

func BenchmarkClaimsBySpeakerPage(b *testing.B) {
	ls := getLookupStore(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	b.ResetTimer()
	timeOps(b, func(i int) error {
		e := ls.sample[rng.IntN(len(ls.sample))]
		page, err := ls.s.Claims(ctx, ClaimFilter{Speaker: e.ID}, PageArgs{First: 20})
		if err != nil || !page.HasNext {
			return err
		}
		// And the page after it.
		_, err = ls.s.Claims(ctx, ClaimFilter{Speaker: e.ID}, PageArgs{First: 20, After: page.Cursors[len(page.Cursors)-1]})
		return err
	})
}

func BenchmarkEntityByName(b *testing.B) {
	ls := getLookupStore(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(5, 6))
	b.ResetTimer()
	timeOps(b, func(i int) error {
		e := ls.sample[rng.IntN(len(ls.sample))]
		name := e.Name
		if len(e.Aliases) > 0 && i%2 == 1 {
			name = e.Aliases[rng.IntN(len(e.Aliases))]
		}
		page, err := ls.s.Entities(ctx, EntityFilter{Name: name}, PageArgs{First: 20})
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(page.Items, func(x Entity) bool { return x.ID == e.ID }) {
			return fmt.Errorf("%q does not find %s", name, e.ID)
		}
		return nil
	})
}

// BenchmarkLookups covers the other lookups at the same store size.
func BenchmarkLookups(b *testing.B) {
	ls := getLookupStore(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 8))
	pick := func() Entity { return ls.sample[rng.IntN(len(ls.sample))] }
	cases := []struct {
		name string
		op   func() error
	}{
		{"ClaimsAboutPage", func() error {
			_, err := ls.s.Claims(ctx, ClaimFilter{About: pick().ID}, PageArgs{First: 20})
			return err
		}},
		{"ClaimsTextPage", func() error {
			e := pick()
			_, err := ls.s.Claims(ctx, ClaimFilter{Text: e.Name}, PageArgs{First: 20})
			return err
		}},
		{"ClaimsSpeakerAboutPage", func() error {
			_, err := ls.s.Claims(ctx, ClaimFilter{Speaker: pick().ID, About: pick().ID}, PageArgs{First: 20})
			return err
		}},
		{"MentionsPage", func() error {
			_, err := ls.s.Mentions(ctx, pick().ID, PageArgs{First: 20})
			return err
		}},
		{"CountMentions", func() error {
			_, err := ls.s.CountMentions(ctx, pick().ID)
			return err
		}},
		{"CountClaimsBySpeaker", func() error {
			_, err := ls.s.CountClaims(ctx, ClaimFilter{Speaker: pick().ID})
			return err
		}},
		{"Relations", func() error {
			_, err := ls.s.Relations(ctx, pick().ID, "", 0)
			return err
		}},
		{"DocumentsPage", func() error {
			_, err := ls.s.Documents(ctx, PageArgs{First: 20})
			return err
		}},
		{"Stats", func() error {
			_, err := ls.s.Stats(ctx)
			return err
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			timeOps(b, func(int) error { return c.op() })
		})
	}
}

// BenchmarkValueCompression compares S2, which compressValue uses, with
// the standard library's flate at its fastest level on the project's own
// articles (testdata/articles): MB/s of text each way and the stored size
// in percent of the text.
//
//	go test -run - -bench ValueCompression ./graph
func BenchmarkValueCompression(b *testing.B) {
	files, err := filepath.Glob("../testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no articles in ../testdata/articles (%v)", err)
	}
	var texts [][]byte
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, t)
	}
	flateEncode := func(w *flate.Writer, buf *bytes.Buffer, t []byte) []byte {
		buf.Reset()
		w.Reset(buf)
		w.Write(t)
		w.Close()
		return buf.Bytes()
	}
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	s2Enc, flateEnc := make([][]byte, len(texts)), make([][]byte, len(texts))
	for i, t := range texts {
		s2Enc[i] = compressValue(t)
		flateEnc[i] = bytes.Clone(flateEncode(fw, &buf, t))
	}
	run := func(name string, enc [][]byte, op func(i int)) {
		b.Run(name, func(b *testing.B) {
			stored, raw := 0, 0
			for i := range texts {
				stored += len(enc[i])
				raw += len(texts[i])
			}
			for i := 0; b.Loop(); i++ {
				op(i % len(texts))
			}
			b.SetBytes(int64(raw / len(texts)))
			b.ReportMetric(100*float64(stored)/float64(raw), "stored%")
		})
	}
	var dst []byte
	fr := flate.NewReader(bytes.NewReader(nil))
	out := make([]byte, 1<<20)
	run("s2/encode", s2Enc, func(i int) { compressValue(texts[i]) })
	run("s2/decode", s2Enc, func(i int) {
		if dst, err = decompressValue(dst, s2Enc[i]); err != nil {
			b.Fatal(err)
		}
	})
	run("flate/encode", flateEnc, func(i int) { flateEncode(fw, &buf, texts[i]) })
	run("flate/decode", flateEnc, func(i int) {
		fr.(flate.Resetter).Reset(bytes.NewReader(flateEnc[i]), nil)
		if n, err := io.ReadFull(fr, out); err != io.ErrUnexpectedEOF || n != len(texts[i]) {
			b.Fatalf("flate decoded %d bytes (%v), want %d", n, err, len(texts[i]))
		}
	})
}
