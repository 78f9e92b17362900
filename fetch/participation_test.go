package fetch

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

const ptRealDir = "../testdata/connpass/real"

// The numbers are the ones each page's table headers show (read from the
// HTML); each also matches the number of user rows in that table.
var participationPages = []struct {
	file string
	want Participation
}{
	{
		// 2017, three 参加枠, two of them with cancellations; a
		// "(退会ユーザー)" row among the ハンズオン＋懇親会 cancellations.
		file: "shule517__nagoya-benkyokai__vcr__find_jxug_event-30152-participation.html",
		want: Participation{
			EventID:  30152,
			EventURL: "https://jxug.connpass.com/event/30152/",
			Tickets: []TicketType{
				{Name: "ハンズオン", Participants: 10, Cancelled: 4},
				{Name: "ハンズオン＋懇親会", Participants: 23, Cancelled: 3},
				{Name: "サポートスタッフ", Participants: 5},
			},
		},
	},
	{
		file: "shule517__nagoya-benkyokai__vcr__find-less_users_root_event-51037-participation.html",
		want: Participation{
			EventID:  51037,
			EventURL: "https://connpass.com/event/51037/",
			Tickets: []TicketType{
				{Name: "チョコ持参", Participants: 3},
				{Name: "お酒持参", Participants: 2},
				{Name: "LT", Participants: 4},
			},
		},
	},
	{
		// Named "no_users" by its source, but it has applicants.
		file: "shule517__nagoya-benkyokai__vcr__find-no_users_root_event-49376-participation.html",
		want: Participation{
			EventID:  49376,
			EventURL: "https://connpass.com/event/49376/",
			Tickets:  []TicketType{{Name: "一般参加", Participants: 16, Cancelled: 6}},
		},
	},
	{
		file: "shule517__nagoya-benkyokai__vcr__owner-social-not_exist_jista-chubu_event-55940-participation.html",
		want: Participation{
			EventID:  55940,
			EventURL: "https://jista-chubu.connpass.com/event/55940/",
			Tickets:  []TicketType{{Name: "受験ガイドに参加！", Participants: 18, Cancelled: 1}},
		},
	},
	{
		// No applicants: the only table is tr.empty "イベント申込者はいません。".
		file: "shule517__nagoya-benkyokai__vcr__users-nothing_cocomue_event-50505-participation.html",
		want: Participation{
			EventID:  50505,
			EventURL: "https://cocomue.connpass.com/event/50505/",
		},
	},
	{
		file: "rubyist-connect__rubyist-connect__vcr_39406_root_event-39406-participation.html",
		want: Participation{
			EventID:  39406,
			EventURL: "https://connpass.com/event/39406/",
			Tickets:  []TicketType{{Name: "一般", Participants: 6, Cancelled: 2}},
		},
	},
	{
		// A "(退会ユーザー)" row (no <a> in p.display_name) among the participants.
		file: "rubyist-connect__rubyist-connect__vcr_41353_hikalab-kansai_event-41353-participation.html",
		want: Participation{
			EventID:  41353,
			EventURL: "https://hikalab-kansai.connpass.com/event/41353/",
			Tickets:  []TicketType{{Name: "参加枠1", Participants: 20, Cancelled: 14}},
		},
	},
	{
		// No applicants.
		file: "rubyist-connect__rubyist-connect__vcr_141508_67ws_event-141508-participation.html",
		want: Participation{
			EventID:  141508,
			EventURL: "https://67ws.connpass.com/event/141508/",
		},
	},
}

// ptCapture returns a real capture from testdata/connpass/real.
func ptCapture(tb testing.TB, name string) []byte {
	tb.Helper()
	return mustReadFile(tb, filepath.Join(ptRealDir, name))
}

// ptEventPage returns the 2017 event page of event 30152.
func ptEventPage(tb testing.TB) []byte {
	tb.Helper()
	return ptCapture(tb, "shule517__nagoya-benkyokai__vcr__find_jxug_event-30152.html")
}

func TestParseParticipationPage(t *testing.T) {
	for _, tt := range participationPages {
		t.Run(tt.file, func(t *testing.T) {
			b := mustReadFile(t, filepath.Join(ptRealDir, tt.file))
			got, err := ParseParticipationPage(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
			if k := sniffPage(b); k != PageParticipation {
				t.Errorf("sniffPage = %v, want %v", k, PageParticipation)
			}
		})
	}
}

// TestParticipationPagesCovered makes sure every participation capture in
// testdata has its numbers asserted above.
func TestParticipationPagesCovered(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(ptRealDir, "*participation*.html"))
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]bool{}
	for _, p := range participationPages {
		tested[p.file] = true
	}
	for _, f := range files {
		b := mustReadFile(t, f)
		if sniffPage(b) != PageParticipation {
			continue // a 404 or 403 page kept with the event-page captures
		}
		if !tested[filepath.Base(f)] {
			t.Errorf("%s: participation capture without a test case", filepath.Base(f))
		}
	}
}

func TestParseParticipationPageWaitlist(t *testing.T) {
	// Built by hand in the 2017-2020 markup (no real capture has a waitlist
	// or a lottery table): 現地参加 20 + 補欠者 2, one 参加枠 seen only in
	// the 抽選待ち list, and 配信 with cancellations only.
	const page = `<html><body class="event_participation"><div id="main">
<div class="title_with_thumb"><a href="https://yyphp.connpass.com/event/100183/" class="event_title">YYPHP</a>
<h2 class="page_title">イベント参加者・申込者一覧</h2></div>
<div class="concerned_area"><table><thead><tr><th>管理者<span class="participants_count">4人</span></th></tr></thead></table></div>
<div class="applicant_area">
<div class="participation_table_area"><table><thead><tr><th colspan="2">
  <span class="label_ptype_name">現地参加</span> 参加者 <span class="participants_count">20人</span></th></tr></thead></table></div>
<div class="lottery_table_area"><table><thead><tr><th colspan="2">
  <span class="label_ptype_name">懇親会</span> 抽選待ち <span class="participants_count">7人</span></th></tr></thead></table></div>
<a name="waitlist"><h3 class="title_3">補欠者一覧</h3></a>
<div class="waitlist_table_area"><table><thead><tr><th colspan="2">
  <span class="label_ptype_name">現地参加</span> 補欠者 <span class="participants_count">2人</span></th></tr></thead></table></div>
<a name="cancelled"><h3 class="title_3">キャンセル一覧</h3></a>
<div class="cancelled_table_area"><table><thead><tr><th colspan="2">
  <span class="label_ptype_name">配信\u200b　</span> キャンセル <span class="participants_count">3人</span></th></tr></thead></table></div>
</div></div></body></html>`
	got, err := ParseParticipationPage(strings.NewReader(strings.ReplaceAll(page, `\u200b`, "\u200b")))
	if err != nil {
		t.Fatal(err)
	}
	want := Participation{
		EventID:  100183,
		EventURL: "https://yyphp.connpass.com/event/100183/",
		Tickets: []TicketType{
			{Name: "現地参加", Participants: 20, Waitlist: 2},
			{Name: "懇親会", Waitlist: 7},
			{Name: "配信", Cancelled: 3},
		},
	}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("got  %+v\nwant %+v", *got, want)
	}
}

func TestParseParticipationPageBadHeader(t *testing.T) {
	for _, th := range []string{
		`<span class="label_ptype_name">一般</span> 参加者`,                                           // no count
		`<span class="label_ptype_name">一般</span> 参加者 <span class="participants_count">人</span>`, // no digits
		`参加者 <span class="participants_count">3人</span>`,                                         // no name
		`<span class="label_ptype_name">一般</span> <span class="participants_count">99999999999999999999人</span>`,
	} {
		page := `<div class="applicant_area"><div class="participation_table_area"><table><thead><tr><th>` +
			th + `</th></tr></thead></table></div></div>`
		_, err := ParseParticipationPage(strings.NewReader(page))
		if err == nil {
			t.Errorf("%s: no error", th)
			continue
		}
		if !strings.Contains(err.Error(), ".participation_table_area #1") {
			t.Errorf("%s: error %q does not name the table", th, err)
		}
	}
}

func TestParseParticipationPageNotParticipation(t *testing.T) {
	inputs := map[string][]byte{
		"event page 30152": ptEventPage(t),
		"garbage":          []byte("\x00\x01 not html at all <<<"), // undecodable bytes: TestDecodeErrors
		"empty":            nil,
		"title only":       []byte(`<h2 class="page_title">イベント参加者・申込者一覧</h2>`),
	}
	for name, b := range inputs {
		_, err := ParseParticipationPage(bytes.NewReader(b))
		var npe *NotParticipationPageError
		if !errors.As(err, &npe) {
			t.Errorf("%s: err = %v, want *NotParticipationPageError", name, err)
			continue
		}
		if npe.Missing != "div.applicant_area" {
			t.Errorf("%s: Missing = %q", name, npe.Missing)
		}
		if !strings.Contains(err.Error(), "div.applicant_area") {
			t.Errorf("%s: error %q does not say what is missing", name, err)
		}
	}
}

// sniffPage is the kind pageKind tells for the saved page b, PageUnknown
// when b does not parse: ReadSavedPage's first step, on its own.
func sniffPage(b []byte) PageKind {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
	if err != nil {
		return PageUnknown
	}
	return pageKind(doc)
}

func TestSniffPage(t *testing.T) {
	tests := []struct {
		name string
		b    []byte
		want PageKind
	}{
		{"event page 2017", ptEventPage(t), PageEvent},
		{"participation 2017", mustReadFile(t, filepath.Join(ptRealDir, participationPages[0].file)), PageParticipation},
		{"title only", []byte(`<h2 class="page_title">イベント参加者・申込者一覧</h2>`), PageParticipation},
		{"body#event_detail", []byte(`<body id="event_detail"></body>`), PageEvent},
		{"h2.event_title", []byte(`<h2 class="event_title">x</h2>`), PageEvent},
		{"a.event_title only", []byte(`<a class="event_title" href="/event/1/">x</a>`), PageUnknown},
		{"garbage", []byte("\x00\xff<<<"), PageUnknown},
		{"empty", nil, PageUnknown},
	}
	for name, want := range map[string]PageKind{
		"gdg-jp__gdgjp__subevent-published_after-cancel.html":                                    PageEvent,
		"gdg-jp__gdgjp__group-events.html":                                                       PageUnknown,
		"gdg-jp__gdgjp__group-home.html":                                                         PageUnknown,
		"denjiry__scraping__index.html":                                                          PageUnknown,
		"yamato-sorariku__yyphp-connpass-member-list-api__connpass.html":                         PageUnknown,
		"rubyist-connect__rubyist-connect__vcr_1_not_found_root_event-1-participation.html":      PageUnknown,
		"rubyist-connect__rubyist-connect__vcr_38763_forbidden_x_event-38763-participation.html": PageUnknown,
	} {
		tests = append(tests, struct {
			name string
			b    []byte
			want PageKind
		}{name, ptCapture(t, name), want})
	}
	for _, tt := range tests {
		if got := sniffPage(tt.b); got != tt.want {
			t.Errorf("%s: sniffPage = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func FuzzParseParticipationPage(f *testing.F) {
	// Seeds: a real page cut down to its applicant area (a whole page of
	// 20-110 KB slows every exec down), and small hand-made pages.
	page := string(mustReadFile(f, filepath.Join(ptRealDir, participationPages[5].file)))
	if i, j := strings.Index(page, `<div class="applicant_area">`), strings.Index(page, `<div id="side_area">`); i >= 0 && j > i {
		f.Add([]byte(page[i:j]))
	}
	f.Add([]byte(`<div class="applicant_area"><div class="waitlist_table_area"><table><thead><tr><th><span class="label_ptype_name">a</span><span class="participants_count">2人</span></th></tr></thead></table></div></div>`))
	f.Add([]byte("<a class=event_title href=/event/9999999999999999999999/>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParseParticipationPage(bytes.NewReader(b))
		_ = sniffPage(b)
		if err != nil {
			return
		}
		for _, tk := range p.Tickets {
			if tk.Name == "" || tk.Participants < 0 || tk.Waitlist < 0 || tk.Cancelled < 0 {
				t.Errorf("bad ticket %+v", tk)
			}
		}
	})
}
