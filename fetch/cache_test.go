package fetch

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestCachePutGet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "not", "yet") // Put creates it
	c := &Cache{Dir: dir}
	const key = "/api/v2/events/?event_id=368663"

	if b, ok, err := c.Get(key, time.Time{}); err != nil || ok || b != nil {
		t.Fatalf("Get on a missing dir = %q, %v, %v; want a plain miss", b, ok, err)
	}
	if err := c.Put(key, []byte(`{"events":[]}`), time.Time{}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := c.Put(key, []byte(`{"events":[1]}`), time.Time{}, time.Time{}); err != nil { // overwrite
		t.Fatal(err)
	}
	b, ok, err := c.Get(key, time.Time{})
	if err != nil || !ok || string(b) != `{"events":[1]}` {
		t.Fatalf("Get = %q, %v, %v", b, ok, err)
	}
	if _, ok, _ := c.Get(key+"&x=1", time.Time{}); ok {
		t.Error("another key hits")
	}
	files := apiFiles(t, dir)
	if len(files) != 1 || !strings.HasPrefix(files[0], "api-v2-events-event_id-368663-") || !strings.HasSuffix(files[0], ".json") {
		t.Errorf("files = %v, want one api-v2-events-event_id-368663-<hash>.json", files)
	}
}

func TestCacheKeysDoNotCollide(t *testing.T) {
	// These keys have the same slug; the hash keeps them apart.
	c := &Cache{Dir: t.TempDir()}
	keys := []string{"/a/b?c=1", "/a/b/c/1", "/a-b-c-1", "/" + strings.Repeat("x", 200), "/" + strings.Repeat("x", 201), "/日本語"}
	for i, k := range keys {
		if err := c.Put(k, []byte(fmt.Sprint(i)), time.Time{}, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	for i, k := range keys {
		b, ok, err := c.Get(k, time.Time{})
		if err != nil || !ok || string(b) != fmt.Sprint(i) {
			t.Errorf("Get(%q) = %q, %v, %v", k, b, ok, err)
		}
	}
	for _, f := range apiFiles(t, c.Dir) {
		if len(f) > 120 {
			t.Errorf("file name too long: %s", f)
		}
	}
}

func TestCacheFailedPutLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	c := &Cache{Dir: dir}
	const key = "/api/v2/events/?event_id=1"
	name, err := c.file(key)
	if err != nil {
		t.Fatal(err)
	}
	// A directory where the entry should go makes the rename fail.
	if err := os.MkdirAll(filepath.Join(name, "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := c.Put(key, []byte(`{}`), time.Time{}, time.Time{}); err == nil {
		t.Fatal("Put over a directory succeeded")
	}
	for _, f := range apiFiles(t, dir) {
		if strings.HasPrefix(f, cacheTempPrefix) {
			t.Errorf("temporary file left behind: %s", f)
		}
	}
}

func TestCacheConcurrentPutsAreWhole(t *testing.T) {
	// Readers racing writers see one whole body or another, never a mix.
	c := &Cache{Dir: t.TempDir()}
	const key = "/api/v2/events/368663/presentations/"
	bodies := [][]byte{bytes.Repeat([]byte("a"), 64<<10), bytes.Repeat([]byte("b"), 64<<10)}
	if err := c.Put(key, bodies[0], time.Time{}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(2)
		go func(i int) {
			defer wg.Done()
			if err := c.Put(key, bodies[i%2], time.Time{}, time.Time{}); err != nil {
				t.Error(err)
			}
		}(i)
		go func() {
			defer wg.Done()
			b, ok, err := c.Get(key, time.Time{})
			if err != nil || !ok || !(bytes.Equal(b, bodies[0]) || bytes.Equal(b, bodies[1])) {
				t.Errorf("Get = %d bytes, %v, %v", len(b), ok, err)
			}
		}()
	}
	wg.Wait()
	if files := apiFiles(t, c.Dir); len(files) != 1 {
		t.Errorf("files = %v", files)
	}
}

func TestCacheMisuse(t *testing.T) {
	var nilCache *Cache
	for _, c := range []*Cache{{}, nilCache} {
		if _, _, err := c.Get("/x", time.Time{}); err == nil {
			t.Error("Get without a directory succeeded")
		}
		if err := c.Put("/x", nil, time.Time{}, time.Time{}); err == nil {
			t.Error("Put without a directory succeeded")
		}
	}
	if err := (&Cache{Dir: t.TempDir()}).Put("", []byte("{}"), time.Time{}, time.Time{}); err == nil {
		t.Error("Put with an empty key succeeded")
	}
}

// TestCacheEntryNotARegularFile: a cache entry that is a device (a link to
// /dev/zero) is an error at once, never read.
func TestCacheEntryNotARegularFile(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	c := &Cache{Dir: t.TempDir()}
	const key = "https://connpass.com/api/v2/events/?event_id=1"
	name, err := c.file(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", name); err != nil {
		t.Fatal(err)
	}
	_, ok, err := c.Get(key, time.Time{})
	if ok || err == nil || !strings.Contains(err.Error(), "not a regular file but a character device") {
		t.Errorf("Get = %v, %v; want a not-a-regular-file error", ok, err)
	}
}
