// Package fetch is where the facts come from: the connpass API v2 client
// (api.go) and its disk cache, the parsers of the pages the organizer saved
// (event page, participation page), the timetable inside an event
// description, the organizer's participant CSV export, and Speaker Deck's
// oEmbed endpoint for a deck's embed id (oembed.go).
//
// It returns plain facts (Event, TicketType, Talk, ...) and knows nothing of
// notes, templates or output. Parsers take an io.Reader and are pure, so the
// tests and the command share one code path; the two network clients only
// move bytes into them.
//
// It must never download a connpass HTML page: connpass forbids crawling or
// scraping outside its API. Pages reach this package only because the
// organizer saved them from the browser.
package fetch

import (
	"time"

	"github.com/PuerkitoBio/goquery"
)

// Event is what a connpass event page (or the API) says about one event.
// Zero values mean "not found in this source".
type Event struct {
	ID             int       // connpass event id, from the event URL
	Title          string    // cleaned title, e.g. "Japan Datadog User Group Meetup#13@東京"
	Catch          string    // the subtitle (API "catch")
	URL            string    // canonical event URL, e.g. https://datadog-jp.connpass.com/event/368663/
	GroupName      string    // the group's display name; empty for groupless events
	GroupSubdomain string    // e.g. "datadog-jp"; empty for groupless events
	Status         string    // 開催前, 開催中, 終了, 中止 as the page shows it
	Start          time.Time // in UTC as the page carries it
	End            time.Time // in UTC
	Place          string    // venue name
	Address        string    // venue address
	HashTag        string    // without the leading '#'
	Tickets        []TicketType
	Accepted       int    // total participants ("参加者（N人）", API accepted)
	Waiting        int    // total waitlist (API waiting); 0 when unknown
	Limit          int    // total capacity; 0 when there is no cap or it is unknown
	Description    string // the description HTML as the organizer wrote it
	Materials      []Material
	Owners         []Owner

	descTree *descriptionTree // the parsed Description, when read from a saved page
}

// descriptionTree is an event description as the page parser left it: the
// element holding it, and the HTML it was rendered to.
type descriptionTree struct {
	html string
	root *goquery.Selection
}

// TakeDescription gives e the description of other, with the tree it was
// read from (when other comes from a saved page), so that Timetable does
// not parse it again.
func (e *Event) TakeDescription(other *Event) {
	e.Description, e.descTree = other.Description, other.descTree
}

// Timetable reads the talk list from the event's description
// (ParseTimetable): from the tree the page parser built when there is one
// for the description e holds, else from the HTML.
func (e *Event) Timetable(opts TimetableOptions) []Talk {
	if t := e.descTree; t != nil && t.html == e.Description {
		return timetableOf(t.root, opts)
	}
	return ParseTimetable(e.Description, opts)
}

// TicketType is one 参加枠 with its numbers.
type TicketType struct {
	Name         string // e.g. "会場参加枠"
	Fee          string // e.g. "無料", "3700円（会場払い）"
	Method       string // e.g. "先着順", "抽選"
	Participants int    // 参加者 (accepted)
	Capacity     int    // 定員; 0 when there is no cap
	Waitlist     int    // 補欠; known from the participation page or CSV only
	Cancelled    int    // キャンセル; known from the participation page or CSV only
	Attended     int    // 出席; known from the CSV only
	HasAttended  bool   // whether Attended is known
}

// Material is one 資料 (slides, video, blog post) attached to the event.
type Material struct {
	Title     string
	URL       string
	Presenter string // connpass nickname of the presenter, when known
}

// Owner is one of the event's administrators.
type Owner struct {
	Nickname    string // from https://connpass.com/user/{nick}/open/
	DisplayName string
}

// Kinds of talk on a timetable.
const (
	KindTalk = "talk" // a regular talk (発表)
	KindLT   = "lt"   // a lightning talk
)

// Speaker is one presenter of a talk, as the description writes them.
type Speaker struct {
	Name        string   // the person's name only: no honorific (さん/氏/様/先生), company or handle; a speaker written only as @handle has the handle as name
	Handles     []string // every @handle written for them, without '@', in order
	Affiliation string   // company/department written beside them for this talk; "" when none
}

// Talk is one row of the timetable read from an event description.
type Talk struct {
	Time     string    // as written, e.g. "19:10" or "19:10-19:40"; may be empty
	Title    string    // cleaned title (no time, no label prefix, no enclosing 「」)
	Speakers []Speaker // in the order written; empty when the row names nobody
	Kind     string    // KindTalk or KindLT
	Doubt    string    // why the reader is not sure this row is a talk (e.g. "no speaker", "housekeeping word 挨拶", "title is only a time"); "" when sure
}
