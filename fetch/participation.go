package fetch

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
)

// Participation is what a saved participation page
// (https://{group}.connpass.com/event/{id}/participation/) says.
type Participation struct {
	EventID  int    // from the event link at the top of the page; 0 when the page has none
	EventURL string // that link as the page writes it, e.g. https://jxug.connpass.com/event/30152/
	// Tickets holds one entry per 参加枠 in the order the page first shows
	// it. Participants, Waitlist and Cancelled are the header counts
	// ("参加者 20人"); Fee, Method and Capacity are not on this page and stay
	// zero, and so does Attended (HasAttended is false).
	Tickets []TicketType
}

// NotParticipationPageError is returned by ParseParticipationPage for a page
// that is not a connpass participation page, such as an event page, a 404
// page or a file that is not HTML at all.
type NotParticipationPageError struct {
	Missing string // what the page lacks, e.g. "div.applicant_area"
}

func (e *NotParticipationPageError) Error() string {
	return "not a connpass participation page: no " + e.Missing
}

// PageKind is the kind of a saved connpass page (pageKind tells it).
type PageKind int

// Kinds of saved page.
const (
	PageUnknown       PageKind = iota // neither of the below (404, group page, not HTML, ...)
	PageEvent                         // an event page, /event/{id}/
	PageParticipation                 // a participation page, /event/{id}/participation/
)

func (k PageKind) String() string {
	switch k {
	case PageEvent:
		return "event page"
	case PageParticipation:
		return "participation page"
	}
	return "unknown page"
}

// participationTitle is the h2.page_title of every participation page seen
// (2017, 2020).
const participationTitle = "イベント参加者・申込者一覧"

var (
	// ptEventLinkRE finds the event id in a link such as
	// https://jxug.connpass.com/event/30152/ or /event/30152/participation/.
	ptEventLinkRE = lazyregexp.New(`/event/(\d+)(?:/|$)`)
	// ptCountRE finds the number in a header count such as "20人".
	ptCountRE = lazyregexp.New(`\d+`)
)

// pageKind tells which parser a parsed saved page needs (ReadSavedPage). It
// looks for the participation page's heading "イベント参加者・申込者一覧",
// div.applicant_area or body.event_participation first, then for an event
// page's body#event_detail or h2.event_title (the participation page has an
// a.event_title, never an h2). Anything else is PageUnknown.
func pageKind(doc *goquery.Document) PageKind {
	if firstMatch(doc.Selection, "body.event_participation").Length() > 0 || isParticipation(doc) {
		return PageParticipation
	}
	if firstMatch(doc.Selection, "body#event_detail, h2.event_title").Length() > 0 {
		return PageEvent
	}
	return PageUnknown
}

func isParticipation(doc *goquery.Document) bool {
	if firstMatch(doc.Selection, "div.applicant_area").Length() > 0 {
		return true
	}
	found := false
	doc.Find("h2.page_title").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		found = CleanText(s.Text()) == participationTitle
		return !found
	})
	return found
}

// The tables of div.applicant_area. Each holds one table per 参加枠 whose
// thead th reads, e.g., `<span class="label_ptype_name">一般</span> キャンセル
// <span class="participants_count">2人</span>`.
const (
	participantsArea = "participation_table_area" // 参加者
	lotteryArea      = "lottery_table_area"       // 抽選待ち
	waitlistArea     = "waitlist_table_area"      // 補欠者
	cancelledArea    = "cancelled_table_area"     // キャンセル
)

// ParseParticipationPage reads the per-参加枠 numbers from a saved
// participation page: participants from the .participation_table_area
// headers, the waitlist from .waitlist_table_area and cancellations from
// .cancelled_table_area, merged by 参加枠 name in page order. The numbers are
// the header counts, which stay right when connpass moves a long list (more
// than 100 people) to a separate paged view.
//
// 抽選待ち (.lottery_table_area, people waiting for a lottery draw) is added
// to Waitlist: they have applied and are not (yet) participants, which is
// what the API's "waiting" and the CSV reader's Waitlist count too. No real
// capture shows a lottery table, so this rests on the documented class name.
//
// A 参加枠 with nobody in it has no table header (only "イベント申込者は
// いません。"), so a page with no applicants gives no tickets at all.
// Only div.applicant_area is read: the 管理者/発表者 tables above it have
// the same header shape and must not be counted. A page without
// div.applicant_area fails with *NotParticipationPageError.
func ParseParticipationPage(r io.Reader) (*Participation, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("participation page: %w", err)
	}
	if src, err = DecodePage(src); err != nil { // the declared charset to UTF-8
		return nil, err
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("participation page: %w", err)
	}
	return participationOf(doc)
}

// participationOf is ParseParticipationPage on the parsed page.
func participationOf(doc *goquery.Document) (*Participation, error) {
	area := firstMatch(doc.Selection, "div.applicant_area")
	if area.Length() == 0 {
		return nil, &NotParticipationPageError{Missing: "div.applicant_area"}
	}

	p := &Participation{}
	doc.Find("a.event_title[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		href := strings.TrimSpace(s.AttrOr("href", ""))
		m := ptEventLinkRE().FindStringSubmatch(href)
		if m == nil {
			return true
		}
		id, err := strconv.Atoi(m[1])
		if err != nil {
			return true // too many digits to be an event id
		}
		p.EventID, p.EventURL = id, href
		return false
	})

	index := map[string]int{} // 参加枠 name -> position in p.Tickets
	// One Find over all four kinds keeps document order, which is the
	// order the page shows the 参加枠 in.
	sel := "." + participantsArea + ", ." + lotteryArea + ", ." + waitlistArea + ", ." + cancelledArea
	var failed error
	seen := map[string]int{} // tables seen so far per kind, for error messages
	area.Find(sel).EachWithBreak(func(_ int, table *goquery.Selection) bool {
		kind := areaKind(table)
		seen[kind]++
		th := table.Find("thead th").First()
		if th.Length() == 0 {
			return true // an empty list: "イベント申込者はいません。"
		}
		name, n, err := parseAreaHeader(th)
		if err != nil {
			failed = fmt.Errorf("participation page: .%s #%d: %w", kind, seen[kind], err)
			return false
		}
		i, ok := index[name]
		if !ok {
			i = len(p.Tickets)
			index[name] = i
			p.Tickets = append(p.Tickets, TicketType{Name: name})
		}
		t := &p.Tickets[i]
		switch kind {
		case participantsArea:
			t.Participants += n
		case lotteryArea, waitlistArea:
			t.Waitlist += n
		case cancelledArea:
			t.Cancelled += n
		}
		return true
	})
	if failed != nil {
		return nil, failed
	}
	return p, nil
}

// areaKind tells which of the four table areas s is.
func areaKind(s *goquery.Selection) string {
	for _, k := range []string{participantsArea, lotteryArea, waitlistArea, cancelledArea} {
		if s.HasClass(k) {
			return k
		}
	}
	return "" // cannot happen: s matched one of the classes
}

// parseAreaHeader reads the 参加枠 name and the count from a table header
// such as `<span class="label_ptype_name">一般</span> 参加者
// <span class="participants_count">6人</span>`.
func parseAreaHeader(th *goquery.Selection) (name string, n int, err error) {
	name = CleanText(th.Find("span.label_ptype_name").First().Text())
	if name == "" {
		return "", 0, fmt.Errorf("header %q has no 参加枠 name (span.label_ptype_name)", CleanText(th.Text()))
	}
	count := CleanText(th.Find("span.participants_count").First().Text())
	digits := ptCountRE().FindString(count)
	if digits == "" {
		return "", 0, fmt.Errorf("参加枠 %q: header has no count (span.participants_count %q)", name, count)
	}
	n, err = strconv.Atoi(digits)
	if err != nil {
		return "", 0, fmt.Errorf("参加枠 %q: count %q: %w", name, count, err)
	}
	return name, n, nil
}
