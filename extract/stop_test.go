package extract

import (
	"context"
	"strings"
	"testing"
)

// TestExtractContextStops: a context already done stops every stage, each
// named in Failures, and the text's sentences are still there; the same
// text under a live context extracts in full.
func TestExtractContextStops(t *testing.T) {
	x := newTestExtractor(t)
	text := strings.Repeat("The Free Syrian Army said ISIS attacked Raqqa. ", 5000)
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(context.DeadlineExceeded)
	res := x.ExtractContext(ctx, Article{Text: text})
	if len(res.Failures) == 0 || !strings.HasPrefix(res.Failures[0], "entities: stopped: context deadline exceeded") {
		t.Errorf("failures under a done context = %q, want the entities stage stopped at the deadline", res.Failures)
	}
	for _, f := range res.Failures {
		if !strings.Contains(f, "stopped") {
			t.Errorf("failure %q is not a stop", f)
		}
	}
	if len(res.Claims) != 0 || len(res.Relations) != 0 {
		t.Errorf("a stopped extraction gave %d claims, %d relations", len(res.Claims), len(res.Relations))
	}

	live, stop := context.WithCancel(context.Background())
	defer stop()
	full := x.ExtractContext(live, Article{Text: text})
	if len(full.Failures) > 0 || len(full.Claims) == 0 {
		t.Errorf("under a live context: failures %q, %d claims", full.Failures, len(full.Claims))
	}
	plain := x.Extract(Article{Text: text})
	if len(plain.Claims) != len(full.Claims) || len(plain.Relations) != len(full.Relations) || len(plain.Entities) != len(full.Entities) {
		t.Errorf("ExtractContext gave %d/%d/%d entities/claims/relations, Extract %d/%d/%d",
			len(full.Entities), len(full.Claims), len(full.Relations), len(plain.Entities), len(plain.Claims), len(plain.Relations))
	}
}

// TestExtractContextStopsWithinOneSentence: one sentence of 2 MiB, its
// context cancelled while its entities are being found, stops there
// rather than at the end of the sentence.
func TestExtractContextStopsWithinOneSentence(t *testing.T) {
	x := newTestExtractor(t)
	text := strings.Repeat("the Free Syrian Army and ISIS fought in Raqqa and ", (2<<20)/50)
	ctx, cancel := context.WithCancel(context.Background())
	d := newDoc(text)
	d.ctx = ctx
	f := &entityFinder{x: x, d: d, tp: x.foldTokens(d.tokens, d.buffers)}
	defer func() {
		p := recover()
		if _, ok := p.(errStopped); !ok {
			t.Fatalf("scanSentence of a cancelled document: recovered %v, want errStopped", p)
		}
		if d.steps > stopEvery {
			t.Errorf("stopped after %d steps of %d tokens", d.steps, len(d.tokens))
		}
	}()
	if len(d.sentences) != 1 {
		t.Fatalf("%d sentences, want 1", len(d.sentences))
	}
	cancel()
	f.scanSentence(0)
	t.Fatalf("scanSentence ran through %d tokens of a cancelled document", len(d.tokens))
}
