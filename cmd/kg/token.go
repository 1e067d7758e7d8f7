package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/factgraph/kg/graph"
)

// tokenEnvVar holds the token that kg ingest --server sends (an
// environment variable, not a flag: a flag's value is in the process list).
const tokenEnvVar = "KG_TOKEN"

// runToken implements "kg token": the credentials that may correct the
// graph through kg serve. A token is printed once, when it is made; the
// database keeps only its SHA-256.
func runToken(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("token", "[--db DIR] add NAME | list | remove NAME", `Manages the credentials that may correct the graph. kg serve accepts a
mutation (a correction, ingestDocument) only with the header
"Authorization: Bearer TOKEN"; the credential's NAME is recorded as who
made each correction in the audit log.

  add NAME     makes a credential and prints its token, once: store it
               now, the database keeps only its hash
  list         lists the credentials and when they were made
  remove NAME  deletes a credential; its token stops working (the audit
               log keeps the name)`, stderr)
	db := dbFlag(fs)
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usagef("want add NAME, list or remove NAME")
	}
	verb, names := rest[0], rest[1:]
	switch {
	case (verb == "add" || verb == "remove") && len(names) != 1:
		return usagef("%s takes one NAME", verb)
	case verb == "list" && len(names) != 0:
		return usagef("list takes no argument")
	case verb != "add" && verb != "remove" && verb != "list":
		return usagef("unknown subcommand %q: want add, list or remove", verb)
	}
	store, _, err := openDB(*db, false)
	if err != nil {
		return err
	}
	defer store.Close()
	switch verb {
	case "add":
		token, err := store.AddToken(ctx, names[0])
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, token)
		fmt.Fprintf(stderr, "kg token: credential %q made; the token above is shown only now\n", names[0])
	case "remove":
		err := store.RemoveToken(ctx, names[0])
		if errors.Is(err, graph.ErrNotFound) {
			return fmt.Errorf("no credential %q", names[0])
		}
		return err
	case "list":
		creds, err := store.Tokens(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tCREATED")
		for _, c := range creds {
			fmt.Fprintf(tw, "%s\t%s\n", c.Name, c.Created.Format("2006-01-02T15:04:05Z"))
		}
		return tw.Flush()
	}
	return store.Close()
}
