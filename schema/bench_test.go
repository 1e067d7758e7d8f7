package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

const benchDocuments = 300

// benchArticles makes n invented articles about the same few actors
// and 20 places, each with three claims and two relations.
func benchArticles(tb testing.TB, n int) []graph.IngestInput {
	places := []string{"Aleppo", "Idlib", "Hama", "Homs", "Raqqa", "Deir ez-Zor", "Daraa", "Latakia", "Tartus", "Qamishli",
		"Hasakah", "Manbij", "Azaz", "Jarabulus", "Palmyra", "Douma", "Quneitra", "Suwayda", "Kobani", "Afrin"}
	ins := make([]graph.IngestInput, n)
	for i := range n {
		place := places[i%len(places)]
		a := newArticle(tb, graph.DocumentMeta{
			URL: fmt.Sprintf("https://news.example/bench-%d", i), Title: fmt.Sprintf("Fighting near %s, day %d", place, i),
			Publisher: "Example News", PublishedAt: fmt.Sprintf("2014-%02d-%02d", 1+i%12, 1+i%28),
		}, fmt.Sprintf("Jabhat al-Nusra fighters attacked positions near %s on day %d, local activists said. "+
			"The Islamic State fights Jabhat al-Nusra around %s, according to the Syrian Observatory. "+
			"“We will not withdraw from %s,” Abu Mohammed al-Golani said.", place, i, place, place))
		a.entity("gaz:nusra", "Jabhat al-Nusra", extract.ArmedGroup, "", "Jabhat al-Nusra")
		a.entity("gaz:is", "Islamic State", extract.ArmedGroup, "", "Islamic State")
		a.entity("gaz:"+place, place, extract.Place, extract.City, place)
		a.entity("gaz:sohr", "Syrian Observatory", extract.Organization, "", "Syrian Observatory")
		a.entity("gaz:golani", "Abu Mohammed al-Golani", extract.Person, "", "Abu Mohammed al-Golani")
		c0 := a.claim(extract.Indirect, fmt.Sprintf("Jabhat al-Nusra fighters attacked positions near %s on day %d", place, i), "said", "", "local activists", "Jabhat al-Nusra", place)
		c1 := a.claim(extract.AccordingTo, fmt.Sprintf("The Islamic State fights Jabhat al-Nusra around %s", place), "according to", "Syrian Observatory", "Syrian Observatory", "Islamic State", "Jabhat al-Nusra", place)
		a.claim(extract.DirectQuote, fmt.Sprintf("We will not withdraw from %s", place), "said", "Abu Mohammed al-Golani", "Abu Mohammed al-Golani", place)
		a.relation("Jabhat al-Nusra", extract.Fights, place, true, c0, "attacked")
		a.relation("Islamic State", extract.Fights, "Jabhat al-Nusra", true, c1, "fights")
		ins[i] = a.input()
	}
	return ins
}

const benchEntityQuery = `query EntityClaims($name: String!) {
  entities(name: $name, first: 1) {
    nodes {
      id name type aliases
      claimsAbout(first: 20) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          id kind text cue speakerText start end publishedAt
          speaker { name type }
          document { id title url }
          relations { subject { name } predicate object { name } polarity }
        }
      }
    }
  }
}`

// BenchmarkEntityQuery: one entity found by name with its first 20
// claims (their speakers, documents and relations), through the HTTP
// handler, on a store of benchDocuments documents.
func BenchmarkEntityQuery(b *testing.B) { benchmarkEntityQuery(b, true) }

// BenchmarkEntityQueryGraphQLGo is BenchmarkEntityQuery with every query
// executed by graphql-go, for comparison with the direct executor.
func BenchmarkEntityQueryGraphQLGo(b *testing.B) { benchmarkEntityQuery(b, false) }

func benchmarkEntityQuery(b *testing.B, direct bool) {
	store, err := graph.Open(b.TempDir(), graph.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	_, errs := store.IngestBatch(context.Background(), benchArticles(b, benchDocuments))
	for i, err := range errs {
		if err != nil {
			b.Fatalf("ingest %d: %v", i, err)
		}
	}
	s, err := New(store, nil, Config{})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(newHandler(s, HandlerConfig{}, direct))
	defer srv.Close()
	body, err := json.Marshal(Request{Query: benchEntityQuery, Variables: map[string]any{"name": "jabhat al nusra"}})
	if err != nil {
		b.Fatal(err)
	}
	check := func() {
		resp, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode != 200 || bytes.Contains(raw, []byte(`"errors"`)) || bytes.Count(raw, []byte(`"kind"`)) != 20 {
			b.Fatalf("status %d: %.300s", resp.StatusCode, raw)
		}
	}
	check()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		check()
	}
}
