package fetch

// This file reads a connpass event page that the organizer saved from the
// browser ("Save page as", or the raw HTML). It never downloads one: connpass
// forbids crawling and scraping outside its API (terms of use and a robots.txt
// of "Disallow: /"), so the page reaches us only as a file the user chose.
//
// Two generations of markup are read, both from real captures described in
// testdata/README.md: today's (2026, the title in .current_event_title, extra
// rows in the 参加枠 table) and 2017's (the title as bare text in
// h2.event_title). The selectors and their evidence are in the project's
// connpass notes, sections 1 and 10.

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
)

// NotEventPageError reports that the input is not a connpass event page, for
// example the connpass 404 page, an nginx error page, a participation page or
// an empty file. Missing names what was looked for and not found, so the
// caller can add a hint (such as "save the event page itself").
type NotEventPageError struct {
	Missing string // e.g. "event title (h2.event_title)"
}

func (e *NotEventPageError) Error() string {
	return "not a connpass event page: no " + e.Missing + " found"
}

// What NotEventPageError.Missing says for each way a page can fail.
const (
	missingHTML  = "HTML"
	missingTitle = "event title (h2.event_title)"
	missingURL   = `event URL (meta property="og:url" or a "saved from url" comment)`
)

// Compiled once: the parser runs on every saved page and in the fuzz target.
var (
	// savedFromRE matches the comment a browser writes on "Save page as":
	// <!-- saved from url=(0043)https://yunineko.connpass.com/event/403753/ -->
	savedFromRE = lazyregexp.New(`^\s*saved from url=\(\d+\)(\S+)\s*$`)
	// scheduleRE matches the 2026 開催日時 row, "2026/04/19(日) 18:00 ～ 20:00",
	// or "2026/04/19(日) 18:00 ～ 2026/04/20(月) 20:00" when it spans days.
	scheduleRE = lazyregexp.New(`(\d{4})/(\d{1,2})/(\d{1,2})(?:\s*[(（][^)）]*[)）])?\s*(\d{1,2}):(\d{2})\s*[～〜~\-]\s*(?:(\d{4})/(\d{1,2})/(\d{1,2})(?:\s*[(（][^)）]*[)）])?\s*)?(\d{1,2}):(\d{2})`)
)

// jst is the zone of the times connpass prints as text. Japan has had no
// daylight saving time since 1951, so a fixed zone is exact and needs no
// tzdata on the user's machine.
var jst = time.FixedZone("JST", 9*60*60)

// noPlace is what connpass shows when the venue is not decided yet.
const noPlace = "(場所未定)"

// ParseEventPage reads a saved connpass event page
// (https://{group}.connpass.com/event/{id}/) in the 2026 or the 2017 markup.
//
// Every scraped string goes through CleanText, except Description, which is
// the inner HTML of #editor_area as the organizer wrote it, only trimmed.
// Times are in UTC, as the page carries them. Fields the page does not show
// stay zero (Waiting, and per 参加枠 Waitlist, Cancelled and Attended).
//
// A page without h2.event_title (the 404 page, an nginx error, a participation
// page, arbitrary HTML, empty input) gives a *NotEventPageError; so does an
// event page without a URL. A URL without an /event/{id}/ path is an error too.
func ParseEventPage(r io.Reader) (*Event, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading event page: %w", err)
	}
	if src, err = DecodePage(src); err != nil { // the declared charset to UTF-8
		return nil, err
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, &NotEventPageError{Missing: missingHTML}
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("parsing event page: %w", err)
	}
	return eventOf(doc)
}

// eventOf is ParseEventPage on the parsed page.
func eventOf(doc *goquery.Document) (*Event, error) {
	var err error
	h2 := firstMatch(doc.Selection, "h2.event_title")
	if h2.Length() == 0 {
		return nil, &NotEventPageError{Missing: missingTitle}
	}
	ev := &Event{Title: eventTitle(doc, h2)}
	if ev.Title == "" {
		return nil, &NotEventPageError{Missing: missingTitle}
	}

	ev.URL = eventURL(doc)
	if ev.URL == "" {
		return nil, &NotEventPageError{Missing: missingURL}
	}
	if ev.ID, err = eventID(ev.URL); err != nil {
		return nil, err
	}

	ev.Catch = CleanText(firstMatch(doc.Selection, "p.event_subtitle").Text())
	ev.HashTag = hashTag(doc)
	ev.GroupName, ev.GroupSubdomain = group(doc)
	ev.Status = CleanText(firstMatch(doc.Selection, ".event_schedule_area .label_status_event").Text())
	if ev.Start, ev.End, err = schedule(doc); err != nil {
		return nil, err
	}
	ev.Place, ev.Address = place(doc)
	ev.Tickets = tickets(doc)
	ev.Accepted = accepted(doc, ev.Tickets)
	ev.Limit = limit(ev.Tickets)
	if ev.Description, ev.descTree, err = description(doc); err != nil {
		return nil, err
	}
	ev.Materials = materials(doc)
	ev.Owners = owners(doc)
	return ev, nil
}

// eventTitle finds the title: 2026 .current_event_title (which, on a
// sub-event, is the sub-event's own title, not .main_event_title); else the
// bare text nodes of h2.event_title (2017, where the status label, subtitle
// and bookmark box are child elements); else <title> without " - connpass".
// og:title is never used: connpass appends " (YYYY/MM/DD HH:MM〜)" to it.
func eventTitle(doc *goquery.Document, h2 *goquery.Selection) string {
	if t := CleanText(h2.Find(".current_event_title").First().Text()); t != "" {
		return t
	}
	var own strings.Builder
	h2.Contents().Each(func(_ int, s *goquery.Selection) {
		if goquery.NodeName(s) == "#text" {
			own.WriteString(s.Get(0).Data)
			own.WriteByte(' ')
		}
	})
	if t := CleanText(own.String()); t != "" {
		return t
	}
	t := CleanText(firstMatch(doc.Selection, "title").Text())
	return strings.TrimSpace(strings.TrimSuffix(t, " - connpass"))
}

// eventURL returns og:url, else the URL in the "saved from url" comment a
// browser adds on "Save page as" (without its query and fragment).
func eventURL(doc *goquery.Document) string {
	if u, ok := doc.Find(`meta[property="og:url"]`).First().Attr("content"); ok {
		if u = CleanText(u); u != "" {
			return u
		}
	}
	// The comment sits before <html>, so the parser keeps it at the top
	// level of the document.
	found := ""
	doc.Contents().EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if goquery.NodeName(s) != "#comment" {
			return true
		}
		m := savedFromRE().FindStringSubmatch(s.Get(0).Data)
		if m == nil {
			return true
		}
		u, err := url.Parse(m[1])
		if err != nil || u.Host == "" {
			return true
		}
		u.RawQuery, u.Fragment = "", ""
		found = u.String()
		return false
	})
	return found
}

// eventID takes the id from the /event/{id}/ path of the event URL.
func eventID(raw string) (int, error) {
	u, err := url.Parse(raw)
	if err == nil {
		if digits, ok := eventPathID(u.Path); ok {
			if id, err := strconv.Atoi(digits); err == nil && id > 0 {
				return id, nil
			}
		}
	}
	return 0, fmt.Errorf("connpass event page: the event URL %q has no event id (want https://{group}.connpass.com/event/{id}/)", raw)
}

// eventPathID is the id in the path of an event URL, /event/{id}/ or
// /event/{id}. The id is at most 18 digits so that it always fits an int.
func eventPathID(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, "/event/")
	n := asciiDigits(rest)
	return rest[:n], ok && n >= 1 && n <= 18 && (n == len(rest) || rest[n] == '/')
}

// asciiDigits is how many ASCII digits s opens with.
func asciiDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// hashTag reads "#JXUG" from .label_hashtag > a, without the '#'.
func hashTag(doc *goquery.Document) string {
	t := CleanText(firstMatch(doc.Selection, ".label_hashtag > a").Text())
	t = strings.TrimPrefix(strings.TrimPrefix(t, "#"), "＃")
	return strings.TrimSpace(t)
}

// group reads the group box of the side column. Events without a group have
// none, and both results are then empty.
func group(doc *goquery.Document) (name, subdomain string) {
	a := firstMatch(doc.Selection, ".event_group_area p.group_title > a")
	if a.Length() == 0 {
		return "", ""
	}
	name = CleanText(a.Text())
	if href, ok := a.Attr("href"); ok {
		subdomain = subdomainOf(strings.TrimSpace(href))
	}
	return name, subdomain
}

// subdomainOf gives "datadog-jp" for https://datadog-jp.connpass.com/, and ""
// for a host that is not a connpass subdomain.
func subdomainOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	sub, ok := strings.CutSuffix(host, ".connpass.com")
	if !ok || sub == "" || strings.Contains(sub, ".") || sub == "www" {
		return ""
	}
	return sub
}

// schedule reads the start and end from the machine-readable titles of the
// side box (RFC 3339, UTC). A page without them (none seen so far) falls back
// to the 2026 開催日時 row, which is JST text. A present but malformed time is
// an error: a wrong date in a post is worse than no post.
func schedule(doc *goquery.Document) (start, end time.Time, err error) {
	box := firstMatch(doc.Selection, ".event_schedule_area")
	if start, err = utcTitle(box, ".dtstart .value-title", "start"); err != nil {
		return start, end, err
	}
	if end, err = utcTitle(box, ".dtend .value-title", "end"); err != nil {
		return start, end, err
	}
	if start.IsZero() && end.IsZero() {
		start, end = scheduleRow(doc)
	}
	return start, end, nil
}

func utcTitle(box *goquery.Selection, sel, what string) (time.Time, error) {
	v, ok := box.Find(sel).First().Attr("title")
	v = strings.TrimSpace(v)
	if !ok || v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("connpass event page: the %s time %q (.event_schedule_area %s) is not RFC 3339", what, v, sel)
	}
	return t.UTC(), nil
}

// scheduleRow parses the 開催日時 row of the 2026 参加枠 table.
func scheduleRow(doc *goquery.Document) (start, end time.Time) {
	td := tableRow(doc, "開催日時")
	if td == nil {
		return start, end
	}
	text := CleanText(td.Find("span.date").First().Text())
	if text == "" {
		text = CleanText(td.Text())
	}
	m := scheduleRE().FindStringSubmatch(text)
	if m == nil {
		return start, end
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	start = time.Date(atoi(m[1]), time.Month(atoi(m[2])), atoi(m[3]), atoi(m[4]), atoi(m[5]), 0, 0, jst)
	if m[6] != "" {
		end = time.Date(atoi(m[6]), time.Month(atoi(m[7])), atoi(m[8]), atoi(m[9]), atoi(m[10]), 0, 0, jst)
	} else {
		end = time.Date(start.Year(), start.Month(), start.Day(), atoi(m[9]), atoi(m[10]), 0, 0, jst)
	}
	return start.UTC(), end.UTC()
}

// tableRow finds the td of the 参加枠 table row whose th reads label. Walking
// the th cells by their trimmed text survives class changes that a
// :contains() selector would not notice.
func tableRow(doc *goquery.Document, label string) *goquery.Selection {
	var td *goquery.Selection
	doc.Find(".event_ptype_area tr").EachWithBreak(func(_ int, tr *goquery.Selection) bool {
		if CleanText(tr.ChildrenFiltered("th").First().Text()) == label {
			td = tr.ChildrenFiltered("td").First()
			return false
		}
		return true
	})
	return td
}

// place reads the venue from the side box (.event_place_area), else from the
// 2026 会場 row. "(場所未定)" (not decided yet) means no venue.
func place(doc *goquery.Document) (name, address string) {
	name, address = placeIn(firstMatch(doc.Selection, ".event_place_area"))
	if name == "" && address == "" {
		if td := tableRow(doc, "会場"); td != nil {
			name, address = placeIn(td)
		}
	}
	return name, address
}

func placeIn(s *goquery.Selection) (name, address string) {
	name = CleanText(s.Find("p.place_name").First().Text())
	if name == noPlace {
		name = ""
	}
	adr := s.Find("p.adr").First()
	if v, ok := adr.Find(".value-title").First().Attr("title"); ok {
		address = CleanText(v)
	}
	if address == "" {
		address = CleanText(adr.Text())
	}
	return name, address
}

// tickets reads each 参加枠 of the .event_ptype_area table.
func tickets(doc *goquery.Document) []TicketType {
	var out []TicketType
	doc.Find(".event_ptype_area .ptypes > .ptype").Each(func(_ int, p *goquery.Selection) {
		t := TicketType{
			Name:   CleanText(p.Find("p.ptype_name").First().Text()),
			Fee:    CleanText(p.Find("p.join_fee").First().Text()),
			Method: CleanText(p.Find("p.participants span.determine").First().Text()),
		}
		// A 参加枠 without a cap shows the label "参加者数" where the
		// method would be; it is not a method, so leave Method unknown.
		if t.Method == "参加者数" {
			t.Method = ""
		}
		amount := p.Find("p.participants span.amount").First()
		// <span class="amount"><span>29</span>/40</span>; the inner span
		// has class amount_over when the 参加枠 is full.
		t.Participants, _ = firstInt(amount.Find("span").First().Text())
		if _, capText, ok := strings.Cut(CleanText(amount.Text()), "/"); ok {
			t.Capacity, _ = firstInt(capText)
		}
		out = append(out, t)
	})
	return out
}

// accepted reads "参加者（N人）" from the participants box, and otherwise adds
// up the 参加枠.
func accepted(doc *goquery.Document, ts []TicketType) int {
	n, found := 0, false
	// div.participants_area, not the span.participants_area of the owner
	// bar that a logged-in organizer sees at the top of the page.
	doc.Find(".participants_area .event_detail_title").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if count, ok := acceptedCount(CleanText(s.Text())); ok {
			n, found = firstInt(count)
		}
		return !found
	})
	if found {
		return n
	}
	sum := 0
	for _, t := range ts {
		sum += t.Participants
	}
	return sum
}

// limit is the total capacity when every 参加枠 has a cap, else 0 (no cap).
func limit(ts []TicketType) int {
	sum := 0
	for _, t := range ts {
		if t.Capacity <= 0 {
			return 0
		}
		sum += t.Capacity
	}
	return sum
}

// description returns the inner HTML of #editor_area, only trimmed: it is
// not cleaned, so a timetable parser sees what the organizer wrote.
// It returns the #editor_area element too, for the timetable reader to read
// the tree it was parsed into.
func description(doc *goquery.Document) (string, *descriptionTree, error) {
	ed := firstMatch(doc.Selection, "#editor_area")
	if ed.Length() == 0 {
		return "", nil, nil
	}
	h, err := ed.Html()
	if err != nil {
		return "", nil, fmt.Errorf("connpass event page: rendering the description (#editor_area): %w", err)
	}
	h = strings.TrimSpace(h)
	return h, &descriptionTree{html: h, root: ed}, nil
}

// materials reads the latest 資料 the page lists (at most 3; the full list
// is on /event/{id}/presentation/ or in the API).
func materials(doc *goquery.Document) []Material {
	var out []Material
	doc.Find(".event_doc_area ul.main_list_doc > li > a[href]").Each(func(_ int, a *goquery.Selection) {
		href := strings.TrimSpace(a.AttrOr("href", ""))
		if href == "" {
			return
		}
		out = append(out, Material{
			Title: CleanText(a.Find("p.doc_title").First().Text()),
			URL:   href,
		})
	})
	return out
}

// owners reads the 管理者 list: the title attribute is the display name, and
// the link https://connpass.com/user/{nick}/open/ gives the nickname.
func owners(doc *goquery.Document) []Owner {
	var out []Owner
	doc.Find(".event_owner_area ul.owner_list > li > a.image_link").Each(func(_ int, a *goquery.Selection) {
		o := Owner{
			Nickname:    nickname(a.AttrOr("href", "")),
			DisplayName: CleanText(a.AttrOr("title", "")),
		}
		if o.DisplayName == "" {
			o.DisplayName = CleanText(a.Text())
		}
		if o.Nickname != "" || o.DisplayName != "" {
			out = append(out, o)
		}
	})
	return out
}

// nickname gives "snmy79" for https://connpass.com/user/snmy79/open/.
func nickname(href string) string {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return ""
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) < 2 || parts[0] != "user" {
		return ""
	}
	return CleanText(parts[1])
}

// acceptedCount is the count in the heading of the participants box,
// "参加者（80人）" or "参加者(1,200 人)". The link "参加者一覧（80人）" below
// it has none.
func acceptedCount(s string) (string, bool) {
	for {
		_, after, ok := strings.Cut(s, "参加者")
		if !ok {
			return "", false
		}
		s = after
		rest, ok := cutPrefixes(after, "（", "(")
		if !ok {
			continue
		}
		rest = strings.TrimLeft(rest, reSpace)
		count := rest[:countLen(rest)]
		rest = strings.TrimLeft(rest[len(count):], reSpace)
		if rest, ok = strings.CutPrefix(rest, "人"); ok && count != "" {
			if _, ok = cutPrefixes(rest, "）", ")"); ok {
				return count, true
			}
		}
	}
}

// countLen is the length of the count s opens with: a digit, then digits
// and commas ("29", "1,200"); 0 when it opens with none.
func countLen(s string) int {
	n := 0
	for n < len(s) && (s[n] >= '0' && s[n] <= '9' || n > 0 && s[n] == ',') {
		n++
	}
	return n
}

// firstInt parses the first number in s ("29", "1,200"). It reports false
// when there is none or it is absurdly large.
func firstInt(s string) (int, bool) {
	i := strings.IndexAny(s, "0123456789")
	if i < 0 {
		return 0, false
	}
	m := strings.ReplaceAll(s[i:i+countLen(s[i:])], ",", "")
	if len(m) > 9 {
		return 0, false
	}
	n, err := strconv.Atoi(m)
	return n, err == nil
}

// firstMatch is s.Find(sel).First(), but each child's subtree is searched
// only up to its first match: on a page listing thousands of participants,
// the elements looked for come first and the list is not walked.
func firstMatch(s *goquery.Selection, sel string) *goquery.Selection {
	return s.FindMatcher(goquery.Single(sel)).First()
}
