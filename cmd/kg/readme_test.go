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

	// The corrections' examples (fenced "graphql correction", which the
	// graphql-js client leaves alone), in order, with real IDs in place of
	// the capitals.
	corrections := regexp.MustCompile("(?s)```graphql correction\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(corrections) < 4 {
		t.Fatalf("found %d correction examples in the README, want at least 4", len(corrections))
	}
	ids := readmeIDs(t, srv)
	for i, b := range corrections {
		q := b[1]
		if strings.Contains(q, "ENTRY_ID") {
			var log struct {
				AuditLog struct{ Nodes []struct{ ID string } }
			}
			srv.query(t, `{ auditLog(first: 1000) { nodes { id } } }`, nil, &log)
			if n := len(log.AuditLog.Nodes); n > 0 {
				ids["ENTRY_ID"] = log.AuditLog.Nodes[n-1].ID
			}
		}
		for placeholder, id := range ids {
			q = strings.ReplaceAll(q, `"`+placeholder+`"`, `"`+id+`"`)
		}
		var data map[string]any
		srv.query(t, q, map[string]any{}, &data)
		if len(data) == 0 {
			t.Errorf("README correction example %d returned no data:\n%s", i+1, q)
		}
	}
}

// readmeIDs finds IDs for the placeholders of the correction examples:
// two armed groups (KEEP_ID, MERGE_ID), a claim with a named speaker
// (CLAIM_ID) and a person who is not its speaker (SPEAKER_ID).
func readmeIDs(t *testing.T, srv *server) map[string]string {
	t.Helper()
	var data struct {
		Groups struct{ Nodes []struct{ ID string } }
		People struct{ Nodes []struct{ ID string } }
		Claims struct {
			Nodes []struct {
				ID      string
				Speaker *struct{ ID string }
			}
		}
	}
	srv.query(t, `{
  groups: entities(type: ARMED_GROUP, first: 2) { nodes { id } }
  people: entities(type: PERSON, first: 2) { nodes { id } }
  claims(first: 100) { nodes { id speaker { id } } }
}`, nil, &data)
	ids := map[string]string{}
	if len(data.Groups.Nodes) == 2 {
		ids["KEEP_ID"], ids["MERGE_ID"] = data.Groups.Nodes[0].ID, data.Groups.Nodes[1].ID
	}
	for _, c := range data.Claims.Nodes {
		if c.Speaker != nil {
			ids["CLAIM_ID"] = c.ID
			for _, p := range data.People.Nodes {
				if p.ID != c.Speaker.ID {
					ids["SPEAKER_ID"] = p.ID
				}
			}
			break
		}
	}
	if len(ids) != 4 {
		t.Fatalf("the demo articles lack what the correction examples need: %v", ids)
	}
	return ids
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
