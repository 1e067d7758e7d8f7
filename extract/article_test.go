package extract

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseArticle(t *testing.T) {
	tests := []struct {
		name       string
		raw        string
		wantHeader Header
		wantBody   string
	}{
		{
			name: "full header",
			raw: "url: https://example.org/a\ntitle: Deir e-Zor: a plea\npublisher: Syria Direct\n" +
				"date: June 11, 2014\nkind: interview\nauthor: Osama Abu Zeid\n---\nFirst line.\n\nSecond.\n",
			wantHeader: Header{
				URL: "https://example.org/a", Title: "Deir e-Zor: a plea", Publisher: "Syria Direct",
				Date: "June 11, 2014", Kind: "interview", PublishedAt: "2014-06-11",
				Metadata: map[string]string{"author": "Osama Abu Zeid"},
			},
			wantBody: "First line.\n\nSecond.\n",
		},
		{
			name:       "keys are case-insensitive, values trimmed, blank header lines skipped",
			raw:        "Title:   Spaced  \n\nURL:\thttp://x\nEmpty:\n---\nbody",
			wantHeader: Header{Title: "Spaced", URL: "http://x", Metadata: map[string]string{"empty": ""}},
			wantBody:   "body",
		},
		{
			name:       "CRLF header, body kept byte for byte",
			raw:        "title: T\r\ndate: 2014-06-11\r\n---\r\nLine one.\r\nLine two.\r\n",
			wantHeader: Header{Title: "T", Date: "2014-06-11", PublishedAt: "2014-06-11"},
			wantBody:   "Line one.\r\nLine two.\r\n",
		},
		{
			name:       "the body keeps leading blank lines and later --- lines",
			raw:        "title: T\n--- \n\n  Indented.\n---\nmore",
			wantHeader: Header{Title: "T"},
			wantBody:   "\n  Indented.\n---\nmore",
		},
		{
			name:       "header with an empty body",
			raw:        "title: T\n---",
			wantHeader: Header{Title: "T"},
			wantBody:   "",
		},
		{
			name:       "partial and unknown dates keep Date verbatim",
			raw:        "date: August 2023\n---\nx",
			wantHeader: Header{Date: "August 2023"},
			wantBody:   "x",
		},
		{
			name:     "no header: first line is prose",
			raw:      "Local activists launched a campaign.\n---\nmore",
			wantBody: "Local activists launched a campaign.\n---\nmore",
		},
		{
			name:     "no header: a URL is not a key",
			raw:      "https://example.org/a\n---\nmore",
			wantBody: "https://example.org/a\n---\nmore",
		},
		{
			name:     "no header: key-like first line without a --- line",
			raw:      "Activist: the regime shelled the town.\nMore text.\n",
			wantBody: "Activist: the regime shelled the town.\nMore text.\n",
		},
		{
			name:     "no header: --- beyond the first 50 lines",
			raw:      "note: x\n" + strings.Repeat("line\n", 50) + "---\nbody",
			wantBody: "note: x\n" + strings.Repeat("line\n", 50) + "---\nbody",
		},
		{
			name:     "a line --- first is an empty header: a text that begins with a header key",
			raw:      "---\nTitle: the headline of a transcript\nText.",
			wantBody: "Title: the headline of a transcript\nText.",
		},
		{
			name:       "control characters but tab, LF and CR become spaces, in the header too",
			raw:        "title: A\x1b[31m red\u0085\n---\nBody\tline\r\n\x0cpage\x7f two\u009b.",
			wantHeader: Header{Title: "A [31m red"},
			wantBody:   "Body\tline\r\n page  two .",
		},
		{
			name:     "byte order mark dropped",
			raw:      "\uFEFFPlain text.",
			wantBody: "Plain text.",
		},
		{
			name:     "empty input",
			raw:      "",
			wantBody: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header, body, err := ParseArticle(tt.raw)
			if err != nil {
				t.Fatalf("ParseArticle: %v", err)
			}
			if !reflect.DeepEqual(header, tt.wantHeader) {
				t.Errorf("header = %+v, want %+v", header, tt.wantHeader)
			}
			if body != tt.wantBody {
				t.Errorf("body = %q, want %q", body, tt.wantBody)
			}
		})
	}
}

func TestParseArticleErrors(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		wantErr string
	}{
		{"line without colon", "url: http://x\ntitle: T\nnot a header line\n---\nbody", "line 3: header line without ':'"},
		{"bad key", "url: http://x\nsome key: v\n---\nbody", `line 2: header line is not "key: value"`},
		{"repeated key", "title: A\nurl: http://x\nTitle: B\n---\nbody", `line 3: header key "title" repeated`},
		{"invalid UTF-8 in header", "title: A\nurl: \xff\n---\nbody", "line 2: invalid UTF-8 at byte 14"},
		{"invalid UTF-8 in body", "Body ok.\nstill ok\nbad \xc3(", "line 3: invalid UTF-8 at byte 22"},
		{"NUL byte", "title: A\n---\nBody\x00 ok.", "line 3: NUL byte at byte 17"},
		{"header keys without a --- line", "url: https://x/a\ntitle: T\nThe text.\n", "line 1: a header line (url:) but no line --- ends the header"},
		{"header key, capitalised, without a --- line", "Date: June 11, 2014\nThe text.\n", "line 1: a header line (date:) but no line ---"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParseArticle(tt.raw)
			if err == nil {
				t.Fatalf("ParseArticle: no error, want %q", tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("error = %q, want it to start with %q", err, tt.wantErr)
			}
			var perr *ParseError
			if !errors.As(err, &perr) || perr.Line == 0 {
				t.Errorf("error %v is not a *ParseError with a line", err)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		// Dates in words.
		{"June 11, 2014", "2014-06-11", true},
		{"June 11 2014", "2014-06-11", true},
		{"Jun. 11, 2014", "2014-06-11", true},
		{"jun 11, 2014", "2014-06-11", true},
		{"Sept. 5, 2014", "2014-09-05", true},
		{"June 11th, 2014", "2014-06-11", true},
		{"11 June 2014", "2014-06-11", true},
		{"1st Feb 2015", "2015-02-01", true},
		{"  26 February 2014  ", "2014-02-26", true},
		{"Wednesday, June 11, 2014", "2014-06-11", true},
		{"Wed, 11 Jun 2014", "2014-06-11", true},
		{"Monday, June 11, 2014", "", false}, // the weekday contradicts the date
		{"February 30, 2014", "", false},
		{"February 29, 2016", "2016-02-29", true},
		{"February 29, 2014", "", false},
		{"June 11, 14", "", false}, // two-digit year: never guessed
		{"June 32, 2014", "", false},
		{"Smarch 11, 2014", "", false},
		{"2014 June 11", "", false},
		// Numeric dates.
		{"2014-06-11", "2014-06-11", true},
		{"2014-6-1", "2014-06-01", true},
		{"2014/06/11", "2014-06-11", true},
		{"2014-13-01", "", false},
		{"13/06/2014", "2014-06-13", true}, // day/month: 13 is no month
		{"06/13/2014", "2014-06-13", true}, // month/day
		{"11/06/2014", "", false},          // ambiguous: never guessed
		{"06/06/2014", "2014-06-06", true}, // both readings agree
		{"31.12.2014", "2014-12-31", true}, // day.month
		{"13/13/2014", "", false},          // impossible
		{"13/06.2014", "", false},          // mixed separators
		{"11/06/14", "", false},            // two-digit year
		{"2014-06-11T08:00:00Z", "2014-06-11T08:00:00Z", true},
		{"2014-06-11T08:00:00.5+03:00", "2014-06-11T08:00:00.5+03:00", true},
		{"2014-06-11 08:00:00+03:00", "2014-06-11T08:00:00+03:00", true},
		{"2014-06-11T08:00Z", "2014-06-11T08:00:00Z", true},
		{"2014-06-11T08:00:00", "2014-06-11", true}, // no zone: the date alone
		{"2014-06-11 08:00", "2014-06-11", true},
		{"Wed, 11 Jun 2014 08:00:00 +0300", "2014-06-11T08:00:00+03:00", true},
		{"Wed, 11 Jun 2014 08:00:00 GMT", "2014-06-11T08:00:00Z", true},
		{"Wed, 11 Jun 2014 08:00:00 EST", "", false}, // zone name: offset unknown
		{"2014-06-11T25:00:00Z", "", false},
		// Unknown and partial dates: understood, but no date.
		{"", "", true},
		{"unknown", "", true},
		{"Unknown", "", true},
		{"n/a", "", true},
		{"August 2023", "", true},
		{"Aug. 2023", "", true},
		{"2023-08", "", true},
		{"2023", "", true},
		{"2023-13", "", false},
		{"August 23", "", false},
		// Not dates.
		{"yesterday", "", false},
		{"Published: June 11, 2014", "", false},
		{"June 11, 2014 at 8 am", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDate(tt.in)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("ParseDate(%q) = (%q, %v), want (%q, %v)", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestParseJSONLine(t *testing.T) {
	tests := []struct {
		name       string
		line       string
		wantHeader Header
		wantText   string
	}{
		{
			name: "all fields",
			line: `{"url":"https://example.org/a","title":" T ","publisher":"P","date":"11 June 2014",` +
				`"kind":"report","text":"Body\r\n“quoted”.","author":"A","id":7,"tags":["x"],"note":null}`,
			wantHeader: Header{
				URL: "https://example.org/a", Title: "T", Publisher: "P", Date: "11 June 2014",
				Kind: "report", PublishedAt: "2014-06-11", Metadata: map[string]string{"author": "A"},
			},
			wantText: "Body\r\n“quoted”.",
		},
		{
			name:       "text only, null fields, trailing space",
			line:       `{"text":"  x  ","title":null}` + " \r\n",
			wantHeader: Header{},
			wantText:   "  x  ",
		},
		{
			name:       "control characters become spaces",
			line:       `{"text":"a\u001b[2Jb\u0085c","title":"T\u0007","note":"n\u0008"}`,
			wantHeader: Header{Title: "T", Metadata: map[string]string{"note": "n "}},
			wantText:   "a [2Jb c",
		},
		{
			name:       "other fields are case-sensitive",
			line:       `{"text":"x","Title":"kept"}`,
			wantHeader: Header{Metadata: map[string]string{"Title": "kept"}},
			wantText:   "x",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header, text, err := ParseJSONLine([]byte(tt.line))
			if err != nil {
				t.Fatalf("ParseJSONLine: %v", err)
			}
			if !reflect.DeepEqual(header, tt.wantHeader) {
				t.Errorf("header = %+v, want %+v", header, tt.wantHeader)
			}
			if text != tt.wantText {
				t.Errorf("text = %q, want %q", text, tt.wantText)
			}
		})
	}
}

func TestParseJSONLineErrors(t *testing.T) {
	tests := []struct {
		name      string
		line      string
		wantField string
		wantErr   string
	}{
		{"no text", `{"title":"T"}`, "text", `field "text": missing`},
		{"empty text", `{"text":""}`, "text", `field "text": empty`},
		{"blank text", `{"text":" \n\t"}`, "text", `field "text": empty`},
		{"text not a string", `{"text":42}`, "text", `field "text": want a string, got a number`},
		{"title not a string", `{"text":"x","title":["a"]}`, "title", `field "title": want a string, got an array`},
		{"date not a string", `{"text":"x","date":{"y":2014}}`, "date", `field "date": want a string, got an object`},
		{"not an object", `["text"]`, "", "not a JSON object"},
		{"null", `null`, "", "not a JSON object: null"},
		{"broken JSON", `{"text":"x"`, "", "not a JSON object"},
		{"two values", `{"text":"x"} {"text":"y"}`, "", "more than one JSON value"},
		{"empty line", ``, "", "not a JSON object"},
		{"invalid UTF-8", "{\"text\":\"a\xffb\"}", "", "invalid UTF-8 at byte 10"},
		{"NUL in the text", `{"text":"a\u0000b"}`, "text", `field "text": NUL byte at byte 1`},
		{"NUL in the title", `{"text":"x","title":"a\u0000"}`, "title", `field "title": NUL byte at byte 1`},
		{"deeply nested", `{"text":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`, "", "not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParseJSONLine([]byte(tt.line))
			if err == nil {
				t.Fatalf("ParseJSONLine: no error, want %q", tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("error = %q, want it to start with %q", err, tt.wantErr)
			}
			var perr *ParseError
			if !errors.As(err, &perr) || perr.Field != tt.wantField {
				t.Errorf("error %#v: want a *ParseError with field %q", err, tt.wantField)
			}
		})
	}
}
