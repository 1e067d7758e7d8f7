package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestE2EReadmeQueries runs every GraphQL example of the README against
// the real server over HTTP, so the front door stays true: each must run
// without errors and return data.
func TestE2EReadmeQueries(t *testing.T) {
	root := moduleRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```graphql\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 3 {
		t.Fatalf("found %d GraphQL examples in the README, want at least 3", len(blocks))
	}
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(root, "testdata", "articles"))
	token := strings.TrimSpace(mustKG(t, "", "token", "add", "--db", db, "readme").stdout)
	srv := startServer(t, db)
	srv.token = token // ingestDocument is a mutation
	defer srv.stop(t)
	for i, b := range blocks {
		q := strings.ReplaceAll(b[1], `text: "..."`, `text: "The Syrian Observatory for Human Rights said 40 people were killed in Idlib."`)
		var data map[string]any
		srv.query(t, q, map[string]any{}, &data)
		if len(data) == 0 {
			t.Errorf("README example %d returned no data:\n%s", i+1, q)
		}
	}
}

// TestE2EDemoQuery: the first query kg demo suggests runs on the demo's
// articles and finds ISIS's relation groups.
func TestE2EDemoQuery(t *testing.T) {
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(moduleRoot(t), "testdata", "articles"))
	srv := startServer(t, db)
	defer srv.stop(t)
	var got struct {
		Entities struct {
			Nodes []struct {
				RelationGroups []struct{ Status string }
			}
		}
	}
	srv.query(t, demoQuery, map[string]any{}, &got)
	if len(got.Entities.Nodes) == 0 || len(got.Entities.Nodes[0].RelationGroups) == 0 {
		t.Fatalf("the demo query found no relation groups for ISIS: %+v", got)
	}
}
