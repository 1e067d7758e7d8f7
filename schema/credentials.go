package schema

import (
	"context"
	"net/http"
	"strings"
)

// Mutations change what every reader sees, so over HTTP they need a
// credential: "Authorization: Bearer <token>", a token made by
// "kg token add NAME". Its name is the "who" of the audit log. This file
// is the whole of it; the handler calls authorize once per request, after
// the browser checks of access.go, and the refusal applies to mutations
// only (queries need no credential, and a query with a bad token is still
// answered).

// Credentials checks tokens: the name of the credential a token is, ok
// false for an unknown token. *graph.Store implements it.
type Credentials interface {
	CheckToken(ctx context.Context, token string) (name string, ok bool, err error)
}

// credentialKey holds the name of the request's credential in its
// context.
type credentialKey struct{}

// WithCredential gives ctx the credential name: corrections made through
// Schema.Execute with it are recorded as made by name. The handler does
// this for a request with a valid token.
func WithCredential(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, credentialKey{}, name)
}

// credentialFrom gives the credential of ctx ("" when none).
func credentialFrom(ctx context.Context) string {
	name, _ := ctx.Value(credentialKey{}).(string)
	return name
}

// authorize reads the bearer token of r when the handler checks
// credentials (HandlerConfig.Credentials): ctx with its name when it is
// valid, else the status and message that refuse a mutation.
func (h *handler) authorize(ctx context.Context, r *http.Request) (context.Context, int, string) {
	if h.cfg.Credentials == nil {
		return ctx, 0, ""
	}
	scheme, token, found := strings.Cut(r.Header.Get("Authorization"), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return ctx, http.StatusUnauthorized, "mutations need a credential: send Authorization: Bearer <token> (kg token add NAME makes one)"
	}
	name, ok, err := h.cfg.Credentials.CheckToken(ctx, strings.TrimSpace(token))
	if err != nil {
		h.cfg.Logger.Error("checking a credential", "error", err)
		return ctx, http.StatusInternalServerError, "cannot check the credential"
	}
	if !ok {
		return ctx, http.StatusUnauthorized, "the bearer token is not a credential of this server (kg token list shows them)"
	}
	return WithCredential(ctx, name), 0, ""
}
