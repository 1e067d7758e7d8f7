package graph

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Credentials: who may correct the graph. A credential is a name (the
// "who" of the audit log) and a random token shown once when it is made;
// the store keeps only the token's SHA-256 (tk/<name>), so a copy of the
// database does not give the tokens away. Tokens are 256 random bits, so
// an unsalted hash is enough: there is no dictionary to try.

// ErrTokenExists: a credential of that name already exists.
var ErrTokenExists = errors.New("graph: a credential of that name exists")

// tokenPrefix starts every token, so that one pasted in the wrong place
// is recognisable.
const tokenPrefix = "kg_"

// Credential is a stored credential, without its token.
type Credential struct {
	Name    string
	Created time.Time
}

// validTokenName: letters, digits, and . _ - @, 1 to 64 of them.
func validTokenName(name string) error {
	if name == "" || len(name) > 64 {
		return fmt.Errorf("graph: credential name %q: 1 to 64 characters", name)
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == '@') {
			return fmt.Errorf("graph: credential name %q: letters, digits and . _ - @ only", name)
		}
	}
	return nil
}

// AddToken makes a credential called name and gives its token, which is
// not stored and cannot be shown again.
func (s *Store) AddToken(ctx context.Context, name string) (string, error) {
	if s.readOnly {
		return "", ErrReadOnly
	}
	if err := validTokenName(name); err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("graph: token: %w", err)
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	sum := sha256.Sum256([]byte(token))
	v := binary.BigEndian.AppendUint64(append([]byte{recordFormat}, sum[:]...), uint64(s.now().UnixNano()))
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.checkRoom(int64(2 * len(v))); err != nil {
		return "", fmt.Errorf("graph: add credential: %w", err)
	}
	err := s.db.Update(func(txn *badger.Txn) error {
		if _, err := txn.Get(key(pToken, []byte(name))); err == nil {
			return fmt.Errorf("%w: %q", ErrTokenExists, name)
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		return txn.Set(key(pToken, []byte(name)), v)
	})
	if err != nil {
		return "", fmt.Errorf("graph: add credential: %w", err)
	}
	return token, nil
}

// RemoveToken deletes the credential called name (ErrNotFound if none).
// The audit log keeps the name in the entries it made.
func (s *Store) RemoveToken(ctx context.Context, name string) error {
	if s.readOnly {
		return ErrReadOnly
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	err := s.db.Update(func(txn *badger.Txn) error {
		if _, err := txn.Get(key(pToken, []byte(name))); errors.Is(err, badger.ErrKeyNotFound) {
			return fmt.Errorf("credential %q: %w", name, ErrNotFound)
		} else if err != nil {
			return err
		}
		return txn.Delete(key(pToken, []byte(name)))
	})
	if err != nil {
		return fmt.Errorf("graph: remove credential: %w", err)
	}
	return nil
}

// eachToken calls fn with every credential and its token's hash.
func (s *Store) eachToken(ctx context.Context, fn func(c Credential, sum []byte)) error {
	return s.view(ctx, func(txn *badger.Txn) error {
		_, err := scanPage(ctx, txn, []byte(pToken), nil, -1, func(item *badger.Item, suffix []byte) error {
			return item.Value(func(v []byte) error {
				if len(v) != 1+sha256.Size+8 {
					return fmt.Errorf("credential %q: %w", suffix, errCorrupt)
				}
				at := time.Unix(0, int64(binary.BigEndian.Uint64(v[1+sha256.Size:]))).UTC()
				fn(Credential{Name: string(suffix), Created: at}, v[1:1+sha256.Size])
				return nil
			})
		})
		return err
	})
}

// Tokens lists the credentials, by name.
func (s *Store) Tokens(ctx context.Context) ([]Credential, error) {
	var out []Credential
	err := s.eachToken(ctx, func(c Credential, _ []byte) { out = append(out, c) })
	if err != nil {
		return nil, fmt.Errorf("graph: credentials: %w", err)
	}
	return out, nil
}

// CheckToken gives the name of the credential whose token is token;
// ok is false for a token no credential has.
func (s *Store) CheckToken(ctx context.Context, token string) (name string, ok bool, err error) {
	sum := sha256.Sum256([]byte(token))
	err = s.eachToken(ctx, func(c Credential, stored []byte) {
		if subtle.ConstantTimeCompare(sum[:], stored) == 1 {
			name, ok = c.Name, true
		}
	})
	if err != nil {
		return "", false, fmt.Errorf("graph: check credential: %w", err)
	}
	return name, ok, nil
}
