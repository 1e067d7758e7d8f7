package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// This file reads articles as they arrive on disk or in a stream: a .txt
// file with an optional header, or one JSON object per line. It is pure: the
// callers do the I/O.

// Header is what an article says about itself besides its text.
type Header struct {
	URL       string
	Title     string
	Publisher string
	// Date is the date exactly as the input gives it.
	Date string
	// Kind is the kind of piece ("interview", "report", ...), if given.
	Kind string
	// PublishedAt is ParseDate(Date): "2006-01-02", RFC 3339, or "" when
	// the date is missing, partial ("August 2023") or not understood.
	PublishedAt string
	// Metadata holds every other field, verbatim. Nil when there are none.
	Metadata map[string]string
}

// ParseError is bad input, located as precisely as the input allows.
type ParseError struct {
	Line  int    // 1-based line of a .txt article; 0 when not known
	Field string // the JSON field at fault; "" when not about one field
	Msg   string
}

func (e *ParseError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "field %q: ", e.Field)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// maxHeaderLines bounds the search for the "---" line that ends a header.
const maxHeaderLines = 50

// headerKey matches a header line's key: a word such as "url" or
// "source-id". The colon after it must be followed by a space, a tab or the
// end of the line, so "https://..." is not a header line.
var headerKey = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`)

// ParseArticle splits a .txt article into its header and its body.
//
// An article may begin with a header of "key: value" lines ended by a line
// "---"; the body is everything after that line's newline, byte for byte,
// so spans into it are exact. Keys are case-insensitive (stored lower
// case); values are trimmed; blank lines inside the header are ignored.
// url, title, publisher, date and kind fill Header's fields, any other key
// goes to Header.Metadata. Lines of the header may end in "\r\n"; the body
// is never normalised (a CRLF body keeps its "\r"s). A leading UTF-8 byte
// order mark is dropped.
//
// There is no header, and the whole input is the body, when the first line
// is not a "key: value" line or no "---" line follows within the first 50
// lines. But a first line that starts with one of the header's own keys
// (url, title, publisher, date, kind) with no "---" line after it is an
// error: a header whose "---" was forgotten must not become the text
// silently. (A text that does begin "Title: ..." starts with a line "---",
// an empty header.) When a header is intended, a malformed or repeated
// header line is an error naming its line. Invalid UTF-8 anywhere, and a
// NUL byte, are errors naming the line and byte offset; other control
// characters are replaced (see CleanText).
func ParseArticle(raw string) (Header, string, error) {
	if offset, line := invalidUTF8(raw); offset >= 0 {
		return Header{}, "", &ParseError{Line: line, Msg: fmt.Sprintf("invalid UTF-8 at byte %d", offset)}
	}
	raw, err := CleanText(raw)
	if err != nil {
		return Header{}, "", err
	}
	raw = strings.TrimPrefix(raw, "\uFEFF")
	lines, bodyStart, ok := headerLines(raw)
	if !ok {
		first, _, _ := strings.Cut(raw, "\n")
		if key, _, isHeader := splitHeaderLine(strings.TrimSuffix(first, "\r")); isHeader && slices.Contains(jsonHeaderFields, strings.ToLower(key)) {
			return Header{}, "", &ParseError{Line: 1, Msg: fmt.Sprintf("a header line (%s:) but no line --- ends the header within %d lines: end the header with a line ---, or begin the file with a line --- to keep it all as text", strings.ToLower(key), maxHeaderLines)}
		}
		return Header{}, raw, nil
	}
	fields := make(map[string]string, len(lines))
	for i, line := range lines {
		lineNo := i + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		key, value, ok := splitHeaderLine(line)
		if !ok {
			msg := `header line is not "key: value"`
			if !strings.Contains(line, ":") {
				msg = "header line without ':'"
			}
			return Header{}, "", &ParseError{Line: lineNo, Msg: msg + " (the header ends at the line ---)"}
		}
		key = strings.ToLower(key)
		if _, dup := fields[key]; dup {
			return Header{}, "", &ParseError{Line: lineNo, Msg: fmt.Sprintf("header key %q repeated", key)}
		}
		fields[key] = value
	}
	return newHeader(fields), raw[bodyStart:], nil
}

// headerLines finds a header: the lines before a "---" line within the
// first maxHeaderLines lines, when the first line is a header line. It
// returns them without line endings, and where the body starts.
func headerLines(raw string) (lines []string, bodyStart int, ok bool) {
	rest := raw
	for n := 0; n < maxHeaderLines && rest != ""; n++ {
		line, after, found := strings.Cut(rest, "\n")
		line = strings.TrimSuffix(line, "\r")
		if n == 0 {
			if strings.TrimRight(line, " \t") == "---" {
				return nil, len(raw) - len(after), true // an empty header
			}
			if _, _, isHeader := splitHeaderLine(line); !isHeader {
				return nil, 0, false
			}
		}
		if strings.TrimRight(line, " \t") == "---" {
			return lines, len(raw) - len(after), true
		}
		if !found {
			break
		}
		lines = append(lines, line)
		rest = after
	}
	return nil, 0, false
}

// splitHeaderLine splits "key: value".
func splitHeaderLine(line string) (key, value string, ok bool) {
	key, value, found := strings.Cut(line, ":")
	if !found || !headerKey.MatchString(key) {
		return "", "", false
	}
	if value != "" && value[0] != ' ' && value[0] != '\t' {
		return "", "", false
	}
	return key, strings.TrimSpace(value), true
}

// newHeader sorts fields into a Header.
func newHeader(fields map[string]string) Header {
	var h Header
	for key, value := range fields {
		switch key {
		case "url":
			h.URL = value
		case "title":
			h.Title = value
		case "publisher":
			h.Publisher = value
		case "date":
			h.Date = value
		case "kind":
			h.Kind = value
		default:
			if h.Metadata == nil {
				h.Metadata = make(map[string]string)
			}
			h.Metadata[key] = value
		}
	}
	h.PublishedAt, _ = ParseDate(h.Date)
	return h
}

// invalidUTF8 finds the first byte of s that is not valid UTF-8: its
// offset and its 1-based line, or offset -1 when s is valid.
func invalidUTF8(s string) (offset, line int) {
	if utf8.ValidString(s) {
		return -1, 0
	}
	line = 1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i, line
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return -1, 0 // not reached: s is invalid
}

// CleanText checks and cleans a text (or a whole article) before it is
// stored: a NUL byte is an error naming its line and byte offset (text
// holds none; a file that does is binary or damaged), and every other
// control character but tab, line feed and carriage return (C0, DEL and
// C1: terminal escapes, form feeds, stray bytes of a bad conversion) is
// replaced by a space, one rune for one, so that offsets in runes are
// those of the input and nothing stored can drive a terminal that prints
// it. A text without any is returned as it is.
func CleanText(s string) (string, error) {
	clean := true
	for _, r := range s {
		if isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	line := 1
	for i, r := range s {
		switch {
		case r == 0:
			return "", &ParseError{Line: line, Msg: fmt.Sprintf("NUL byte at byte %d: not text (a binary file?)", i)}
		case r == '\n':
			line++
		case isControl(r):
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String(), nil
}

// isControl reports whether r is a control character CleanText replaces
// (or, for NUL, refuses).
func isControl(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	}
	return false
}

// jsonHeaderFields are the JSON fields that fill Header's fields.
var jsonHeaderFields = []string{"url", "title", "publisher", "date", "kind"}

// ParseJSONLine reads one article from one line of JSON Lines: an object
// with the body in "text" (required: a string, not blank) and optionally
// url, title, publisher, date and kind, which must be strings (or null).
// Every other field whose value is a string goes to Header.Metadata; other
// values are ignored. The text is used as decoded, but for its control
// characters (CleanText: NUL is an error, the others spaces). Errors name the
// field at fault.
func ParseJSONLine(line []byte) (Header, string, error) {
	if !utf8.Valid(line) {
		offset, _ := invalidUTF8(string(line))
		return Header{}, "", &ParseError{Msg: fmt.Sprintf("invalid UTF-8 at byte %d", offset)}
	}
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&raw); err != nil {
		return Header{}, "", &ParseError{Msg: fmt.Sprintf("not a JSON object: %v", err)}
	}
	if raw == nil {
		return Header{}, "", &ParseError{Msg: "not a JSON object: null"}
	}
	if dec.More() {
		return Header{}, "", &ParseError{Msg: fmt.Sprintf("more than one JSON value on the line (byte %d)", dec.InputOffset())}
	}

	textJSON, ok := raw["text"]
	if !ok {
		return Header{}, "", &ParseError{Field: "text", Msg: "missing (the article's text is required)"}
	}
	text, err := jsonString(textJSON)
	if err != nil {
		return Header{}, "", &ParseError{Field: "text", Msg: err.Error()}
	}
	if strings.TrimSpace(text) == "" {
		return Header{}, "", &ParseError{Field: "text", Msg: "empty"}
	}
	if text, err = CleanText(text); err != nil {
		return Header{}, "", &ParseError{Field: "text", Msg: err.(*ParseError).Msg}
	}
	delete(raw, "text")

	fields := make(map[string]string, len(raw))
	for _, name := range jsonHeaderFields {
		value, ok := raw[name]
		if !ok {
			continue
		}
		delete(raw, name)
		s, err := jsonString(value)
		if err == nil {
			if s, err = CleanText(s); err != nil {
				err = errors.New(err.(*ParseError).Msg)
			}
		}
		if err != nil {
			return Header{}, "", &ParseError{Field: name, Msg: err.Error()}
		}
		fields[name] = strings.TrimSpace(s)
	}
	for name, value := range raw {
		if name == "" || len(value) == 0 || value[0] != '"' {
			continue // not a string: ignored
		}
		if s, err := jsonString(value); err == nil {
			if s, err = CleanText(s); err == nil {
				fields[name] = s
			}
		}
	}
	return newHeader(fields), text, nil
}

// jsonString decodes a JSON string; null is "".
func jsonString(value json.RawMessage) (string, error) {
	var s *string
	if err := json.Unmarshal(value, &s); err != nil {
		return "", fmt.Errorf("want a string, got %s", jsonKind(value))
	}
	if s == nil {
		return "", nil
	}
	return *s, nil
}

// jsonKind names the kind of a JSON value for error messages.
func jsonKind(value json.RawMessage) string {
	v := bytes.TrimSpace(value)
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

// ParseDate reads a publication date and returns it as "2006-01-02", or as
// RFC 3339 when it has a time of day and a time zone. It never guesses:
//
//   - "2014-06-11", "2014/06/11", "June 11, 2014", "Jun. 11 2014",
//     "11 June 2014", "Wednesday, June 11, 2014", "June 11th, 2014" give
//     "2014-06-11" (a weekday that does not match the date is not
//     understood);
//   - "2014-06-11T08:00:00Z", "2014-06-11 08:00:00+03:00" and RFC 1123
//     dates with a numeric zone or GMT/UTC give RFC 3339; a time without a
//     zone gives only its date;
//   - "13/06/2014" and "06/13/2014" give "2014-06-13", but "11/06/2014"
//     (day/month or month/day?) is not understood, unless both readings
//     agree ("06/06/2014");
//   - "", "unknown", "n/a", "undated" (any case) give ("", true);
//     so do partial dates, "August 2023", "2023-08", "2023", which the
//     date scalar cannot hold;
//   - anything else, two-digit years, and impossible dates ("February 30,
//     2014") give ("", false).
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", "unknown", "n/a", "na", "none", "undated", "no date", "-":
		return "", true
	}
	if date, ok, matched := parseNumericDate(s); matched {
		return date, ok
	}
	if date, ok, matched := parseDateTime(s); matched {
		return date, ok
	}
	return parseWordDate(s)
}

var (
	isoDate       = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	isoYearMonth  = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	yearOnly      = regexp.MustCompile(`^(\d{4})$`)
	slashYMD      = regexp.MustCompile(`^(\d{4})/(\d{1,2})/(\d{1,2})$`)
	slashDMYorMDY = regexp.MustCompile(`^(\d{1,2})([/.])(\d{1,2})([/.])(\d{4})$`)
)

// parseNumericDate reads the all-digit forms. matched is false when s is
// not one of them.
func parseNumericDate(s string) (date string, ok, matched bool) {
	if m := isoDate.FindStringSubmatch(s); m != nil {
		date, ok = formatDate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
		return date, ok, true
	}
	if m := slashYMD.FindStringSubmatch(s); m != nil {
		date, ok = formatDate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
		return date, ok, true
	}
	if m := isoYearMonth.FindStringSubmatch(s); m != nil {
		month := atoi(m[2])
		return "", month >= 1 && month <= 12, true
	}
	if yearOnly.MatchString(s) {
		return "", true, true
	}
	if m := slashDMYorMDY.FindStringSubmatch(s); m != nil {
		if m[2] != m[4] {
			return "", false, true // "11/06.2014"
		}
		a, b, year := atoi(m[1]), atoi(m[3]), atoi(m[5])
		dayMonth, dmOK := formatDate(year, b, a)
		monthDay, mdOK := formatDate(year, a, b)
		switch {
		case dmOK && mdOK && dayMonth == monthDay:
			return dayMonth, true, true
		case dmOK && !mdOK:
			return dayMonth, true, true
		case mdOK && !dmOK:
			return monthDay, true, true
		}
		return "", false, true // ambiguous or impossible
	}
	return "", false, false
}

// dateTimeLayouts have a time zone: they give RFC 3339.
var dateTimeLayouts = []string{
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04Z07:00",
	"2006-01-02 15:04:05 -0700",
	time.RFC1123Z,
	"Mon, 2 Jan 2006 15:04:05 -0700",
}

// localDateTimeLayouts have no time zone: they give the date alone.
var localDateTimeLayouts = []string{
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
}

// parseDateTime reads dates with a time of day. matched is false when s
// does not look like one.
func parseDateTime(s string) (date string, ok, matched bool) {
	if !strings.Contains(s, ":") {
		return "", false, false
	}
	// year 0 (1 BC) is no date a news article carries, and the plain
	// forms refuse it (formatDate): a time must not let it in
	for _, layout := range dateTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.UTC().Year() < 1 {
				return "", false, true
			}
			return t.Format(time.RFC3339Nano), true, true
		}
	}
	// RFC 1123 with a zone name: only GMT and UTC are unambiguous.
	for _, layout := range []string{time.RFC1123, "Mon, 2 Jan 2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			if name, _ := t.Zone(); (name == "GMT" || name == "UTC") && t.Year() >= 1 {
				return t.UTC().Format(time.RFC3339Nano), true, true
			}
			return "", false, true
		}
	}
	for _, layout := range localDateTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1 {
				return "", false, true
			}
			return t.Format(time.DateOnly), true, true
		}
	}
	return "", false, true
}

// months maps month names and abbreviations to their numbers.
var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// weekdays maps weekday names and abbreviations to time.Weekday.
var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "sun": time.Sunday, "monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday,
	"friday": time.Friday, "fri": time.Friday, "saturday": time.Saturday, "sat": time.Saturday,
}

// dayNumber matches a day of the month, with an optional ordinal suffix.
var dayNumber = regexp.MustCompile(`^(\d{1,2})(st|nd|rd|th)?$`)

// parseWordDate reads dates with the month in words: "June 11, 2014",
// "11 June 2014", "Wed, Jun. 11 2014", "August 2023".
func parseWordDate(s string) (string, bool) {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == ',' || r == '\t'
	})
	for i, w := range words {
		words[i] = strings.TrimSuffix(w, ".")
	}
	weekday, hasWeekday := time.Weekday(0), false
	if len(words) > 0 {
		weekday, hasWeekday = weekdays[words[0]]
		if hasWeekday {
			words = words[1:]
		}
	}
	var day, month, year int
	switch {
	case len(words) == 3 && months[words[0]] > 0: // June 11 2014
		month, day, year = months[words[0]], dayOf(words[1]), yearOf(words[2])
	case len(words) == 3 && months[words[1]] > 0: // 11 June 2014
		day, month, year = dayOf(words[0]), months[words[1]], yearOf(words[2])
	case len(words) == 2 && months[words[0]] > 0 && !hasWeekday: // August 2023
		return "", yearOf(words[1]) > 0
	default:
		return "", false
	}
	if day == 0 || year == 0 {
		return "", false
	}
	date, ok := formatDate(year, month, day)
	if !ok {
		return "", false
	}
	if hasWeekday && time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC).Weekday() != weekday {
		return "", false
	}
	return date, true
}

// dayOf reads a day of the month ("11", "11th"), 0 when it is not one.
func dayOf(w string) int {
	m := dayNumber.FindStringSubmatch(w)
	if m == nil {
		return 0
	}
	return atoi(m[1])
}

// yearOf reads a four-digit year, 0 when it is not one.
func yearOf(w string) int {
	if !yearOnly.MatchString(w) {
		return 0
	}
	return atoi(w)
}

// formatDate formats a calendar date, ok=false when it does not exist.
func formatDate(year, month, day int) (string, bool) {
	if year < 1 || month < 1 || month > 12 || day < 1 {
		return "", false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// atoi converts digits already matched by a regular expression.
func atoi(digits string) int {
	n, _ := strconv.Atoi(digits)
	return n
}
