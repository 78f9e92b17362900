package fetch

// This file is the Speaker Deck oEmbed client. A Speaker Deck embed needs the
// deck's data-id, which is not in the deck's URL; Speaker Deck's oEmbed
// endpoint (GET https://speakerdeck.com/oembed.json?url=DECK-URL) answers
// with JSON whose "html" is an iframe with src "//speakerdeck.com/player/<id>".
// The same answer, and Docswell's (GET https://www.docswell.com/service/oembed
// ?url=SLIDE-URL), give the slides' title (and a thumbnail_url when they
// have one), which a template may print.
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

	"github.com/meetup-tools/connpass-scaffold/internal/embed"
)

// Defaults of a zero SpeakerDeck client.
const (
	DefaultSpeakerDeckBase    = "https://speakerdeck.com/"
	DefaultDocswellBase       = "https://www.docswell.com/"
	DefaultSpeakerDeckTimeout = 10 * time.Second
	DefaultOEmbedMaxBody      = 256 << 10 // an answer is about 1 KB
)

// oembedMinInterval is the least time between two requests of one client.
const oembedMinInterval = time.Second

// ErrOEmbedOffline is wrapped by the error of DeckID when the client is
// offline and the cache has no answer.
var ErrOEmbedOffline = errors.New("offline: the deck's data-id is not in the cache")

// SpeakerDeck resolves Speaker Deck deck URLs to data-ids, and reads the
// title and thumbnail of Speaker Deck and Docswell slides. Set Now and Sleep
// to run it under a test clock. It is safe for concurrent use and must not be
// copied after first use.
type SpeakerDeck struct {
	BaseURL string // default DefaultSpeakerDeckBase; the endpoint is BaseURL + "oembed.json"
	// DocswellBase is Docswell's (https://www.docswell.com/; the endpoint is
	// DocswellBase + "service/oembed"); "" turns Docswell lookups off.
	DocswellBase string
	HTTPClient   *http.Client  // default: a client with no overall timeout (Timeout applies per request)
	UserAgent    string        // default UserAgent("dev")
	Timeout      time.Duration // per request, body included; default DefaultSpeakerDeckTimeout
	MaxBody      int64         // body cap in bytes; default DefaultOEmbedMaxBody
	Cache        *Cache        // nil: no cache
	Offline      bool          // never touch the network; a cache miss is an error
	Refresh      bool          // ignore cached entries (and overwrite them)
	Now          func() time.Time
	Sleep        func(ctx context.Context, d time.Duration) error

	pacer pacer // spaces the requests
}

// IsSpeakerDeckURL reports whether s is the URL of a deck on Speaker Deck
// (https://speakerdeck.com/<user>/<deck>), the kind DeckID resolves; the
// embed package knows the forms.
func IsSpeakerDeckURL(s string) bool { return embed.IsSpeakerDeckPage(s) }

// DeckID returns the data-id of the deck at deckURL: from the cache, else
// from the oEmbed endpoint (then cached).
func (c *SpeakerDeck) DeckID(ctx context.Context, deckURL string) (string, error) {
	if !IsSpeakerDeckURL(deckURL) {
		return "", fmt.Errorf("%s is not the URL of a Speaker Deck deck", deckURL)
	}
	info, err := c.Slides(ctx, deckURL)
	if err != nil {
		return "", err
	}
	return info.DeckID, nil
}

// SlidesInfo is what an oEmbed answer says about a deck of slides.
type SlidesInfo struct {
	DeckID    string // Speaker Deck's data-id, from the player URL in the answer's html; "" for Docswell
	Title     string // the deck's title, cleaned; "" when the answer has none
	Thumbnail string // the answer's thumbnail_url; "" when it has none
}

// IsDocswellURL reports whether s is the URL of a slide on Docswell
// (https://www.docswell.com/s/<user>/<ID>-<slug>), the kind Slides reads;
// the embed package knows the forms.
func IsDocswellURL(s string) bool { return embed.IsDocswellPage(s) }

// Slides returns what the oEmbed endpoint of Speaker Deck (BaseURL) or of
// Docswell (DocswellBase) says about the slides at slidesURL: from the
// cache (keyed by the request's whole URL; a deck's answer does not
// expire, --refresh asks again), else asked (then cached). A Speaker Deck
// answer must hold the deck's data-id.
func (c *SpeakerDeck) Slides(ctx context.Context, slidesURL string) (SlidesInfo, error) {
	var p oembedProvider
	switch {
	case IsSpeakerDeckURL(slidesURL):
		p = oembedProvider{"speaker deck", c.endpoint(slidesURL), true}
	case IsDocswellURL(slidesURL):
		if c.DocswellBase == "" {
			return SlidesInfo{}, errors.New("no Docswell oEmbed endpoint is set")
		}
		p = oembedProvider{"docswell", strings.TrimRight(c.DocswellBase, "/") + "/service/oembed?format=json&url=" + url.QueryEscape(slidesURL), false}
	default:
		return SlidesInfo{}, fmt.Errorf("%s is not the URL of slides on Speaker Deck or Docswell", slidesURL)
	}
	if c.Cache != nil && !c.Refresh {
		if body, ok, err := c.Cache.Get(p.endpoint, time.Time{}); err == nil && ok {
			if info, err := p.decode(body); err == nil {
				return info, nil
			}
		}
	}
	if c.Offline {
		return SlidesInfo{}, ErrOEmbedOffline
	}
	body, err := c.get(ctx, p.name, p.endpoint)
	if err != nil {
		return SlidesInfo{}, err
	}
	info, err := p.decode(body)
	if err != nil {
		return SlidesInfo{}, err
	}
	if c.Cache != nil {
		_ = c.Cache.Put(p.endpoint, body, c.now(), time.Time{}) // a cache that cannot be written only costs a request next time
	}
	return info, nil
}

// oembedProvider is one oEmbed request Slides makes.
type oembedProvider struct {
	name, endpoint string
	needsDeckID    bool // Speaker Deck: the answer is of no use without the data-id
}

func (p oembedProvider) decode(body []byte) (SlidesInfo, error) {
	info, err := DecodeOEmbed(strings.NewReader(string(body)))
	if err != nil {
		return info, fmt.Errorf("%s oembed: %v", p.name, err)
	}
	if p.needsDeckID && info.DeckID == "" {
		return info, errors.New("speaker deck oembed: no speakerdeck.com/player/<id> in the answer's html")
	}
	return info, nil
}

// DecodeOEmbed reads an oEmbed answer: its title, its thumbnail_url, and
// Speaker Deck's data-id from the player URL in its html.
func DecodeOEmbed(r io.Reader) (SlidesInfo, error) {
	var v struct {
		HTML      string `json:"html"`
		Title     string `json:"title"`
		Thumbnail string `json:"thumbnail_url"`
	}
	if err := json.NewDecoder(r).Decode(&v); err != nil {
		return SlidesInfo{}, fmt.Errorf("the answer is not oEmbed JSON (%v)", err)
	}
	info := SlidesInfo{Title: CleanText(v.Title), Thumbnail: strings.TrimSpace(v.Thumbnail)}
	info.DeckID = embed.DeckIDIn(v.HTML)
	return info, nil
}

// endpoint is the URL of Speaker Deck's oEmbed request about deckURL.
func (c *SpeakerDeck) endpoint(deckURL string) string {
	base := c.BaseURL
	if base == "" {
		base = DefaultSpeakerDeckBase
	}
	return strings.TrimRight(base, "/") + "/oembed.json?url=" + url.QueryEscape(deckURL)
}

// get asks an oEmbed endpoint (name says which, for errors) and returns
// the body of a 200 answer.
func (c *SpeakerDeck) get(ctx context.Context, name, endpoint string) ([]byte, error) {
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
		return nil, fmt.Errorf("%s oembed: %v", name, err)
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
		return nil, oembedNetErr(ctx, name, err, timeout)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s oembed answered %s", name, resp.Status)
	}
	max := c.MaxBody
	if max <= 0 {
		max = DefaultOEmbedMaxBody
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, oembedNetErr(ctx, name, err, timeout)
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("%s oembed: the answer is over %d bytes", name, max)
	}
	return body, nil
}

func oembedNetErr(ctx context.Context, name string, err error, timeout time.Duration) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s oembed: no answer within %s", name, timeout)
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("%s oembed: %v", name, err)
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
