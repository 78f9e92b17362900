package scaffold

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

const testKey = "sekret-test-key-0123456789"

// fakeAPI serves the reconstructed API v2 responses of event 368663 and
// counts the requests. status, when set, replaces every answer.
type fakeAPI struct {
	*httptest.Server
	mu       sync.Mutex
	requests []string
	status   int
	block    chan struct{} // when set, requests wait on it (or on their context)
	arrived  chan struct{} // signalled when a request arrives
}

func newFakeAPI(t *testing.T) *fakeAPI {
	t.Helper()
	f := &fakeAPI{arrived: make(chan struct{}, 16)}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests = append(f.requests, r.URL.RequestURI())
		status, block := f.status, f.block
		f.mu.Unlock()
		f.arrived <- struct{}{}
		if block != nil {
			select {
			case <-block:
			case <-r.Context().Done():
				return
			}
		}
		if r.Header.Get("X-API-Key") != testKey {
			http.Error(w, `{"detail":"invalid key"}`, http.StatusUnauthorized)
			return
		}
		if status != 0 {
			http.Error(w, `{"detail":"error `+testKey+`"}`, status)
			return
		}
		var file string
		switch {
		case r.URL.Path == "/api/v2/events/" && r.URL.Query().Get("event_id") == "368663":
			file = "events.json"
		case r.URL.Path == "/api/v2/events/368663/presentations/":
			file = "presentations.json"
		case r.URL.Path == "/api/v2/events/":
			w.Write([]byte(`{"results_returned":0,"results_available":0,"results_start":1,"events":[]}`))
			return
		default:
			http.NotFound(w, r)
			return
		}
		data, err := os.ReadFile(filepath.Join("..", "testdata", "connpass", "368663", "api", file))
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(data)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

// fakeClock is a clock that only moves when the code under test sleeps.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return nil
}

// apiOptions renders the example blog from the fake API only.
func apiOptions(t *testing.T, api *fakeAPI) (Options, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	opts, stdout, stderr := exampleOptions(t)
	clock := &fakeClock{now: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	opts.HTMLFiles = nil
	opts.EventID = 368663
	opts.APIKey = testKey
	opts.APIBase = api.URL + "/api/v2/"
	opts.CacheDir = t.TempDir()
	opts.Now = clock.Now
	opts.Sleep = clock.Sleep
	opts.Version = "test"
	return opts, stdout, stderr
}

// TestGoldenAPIOnly: the API alone gives a post with everything but the
// per-参加枠 split; the attendance line falls back to the total.
func TestGoldenAPIOnly(t *testing.T) {
	api := newFakeAPI(t)
	opts, stdout, stderr := apiOptions(t, api)
	got := mustRender(t, opts, stdout)
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr)
	}
	checkGolden(t, "../testdata/golden/2025-10-29-jddug13-api.md", got)
	if !bytes.Contains(got, []byte("\n申込数：　申込総数 80名\n")) {
		t.Errorf("the attendance line does not fall back to the total")
	}
	if api.count() != 2 {
		t.Errorf("%d requests, want 2 (event, presentations): %q", api.count(), api.requests)
	}
}

// TestAPIAndSavedPage: the API under the saved page gives exactly the
// golden post of the saved page.
func TestAPIAndSavedPage(t *testing.T) {
	api := newFakeAPI(t)
	opts, stdout, _ := apiOptions(t, api)
	opts.HTMLFiles = []string{"testdata/connpass/368663/event.html"}
	got := mustRender(t, opts, stdout)
	checkGolden(t, goldenPost, got)
}

// TestAPICache: a second render (after editing the notes) makes no request;
// --offline with an empty cache fails clearly; --refresh refetches.
func TestAPICache(t *testing.T) {
	api := newFakeAPI(t)
	opts, stdout, _ := apiOptions(t, api)
	first := mustRender(t, opts, stdout)
	if api.count() != 2 {
		t.Fatalf("first run: %d requests, want 2", api.count())
	}
	opts.NotesFile = writeTemp(t, "notes.yaml", "intro: edited\n")
	second := mustRender(t, opts, stdout)
	if api.count() != 2 {
		t.Errorf("second run made %d more requests, want none", api.count()-2)
	}
	if bytes.Equal(first, second) || !bytes.Contains(second, []byte("\nedited\n")) {
		t.Errorf("the edited notes did not reach the second post")
	}
	opts.Offline = true
	mustRender(t, opts, stdout)
	if api.count() != 2 {
		t.Errorf("--offline with a full cache made a request")
	}

	opts.CacheDir = t.TempDir()
	err := Run(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "offline") {
		t.Fatalf("--offline on a cache miss: err = %v, want an offline error", err)
	}
	if api.count() != 2 {
		t.Errorf("--offline made a request")
	}

	opts.Offline, opts.Refresh = false, true
	mustRender(t, opts, stdout)
	mustRender(t, opts, stdout)
	if api.count() != 6 {
		t.Errorf("--refresh twice: %d requests in all, want 6", api.count())
	}
}

// TestAPIErrors: each fault gives one clear message with a hint; nothing
// is written; the key appears nowhere.
func TestAPIErrors(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		key     string
		id      int
		wantMsg string
	}{
		{"bad key", 0, "wrong-key-wrong-key-1234", 368663, "refused the key"},
		{"no such event", 0, testKey, 999999, "999999"},
		{"server error", http.StatusServiceUnavailable, testKey, 368663, "503"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t)
			api.status = tt.status
			opts, stdout, stderr := apiOptions(t, api)
			opts.ToStdout = false
			opts.OutDir = filepath.Join(t.TempDir(), "_posts")
			opts.APIKey = tt.key
			opts.EventID = tt.id
			err := Run(context.Background(), opts)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not mention %q", err, tt.wantMsg)
			}
			if len(Hints(err)) == 0 {
				t.Errorf("no hint for %q", err)
			}
			if _, err := os.Stat(opts.OutDir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the posts folder was created")
			}
			assertNoKey(t, tt.key, err.Error()+strings.Join(Hints(err), "\n"), stdout.String(), stderr.String())
			assertNoKeyInDir(t, tt.key, opts.CacheDir)
		})
	}
}

// TestAPIKeyNeverWritten: after a successful run, the key is not in the
// output, the warnings or the cache.
func TestAPIKeyNeverWritten(t *testing.T) {
	api := newFakeAPI(t)
	opts, stdout, stderr := apiOptions(t, api)
	mustRender(t, opts, stdout)
	assertNoKey(t, testKey, stdout.String(), stderr.String())
	assertNoKeyInDir(t, testKey, opts.CacheDir)
	entries, _ := os.ReadDir(opts.CacheDir)
	if len(entries) == 0 {
		t.Errorf("nothing was cached")
	}
}

// TestAPIInterrupted: a run cancelled while a request is in flight returns
// context.Canceled and leaves no post and no cache entry behind.
func TestAPIInterrupted(t *testing.T) {
	api := newFakeAPI(t)
	api.block = make(chan struct{})
	defer close(api.block)
	opts, _, _ := apiOptions(t, api)
	opts.ToStdout = false
	opts.OutDir = filepath.Join(t.TempDir(), "_posts")
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-api.arrived
		cancel()
	}()
	err := Run(ctx, opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(opts.CacheDir); len(entries) > 0 {
		t.Errorf("cache has %d entries after an interrupted run", len(entries))
	}
	if _, err := os.Stat(opts.OutDir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the posts folder was created")
	}
}

func assertNoKey(t *testing.T, key string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(s, key) {
			t.Errorf("the API key appears in %q", s)
		}
	}
}

func assertNoKeyInDir(t *testing.T, key, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.Contains(path, key) {
			t.Errorf("the API key appears in the cache path %s", path)
		}
		if data, _ := os.ReadFile(path); bytes.Contains(data, []byte(key)) {
			t.Errorf("the API key appears in the cache file %s", path)
		}
		return nil
	})
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
