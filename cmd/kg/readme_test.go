package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// updateReadme makes TestE2EReadmeQueries write each example's real
// output into the README instead of comparing it.
var updateReadme = flag.Bool("update", false, "TestE2EReadmeQueries: write every README example's real output into the ```json block after it")

// TestE2EReadmeQueries runs every GraphQL example of the README against
// the real server over HTTP, on the project's articles (testdata/articles)
// ingested by kg ingest, in the README's order, so the front door stays
// true: each ```graphql block must be followed by a ```json block that is
// its output, compared after normalising what differs from one ingest to
// the next (see normaliseOutput). go test ./cmd/kg -run
// TestE2EReadmeQueries -update rewrites those blocks (and adds missing
// ones).
func TestE2EReadmeQueries(t *testing.T) {
	root := moduleRoot(t)
	readmePath := filepath.Join(root, "README.md")
	raw, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	examples := readmeExamples(readme)
	if len(examples) < 3 {
		t.Fatalf("found %d GraphQL examples in the README, want at least 3", len(examples))
	}
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(root, "testdata", "articles"))
	token := strings.TrimSpace(mustKG(t, "", "token", "add", "--db", db, "readme").stdout)
	srv := startServer(t, db)
	srv.token = token // ingest is a mutation
	defer srv.stop(t)
	// ISIS_ID stands for the ID of ISIS (the timeline's example).
	var isis struct {
		Entities struct{ Nodes []struct{ ID string } }
	}
	srv.query(t, `{ entities(name: "ISIS", type: ARMED_GROUP, first: 1) { nodes { id } } }`, nil, &isis)
	if len(isis.Entities.Nodes) == 0 {
		t.Fatal("no ISIS in the project's articles, for ISIS_ID")
	}
	outputs := make([]string, len(examples))
	for i, ex := range examples {
		var data json.RawMessage
		srv.query(t, strings.ReplaceAll(ex.query, `"ISIS_ID"`, `"`+isis.Entities.Nodes[0].ID+`"`), map[string]any{}, &data)
		got, err := normaliseOutput([]byte(`{"data":` + string(data) + `}`))
		if err != nil {
			t.Fatalf("README example %d: %v", i+1, err)
		}
		outputs[i] = got
		if *updateReadme {
			continue
		}
		if !ex.hasOutput {
			t.Errorf("README example %d has no ```json block with its output after it (go test ./cmd/kg -run TestE2EReadmeQueries -update adds it):\n%s", i+1, ex.query)
			continue
		}
		want, err := normaliseOutput([]byte(ex.output))
		if err != nil {
			t.Errorf("README example %d: its ```json block: %v", i+1, err)
			continue
		}
		if got != want {
			t.Errorf("README example %d: the output differs from its ```json block (go test ./cmd/kg -run TestE2EReadmeQueries -update rewrites it):\n%s\ngot:\n%s\nwant:\n%s", i+1, ex.query, got, want)
		}
	}
	if *updateReadme {
		updated := readme
		for i := len(examples) - 1; i >= 0; i-- {
			ex := examples[i]
			updated = updated[:ex.outputStart] + "```json\n" + outputs[i] + "\n```\n" + updated[ex.outputEnd:]
		}
		if updated != readme {
			if err := os.WriteFile(readmePath, []byte(updated), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("rewrote the outputs of %d examples in %s", len(examples), readmePath)
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

// readmeExample is one ```graphql block of the README and the ```json
// block of its output after it, if any.
type readmeExample struct {
	query     string
	output    string
	hasOutput bool
	// outputStart and outputEnd are where the ```json block is in the
	// README, or where it goes (both just after the ```graphql block).
	outputStart, outputEnd int
}

// readmeBlock is a ```graphql block, and the ```json block right after
// it (blank lines between them allowed).
var readmeBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```\n(?:\\s*?(```json\n(.*?)```\n))?")

func readmeExamples(readme string) []readmeExample {
	var out []readmeExample
	for _, m := range readmeBlock.FindAllStringSubmatchIndex(readme, -1) {
		ex := readmeExample{query: readme[m[2]:m[3]], outputStart: m[1], outputEnd: m[1]}
		if m[4] >= 0 {
			ex.hasOutput = true
			ex.output = readme[m[6]:m[7]]
			ex.outputStart, ex.outputEnd = m[4], m[5]
		}
		out = append(out, ex)
	}
	return out
}

// The parts of an answer that differ from one ingest of the same articles
// to the next: IDs (random UUIDs), cursors (which hold them) and the time
// of ingest. Everything else (names, texts, spans, counts, statuses, the
// order of lists) must be what the README shows.
var (
	uuidString   = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	unstableKeys = map[string]bool{"cursor": true, "endCursor": true, "ingestedAt": true}
)

// readmeWidth is the width the README's outputs are laid out in.
const readmeWidth = 100

// jsonNode is a JSON value with its object members in their order.
type jsonNode struct {
	scalar string // the value's JSON text, for a string, number, true, false or null
	object bool
	keys   []string // the members' names (JSON text) of an object
	items  []*jsonNode
}

// normaliseOutput lays out a JSON answer for the README (a value on one
// line where it fits in readmeWidth columns, else a member or an item per
// line, two spaces a level), keeping members in their order, and replaces
// what is not stable with "…".
func normaliseOutput(answer []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(answer))
	dec.UseNumber()
	n, err := decodeNode(dec, "")
	if err != nil {
		return "", fmt.Errorf("not JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return "", fmt.Errorf("not JSON: more after the value")
	}
	var b strings.Builder
	n.write(&b, "", 0)
	return b.String(), nil
}

// decodeNode reads one value; key is the name of the member it is the
// value of ("" in a list or at the top).
func decodeNode(dec *json.Decoder, key string) (*jsonNode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		n := &jsonNode{object: tok == '{'}
		for dec.More() {
			var name string
			if n.object {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				name, _ = k.(string)
				n.keys = append(n.keys, jsonText(name))
			}
			item, err := decodeNode(dec, name)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, item)
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		if unstableKeys[key] || uuidString.MatchString(tok) {
			tok = "…"
		}
		return &jsonNode{scalar: jsonText(tok)}, nil
	case json.Number:
		return &jsonNode{scalar: tok.String()}, nil
	case bool:
		return &jsonNode{scalar: strconv.FormatBool(tok)}, nil
	case nil:
		return &jsonNode{scalar: "null"}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// jsonText is s as a JSON string, with <, > and & left as they are.
func jsonText(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// compact is the node on one line.
func (n *jsonNode) compact() string {
	if n.items == nil {
		switch {
		case n.scalar != "":
			return n.scalar
		case n.object:
			return "{}"
		}
		return "[]"
	}
	parts := make([]string, len(n.items))
	for i, item := range n.items {
		parts[i] = item.compact()
		if n.object {
			parts[i] = n.keys[i] + ": " + parts[i]
		}
	}
	if n.object {
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// scalars reports whether every item of the node is a scalar.
func (n *jsonNode) scalars() bool {
	for _, item := range n.items {
		if item.scalar == "" {
			return false
		}
	}
	return true
}

// write writes the node at indent, after column columns of its line.
func (n *jsonNode) write(b *strings.Builder, indent string, column int) {
	c := n.compact()
	if n.items == nil || column+utf8.RuneCountInString(c) <= readmeWidth {
		b.WriteString(c)
		return
	}
	open, closing := "[", "]"
	if n.object {
		open, closing = "{", "}"
	}
	b.WriteString(open + "\n")
	inner := indent + "  "
	if !n.object && n.scalars() { // a list of names, say: as many a line as fit
		line := inner
		for i, item := range n.items {
			text := item.scalar
			if i < len(n.items)-1 {
				text += ","
			}
			if line != inner && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(text) > readmeWidth {
				b.WriteString(line + "\n")
				line = inner
			}
			if line != inner {
				line += " "
			}
			line += text
		}
		b.WriteString(line + "\n" + indent + closing)
		return
	}
	for i, item := range n.items {
		b.WriteString(inner)
		prefix := inner
		if n.object {
			b.WriteString(n.keys[i] + ": ")
			prefix += n.keys[i] + ": "
		}
		item.write(b, inner, utf8.RuneCountInString(prefix))
		if i < len(n.items)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(indent + closing)
}
