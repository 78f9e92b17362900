package scaffold

import "fmt"

// Notes is notes/<id>.yaml: the organizer's own words, merged into the post.
// Every field is optional; a missing one shows as a TODO marker in the post.
// Notes are the organizer's and pass into the post as written.
type Notes struct {
	Title      string      `yaml:"title"`       // overrides the post title
	Author     string      `yaml:"author"`      // overrides the config's author for this post
	Slug       string      `yaml:"slug"`        // overrides the config's slug pattern for this post
	Date       NoteDate    `yaml:"date"`        // YYYY-MM-DD: overrides the event's date for this post
	Tags       []string    `yaml:"tags"`        // front matter tags
	Categories []string    `yaml:"categories"`  // front matter categories
	Intro      string      `yaml:"intro"`       // the opening paragraph(s)
	VenueImage NoteImages  `yaml:"venue_image"` // the photo(s) under the intro
	Talks      []TalkNotes `yaml:"talks"`
	Order      []string    `yaml:"order"`       // talks (label or title) to put first, in this order; the rest follow in timetable order
	Closing    string      `yaml:"closing"`     // the paragraph under 終わりに
	Thanks     string      `yaml:"thanks"`      // thanks to the sponsor, after the numbers
	GroupPhoto NoteImages  `yaml:"group_photo"` // the last image(s) of the post
	Sections   Sections    `yaml:"sections"`    // free sections, placed by the templates
	Video      string      `yaml:"video"`       // the event's video (archive) URL
	Extra      Extra       `yaml:"extra"`       // anything else, for the templates

	file      string // the file as the user should read it, for messages; "" when unknown
	talkLines []int  // the line of each talks entry in the file; nil when unknown
}

// talkLine is the line of the i-th talks entry in the file; 0 when unknown.
func (n *Notes) talkLine(i int) int {
	if i >= 0 && i < len(n.talkLines) {
		return n.talkLines[i]
	}
	return 0
}

// entryPos is "notes/368663.yaml:12" for the i-th talks entry, as far as it
// is known ("notes" when the file is not).
func (n *Notes) entryPos(i int) string {
	if n.file == "" {
		return "notes"
	}
	if line := n.talkLine(i); line > 0 {
		return fmt.Sprintf("%s:%d", n.file, line)
	}
	return n.file
}

// NoteImage is an image file in the post's image folder.
type NoteImage struct {
	File    string `yaml:"file"`    // file name inside the image folder (or an absolute path / URL)
	Alt     string `yaml:"alt"`     // the alt text
	Caption string `yaml:"caption"` // a caption, for templates that show one
	Link    string `yaml:"link"`    // where the image links to, if anywhere
}

// TalkNotes are the organizer's words on one talk.
type TalkNotes struct {
	Talk          string         `yaml:"talk"`             // which talk: its label (発表1, LT2) or its title
	Title         string         `yaml:"title"`            // overrides the title read from connpass
	Speaker       string         `yaml:"speaker"`          // the speaker's name as the post should show it
	Handle        string         `yaml:"x"`                // the speaker's X handle, without @
	Affiliation   string         `yaml:"affiliation"`      // e.g. 株式会社ビズリーチ
	Speakers      []SpeakerNotes `yaml:"speakers"`         // each speaker in order, laid over connpass's (speaker, x and affiliation above are the first one's, and win)
	Summary       string         `yaml:"summary"`          // what the talk said
	Comment       string         `yaml:"comment"`          // the organizer's comment
	Highlights    []string       `yaml:"highlights"`       // the interesting points
	Audience      []string       `yaml:"audience"`         // who should watch it
	Image         NoteImages     `yaml:"image"`            // speaker photo(s), file name in the image folder
	Slides        string         `yaml:"slides"`           // slide URL
	SpeakerDeckID string         `yaml:"speakerdeck_id"`   // Speaker Deck data-id, for the embed
	SlidesTitle   string         `yaml:"slides_title"`     // the slides' own title (else from oEmbed)
	SlidesThumb   string         `yaml:"slides_thumbnail"` // the slides' thumbnail URL (else from oEmbed)
	SlidesImage   NoteImages     `yaml:"slides_image"`     // image(s) standing for the slides, e.g. their title page
	Links         []NoteLink     `yaml:"links"`            // links about the talk or the speaker
	HideHandle    bool           `yaml:"hide_handle"`      // leave the X handle out of the post
	VideoStart    VideoStart     `yaml:"video_start"`      // where the talk starts in the event's video: 8:24, 1:02:03 or seconds
	Extra         Extra          `yaml:"extra"`            // anything else, for the templates
	Add           bool           `yaml:"add"`              // a talk the timetable lacks: add it to the post (title required); or publish the row the reader doubts that talk: names
	LT            bool           `yaml:"lt"`               // with add: the added talk is a lightning talk
	Drop          bool           `yaml:"drop"`             // leave this talk out of the post
}

// SpeakerNotes are the organizer's words on one speaker of a talk.
type SpeakerNotes struct {
	Name        string `yaml:"name"`        // the name as the post should show it
	Handle      string `yaml:"x"`           // an X handle, without @, put first
	Affiliation string `yaml:"affiliation"` // e.g. 株式会社ビズリーチ
}
