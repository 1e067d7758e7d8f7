package graph

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/factgraph/kg/extract"
)

// speakerDoc is a document of claimsPerDoc claims, all of one speaker
// (an entity of key key named name).
func speakerDoc(i int, key, name string, claimsPerDoc int) IngestInput {
	var text strings.Builder
	res := extract.Result{Publisher: extract.NoEntity}
	ent := extract.Entity{Key: key, Name: name, Type: extract.Person, Rule: "bench", Confidence: 1}
	for j := range claimsPerDoc {
		start := text.Len() // ASCII: bytes are code points
		content := fmt.Sprintf("road %d of town %d was open", j, i)
		line := fmt.Sprintf("%s said %s.\n", name, content)
		text.WriteString(line)
		ent.Mentions = append(ent.Mentions, extract.Mention{Span: extract.Span{Start: start, End: start + len(name)}, Text: name, Rule: "bench"})
		cStart := start + len(name) + len(" said ")
		res.Sentences = append(res.Sentences, extract.Sentence{Span: extract.Span{Start: start, End: start + len(line) - 1}, Text: line[:len(line)-1]})
		res.Claims = append(res.Claims, extract.Claim{Kind: extract.Indirect, Span: extract.Span{Start: cStart, End: cStart + len(content)}, Text: content,
			Cue: "said", CueSpan: extract.Span{Start: start + len(name) + 1, End: start + len(name) + 5}, Speaker: 0, SpeakerText: name,
			SpeakerSpan: extract.Span{Start: start, End: start + len(name)}, Sentence: j, Rule: "bench", Confidence: 1})
	}
	res.Entities = []extract.Entity{ent}
	return IngestInput{Meta: DocumentMeta{URL: fmt.Sprintf("https://bench.example/%s/%d", key, i)}, Text: text.String(), Result: res}
}

// BenchmarkMergeEntities merges an entity that speaks 10,000 claims into
// another that speaks 10,000 (then undoes it, for the next round), and
// reports the merge alone and the first page and count of the kept
// entity's claims through the merged ID. The target: a merge of
// an entity with 10,000 claims under a second.
func BenchmarkMergeEntities(b *testing.B) {
	const docs, perDoc = 500, 20 // 10,000 claims each
	s, _ := openStore(b)
	ctx := context.Background()
	var batch []IngestInput
	for i := range docs {
		batch = append(batch, speakerDoc(i, "PERSON:abubig", "Abu Big", perDoc), speakerDoc(i, "PERSON:abugreat", "Abu Great", perDoc))
		if len(batch) == 256 || i == docs-1 { // kg ingest's batches
			_, errs := s.IngestBatch(ctx, batch)
			for _, err := range errs {
				if err != nil {
					b.Fatal(err)
				}
			}
			batch = batch[:0]
		}
	}
	keep, merged := entityByKey(b, s, "PERSON:abubig").ID, entityByKey(b, s, "PERSON:abugreat").ID
	var merge, lookup time.Duration
	rounds := 0
	for b.Loop() {
		t0 := time.Now()
		e, err := s.Correct(ctx, Correction{Op: OpMergeEntities, Who: "bench", Reason: "bench", Entity: keep, Other: merged})
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		page, err := s.Claims(ctx, ClaimFilter{Speaker: merged}, PageArgs{First: 20})
		n, err2 := s.CountClaims(ctx, ClaimFilter{Speaker: merged})
		t2 := time.Now()
		if err != nil || err2 != nil || len(page.Items) != 20 || n != 2*docs*perDoc {
			b.Fatalf("claims through the merged ID: %d listed, %d counted, %v %v", len(page.Items), n, err, err2)
		}
		merge += t1.Sub(t0)
		lookup += t2.Sub(t1)
		rounds++
		if _, err := s.Undo(ctx, e.ID, "bench", "next round"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(merge.Microseconds())/float64(rounds)/1e3, "merge-ms")
	b.ReportMetric(float64(lookup.Microseconds())/float64(rounds)/1e3, "page+count-ms")
}
