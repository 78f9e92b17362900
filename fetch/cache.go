package fetch

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/meetup-tools/connpass-scaffold/internal/input"
	"github.com/meetup-tools/connpass-scaffold/internal/tempfile"
)

// Cache keeps network answers (connpass API responses, Speaker Deck oEmbed
// answers) on disk, one file per request, so that rendering a post again
// after editing the notes makes no request.
//
// A key is the whole request URL without credentials
// ("https://connpass.com/api/v2/events/?event_id=368663"): answers from one
// server are never served for another (--api-base, a proxy, a test server).
// It never holds the API key. A file holds one line of JSON (the key, when
// the entry was stored and when it expires), then the response body as it
// came; no header, no API key. An entry past its expiry time is a miss; an
// entry whose key line does not match (a file from an older version, say)
// is a miss too. The Client's Refresh refetches and overwrites entries.
//
// Put writes a temporary file in Dir and renames it into place, so a reader
// sees the old entry or the new one, never half of one. The caller chooses
// Dir (SCAFFOLD_CACHE_DIR, or os.UserCacheDir()/connpass-scaffold) and gives
// the times; Cache reads no environment and no clock.
type Cache struct {
	Dir string
}

// cacheTempPrefix starts the names of files being written; Get never reads
// them, as no key maps to such a name.
const cacheTempPrefix = ".tmp-"

// cacheHeader is the first line of a cache file.
type cacheHeader struct {
	Key     string     `json:"key"`
	Stored  time.Time  `json:"stored"`
	Expires *time.Time `json:"expires"` // null: never
}

// Get returns the body stored under key, unless it expired by now. A missing
// or expired entry is (nil, false, nil).
func (c *Cache) Get(key string, now time.Time) ([]byte, bool, error) {
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
	line, body, found := bytes.Cut(b, []byte("\n"))
	var h cacheHeader
	if !found || json.Unmarshal(line, &h) != nil || h.Key != key {
		return nil, false, nil // not an entry of this key: fetched again and replaced
	}
	if h.Expires != nil && !now.Before(*h.Expires) {
		return nil, false, nil
	}
	return body, true, nil
}

// Put stores body under key, atomically, creating Dir when needed. The
// entry was fetched at stored and expires at expires (zero: never).
func (c *Cache) Put(key string, body []byte, stored, expires time.Time) (err error) {
	name, err := c.file(key)
	if err != nil {
		return err
	}
	h := cacheHeader{Key: key, Stored: stored.UTC()}
	if !expires.IsZero() {
		e := expires.UTC()
		h.Expires = &e
	}
	line, err := json.Marshal(h)
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
	if _, err = f.Write(append(append(line, '\n'), body...)); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	err = tempfile.Commit(func() error { return os.Rename(tmp, name) }) // not after an interrupt
	if err == nil {
		tempfile.Forget(tmp)
	}
	return err
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
// run of characters into one '-'. "https://connpass.com/api/v2/events/?event_id=368663"
// becomes "https-connpass-com-api-v2-events-event_id-368663".
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
