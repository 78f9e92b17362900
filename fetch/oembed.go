package fetch

// This file is the Speaker Deck oEmbed client. A Speaker Deck embed needs the
// deck's data-id, which is not in the deck's URL; Speaker Deck's oEmbed
// endpoint (GET https://speakerdeck.com/oembed.json?url=DECK-URL) answers
// with JSON whose "html" is an iframe with src "//speakerdeck.com/player/<id>".
//
// It is polite as the connpass client is: at most one request a second, a
// per-request timeout, a capped body, a descriptive User-Agent, and an
// on-disk cache, so rendering again makes no request. It never asks connpass
// anything.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults of a zero SpeakerDeck client.
const (
	DefaultSpeakerDeckBase    = "https://speakerdeck.com/"
	DefaultSpeakerDeckTimeout = 10 * time.Second
	DefaultOEmbedMaxBody      = 256 << 10 // an answer is about 1 KB
)

// oembedMinInterval is the least time between two requests of one client.
const oembedMinInterval = time.Second

// ErrOEmbedOffline is wrapped by the error of DeckID when the client is
// offline and the cache has no answer.
var ErrOEmbedOffline = errors.New("offline: the deck's data-id is not in the cache")

// SpeakerDeck resolves Speaker Deck deck URLs to data-ids. Set Now and Sleep
// to run it under a test clock. It is safe for concurrent use and must not be
// copied after first use.
type SpeakerDeck struct {
	BaseURL    string        // default DefaultSpeakerDeckBase; the endpoint is BaseURL + "oembed.json"
	HTTPClient *http.Client  // default: a client with no overall timeout (Timeout applies per request)
	UserAgent  string        // default UserAgent("dev")
	Timeout    time.Duration // per request, body included; default DefaultSpeakerDeckTimeout
	MaxBody    int64         // body cap in bytes; default DefaultOEmbedMaxBody
	Cache      *Cache        // nil: no cache
	Offline    bool          // never touch the network; a cache miss is an error
	Refresh    bool          // ignore cached entries (and overwrite them)
	Now        func() time.Time
	Sleep      func(ctx context.Context, d time.Duration) error

	pacer pacer // spaces the requests
}

var (
	// playerRe finds the data-id in the oEmbed html: src="//speakerdeck.com/player/<id>"
	playerRe = lazyRegexp(`speakerdeck\.com/player/([0-9a-f]{32}|[0-9a-f]{24})\b`)
	// deckPathRe is the path of a deck page: /<user>/<deck-slug>
	deckPathRe = lazyRegexp(`^/[A-Za-z0-9_.-]+/[A-Za-z0-9_.%-]+/?$`)
)

// IsSpeakerDeckURL reports whether s is the URL of a deck on Speaker Deck
// (https://speakerdeck.com/<user>/<deck>), the kind DeckID resolves.
func IsSpeakerDeckURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return false
	}
	host := strings.ToLower(u.Hostname())
	return (host == "speakerdeck.com" || host == "www.speakerdeck.com") && deckPathRe().MatchString(u.Path)
}

// DeckID returns the data-id of the deck at deckURL: from the cache, else
// from the oEmbed endpoint (then cached).
func (c *SpeakerDeck) DeckID(ctx context.Context, deckURL string) (string, error) {
	if !IsSpeakerDeckURL(deckURL) {
		return "", fmt.Errorf("%s is not the URL of a Speaker Deck deck", deckURL)
	}
	key := c.endpoint(deckURL) // the endpoint's whole URL: answers of one server are not served for another
	if c.Cache != nil && !c.Refresh {
		if body, ok, err := c.Cache.Get(key, time.Time{}); err == nil && ok { // a deck's id never changes: no expiry
			if id, err := DecodeSpeakerDeckOEmbed(strings.NewReader(string(body))); err == nil {
				return id, nil
			}
		}
	}
	if c.Offline {
		return "", ErrOEmbedOffline
	}
	body, err := c.get(ctx, deckURL)
	if err != nil {
		return "", err
	}
	id, err := DecodeSpeakerDeckOEmbed(strings.NewReader(string(body)))
	if err != nil {
		return "", err
	}
	if c.Cache != nil {
		_ = c.Cache.Put(key, body, c.now(), time.Time{}) // a cache that cannot be written only costs a request next time
	}
	return id, nil
}

// endpoint is the URL of the oEmbed request about deckURL.
func (c *SpeakerDeck) endpoint(deckURL string) string {
	base := c.BaseURL
	if base == "" {
		base = DefaultSpeakerDeckBase
	}
	return strings.TrimRight(base, "/") + "/oembed.json?url=" + url.QueryEscape(deckURL)
}

// get asks the endpoint about deckURL and returns the body of a 200 answer.
func (c *SpeakerDeck) get(ctx context.Context, deckURL string) ([]byte, error) {
	endpoint := c.endpoint(deckURL)
	if err := c.wait(ctx); err != nil {
		return nil, err
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultSpeakerDeckTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return nil, fmt.Errorf("speaker deck oembed: %v", err)
	}
	ua := c.UserAgent
	if ua == "" {
		ua = UserAgent("")
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "application/json")
	hc := c.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, oembedNetErr(ctx, err, timeout)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("speaker deck oembed answered %s", resp.Status)
	}
	max := c.MaxBody
	if max <= 0 {
		max = DefaultOEmbedMaxBody
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, oembedNetErr(ctx, err, timeout)
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("speaker deck oembed: the answer is over %d bytes", max)
	}
	return body, nil
}

func oembedNetErr(ctx context.Context, err error, timeout time.Duration) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("speaker deck oembed: no answer within %s", timeout)
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("speaker deck oembed: %v", err)
}

func (c *SpeakerDeck) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// wait keeps requests at least oembedMinInterval apart.
func (c *SpeakerDeck) wait(ctx context.Context) error {
	wait := c.pacer.reserve(c.now(), oembedMinInterval)
	if wait <= 0 {
		return nil
	}
	sleep := c.Sleep
	if sleep == nil {
		sleep = apiSleep
	}
	return sleep(ctx, wait)
}

// DecodeSpeakerDeckOEmbed reads an oEmbed answer of Speaker Deck and returns
// the deck's data-id, from the player URL in its "html".
func DecodeSpeakerDeckOEmbed(r io.Reader) (string, error) {
	var v struct {
		HTML string `json:"html"`
	}
	if err := json.NewDecoder(r).Decode(&v); err != nil {
		return "", fmt.Errorf("speaker deck oembed: the answer is not oEmbed JSON (%v)", err)
	}
	m := playerRe().FindStringSubmatch(v.HTML)
	if m == nil {
		return "", errors.New("speaker deck oembed: no speakerdeck.com/player/<id> in the answer's html")
	}
	return m[1], nil
}
