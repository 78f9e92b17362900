package embed

import (
	"strings"
	"testing"
)

// TestOf: which URLs become which embed, with the id and the start.
func TestOf(t *testing.T) {
	deck := "0123456789abcdef0123456789abcdef"
	tests := []struct {
		url, kind, id string
		start         int
	}{
		{"https://speakerdeck.com/player/" + deck, SpeakerDeck, deck, 0},
		{"https://www.speakerdeck.com/player/" + deck + "/", SpeakerDeck, deck, 0},
		{"https://speakerdeck.com/player/" + deck[:24], SpeakerDeck, deck[:24], 0},
		{"https://speakerdeck.com/player/" + strings.ToUpper(deck), "", "", 0},
		{"https://speakerdeck.com/player/" + deck + "//", "", "", 0},
		{"https://speakerdeck.com/user/a-deck", "", "", 0}, // a deck page: its id needs oEmbed
		{"https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell", Docswell, "LK7J5V", 0},
		{"https://docswell.com/s/ku-suke/LK7J5V", Docswell, "LK7J5V", 0},
		{"https://www.docswell.com/slide/LK7J5V/embed", Docswell, "LK7J5V", 0},
		{"https://www.docswell.com/s/ku-suke/LK7J5V-hello/", Docswell, "LK7J5V", 0},
		{"https://www.docswell.com/s//LK7J5V", "", "", 0},
		{"https://www.docswell.com/s/ku-suke/lk7j5v", "", "", 0},
		{"https://www.docswell.com/s/ku-suke/LK7J5V/embed/x", "", "", 0},
		{"https://www.docswell.com/s/ku-suke/ABCDEFGHIJKLM", "", "", 0},
		{"https://docs.google.com/presentation/d/1AbCdEfGhIjKlMn/edit#slide=id.p", GoogleSlides, "1AbCdEfGhIjKlMn", 0},
		{"https://docs.google.com/presentation/d/e/2PACX-1vQabcdefghij/pub", GoogleSlides, "e/2PACX-1vQabcdefghij", 0},
		{"https://docs.google.com/presentation/d/short", "", "", 0},
		{"https://docs.google.com/document/d/1AbCdEfGhIjKlMn/edit", "", "", 0},
		{"https://www.youtube.com/watch?v=dQw4w9WgXcQ", YouTube, "dQw4w9WgXcQ", 0},
		{"https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s", YouTube, "dQw4w9WgXcQ", 90},
		{"https://www.youtube.com/live/dQw4w9WgXcQ?t=90", YouTube, "dQw4w9WgXcQ", 90},
		{"https://www.youtube.com/shorts/dQw4w9WgXcQ/", YouTube, "dQw4w9WgXcQ", 0},
		{"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=75", YouTube, "dQw4w9WgXcQ", 75},
		{"https://youtu.be/dQw4w9WgXcQ?t=1h2m3s", YouTube, "dQw4w9WgXcQ", 3723},
		{"https://youtu.be/dQw4w9WgXcQ?t=1h30", YouTube, "dQw4w9WgXcQ", 3630},
		{"https://youtu.be/dQw4w9WgXcQ?t=2m1h", YouTube, "dQw4w9WgXcQ", 0},
		{"https://youtu.be/dQw4w9WgXcQ?t=abc", YouTube, "dQw4w9WgXcQ", 0},
		{"https://www.youtube.com/watch?v=dQw4w9WgXc", "", "", 0},
		{"https://www.youtube.com/channel/UCabcdefghijk", "", "", 0},
		{"javascript:alert(1)//youtu.be/dQw4w9WgXcQ", "", "", 0},
		{"https://example.com/player/" + deck, "", "", 0},
	}
	for _, tt := range tests {
		kind, id, start := Of(tt.url)
		if kind != tt.kind || id != tt.id || start != tt.start {
			t.Errorf("Of(%q) = %q, %q, %d; want %q, %q, %d", tt.url, kind, id, start, tt.kind, tt.id, tt.start)
		}
		if kind != "" {
			if _, err := HTML(kind, id, start); err != nil {
				t.Errorf("HTML of %q: %v", tt.url, err)
			}
		}
	}
}

// TestHTMLChecksTheID: an id a kind does not accept never reaches HTML.
func TestHTMLChecksTheID(t *testing.T) {
	for kind, id := range map[string]string{
		SpeakerDeck: `x" onload="alert(1)`, Docswell: "LK7J5V<", GoogleSlides: "e/../../x", YouTube: "dQw4w9WgXc\"",
	} {
		if html, err := HTML(kind, id, 0); err == nil {
			t.Errorf("%s %q: %s", kind, id, html)
		}
	}
	if _, err := HTML("vimeo", "123", 0); err == nil {
		t.Error("an unknown kind gave HTML")
	}
}

// TestDeckIDIn: the data-id in Speaker Deck's oEmbed HTML.
func TestDeckIDIn(t *testing.T) {
	deck := "0123456789abcdef0123456789abcdef"
	for html, want := range map[string]string{
		`<iframe src="//speakerdeck.com/player/` + deck + `" width="710">`:                 deck,
		`<iframe src="https://speakerdeck.com/player/` + deck[:24] + `?slide=2">`:          deck[:24],
		`speakerdeck.com/player/` + deck + `00000000 speakerdeck.com/player/` + deck + `"`: deck,
		`<iframe src="//speakerdeck.com/player/` + strings.ToUpper(deck) + `">`:            "",
		`<iframe src="//speakerdeck.com/presentations/` + deck + `">`:                      "",
		`<iframe src="//speakerdeck.com/player/` + deck[:30] + `">`:                        "",
	} {
		if got := DeckIDIn(html); got != want {
			t.Errorf("DeckIDIn(%q) = %q, want %q", html, got, want)
		}
	}
}

// TestPages: which slides URLs are the pages the oEmbed lookups ask about
// (page: the provider whose page it is), next to the embed the same URL
// becomes (Of). A Speaker Deck deck page's embed needs the lookup; a
// Docswell page's does not, but its title and thumbnail come from it, and
// Docswell's oEmbed takes only pages (docswell.com/s/*/*), not the player's
// /slide/ URLs.
func TestPages(t *testing.T) {
	deck := "0123456789abcdef0123456789abcdef"
	tests := []struct{ url, page, kind string }{
		// Speaker Deck decks, as connpass's 資料 and the notes give them
		{"https://speakerdeck.com/imamura_ko_0314/datadog-ci-visibility-flaky-test", SpeakerDeck, ""},
		{"https://speakerdeck.com/1_kano2/local-llm-app-monitoring", SpeakerDeck, ""},
		{"http://speakerdeck.com/jddug/threat-modeling", SpeakerDeck, ""},
		{"https://www.speakerdeck.com/jddug/threat-modeling/", SpeakerDeck, ""},
		{"https://SpeakerDeck.com/Haktak1192/datadog-cost-monitoring", SpeakerDeck, ""},
		{"https://speakerdeck.com/jddug/threat-modeling?slide=12", SpeakerDeck, ""},
		{"https://speakerdeck.com/jddug/go-1.22#top", SpeakerDeck, ""},
		{" https://speakerdeck.com/jddug/threat-modeling\n", SpeakerDeck, ""},
		{"https://speakerdeck.com/player/" + deck, SpeakerDeck, SpeakerDeck}, // its shape; scaffold reads the id first
		{"https://speakerdeck.com/jddug", "", ""},
		{"https://speakerdeck.com/jddug/", "", ""},
		{"https://speakerdeck.com/jddug/threat-modeling/extra", "", ""},
		{"https://speakerdeck.com/jddug/threat-modeling//", "", ""},
		{"https://speakerdeck.com/jd%20dug/threat-modeling", "", ""},
		{"https://evil.example/speakerdeck.com/jddug/threat-modeling", "", ""},
		{"https://speakerdeck.com.evil.example/jddug/threat-modeling", "", ""},
		{"ftp://speakerdeck.com/jddug/threat-modeling", "", ""},
		{"speakerdeck.com/jddug/threat-modeling", "", ""},
		// Docswell slides: pages, and the player's URLs
		{"https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell", Docswell, Docswell},
		{"https://www.docswell.com/s/jddug/LK7J5V-incident-response", Docswell, Docswell},
		{"http://docswell.com/s/ku-suke/LK7J5V", Docswell, Docswell},
		{"https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell/", Docswell, Docswell},
		{"https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell#p3", Docswell, Docswell},
		{"https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell?utm_source=x", Docswell, Docswell},
		{"https://WWW.Docswell.com/s/Ku_Suke.2/LK7J5V", Docswell, Docswell},
		{"https://www.docswell.com/s/%E3%81%82/LK7J5V", Docswell, Docswell}, // any user the embed takes
		{"https://www.docswell.com/slide/LK7J5V/embed", "", Docswell},
		{"https://www.docswell.com/slide/LK7J5V", "", Docswell},
		{"https://www.docswell.com/s/ku-suke/LK7J5V/embed", "", Docswell},
		{"https://www.docswell.com/s/ku-suke/lk7j5v-hello-docswell", "", ""},
		{"https://www.docswell.com/s/ku-suke/LK7-hello", "", ""},
		{"https://www.docswell.com/s/ku-suke/LK7J5VLK7J5VL", "", ""},
		{"https://www.docswell.com/s//LK7J5V", "", ""},
		{"https://www.docswell.com/s/ku-suke", "", ""},
		{"https://www.docswell.com/s/ku-suke/LK7J5V-hello//", "", ""},
		{"https://www.docswell.com/user/ku-suke", "", ""},
		{"https://docswell.example/s/ku-suke/LK7J5V", "", ""},
	}
	for _, tt := range tests {
		if got := IsSpeakerDeckPage(tt.url); got != (tt.page == SpeakerDeck) {
			t.Errorf("IsSpeakerDeckPage(%q) = %v", tt.url, got)
		}
		if got := IsDocswellPage(tt.url); got != (tt.page == Docswell) {
			t.Errorf("IsDocswellPage(%q) = %v", tt.url, got)
		}
		if kind, _, _ := Of(tt.url); kind != tt.kind {
			t.Errorf("Of(%q) = %q, want %q", tt.url, kind, tt.kind)
		}
	}
}
