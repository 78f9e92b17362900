package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Fixtures: real (and documentation-example) API v2 responses, and the
// reconstructed responses for event 368663. testdata/README.md says which is
// which.
const (
	apiRealDir = "../testdata/connpass/api"
	api368663  = "../testdata/connpass/368663"
)

// apiTestKey is the key the tests send. Every test that can fail in a way
// that prints something checks that this string is not in it.
const apiTestKey = "cpKEY.s3cr3t-0123456789-SHOULD-NEVER-PRINT"

func apiDecodeEventsFile(tb testing.TB, path string) []Event {
	tb.Helper()
	evs, err := DecodeEvents(bytes.NewReader(mustReadFile(tb, path)))
	if err != nil {
		tb.Fatalf("DecodeEvents(%s): %v", path, err)
	}
	return evs
}

func apiUTC(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// apiCheckEvent compares the fields the API fills.
func apiCheckEvent(t *testing.T, got, want Event) {
	t.Helper()
	check := func(field string, g, w any) {
		t.Helper()
		if fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("%s = %q, want %q", field, fmt.Sprint(g), fmt.Sprint(w))
		}
	}
	check("ID", got.ID, want.ID)
	check("Title", got.Title, want.Title)
	check("Catch", got.Catch, want.Catch)
	check("URL", got.URL, want.URL)
	check("GroupName", got.GroupName, want.GroupName)
	check("GroupSubdomain", got.GroupSubdomain, want.GroupSubdomain)
	check("Status", got.Status, want.Status)
	if !got.Start.Equal(want.Start) || got.Start.Location() != time.UTC {
		t.Errorf("Start = %v, want %v in UTC", got.Start, want.Start)
	}
	if !got.End.Equal(want.End) || got.End.Location() != time.UTC {
		t.Errorf("End = %v, want %v in UTC", got.End, want.End)
	}
	check("Place", got.Place, want.Place)
	check("Address", got.Address, want.Address)
	check("HashTag", got.HashTag, want.HashTag)
	check("Accepted", got.Accepted, want.Accepted)
	check("Waiting", got.Waiting, want.Waiting)
	check("Limit", got.Limit, want.Limit)
	check("Owners", got.Owners, want.Owners)
	if got.Tickets != nil || got.Materials != nil {
		t.Errorf("Tickets, Materials = %v, %v; the events endpoint has neither", got.Tickets, got.Materials)
	}
}

func TestDecodeEventsReal(t *testing.T) {
	// ryohidaka/go-connpass: a real GET /api/v2/events/?event_id=364.
	evs := apiDecodeEventsFile(t, filepath.Join(apiRealDir, "ryohidaka__go-connpass__events.json"))
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	ev := evs[0]
	apiCheckEvent(t, ev, Event{
		ID:             364,
		Title:          "BPStudy#56",
		Catch:          "株式会社ビープラウドが主催するWeb系技術討論の会",
		URL:            "https://bpstudy.connpass.com/event/364/",
		GroupName:      "BPStudy",
		GroupSubdomain: "bpstudy",
		Status:         "終了",
		Start:          apiUTC("2012-04-17T09:30:00Z"),
		End:            apiUTC("2012-04-17T11:30:00Z"),
		Place:          "先端技術館＠TEPIA",
		Address:        "東京都港区北青山2-8-44",
		HashTag:        "bpstudy",
		Limit:          0, // null
		Owners:         []Owner{{Nickname: "haru860", DisplayName: "佐藤 治夫"}},
	})
	// The description is the HTML as given, not cleaned.
	if !strings.HasPrefix(ev.Description, `<div style="font-size:10pt;font-style:normal;font-weight:normal;"><div style="font-size:10pt;">`) ||
		!strings.HasSuffix(ev.Description, `rel="nofollow">http://connpass.com/event/360/</a></font></div>`) ||
		!strings.Contains(ev.Description, "↓　↓　↓") {
		t.Errorf("Description is not the raw HTML: %.120q...", ev.Description)
	}
}

func TestDecodeEventsRealOnline(t *testing.T) {
	// A real attended_events list, trimmed to one online event: lat/lon null.
	evs := apiDecodeEventsFile(t, filepath.Join(apiRealDir, "ryohidaka__go-connpass__user-events.json"))
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	apiCheckEvent(t, evs[0], Event{
		ID:             353126,
		Title:          "BPStudy#213〜ビジネスアナリシスとDDD（ドメイン駆動設計）",
		Catch:          "株式会社ビープラウドが主催するIT勉強会",
		URL:            "https://bpstudy.connpass.com/event/353126/",
		GroupName:      "BPStudy",
		GroupSubdomain: "bpstudy",
		Status:         "開催前",
		Start:          apiUTC("2025-05-29T10:30:00Z"),
		End:            apiUTC("2025-05-29T12:15:00Z"),
		Place:          "リモート(zoom)",
		Address:        "オンライン",
		HashTag:        "bpstudy",
		Limit:          124,
		Accepted:       121,
		Waiting:        0,
		Owners:         []Owner{{Nickname: "haru860", DisplayName: "佐藤 治夫"}},
	})
	if !strings.HasPrefix(evs[0].Description, "<h3>zoomを使ってのリモート開催です。") {
		t.Errorf("Description = %.60q...", evs[0].Description)
	}
}

func TestDecodeEventsDocExample(t *testing.T) {
	// The documentation's example (sue445/connpass_api_v2-ruby): the shape is
	// right even though the values are samples.
	evs := apiDecodeEventsFile(t, filepath.Join(apiRealDir, "sue445__connpass_api_v2-ruby__get_events.json"))
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	apiCheckEvent(t, evs[0], Event{
		ID:             364,
		Title:          "BPStudy#56",
		Catch:          "株式会社ビープラウドが主催するWeb系技術討論の会",
		URL:            "https://bpstudy.connpass.com/event/364/",
		GroupName:      "BPStudy",
		GroupSubdomain: "bpstudy",
		Status:         "開催中",
		Start:          apiUTC("2012-04-17T09:30:00Z"),
		End:            apiUTC("2012-04-17T11:30:00Z"),
		Place:          "BPオフィス (サンシャイン60 45階)",
		Address:        "東京都豊島区東池袋3-1-1",
		HashTag:        "bpstudy",
		Limit:          80,
		Accepted:       80,
		Waiting:        15,
		Owners:         []Owner{{Nickname: "haru860", DisplayName: "佐藤 治夫"}},
	})
}

func TestDecodeEventsRejectsOtherEndpoints(t *testing.T) {
	// A real GET /api/v2/users/ response is valid JSON but not an event list.
	_, err := DecodeEvents(bytes.NewReader(mustReadFile(t, filepath.Join(apiRealDir, "ryohidaka__go-connpass__users.json"))))
	apiWantKind(t, err, APIBadBody, `no "events" list`)
	_, err = DecodePresentations(bytes.NewReader(mustReadFile(t, filepath.Join(apiRealDir, "ryohidaka__go-connpass__events.json"))))
	apiWantKind(t, err, APIBadBody, `no "presentations" list`)
}

func TestDecodePresentationsDocExample(t *testing.T) {
	// The documentation's example with the right key, presentation_type.
	ms, err := DecodePresentations(bytes.NewReader(mustReadFile(t, filepath.Join(apiRealDir, "sue445__connpass_api_v2-ruby__get_event_presentations.json"))))
	if err != nil {
		t.Fatal(err)
	}
	want := []Material{{Title: "Togetterまとめ", URL: "https://togetter.com/li/294875", Presenter: "haru860"}}
	if fmt.Sprint(ms) != fmt.Sprint(want) {
		t.Errorf("got %+v, want %+v", ms, want)
	}
}

func TestDecodeEvents368663(t *testing.T) {
	evs := apiDecodeEventsFile(t, filepath.Join(api368663, "api", "events.json"))
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	apiCheckEvent(t, evs[0], api368663Event)
	desc := string(mustReadFile(t, filepath.Join(api368663, "description.html")))
	if evs[0].Description != desc {
		t.Errorf("Description differs from description.html")
	}
	if n := strings.Count(evs[0].Description, "\u200b"); n != 2 {
		t.Errorf("Description has %d U+200B, want 2 (kept raw, not cleaned)", n)
	}
}

// api368663Event is what events.json of 368663 decodes to.
var api368663Event = Event{
	ID:             368663,
	Title:          "Japan Datadog User Group Meetup#13@東京",
	URL:            "https://datadog-jp.connpass.com/event/368663/",
	GroupName:      "Japan Datadog User Group",
	GroupSubdomain: "datadog-jp",
	Status:         "終了",
	Start:          apiUTC("2025-10-29T10:00:00Z"),
	End:            apiUTC("2025-10-29T12:30:00Z"),
	Place:          "株式会社ビズリーチ",
	Address:        "東京都渋谷区桜丘町1-1 渋谷サクラステージ SHIBUYAタワー",
	HashTag:        "jddug",
	Limit:          140,
	Accepted:       80,
	Waiting:        2,
	Owners:         []Owner{{Nickname: "jddug_staff", DisplayName: "JDDUG 運営"}},
}

// api368663Materials is what presentations.json of 368663 decodes to.
var api368663Materials = []Material{
	{Title: "Datadog CI Visibilityを用いて、GitHub ActionsのFlaky Testを監視してみた", URL: "https://speakerdeck.com/imamura_ko_0314/datadog-ci-visibility-flaky-test", Presenter: "imamura_ko_0314"},
	{Title: "Data Access Control で実現する、より細かい権限制御", URL: "https://speakerdeck.com/fohte/datadog-data-access-control", Presenter: "fohte"},
	{Title: "Datadog「の」料金を監視してみた", URL: "https://speakerdeck.com/haktak1192/datadog-cost-monitoring", Presenter: "Haktak1192"},
	{Title: "ローカルLLMアプリ開発環境のモニタリング", URL: "https://speakerdeck.com/1_kano2/local-llm-app-monitoring", Presenter: "1_Kano2"},
}

func TestDecodePresentations368663(t *testing.T) {
	ms, err := DecodePresentations(bytes.NewReader(mustReadFile(t, filepath.Join(api368663, "api", "presentations.json"))))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(ms) != fmt.Sprint(api368663Materials) {
		t.Errorf("got  %+v\nwant %+v", ms, api368663Materials)
	}
}

func TestDecodeEventsNullsAndLooseTypes(t *testing.T) {
	// Every nullable field null, lat/lon as a number, a string and null,
	// counts as strings: all decode.
	body := `{"results_returned":3,"results_available":3,"results_start":1,"events":[
	 {"id":1,"title":" A\u200b  title ","catch":null,"description":null,"url":"https://connpass.com/event/1/",
	  "image_url":null,"hash_tag":null,"started_at":null,"ended_at":null,"limit":null,"event_type":"advertisement",
	  "open_status":"cancelled","group":null,"address":null,"place":null,"lat":null,"lon":null,"owner_id":null,
	  "owner_nickname":null,"owner_display_name":null,"accepted":0,"waiting":0,"updated_at":null},
	 {"id":2,"title":"B","lat":35.6563,"lon":139.7006,"limit":"30","accepted":"12","waiting":"","hash_tag":"#tag",
	  "open_status":"draft","started_at":"2025-10-29T19:00:00+09:00","ended_at":"2025-10-29T21:30:00Z",
	  "group":{"id":3,"subdomain":null,"title":"G","url":null}},
	 {"id":3,"title":"C","lat":"35.656300000000","lon":"139.700600000000"}]}`
	evs, err := DecodeEvents(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 3 {
		t.Fatalf("got %d events", len(evs))
	}
	apiCheckEvent(t, evs[0], Event{ID: 1, Title: "A title", URL: "https://connpass.com/event/1/", Status: "中止"})
	apiCheckEvent(t, evs[1], Event{ID: 2, Title: "B", Status: "draft", HashTag: "tag", GroupName: "G", Limit: 30, Accepted: 12,
		Start: apiUTC("2025-10-29T10:00:00Z"), End: apiUTC("2025-10-29T21:30:00Z")})
	apiCheckEvent(t, evs[2], Event{ID: 3, Title: "C"})

	ms, err := DecodePresentations(strings.NewReader(`{"presentations":[
	 {"user":{"id":1,"nickname":"poster"},"url":"https://example.com/a","name":"A","presenter":null,"presentation_type":"movie","created_at":"2025-01-01T00:00:00+09:00"},
	 {"user":null,"url":"https://example.com/b","name":"B","presenter":{"id":2,"nickname":"speaker"},"presentation_type":"blog"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Material{{Title: "A", URL: "https://example.com/a", Presenter: "poster"}, {Title: "B", URL: "https://example.com/b", Presenter: "speaker"}}
	if fmt.Sprint(ms) != fmt.Sprint(want) {
		t.Errorf("got %+v, want %+v", ms, want)
	}
	ms, err = DecodePresentations(strings.NewReader(`{"results_returned":0,"presentations":[]}`))
	if err != nil || len(ms) != 0 {
		t.Errorf("empty list: %v, %v", ms, err)
	}
}

func TestDecodeBadBodies(t *testing.T) {
	real := string(mustReadFile(t, filepath.Join(apiRealDir, "ryohidaka__go-connpass__events.json")))
	for _, tc := range []struct {
		name, body, want string
	}{
		{"maintenance page", "<!DOCTYPE html>\n<html><head><title>connpass - メンテナンス中</title></head><body>メンテナンス中です</body></html>", "connpass API answered HTML, not JSON (maintenance page?)"},
		{"html after blanks", "\r\n  <html></html>", "answered HTML"},
		{"cut off", real[:len(real)/2], "connpass API response was cut off"},
		{"cut off after a brace", "{", "cut off"},
		{"empty", "", "connpass API response was empty"},
		{"blank", " \n ", "was empty"},
		{"not json", "Service Unavailable", "not valid JSON"},
		{"trailing data", real + "{}", "data after its JSON value"},
		{"array", "[]", "unexpected shape"},
		{"events not a list", `{"events":{}}`, "unexpected shape"},
		{"id not a number", `{"events":[{"id":"x"}]}`, `"x" is not an integer`},
		{"bad time", `{"events":[{"id":5,"started_at":"2025/10/29 19:00"}]}`, "event 5 (#1 in the list): started_at"},
		{"time without offset", `{"events":[{"id":5,"ended_at":"2025-10-29T19:00:00"}]}`, "ended_at"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeEvents(strings.NewReader(tc.body))
			apiWantKind(t, err, APIBadBody, tc.want)
		})
	}
	_, err := DecodePresentations(strings.NewReader("<html>503</html>"))
	apiWantKind(t, err, APIBadBody, "answered HTML")
	_, err = DecodePresentations(strings.NewReader(`{"presentations":[{"name":"x"`))
	apiWantKind(t, err, APIBadBody, "cut off")
}

// apiWantKind checks that err is an *APIError of the kind, whose message
// holds want, and that no part of it holds the key.
func apiWantKind(t *testing.T, err error, kind APIErrorKind, want string) *APIError {
	t.Helper()
	var e *APIError
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want an *APIError of kind %v", err, err, kind)
	}
	if e.Kind != kind {
		t.Errorf("Kind = %v, want %v (err: %v)", e.Kind, kind, err)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("err = %q, want it to contain %q", err, want)
	}
	if strings.Contains(err.Error(), apiTestKey) || strings.Contains(e.Hint, apiTestKey) || strings.Contains(fmt.Sprintf("%+v %#v", err, e), apiTestKey) {
		t.Errorf("the error holds the API key: %q / %q", err, e.Hint)
	}
	return e
}

func TestAPIUserAgent(t *testing.T) {
	if got, want := UserAgent(""), "scaffold/dev (+https://github.com/meetup-tools/connpass-scaffold)"; got != want {
		t.Errorf("UserAgent(\"\") = %q, want %q", got, want)
	}
	if got, want := UserAgent("v1.2.3"), "scaffold/v1.2.3 (+https://github.com/meetup-tools/connpass-scaffold)"; got != want {
		t.Errorf("UserAgent(v1.2.3) = %q, want %q", got, want)
	}
}

// ---- the client, against httptest servers and a fake clock ----

// apiClock is a fake clock: Sleep records the wait and moves time on at once.
type apiClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newAPIClock() *apiClock {
	return &apiClock{now: time.Date(2025, 10, 30, 1, 0, 0, 0, time.UTC)}
}

func (c *apiClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *apiClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *apiClock) Sleeps() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprint(c.sleeps)
}

// apiSeen is one request as the server saw it.
type apiSeen struct {
	Path, Query, Key, UA, Accept string
	At                           time.Time // on the fake clock
}

// apiServer is an httptest server whose handler the test writes, and which
// records every request.
type apiServer struct {
	*httptest.Server
	clock *apiClock
	mu    sync.Mutex
	seen  []apiSeen
}

// newAPIServer starts a server; handle gets the 1-based number of the request.
func newAPIServer(t *testing.T, clock *apiClock, handle func(n int, w http.ResponseWriter, r *http.Request)) *apiServer {
	t.Helper()
	s := &apiServer{clock: clock}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.seen = append(s.seen, apiSeen{
			Path: r.URL.Path, Query: r.URL.RawQuery,
			Key: r.Header.Get("X-API-Key"), UA: r.Header.Get("User-Agent"), Accept: r.Header.Get("Accept"),
			At: clock.Now(),
		})
		n := len(s.seen)
		s.mu.Unlock()
		handle(n, w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *apiServer) Seen() []apiSeen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]apiSeen(nil), s.seen...)
}

func (s *apiServer) Count() int { return len(s.Seen()) }

// client returns a Client for this server, on the server's fake clock, with
// warnings written to warn, one line each.
func (s *apiServer) client(warn io.Writer) *Client {
	c := &Client{
		BaseURL:   s.URL + "/api/v2/",
		Key:       apiTestKey,
		UserAgent: UserAgent("v1.2.3"),
		Now:       s.clock.Now,
		Sleep:     s.clock.Sleep,
	}
	if warn != nil {
		c.Warn = func(msg string) { fmt.Fprintln(warn, msg) }
	}
	return c
}

// apiFixtureHandler serves the 368663 fixtures the way the API would.
func apiFixtureHandler(t *testing.T) func(int, http.ResponseWriter, *http.Request) {
	events := mustReadFile(t, filepath.Join(api368663, "api", "events.json"))
	pres := mustReadFile(t, filepath.Join(api368663, "api", "presentations.json"))
	return func(_ int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/api/v2/events/" && r.URL.Query().Get("event_id") == "368663":
			w.Write(events)
		case r.URL.Path == "/api/v2/events/":
			io.WriteString(w, `{"results_returned":0,"results_available":0,"results_start":1,"events":[]}`)
		case r.URL.Path == "/api/v2/events/368663/presentations/":
			w.Write(pres)
		default:
			http.NotFound(w, r)
		}
	}
}

// apiStatusHandler answers status with body (and headers) for the first
// `failures` requests, then serves the fixtures.
func apiStatusHandler(t *testing.T, failures, status int, body string, hdr ...string) func(int, http.ResponseWriter, *http.Request) {
	ok := apiFixtureHandler(t)
	return func(n int, w http.ResponseWriter, r *http.Request) {
		if n > failures {
			ok(n, w, r)
			return
		}
		for i := 0; i+1 < len(hdr); i += 2 {
			w.Header().Set(hdr[i], hdr[i+1])
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func TestClientEvent(t *testing.T) {
	clock := newAPIClock()
	srv := newAPIServer(t, clock, apiFixtureHandler(t))
	c := srv.client(nil)
	ev, err := c.Event(context.Background(), 368663)
	if err != nil {
		t.Fatal(err)
	}
	apiCheckEvent(t, *ev, api368663Event)
	ms, err := c.Presentations(context.Background(), 368663)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(ms) != fmt.Sprint(api368663Materials) {
		t.Errorf("Presentations = %+v", ms)
	}

	seen := srv.Seen()
	if len(seen) != 2 {
		t.Fatalf("server saw %d requests, want 2", len(seen))
	}
	want := []apiSeen{
		{Path: "/api/v2/events/", Query: "event_id=368663"},
		{Path: "/api/v2/events/368663/presentations/", Query: ""},
	}
	for i, s := range seen {
		if s.Path != want[i].Path || s.Query != want[i].Query {
			t.Errorf("request %d: %s?%s, want %s?%s", i+1, s.Path, s.Query, want[i].Path, want[i].Query)
		}
		if s.Key != apiTestKey {
			t.Errorf("request %d: X-API-Key = %q", i+1, s.Key)
		}
		if s.UA != "scaffold/v1.2.3 (+https://github.com/meetup-tools/connpass-scaffold)" {
			t.Errorf("request %d: User-Agent = %q", i+1, s.UA)
		}
		if s.Accept != "application/json" {
			t.Errorf("request %d: Accept = %q", i+1, s.Accept)
		}
	}
}

func TestClientDefaultUserAgent(t *testing.T) {
	srv := newAPIServer(t, newAPIClock(), apiFixtureHandler(t))
	c := srv.client(nil)
	c.UserAgent = ""
	if _, err := c.Event(context.Background(), 368663); err != nil {
		t.Fatal(err)
	}
	if ua := srv.Seen()[0].UA; ua != UserAgent("") {
		t.Errorf("User-Agent = %q, want %q", ua, UserAgent(""))
	}
}

func TestClientAuthFailed(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusForbidden} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			clock := newAPIClock()
			srv := newAPIServer(t, clock, apiStatusHandler(t, 99, status, `{"detail":"Invalid API key"}`))
			_, err := srv.client(nil).Event(context.Background(), 368663)
			e := apiWantKind(t, err, APIAuthFailed, fmt.Sprintf("the connpass API refused the key (%d)", status))
			if e.Status != status || e.Hint != "get a key at https://help.connpass.com/api/ and set CONNPASS_API_KEY" {
				t.Errorf("Status, Hint = %d, %q", e.Status, e.Hint)
			}
			if n := srv.Count(); n != 1 {
				t.Errorf("%d requests, want 1 (no retry)", n)
			}
		})
	}
}

func TestClientNoKey(t *testing.T) {
	srv := newAPIServer(t, newAPIClock(), apiFixtureHandler(t))
	for _, key := range []string{"", "abc\ndef", "abc def"} {
		c := srv.client(nil)
		c.Key = key
		_, err := c.Event(context.Background(), 368663)
		e := apiWantKind(t, err, APINoKey, "connpass API key")
		if key == "" && (e.Msg != "no connpass API key" || e.Hint != apiHintKey) {
			t.Errorf("Msg, Hint = %q, %q", e.Msg, e.Hint)
		}
		if key != "" && strings.Contains(e.Msg+e.Hint, key) {
			t.Errorf("the message quotes the key: %q", e.Msg)
		}
	}
	if n := srv.Count(); n != 0 {
		t.Errorf("%d requests, want none", n)
	}
}

func TestClientNoSuchEvent(t *testing.T) {
	dir := t.TempDir()
	srv := newAPIServer(t, newAPIClock(), apiFixtureHandler(t))
	c := srv.client(nil)
	c.Cache = &Cache{Dir: dir}
	_, err := c.Event(context.Background(), 1)
	e := apiWantKind(t, err, APINotFound, "connpass has no event 1")
	if !errors.Is(err, ErrNoSuchEvent) || e.Hint == "" {
		t.Errorf("errors.Is(err, ErrNoSuchEvent) = false or no hint: %#v", e)
	}
	// A "no" is not cached: the event may be published later.
	if files := apiFiles(t, dir); len(files) != 0 {
		t.Errorf("cache holds %v", files)
	}
	for _, id := range []int{0, -5} {
		_, err := c.Event(context.Background(), id)
		apiWantKind(t, err, APIBadRequest, "invalid connpass event id")
	}
	if n := srv.Count(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestClient429ThenSuccess(t *testing.T) {
	clock := newAPIClock()
	for _, tc := range []struct {
		name, retryAfter, want string
	}{
		{"seconds", "7", "[7s]"},
		{"date", clock.Now().Add(5 * time.Second).Format(http.TimeFormat), "[5s]"},
		{"absent", "", "[1s]"},
		{"garbage", "soon", "[1s]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newAPIClock()
			var warn bytes.Buffer
			srv := newAPIServer(t, clock, apiStatusHandler(t, 1, http.StatusTooManyRequests, "slow down", "Retry-After", tc.retryAfter))
			ev, err := srv.client(&warn).Event(context.Background(), 368663)
			if err != nil {
				t.Fatal(err)
			}
			if ev.ID != 368663 {
				t.Errorf("ID = %d", ev.ID)
			}
			if got := clock.Sleeps(); got != tc.want {
				t.Errorf("slept %s, want %s", got, tc.want)
			}
			if n := srv.Count(); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
			if seen := srv.Seen(); seen[1].At.Sub(seen[0].At) < time.Second {
				t.Errorf("retry sent %v after the first request", seen[1].At.Sub(seen[0].At))
			}
			if !strings.Contains(warn.String(), "the connpass API answered 429 Too Many Requests; retrying /api/v2/events/?event_id=368663 in") {
				t.Errorf("warning = %q", warn.String())
			}
		})
	}
}

func TestClient429BeyondRetries(t *testing.T) {
	clock := newAPIClock()
	srv := newAPIServer(t, clock, apiStatusHandler(t, 99, http.StatusTooManyRequests, ""))
	_, err := srv.client(nil).Event(context.Background(), 368663)
	e := apiWantKind(t, err, APIRateLimited, "429")
	if e.Hint != "wait a minute and run again; cached responses are reused" || e.Status != 429 {
		t.Errorf("Status, Hint = %d, %q", e.Status, e.Hint)
	}
	if n := srv.Count(); n != DefaultMaxTries {
		t.Errorf("%d requests, want %d", n, DefaultMaxTries)
	}
	if got := clock.Sleeps(); got != "[1s 2s]" {
		t.Errorf("slept %s, want [1s 2s]", got)
	}

	// A Retry-After longer than a minute is not waited for.
	clock = newAPIClock()
	srv = newAPIServer(t, clock, apiStatusHandler(t, 99, http.StatusTooManyRequests, "", "Retry-After", "3600"))
	_, err = srv.client(nil).Event(context.Background(), 368663)
	apiWantKind(t, err, APIRateLimited, "asks to wait 1h0m0s")
	if n := srv.Count(); n != 1 || clock.Sleeps() != "[]" {
		t.Errorf("%d requests, slept %s; want 1 and none", n, clock.Sleeps())
	}
}

func TestClient5xxThenSuccess(t *testing.T) {
	clock := newAPIClock()
	var warn bytes.Buffer
	srv := newAPIServer(t, clock, apiStatusHandler(t, 1, http.StatusBadGateway, "bad gateway"))
	if _, err := srv.client(&warn).Event(context.Background(), 368663); err != nil {
		t.Fatal(err)
	}
	if n := srv.Count(); n != 2 || clock.Sleeps() != "[1s]" {
		t.Errorf("%d requests, slept %s; want 2 and [1s]", n, clock.Sleeps())
	}
	if want := "the connpass API failed with 502 Bad Gateway; retrying /api/v2/events/?event_id=368663 in 1s (try 2 of 3)\n"; warn.String() != want {
		t.Errorf("warning = %q, want %q", warn.String(), want)
	}
}

func TestClient5xxBeyondRetries(t *testing.T) {
	clock := newAPIClock()
	srv := newAPIServer(t, clock, apiStatusHandler(t, 99, http.StatusInternalServerError, `{"detail":"oops"}`))
	c := srv.client(nil)
	c.MaxTries = 4
	_, err := c.Event(context.Background(), 368663)
	e := apiWantKind(t, err, APIServerError, "the connpass API kept failing with 500 Internal Server Error (4 tries)")
	if e.Status != 500 || e.Hint == "" {
		t.Errorf("Status, Hint = %d, %q", e.Status, e.Hint)
	}
	if n := srv.Count(); n != 4 {
		t.Errorf("%d requests, want exactly MaxTries = 4", n)
	}
	if got := clock.Sleeps(); got != "[1s 2s 4s]" {
		t.Errorf("slept %s, want [1s 2s 4s]", got)
	}
}

func TestClientTimeout(t *testing.T) {
	clock := newAPIClock()
	done := make(chan struct{})
	srv := newAPIServer(t, clock, func(_ int, w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-done:
		}
	})
	defer close(done) // runs before srv.Close (t.Cleanup), so no handler is left blocking
	c := srv.client(nil)
	c.Timeout = 50 * time.Millisecond
	c.MaxTries = 2
	start := time.Now()
	_, err := c.Event(context.Background(), 368663)
	e := apiWantKind(t, err, APITimeout, "the connpass API did not answer within 50ms (2 tries)")
	if e.Hint == "" {
		t.Error("no hint")
	}
	if errors.Is(err, context.Canceled) {
		t.Error("a timeout is not a cancellation")
	}
	if n := srv.Count(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestClientCutOff(t *testing.T) {
	body := mustReadFile(t, filepath.Join(api368663, "api", "events.json"))

	// The connection closes before Content-Length bytes came: retried, as a
	// broken connection is, then reported as cut off.
	clock := newAPIClock()
	srv := newAPIServer(t, clock, func(_ int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.Write(body[:len(body)/2])
	})
	_, err := srv.client(nil).Event(context.Background(), 368663)
	apiWantKind(t, err, APIBadBody, "connpass API response was cut off (3 tries)")
	if n := srv.Count(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}

	// The HTTP framing is complete but the JSON is not (a proxy, say):
	// reported at once.
	srv = newAPIServer(t, newAPIClock(), func(_ int, w http.ResponseWriter, r *http.Request) {
		w.Write(body[:len(body)/2])
	})
	_, err = srv.client(nil).Event(context.Background(), 368663)
	apiWantKind(t, err, APIBadBody, "connpass API response was cut off")
	if n := srv.Count(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}

	// The server hangs up without answering: retried, and the retry works.
	srv = newAPIServer(t, newAPIClock(), func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			conn.Close()
			return
		}
		w.Write(body)
	})
	if _, err := srv.client(nil).Event(context.Background(), 368663); err != nil {
		t.Fatal(err)
	}
	if n := srv.Count(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestClientTooLarge(t *testing.T) {
	big := `{"events":[` + strings.Repeat(" ", 200) + `]}`
	for _, tc := range []struct {
		name  string
		write func(w http.ResponseWriter)
	}{
		{"content-length", func(w http.ResponseWriter) { io.WriteString(w, big) }},
		{"chunked", func(w http.ResponseWriter) {
			io.WriteString(w, big[:10])
			w.(http.Flusher).Flush() // no Content-Length: the cap must hold while reading
			io.WriteString(w, big[10:])
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newAPIServer(t, newAPIClock(), func(_ int, w http.ResponseWriter, r *http.Request) { tc.write(w) })
			c := srv.client(nil)
			c.MaxBody = 100
			_, err := c.Event(context.Background(), 368663)
			apiWantKind(t, err, APITooLarge, "larger than 100 bytes")
			if n := srv.Count(); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
	// Exactly at the cap is fine.
	srv := newAPIServer(t, newAPIClock(), func(_ int, w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"events":[]}`)
	})
	c := srv.client(nil)
	c.MaxBody = int64(len(`{"events":[]}`))
	_, err := c.Event(context.Background(), 368663)
	apiWantKind(t, err, APINotFound, "no event")
}

const apiMaintenancePage = "<!DOCTYPE html>\n<html lang=\"ja\"><head><title>メンテナンス中 - connpass</title></head><body><p>ただいまメンテナンス中です。</p></body></html>\n"

func TestClientHTMLMaintenance(t *testing.T) {
	srv := newAPIServer(t, newAPIClock(), func(_ int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, apiMaintenancePage)
	})
	_, err := srv.client(nil).Event(context.Background(), 368663)
	apiWantKind(t, err, APIBadBody, "connpass API answered HTML, not JSON (maintenance page?)")
	if n := srv.Count(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}

	clock := newAPIClock()
	srv = newAPIServer(t, clock, apiStatusHandler(t, 99, http.StatusServiceUnavailable, apiMaintenancePage, "Content-Type", "text/html"))
	_, err = srv.client(nil).Presentations(context.Background(), 368663)
	apiWantKind(t, err, APIServerError, "503 Service Unavailable with an HTML page (maintenance?) (3 tries)")
	if n := srv.Count(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestClient4xxNotRetried(t *testing.T) {
	for _, tc := range []struct {
		status int
		kind   APIErrorKind
		want   string
	}{
		{404, APINotFound, "the connpass API answered 404 Not Found for /api/v2/events/368663/presentations/"},
		{400, APIBadRequest, "the connpass API rejected the request for /api/v2/events/368663/presentations/ (400 Bad Request)"},
		{410, APIBadRequest, "410 Gone"},
	} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			clock := newAPIClock()
			srv := newAPIServer(t, clock, apiStatusHandler(t, 99, tc.status, "<html>nope</html>"))
			_, err := srv.client(nil).Presentations(context.Background(), 368663)
			e := apiWantKind(t, err, tc.kind, tc.want)
			if e.Status != tc.status {
				t.Errorf("Status = %d", e.Status)
			}
			if n := srv.Count(); n != 1 || clock.Sleeps() != "[]" {
				t.Errorf("%d requests, slept %s; want 1 and none", n, clock.Sleeps())
			}
		})
	}
}

func TestClientSpacing(t *testing.T) {
	clock := newAPIClock()
	srv := newAPIServer(t, clock, apiFixtureHandler(t))
	c := srv.client(nil)
	ctx := context.Background()
	if _, err := c.Event(ctx, 368663); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Presentations(ctx, 368663); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Event(ctx, 368663); err != nil {
		t.Fatal(err)
	}
	seen := srv.Seen()
	for i := 1; i < len(seen); i++ {
		if d := seen[i].At.Sub(seen[i-1].At); d < time.Second {
			t.Errorf("request %d came %v after request %d, want at least 1s", i+1, d, i)
		}
	}
	if got := clock.Sleeps(); got != "[1s 1s]" {
		t.Errorf("slept %s, want [1s 1s]", got)
	}

	// Time that passed on its own counts toward the second.
	clock.mu.Lock()
	clock.now = clock.now.Add(400 * time.Millisecond)
	clock.sleeps = nil
	clock.mu.Unlock()
	if _, err := c.Event(ctx, 368663); err != nil {
		t.Fatal(err)
	}
	if got := clock.Sleeps(); got != "[600ms]" {
		t.Errorf("slept %s, want [600ms]", got)
	}
}

func TestClientSpacingConcurrent(t *testing.T) {
	clock := newAPIClock()
	first := clock.Now()
	srv := newAPIServer(t, clock, apiFixtureHandler(t))
	c := srv.client(nil)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Event(context.Background(), 368663); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	// Each caller booked its own slot, one second apart: the last one is 3s
	// after the first. (The fake clock is shared by the sleepers, so the
	// server's view of the times says less.)
	c.pacer.mu.Lock()
	last := c.pacer.last
	c.pacer.mu.Unlock()
	if d := last.Sub(first); d != 3*time.Second {
		t.Errorf("last slot %v after the first, want 3s (slept %s)", d, clock.Sleeps())
	}
	if n := srv.Count(); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
}

// TestClientShortKeyKeepsHints: a short key (a test key such as "e") is
// scrubbed from what a server says, and leaves the client's own hints whole.
func TestClientShortKeyKeepsHints(t *testing.T) {
	srv := newAPIServer(t, newAPIClock(), func(n int, w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		fmt.Fprintf(w, "bad key %s", r.Header.Get("X-API-Key"))
	})
	c := srv.client(nil)
	c.Key = "e"
	_, err := c.Event(context.Background(), 368663)
	var e *APIError
	if !errors.As(err, &e) {
		t.Fatalf("%T %v", err, err)
	}
	if e.Hint != apiHintServer {
		t.Errorf("hint %q, want %q", e.Hint, apiHintServer)
	}
	if strings.Contains(e.Msg, "bad key e") {
		t.Errorf("the message holds the key: %s", e.Msg)
	}
}

func TestClientKeyNeverLeaks(t *testing.T) {
	dir := t.TempDir()
	var warn bytes.Buffer
	elsewhere := newAPIServer(t, newAPIClock(), func(int, http.ResponseWriter, *http.Request) {})
	body := mustReadFile(t, filepath.Join(api368663, "api", "events.json"))
	scenarios := []func(n int, w http.ResponseWriter, r *http.Request){
		// The key echoed back in a body, in headers and in a redirect.
		func(n int, w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(500)
			fmt.Fprintf(w, "bad key %s", r.Header.Get("X-API-Key"))
		},
		func(n int, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", r.Header.Get("X-API-Key"))
			w.WriteHeader(429)
		},
		func(n int, w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(401)
			fmt.Fprintf(w, `{"detail":"invalid key %s"}`, r.Header.Get("X-API-Key"))
		},
		func(n int, w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, elsewhere.URL+"/steal?key="+r.Header.Get("X-API-Key"), http.StatusFound)
		},
		func(n int, w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `{"events":[{"id":"%s"}]}`, r.Header.Get("X-API-Key"))
		},
		func(n int, w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<html>%s</html>`, r.Header.Get("X-API-Key"))
		},
		// A success, so that the cache has an entry to look into.
		func(n int, w http.ResponseWriter, r *http.Request) { w.Write(body) },
	}
	for i, h := range scenarios {
		srv := newAPIServer(t, newAPIClock(), h)
		c := srv.client(&warn)
		c.Cache = &Cache{Dir: dir}
		c.Refresh = true
		_, err := c.Event(context.Background(), 368663)
		if i == len(scenarios)-1 {
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err == nil {
			t.Fatalf("scenario %d: no error", i)
		}
		var e *APIError
		if !errors.As(err, &e) {
			t.Fatalf("scenario %d: %T", i, err)
		}
		if s := fmt.Sprintf("%v %+v %q %q", err, e, e.Msg, e.Hint); strings.Contains(s, apiTestKey) {
			t.Errorf("scenario %d: the error holds the key: %s", i, s)
		}
	}
	if strings.Contains(warn.String(), apiTestKey) {
		t.Errorf("the warnings hold the key: %s", warn.String())
	}
	if elsewhere.Count() != 0 {
		t.Errorf("a redirect to another host was followed")
	}
	files := apiFiles(t, dir)
	if len(files) != 1 {
		t.Errorf("cache files: %v, want 1", files)
	}
	for _, f := range files {
		if strings.Contains(f, apiTestKey) {
			t.Errorf("cache file name holds the key: %s", f)
		}
		b := mustReadFile(t, filepath.Join(dir, f))
		if bytes.Contains(b, []byte(apiTestKey)) {
			t.Errorf("cache file %s holds the key", f)
		}
		if _, rest, _ := bytes.Cut(b, []byte("\n")); !bytes.Equal(rest, body) {
			t.Errorf("cache file %s is not a key line and the response body", f)
		}
	}
}

func TestClientRedirectSameHost(t *testing.T) {
	// A redirect on the same host is followed, and Go sends the key again.
	body := mustReadFile(t, filepath.Join(api368663, "api", "events.json"))
	srv := newAPIServer(t, newAPIClock(), func(n int, w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("moved") == "1" && r.Header.Get("X-API-Key") == apiTestKey {
			w.Write(body)
			return
		}
		http.Redirect(w, r, "/api/v2/events/?event_id=368663&moved=1", http.StatusMovedPermanently)
	})
	ev, err := srv.client(nil).Event(context.Background(), 368663)
	if err != nil {
		t.Fatal(err)
	}
	if ev.ID != 368663 || srv.Count() != 2 {
		t.Errorf("ID = %d after %d requests", ev.ID, srv.Count())
	}
}

func TestClientNetworkError(t *testing.T) {
	clock := newAPIClock()
	srv := newAPIServer(t, clock, apiFixtureHandler(t))
	c := srv.client(nil)
	srv.Close() // nothing listens there any more: connection refused
	_, err := c.Event(context.Background(), 368663)
	e := apiWantKind(t, err, APINetwork, "cannot reach the connpass API")
	if e.Hint == "" || strings.Contains(e.Msg, "http://") {
		t.Errorf("Msg, Hint = %q, %q", e.Msg, e.Hint)
	}
	if got := clock.Sleeps(); got != "[1s 2s]" {
		t.Errorf("slept %s, want [1s 2s] (3 tries)", got)
	}
}

func TestClientCache(t *testing.T) {
	dir := t.TempDir()
	clock := newAPIClock()
	srv := newAPIServer(t, clock, apiFixtureHandler(t))
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		c := srv.client(nil) // a new client each time, as a new run of scaffold
		c.Cache = &Cache{Dir: dir}
		ev, err := c.Event(ctx, 368663)
		if err != nil {
			t.Fatal(err)
		}
		apiCheckEvent(t, *ev, api368663Event)
		ms, err := c.Presentations(ctx, 368663)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(ms) != fmt.Sprint(api368663Materials) {
			t.Errorf("run %d: Presentations = %+v", i+1, ms)
		}
		if n := srv.Count(); n != 2 {
			t.Errorf("run %d: %d requests in all, want 2 (the second run is served by the cache)", i+1, n)
		}
	}
	// One file per response, holding the key line and exactly the body.
	files := apiFiles(t, dir)
	if len(files) != 2 {
		t.Fatalf("cache files %v, want 2", files)
	}
	cache := &Cache{Dir: dir}
	for key, file := range map[string]string{
		srv.URL + "/api/v2/events/?event_id=368663":      "events.json",
		srv.URL + "/api/v2/events/368663/presentations/": "presentations.json",
	} {
		b, ok, err := cache.Get(key, time.Time{})
		if err != nil || !ok {
			t.Fatalf("Get(%q) = %v, %v", key, ok, err)
		}
		if !bytes.Equal(b, mustReadFile(t, filepath.Join(api368663, "api", file))) {
			t.Errorf("cache entry %s is not the body of %s", key, file)
		}
	}

	// Offline, a hit needs neither the network nor a key.
	c := srv.client(nil)
	c.Cache = cache
	c.Offline = true
	c.Key = ""
	if _, err := c.Event(ctx, 368663); err != nil {
		t.Errorf("offline hit: %v", err)
	}
	if n := srv.Count(); n != 2 {
		t.Errorf("%d requests, want still 2", n)
	}
}

func TestClientCacheDamagedEntry(t *testing.T) {
	dir := t.TempDir()
	cache := &Cache{Dir: dir}
	srv := newAPIServer(t, newAPIClock(), apiFixtureHandler(t))
	if err := cache.Put(srv.URL+"/api/v2/events/?event_id=368663", []byte(`{"events":[{"id":3686`), time.Time{}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	var warn bytes.Buffer
	c := srv.client(&warn)
	c.Cache = cache
	if _, err := c.Event(context.Background(), 368663); err != nil {
		t.Fatal(err)
	}
	if n := srv.Count(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	if !strings.Contains(warn.String(), "ignoring a damaged cache entry") {
		t.Errorf("warning = %q", warn.String())
	}
	b, _, _ := cache.Get(srv.URL+"/api/v2/events/?event_id=368663", time.Time{})
	if !bytes.Equal(b, mustReadFile(t, filepath.Join(api368663, "api", "events.json"))) {
		t.Error("the damaged entry was not replaced")
	}
}

func TestClientOfflineMiss(t *testing.T) {
	srv := newAPIServer(t, newAPIClock(), apiFixtureHandler(t))
	for _, cache := range []*Cache{{Dir: t.TempDir()}, nil} {
		c := srv.client(nil)
		c.Cache = cache
		c.Offline = true
		_, err := c.Event(context.Background(), 368663)
		e := apiWantKind(t, err, APIOffline, "/api/v2/events/?event_id=368663, and the network is off")
		if e.Hint == "" {
			t.Error("no hint")
		}
		_, err = c.Presentations(context.Background(), 368663)
		apiWantKind(t, err, APIOffline, "/api/v2/events/368663/presentations/")
	}
	if n := srv.Count(); n != 0 {
		t.Errorf("%d requests, want none", n)
	}
}

func TestClientRefresh(t *testing.T) {
	dir := t.TempDir()
	body := mustReadFile(t, filepath.Join(api368663, "api", "events.json"))
	srv := newAPIServer(t, newAPIClock(), func(n int, w http.ResponseWriter, r *http.Request) {
		// The second answer has one more participant.
		w.Write(bytes.Replace(body, []byte(`"accepted": 80`), []byte(fmt.Sprintf(`"accepted": %d`, 79+n)), 1))
	})
	c := srv.client(nil)
	c.Cache = &Cache{Dir: dir}
	if ev, err := c.Event(context.Background(), 368663); err != nil || ev.Accepted != 80 {
		t.Fatalf("first: %v, %v", ev, err)
	}
	c.Refresh = true
	ev, err := c.Event(context.Background(), 368663)
	if err != nil || ev.Accepted != 81 {
		t.Fatalf("refresh: %v, %v", ev, err)
	}
	if n := srv.Count(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	// The entry was overwritten: a plain run now reads 81 from the cache.
	c.Refresh = false
	if ev, err := c.Event(context.Background(), 368663); err != nil || ev.Accepted != 81 {
		t.Errorf("after refresh: %v, %v", ev, err)
	}
	if n := srv.Count(); n != 2 {
		t.Errorf("%d requests, want still 2", n)
	}
	if files := apiFiles(t, dir); len(files) != 1 {
		t.Errorf("cache files %v, want 1", files)
	}
}

func TestClientCancelDuringRetryAfter(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := newAPIServer(t, newAPIClock(), apiStatusHandler(t, 99, http.StatusTooManyRequests, "", "Retry-After", "30"))
	c := srv.client(nil)
	c.Cache = &Cache{Dir: dir}
	var waited []time.Duration
	c.Sleep = func(ctx context.Context, d time.Duration) error {
		waited = append(waited, d)
		cancel() // the user presses ^C during the wait
		<-ctx.Done()
		return ctx.Err()
	}
	start := time.Now()
	_, err := c.Event(ctx, 368663)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want it to wrap context.Canceled", err)
	}
	apiWantKind(t, err, APICanceled, "interrupted")
	if fmt.Sprint(waited) != "[30s]" {
		t.Errorf("waited %v, want [30s]", waited)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
	if n := srv.Count(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	if files := apiFiles(t, dir); len(files) != 0 {
		t.Errorf("cache dir holds %v", files)
	}
}

func TestClientCancelDefaultSleep(t *testing.T) {
	// The same with the default sleeper and the real clock: the 30s timer
	// is abandoned as soon as the context is cancelled.
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	answered := make(chan struct{}, 1)
	srv := newAPIServer(t, newAPIClock(), func(n int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusTooManyRequests)
		answered <- struct{}{}
	})
	go func() {
		<-answered
		time.Sleep(10 * time.Millisecond)
		cancel()
	}()
	c := &Client{BaseURL: srv.URL + "/api/v2/", Key: apiTestKey, Cache: &Cache{Dir: dir}}
	start := time.Now()
	_, err := c.Event(ctx, 368663)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want it to wrap context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	if files := apiFiles(t, dir); len(files) != 0 {
		t.Errorf("cache dir holds %v", files)
	}
}

func TestClientCancelDuringRequest(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	srv := newAPIServer(t, newAPIClock(), func(_ int, w http.ResponseWriter, r *http.Request) {
		cancel()
		select {
		case <-r.Context().Done():
		case <-done:
		}
	})
	defer close(done)
	_, err := srv.client(nil).Event(ctx, 368663)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want it to wrap context.Canceled", err)
	}
	apiWantKind(t, err, APICanceled, "interrupted")
	if n := srv.Count(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}

	// Already cancelled: nothing is sent.
	_, err = srv.client(nil).Presentations(ctx, 368663)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if n := srv.Count(); n != 1 {
		t.Errorf("%d requests, want still 1", n)
	}
}

func TestClientPresentationsPaging(t *testing.T) {
	srv := newAPIServer(t, newAPIClock(), func(n int, w http.ResponseWriter, r *http.Request) {
		item := func(i int) string {
			return fmt.Sprintf(`{"user":{"id":%d,"nickname":"u%d"},"url":"https://example.com/%d","name":"talk %d","presenter":null,"presentation_type":"slide","created_at":"2025-10-29T22:00:00+09:00"}`, i, i, i, i)
		}
		switch r.URL.Query().Get("start") {
		case "":
			fmt.Fprintf(w, `{"results_returned":2,"results_available":3,"results_start":1,"presentations":[%s,%s]}`, item(1), item(2))
		case "3":
			fmt.Fprintf(w, `{"results_returned":1,"results_available":3,"results_start":3,"presentations":[%s]}`, item(3))
		default:
			http.NotFound(w, r)
		}
	})
	ms, err := srv.client(nil).Presentations(context.Background(), 42)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 3 || ms[2] != (Material{Title: "talk 3", URL: "https://example.com/3", Presenter: "u3"}) {
		t.Errorf("got %+v", ms)
	}
	seen := srv.Seen()
	if len(seen) != 2 || seen[0].Query != "" || seen[1].Query != "start=3" || seen[1].Path != "/api/v2/events/42/presentations/" {
		t.Errorf("requests %+v", seen)
	}
}

func TestClientBadBaseURL(t *testing.T) {
	c := &Client{BaseURL: "::not a url", Key: apiTestKey}
	_, err := c.Event(context.Background(), 1)
	apiWantKind(t, err, APIBadRequest, "invalid connpass API base URL")

	// A scheme the client cannot speak is refused at once, not retried.
	slept := 0
	c = &Client{BaseURL: "ftp://connpass.example/api/v2/", Key: apiTestKey, Sleep: func(context.Context, time.Duration) error { slept++; return nil }}
	_, err = c.Event(context.Background(), 1)
	apiWantKind(t, err, APIBadRequest, "invalid connpass API base URL")
	if slept > 0 {
		t.Errorf("slept %d times before refusing an ftp base", slept)
	}
}

// apiFiles lists the names in dir (none when it does not exist).
func apiFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
