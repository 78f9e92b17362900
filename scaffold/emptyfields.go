package scaffold

import (
	"fmt"
	"reflect"

	"github.com/meetup-tools/connpass-scaffold/templates"
)

// The fields of the notes that `scaffold check` reports empty when the
// templates ask for them: the report model's field, and its notes key.
var (
	reportNotesKeys = map[string]string{
		"Intro": "intro", "Closing": "closing", "Thanks": "thanks",
		"VenueImage": "venue_image", "VenueImages": "venue_image",
		"GroupPhoto": "group_photo", "GroupPhotos": "group_photo",
		"Video": "video", "Tags": "tags", "Categories": "categories",
	}
	talkNotesKeys = map[string]string{
		"Summary": "summary", "Comment": "comment", "Highlights": "highlights", "Audience": "audience",
		"Affiliation": "affiliation", "Image": "image", "Images": "image",
		"SlidesImages": "slides_image", "Links": "links",
	}
)

// emptyFields lists the notes' fields the template set asks for (fields,
// from Set.Fields; see templates.FieldUse) that are empty in the report, in
// the order the templates meet them: "intro", "talks 発表1 summary". labels
// gives each talk of the report its name in the lines (the notes' label);
// the talks whose label is in skip are left out (they have no notes at all).
func emptyFields(fields []templates.FieldUse, r *Report, labels []string, skip map[string]bool) []string {
	var talkFields []string
	for _, u := range fields {
		if u.Type == "Talk" && u.Asked && talkNotesKeys[u.Field] != "" {
			talkFields = append(talkFields, u.Field)
		}
	}
	var out []string
	seen := map[string]bool{}
	add := func(what string) {
		if !seen[what] {
			seen[what] = true
			out = append(out, what)
		}
	}
	rv := reflect.ValueOf(r).Elem()
	for _, u := range fields {
		if u.Type != "Report" {
			continue
		}
		if u.Field == "Talks" {
			for i := range r.Talks {
				if skip[labels[i]] {
					continue
				}
				tv := reflect.ValueOf(r.Talks[i])
				for _, f := range talkFields {
					if tv.FieldByName(f).IsZero() || emptyList(tv.FieldByName(f)) {
						add("talks " + labels[i] + " " + talkNotesKeys[f])
					}
				}
			}
			continue
		}
		key := reportNotesKeys[u.Field]
		if key == "" || !u.Asked {
			continue
		}
		if v := rv.FieldByName(u.Field); v.IsZero() || emptyList(v) {
			add(key)
		}
	}
	return out
}

func emptyList(v reflect.Value) bool {
	return (v.Kind() == reflect.Slice || v.Kind() == reflect.Map) && v.Len() == 0
}

// unplacedSections lists the notes' sections no template places: none when
// the templates range over .Sections, else those whose name no
// {{ .Section "name" }} of the templates gives. fields are set's (Set.Fields).
func unplacedSections(set *templates.Set, fields []templates.FieldUse, r *Report) []string {
	if len(r.Sections) == 0 {
		return nil
	}
	for _, u := range fields {
		if u.Type == "Report" && u.Field == "Sections" {
			return nil
		}
	}
	placed := map[string]bool{}
	for _, name := range set.MethodArgs(reflect.TypeOf(r), "Report", "Section") {
		placed[name] = true
	}
	var out []string
	for _, s := range r.Sections {
		if !placed[s.Name] {
			out = append(out, fmt.Sprintf("section not placed: %s (no template ranges over .Sections or has {{ with .Section %q }})", s.Name, s.Name))
		}
	}
	return out
}
