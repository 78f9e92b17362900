package scaffold

import (
	"time"

	"github.com/meetup-tools/connpass-scaffold/templates"
)

// Report is the data the templates see: the report model. It is a public
// contract with every group's templates, so every field is documented here,
// and the golden test renders a template set that uses each of them.
//
// Strings read from connpass are Text (URL, Handle): printed with no
// function they are safe Markdown, escaped; .Raw is the text itself, and
// url, attr and yamlString make it safe for other places. Strings from the
// notes and the config are the organizer's own, printed as written. A field
// that may hold either is a Str: Text when from connpass, Markdown when the
// organizer's. `scaffold templates fields` prints this file's documentation.
type Report struct {
	Series      string         // the group's short name from the config, e.g. "JDDUG"; may be empty
	Author      string         // front matter author: the notes' author, else the config's
	Title       Str            // the post title: the notes' title (Markdown), else the config's title pattern (Text when it holds connpass text)
	Slug        string         // the post's slug: the notes' slug, else the config's slug pattern, e.g. "jddug13"
	Date        string         // the post's date, YYYY-MM-DD: the notes' date, else the event's start date in Asia/Tokyo
	Tags        []string       // notes: front matter tags; empty when none
	Categories  []string       // notes: front matter categories; empty when none
	ImagePath   string         // the folder of the post's images, from the config, e.g. "/assets/images/jddug13/"
	Event       Event          // the facts of the event
	Intro       string         // notes: the opening paragraph(s); "" when not written
	VenueImage  *Image         // notes: the first of VenueImages; nil when none
	VenueImages []Image        // notes: the photos under the intro (venue_image: one or a list)
	Talks       []Talk         // the talks, in timetable order
	Sections    []Section      // notes: free sections, in the notes' order; a template places one with {{ with .Section "name" }}
	Video       *Video         // the event's video: the notes' video, else a YouTube video among the connpass materials; nil when none
	Closing     string         // notes: the closing paragraph; "" when not written
	Thanks      string         // notes: thanks to the sponsor, after the numbers; "" when not written
	GroupPhoto  *Image         // notes: the first of GroupPhotos; nil when none
	GroupPhotos []Image        // notes: the last images of the post (group_photo: one or a list)
	Attendance  Attendance     // the numbers of people
	Extra       map[string]any // notes: the extra mapping, any YAML, as written (scalars are their text, true/false booleans, lists []any, mappings map[string]any); read a key with {{ index .Extra "key" }} (nil when absent)
}

// Section returns the free section of the notes with that name, or nil:
// {{ with .Section "sticker" }}## {{ .Heading }}{{ end }}.
func (r *Report) Section(name string) *Section {
	for i := range r.Sections {
		if r.Sections[i].Name == name {
			return &r.Sections[i]
		}
	}
	return nil
}

// Section is a free section of the post, from the notes; the templates place it.
type Section struct {
	Name    string         // notes: the name the templates find it by
	Heading string         // notes: its heading text; may be empty
	Body    string         // notes: its text, Markdown as written; may be empty
	Images  []Image        // notes: its images
	After   string         // notes: its text after the images (a paragraph around a photo); may be empty
	Extra   map[string]any // notes: the section's extra mapping, as written
}

// Video is the event's video (its archive).
type Video struct {
	URL     URL    // the video's URL: the notes', else connpass's; prints (as url gives it) only when http(s)
	Kind    string // "youtube" when the video is a YouTube video, else ""
	ID      string // the YouTube video id; "" when Kind is ""
	Embed   string // the player's embed HTML (YouTube), ours and safe to print as is; "" when there is none
	FromAPI bool   // the URL came from the connpass materials, not the notes
}

// Event is the facts of the event, merged from every source.
type Event struct {
	ID             int           // connpass event id
	Number         string        // the meetup's number read from the title ("Meetup#13" -> "13"); "" when none
	Title          Text          // the event title on connpass
	Catch          Text          // the subtitle on connpass
	URL            URL           // the event page URL on connpass; prints "" unless http(s)
	Group          Text          // the connpass group's name
	GroupSubdomain Text          // the connpass group's subdomain
	Status         Text          // 開催前, 開催中, 終了 or 中止
	Start          time.Time     // start, in Asia/Tokyo
	End            time.Time     // end, in Asia/Tokyo
	Place          Text          // venue name
	Address        Text          // venue address
	HashTag        Text          // hashtag without '#'
	Connpass       EventConnpass // the event as read from connpass, whatever the notes override
}

// The string types of the model, from package templates (each has .Raw).
type (
	Text     = templates.Text     // connpass text: prints as escaped, inert Markdown
	URL      = templates.URL      // a URL from connpass (or checked alike): prints as the url function gives it
	Handle   = templates.Handle   // an X handle: prints as is when it is one, else escaped
	Markdown = templates.Markdown // the organizer's words or a function's safe output: prints as written
	Str      = templates.Str      // Text, URL, Handle or Markdown
)

// EventConnpass is the event as read from connpass (connpass text).
type EventConnpass struct {
	Title Text // the event title
	URL   URL  // the event page URL
	Place Text // the venue name
}

// Kinds of talk, as Talk.Kind holds them.
const (
	KindTalk = "talk"
	KindLT   = "lt"
)

// Talk is one talk of the event with the organizer's notes on it.
type Talk struct {
	Label                string         // 発表1, LT2, ...: its label in the post: the kind's label word from the config and the number within the kind, counted after the notes' drop:, add: and order:
	NotesLabel           string         // the label the notes name it by: the timetable's 発表N/LTN (never renumbered by drop:, add: or order:), or the talk: of the notes entry that added it; equals Label unless the notes changed the numbering
	Number               int            // the number within its kind in the post, from 1
	Kind                 string         // "talk" or "lt"
	IsLT                 bool           // Kind == "lt"
	Time                 Text           // the time as the timetable writes it; may be empty
	Title                Str            // the talk title: the notes' title (Markdown, printed as written), else the timetable's, else the presentation's (Text, printed escaped)
	TitleFromNotes       bool           // Title is the organizer's own words from the notes (Title's type says so too)
	Speakers             []Speaker      // every speaker, in the timetable's order; the notes' speaker, x and affiliation are the first one's; empty when unknown
	Speaker              Str            // the first speaker's name (.Speakers[0].Name); "" when none
	SpeakerFromNotes     bool           // Speaker is the organizer's own words from the notes (Speaker's type says so too)
	Handle               Handle         // the first speaker's first X handle without '@'; "" when unknown or hidden
	Affiliation          Str            // the first speaker's company or group: the notes' affiliation (Markdown), else connpass's (Text); "" when unknown
	AffiliationFromNotes bool           // Affiliation is the organizer's own words from the notes (Affiliation's type says so too)
	Summary              string         // notes: what the talk said
	Comment              string         // notes: the organizer's comment
	Highlights           []string       // notes: the interesting points
	Audience             []string       // notes: who should watch it
	Image                *Image         // notes: the first of Images; nil when none
	Images               []Image        // notes: the speaker photo(s) (image: one or a list); an Alt not given is the label
	Slides               URL            // the slide URL (notes, else the connpass materials); may be any text: it prints (as url gives it) only when http(s)
	SpeakerDeckID        string         // the Speaker Deck data-id: the notes' speakerdeck_id, else resolved from a speakerdeck.com Slides URL; "" when none
	Embed                string         // the slides' embed HTML, ours and safe to print as is (Speaker Deck, Docswell, Google Slides, YouTube); "" when there is none: link to Slides instead
	EmbedKind            string         // "speakerdeck", "docswell", "google-slides" or "youtube" when Embed is set; "" otherwise
	EmbedID              string         // the id inside Embed (the deck's data-id, the Docswell slide id, the presentation id, the video id), for templates that build their own embed; "" when none
	SlidesTitle          Str            // the slides' own title: the notes' slides_title (Markdown), else Speaker Deck's or Docswell's oEmbed (Text, printed escaped); "" when unknown
	SlidesThumbnail      URL            // the slides' thumbnail image URL: the notes' slides_thumbnail, else from oEmbed; prints only when http(s); "" when unknown
	SlidesImages         []Image        // notes: image(s) standing for the slides (slides_image), e.g. their first page; an Alt not given is the label
	Links                []Link         // notes: links about the talk or the speaker (text and URL, printed as written)
	HandleHidden         bool           // notes: hide_handle: the speakers' handles are left out (Handle and every Speakers[].Handles are empty; Connpass keeps them)
	VideoStart           int            // notes: where the talk starts in the event's video, in seconds (video_start); 0 when not given
	VideoStartText       string         // VideoStart as the organizer wrote it, e.g. 8:24; "" when not given
	VideoLink            string         // the event's YouTube video at VideoStart (https://www.youtube.com/watch?v=ID&t=504s); "" without both
	VideoEmbed           string         // the event's YouTube player starting at VideoStart, ours and safe to print as is; "" without both
	Connpass             TalkConnpass   // the talk as connpass has it, before the notes: for a list in connpass's words beside sections in the organizer's
	Extra                map[string]any // notes: the talk's extra mapping, any YAML, as written; read a key with {{ index .Extra "key" }}
}

// Speaker is one speaker of a talk.
type Speaker struct {
	Name                 Str      // the name, without honorific (さん, 氏, 様) or company: the notes' speaker for the first speaker (Markdown), else the timetable's (Text); "" when only a handle is known
	NameFromNotes        bool     // Name is the organizer's own words from the notes (Name's type says so too)
	Handles              []Handle // every X handle, without '@'; the notes' x first; empty when unknown
	Handle               Handle   // the first of Handles; "" when none
	Affiliation          Str      // the company or group: the notes' affiliation for the first speaker (Markdown), else connpass's (Text); "" when unknown
	AffiliationFromNotes bool     // Affiliation is the organizer's own words from the notes (Affiliation's type says so too)
}

// TalkConnpass is a talk as read from connpass (the timetable and the
// materials), whatever the notes say: connpass text, escape it with md.
type TalkConnpass struct {
	Title    Text      // the timetable's title; "" for a talk the notes added
	Speakers []Speaker // the timetable's speakers (names, handles, affiliations); empty when none
	Speaker  Text      // the first speaker's name; "" when none
	Handle   Handle    // the first speaker's first @handle, without '@'; "" when none
	URL      URL       // the slides' URL among the connpass materials; "" when none (print it with url)
}

// Image is an image of the post.
type Image struct {
	URL     string // the image's path on the site, e.g. /assets/images/jddug13/0000_venue.png
	Alt     string // the alt text
	Caption string // notes: the caption; "" when none
	Link    string // notes: where the image links to; "" when nowhere
}

// Link is a link about a talk, from the notes.
type Link struct {
	Text string // the link's text, as written
	URL  string // the link's target, as written
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
	Name         Text // the 参加枠's name on connpass, e.g. 会場参加枠
	Label        Str  // its short label from the config (labels.tickets, Markdown), else Name without 参加枠 (Text), e.g. 会場
	Participants int  // participants
	Capacity     int  // capacity; 0 when there is no cap
	Waitlist     int  // on the waitlist; 0 when unknown
	Cancelled    int  // cancellations; 0 when unknown
	Attended     int  // attended; meaningful when HasAttended
	HasAttended  bool // whether Attended is known
}

// Headcounts gives the attendance line's numbers (the template function
// attendance): participants per 参加枠 label, and the total.
func (a Attendance) Headcounts() (parts []templates.Headcount, total int) {
	for _, t := range a.Tickets {
		parts = append(parts, templates.Headcount{Label: t.Label, Count: t.Participants})
	}
	return parts, a.Participants
}
