package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// groupEvent is one event of a hand-built search answer.
func groupEvent(id int, group, start, end, status string) string {
	return fmt.Sprintf(`{"id": %d, "title": "event %d", "url": "https://%s.connpass.com/event/%d/",
		"started_at": %q, "ended_at": %q, "open_status": %q,
		"group": {"id": 1, "subdomain": %q, "title": "G", "url": "https://%s.connpass.com/"}}`,
		id, id, group, id, start, end, status, group, group)
}

func TestLatestEnded(t *testing.T) {
	now := time.Date(2025, 11, 1, 12, 0, 0, 0, time.UTC)
	// Two pages, in no particular order: the pick must not depend on the API's sort.
	pages := [][]string{
		{
			groupEvent(300, "g", "2025-08-20T19:00:00+09:00", "2025-08-20T21:30:00+09:00", "close"),
			groupEvent(500, "g", "2025-12-10T19:00:00+09:00", "2025-12-10T21:30:00+09:00", "preopen"),   // not yet
			groupEvent(450, "g", "2025-10-30T19:00:00+09:00", "2025-10-30T21:00:00+09:00", "cancelled"), // 中止
		},
		{
			groupEvent(400, "g", "2025-10-29T19:00:00+09:00", "2025-10-29T21:30:00+09:00", "close"), // the one
			groupEvent(460, "other", "2025-10-31T19:00:00+09:00", "2025-10-31T21:00:00+09:00", "close"),
			groupEvent(100, "g", "2024-01-10T19:00:00+09:00", "2024-01-10T21:00:00+09:00", "close"),
		},
	}
	clock := newAPIClock()
	srv := newAPIServer(t, clock, func(_ int, w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.URL.Path != "/api/v2/events/" || q.Get("subdomain") != "g" || q.Get("count") != "100" {
			http.Error(w, "unexpected request "+r.URL.String(), http.StatusBadRequest)
			return
		}
		page := 0
		if s := q.Get("start"); s != "" {
			n, _ := strconv.Atoi(s)
			page = (n - 1) / 3
		}
		fmt.Fprintf(w, `{"results_returned": 3, "results_available": 6, "results_start": %d, "events": [%s]}`,
			page*3+1, strings.Join(pages[page], ","))
	})
	c := srv.client(nil)
	c.Cache = &Cache{Dir: t.TempDir()}
	ev, err := c.LatestEnded(context.Background(), "g", now)
	if err != nil {
		t.Fatal(err)
	}
	if ev.ID != 400 {
		t.Errorf("picked event %d, want 400", ev.ID)
	}
	seen := srv.Seen()
	if len(seen) != 2 || !strings.Contains(seen[1].Query, "start=4") || !strings.Contains(seen[0].Query, "order=2") {
		t.Errorf("requests: %+v", seen)
	}
	// Not cached: asking again asks the API again.
	if _, err := c.LatestEnded(context.Background(), "g", now); err != nil {
		t.Fatal(err)
	}
	if n := srv.Count(); n != 4 {
		t.Errorf("%d requests after asking twice, want 4 (no caching)", n)
	}

	// Nothing ended yet.
	_, err = c.LatestEnded(context.Background(), "g", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	var ae *APIError
	if !errors.As(err, &ae) || ae.Kind != APINotFound || !errors.Is(err, ErrNoSuchEvent) {
		t.Fatalf("err = %v, want APINotFound wrapping ErrNoSuchEvent", err)
	}
	if want := `connpass has no ended event of the group "g"`; ae.Msg != want {
		t.Errorf("message %q, want %q", ae.Msg, want)
	}
}
