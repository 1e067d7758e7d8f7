package schema

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// postAs sends a GraphQL request with a bearer token ("" for none).
func postAs(t *testing.T, srv *httptest.Server, token, query string, vars map[string]any) gqlResponse {
	t.Helper()
	body, err := json.Marshal(Request{Query: query, Variables: vars})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return decodeResponse(t, resp)
}

func TestCorrectionsNeedACredential(t *testing.T) {
	f := newFixture(t, Config{})
	token, err := f.store.AddToken(context.Background(), "ana")
	if err != nil {
		t.Fatal(err)
	}
	srv := f.server(t, HandlerConfig{Credentials: f.store})
	claims := atList(t, mustData(t, post(t, srv, `{ claims(text: "Idlib", first: 10) { nodes { id text speaker { id name } } } }`, nil)), "claims", "nodes")
	var quote string
	for _, c := range claims {
		if atString(t, c, "text") == "We will not leave Idlib" {
			quote = atString(t, c, "id")
		}
	}
	if quote == "" {
		t.Fatalf("no quote among %v", claims)
	}
	const retract = `mutation($c: ID!, $r: String!) { retractClaim(claim: $c, reason: $r) { entry { id who reason op status } claim { retracted } } }`
	vars := map[string]any{"c": quote, "r": "the quote is from another article"}
	for _, tc := range []struct{ token, why string }{{"", "no token"}, {"kg_wrong", "a wrong token"}} {
		r := postAs(t, srv, tc.token, retract, vars)
		if r.Status != http.StatusUnauthorized || !strings.Contains(r.errorText(), "credential") {
			t.Errorf("%s: %d %s; want 401 asking for a credential", tc.why, r.Status, r.errorText())
		}
	}
	r := postAs(t, srv, token, retract, map[string]any{"c": quote, "r": ""})
	if len(r.Errors) == 0 || r.Errors[0].Extensions["argument"] != "reason" {
		t.Errorf("an empty reason: %+v; want an error naming the argument reason", r.Errors)
	}
	data := mustData(t, postAs(t, srv, token, retract, vars))
	if atString(t, data, "retractClaim", "entry", "who") != "ana" || at(t, data, "retractClaim", "claim", "retracted") != true {
		t.Errorf("retractClaim answered %v", data)
	}
	left := atList(t, mustData(t, post(t, srv, `{ claims(text: "Idlib", first: 10) { nodes { id } } }`, nil)), "claims", "nodes")
	all := atList(t, mustData(t, post(t, srv, `{ claims(text: "Idlib", first: 10, includeRetracted: true) { nodes { id } } }`, nil)), "claims", "nodes")
	if len(left) != len(claims)-1 || len(all) != len(claims) {
		t.Errorf("claims after the retraction: %d, with retracted %d, before %d", len(left), len(all), len(claims))
	}
	log := atList(t, mustData(t, post(t, srv, `query($c: ID) { auditLog(claim: $c) { totalCount nodes { who reason op status claim { text } } } }`, map[string]any{"c": quote})), "auditLog", "nodes")
	if len(log) != 1 || atString(t, log[0], "op") != "RETRACT_CLAIM" || atString(t, log[0], "reason") != "the quote is from another article" {
		t.Errorf("audit log: %v", log)
	}
	// A read-only server accepts no mutation, token or not.
	ro := f.server(t, HandlerConfig{Credentials: f.store, ReadOnly: true})
	if r := postAs(t, ro, token, retract, vars); r.Status != http.StatusForbidden {
		t.Errorf("read-only server: %d %s", r.Status, r.errorText())
	}
}
