package synth

// Low-level text rendering: names with spelling variants, numbers, dates,
// capitalisation, and the two output encodings. No fmt: these run for
// every word of every article.

import (
	"strconv"
	"unicode/utf8"
)

// artStyle is how an article writes the Arabic article "al-".
type artStyle uint8

const (
	artAl    artStyle = iota // al-Nusra, al-Sham
	artEl                    // el-Nusra, el-Sham
	artA                     // a-Nusra, a-Sham, al-Qaeda (sun letters drop the l)
	artAssim                 // an-Nusra, ash-Sham, al-Qaeda
)

// appendName renders a name template: alternations "[a|b|c]" choose by
// the variant bits (a different pair of bits for each alternation), and
// "al-" at the start of a word follows the article style.
func appendName(dst []byte, tpl string, variant uint32, style artStyle) []byte {
	alt := 0
	for i := 0; i < len(tpl); {
		c := tpl[i]
		if c == '[' {
			end := i + 1
			for end < len(tpl) && tpl[end] != ']' {
				end++
			}
			body := tpl[i+1 : end]
			nopts := 1
			for k := 0; k < len(body); k++ {
				if body[k] == '|' {
					nopts++
				}
			}
			want := int((variant >> (uint(alt*2) % 30)) % uint32(nopts))
			alt++
			start, n := 0, 0
			for k := 0; k <= len(body); k++ {
				if k == len(body) || body[k] == '|' {
					if n == want {
						dst = appendWithArticle(dst, body[start:k], style)
						break
					}
					n++
					start = k + 1
				}
			}
			i = end + 1
			continue
		}
		// Copy up to the next alternation.
		j := i
		for j < len(tpl) && tpl[j] != '[' {
			j++
		}
		dst = appendWithArticle(dst, tpl[i:j], style)
		i = j
	}
	return dst
}

// appendWithArticle copies s, rewriting each word-initial "al-" (or
// "Al-") before a letter according to style.
func appendWithArticle(dst []byte, s string, style artStyle) []byte {
	if style == artAl {
		return append(dst, s...)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c == 'a' || c == 'A') && i+3 < len(s) && s[i+1] == 'l' && s[i+2] == '-' && isLetter(s[i+3]) && wordStart(dst, s, i) {
			next := s[i+3]
			sun := isSun(next)
			switch style {
			case artEl:
				if c == 'a' {
					dst = append(dst, "el-"...)
				} else {
					dst = append(dst, "El-"...)
				}
				i += 2
				continue
			case artA:
				if sun {
					dst = append(dst, c, '-')
					i += 2
					continue
				}
			case artAssim:
				if sun {
					dst = append(dst, c)
					dst = append(dst, lower(next))
					if i+4 < len(s) && s[i+4] == 'h' && (next == 's' || next == 'S' || next == 't' || next == 'T' || next == 'd' || next == 'D') {
						dst = append(dst, 'h')
					}
					dst = append(dst, '-')
					i += 2
					continue
				}
			}
		}
		dst = append(dst, c)
	}
	return dst
}

// wordStart reports whether s[i] starts a word, looking back into dst
// when i is 0.
func wordStart(dst []byte, s string, i int) bool {
	if i > 0 {
		return !isLetter(s[i-1]) && s[i-1] != '\''
	}
	return len(dst) == 0 || !isLetter(dst[len(dst)-1]) && dst[len(dst)-1] != '\''
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c - 'A' + 'a'
	}
	return c
}

// isSun reports whether a transliterated word starting with c takes an
// assimilated article (t, th, d, dh, r, z, s, sh, n).
func isSun(c byte) bool {
	switch lower(c) {
	case 't', 'd', 'r', 'z', 's', 'n':
		return true
	}
	return false
}

// capitalizeAt upper-cases the first ASCII letter at or after start,
// skipping quotes, bullets and spaces.
func capitalizeAt(b []byte, start int) {
	for i := start; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
			return
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			return
		case c == ' ' || c == '*' || c == '"' || c == '\'':
			continue
		case c >= 0x80: // part of a curly quote: skip it
			continue
		default:
			return
		}
	}
}

// appendCount writes n with thousands separators.
func appendCount(dst []byte, n int) []byte {
	if n < 1000 {
		return strconv.AppendInt(dst, int64(n), 10)
	}
	dst = appendCount(dst, n/1000)
	rem := n % 1000
	dst = append(dst, ',', byte('0'+rem/100), byte('0'+rem/10%10), byte('0'+rem%10))
	return dst
}

func appendPad(dst []byte, n, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(n), 10)
	for k := len(s); k < width; k++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// date is a calendar day of an article.
type date struct{ year, month, day int }

// Header date formats.
const (
	dateLong    = iota // June 11, 2014
	dateISO            // 2014-06-11
	dateDayLong        // 11 June 2014
	dateMonth          // June 2014
	dateUnknown        // unknown
)

func appendDate(dst []byte, d date, format int) []byte {
	switch format {
	case dateLong:
		dst = append(dst, months[d.month-1]...)
		dst = append(dst, ' ')
		dst = strconv.AppendInt(dst, int64(d.day), 10)
		dst = append(dst, ", "...)
		return strconv.AppendInt(dst, int64(d.year), 10)
	case dateISO:
		dst = strconv.AppendInt(dst, int64(d.year), 10)
		dst = append(dst, '-')
		dst = appendPad(dst, d.month, 2)
		dst = append(dst, '-')
		return appendPad(dst, d.day, 2)
	case dateDayLong:
		dst = strconv.AppendInt(dst, int64(d.day), 10)
		dst = append(dst, ' ')
		dst = append(dst, months[d.month-1]...)
		dst = append(dst, ' ')
		return strconv.AppendInt(dst, int64(d.year), 10)
	case dateMonth:
		dst = append(dst, months[d.month-1]...)
		dst = append(dst, ' ')
		return strconv.AppendInt(dst, int64(d.year), 10)
	}
	return append(dst, "unknown"...)
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// slugify appends a URL slug of s: lower-case ASCII letters and digits,
// other runs as one hyphen, at most max bytes.
func slugify(dst []byte, s string, max int) []byte {
	start := len(dst)
	dash := false
	for i := 0; i < len(s) && len(dst)-start < max; i++ {
		c := lower(s[i])
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && len(dst) > start {
				dst = append(dst, '-')
			}
			dash = false
			dst = append(dst, c)
		} else {
			dash = true
		}
	}
	return dst
}

// AppendTxt appends the article in the corpus's text format: header
// lines "key: value", a line "---", then the text.
func (a *Article) AppendTxt(dst []byte) []byte {
	dst = append(dst, "url: "...)
	dst = append(dst, a.URL...)
	dst = append(dst, "\npublisher: "...)
	dst = append(dst, a.Publisher...)
	dst = append(dst, "\ndate: "...)
	dst = append(dst, a.Date...)
	dst = append(dst, "\ntitle: "...)
	dst = append(dst, a.Title...)
	dst = append(dst, "\nkind: "...)
	dst = append(dst, a.Kind...)
	dst = append(dst, "\n---\n"...)
	return append(dst, a.Text...)
}

// AppendJSON appends the article as one JSON object (no newline) with the
// fields text, url, title, publisher, date and kind.
func (a *Article) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"text":`...)
	dst = appendJSONString(dst, a.Text)
	dst = append(dst, `,"url":`...)
	dst = appendJSONString(dst, a.URL)
	dst = append(dst, `,"title":`...)
	dst = appendJSONString(dst, a.Title)
	dst = append(dst, `,"publisher":`...)
	dst = appendJSONString(dst, a.Publisher)
	dst = append(dst, `,"date":`...)
	dst = appendJSONString(dst, a.Date)
	dst = append(dst, `,"kind":`...)
	dst = appendJSONString(dst, a.Kind)
	return append(dst, '}')
}

const hexDigits = "0123456789abcdef"

func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\r':
				dst = append(dst, '\\', 'r')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
