package scaffold

import (
	"time"

	"github.com/meetup-tools/connpass-scaffold/templates"
)

// Report is the data the templates see: the report model. It is a public
// contract with every group's templates, so every field is documented here,
// and the golden test renders a template set that uses each of them.
//
// Strings read from connpass are cleaned but not escaped: templates escape
// them for the place they land (md, url, attr, yamlString). Strings from the
// notes and the config are the organizer's own and are used as written; where
// a field may hold either (a talk's Title and Speaker), a FromNotes field
// says which. `scaffold templates fields` prints this file's documentation.
type Report struct {
	Series     string     // the group's short name from the config, e.g. "JDDUG"; may be empty
	Author     string     // front matter author from the config
	Title      string     // the post title: the notes' title, else the config's title pattern
	Slug       string     // the post's slug, from the config's slug pattern, e.g. "jddug13"
	Date       string     // the event's start date in Asia/Tokyo, YYYY-MM-DD; the post file name starts with it
	ImagePath  string     // the folder of the post's images, from the config, e.g. "/assets/images/jddug13/"
	Event      Event      // the facts of the event
	Intro      string     // notes: the opening paragraph(s); "" when not written
	VenueImage *Image     // notes: the photo under the intro; nil when none
	Talks      []Talk     // the talks, in timetable order
	Closing    string     // notes: the closing paragraph; "" when not written
	Thanks     string     // notes: thanks to the sponsor, after the numbers; "" when not written
	GroupPhoto *Image     // notes: the last image of the post; nil when none
	Attendance Attendance // the numbers of people
}

// Event is the facts of the event, merged from every source.
type Event struct {
	ID             int       // connpass event id
	Number         string    // the meetup's number read from the title ("Meetup#13" -> "13"); "" when none
	Title          string    // the event title on connpass
	Catch          string    // the subtitle on connpass
	URL            string    // the event page URL on connpass
	Group          string    // the connpass group's name
	GroupSubdomain string    // the connpass group's subdomain
	Status         string    // 開催前, 開催中, 終了 or 中止
	Start          time.Time // start, in Asia/Tokyo
	End            time.Time // end, in Asia/Tokyo
	Place          string    // venue name
	Address        string    // venue address
	HashTag        string    // hashtag without '#'
}

// Kinds of talk, as Talk.Kind holds them.
const (
	KindTalk = "talk"
	KindLT   = "lt"
)

// Talk is one talk of the event with the organizer's notes on it.
type Talk struct {
	Label            string   // 発表1, LT2, ...: the kind's label word from the config and the number within the kind
	Number           int      // the number within its kind, from 1
	Kind             string   // "talk" or "lt"
	IsLT             bool     // Kind == "lt"
	Time             string   // the time as the timetable writes it; may be empty
	Title            string   // the talk title: the notes' title, else the timetable's (connpass text: escape it with md unless TitleFromNotes)
	Speaker          string   // the speaker's name: the notes' speaker, else the timetable's (connpass text: escape it with md unless SpeakerFromNotes)
	TitleFromNotes   bool     // Title is the organizer's own words from the notes: print it as written (Markdown allowed)
	SpeakerFromNotes bool     // Speaker is the organizer's own words from the notes: print it as written
	Handle           string   // the speaker's X handle without '@'; "" when unknown
	Affiliation      string   // notes: the speaker's company or group
	Summary          string   // notes: what the talk said
	Comment          string   // notes: the organizer's comment
	Highlights       []string // notes: the interesting points
	Audience         []string // notes: who should watch it
	Image            *Image   // notes: the speaker photo; nil when none. Its Alt is the label
	Slides           string   // the slide URL (notes, else the connpass materials); may be any text: print it with url, which passes http(s) only
	SpeakerDeckID    string   // the Speaker Deck data-id: the notes' speakerdeck_id, else resolved from a speakerdeck.com Slides URL; "" when none
	Embed            string   // the slides' embed HTML, ours and safe to print as is (Speaker Deck, Docswell, Google Slides, YouTube); "" when there is none: link to Slides instead
	EmbedKind        string   // "speakerdeck", "docswell", "google-slides" or "youtube" when Embed is set; "" otherwise
	EmbedID          string   // the id inside Embed (the deck's data-id, the Docswell slide id, the presentation id, the video id), for templates that build their own embed; "" when none
}

// Image is an image of the post.
type Image struct {
	URL string // the image's path on the site, e.g. /assets/images/jddug13/0000_venue.png
	Alt string // the alt text
}

// Attendance is the numbers of people, per 参加枠 and in total.
type Attendance struct {
	Tickets      []Ticket // per 参加枠, in the order connpass lists them; empty when only totals are known
	Participants int      // total participants (accepted)
	Capacity     int      // total capacity; 0 when there is no cap or it is unknown
	Waitlist     int      // total on the waitlist; 0 when unknown
	Cancelled    int      // total cancellations; 0 when unknown
	Attended     int      // total who attended; meaningful when HasAttended
	HasAttended  bool     // whether attendance was known (CSV with 出欠ステータス)
}

// Ticket is one 参加枠.
type Ticket struct {
	Name         string // the 参加枠's name on connpass, e.g. 会場参加枠
	Label        string // its short label from the config (labels.tickets), else Name without 参加枠, e.g. 会場
	Participants int    // participants
	Capacity     int    // capacity; 0 when there is no cap
	Waitlist     int    // on the waitlist; 0 when unknown
	Cancelled    int    // cancellations; 0 when unknown
	Attended     int    // attended; meaningful when HasAttended
	HasAttended  bool   // whether Attended is known
}

// Headcounts gives the attendance line's numbers (the template function
// attendance): participants per 参加枠 label, and the total.
func (a Attendance) Headcounts() (parts []templates.Headcount, total int) {
	for _, t := range a.Tickets {
		parts = append(parts, templates.Headcount{Label: t.Label, Count: t.Participants})
	}
	return parts, a.Participants
}
