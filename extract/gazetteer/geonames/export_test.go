package geonames

// RowNames returns the names of row i (its name, its ASCII name when the
// file gives one, its alternates) and the key the file gives each: the
// folded name, or "" for a name whose key repeats an earlier one.
func (g *Gazetteer) RowNames(i int) (names, keys []string) {
	var cols [nCols]string
	g.columns(i, &cols)
	names = append(names, cols[colName])
	if cols[colASCII] != "" {
		names = append(names, cols[colASCII])
	}
	if cols[colAlternates] != "" {
		names = append(names, splitBar(cols[colAlternates])...)
	}
	for j, e := range splitBar(cols[colKeys]) {
		for len(e) > 0 && (e[0] == '!' || e[0] == '~') {
			e = e[1:]
		}
		switch {
		case e == "-":
			e = ""
		case e == "" && j < len(names):
			e = simpleFold(names[j])
		}
		keys = append(keys, e)
	}
	return names, keys
}

func splitBar(s string) []string {
	var out []string
	for {
		i := 0
		for i < len(s) && s[i] != '|' {
			i++
		}
		out = append(out, s[:i])
		if i == len(s) {
			return out
		}
		s = s[i+1:]
	}
}

func simpleFold(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b = append(b, c)
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		}
	}
	return string(b)
}
