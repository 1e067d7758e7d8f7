package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The corrections end to end, on the real binary over HTTP: four
// corrections a fact-checker makes on two articles
// (testdata/corrections), each checked in every answer that should show
// it, then checked again after a restart, after the articles are
// ingested again, and after a new article names the corrected entities.
//
//   - a misattributed quote: "We will hold the bridge until the end" was
//     Khaled Saleh's, not Abu Hamza's (setClaimSpeaker);
//   - two people the extractor merged because they share a name: Abu
//     Hamza the commander (bridge article) and Abu Hamza the trader
//     (market article) (splitEntity);
//   - one group under two names: Liwa al-Fatah and the Fatah Brigade
//     (mergeEntities), which makes their fight with the Islamic State
//     CORROBORATED by two sources;
//   - a claim retracted: the activists' "clashed" claim, which leaves the
//     fight SINGLE_SOURCE (retractClaim).

// correctionIDs are what the scenario corrects.
type correctionIDs struct {
	abuHamza, khaled, liwa, fatah, trader string
	quote, clashed, docB                  string
	// earlier are the ops of the audit log before the four (a fixture's).
	earlier []string
}

const (
	// Beginnings of claims: a better extractor may end them elsewhere.
	quoteText   = "We will hold the bridge until the"
	clashedText = "Fighters of the Liwa al-Fatah clashed with the Islamic State"
	shopsText   = "The shops are open again and people are coming"
	traderName  = "Abu Hamza (trader)"
)

// claimTextsOf gives the texts of the claims matching filter.
func claimTextsOf(t *testing.T, srv *server, filter map[string]any) []string {
	t.Helper()
	var out []string
	for _, c := range srv.claims(t, filter) {
		out = append(out, c.Text)
	}
	return out
}

// hasClaim reports whether one of texts starts with prefix (so that a
// better extractor's spans do not break the test).
func hasClaim(texts []string, prefix string) bool {
	return slices.ContainsFunc(texts, func(s string) bool { return strings.HasPrefix(s, prefix) })
}

// claimID finds the ID of the claim whose text starts with text.
func claimID(t *testing.T, srv *server, search, text string) string {
	t.Helper()
	var data struct {
		Claims struct{ Nodes []struct{ ID, Text string } }
	}
	srv.query(t, `query($q: String) { claims(text: $q, first: 100, includeRetracted: true) { nodes { id text } } }`, map[string]any{"q": search}, &data)
	for _, c := range data.Claims.Nodes {
		if strings.HasPrefix(c.Text, text) {
			return c.ID
		}
	}
	t.Fatalf("no claim %q among %+v", text, data.Claims.Nodes)
	return ""
}

// mutate runs a mutation and decodes its data.
func mutate(t *testing.T, srv *server, query string, vars map[string]any) map[string]any {
	t.Helper()
	var data map[string]any
	srv.query(t, query, vars, &data)
	return data
}

const reasonText = "checked against the video of the interview"

// applyCorrections makes the four corrections, checking what the merge
// does to the fight's status before the retraction.
func applyCorrections(t *testing.T, srv *server) correctionIDs {
	t.Helper()
	ids := correctionIDs{
		abuHamza: srv.entity(t, "Abu Hamza", "PERSON").ID,
		khaled:   srv.entity(t, "Khaled Saleh", "PERSON").ID,
		liwa:     srv.entity(t, "Liwa al-Fatah", "ARMED_GROUP").ID,
		fatah:    srv.entity(t, "Fatah Brigade", "ARMED_GROUP").ID,
	}
	ids.quote = claimID(t, srv, "bridge", quoteText)
	ids.clashed = claimID(t, srv, "clashed", clashedText)
	var docs struct {
		Documents struct{ Nodes []struct{ ID, URL string } }
	}
	srv.query(t, `{ documents(first: 10) { nodes { id url } } }`, nil, &docs)
	for _, d := range docs.Documents.Nodes {
		if d.URL == "https://example.org/market" {
			ids.docB = d.ID
		}
	}
	if ids.liwa == ids.fatah || ids.docB == "" {
		t.Fatalf("the articles are not extracted as the test expects: %+v", ids)
	}
	if got := fightStatus(t, srv, ids.liwa); got != "SINGLE_SOURCE/1" {
		t.Errorf("before any correction, Liwa al-Fatah's fight with the Islamic State is %s", got)
	}

	mutate(t, srv, `mutation($c: ID!, $s: ID, $r: String!) { setClaimSpeaker(claim: $c, speaker: $s, reason: $r) { entry { id } } }`,
		map[string]any{"c": ids.quote, "s": ids.khaled, "r": reasonText})
	split := mutate(t, srv, `mutation($id: ID!, $d: [ID!]!, $n: String!, $r: String!) { splitEntity(id: $id, documents: $d, name: $n, reason: $r) { entity { id name } } }`,
		map[string]any{"id": ids.abuHamza, "d": []string{ids.docB}, "n": traderName, "r": "a trader, not the commander"})
	ids.trader, _ = split["splitEntity"].(map[string]any)["entity"].(map[string]any)["id"].(string)
	mutate(t, srv, `mutation($k: ID!, $m: ID!, $r: String!) { mergeEntities(keep: $k, merge: $m, reason: $r) { entity { id } } }`,
		map[string]any{"k": ids.liwa, "m": ids.fatah, "r": "Fatah Brigade is the English name of Liwa al-Fatah"})
	if got := fightStatus(t, srv, ids.liwa); got != "CORROBORATED/2" {
		t.Errorf("after the merge, the fight is %s; want CORROBORATED by the activists and the Observatory", got)
	}
	mutate(t, srv, `mutation($c: ID!, $r: String!) { retractClaim(claim: $c, reason: $r) { claim { retracted } } }`,
		map[string]any{"c": ids.clashed, "r": "the activists' account was withdrawn"})
	return ids
}

// fightStatus is the status and source count of the entity's FIGHTS
// group with the Islamic State.
func fightStatus(t *testing.T, srv *server, id string) string {
	t.Helper()
	var data struct {
		Entity struct {
			RelationGroups []struct {
				Status  string
				Sources int
				Object  struct{ Name string }
				Subject struct{ Name string }
			}
		}
	}
	srv.query(t, `query($id: ID!) { entity(id: $id) { relationGroups(predicate: FIGHTS) { status sources subject { name } object { name } } } }`, map[string]any{"id": id}, &data)
	for _, g := range data.Entity.RelationGroups {
		if g.Object.Name == "Islamic State" || g.Subject.Name == "Islamic State" {
			return g.Status + "/" + itoa(g.Sources)
		}
	}
	return "none"
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// currentID is the ID entity id has now (a re-extraction gives entities
// new IDs; the old ones resolve to them).
func currentID(t *testing.T, srv *server, id string) string {
	t.Helper()
	var data struct{ Entity *struct{ ID string } }
	srv.query(t, `query($id: ID!) { entity(id: $id) { id } }`, map[string]any{"id": id}, &data)
	if data.Entity == nil {
		t.Errorf("entity(id: %s) is null", id)
		return ""
	}
	return data.Entity.ID
}

// checkCorrections checks the four corrections in every query that should
// show them, over HTTP.
func checkCorrections(t *testing.T, srv *server, ids correctionIDs, phase string) {
	t.Helper()
	// The quote is Khaled Saleh's.
	if got := claimTextsOf(t, srv, map[string]any{"speaker": ids.khaled}); !hasClaim(got, quoteText) {
		t.Errorf("%s: Khaled Saleh's claims %q lack the quote", phase, got)
	}
	abu := claimTextsOf(t, srv, map[string]any{"speaker": ids.abuHamza})
	if hasClaim(abu, quoteText) || hasClaim(abu, shopsText) || !hasClaim(abu, "the group had lost two") {
		t.Errorf("%s: Abu Hamza's claims %q", phase, abu)
	}
	var search struct {
		Claims struct {
			Nodes []struct {
				Text    string
				Speaker *struct{ Name string }
			}
		}
	}
	srv.query(t, `{ claims(text: "hold the bridge", first: 5) { nodes { text speaker { name } } } }`, nil, &search)
	found := false
	for _, n := range search.Claims.Nodes {
		if strings.HasPrefix(n.Text, quoteText) {
			found = n.Speaker != nil && n.Speaker.Name == "Khaled Saleh"
		}
	}
	if !found {
		t.Errorf("%s: searching the quote does not give it as Khaled Saleh's: %+v", phase, search.Claims.Nodes)
	}
	// The trader is his own person.
	trader := srv.entity(t, traderName, "PERSON")
	if trader.ID != ids.trader {
		t.Errorf("%s: the trader is %+v, want %s", phase, trader, ids.trader)
	}
	if got := claimTextsOf(t, srv, map[string]any{"speaker": ids.trader}); len(got) != 1 || !hasClaim(got, shopsText) {
		t.Errorf("%s: the trader's claims %q", phase, got)
	}
	// One group.
	var merged struct{ Entity entityNode }
	srv.query(t, `query($id: ID!) { entity(id: $id) { id name type aliases } }`, map[string]any{"id": ids.fatah}, &merged)
	liwa := currentID(t, srv, ids.liwa)
	if merged.Entity.ID != liwa || !slices.Contains(merged.Entity.Aliases, "Fatah Brigade") {
		t.Errorf("%s: entity(id: Fatah Brigade) = %+v; want Liwa al-Fatah with the alias", phase, merged.Entity)
	}
	if e := srv.entity(t, "Fatah Brigade", "ARMED_GROUP"); e.ID != liwa {
		t.Errorf("%s: the entity named Fatah Brigade is %+v", phase, e)
	}
	if got := claimTextsOf(t, srv, map[string]any{"about": ids.fatah}); !hasClaim(got, "The Fatah Brigade is fighting the Islamic State") {
		t.Errorf("%s: claims about the merged group %q", phase, got)
	}
	// The retraction, and what it leaves of the fight.
	if got := claimTextsOf(t, srv, map[string]any{"text": "clashed"}); len(got) != 0 {
		t.Errorf("%s: searching clashed finds the retracted claim: %q", phase, got)
	}
	var retracted struct {
		Claims struct{ Nodes []struct{ Retracted bool } }
	}
	srv.query(t, `{ claims(text: "clashed", includeRetracted: true) { nodes { retracted } } }`, nil, &retracted)
	if n := retracted.Claims.Nodes; len(n) != 1 || !n[0].Retracted {
		t.Errorf("%s: with includeRetracted: %+v", phase, n)
	}
	if got := fightStatus(t, srv, ids.fatah); got != "SINGLE_SOURCE/1" {
		t.Errorf("%s: the fight is %s after the retraction; want SINGLE_SOURCE (the Observatory alone)", phase, got)
	}
	// The audit log.
	var log struct {
		AuditLog struct {
			TotalCount int
			Nodes      []struct{ Who, Op, Status, Reason string }
		}
	}
	srv.query(t, `{ auditLog(first: 50) { totalCount nodes { who op status reason } } }`, nil, &log)
	var ops []string
	for i, e := range log.AuditLog.Nodes {
		if e.Who != "fact-checker" && i >= len(ids.earlier) || e.Status != "APPLIED" || e.Reason == "" {
			t.Errorf("%s: audit entry %+v", phase, e)
		}
		ops = append(ops, e.Op)
	}
	if want := append(slices.Clone(ids.earlier), "SET_CLAIM_SPEAKER", "SPLIT_ENTITY", "MERGE_ENTITIES", "RETRACT_CLAIM"); !slices.Equal(ops, want) {
		t.Errorf("%s: audit log %q, want %q", phase, ops, want)
	}
	var byEntity struct {
		AuditLog struct{ Nodes []struct{ Op string } }
	}
	srv.query(t, `query($e: ID) { auditLog(entity: $e) { nodes { op } } }`, map[string]any{"e": ids.fatah}, &byEntity)
	if len(byEntity.AuditLog.Nodes) != 1 || byEntity.AuditLog.Nodes[0].Op != "MERGE_ENTITIES" {
		t.Errorf("%s: the merged group's audit log %+v", phase, byEntity.AuditLog.Nodes)
	}
}

// checkExport checks the corrections in kg export and kg audit (the
// server stopped: they open the database themselves).
func checkExport(t *testing.T, db string, ids correctionIDs, phase string) {
	t.Helper()
	out := mustKG(t, "", "export", "--db", db)
	var sawQuote, sawTrader, sawFatah, sawLiwa bool
	sc := bufio.NewScanner(strings.NewReader(out.stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		switch r["type"] {
		case "claim":
			text, _ := r["text"].(string)
			if strings.HasPrefix(text, quoteText) {
				sawQuote = r["speaker"] == "Khaled Saleh"
			}
			if strings.HasPrefix(text, clashedText) {
				t.Errorf("%s: export has the retracted claim", phase)
			}
		case "entity":
			sawTrader = sawTrader || r["name"] == traderName
			sawFatah = sawFatah || r["name"] == "Fatah Brigade"
			if r["name"] == "Liwa al-Fatah" {
				aliases, _ := r["aliases"].([]any)
				sawLiwa = slices.Contains(aliases, any("Fatah Brigade"))
			}
		case "relation":
			if r["subject"] == "Fatah Brigade" || r["object"] == "Fatah Brigade" {
				t.Errorf("%s: export has a relation of the merged name: %v", phase, r)
			}
			if r["predicate"] == "FIGHTS" && (r["subject"] == "Liwa al-Fatah" || r["object"] == "Liwa al-Fatah") && r["assertedBy"] != "Syrian Observatory for Human Rights" {
				t.Errorf("%s: export has the fight asserted by %v (the retracted claim's?)", phase, r["assertedBy"])
			}
		}
	}
	if !sawQuote || !sawTrader || sawFatah || !sawLiwa {
		t.Errorf("%s: export: quote given to Khaled Saleh %v, trader %v, Fatah Brigade still an entity %v, Liwa al-Fatah with its alias %v",
			phase, sawQuote, sawTrader, sawFatah, sawLiwa)
	}
	audit := mustKG(t, "", "audit", "--db", db)
	if n := strings.Count(audit.stdout, `"status":"APPLIED"`); n != 4+len(ids.earlier) {
		t.Errorf("%s: kg audit: %d entries applied, want %d:\n%s", phase, n, 4+len(ids.earlier), audit.stdout)
	}
}

func TestE2ECorrections(t *testing.T) {
	root := moduleRoot(t)
	articles := filepath.Join(root, "cmd", "kg", "testdata", "corrections")
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, articles)
	token := strings.TrimSpace(mustKG(t, "", "token", "add", "--db", db, "fact-checker").stdout)
	srv := startServer(t, db)

	// Without the token, no correction.
	body := `{"query":"mutation { retractClaim(claim: \"00000000-0000-0000-0000-000000000001\", reason: \"x\") { entry { id } } }"}`
	req, err := http.NewRequest(http.MethodPost, srv.base+"graphql", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if r := srv.do(t, req); r.status != http.StatusUnauthorized {
		t.Errorf("a mutation without a token: %d %s", r.status, r.body)
	}
	srv.token = token
	ids := applyCorrections(t, srv)
	checkCorrections(t, srv, ids, "after the corrections")
	srv.stop(t)
	checkExport(t, db, ids, "after the corrections")

	// A restart re-applies them from the audit log.
	srv = startServer(t, db)
	srv.token = token
	checkCorrections(t, srv, ids, "after a restart")
	srv.stop(t)

	// Ingesting the same articles again changes nothing.
	again := mustKG(t, "", "ingest", "--db", db, articles)
	if docs, dups := storedDocuments(t, again.stdout); docs != 2 || dups != 2 {
		t.Errorf("ingesting again: %q", again.stdout)
	}
	srv = startServer(t, db)
	checkCorrections(t, srv, ids, "after ingesting the articles again")
	srv.stop(t)

	// A new article names the merged group and Abu Hamza.
	mustKG(t, "", "ingest", "--db", db, filepath.Join(root, "cmd", "kg", "testdata", "corrections-later"))
	srv = startServer(t, db)
	checkCorrections(t, srv, ids, "after a new article")
	if got := claimTextsOf(t, srv, map[string]any{"speaker": ids.liwa}); !hasClaim(got, "it had taken two villages") {
		t.Errorf("the new article's claim of the Fatah Brigade is not the merged group's: %q", got)
	}
	if got := claimTextsOf(t, srv, map[string]any{"speaker": ids.abuHamza}); !hasClaim(got, "the bridge was still") {
		t.Errorf("the new article's claim of Abu Hamza: %q", got)
	}
	srv.stop(t)
	checkExport(t, db, ids, "after a new article")

	// kg reextract with a changed extractor: every claim one code point
	// shorter (a binary built with -tags kgvariant), so the corrections
	// must find their claims again by overlap. Old IDs keep resolving.
	variant := buildVariant(t)
	out := runBinary(t, variant, "reextract", "--db", db)
	if out.code != 0 || !strings.Contains(out.stdout, "3 documents extracted again") || !strings.Contains(out.stdout, "every correction applies") {
		t.Fatalf("kg reextract: exit %d\n%s\n%s", out.code, out.stdout, out.stderr)
	}
	if !strings.Contains(out.stderr, "3 of 3 documents extracted again") {
		t.Errorf("kg reextract shows no progress: %s", out.stderr)
	}
	srv = startServer(t, db)
	checkCorrections(t, srv, ids, "after kg reextract")
	var shorter struct {
		Claims struct{ Nodes []struct{ Text string } }
	}
	srv.query(t, `{ claims(text: "bridge until", first: 5) { nodes { text } } }`, nil, &shorter)
	if n := shorter.Claims.Nodes; len(n) == 0 || n[0].Text != "We will hold the bridge until the en" {
		t.Errorf("after kg reextract, the quote is %+v: the variant extractor did not run", n)
	}
	srv.stop(t)
	checkExport(t, db, ids, "after kg reextract")
}

// buildVariant builds kg with the changed extractor (-tags kgvariant).
func buildVariant(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kg-variant")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, goTool(), "build", "-tags", "kgvariant", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("building kg with -tags kgvariant: %v\n%s", err, out)
	}
	return bin
}

// runBinary runs another build of kg, as runKG runs kg.
func runBinary(t *testing.T, bin string, args ...string) kgResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exitErr, ok := err.(*exec.ExitError); ok {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %s: %v", bin, strings.Join(args, " "), err)
	}
	return kgResult{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// TestE2EMigrate opens a database of the previous layout version
// (testdata/layout5, made by the kg of commit 890a305, with one
// correction: Hama has the alias "Hama city"): the first command migrates
// it at open, saying so; the correction it held still applies, the
// relation groups of the new layout are there, and the four corrections
// then work on it as on a new one; kg migrate on the result has nothing
// to do.
func TestE2EMigrate(t *testing.T) {
	root := moduleRoot(t)
	db := filepath.Join(t.TempDir(), "db")
	if err := os.CopyFS(db, os.DirFS(filepath.Join(root, "cmd", "kg", "testdata", "layout5"))); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(db, "README.md"))
	// The first command to open it migrates it, saying so.
	added := mustKG(t, "", "token", "add", "--db", db, "fact-checker")
	if !strings.Contains(added.stderr, "previous layout version: migrating it in place") || !strings.Contains(added.stderr, "3 of 3 documents extracted again") {
		t.Errorf("no word of the migration: %s", added.stderr)
	}
	token := strings.TrimSpace(added.stdout)
	srv := startServer(t, db)
	var stats struct {
		Stats struct{ Documents, Claims int }
	}
	srv.query(t, `{ stats { documents claims } }`, nil, &stats)
	if stats.Stats.Documents != 3 || stats.Stats.Claims == 0 {
		t.Errorf("after the migration: %+v", stats.Stats)
	}
	if hama := srv.entity(t, "Hama", "PLACE"); !slices.Contains(hama.Aliases, "Hama city") {
		t.Errorf("the correction of the layout-5 database is lost: Hama's aliases are %q", hama.Aliases)
	}
	if got := fightStatus(t, srv, srv.entity(t, "Liwa al-Fatah", "ARMED_GROUP").ID); got != "SINGLE_SOURCE/1" {
		t.Errorf("after the migration, Liwa al-Fatah's fight with the Islamic State is %s", got)
	}
	srv.token = token
	ids := applyCorrections(t, srv)
	ids.earlier = []string{"ADD_ALIAS"}
	checkCorrections(t, srv, ids, "after the migration")
	srv.stop(t)
	checkExport(t, db, ids, "after the migration")
	if out := mustKG(t, "", "migrate", "--db", db); !strings.Contains(out.stdout, "nothing to migrate") {
		t.Errorf("kg migrate on a migrated database: %s", out.stdout)
	}
}
