package scaffold

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/meetup-tools/connpass-scaffold/fetch"
	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
	"github.com/meetup-tools/connpass-scaffold/templates"
)

// tokyo is Asia/Tokyo. Japan has kept +09:00 without daylight saving since
// 1951, so a fixed zone is exact and needs no tzdata on the machine.
var tokyo = time.FixedZone("JST", 9*60*60)

var numberRes = []func() *regexp.Regexp{
	lazyregexp.New(`#\s*(\d+)`),
	lazyregexp.New(`第\s*(\d+)\s*回`),
	lazyregexp.New(`(?i)vol\.?\s*(\d+)`),
}

// eventNumber reads the meetup's number from its title: "Meetup#13" -> "13".
func eventNumber(title string) string {
	for _, re := range numberRes {
		if m := re().FindStringSubmatch(title); m != nil {
			return strings.TrimLeft(m[1], "0")
		}
	}
	return ""
}

// buildReport merges the facts with the config, the notes and the talks of
// the post (talksOfPost, without problems) into the report model the
// templates see.
func buildReport(cfg Config, facts *Facts, notes *Notes, talks *postTalks) (*Report, error) {
	ev := facts.Event
	r := &Report{
		Series:     cfg.Series,
		Author:     cfg.Author,
		Tags:       notes.Tags,
		Categories: notes.Categories,
		Extra:      notes.Extra,
		Event: Event{
			ID:             ev.ID,
			Number:         eventNumber(ev.Title),
			Title:          Text(ev.Title),
			Catch:          Text(ev.Catch),
			URL:            URL(ev.URL),
			Group:          Text(ev.GroupName),
			GroupSubdomain: Text(ev.GroupSubdomain),
			Status:         Text(ev.Status),
			Start:          ev.Start.In(tokyo),
			End:            ev.End.In(tokyo),
			Place:          Text(ev.Place),
			Address:        Text(ev.Address),
			HashTag:        Text(ev.HashTag),
			Connpass:       EventConnpass{Title: Text(ev.Title), URL: URL(ev.URL), Place: Text(ev.Place)},
		},
		Intro:   strings.TrimSpace(notes.Intro),
		Closing: strings.TrimSpace(notes.Closing),
		Thanks:  strings.TrimSpace(notes.Thanks),
	}
	if ev.Start.IsZero() {
		return nil, userErr(fmt.Sprintf("the start date of event %d was not found; the post's file name needs it", ev.ID))
	}
	r.Date = r.Event.Start.Format("2006-01-02")
	if err := r.applyPostNotes(notes); err != nil {
		return nil, err
	}

	slug := strings.TrimSpace(notes.Slug)
	if slug == "" {
		s, err := templates.String("slug (.scaffold.yaml)", cfg.Slug, r)
		if err != nil {
			return nil, templateUserErr(err)
		}
		slug = strings.TrimSpace(s)
		if slug == "" || strings.HasSuffix(slug, "-") && r.Event.Number == "" {
			slug = fmt.Sprintf("connpass-%d", ev.ID)
		}
	}
	if !isSlug(slug) {
		return nil, userErr(fmt.Sprintf("the slug %q is not a safe file name", slug),
			"use letters, digits, '.', '_' and '-' in the slug (the notes' slug or the config's slug pattern)")
	}
	r.Slug = slug
	var err error
	if r.ImagePath, err = templates.String("image_path (.scaffold.yaml)", cfg.ImagePath, r); err != nil {
		return nil, templateUserErr(err)
	}
	if title := strings.TrimSpace(notes.Title); title != "" {
		r.Title = Markdown(title)
	} else {
		if r.Title, err = templates.Pattern("title (.scaffold.yaml)", cfg.Title, r); err != nil {
			return nil, templateUserErr(err)
		}
		r.Title = trimStr(r.Title)
	}
	r.VenueImages, r.VenueImage = r.images(notes.VenueImage, "")
	r.GroupPhotos, r.GroupPhoto = r.images(notes.GroupPhoto, "")
	if r.Sections, err = r.sections(notes.Sections, notes); err != nil {
		return nil, err
	}
	r.Attendance = attendance(cfg, ev)

	r.setTalks(talks, notes)
	r.Video = r.video(notes.Video, facts)
	r.videoStarts()
	for i := range r.Talks {
		// A Str nobody set prints "" as a string would, not "<no value>".
		t := &r.Talks[i]
		strs := []*Str{&t.Title, &t.Speaker, &t.Affiliation, &t.SlidesTitle}
		for j := range t.Speakers {
			strs = append(strs, &t.Speakers[j].Name, &t.Speakers[j].Affiliation)
		}
		for _, p := range strs {
			if *p == nil {
				*p = Text("")
			}
		}
	}
	return r, nil
}

// trimStr is s without the spaces around it: Markdown stays Markdown, and
// anything else is connpass text.
func trimStr(s Str) Str {
	if _, ok := s.(Markdown); ok {
		return Markdown(strings.TrimSpace(s.Raw()))
	}
	return Text(strings.TrimSpace(s.Raw()))
}

// setTalks makes the talks of the post the report's, each with the style
// values of its notes entry (images, links, ...: applyTalkStyle), which need
// the report's image folder and the post's labels.
func (r *Report) setTalks(pt *postTalks, notes *Notes) {
	r.Talks = slices.Clone(pt.Talks)
	for _, t := range pt.all {
		if t.post >= 0 && t.entry >= 0 {
			applyTalkStyle(&r.Talks[t.post], notes.Talks[t.entry], r)
		}
	}
}

// image makes a notes image into a post image: a bare file name lives in
// the post's image folder; an absolute path or URL is used as written.
func (r *Report) image(n *NoteImage, alt string) *Image {
	if n == nil || n.File == "" {
		return nil
	}
	url := n.File
	if !strings.HasPrefix(url, "/") && !strings.Contains(url, "://") {
		url = r.ImagePath + url
	}
	if n.Alt != "" {
		alt = n.Alt
	}
	return &Image{URL: url, Alt: alt, Caption: strings.TrimSpace(n.Caption), Link: strings.TrimSpace(n.Link)}
}

// images makes the notes' images into post images (those without a file
// left out), and returns the first too (nil when none).
func (r *Report) images(ns NoteImages, alt string) ([]Image, *Image) {
	var out []Image
	for i := range ns {
		if img := r.image(&ns[i], alt); img != nil {
			out = append(out, *img)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, &out[0]
}

// attendance gives the numbers: per 参加枠 with the config's short labels,
// and the totals.
func attendance(cfg Config, ev *fetch.Event) Attendance {
	a := Attendance{Participants: ev.Accepted, Capacity: ev.Limit, Waitlist: ev.Waiting}
	sum := 0
	for _, t := range ev.Tickets {
		// The config's label is the organizer's; one made of the name is connpass's.
		var label Str = Markdown(cfg.Labels.Tickets[t.Name])
		if label.Raw() == "" {
			label = Text(strings.TrimSuffix(t.Name, "参加枠"))
		}
		if label.Raw() == "" {
			label = Text(t.Name)
		}
		a.Tickets = append(a.Tickets, Ticket{
			Name: Text(t.Name), Label: label,
			Participants: t.Participants, Capacity: t.Capacity,
			Waitlist: t.Waitlist, Cancelled: t.Cancelled,
			Attended: t.Attended, HasAttended: t.HasAttended,
		})
		sum += t.Participants
		a.Cancelled += t.Cancelled
		a.Attended += t.Attended
		a.HasAttended = a.HasAttended || t.HasAttended
		if ev.Waiting == 0 {
			a.Waitlist += t.Waitlist
		}
	}
	if a.Participants == 0 {
		a.Participants = sum
	}
	return a
}
