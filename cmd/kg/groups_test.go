package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// denialText is a made-up article denying the fight of
// testdata/corrections/a-bridge.txt.
const denialText = `url: %s
title: Council denies clashes
publisher: Example News
date: %s
---
The Liwa al-Fatah did not clash with the Islamic State near the bridge, a member of the local council said on Sunday.
`

// TestE2EContestedAcrossDocuments: one article says the Liwa al-Fatah
// fought the Islamic State, another denies it, and a syndicated copy of
// the denial (the same text under another URL) adds no source. Over HTTP
// with the real binary, contested lists the group first with its claims
// from both documents, and the group of the entity says the same.
func TestE2EContestedAcrossDocuments(t *testing.T) {
	root := moduleRoot(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	denial := filepath.Join(dir, "denial.txt")
	copyOf := filepath.Join(dir, "copy.txt")
	// The copy's text is the denial's; only its header differs.
	for file, url := range map[string]string{denial: "https://example.org/denial", copyOf: "https://mirror.example.net/denial"} {
		date := "2015-03-09"
		if file == copyOf {
			date = "2015-03-11"
		}
		if err := os.WriteFile(file, []byte(fmt.Sprintf(denialText, url, date)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustKG(t, "", "ingest", "--db", db, filepath.Join(root, "cmd", "kg", "testdata", "corrections", "a-bridge.txt"), denial)
	srv := startServer(t, db)
	type group struct {
		Subject, Object              struct{ Name string }
		Predicate, Status            string
		Supporting, Denying, Sources int
		FirstSeen, LastSeen          string
		Relations                    []struct {
			Polarity bool
			Claim    struct {
				Text        string
				SpeakerText string
			}
			Document struct{ URL string }
		}
	}
	var got struct {
		Contested struct {
			TotalCount int
			Nodes      []group
		}
	}
	const q = `{ contested(predicate: FIGHTS, first: 5) { totalCount nodes {
	  subject { name } predicate object { name } status supporting denying sources firstSeen lastSeen
	  relations { polarity claim { text speakerText } document { url } } } } }`
	srv.query(t, q, nil, &got)
	check := func(phase, lastSeen string, denials ...string) {
		t.Helper()
		if got.Contested.TotalCount != 1 || len(got.Contested.Nodes) != 1 {
			t.Fatalf("%s: contested %+v", phase, got.Contested)
		}
		g := got.Contested.Nodes[0]
		if g.Status != "CONTESTED" || g.Supporting != 1 || g.Denying != 1 || g.Sources != 2 ||
			g.FirstSeen != "2015-03-02" || g.LastSeen != lastSeen {
			t.Errorf("%s: the group %+v", phase, g)
		}
		// Every claim is listed, the copy's too: it counts once, but
		// its provenance stays.
		byPolarity := map[bool][]string{}
		for _, r := range g.Relations {
			byPolarity[r.Polarity] = append(byPolarity[r.Polarity], r.Document.URL+" "+r.Claim.SpeakerText)
		}
		if fmt.Sprint(byPolarity[true]) != "[https://example.org/bridge activists]" || fmt.Sprint(byPolarity[false]) != fmt.Sprint(denials) {
			t.Errorf("%s: the group's claims: %v, want the denials %q", phase, byPolarity, denials)
		}
	}
	const council = "a member of the local council"
	check("two documents", "2015-03-09", "https://example.org/denial "+council)
	srv.stop(t)

	// The copy: the same text, another URL, published two days later.
	mustKG(t, "", "ingest", "--db", db, copyOf)
	srv = startServer(t, db)
	srv.query(t, q, nil, &got)
	check("after a syndicated copy", "2015-03-11", "https://example.org/denial "+council, "https://mirror.example.net/denial "+council)
	var ent struct {
		Entities struct {
			Nodes []struct{ RelationGroups []group }
		}
	}
	srv.query(t, `{ entities(name: "Liwa al-Fatah") { nodes { relationGroups(predicate: FIGHTS) { status supporting denying sources } } } }`, nil, &ent)
	if n := ent.Entities.Nodes; len(n) != 1 || len(n[0].RelationGroups) != 1 || n[0].RelationGroups[0].Status != "CONTESTED" || n[0].RelationGroups[0].Sources != 2 {
		t.Errorf("Liwa al-Fatah's FIGHTS groups: %+v", n)
	}
	srv.stop(t)
}
