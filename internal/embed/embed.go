// Package embed is the one table of the hosts whose slides and videos
// become embeds in a post: Speaker Deck, Docswell, Google Slides and
// YouTube. A row says which URLs name a deck or a video, what a valid id
// is, and the HTML of the player. Every id is checked before it goes into
// HTML, so an embed holds nothing but the host's markup and the id. The
// package also says which URLs are the slides' pages that the oEmbed
// lookups (package fetch) ask about: IsSpeakerDeckPage, IsDocswellPage.
package embed

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// The kinds of embed, as the report model's EmbedKind holds them.
const (
	SpeakerDeck  = "speakerdeck"
	Docswell     = "docswell"
	GoogleSlides = "google-slides"
	YouTube      = "youtube"
)

// provider is one row of the table.
type provider struct {
	kind    string
	name    string // the provider in a message
	what    string // the id in a message: "a Speaker Deck data-id (32 hex digits)"
	validID func(id string) bool
	// fromURL is the id (and start, in seconds) named by u, a URL of one
	// of the provider's hosts; ok is false for any other URL.
	fromURL func(u *url.URL) (id string, start int, ok bool)
	html    func(id string, start int) string
}

var providers = []provider{
	{
		kind: SpeakerDeck, name: "speakerdeck", what: "a Speaker Deck data-id (32 hex digits)", validID: IsDeckID,
		fromURL: func(u *url.URL) (string, int, bool) {
			if !isHost(u, "speakerdeck.com") {
				return "", 0, false
			}
			id, ok := strings.CutPrefix(strings.TrimSuffix(u.Path, "/"), "/player/")
			return id, 0, ok && IsDeckID(id)
		},
		html: func(id string, _ int) string {
			return `<script defer class="speakerdeck-embed" data-slide="1" data-id="` + id +
				`" data-ratio="1.7777777777777777" src="//speakerdeck.com/assets/embed.js"></script>`
		},
	},
	{
		kind: Docswell, name: "docswell", what: "a Docswell slide id", validID: isDocswellID,
		fromURL: func(u *url.URL) (string, int, bool) {
			if !isHost(u, "docswell.com") {
				return "", 0, false
			}
			id, _ := docswellSlide(u.Path)
			return id, 0, id != ""
		},
		html: func(id string, _ int) string {
			return `<script async class="docswell-embed" src="https://www.docswell.com/assets/libs/docswell-embed/docswell-embed.min.js" data-src="https://www.docswell.com/slide/` +
				id + `/embed" data-aspect="0.5625"></script>`
		},
	},
	{
		kind: GoogleSlides, name: "google slides", what: "a presentation id", validID: isSlidesID,
		fromURL: func(u *url.URL) (string, int, bool) {
			if u.Hostname() != "docs.google.com" {
				return "", 0, false
			}
			// /presentation/d/<ID>/..., /presentation/d/e/<ID>/...
			rest, ok := strings.CutPrefix(u.Path, "/presentation/d/")
			if !ok {
				return "", 0, false
			}
			prefix := ""
			if r, ok := strings.CutPrefix(rest, "e/"); ok {
				prefix, rest = "e/", r
			}
			id, _, _ := strings.Cut(rest, "/")
			return prefix + id, 0, isSlidesID(prefix + id)
		},
		html: func(id string, _ int) string {
			return `<iframe src="https://docs.google.com/presentation/d/` + id +
				`/embed?start=false&amp;loop=false&amp;delayms=3000" frameborder="0" width="960" height="569" allowfullscreen="true" mozallowfullscreen="true" webkitallowfullscreen="true"></iframe>`
		},
	},
	{
		kind: YouTube, name: "youtube", what: "a YouTube video id", validID: isYouTubeID,
		fromURL: func(u *url.URL) (string, int, bool) {
			q := u.Query()
			switch {
			case u.Hostname() == "youtu.be": // /<ID>
				id := strings.TrimSuffix(strings.TrimPrefix(u.Path, "/"), "/")
				return id, youTubeStart(q.Get("t"), ""), isYouTubeID(id)
			case isHost(u, "youtube.com") || isHost(u, "m.youtube.com") || isHost(u, "youtube-nocookie.com"):
			default:
				return "", 0, false
			}
			start := youTubeStart(q.Get("t"), q.Get("start"))
			if u.Path == "/watch" {
				if id := q.Get("v"); isYouTubeID(id) {
					return id, start, true
				}
			}
			// /embed/<ID>, /live/<ID>, /shorts/<ID>, /v/<ID>
			for _, dir := range []string{"/embed/", "/live/", "/shorts/", "/v/"} {
				if id, ok := strings.CutPrefix(u.Path, dir); ok {
					id = strings.TrimSuffix(id, "/")
					return id, start, isYouTubeID(id)
				}
			}
			return "", 0, false
		},
		html: func(id string, start int) string {
			src := "https://www.youtube.com/embed/" + id
			if start > 0 {
				src += "?start=" + strconv.Itoa(start)
			}
			return `<iframe width="560" height="315" src="` + src + `" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>`
		},
	},
}

// IsSpeakerDeckPage reports whether raw is the URL of a deck's page on
// Speaker Deck, http(s)://[www.]speakerdeck.com/<user>/<deck>[/], with any
// query (?slide=3): the URL whose data-id, which the deck's embed needs,
// only Speaker Deck's oEmbed endpoint gives. The player URL /player/<id>
// has this shape too; its embed needs no lookup (Of reads the id).
func IsSpeakerDeckPage(raw string) bool {
	u, ok := webURL(raw)
	if !ok || !isHost(u, "speakerdeck.com") {
		return false
	}
	rest, ok := strings.CutPrefix(u.Path, "/")
	user, deck, ok2 := strings.Cut(rest, "/")
	deck = strings.TrimSuffix(deck, "/")
	return ok && ok2 && user != "" && deck != "" && all(user, isNameByte) &&
		all(deck, func(c byte) bool { return isNameByte(c) || c == '%' })
}

// IsDocswellPage reports whether raw is the URL of a slide's page on
// Docswell, /s/<user>/<ID>[-slug][/]: what Docswell's oEmbed endpoint
// answers about (its registered scheme is docswell.com/s/*/*). The
// player's URL, /slide/<ID>[/embed], becomes the same embed (Of) but is
// not a page: it is outside that scheme, so no lookup is made for it.
func IsDocswellPage(raw string) bool {
	u, ok := webURL(raw)
	if !ok || !isHost(u, "docswell.com") {
		return false
	}
	_, page := docswellSlide(u.Path)
	return page
}

// docswellSlide reads the path of a Docswell slide URL: its page,
// /s/<user>/<ID>[-slug][/] (page is true), or its player,
// /slide/<ID>[/embed] (and /s/<user>/<ID>[-slug]/embed, as the table has
// always taken). id is "" for any other path.
func docswellSlide(path string) (id string, page bool) {
	rest, ok := strings.CutPrefix(path, "/slide/")
	if !ok {
		if rest, ok = strings.CutPrefix(path, "/s/"); ok {
			var user string
			user, rest, ok = strings.Cut(rest, "/")
			ok = ok && user != ""
			page = ok
		}
	}
	if !ok {
		return "", false
	}
	end := strings.IndexAny(rest, "-/")
	if end < 0 {
		end = len(rest)
	}
	id, tail := rest[:end], rest[end:]
	if strings.HasPrefix(tail, "-") { // the slug
		if i := strings.IndexByte(tail, '/'); i >= 0 {
			tail = tail[i:]
		} else {
			tail = ""
		}
	}
	if !isDocswellID(id) || tail != "" && tail != "/" && tail != "/embed" {
		return "", false
	}
	return id, page && tail != "/embed"
}

// webURL parses raw, an http or https URL with a host.
func webURL(raw string) (*url.URL, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, false
	}
	return u, true
}

// Of says which embed a slides or video URL becomes, with the id and the
// start (YouTube's t=, in seconds). kind is "" for any other URL (a plain
// link).
func Of(raw string) (kind, id string, start int) {
	u, ok := webURL(raw)
	if !ok {
		return "", "", 0
	}
	for _, p := range providers {
		if id, start, ok := p.fromURL(u); ok {
			return p.kind, id, start
		}
	}
	return "", "", 0
}

// HTML is the player of kind for id (starting at start seconds, where the
// kind has a start); an id the kind does not accept is an error.
func HTML(kind, id string, start int) (string, error) {
	for _, p := range providers {
		if p.kind != kind {
			continue
		}
		if !p.validID(id) {
			return "", fmt.Errorf("%s: %q is not %s", p.name, id, p.what)
		}
		return p.html(id, start), nil
	}
	return "", fmt.Errorf("no embed of kind %q", kind)
}

// IsDeckID is whether id is a Speaker Deck data-id: 32 hex digits (24 for
// decks of before 2013).
func IsDeckID(id string) bool {
	return (len(id) == 32 || len(id) == 24) && all(id, func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' })
}

// DeckIDIn finds the data-id in Speaker Deck's player URL inside s (the
// HTML of its oEmbed answer: src="//speakerdeck.com/player/<id>"); "" when
// there is none.
func DeckIDIn(s string) string {
	const player = "speakerdeck.com/player/"
	for {
		i := strings.Index(s, player)
		if i < 0 {
			return ""
		}
		s = s[i+len(player):]
		end := 0
		for end < len(s) && isWordByte(s[end]) {
			end++
		}
		if IsDeckID(s[:end]) {
			return s[:end]
		}
	}
}

// a Docswell slide id, the "LK7J5V" of /s/ku-suke/LK7J5V-hello-docswell
func isDocswellID(id string) bool {
	return len(id) >= 4 && len(id) <= 12 && all(id, func(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' })
}

// a Google Slides presentation id ("1AbC...") or, published, "e/2PACX-..."
func isSlidesID(id string) bool {
	id = strings.TrimPrefix(id, "e/")
	return len(id) >= 10 && len(id) <= 200 && all(id, isIDByte)
}

// a YouTube video id
func isYouTubeID(id string) bool {
	return len(id) == 11 && all(id, isIDByte)
}

func isIDByte(c byte) bool { return isWordByte(c) || c == '-' }

// a byte of a user or deck name in a Speaker Deck page's path
func isNameByte(c byte) bool { return isIDByte(c) || c == '.' }

func isWordByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

func all(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

// isHost reports whether u's host is host or www.host.
func isHost(u *url.URL, host string) bool {
	h := strings.ToLower(u.Hostname())
	return h == host || h == "www."+host
}

// youTubeStart reads a start time in seconds from t (90, 90s, 1m30s,
// 1h2m3s) or, without t, from start; 0 when neither reads.
func youTubeStart(t, start string) int {
	if t == "" {
		t = start
	}
	n := 0
	for _, unit := range []struct {
		mark byte
		secs int
	}{{'h', 3600}, {'m', 60}, {'s', 1}} {
		digits := 0
		for digits < len(t) && '0' <= t[digits] && t[digits] <= '9' {
			digits++
		}
		if digits == 0 {
			continue
		}
		v, err := strconv.Atoi(t[:digits])
		if err != nil {
			return 0
		}
		switch {
		case digits < len(t) && t[digits] == unit.mark:
			t = t[digits+1:]
		case digits == len(t): // a bare number is seconds: the last part
			return n + v
		default:
			continue
		}
		n += v * unit.secs
	}
	if t != "" {
		return 0
	}
	return n
}
