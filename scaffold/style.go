package scaffold

// This file lays over the report the notes' values for a group's own style:
// the post's author, date, tags and categories, free sections, the event's
// video and, per talk, the images, links, slides' images, the video start and
// the extra data; and it keeps each talk's connpass values beside them.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/meetup-tools/connpass-scaffold/templates"
)

// applyPostNotes sets the values the notes may give per post.
func (r *Report) applyPostNotes(notes *Notes) error {
	if v := strings.TrimSpace(notes.Author); v != "" {
		r.Author = v
	}
	if v := strings.TrimSpace(string(notes.Date)); v != "" {
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return userErr(fmt.Sprintf("%s: date %q is not a date as YYYY-MM-DD", notesName(notes), v))
		}
		r.Date = v
	}
	return nil
}

func notesName(notes *Notes) string {
	if notes.file == "" {
		return "notes"
	}
	return notes.file
}

// sections makes the notes' free sections into the post's. Each needs a
// name, and one name names one section.
func (r *Report) sections(ns []SectionNotes, notes *Notes) ([]Section, error) {
	var out []Section
	seen := map[string]bool{}
	for i, n := range ns {
		name := strings.TrimSpace(n.Name)
		if name == "" {
			return nil, userErr(fmt.Sprintf("%s: section %d has no name", notesName(notes), i+1),
				`give each section a name: the templates place it with {{ with .Section "name" }}`)
		}
		if seen[name] {
			return nil, userErr(fmt.Sprintf("%s: two sections are named %q", notesName(notes), name))
		}
		seen[name] = true
		imgs, _ := r.images(n.Images, "")
		out = append(out, Section{
			Name: name, Heading: strings.TrimSpace(n.Heading), Body: strings.TrimSpace(n.Body),
			Images: imgs, After: strings.TrimSpace(n.After), Extra: n.Extra,
		})
	}
	return out, nil
}

// connpassOf is the talk's connpass values, before the notes.
func connpassOf(t Talk) TalkConnpass {
	return TalkConnpass{Title: Text(templates.Raw(t.Title)), Speakers: slices.Clone(t.Speakers), Speaker: Text(templates.Raw(t.Speaker)), Handle: t.Handle, URL: t.Slides}
}

// applyTalkStyle lays the style values of one notes entry over its talk.
func applyTalkStyle(t *Talk, n TalkNotes, r *Report) {
	if imgs, first := r.images(n.Image, t.Label); first != nil {
		t.Images, t.Image = imgs, first
	}
	if imgs, _ := r.images(n.SlidesImage, t.Label); imgs != nil {
		t.SlidesImages = imgs
	}
	if v := strings.TrimSpace(n.SlidesTitle); v != "" {
		t.SlidesTitle = Markdown(v)
	}
	if v := strings.TrimSpace(n.SlidesThumb); v != "" {
		t.SlidesThumbnail = URL(v)
	}
	for _, l := range n.Links {
		t.Links = append(t.Links, Link{Text: strings.TrimSpace(l.Text), URL: strings.TrimSpace(l.URL)})
	}
	if n.HideHandle {
		t.Handle, t.HandleHidden = "", true
		speakers := make([]Speaker, len(t.Speakers))
		for i, s := range t.Speakers {
			s.Handles, s.Handle = nil, ""
			speakers[i] = s
		}
		t.Speakers = speakers
	}
	if n.VideoStart.Text != "" {
		t.VideoStart, t.VideoStartText = n.VideoStart.Seconds, n.VideoStart.Text
	}
	if n.Extra != nil {
		t.Extra = n.Extra
	}
}

// relabel gives the images whose alt text was a talk's old label its new one.
func relabel(imgs []Image, old, label string) {
	for i := range imgs {
		if imgs[i].Alt == old {
			imgs[i].Alt = label
		}
	}
}

// video is the event's video: the notes' URL, else the first YouTube video
// among the connpass materials that is no talk's slides.
func (r *Report) video(notesURL string, facts *Facts) *Video {
	v := &Video{URL: URL(strings.TrimSpace(notesURL))}
	if v.URL == "" {
		used := map[string]bool{}
		for _, t := range r.Talks {
			used[t.Connpass.URL.Raw()] = true
		}
		for _, p := range facts.Presentations {
			if isYouTube(p.URL) && !used[p.URL] {
				v.URL, v.FromAPI = URL(p.URL), true
				break
			}
		}
	}
	if v.URL == "" {
		return nil
	}
	if kind, id, _ := embedOf(v.URL.Raw()); kind == EmbedYouTube {
		v.Kind, v.ID = kind, id
		v.Embed, _ = templates.YouTubeEmbed(id, 0) // the id is checked by embedOf's pattern
	}
	return v
}

// videoStarts gives each talk with a video_start its jump link and its
// embed into the event's video, when that is a YouTube video.
func (r *Report) videoStarts() {
	if r.Video == nil || r.Video.Kind != EmbedYouTube {
		return
	}
	for i := range r.Talks {
		t := &r.Talks[i]
		if t.VideoStartText == "" {
			continue
		}
		t.VideoLink = "https://www.youtube.com/watch?v=" + r.Video.ID + "&t=" + strconv.Itoa(t.VideoStart) + "s"
		t.VideoEmbed, _ = templates.YouTubeEmbed(r.Video.ID, t.VideoStart)
	}
}

// isYouTube reports whether u is the URL of a YouTube video.
func isYouTube(u string) bool {
	kind, _, _ := embedOf(u)
	return kind == EmbedYouTube
}
