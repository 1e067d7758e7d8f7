package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph/ingest"
)

// defaultArticlesDir holds the project's example articles, relative to the
// repository root (where "go run ./cmd/kg demo" runs).
const defaultArticlesDir = "testdata/articles"

// demoQuery is the first query the demo suggests: what the graph holds,
// a few claims with their sources, and what the sources say about ISIS's
// relations (corroborated across articles, or contested).
const demoQuery = `{
  stats { documents entities claims relations }
  claims(first: 5) {
    nodes {
      kind
      text
      speaker { name type }
      document { title url }
    }
  }
  entities(name: "ISIS", first: 1) {
    nodes {
      name
      relationGroups(first: 5) {
        subject { name } predicate object { name } status sources
        relations { polarity claim { speaker { name } document { title } } }
      }
    }
  }
}`

// runDemo implements "kg demo": ingest the example articles into a
// throw-away database and serve it.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", "[--addr HOST:PORT] [--articles DIR]", `Ingests the example articles into a temporary database, serves it like
kg serve, and prints a first query to try. The database is deleted on exit.
Run it from the repository root (go run ./cmd/kg demo), or point --articles
at a directory of .txt or .jsonl articles.`, stderr)
	addr := fs.String("addr", defaultAddr, "listen on `HOST:PORT`")
	articles := fs.String("articles", defaultArticlesDir, "`DIR` of example articles")
	positional, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("unexpected argument %q", positional[0])
	}
	if err := checkArticlesDir(*articles); err != nil {
		return err
	}

	tmp, err := os.MkdirTemp("", "kg-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	ex, err := extract.New()
	if err != nil {
		return err
	}
	store, err := openStore(tmp)
	if err != nil {
		return err
	}
	defer store.Close()

	summary, errs := ingest.Paths(ctx, store, ex, []string{*articles}, ingest.Options{})
	for _, err := range errs {
		fmt.Fprintf(stderr, "kg: demo: ingest %v\n", err)
	}
	if ctx.Err() != nil {
		return nil // interrupted while ingesting
	}
	if summary.Documents == 0 {
		return fmt.Errorf("no article could be read in %s", *articles)
	}
	fmt.Fprintln(stdout, summary)

	// A credential for corrections, so that a newcomer can try them: the
	// database is thrown away on exit, and the token with it.
	token, err := store.AddToken(ctx, "demo")
	if err != nil {
		return err
	}
	return serveGraph(ctx, store, ex, serveOptions{Addr: *addr}, stderr, func(baseURL string) {
		fmt.Fprintf(stdout, "\nThe demo graph is at %s (query page) and %sgraphql; Ctrl-C stops it.\n", baseURL, baseURL)
		fmt.Fprintf(stdout, "\nA first query to paste into the page:\n\n%s\n", demoQuery)
		fmt.Fprintf(stdout, "\nor with curl:\n\n%s\n", curlCommand(baseURL+"graphql", demoQuery, ""))
		fmt.Fprintf(stdout, "\nCorrections (mutations) need a credential; this demo's is the token\n\n  %s\n\n"+
			"for example, with the id of an entity (query { entities(first: 5) { nodes { id name } } }):\n\n%s\n\n",
			token, curlCommand(baseURL+"graphql", demoCorrection, token))
	})
}

// checkArticlesDir fails with directions when dir holds no articles.
func checkArticlesDir(dir string) error {
	info, err := os.Stat(dir)
	if err == nil && !info.IsDir() {
		err = errors.New("not a directory")
	}
	if err != nil {
		where, _ := filepath.Abs(dir)
		if errors.Is(err, fs.ErrNotExist) {
			err = errors.New("no such directory")
		}
		return fmt.Errorf("example articles: looked in %s: %v; run kg demo from the repository root, or give --articles DIR", where, ingest.FileError(err))
	}
	return nil
}

// curlCommand is a shell command that POSTs query to endpoint, with the
// bearer token if not "".
func curlCommand(endpoint, query, token string) string {
	body, _ := json.Marshal(map[string]string{"query": strings.Join(strings.Fields(query), " ")})
	auth := ""
	if token != "" {
		auth = " -H " + shellQuote("Authorization: Bearer "+token)
	}
	return fmt.Sprintf("curl -s %s -H 'Content-Type: application/json'%s -d %s", endpoint, auth, shellQuote(string(body)))
}

// demoCorrection is the correction the demo suggests: a name added to an
// entity (whose ID the reader puts in), with its audit entry.
const demoCorrection = `mutation {
  addAlias(id: "ENTITY_ID", alias: "another name", reason: "why you know it") {
    entry { id who op before after }
    entity { name aliases }
  }
}`

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
