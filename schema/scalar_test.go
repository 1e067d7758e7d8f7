package schema

import (
	"testing"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

func TestTimeScalar(t *testing.T) {
	ts, ok := newFixture(t, Config{}).schema.GraphQL().Type("Time").(*graphql.Scalar)
	if !ok {
		t.Fatal("no Time scalar")
	}
	at := time.Date(2014, 6, 11, 8, 30, 0, 0, time.FixedZone("AST", 3*3600))
	for _, tc := range []struct {
		in   any
		want any
	}{
		{"2014-06-11", "2014-06-11"},
		{"2014-06-11T08:30:00+03:00", "2014-06-11T08:30:00+03:00"}, // as stored
		{"", nil},
		{at, "2014-06-11T05:30:00Z"},
		{&at, "2014-06-11T05:30:00Z"},
		{time.Time{}, nil},
		{42, nil},
	} {
		if got := ts.Serialize(tc.in); got != tc.want {
			t.Errorf("Serialize(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in    string
		valid bool
	}{
		{"2014-06-11", true},
		{"2014-06-11T08:30:00Z", true},
		{"2014-06-11T08:30:00.123+03:00", true},
		{"2014-02-30", false},
		{"2014-06-11 08:30:00", false},
		{"June 11, 2014", false},
		{"", false},
	} {
		var want any
		if tc.valid {
			want = tc.in
		}
		if got := ts.ParseValue(tc.in); got != want {
			t.Errorf("ParseValue(%q) = %v, want %v", tc.in, got, want)
		}
		if got := ts.ParseLiteral(&ast.StringValue{Value: tc.in}); got != want {
			t.Errorf("ParseLiteral(%q) = %v, want %v", tc.in, got, want)
		}
	}
	if got := ts.ParseLiteral(&ast.IntValue{Value: "2014"}); got != nil {
		t.Errorf("ParseLiteral(2014) = %v, want nil", got)
	}
	if got := ts.ParseValue(2014); got != nil {
		t.Errorf("ParseValue(2014) = %v, want nil", got)
	}
}
