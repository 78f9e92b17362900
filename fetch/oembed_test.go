package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// speakerDeckAnswer is the shape of a real Speaker Deck oEmbed answer (as
// recorded in the fixtures of oEmbed client libraries), for a made-up deck.
const speakerDeckAnswer = `{"type":"rich","version":1.0,"provider_name":"Speaker Deck","provider_url":"https://speakerdeck.com/","title":"Threat modeling","author_name":"JDDUG","author_url":"https://speakerdeck.com/jddug","html":"\u003ciframe id=\"talk_frame_458154\" class=\"speakerdeck-iframe\" src=\"//speakerdeck.com/player/e20c6467299e4c1ca07ad14064a89d74\" width=\"710\" height=\"399\" style=\"aspect-ratio:710/399; border:0; padding:0; margin:0; background:transparent;\" frameborder=\"0\" allowtransparency=\"true\" allowfullscreen=\"allowfullscreen\"\u003e\u003c/iframe\u003e\n","width":710,"height":399,"ratio":1.7777777777777777}`

const deckURL = "https://speakerdeck.com/jddug/threat-modeling"

// oembedServer answers like Speaker Deck's oEmbed endpoint with handler and
// counts the requests.
func oembedServer(t *testing.T, handler http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		handler(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestSpeakerDeckDeckID(t *testing.T) {
	srv, n := oembedServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/oembed.json" || r.URL.Query().Get("url") != deckURL {
			t.Errorf("request %s, want /oembed.json?url=%s", r.URL, deckURL)
		}
		if ua := r.Header.Get("User-Agent"); ua != UserAgent("v1.2.3") {
			t.Errorf("User-Agent %q", ua)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(speakerDeckAnswer))
	})
	cache := &Cache{Dir: t.TempDir()}
	c := &SpeakerDeck{BaseURL: srv.URL + "/", UserAgent: UserAgent("v1.2.3"), Cache: cache}
	id, err := c.DeckID(context.Background(), deckURL)
	if err != nil {
		t.Fatal(err)
	}
	if id != "e20c6467299e4c1ca07ad14064a89d74" {
		t.Errorf("id %q", id)
	}

	// The cache answers the second time, even for another client, and offline.
	c2 := &SpeakerDeck{BaseURL: srv.URL, Cache: cache, Offline: true}
	if id2, err := c2.DeckID(context.Background(), deckURL); err != nil || id2 != id {
		t.Errorf("from the cache: %q, %v", id2, err)
	}
	if got := n.Load(); got != 1 {
		t.Errorf("%d requests, want 1", got)
	}

	// Refresh asks again.
	c3 := &SpeakerDeck{BaseURL: srv.URL, UserAgent: UserAgent("v1.2.3"), Cache: cache, Refresh: true}
	if _, err := c3.DeckID(context.Background(), deckURL); err != nil {
		t.Fatal(err)
	}
	if got := n.Load(); got != 2 {
		t.Errorf("%d requests after Refresh, want 2", got)
	}
}

func TestSpeakerDeckFailures(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{"404", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }, "answered 404 Not Found"},
		{"500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", 500) }, "answered 500"},
		{"html page", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<!DOCTYPE html><html><body>Speaker Deck is down for maintenance</body></html>"))
		}, "not oEmbed JSON"},
		{"json without player", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"type":"rich","html":"<iframe src=\"//example.com/x\"></iframe>"}`))
		}, "no speakerdeck.com/player/<id>"},
		{"too large", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"html":"` + strings.Repeat("x", 2000) + `"}`))
		}, "over 1000 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := oembedServer(t, tt.handler)
			cache := &Cache{Dir: t.TempDir()}
			c := &SpeakerDeck{BaseURL: srv.URL, Cache: cache, MaxBody: 1000}
			id, err := c.DeckID(context.Background(), deckURL)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("DeckID = %q, %v; want an error with %q", id, err, tt.want)
			}
			if _, ok, _ := cache.Get(c.endpoint(deckURL), time.Time{}); ok {
				t.Error("a failed answer was cached")
			}
		})
	}
}

func TestSpeakerDeckTimeout(t *testing.T) {
	release := make(chan struct{})
	srv, _ := oembedServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := &SpeakerDeck{BaseURL: srv.URL, Timeout: 50 * time.Millisecond}
	start := time.Now()
	_, err := c.DeckID(context.Background(), deckURL)
	if err == nil || !strings.Contains(err.Error(), "no answer within 50ms") {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestSpeakerDeckOfflineMiss(t *testing.T) {
	srv, n := oembedServer(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(speakerDeckAnswer)) })
	c := &SpeakerDeck{BaseURL: srv.URL, Cache: &Cache{Dir: t.TempDir()}, Offline: true}
	if _, err := c.DeckID(context.Background(), deckURL); err != ErrOEmbedOffline {
		t.Errorf("err = %v, want ErrOEmbedOffline", err)
	}
	if n.Load() != 0 {
		t.Error("offline, yet a request was made")
	}
}

// TestSpeakerDeckSpacing: two requests in a row are a second apart.
func TestSpeakerDeckSpacing(t *testing.T) {
	srv, n := oembedServer(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(speakerDeckAnswer)) })
	now := time.Date(2025, 10, 29, 12, 0, 0, 0, time.UTC)
	var slept []time.Duration
	c := &SpeakerDeck{
		BaseURL: srv.URL,
		Now:     func() time.Time { return now },
		Sleep: func(ctx context.Context, d time.Duration) error {
			slept = append(slept, d)
			now = now.Add(d)
			return nil
		},
	}
	for _, u := range []string{deckURL, "https://speakerdeck.com/jddug/other", "https://speakerdeck.com/jddug/third"} {
		if _, err := c.DeckID(context.Background(), u); err != nil {
			t.Fatal(err)
		}
		now = now.Add(200 * time.Millisecond)
	}
	if n.Load() != 3 || len(slept) != 2 || slept[0] != 800*time.Millisecond || slept[1] != 800*time.Millisecond {
		t.Errorf("%d requests, slept %v; want 3 requests and 2 waits of 800ms", n.Load(), slept)
	}
}

// TestIsSpeakerDeckURL, TestIsDocswellURL: the slides URLs Slides asks
// about (internal/embed's TestPages has every form).
func TestIsSpeakerDeckURL(t *testing.T) {
	for s, want := range map[string]bool{
		"https://speakerdeck.com/jddug/threat-modeling":                            true,
		"https://speakerdeck.com/jddug/threat-modeling/":                           true,
		"http://www.speakerdeck.com/u/deck":                                        true,
		"https://speakerdeck.com/imamura_ko_0314/datadog-ci-visibility-flaky-test": true,
		"https://speakerdeck.com/jddug/threat-modeling?slide=3":                    true,
		"https://speakerdeck.com/jddug":                                            false,
		"https://speakerdeck.com/jddug/deck/extra":                                 false,
		"https://evil.example/speakerdeck.com/a/b":                                 false,
		"javascript:alert(1)//speakerdeck.com/a/b":                                 false,
		"https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell":                 false,
		"": false,
	} {
		if got := IsSpeakerDeckURL(s); got != want {
			t.Errorf("IsSpeakerDeckURL(%q) = %v", s, got)
		}
	}
}

func TestIsDocswellURL(t *testing.T) {
	for s, want := range map[string]bool{
		"https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell":    true,
		"http://docswell.com/s/ku-suke/LK7J5V/":                       true,
		"https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell#p3": true,
		"https://www.docswell.com/slide/LK7J5V/embed":                 false, // the player: outside Docswell's oEmbed scheme
		"https://www.docswell.com/s/ku-suke/lk7j5v-hello-docswell":    false,
		"https://www.docswell.com/s//LK7J5V":                          false,
		"https://evil.example/www.docswell.com/s/ku-suke/LK7J5V":      false,
		"https://speakerdeck.com/jddug/threat-modeling":               false,
		"": false,
	} {
		if got := IsDocswellURL(s); got != want {
			t.Errorf("IsDocswellURL(%q) = %v", s, got)
		}
	}
}
