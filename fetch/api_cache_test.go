package fetch

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestClientCacheKeyedByBase: answers cached from one API server are never
// served when the client points at another (--api-base, a proxy, a test
// server); each server's answers are cached apart.
func TestClientCacheKeyedByBase(t *testing.T) {
	dir := t.TempDir()
	clock := newAPIClock()
	body := mustReadFile(t, filepath.Join(api368663, "api", "events.json"))
	serve := func(accepted int) func(int, http.ResponseWriter, *http.Request) {
		return func(_ int, w http.ResponseWriter, r *http.Request) {
			w.Write(bytes.Replace(body, []byte(`"accepted": 80`), []byte(fmt.Sprintf(`"accepted": %d`, accepted)), 1))
		}
	}
	a := newAPIServer(t, clock, serve(80))
	b := newAPIServer(t, clock, serve(81))
	ctx := context.Background()
	for i, tt := range []struct {
		srv  *apiServer
		want int
	}{{a, 80}, {b, 81}, {a, 80}, {b, 81}} {
		c := tt.srv.client(nil) // a new run each time
		c.Cache = &Cache{Dir: dir}
		ev, err := c.Event(ctx, 368663)
		if err != nil {
			t.Fatal(err)
		}
		if ev.Accepted != tt.want {
			t.Errorf("run %d: accepted %d, want %d (the other server's answer?)", i+1, ev.Accepted, tt.want)
		}
	}
	if a.Count() != 1 || b.Count() != 1 {
		t.Errorf("requests: %d to a, %d to b; want one each, then the cache", a.Count(), b.Count())
	}
	if files := apiFiles(t, dir); len(files) != 2 {
		t.Errorf("cache files %v, want one per server", files)
	}
}

// TestClientCacheExpiry: the answers about an event that has not ended are
// served for a day, then fetched again; once fetched after the event ended,
// they stay (until --refresh).
func TestClientCacheExpiry(t *testing.T) {
	dir := t.TempDir()
	// The morning of the event (it ends 2025-10-29 21:30 JST, 12:30 UTC).
	clock := &apiClock{now: time.Date(2025, 10, 29, 1, 0, 0, 0, time.UTC)}
	srv := newAPIServer(t, clock, apiFixtureHandler(t))
	ctx := context.Background()
	runAt := func(at time.Duration, wantRequests int) {
		t.Helper()
		clock.mu.Lock()
		clock.now = time.Date(2025, 10, 29, 1, 0, 0, 0, time.UTC).Add(at)
		clock.mu.Unlock()
		c := srv.client(nil)
		c.Cache = &Cache{Dir: dir}
		if _, err := c.Event(ctx, 368663); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Presentations(ctx, 368663); err != nil {
			t.Fatal(err)
		}
		if n := srv.Count(); n != wantRequests {
			t.Errorf("run at +%v: %d requests in all, want %d", at, n, wantRequests)
		}
	}
	runAt(0, 2)              // fetched before the event: cached for a day
	runAt(23*time.Hour, 2)   // still fresh, though the event has ended meanwhile
	runAt(25*time.Hour, 4)   // over a day old: fetched again, now after the event's end
	runAt(1000*time.Hour, 4) // the ended event's answers stay
	runAt(10000*time.Hour, 4)

	// The entries say when they expire: never, now.
	for _, f := range apiFiles(t, dir) {
		b := mustReadFile(t, filepath.Join(dir, f))
		line, _, _ := bytes.Cut(b, []byte("\n"))
		if !strings.Contains(string(line), `"expires":null`) || !strings.Contains(string(line), `"key":"`+srv.URL) {
			t.Errorf("%s starts %s", f, line)
		}
	}
}

// TestClientRefusesRepeatedPages: a server that answers the first page of
// presentations for every start= is refused, instead of each repeat
// becoming talks of their own.
func TestClientRefusesRepeatedPages(t *testing.T) {
	var page strings.Builder
	page.WriteString(`{"results_returned":10,"results_available":30,"results_start":1,"presentations":[`)
	for i := 1; i <= 10; i++ {
		if i > 1 {
			page.WriteString(",")
		}
		fmt.Fprintf(&page, `{"user":{"nickname":"u%d"},"url":"https://speakerdeck.com/u%d/talk","name":"Talk %d","presenter":null}`, i, i, i)
	}
	page.WriteString(`]}`)
	srv := newAPIServer(t, newAPIClock(), func(_ int, w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(page.String()))
	})
	dir := t.TempDir()
	c := srv.client(nil)
	c.Cache = &Cache{Dir: dir}
	ms, err := c.Presentations(context.Background(), 368663)
	apiWantKind(t, err, APIBadBody, "the connpass API answered the same presentations of event 368663 for start=11 as for start=1; refusing the repeated page")
	if ms != nil {
		t.Errorf("Presentations = %d materials, want none", len(ms))
	}
	if n := srv.Count(); n != 2 {
		t.Errorf("%d requests, want 2 (the first page and its repeat)", n)
	}
	for _, f := range apiFiles(t, dir) {
		if strings.Contains(f, "start") {
			t.Errorf("the repeated page was cached: %s", f)
		}
	}
}

// TestLatestEndedRefusesRepeatedPages: the search of a group's events
// refuses a server that answers the same page for every start= too.
func TestLatestEndedRefusesRepeatedPages(t *testing.T) {
	srv := newAPIServer(t, newAPIClock(), func(_ int, w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"results_returned": 1, "results_available": 50, "results_start": 1, "events": [%s]}`,
			groupEvent(400, "g", "2025-10-29T19:00:00+09:00", "2025-10-29T21:30:00+09:00", "close"))
	})
	c := srv.client(nil)
	_, err := c.LatestEnded(context.Background(), "g", time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC))
	apiWantKind(t, err, APIBadBody, "the connpass API answered the same events of group g for start=2 as for start=1; refusing the repeated page")
	if n := srv.Count(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}
