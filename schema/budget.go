package schema

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
)

// A response is capped in bytes (Config.MaxResponseBytes, 64 MiB by
// default) so that no query builds gigabytes in memory, whatever the
// complexity estimate let through (a claim's text is not costed by its
// length; a store may hold one huge document):
//
//   - the direct executor writes the JSON as it goes and stops once the
//     body passes the cap;
//   - graphql-go builds the whole result before anything is written, and
//     copies every string it serializes, so the resolvers of the long
//     strings (a document's text, a claim's text and sentence) charge
//     their bytes to the request's budget and fail once it is spent; the
//     writer of graphql-go's result stops at the cap too.
//
// Either way the answer is one GraphQL error (RESPONSE_TOO_LARGE), no
// data. A request that meets its deadline stops likewise: resolvers and
// store scans honour the context, the direct executor checks it between
// the items of a list, and the answer is one error (TIMEOUT).

// DefaultMaxResponseBytes is Config.MaxResponseBytes's default.
const DefaultMaxResponseBytes = 64 << 20

// errResponseTooLarge: the response passed Config.MaxResponseBytes.
var errResponseTooLarge = errors.New("response too large")

// byteBudget is what a request may still answer, in bytes.
type byteBudget struct {
	left atomic.Int64
	over atomic.Bool
}

type budgetKey struct{}

func withBudget(ctx context.Context, max int) (context.Context, *byteBudget) {
	b := &byteBudget{}
	b.left.Store(int64(max))
	return context.WithValue(ctx, budgetKey{}, b), b
}

// charge takes n bytes from the request's budget, failing once it is
// spent. A context without a budget (a resolver called outside run) has
// no cap.
func charge(ctx context.Context, n int) error {
	b, ok := ctx.Value(budgetKey{}).(*byteBudget)
	if !ok {
		return nil
	}
	if b.left.Add(-int64(n)) < 0 {
		b.over.Store(true)
		return errResponseTooLarge
	}
	return nil
}

// chargeString charges a string resolver's value and gives it back.
func chargeString(ctx context.Context, s string) (any, error) {
	if err := charge(ctx, len(s)); err != nil {
		return nil, err
	}
	return s, nil
}

// tooLargeError is the one error of a response over the cap.
func (s *Schema) tooLargeError() gqlerrors.FormattedError {
	e := gqlerrors.NewFormattedError(fmt.Sprintf("the response would be larger than %d MiB (kg serve --max-response): ask for smaller pages (first) or fewer texts; for bulk pulls, `kg export` writes the whole graph as JSON lines", s.cfg.MaxResponseBytes>>20))
	e.Extensions = map[string]any{"code": "RESPONSE_TOO_LARGE", "limit": "responseBytes", "max": s.cfg.MaxResponseBytes}
	return e
}

// timeoutError is the one error of a request stopped at its deadline.
func timeoutError(op *ast.OperationDefinition) gqlerrors.FormattedError {
	msg := "the request was stopped at its deadline (kg serve --timeout): ask for smaller pages or rarer words"
	if op != nil && op.Operation == ast.OperationTypeMutation {
		// a mutation stopped mid-way writes nothing: ingest stores a
		// document whole or not at all
		msg = "the request was stopped at its deadline (kg serve --timeout): a document it was still extracting or storing is not stored, not even in part; split a long document, or raise --timeout"
	}
	e := gqlerrors.NewFormattedError(msg)
	e.Extensions = map[string]any{"code": "TIMEOUT"}
	return e
}
