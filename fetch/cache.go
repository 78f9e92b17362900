package fetch

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/meetup-tools/connpass-scaffold/internal/input"
	"github.com/meetup-tools/connpass-scaffold/internal/tempfile"
)

// Cache keeps connpass API response bodies on disk, one file per request, so
// that rendering a post again after editing the notes makes no request.
//
// A key is the request's path and query ("/api/v2/events/?event_id=368663"),
// never the API key; a file holds the response body and nothing else (no
// headers, no key). Entries do not expire: the Client's Refresh refetches
// and overwrites them.
//
// Put writes a temporary file in Dir and renames it into place, so a reader
// sees the old entry or the new one, never half of one. The caller chooses
// Dir (SCAFFOLD_CACHE_DIR, or os.UserCacheDir()/connpass-scaffold); Cache
// reads no environment.
type Cache struct {
	Dir string
}

// cacheTempPrefix starts the names of files being written; Get never reads
// them, as no key maps to such a name.
const cacheTempPrefix = ".tmp-"

// Get returns the body stored under key. A missing entry is (nil, false, nil).
func (c *Cache) Get(key string) ([]byte, bool, error) {
	name, err := c.file(key)
	if err != nil {
		return nil, false, err
	}
	b, err := input.ReadFile(name, input.MaxCacheEntry)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return b, true, nil
}

// Put stores body under key, atomically, creating Dir when needed.
func (c *Cache) Put(key string, body []byte) (err error) {
	name, err := c.file(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return err
	}
	f, err := tempfile.Create(c.Dir, cacheTempPrefix+"*") // removed by main if it gives up on the run
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(body); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// file maps a key to its file: a readable slug of the key (for whoever looks
// into the directory) and a hash of it (so that distinct keys never share a
// file).
func (c *Cache) file(key string) (string, error) {
	if c == nil || c.Dir == "" {
		return "", errors.New("cache directory not set")
	}
	if key == "" {
		return "", errors.New("empty cache key")
	}
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(c.Dir, cacheSlug(key)+"-"+hex.EncodeToString(sum[:8])+".json"), nil
}

// cacheSlug keeps ASCII letters, digits and '_' of key, and turns every other
// run of characters into one '-'. "/api/v2/events/?event_id=368663" becomes
// "api-v2-events-event_id-368663".
func cacheSlug(key string) string {
	var b strings.Builder
	dash := false
	for _, r := range key {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
		if !ok {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
		if b.Len() >= 80 {
			break
		}
	}
	if b.Len() == 0 {
		return "key"
	}
	return b.String()
}
