package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportedGraph ingests testdata/articles into a fresh database and reads
// its JSON lines export, the reference the other formats are checked
// against.
type exportedGraph struct {
	db      string
	records map[string][]map[string]any // by type
}

func ingestForExport(t *testing.T) exportedGraph {
	t.Helper()
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(moduleRoot(t), "testdata", "articles"))
	g := exportedGraph{db: db, records: map[string][]map[string]any{}}
	for i, line := range strings.Split(strings.TrimSpace(mustKG(t, "", "export", "--db", db).stdout), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("jsonl line %d: %v", i+1, err)
		}
		typ := rec["type"].(string)
		g.records[typ] = append(g.records[typ], rec)
	}
	for _, typ := range []string{"document", "entity", "claim", "relation"} {
		if len(g.records[typ]) == 0 {
			t.Fatalf("the jsonl export has no %s", typ)
		}
	}
	return g
}

// exportTwice runs kg export twice and fails unless both give the same.
func exportTwice(t *testing.T, args ...string) string {
	t.Helper()
	first := mustKG(t, "", args...)
	if second := mustKG(t, "", args...); second.stdout != first.stdout {
		t.Errorf("kg %s: two exports of one database differ", strings.Join(args, " "))
	}
	return first.stdout
}

// claimWithFigure finds a claim with a speaker and a casualty figure.
func (g exportedGraph) claimWithFigure(t *testing.T) map[string]any {
	t.Helper()
	for _, c := range g.records["claim"] {
		if figs, _ := c["figures"].([]any); len(figs) > 0 && c["speaker"] != nil && c["documentUrl"] != nil {
			return c
		}
	}
	t.Fatal("no claim with a speaker, a document URL and a figure")
	return nil
}

// TestE2EExportGraphML: networkx reads the GraphML as a multigraph with one
// node per entity and one edge per relation, carrying its predicate,
// polarity, claim, speaker and document URL.
func TestE2EExportGraphML(t *testing.T) {
	python := needPython(t, map[string]string{"networkx": "python3-networkx"})
	g := ingestForExport(t)
	out := exportTwice(t, "export", "--db", g.db, "--format", "graphml")
	path := filepath.Join(t.TempDir(), "graph.graphml")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	rel := g.records["relation"][0]
	got := runPython(t, python, `
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
s, o, claim = sys.argv[2], sys.argv[3], sys.argv[4]
edges = [d for _, _, d in g.edges(s, data=True) if d.get("claim") == claim] if g.has_node(s) else []
print(json.dumps({
    "multigraph": g.is_multigraph(), "directed": g.is_directed(),
    "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
    "subject": dict(g.nodes[s]) if g.has_node(s) else None,
    "edge": edges[0] if edges else None,
    "targets": [t for _, t, d in g.edges(s, data=True) if d.get("claim") == claim],
}))
`, path, rel["subjectId"].(string), rel["objectId"].(string), rel["claimId"].(string))
	var res struct {
		Multigraph, Directed bool
		Nodes, Edges         int
		Subject              map[string]any
		Edge                 map[string]any
		Targets              []string
	}
	if err := json.Unmarshal([]byte(got), &res); err != nil {
		t.Fatalf("networkx said %q: %v", got, err)
	}
	if !res.Multigraph || !res.Directed {
		t.Errorf("networkx read a graph that is multigraph=%v directed=%v, want both", res.Multigraph, res.Directed)
	}
	if res.Nodes != len(g.records["entity"]) || res.Edges != len(g.records["relation"]) {
		t.Errorf("networkx read %d nodes and %d edges; the export has %d entities and %d relations",
			res.Nodes, res.Edges, len(g.records["entity"]), len(g.records["relation"]))
	}
	if res.Subject == nil || res.Subject["name"] != rel["subject"] || res.Subject["type"] == "" {
		t.Errorf("node %s: %v, want name %q and a type", rel["subjectId"], res.Subject, rel["subject"])
	}
	if res.Edge == nil {
		t.Fatalf("no edge from %s for claim %s", rel["subjectId"], rel["claimId"])
	}
	if res.Edge["predicate"] != rel["predicate"] || res.Edge["polarity"] != rel["polarity"] || res.Edge["speaker"] != rel["assertedBy"] {
		t.Errorf("edge %v, want predicate %v, polarity %v, speaker %v", res.Edge, rel["predicate"], rel["polarity"], rel["assertedBy"])
	}
	if u, _ := res.Edge["documentUrl"].(string); !strings.HasPrefix(u, "http") {
		t.Errorf("edge %v has no document URL", res.Edge)
	}
	found := false
	for _, target := range res.Targets {
		found = found || target == rel["objectId"]
	}
	if !found {
		t.Errorf("claim %s's edges from %s go to %v, not to %s", rel["claimId"], rel["subjectId"], res.Targets, rel["objectId"])
	}
}

// TestE2EExportNQuads: rdflib parses the N-Quads; every line is one quad;
// a claim's speaker is the entity the jsonl names, and its quads' graph
// label is the node of its document, whose URL is the claim's. With
// --dgraph only the type predicate differs; --schema writes the schema
// kept in examples/dgraph.
func TestE2EExportNQuads(t *testing.T) {
	python := needPython(t, map[string]string{"rdflib": "python3-rdflib"})
	g := ingestForExport(t)
	dir := t.TempDir()
	schema := filepath.Join(dir, "schema.dgraph")
	out := exportTwice(t, "export", "--db", g.db, "--format", "nquads")
	dgraph := mustKG(t, "", "export", "--db", g.db, "--format", "nquads", "--dgraph", "--schema", schema).stdout
	if strings.ReplaceAll(out, " <kg:type> \"", " <dgraph.type> \"") != dgraph {
		t.Error("--dgraph changes more than the type predicate")
	}
	if strings.Contains(out, "<dgraph.type>") {
		t.Error("without --dgraph the export uses <dgraph.type>, which strict N-Quads refuse")
	}
	written, err := os.ReadFile(schema)
	if err != nil {
		t.Fatal(err)
	}
	kept, err := os.ReadFile(filepath.Join(moduleRoot(t), "examples", "dgraph", "schema.dgraph"))
	if err != nil {
		t.Fatal(err)
	}
	if string(written) != string(kept) {
		t.Error("kg export --schema differs from examples/dgraph/schema.dgraph: write it again with --schema")
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		pred := strings.Fields(line)[1]
		if !strings.Contains(string(written), pred+":") && pred != "<kg:type>" {
			t.Errorf("predicate %s is not in the Dgraph schema", pred)
			break
		}
	}
	path := filepath.Join(dir, "graph.nq")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	c := g.claimWithFigure(t)
	got := runPython(t, python, `
import json, sys
import rdflib
from rdflib import Literal, URIRef
KG = lambda p: URIRef("kg:" + p)
ds = rdflib.Dataset()
ds.parse(sys.argv[1], format="nquads")
quads = list(ds.quads((None, None, None, None)))
claim = next(s for s, p, o, _ in quads if p == KG("id") and str(o) == sys.argv[2])
speaker = next(o for s, p, o, _ in quads if s == claim and p == KG("speaker"))
labels = {str(getattr(g, "identifier", g)) for s, p, o, g in quads if s == claim}
doc = next(o for s, p, o, _ in quads if s == claim and p == KG("document"))
figures = [o for s, p, o, _ in quads if s == claim and p == KG("figure")]
values = [o.toPython() for f in figures for s, p, o, _ in quads if s == f and p == KG("value")]
print(json.dumps({
    "quads": len(quads),
    "speakerName": [str(o) for s, p, o, _ in quads if s == speaker and p == KG("name")],
    "labels": sorted(labels), "document": str(doc),
    "documentUrl": [str(o) for s, p, o, _ in quads if s == doc and p == KG("url")],
    "start": [o.toPython() for s, p, o, _ in quads if s == claim and p == KG("start")],
    "figureValues": values,
}))
`, path, c["id"].(string))
	var res struct {
		Quads        int
		SpeakerName  []string
		Labels       []string
		Document     string
		DocumentURL  []string
		Start        []any
		FigureValues []any
	}
	if err := json.Unmarshal([]byte(got), &res); err != nil {
		t.Fatalf("rdflib said %q: %v", got, err)
	}
	if lines := strings.Count(out, "\n"); res.Quads != lines {
		t.Errorf("rdflib read %d quads from %d lines", res.Quads, lines)
	}
	if len(res.SpeakerName) != 1 || res.SpeakerName[0] != c["speaker"] {
		t.Errorf("claim %s: speaker named %v in RDF, %q in jsonl", c["id"], res.SpeakerName, c["speaker"])
	}
	if len(res.Labels) != 1 || res.Labels[0] != res.Document {
		t.Errorf("claim %s: quads labelled %v, want only its document %s", c["id"], res.Labels, res.Document)
	}
	if len(res.DocumentURL) != 1 || res.DocumentURL[0] != c["documentUrl"] {
		t.Errorf("claim %s: document URL %v in RDF, %q in jsonl", c["id"], res.DocumentURL, c["documentUrl"])
	}
	if len(res.Start) != 1 || res.Start[0] != c["start"] {
		t.Errorf("claim %s: start %v in RDF (a typed int), %v in jsonl", c["id"], res.Start, c["start"])
	}
	if figs := c["figures"].([]any); len(res.FigureValues) != len(figs) {
		t.Errorf("claim %s: figure values %v in RDF, %d figures in jsonl", c["id"], res.FigureValues, len(figs))
	}
}

// TestE2EExportCSV: Python's csv module reads one file per record type,
// with as many rows as the jsonl has records; one type goes to standard
// output; --what all without --out is a usage error.
func TestE2EExportCSV(t *testing.T) {
	python := needPython(t, map[string]string{"csv": "python3"})
	g := ingestForExport(t)
	dir := filepath.Join(t.TempDir(), "csv")
	mustKG(t, "", "export", "--db", g.db, "--format", "csv", "--out", dir)
	claims := exportTwice(t, "export", "--db", g.db, "--format", "csv", "--what", "claims")
	inDir, err := os.ReadFile(filepath.Join(dir, "claims.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if string(inDir) != claims {
		t.Error("--what claims to standard output differs from claims.csv under --out")
	}
	c := g.claimWithFigure(t)
	got := runPython(t, python, `
import csv, json, os, sys
d = sys.argv[1]
rows = {}
for name in ("documents", "entities", "claims", "relations"):
    with open(os.path.join(d, name + ".csv"), newline="", encoding="utf-8") as f:
        rows[name] = list(csv.DictReader(f))
claim = next(r for r in rows["claims"] if r["id"] == sys.argv[2])
print(json.dumps({"counts": {k: len(v) for k, v in rows.items()}, "claim": claim,
                  "figures": json.loads(claim["figures"]), "about": json.loads(claim["about"])}))
`, dir, c["id"].(string))
	var res struct {
		Counts  map[string]int
		Claim   map[string]string
		Figures []map[string]any
		About   []string
	}
	if err := json.Unmarshal([]byte(got), &res); err != nil {
		t.Fatalf("python csv said %q: %v", got, err)
	}
	for file, typ := range map[string]string{"documents": "document", "entities": "entity", "claims": "claim", "relations": "relation"} {
		if res.Counts[file] != len(g.records[typ]) {
			t.Errorf("%s.csv has %d rows, the jsonl %d %s records", file, res.Counts[file], len(g.records[typ]), typ)
		}
	}
	if res.Claim["text"] != c["text"] || res.Claim["speaker"] != c["speaker"] || res.Claim["documentUrl"] != c["documentUrl"] {
		t.Errorf("claims.csv row %v differs from the jsonl claim %v", res.Claim, c)
	}
	if len(res.Figures) != len(c["figures"].([]any)) || len(res.About) != len(c["about"].([]any)) {
		t.Errorf("claims.csv figures %v and about %v differ from the jsonl's", res.Figures, res.About)
	}
	if r := runKG(t, "", "export", "--db", g.db, "--format", "csv"); r.code != 2 || !strings.Contains(r.stderr, "--out DIR") {
		t.Errorf("export --format csv with --what all and no --out: exit %d, %q; want 2 and a hint at --out DIR", r.code, r.stderr)
	}
	if r := runKG(t, "", "export", "--db", g.db, "--format", "graphml", "--what", "claims"); r.code != 2 {
		t.Errorf("export --format graphml --what claims: exit %d, want 2", r.code)
	}
	if r := runKG(t, "", "export", "--db", g.db, "--format", "xml"); r.code != 2 {
		t.Errorf("export --format xml: exit %d, want 2", r.code)
	}
}

// TestExportProgressLine: what an export shows on a terminal.
func TestExportProgressLine(t *testing.T) {
	if got, want := exportProgressLine(12345, 2e9), "kg: exported 12,345 records, 6,172/s"; got != want {
		t.Errorf("exportProgressLine = %q, want %q", got, want)
	}
}
