package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// e2eClaim is a claim as the filter tests read it.
type e2eClaim struct {
	ID, Kind    string
	PublishedAt *string
	Confidence  float64
	Speaker     *struct{ ID, Name string }
	About       []struct{ ID string }
	Relations   []struct {
		Predicate       string
		Subject, Object struct{ ID string }
	}
	Document struct{ Publisher *string }
}

const e2eClaimFields = `id kind publishedAt confidence speaker { id name } about { id }
  relations { predicate subject { id } object { id } } document { publisher }`

// allClaims pages through a claims query (args without first/after).
func allClaims(t *testing.T, srv *server, args string) ([]e2eClaim, int) {
	t.Helper()
	var out []e2eClaim
	after, total := "", 0
	for {
		var page struct {
			Claims struct {
				TotalCount int
				Nodes      []e2eClaim
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		sep := ""
		if args != "" {
			sep = ", "
		}
		srv.query(t, `query($after: String) { claims(`+args+sep+`first: 200, after: $after) { totalCount nodes { `+e2eClaimFields+` } pageInfo { hasNextPage endCursor } } }`,
			map[string]any{"after": after}, &page)
		out = append(out, page.Claims.Nodes...)
		total = page.Claims.TotalCount
		if !page.Claims.PageInfo.HasNextPage {
			return out, total
		}
		after = page.Claims.PageInfo.EndCursor
	}
}

func day(c e2eClaim) string {
	if c.PublishedAt == nil || len(*c.PublishedAt) < 10 {
		return ""
	}
	return (*c.PublishedAt)[:10]
}

// TestE2EClaimFilters: over HTTP against kg serve of testdata/articles,
// each filtered list is exactly the unfiltered list filtered on the
// client, in the order asked for, with a totalCount that agrees.
func TestE2EClaimFilters(t *testing.T) {
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(moduleRoot(t), "testdata", "articles"))
	srv := startServer(t, db)
	defer srv.stop(t)
	all, total := allClaims(t, srv, "")
	if len(all) < 200 || total != len(all) {
		t.Fatalf("%d claims (totalCount %d): too few for the test", len(all), total)
	}
	pub := func(c e2eClaim) string {
		if c.Document.Publisher == nil {
			return ""
		}
		return strings.ToLower(*c.Document.Publisher)
	}
	hasPredicate := func(c e2eClaim, p string) bool {
		return slices.ContainsFunc(c.Relations, func(r struct {
			Predicate       string
			Subject, Object struct{ ID string }
		}) bool {
			return r.Predicate == p
		})
	}
	// A speaker with claims in several documents, for speakerName.
	bySpeaker := map[string]int{}
	names := map[string]string{}
	for _, c := range all {
		if c.Speaker != nil {
			bySpeaker[c.Speaker.ID]++
			names[c.Speaker.ID] = c.Speaker.Name
		}
	}
	var speaker string
	for id, n := range bySpeaker {
		if n >= 3 && (speaker == "" || n > bySpeaker[speaker] || (n == bySpeaker[speaker] && id < speaker)) {
			speaker = id
		}
	}
	for _, tc := range []struct {
		name, args string
		keep       func(c e2eClaim) bool
		order      string
	}{
		{"kinds", `kinds: [DIRECT_QUOTE, STATEMENT]`, func(c e2eClaim) bool { return c.Kind == "DIRECT_QUOTE" || c.Kind == "STATEMENT" }, ""},
		{"excludeNarrative, 2024, oldest", `excludeNarrative: true, since: "2024-01-01", until: "2024-12-31", orderBy: OLDEST`,
			func(c e2eClaim) bool {
				return c.Kind != "NARRATIVE" && day(c) >= "2024-01-01" && day(c) <= "2024-12-31"
			}, "OLDEST"},
		{"publisher, newest", `publisher: "red sea dispatch", orderBy: NEWEST`, func(c e2eClaim) bool { return pub(c) == "red sea dispatch" }, "NEWEST"},
		{"predicate and until", `predicate: FIGHTS, until: "2023-12-31"`, func(c e2eClaim) bool { return hasPredicate(c, "FIGHTS") && day(c) != "" && day(c) <= "2023-12-31" }, ""},
		{"minConfidence", `minConfidence: 0.8`, func(c e2eClaim) bool { return c.Confidence >= 0.8 }, ""},
		{"speakerName, newest", `speakerName: "` + names[speaker] + `", orderBy: NEWEST`, func(c e2eClaim) bool { return c.Speaker != nil && c.Speaker.Name == names[speaker] }, "NEWEST"},
		{"all, newest", `orderBy: NEWEST`, func(e2eClaim) bool { return true }, "NEWEST"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, n := allClaims(t, srv, tc.args)
			var want []string
			for _, c := range all {
				if tc.keep(c) {
					want = append(want, c.ID)
				}
			}
			ids := make([]string, len(got))
			for i, c := range got {
				ids[i] = c.ID
			}
			if len(want) == 0 || n != len(got) {
				t.Fatalf("%d claims to find, %d found, totalCount %d", len(want), len(got), n)
			}
			t.Logf("%d of %d claims", len(got), len(all))
			sorted := slices.Clone(ids)
			slices.Sort(sorted)
			slices.Sort(want)
			if !slices.Equal(sorted, want) {
				t.Fatalf("found %d claims, the client's filter %d", len(got), len(want))
			}
			switch tc.order {
			case "":
				if !slices.Equal(ids, orderOf(all, ids)) {
					t.Errorf("not in document order")
				}
			case "NEWEST", "OLDEST":
				for i := 1; i < len(got); i++ {
					a, b := day(got[i-1]), day(got[i])
					if (tc.order == "NEWEST" && a < b && a != "") || (tc.order == "OLDEST" && a > b) || (tc.order == "NEWEST" && a == "" && b != "") {
						t.Fatalf("%s: %q before %q", tc.order, a, b)
					}
				}
			}
		})
	}
}

// orderOf is ids in the order of all.
func orderOf(all []e2eClaim, ids []string) []string {
	var out []string
	for _, c := range all {
		if slices.Contains(ids, c.ID) {
			out = append(out, c.ID)
		}
	}
	return out
}

// TestE2ETimeline: an entity's timeline by month over HTTP agrees with
// its claims filtered on the client, and its items are by date.
func TestE2ETimeline(t *testing.T) {
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(moduleRoot(t), "testdata", "articles"))
	srv := startServer(t, db)
	defer srv.stop(t)
	var ents struct {
		Entities struct{ Nodes []struct{ ID string } }
	}
	srv.query(t, `{ entities(name: "ISIS", type: ARMED_GROUP) { nodes { id } } }`, nil, &ents)
	if len(ents.Entities.Nodes) == 0 {
		t.Fatal("no ISIS")
	}
	id := ents.Entities.Nodes[0].ID
	var got struct {
		Timeline struct {
			Since, Until string
			Buckets      []struct {
				Start, End                       string
				ClaimsBy, ClaimsAbout, Relations int
			}
			Items struct {
				TotalCount int
				Nodes      []e2eClaim
			}
		}
	}
	srv.query(t, `query($e: ID!) { timeline(entity: $e, since: "2014-01-01", until: "2025-12-31", bucket: MONTH) {
	  since until buckets { start end claimsBy claimsAbout relations }
	  items(first: 1000) { totalCount nodes { `+e2eClaimFields+` } } } }`, map[string]any{"e": id}, &got)
	tl := got.Timeline
	all, _ := allClaims(t, srv, "")
	by, about, rels, items := map[string]int{}, map[string]int{}, map[string]int{}, 0
	for _, c := range all {
		d := day(c)
		if d == "" || d < "2014-01-01" || d > "2025-12-31" {
			continue
		}
		month := d[:7] + "-01"
		in := false
		if c.Speaker != nil && c.Speaker.ID == id {
			by[month]++
			in = true
		}
		if slices.ContainsFunc(c.About, func(a struct{ ID string }) bool { return a.ID == id }) {
			about[month]++
			in = true
		}
		for _, r := range c.Relations {
			if r.Subject.ID == id || r.Object.ID == id {
				rels[month]++
				in = true
				break
			}
		}
		if in {
			items++
		}
	}
	if len(tl.Buckets) < 2 || len(tl.Buckets) != len(union(by, about, rels)) {
		t.Fatalf("%d buckets, want %d: %+v", len(tl.Buckets), len(union(by, about, rels)), tl.Buckets)
	}
	for _, b := range tl.Buckets {
		if b.ClaimsBy != by[b.Start] || b.ClaimsAbout != about[b.Start] || b.Relations != rels[b.Start] {
			t.Errorf("bucket %+v; the client counts by %d, about %d, relations %d", b, by[b.Start], about[b.Start], rels[b.Start])
		}
	}
	if tl.Items.TotalCount != items || len(tl.Items.Nodes) != items {
		t.Errorf("items: totalCount %d, %d nodes; the client counts %d", tl.Items.TotalCount, len(tl.Items.Nodes), items)
	}
	for i := 1; i < len(tl.Items.Nodes); i++ {
		if day(tl.Items.Nodes[i-1]) > day(tl.Items.Nodes[i]) {
			t.Fatalf("items not oldest first: %s before %s", day(tl.Items.Nodes[i-1]), day(tl.Items.Nodes[i]))
		}
	}
}

func union(ms ...map[string]int) map[string]bool {
	out := map[string]bool{}
	for _, m := range ms {
		for k, v := range m {
			if v > 0 {
				out[k] = true
			}
		}
	}
	return out
}

// TestE2EDocumentFilters: documents by date and publisher over HTTP are
// the unfiltered list filtered on the client, by publication day.
func TestE2EDocumentFilters(t *testing.T) {
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(moduleRoot(t), "testdata", "articles"))
	srv := startServer(t, db)
	defer srv.stop(t)
	type doc struct {
		URL                    string
		Publisher, PublishedAt *string
	}
	var all, got struct {
		Documents struct {
			TotalCount int
			Nodes      []doc
		}
	}
	srv.query(t, `{ documents(first: 1000) { totalCount nodes { url publisher publishedAt } } }`, nil, &all)
	srv.query(t, `{ documents(since: "2024-01-01", until: "2024-06-30", first: 1000) { totalCount nodes { url publisher publishedAt } } }`, nil, &got)
	var want []string
	for _, d := range all.Documents.Nodes {
		if d.PublishedAt != nil && len(*d.PublishedAt) >= 10 && (*d.PublishedAt)[:10] >= "2024-01-01" && (*d.PublishedAt)[:10] <= "2024-06-30" {
			want = append(want, d.URL)
		}
	}
	var urls []string
	for i, d := range got.Documents.Nodes {
		urls = append(urls, d.URL)
		if i > 0 && (*got.Documents.Nodes[i-1].PublishedAt)[:10] > (*d.PublishedAt)[:10] {
			t.Errorf("documents not by publication day: %s before %s", *got.Documents.Nodes[i-1].PublishedAt, *d.PublishedAt)
		}
	}
	slices.Sort(urls)
	slices.Sort(want)
	if len(want) < 5 || !slices.Equal(urls, want) || got.Documents.TotalCount != len(want) {
		t.Errorf("documents of 2024's first half: %d (totalCount %d), the client finds %d", len(urls), got.Documents.TotalCount, len(want))
	}
	var byPub struct {
		Documents struct{ Nodes []doc }
	}
	srv.query(t, `{ documents(publisher: "NILE courier") { nodes { url publisher publishedAt } } }`, nil, &byPub)
	if n := byPub.Documents.Nodes; len(n) != 2 || *n[0].Publisher != "Nile Courier" || *n[0].PublishedAt > *n[1].PublishedAt {
		t.Errorf("documents of Nile Courier: %+v", n)
	}
}
