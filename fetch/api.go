package fetch

// This file is the connpass API v2 client: the one way scaffold asks connpass
// for facts over the network. connpass forbids any other automated access,
// so nothing else in this package opens a connection to connpass.
//
// Fetching is kept apart from parsing: DecodeEvents and DecodePresentations
// are pure and take an io.Reader, and the Client only moves bytes (from the
// network or the disk cache) into them.
//
// The client is polite on purpose. connpass allows one request per second
// per key (the OpenAPI document; the application form even says one per five
// seconds), answers 429 beyond that, and has blocked scrapers by IP before.
// So: one request per second across the whole client, Retry-After honoured,
// a bounded number of tries, a per-request timeout, a capped body, and a
// descriptive User-Agent.
//
// The API key goes into the X-API-Key header and nowhere else: not into an
// error, a warning, a cache key or a cache file.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults of a zero Client.
const (
	DefaultBaseURL  = "https://connpass.com/api/v2/"
	DefaultTimeout  = 15 * time.Second
	DefaultMaxBody  = 5 << 20 // 5 MiB; the real 150 KB groups response is the largest seen
	DefaultMaxTries = 3
)

// apiMinInterval is the least time between two requests of one Client: the
// documented limit of "1秒間に1リクエストまで" per key.
const apiMinInterval = time.Second

// apiMaxRetryAfter is the longest Retry-After the client waits for. A CLI run
// that would sit silent for longer is better stopped with a hint.
const apiMaxRetryAfter = time.Minute

// apiMaxPresentationPages bounds the paging through an event's presentations
// (10 per page by default), so that a misbehaving server cannot keep us
// paging forever.
const apiMaxPresentationPages = 20

// The hints the caller prints under "scaffold: hint:".
const (
	apiHintKey        = "get a key at https://help.connpass.com/api/ and set CONNPASS_API_KEY"
	apiHintRateLimit  = "wait a minute and run again; cached responses are reused"
	apiHintServer     = "connpass may be down or in maintenance; try again later (cached responses are reused)"
	apiHintNetwork    = "check the network connection; with a saved event page (--html) no network is needed"
	apiHintTimeout    = "check the network connection, or allow more time with --timeout"
	apiHintOffline    = "run once without --offline to fill the cache"
	apiHintEventID    = "the event id is the number in the event URL, e.g. 368663 in https://datadog-jp.connpass.com/event/368663/"
	apiHintBadBody    = "try again later; if it persists, save the event page from the browser and pass it with --html"
	apiHintTooLarge   = "this is not what an event response looks like; try again later"
	apiHintCancelled  = ""
	apiHintUnexpected = "try again later"
)

// UserAgent is the User-Agent the client sends, for a build version such as
// "v1.2.0" ("dev" when empty). connpass has answered 403 to library default
// user agents, so the client always sends a descriptive one.
func UserAgent(version string) string {
	if version == "" {
		version = "dev"
	}
	return "scaffold/" + version + " (+https://github.com/meetup-tools/connpass-scaffold)"
}

// ErrNoSuchEvent is wrapped by the error of Client.Event when connpass knows
// no event with that id (the search answers with 0 results).
var ErrNoSuchEvent = errors.New("no such connpass event")

// APIErrorKind says what went wrong in a call to the connpass API. (The
// constants carry an "API" prefix because fetch also holds the saved-page
// parsers, which have kinds of their own.)
type APIErrorKind int

// Kinds of APIError.
const (
	APINoKey       APIErrorKind = iota + 1 // no API key was given; no request was made
	APIAuthFailed                          // 401 or 403: the key was refused
	APINotFound                            // 404, or no event with that id
	APIBadRequest                          // another 4xx, or a request we could not build
	APIRateLimited                         // 429 beyond the retries (or a Retry-After too long to wait)
	APIServerError                         // 5xx beyond the retries
	APIUnexpected                          // a status we do not handle (3xx, 1xx, ...)
	APITimeout                             // no answer within the timeout, beyond the retries
	APINetwork                             // the connection failed, beyond the retries
	APIBadBody                             // the body is not the JSON we expect (HTML, cut off, wrong shape)
	APITooLarge                            // the body is over MaxBody
	APIOffline                             // Offline is set and the cache has no answer
	APICanceled                            // the context was cancelled; errors.Is(err, context.Canceled) holds
)

func (k APIErrorKind) String() string {
	switch k {
	case APINoKey:
		return "no key"
	case APIAuthFailed:
		return "auth failed"
	case APINotFound:
		return "not found"
	case APIBadRequest:
		return "bad request"
	case APIRateLimited:
		return "rate limited"
	case APIServerError:
		return "server error"
	case APIUnexpected:
		return "unexpected answer"
	case APITimeout:
		return "timeout"
	case APINetwork:
		return "network"
	case APIBadBody:
		return "bad body"
	case APITooLarge:
		return "too large"
	case APIOffline:
		return "offline"
	case APICanceled:
		return "canceled"
	}
	return "APIErrorKind(" + strconv.Itoa(int(k)) + ")"
}

// APIError is every error the client (and the decoders) return. The caller
// prints it as
//
//	scaffold: error: <Msg>
//	scaffold: hint: <Hint>      (when Hint is not empty)
//
// Msg and Hint never contain the API key.
type APIError struct {
	Kind   APIErrorKind
	Status int    // the HTTP status of the last answer; 0 when there was none
	Msg    string // lower-case, no trailing period
	Hint   string // may be empty
	Err    error  // the cause, for errors.Is/As (context.Canceled, ErrNoSuchEvent, ...); may be nil
}

func (e *APIError) Error() string { return e.Msg }
func (e *APIError) Unwrap() error { return e.Err }

// apiRetry marks an APIError that may go away when the request is tried again.
type apiRetry struct {
	*APIError
	after time.Duration // the server's Retry-After; 0 when absent
	html  bool          // the body of a failed answer was an HTML page
}

// Client talks to the connpass API v2. The zero value is ready to use once Key
// is set; set Now, Sleep and Warn to run it under a test clock or quietly.
// A Client is safe for concurrent use and must not be copied after first use.
type Client struct {
	BaseURL    string        // default DefaultBaseURL; tests point it at httptest
	Key        string        // sent as X-API-Key; never printed, never in an error, never in the cache
	HTTPClient *http.Client  // default: a client with no overall timeout (Timeout applies per request)
	UserAgent  string        // default UserAgent("dev")
	Timeout    time.Duration // per request, including reading the body; default DefaultTimeout
	MaxBody    int64         // body cap in bytes; default DefaultMaxBody
	MaxTries   int           // tries in all, for 429, 5xx, timeouts and broken connections; default DefaultMaxTries
	Cache      *Cache        // nil: no cache
	Offline    bool          // never touch the network; a cache miss is an error
	Refresh    bool          // ignore cached entries (and overwrite them)
	// Now is the clock used for request spacing and Retry-After dates.
	// Default time.Now: main injects the real clock and tests a fake one;
	// the default only keeps the zero Client usable.
	Now func() time.Time
	// Sleep waits for d or until ctx is done, then returns ctx.Err().
	// Default: a timer that honours ctx.
	Sleep func(ctx context.Context, d time.Duration) error
	Warn  func(msg string) // gets each warning (a retry, cache trouble) as it happens, without prefix; nil drops them

	pacer pacer // spaces the requests

	endedMu sync.Mutex
	ended   map[int]bool // events whose answers showed they have ended
}

// CacheUnended is how long the cached answers about an event that has not
// ended are served: its facts and 資料 may still change. The answers about
// an event that had ended when they were fetched stay until --refresh.
const CacheUnended = 24 * time.Hour

// cacheFor says how long an answer may be served from the cache.
type cacheFor int

const (
	cacheNot     cacheFor = iota // not at all
	cacheBriefly                 // CacheUnended: the event has not ended
	cacheKeep                    // until Refresh: the event has ended
)

func (c *Client) markEnded(id int) {
	c.endedMu.Lock()
	defer c.endedMu.Unlock()
	if c.ended == nil {
		c.ended = map[int]bool{}
	}
	c.ended[id] = true
}

func (c *Client) hasEnded(id int) bool {
	c.endedMu.Lock()
	defer c.endedMu.Unlock()
	return c.ended[id]
}

// Event asks the API for one event: GET events/?event_id=N. An event the API
// does not know gives an *APIError of kind APINotFound wrapping
// ErrNoSuchEvent. The Event has no Materials: see Presentations.
func (c *Client) Event(ctx context.Context, id int) (*Event, error) {
	if id <= 0 {
		return nil, &APIError{Kind: APIBadRequest, Msg: fmt.Sprintf("invalid connpass event id %d", id), Hint: apiHintEventID}
	}
	var ev *Event
	q := url.Values{"event_id": {strconv.Itoa(id)}}
	err := c.get(ctx, "events/", q, func(body []byte) (cacheFor, error) {
		evs, err := DecodeEvents(bytes.NewReader(body))
		if err != nil {
			return cacheNot, err
		}
		for i := range evs {
			if evs[i].ID == id {
				ev = &evs[i]
				if !ev.End.IsZero() && ev.End.Before(c.now()) {
					c.markEnded(id)
					return cacheKeep, nil
				}
				return cacheBriefly, nil
			}
		}
		// Not cached: an event that is not published yet may appear later,
		// and a cached "no" would hide it until --refresh.
		return cacheNot, nil
	})
	if err != nil {
		return nil, err
	}
	if ev == nil {
		return nil, &APIError{Kind: APINotFound, Status: http.StatusOK,
			Msg: fmt.Sprintf("connpass has no event %d", id), Hint: apiHintEventID, Err: ErrNoSuchEvent}
	}
	return ev, nil
}

// Presentations asks the API for the 資料 of one event:
// GET events/N/presentations/ (and ?start=K for further pages when the
// event has more than one page of them).
func (c *Client) Presentations(ctx context.Context, id int) ([]Material, error) {
	if id <= 0 {
		return nil, &APIError{Kind: APIBadRequest, Msg: fmt.Sprintf("invalid connpass event id %d", id), Hint: apiHintEventID}
	}
	rel := "events/" + strconv.Itoa(id) + "/presentations/"
	var all []Material
	start := 1
	seen := map[string]int{} // a page's presentations -> the start it came for
	for page := 0; ; page++ {
		if page == apiMaxPresentationPages {
			c.warnf("stopped after %d pages of presentations of event %d", page, id)
			break
		}
		q := url.Values{}
		if start > 1 {
			q.Set("start", strconv.Itoa(start))
		}
		var got apiPresentationsPage
		err := c.get(ctx, rel, q, func(body []byte) (cacheFor, error) {
			p, err := decodePresentationsPage(bytes.NewReader(body))
			if err != nil {
				return cacheNot, err
			}
			// A misbehaving server may answer the first page for every
			// start=: each repeat would become a talk of its own.
			if len(p.materials) > 0 {
				k := fmt.Sprintf("%q", p.materials)
				if first, ok := seen[k]; ok {
					return cacheNot, apiBadBody(fmt.Sprintf("the connpass API answered the same presentations of event %d for start=%d as for start=%d; refusing the repeated page", id, start, first), nil)
				}
				seen[k] = start
			}
			got = p
			if c.hasEnded(id) {
				return cacheKeep, nil
			}
			return cacheBriefly, nil
		})
		if err != nil {
			return nil, err
		}
		all = append(all, got.materials...)
		if len(got.materials) == 0 || start-1+len(got.materials) >= got.available {
			break
		}
		start += len(got.materials)
	}
	return all, nil
}

// get answers the request rel?q from the cache or the network and hands the
// body to use, which decodes it and says how long it may be cached.
func (c *Client) get(ctx context.Context, rel string, q url.Values, use func([]byte) (cacheFor, error)) error {
	if err := ctx.Err(); err != nil {
		return apiCanceled(err)
	}
	u, err := c.endpoint(rel, q)
	if err != nil {
		return err
	}
	key := cacheKey(u)
	if c.Cache != nil && !c.Refresh {
		body, ok, err := c.Cache.Get(key, c.now())
		switch {
		case err != nil:
			c.warnf("cannot read the cache: %v", err)
		case ok:
			if _, err := use(body); err == nil {
				return nil
			}
			c.warnf("ignoring a damaged cache entry for %s", key)
		}
	}
	if c.Offline {
		return &APIError{Kind: APIOffline,
			Msg:  "no cached connpass API response for " + key + ", and the network is off (--offline)",
			Hint: apiHintOffline}
	}
	if err := c.checkKey(); err != nil {
		return err
	}
	body, err := c.request(ctx, u)
	if err != nil {
		return err
	}
	keep, err := use(body)
	if err != nil {
		return c.clean(err)
	}
	if keep != cacheNot && c.Cache != nil {
		now := c.now()
		var expires time.Time
		if keep == cacheBriefly {
			expires = now.Add(CacheUnended)
		}
		if err := c.Cache.Put(key, body, now, expires); err != nil {
			c.warnf("cannot write the cache: %v", err)
		}
	}
	return nil
}

// cacheKey is the cache key of a request: its whole URL (scheme, host and
// port, path, query), so that answers from one server are never served for
// another, without any user:password the base URL may carry. The API key is
// never in it: it goes in a header.
func cacheKey(u *url.URL) string {
	return u.Scheme + "://" + u.Host + u.RequestURI()
}

// endpoint resolves rel against BaseURL.
func (c *Client) endpoint(rel string, q url.Values) (*url.URL, error) {
	base := c.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	b, err := url.Parse(base)
	if err != nil || (b.Scheme != "http" && b.Scheme != "https") || b.Host == "" {
		return nil, &APIError{Kind: APIBadRequest, Msg: fmt.Sprintf("invalid connpass API base URL %q", c.BaseURL),
			Hint: "give an http or https URL, like " + DefaultBaseURL}
	}
	u := b.ResolveReference(&url.URL{Path: rel})
	u.RawQuery = q.Encode()
	return u, nil
}

// checkKey refuses, before any request, a missing key or one that an HTTP
// header cannot carry (a pasted line break, say). The key is not quoted.
func (c *Client) checkKey() error {
	if c.Key == "" {
		return &APIError{Kind: APINoKey, Msg: "no connpass API key", Hint: apiHintKey}
	}
	for i := 0; i < len(c.Key); i++ {
		if b := c.Key[i]; b <= ' ' || b >= 0x7f {
			return &APIError{Kind: APINoKey,
				Msg:  "the connpass API key holds a space, a line break or a non-ASCII character",
				Hint: "set CONNPASS_API_KEY to the key alone, as connpass shows it"}
		}
	}
	return nil
}

// request GETs u with pacing and retries, and returns the body of a 200.
func (c *Client) request(ctx context.Context, u *url.URL) ([]byte, error) {
	tries := c.MaxTries
	if tries <= 0 {
		tries = DefaultMaxTries
	}
	path := u.RequestURI()
	for try := 1; ; try++ {
		if err := c.pace(ctx); err != nil {
			return nil, apiCanceled(err)
		}
		body, err := c.once(ctx, u)
		if err == nil {
			return body, nil
		}
		var r *apiRetry
		if !errors.As(err, &r) {
			return nil, c.clean(err)
		}
		if try >= tries {
			return nil, c.clean(c.givenUp(r, tries))
		}
		wait := apiBackoff(try)
		if r.after > apiMaxRetryAfter {
			e := *r.APIError
			e.Msg = fmt.Sprintf("the connpass API asks to wait %v before the next request (%d)", r.after, r.Status)
			e.Hint = apiHintRateLimit
			return nil, c.clean(&e)
		}
		if r.after > 0 {
			wait = r.after
		}
		c.warnf("%s; retrying %s in %v (try %d of %d)", r.Msg, path, wait, try+1, tries)
		if err := c.sleep(ctx, wait); err != nil {
			return nil, apiCanceled(err)
		}
	}
}

// apiBackoff is the wait before try+1 when the server gave no Retry-After:
// 1s, 2s, 4s, ... capped at 30s.
func apiBackoff(try int) time.Duration {
	if try > 5 {
		return 30 * time.Second
	}
	return time.Second << (try - 1)
}

// givenUp turns the last retryable failure into the final error.
func (c *Client) givenUp(r *apiRetry, tries int) *APIError {
	e := *r.APIError
	switch e.Kind {
	case APIRateLimited:
		e.Msg = fmt.Sprintf("the connpass API kept answering 429 Too Many Requests (%d tries)", tries)
		e.Hint = apiHintRateLimit
	case APIServerError:
		what := ""
		if r.html {
			what = " with an HTML page (maintenance?)"
		}
		e.Msg = fmt.Sprintf("the connpass API kept failing with %d %s%s (%d tries)", e.Status, http.StatusText(e.Status), what, tries)
		e.Hint = apiHintServer
	case APITimeout:
		e.Msg = fmt.Sprintf("the connpass API did not answer within %v (%d tries)", c.timeout(), tries)
		e.Hint = apiHintTimeout
	default:
		e.Msg += fmt.Sprintf(" (%d tries)", tries)
	}
	return &e
}

// once makes one request. Failures worth another try come back as *apiRetry.
func (c *Client) once(ctx context.Context, u *url.URL) ([]byte, error) {
	rctx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &APIError{Kind: APIBadRequest, Msg: "cannot build the connpass API request: " + err.Error()}
	}
	req.Header.Set("X-API-Key", c.Key)
	req.Header.Set("Accept", "application/json")
	ua := c.UserAgent
	if ua == "" {
		ua = UserAgent("")
	}
	req.Header.Set("User-Agent", ua)

	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, c.transportError(ctx, rctx, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode == http.StatusOK {
		return c.readBody(ctx, rctx, resp)
	}
	// Read a little of a failed answer, to tell an HTML maintenance page,
	// and so that the connection can be reused. It is never printed: it
	// could echo the request, key included.
	head, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	return nil, c.statusError(resp, apiLooksHTML(head))
}

// readBody reads a 200 body of at most MaxBody bytes.
func (c *Client) readBody(ctx, rctx context.Context, resp *http.Response) ([]byte, error) {
	max := c.MaxBody
	if max <= 0 {
		max = DefaultMaxBody
	}
	tooLarge := &APIError{Kind: APITooLarge, Status: resp.StatusCode,
		Msg:  fmt.Sprintf("the connpass API response is larger than %s; refusing it", apiBytes(max)),
		Hint: apiHintTooLarge}
	if resp.ContentLength > max {
		return nil, tooLarge
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		// Fewer bytes than Content-Length, then the connection closed: a
		// broken connection, so worth another try.
		if errors.Is(err, io.ErrUnexpectedEOF) && ctx.Err() == nil && rctx.Err() == nil {
			return nil, &apiRetry{APIError: &APIError{Kind: APIBadBody, Status: resp.StatusCode,
				Msg: "connpass API response was cut off", Hint: apiHintBadBody, Err: err}}
		}
		return nil, c.transportError(ctx, rctx, err)
	}
	if int64(len(body)) > max {
		return nil, tooLarge
	}
	return body, nil
}

// statusError maps a status other than 200 to an error.
func (c *Client) statusError(resp *http.Response, html bool) error {
	st := resp.StatusCode
	line := fmt.Sprintf("%d %s", st, http.StatusText(st))
	path := resp.Request.URL.RequestURI()
	switch {
	case st == http.StatusUnauthorized || st == http.StatusForbidden:
		return &APIError{Kind: APIAuthFailed, Status: st,
			Msg: fmt.Sprintf("the connpass API refused the key (%d)", st), Hint: apiHintKey}
	case st == http.StatusTooManyRequests:
		return &apiRetry{APIError: &APIError{Kind: APIRateLimited, Status: st,
			Msg: "the connpass API answered 429 Too Many Requests", Hint: apiHintRateLimit},
			after: c.retryAfter(resp.Header.Get("Retry-After"))}
	case st == http.StatusNotFound:
		return &APIError{Kind: APINotFound, Status: st,
			Msg: "the connpass API answered " + line + " for " + path, Hint: apiHintEventID}
	case st >= 400 && st < 500:
		return &APIError{Kind: APIBadRequest, Status: st,
			Msg: "the connpass API rejected the request for " + path + " (" + line + ")"}
	case st >= 500:
		msg := "the connpass API failed with " + line
		if html {
			msg += " and an HTML page (maintenance?)"
		}
		return &apiRetry{APIError: &APIError{Kind: APIServerError, Status: st, Msg: msg, Hint: apiHintServer},
			after: c.retryAfter(resp.Header.Get("Retry-After")), html: html}
	case st >= 300 && st < 400:
		return &APIError{Kind: APIUnexpected, Status: st,
			Msg:  fmt.Sprintf("the connpass API redirected %s elsewhere (%s); not following it, so the key stays with connpass", path, line),
			Hint: apiHintUnexpected}
	}
	return &APIError{Kind: APIUnexpected, Status: st, Msg: "the connpass API answered " + line, Hint: apiHintUnexpected}
}

// transportError classifies a failed round trip or body read.
func (c *Client) transportError(ctx, rctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return apiCanceled(cerr)
	}
	var ne net.Error
	if rctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &apiRetry{APIError: &APIError{Kind: APITimeout,
			Msg:  fmt.Sprintf("the connpass API did not answer within %v", c.timeout()),
			Hint: apiHintTimeout, Err: context.DeadlineExceeded}}
	}
	// The *url.Error around err repeats the URL, which holds no key but is
	// noise; its cause (dial error, reset, EOF) is what the user needs.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &apiRetry{APIError: &APIError{Kind: APINetwork,
		Msg: "cannot reach the connpass API: " + err.Error(), Hint: apiHintNetwork, Err: err}}
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func (c *Client) retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > int64(24*time.Hour/time.Second) {
			n = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(c.now()); d > 0 {
			return d
		}
	}
	return 0
}

// pace waits until a second has passed since the previous request of this
// client, and books the slot, so that concurrent callers queue up.
func (c *Client) pace(ctx context.Context) error {
	if wait := c.pacer.reserve(c.now(), apiMinInterval); wait > 0 {
		return c.sleep(ctx, wait)
	}
	return ctx.Err()
}

// pacer keeps the requests of one client at least an interval apart, also
// when they are made concurrently: each caller reserves the next free slot.
type pacer struct {
	mu   sync.Mutex
	last time.Time // when the last request was (or is to be) sent
}

// reserve takes the next slot at least interval after the last one and
// returns how long to wait from now until it.
func (p *pacer) reserve(now time.Time, interval time.Duration) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	next := p.last.Add(interval)
	if p.last.IsZero() || !next.After(now) {
		p.last = now
		return 0
	}
	p.last = next
	return next.Sub(now)
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		if err := c.Sleep(ctx, d); err != nil {
			return err
		}
		return ctx.Err()
	}
	return apiSleep(ctx, d)
}

// apiSleep waits for d, or until ctx is done.
func apiSleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

// apiDefaultHTTPClient has no overall timeout: each request gets its own
// through its context.
var apiDefaultHTTPClient = &http.Client{}

// httpClient returns a copy of the configured client whose redirects stay on
// the API's host and scheme. Go forwards custom headers such as X-API-Key to
// any redirect target, so a redirect elsewhere is not followed.
func (c *Client) httpClient() *http.Client {
	base := c.HTTPClient
	if base == nil {
		base = apiDefaultHTTPClient
	}
	hc := *base
	next := base.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		first := via[0].URL
		if req.URL.Host != first.Host || req.URL.Scheme != first.Scheme {
			return http.ErrUseLastResponse
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return &hc
}

// warnf hands one warning to Warn, if set, without the key: the caller
// prints it (and makes server text in it safe to print).
func (c *Client) warnf(format string, args ...any) {
	if c.Warn == nil {
		return
	}
	c.Warn(c.scrub(fmt.Sprintf(format, args...)))
}

// clean makes sure an error leaving the client is an *APIError whose text
// does not hold the key. The key never goes into a message on purpose; this
// is the belt to those braces (a server could echo it into a redirect URL,
// say).
func (c *Client) clean(err error) error {
	var e *APIError
	if !errors.As(err, &e) {
		e = &APIError{Kind: APIUnexpected, Msg: err.Error(), Err: err}
	}
	out := *e
	out.Msg = c.scrub(out.Msg)
	// The hints are the client's own fixed words, never a server's: scrubbing
	// them would only garble them when the key is short ("k" in "check").
	return &out
}

func (c *Client) scrub(s string) string {
	if c.Key == "" {
		return s
	}
	return strings.ReplaceAll(s, c.Key, "[API key]")
}

// apiCanceled wraps a context error so that errors.Is(err, context.Canceled)
// (or DeadlineExceeded) holds.
func apiCanceled(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &APIError{Kind: APITimeout, Msg: "gave up waiting for the connpass API: " + err.Error(),
			Hint: apiHintTimeout, Err: err}
	}
	return &APIError{Kind: APICanceled, Msg: "interrupted while talking to the connpass API",
		Hint: apiHintCancelled, Err: err}
}

// apiBytes formats a byte count for a message ("5 MiB", "100 bytes").
func apiBytes(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// ---- decoding ----

// DecodeEvents decodes the body of GET /api/v2/events/ (and of the user
// event lists, which share its shape) into Events.
//
// Title, Catch, Place, Address, GroupName and HashTag (without '#') go
// through CleanText; Description is the HTML as the API gives it. Start and
// End are UTC. Null fields stay zero; Limit is 0 when there is no cap. Status
// is 開催前, 開催中, 終了 or 中止 (open_status preopen, open, close,
// cancelled); an unknown open_status is kept as it came. The single owner the
// API names becomes Owners[0].
//
// A body that is HTML, cut off, or not an event list is an *APIError of kind
// APIBadBody that says which.
func DecodeEvents(r io.Reader) ([]Event, error) {
	var page struct {
		Events *[]apiEvent `json:"events"`
	}
	if err := apiDecode(r, &page); err != nil {
		return nil, err
	}
	if page.Events == nil {
		return nil, apiBadBody(`connpass API response has no "events" list`, nil)
	}
	out := make([]Event, 0, len(*page.Events))
	for i, a := range *page.Events {
		ev, err := a.event()
		if err != nil {
			return nil, apiBadBody(fmt.Sprintf("connpass API response: event %d (#%d in the list): %v", int(a.ID), i+1, err), err)
		}
		out = append(out, ev)
	}
	return out, nil
}

// DecodePresentations decodes the body of GET
// /api/v2/events/{id}/presentations/ into Materials: Title is the cleaned
// name, Presenter the presenter's nickname, or the nickname of the user who
// posted it when no presenter is set.
func DecodePresentations(r io.Reader) ([]Material, error) {
	p, err := decodePresentationsPage(r)
	if err != nil {
		return nil, err
	}
	return p.materials, nil
}

type apiPresentationsPage struct {
	materials []Material
	available int // results_available
}

func decodePresentationsPage(r io.Reader) (apiPresentationsPage, error) {
	var page struct {
		Available     apiInt             `json:"results_available"`
		Presentations *[]apiPresentation `json:"presentations"`
	}
	if err := apiDecode(r, &page); err != nil {
		return apiPresentationsPage{}, err
	}
	if page.Presentations == nil {
		return apiPresentationsPage{}, apiBadBody(`connpass API response has no "presentations" list`, nil)
	}
	out := apiPresentationsPage{available: int(page.Available), materials: make([]Material, 0, len(*page.Presentations))}
	for _, p := range *page.Presentations {
		m := Material{Title: CleanText(p.Name), URL: strings.TrimSpace(p.URL)}
		switch {
		case p.Presenter != nil && p.Presenter.Nickname != "":
			m.Presenter = strings.TrimSpace(p.Presenter.Nickname)
		case p.User != nil:
			m.Presenter = strings.TrimSpace(p.User.Nickname)
		}
		out.materials = append(out.materials, m)
	}
	return out, nil
}

// apiEvent is an event object of API v2. Strings that may be null decode
// null as "". lat and lon (number, string or null) are not read: Event has
// no place for them.
type apiEvent struct {
	ID          apiInt    `json:"id"`
	Title       string    `json:"title"`
	Catch       string    `json:"catch"`
	Description string    `json:"description"`
	URL         string    `json:"url"`
	HashTag     string    `json:"hash_tag"`
	StartedAt   string    `json:"started_at"`
	EndedAt     string    `json:"ended_at"`
	Limit       apiInt    `json:"limit"`
	OpenStatus  string    `json:"open_status"`
	Group       *apiGroup `json:"group"`
	Address     string    `json:"address"`
	Place       string    `json:"place"`
	OwnerNick   string    `json:"owner_nickname"`
	OwnerName   string    `json:"owner_display_name"`
	Accepted    apiInt    `json:"accepted"`
	Waiting     apiInt    `json:"waiting"`
}

type apiGroup struct {
	Subdomain string `json:"subdomain"`
	Title     string `json:"title"`
}

type apiUser struct {
	Nickname string `json:"nickname"`
}

type apiPresentation struct {
	User      *apiUser `json:"user"`
	URL       string   `json:"url"`
	Name      string   `json:"name"`
	Presenter *apiUser `json:"presenter"`
}

// apiStatus maps open_status to the words the event page shows.
var apiStatus = map[string]string{
	"preopen":   "開催前",
	"open":      "開催中",
	"close":     "終了",
	"cancelled": "中止",
}

func (a apiEvent) event() (Event, error) {
	start, err := apiTime(a.StartedAt)
	if err != nil {
		return Event{}, fmt.Errorf("started_at: %w", err)
	}
	end, err := apiTime(a.EndedAt)
	if err != nil {
		return Event{}, fmt.Errorf("ended_at: %w", err)
	}
	ev := Event{
		ID:          int(a.ID),
		Title:       CleanText(a.Title),
		Catch:       CleanText(a.Catch),
		URL:         strings.TrimSpace(a.URL),
		Start:       start,
		End:         end,
		Place:       CleanText(a.Place),
		Address:     CleanText(a.Address),
		HashTag:     strings.TrimPrefix(CleanText(a.HashTag), "#"),
		Accepted:    int(a.Accepted),
		Waiting:     int(a.Waiting),
		Limit:       int(a.Limit),
		Description: a.Description,
		Status:      a.OpenStatus,
	}
	if s, ok := apiStatus[a.OpenStatus]; ok {
		ev.Status = s
	}
	if a.Group != nil {
		ev.GroupName = CleanText(a.Group.Title)
		ev.GroupSubdomain = strings.TrimSpace(a.Group.Subdomain)
	}
	if nick := strings.TrimSpace(a.OwnerNick); nick != "" {
		ev.Owners = []Owner{{Nickname: nick, DisplayName: CleanText(a.OwnerName)}}
	}
	return ev, nil
}

// apiTime parses an ISO-8601 time with an offset ("2025-10-29T19:00:00+09:00")
// into UTC; "" (null) is the zero time.
func apiTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an ISO-8601 time with an offset", s)
	}
	return t.UTC(), nil
}

// apiInt is an integer that may come as a number, a numeric string (the
// documentation's examples have "5743" for an integer) or null (0).
type apiInt int

func (n *apiInt) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*n = 0
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			*n = 0
			return nil
		}
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("%s is not an integer", b)
	}
	*n = apiInt(v)
	return nil
}

// apiDecode reads one JSON value from r into v, telling an HTML page, an
// empty body and a cut-off body apart from other bad JSON.
func apiDecode(r io.Reader, v any) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return apiBadBody("cannot read the connpass API response: "+err.Error(), err)
	}
	data = bytes.TrimPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return apiBadBody("connpass API response was empty", nil)
	}
	if apiLooksHTML(data) {
		return apiBadBody("connpass API answered HTML, not JSON (maintenance page?)", nil)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF):
			return apiBadBody("connpass API response was cut off", err)
		case errors.As(err, &se):
			return apiBadBody(fmt.Sprintf("connpass API response is not valid JSON (byte %d: %v)", se.Offset, se), err)
		case errors.As(err, &te):
			return apiBadBody(fmt.Sprintf("connpass API response has an unexpected shape: %s is a JSON %s", te.Field, te.Value), err)
		}
		return apiBadBody("connpass API response has an unexpected shape: "+err.Error(), err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return apiBadBody("connpass API response has data after its JSON value", nil)
	}
	return nil
}

// apiLooksHTML reports whether a body starts like an HTML page.
func apiLooksHTML(b []byte) bool {
	b = bytes.TrimPrefix(bytes.TrimLeft(b, " \t\r\n"), []byte("\ufeff"))
	return len(b) > 0 && b[0] == '<'
}

func apiBadBody(msg string, err error) *APIError {
	return &APIError{Kind: APIBadBody, Msg: msg, Hint: apiHintBadBody, Err: err}
}
