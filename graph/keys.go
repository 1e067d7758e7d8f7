package graph

import (
	"encoding/base64"
	"fmt"

	"github.com/google/uuid"
)

// Table prefixes. Each is letters and a slash, so no prefix is the prefix
// of another (see the layout in doc.go).
const (
	pDocument     = "d/"
	pDocumentText = "dt/"
	pDocumentURL  = "du/"
	pDocumentHash = "dh/"
	pDocEntity    = "de/"
	pEntity       = "e/"
	pEntityKey    = "ek/"
	pEntityName   = "en/"
	pEntityType   = "et/"
	pMention      = "m/"
	pClaim        = "c/"
	pClaimDoc     = "cd/"
	pClaimSpeaker = "cs/"
	pClaimAbout   = "ca/"
	pClaimWord    = "cw/"
	// The folded words of entity names, for search (searchindex.go).
	pSearchName    = "sn/"
	pRelation      = "r/"
	pRelationByObj = "ri/"
	// Filters and date order (filters.go).
	pClaimKind      = "ck/"
	pClaimPredicate = "cr/"
	pClaimRelated   = "ce/"
	pClaimConf      = "cc/"
	pClaimPublisher = "cp/"
	pClaimDay       = "cy/"
	pSpeakerDay     = "cz/"
	pDocumentDay    = "dy/"
	pDocPublisher   = "dq/"
	pTally          = "n/"
	pFigure         = "f/"
	// Corrections (audit.go, overlay.go) and credentials (tokens.go).
	pAudit          = "xl/"
	pEntityRedirect = "xr/"
	pDocRedirect    = "xd/"
	pToken          = "tk/"
	keyFormat       = "meta/format"
)

// sep ends a variable-length key part (a name fold, a word, a type, a
// predicate), none of which may contain it.
const sep = 0

const idLen = 16

// key concatenates a prefix and raw parts into a fresh slice.
func key(prefix string, parts ...[]byte) []byte {
	n := len(prefix)
	for _, p := range parts {
		n += len(p)
	}
	k := make([]byte, 0, n)
	k = append(k, prefix...)
	for _, p := range parts {
		k = append(k, p...)
	}
	return k
}

func idKey(prefix string, id uuid.UUID) []byte { return key(prefix, id[:]) }

// termPrefix is prefix + term + sep: the posting list of a term.
func termPrefix(prefix, term string) []byte {
	k := make([]byte, 0, len(prefix)+len(term)+1+idLen)
	k = append(k, prefix...)
	k = append(k, term...)
	return append(k, sep)
}

func termKey(prefix, term string, id uuid.UUID) []byte {
	return append(termPrefix(prefix, term), id[:]...)
}

// relationKey is prefix + from + predicate + sep + to + claim: r/ with
// from = subject, ri/ with from = object.
func relationKey(prefix string, from uuid.UUID, p string, to, claim uuid.UUID) []byte {
	k := make([]byte, 0, len(prefix)+3*idLen+len(p)+1)
	k = append(k, prefix...)
	k = append(k, from[:]...)
	k = append(k, p...)
	k = append(k, sep)
	k = append(k, to[:]...)
	return append(k, claim[:]...)
}

// encodeCursor makes the opaque cursor of a key suffix (the key after the
// prefix that was scanned).
func encodeCursor(suffix []byte) string { return base64.RawURLEncoding.EncodeToString(suffix) }

// decodeCursor returns the key suffix of a cursor; "" is the start.
func decodeCursor(c string, wantLen int) ([]byte, error) {
	if c == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || (wantLen > 0 && len(b) != wantLen) {
		return nil, fmt.Errorf("%w %q", ErrInvalidCursor, c)
	}
	return b, nil
}

// successor returns the next 16-byte ID in byte order, or ok == false
// after the last one.
func successor(id []byte) (next []byte, ok bool) {
	next = append([]byte(nil), id...)
	for i := len(next) - 1; i >= 0; i-- {
		next[i]++
		if next[i] != 0 {
			return next, true
		}
	}
	return nil, false
}
