package fetch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Real captures (see testdata/README.md, "Event pages and error pages").
const (
	page2026 = "../testdata/connpass/real/gdg-jp__gdgjp__subevent-published_after-cancel.html"
	page2017 = "../testdata/connpass/real/shule517__nagoya-benkyokai__vcr__find_jxug_event-30152.html"
	page404  = "../testdata/connpass/real/rubyist-connect__rubyist-connect__vcr_1_not_found_root_event-1-participation.html"
	page403  = "../testdata/connpass/real/rubyist-connect__rubyist-connect__vcr_38763_forbidden_x_event-38763-participation.html"
	// Reconstructed by hand in today's markup (see testdata/README.md).
	page368663 = "../testdata/connpass/368663/event.html"
	desc368663 = "../testdata/connpass/368663/description.html"
)

func mustReadFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func mustParseEventFile(tb testing.TB, path string) *Event {
	tb.Helper()
	ev, err := ParseEventPage(strings.NewReader(string(mustReadFile(tb, path))))
	if err != nil {
		tb.Fatalf("ParseEventPage(%s): %v", filepath.Base(path), err)
	}
	return ev
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseEventPage(t *testing.T) {
	tests := []struct {
		name string
		file string
		// want holds every field but Owners and Description, which are
		// checked through owners, ownerCount and the description fields.
		want         Event
		ownerCount   int
		owners       map[int]Owner // index -> owner
		descContains []string
		descEquals   string // when set, the description must equal it
	}{
		{
			name: "2026 cancelled sub-event",
			file: page2026,
			want: Event{
				ID:             403753,
				Title:          "サブイベント1", // not the main event's "(メインイベント未公開)"
				URL:            "https://yunineko.connpass.com/event/403753/",
				GroupName:      "yunineko",
				GroupSubdomain: "yunineko",
				Status:         "中止",
				Start:          utc("2026-04-19T09:00:00Z"),
				End:            utc("2026-04-19T11:00:00Z"),
				Tickets: []TicketType{
					// No cap: the page shows "参加者数" where a method would be.
					{Name: "参加枠1", Fee: "無料", Method: "", Participants: 0, Capacity: 0},
				},
				Accepted: 0,
				Limit:    0,
			},
			ownerCount: 19,
			owners: map[int]Owner{
				0:  {Nickname: "snmy79", DisplayName: "Miyu Sone"},
				2:  {Nickname: "f-sara", DisplayName: "ささみ"},
				18: {Nickname: "Hasushi", DisplayName: "Hasu"},
			},
		},
		{
			name: "2017 event with three 参加枠",
			file: page2017,
			want: Event{
				ID:             30152,
				Title:          "JXUGC #14 Xamarin ハンズオン 名古屋大会",
				Catch:          "にゃごやでも話題の Xamarin を触ってみよう！",
				URL:            "https://jxug.connpass.com/event/30152/",
				GroupName:      "JXUG",
				GroupSubdomain: "jxug",
				Status:         "終了",
				Start:          utc("2016-05-15T04:00:00Z"),
				End:            utc("2016-05-15T07:00:00Z"),
				Place:          "熱田生涯学習センター",
				Address:        "熱田区熱田西町2-13",
				HashTag:        "JXUG",
				Tickets: []TicketType{
					{Name: "ハンズオン", Fee: "無料", Method: "先着順", Participants: 10, Capacity: 10},
					{Name: "ハンズオン＋懇親会", Fee: "3700円（会場払い）", Method: "先着順", Participants: 23, Capacity: 23},
					{Name: "サポートスタッフ", Fee: "無料", Method: "先着順", Participants: 5, Capacity: 5},
				},
				Accepted:  38,
				Limit:     38,
				Materials: []Material{{Title: "OP", URL: "https://doc.co/Q9CSiD"}},
			},
			ownerCount: 4,
			owners: map[int]Owner{
				0: {Nickname: "ytabuchi", DisplayName: "田淵義人@エクセルソフト"},
				2: {Nickname: "Kuxumarin", DisplayName: "くぅ - kuxu"},
				3: {Nickname: "Sophy", DisplayName: "Sophy"},
			},
			descContains: []string{
				"<p>こんにちは。エクセルソフトの田淵です。</p>",
				"<h3>場所</h3>\n<p>熱田生涯学習センター 第二集会室</p>",
				"<p>それでは、会場でお待ちしております(^^)</p>",
			},
		},
		{
			name: "368663 reconstructed in 2026 markup",
			file: page368663,
			want: Event{
				ID:             368663,
				Title:          "Japan Datadog User Group Meetup#13@東京",
				URL:            "https://datadog-jp.connpass.com/event/368663/",
				GroupName:      "Japan Datadog User Group",
				GroupSubdomain: "datadog-jp",
				Status:         "終了",
				Start:          utc("2025-10-29T10:00:00Z"),
				End:            utc("2025-10-29T12:30:00Z"),
				Place:          "株式会社ビズリーチ",
				Address:        "東京都渋谷区桜丘町1-1 渋谷サクラステージ SHIBUYAタワー",
				HashTag:        "jddug",
				Tickets: []TicketType{
					{Name: "会場参加枠", Fee: "無料", Method: "先着順", Participants: 29, Capacity: 40},
					{Name: "オンライン参加枠", Fee: "無料", Method: "先着順", Participants: 51, Capacity: 100},
				},
				Accepted: 80,
				Limit:    140,
			},
			ownerCount: 1,
			owners:     map[int]Owner{0: {Nickname: "jddug_staff", DisplayName: "JDDUG 運営"}},
			descContains: []string{
				// Both U+200B must survive: the description is not cleaned.
				"脅威モデリングからのセキュリティ強化：Datadog\u200bで実現する\u200bActive Defense",
				"<td>LT: ローカルLLMアプリ開発環境のモニタリング</td>",
			},
			descEquals: strings.TrimSpace(string(mustReadFile(t, desc368663))),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustParseEventFile(t, tt.file)
			checkEvent(t, got, &tt.want)

			if len(got.Owners) != tt.ownerCount {
				t.Errorf("len(Owners) = %d, want %d", len(got.Owners), tt.ownerCount)
			}
			for i, want := range tt.owners {
				if i >= len(got.Owners) {
					t.Errorf("Owners[%d] missing, want %+v", i, want)
					continue
				}
				if got.Owners[i] != want {
					t.Errorf("Owners[%d] = %+v, want %+v", i, got.Owners[i], want)
				}
			}

			if len(tt.descContains) == 0 && tt.descEquals == "" && got.Description != "" {
				t.Errorf("Description = %.80q…, want empty (the page has no #editor_area)", got.Description)
			}
			for _, s := range tt.descContains {
				if !strings.Contains(got.Description, s) {
					t.Errorf("Description does not contain %q", s)
				}
			}
			if tt.descEquals != "" && got.Description != tt.descEquals {
				t.Errorf("Description differs from description.html:\ngot:\n%s\nwant:\n%s", got.Description, tt.descEquals)
			}
		})
	}
}

// checkEvent compares every field but Owners and Description.
func checkEvent(t *testing.T, got, want *Event) {
	t.Helper()
	str := func(field, g, w string) {
		if g != w {
			t.Errorf("%s = %q, want %q", field, g, w)
		}
	}
	num := func(field string, g, w int) {
		if g != w {
			t.Errorf("%s = %d, want %d", field, g, w)
		}
	}
	instant := func(field string, g, w time.Time) {
		if !g.Equal(w) || g.Location() != time.UTC {
			t.Errorf("%s = %v, want %v (in UTC)", field, g, w)
		}
	}
	num("ID", got.ID, want.ID)
	str("Title", got.Title, want.Title)
	str("Catch", got.Catch, want.Catch)
	str("URL", got.URL, want.URL)
	str("GroupName", got.GroupName, want.GroupName)
	str("GroupSubdomain", got.GroupSubdomain, want.GroupSubdomain)
	str("Status", got.Status, want.Status)
	instant("Start", got.Start, want.Start)
	instant("End", got.End, want.End)
	str("Place", got.Place, want.Place)
	str("Address", got.Address, want.Address)
	str("HashTag", got.HashTag, want.HashTag)
	num("Accepted", got.Accepted, want.Accepted)
	num("Waiting", got.Waiting, want.Waiting)
	num("Limit", got.Limit, want.Limit)

	if len(got.Tickets) != len(want.Tickets) {
		t.Errorf("len(Tickets) = %d, want %d: got %+v", len(got.Tickets), len(want.Tickets), got.Tickets)
	}
	for i := range min(len(got.Tickets), len(want.Tickets)) {
		if got.Tickets[i] != want.Tickets[i] {
			t.Errorf("Tickets[%d] = %+v, want %+v", i, got.Tickets[i], want.Tickets[i])
		}
	}
	if len(got.Materials) != len(want.Materials) {
		t.Errorf("len(Materials) = %d, want %d: got %+v", len(got.Materials), len(want.Materials), got.Materials)
	}
	for i := range min(len(got.Materials), len(want.Materials)) {
		if got.Materials[i] != want.Materials[i] {
			t.Errorf("Materials[%d] = %+v, want %+v", i, got.Materials[i], want.Materials[i])
		}
	}
}

// TestParseEventPageNotEventPage checks that pages which are not event pages
// fail with a *NotEventPageError naming what was missing.
func TestParseEventPageNotEventPage(t *testing.T) {
	tests := []struct {
		name        string
		input       string
		wantMissing string
	}{
		{"connpass 404 page", string(mustReadFile(t, page404)), missingTitle},
		{"nginx 403 page", string(mustReadFile(t, page403)), missingTitle},
		{"empty", "", missingHTML},
		{"whitespace", " \n\t ", missingHTML},
		{"arbitrary HTML", "<html><head><title>Hello - connpass</title></head><body><h2>Hello</h2></body></html>", missingTitle},
		{"garbage bytes", "\x00\x01\x7f<<<>>>&&&;;", missingTitle}, // bytes no charset decodes are an *EncodingError (TestDecodeErrors)
		{"plain text", "connpass event 368663", missingTitle},
		{"empty title everywhere", `<meta property="og:url" content="https://x.connpass.com/event/1/"><h2 class="event_title"> <span class="label_status_event">x</span> </h2>`, missingTitle},
		{"no event URL", `<h2 class="event_title">Title</h2>`, missingURL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := ParseEventPage(strings.NewReader(tt.input))
			if err == nil {
				t.Fatalf("ParseEventPage = %+v, nil; want a NotEventPageError", ev)
			}
			if ev != nil {
				t.Errorf("ParseEventPage returned an event with the error %v", err)
			}
			var nep *NotEventPageError
			if !errors.As(err, &nep) {
				t.Fatalf("error %v (%T) is not a *NotEventPageError", err, err)
			}
			if nep.Missing != tt.wantMissing {
				t.Errorf("Missing = %q, want %q", nep.Missing, tt.wantMissing)
			}
			wantMsg := "not a connpass event page: no " + tt.wantMissing + " found"
			if err.Error() != wantMsg {
				t.Errorf("error = %q, want %q", err, wantMsg)
			}
		})
	}
}

func TestParseEventPageBadValues(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		wantErr string
	}{
		{
			name:    "URL without an event id",
			input:   `<meta property="og:url" content="https://x.connpass.com/"><h2 class="event_title">T</h2>`,
			wantErr: `the event URL "https://x.connpass.com/" has no event id`,
		},
		{
			name:    "event id zero",
			input:   `<meta property="og:url" content="https://connpass.com/event/0/"><h2 class="event_title">T</h2>`,
			wantErr: "has no event id",
		},
		{
			name: "start time not RFC 3339",
			input: `<meta property="og:url" content="https://x.connpass.com/event/5/"><h2 class="event_title">T</h2>
				<div class="event_schedule_area"><span class="dtstart"><span class="value-title" title="2026/04/19 18:00"></span></span></div>`,
			wantErr: `the start time "2026/04/19 18:00"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := ParseEventPage(strings.NewReader(tt.input))
			if err == nil {
				t.Fatalf("ParseEventPage = %+v, nil; want an error containing %q", ev, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %q, want it to contain %q", err, tt.wantErr)
			}
			var nep *NotEventPageError
			if errors.As(err, &nep) {
				t.Errorf("error %q is a NotEventPageError; it is an event page with a bad value", err)
			}
		})
	}
}

// TestParseEventPageFallbacks covers the second choices: the <title> when
// h2.event_title has no text, the "saved from url" comment when there is no
// og:url, the 開催日時 and 会場 rows when the side boxes are missing, and
// the totals when the participants box is missing.
func TestParseEventPageFallbacks(t *testing.T) {
	const page = `<!DOCTYPE html>
<!-- saved from url=(0058)https://Example-Group.connpass.com/event/123456/?utm_x=1#top -->
<html><head><title>Saved  Title　Here - connpass</title>
<meta property="og:title" content="Wrong (2026/04/19 18:00〜)"></head>
<body><h2 class="event_title"><span class="label_status_event open"><p class="month">4月</p></span>
<div class="bookmark_area"></div></h2>
<div class="event_ptype_area"><table><tbody>
<tr><th> 募集内容 </th><td><div class="ptypes">
 <div class="ptype"><p class="ptype_name">一般</p><p class="join_fee"><span class="amount">1,000</span>円</p>
  <p class="participants"><span class="determine">抽選</span><br><span class="amount"><span class="amount_over">12</span>/12</span>人</p></div>
 <div class="ptype"><p class="ptype_name">配信</p><p class="join_fee">無料</p>
  <p class="participants"><span class="determine">参加者数</span><br><span class="amount"><span>1,234</span></span>人</p></div>
</div></td></tr>
<tr><th>開催日時</th><td><span class="date">2026/12/31(木) 23:30&nbsp;～&nbsp;2027/01/01(金) 01:00</span></td></tr>
<tr><th>会場</th><td><p class="place_name">(場所未定)</p></td></tr>
</tbody></table></div>
<div class="event_group_area"><p class="group_title"><a href="https://Example-Group.connpass.com/">Example</a></p></div>
</body></html>`
	got, err := ParseEventPage(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	checkEvent(t, got, &Event{
		ID:             123456,
		Title:          "Saved Title\u3000Here",
		URL:            "https://Example-Group.connpass.com/event/123456/",
		GroupName:      "Example",
		GroupSubdomain: "example-group",
		Start:          utc("2026-12-31T14:30:00Z"),
		End:            utc("2026-12-31T16:00:00Z"),
		Tickets: []TicketType{
			{Name: "一般", Fee: "1,000円", Method: "抽選", Participants: 12, Capacity: 12},
			{Name: "配信", Fee: "無料", Participants: 1234},
		},
		Accepted: 1246, // the sum: there is no participants box
		Limit:    0,    // one 参加枠 has no cap
	})
}

// TestParseEventPageOwnTitleText checks the 2017 title: the bare text of
// h2.event_title without its label, subtitle and bookmark children.
func TestParseEventPageOwnTitleText(t *testing.T) {
	const page = `<title>Other - connpass</title><meta property="og:url" content="https://connpass.com/event/46087/">
<h2 class="event_title"><span class="label_status_event close"><p class="day">1</p></span>
  Groupless　Event <p class="event_subtitle">sub</p> <div class="bookmark_area">b</div></h2>`
	got, err := ParseEventPage(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Groupless\u3000Event" || got.Catch != "sub" || got.ID != 46087 || got.GroupName != "" || got.GroupSubdomain != "" {
		t.Errorf("got Title %q, Catch %q, ID %d, group %q/%q; want \"Groupless\u3000Event\" (the ideographic space kept), \"sub\", 46087, no group",
			got.Title, got.Catch, got.ID, got.GroupName, got.GroupSubdomain)
	}
}

// eventPathID replaced ^/event/([0-9]{1,18})(?:/|$).
func TestEventPathID(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"/event/368663/", "368663", true},
		{"/event/368663", "368663", true},
		{"/event/368663/participation/", "368663", true},
		{"/event/1", "1", true},
		{"/event/123456789012345678/", "123456789012345678", true},
		{"/event/1234567890123456789/", "", false}, // 19 digits
		{"/event/", "", false},
		{"/event//", "", false},
		{"/event/36x/", "", false},
		{"/event/368663?x", "", false},
		{"/event/３６８/", "", false}, // full-width digits
		{"/events/368663/", "", false},
		{"/ja/event/368663/", "", false},
		{"event/368663/", "", false},
		{"", "", false},
	} {
		got, ok := eventPathID(tc.in)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("eventPathID(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// acceptedCount replaced 参加者[（(]\s*([0-9][0-9,]*)\s*人[）)], and
// firstInt's count [0-9][0-9,]*.
func TestAcceptedCount(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		n        int // firstInt of want
	}{
		{"参加者（80人）", "80", 80},
		{"参加者(1,200 人)", "1,200", 1200},
		{"参加者（ 80 人)", "80", 80},
		{"参加者(\t80\n人）", "80", 80},
		{"参加者（0人）", "0", 0},
		{"参加者（8,,0,人）", "8,,0,", 80},
		{"参加者一覧（80人）", "", 0},
		{"参加者（,80人）", "", 0},
		{"参加者（80名）", "", 0},
		{"参加者（80人", "", 0},
		{"参加者（８０人）", "", 0},  // full-width digits
		{"参加者　（80人）", "", 0}, // an ideographic space is no \s
		{"参加者一覧（3人） 参加者（80人）", "80", 80},
		{"参加者参加者（80人）", "80", 80},
		{"", "", 0},
	} {
		got, ok := acceptedCount(tc.in)
		if ok != (tc.want != "") || got != tc.want {
			t.Errorf("acceptedCount(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
		if n, _ := firstInt(got); n != tc.n {
			t.Errorf("firstInt(%q) = %d, want %d", got, n, tc.n)
		}
	}
}

func TestFirstInt(t *testing.T) {
	for _, tc := range []struct {
		in string
		n  int
		ok bool
	}{
		{"29", 29, true},
		{"1,200人", 1200, true},
		{"定員 30人", 30, true},
		{"残り,5", 5, true},
		{"999999999", 999999999, true},
		{"1,000,000,000", 0, false}, // ten digits
		{"３０人", 0, false},
		{"", 0, false},
		{"人", 0, false},
	} {
		if n, ok := firstInt(tc.in); n != tc.n || ok != tc.ok {
			t.Errorf("firstInt(%q) = %d, %v; want %d, %v", tc.in, n, ok, tc.n, tc.ok)
		}
	}
}
