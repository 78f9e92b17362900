package scaffold

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/meetup-tools/connpass-scaffold/templates"
)

// factsView is what `scaffold event` prints: the merged facts, the talks of
// the event (talksOfPost without notes: the timetable's rows joined with the
// presentations, the doubtful rows marked), and the source of each field.
type factsView struct {
	ID             int               `json:"id" yaml:"id"`
	Title          string            `json:"title" yaml:"title"`
	Catch          string            `json:"catch,omitempty" yaml:"catch,omitempty"`
	URL            string            `json:"url" yaml:"url"`
	Group          string            `json:"group,omitempty" yaml:"group,omitempty"`
	GroupSubdomain string            `json:"group_subdomain,omitempty" yaml:"group_subdomain,omitempty"`
	Status         string            `json:"status,omitempty" yaml:"status,omitempty"`
	Start          string            `json:"start,omitempty" yaml:"start,omitempty"`
	End            string            `json:"end,omitempty" yaml:"end,omitempty"`
	Place          string            `json:"place,omitempty" yaml:"place,omitempty"`
	Address        string            `json:"address,omitempty" yaml:"address,omitempty"`
	HashTag        string            `json:"hashtag,omitempty" yaml:"hashtag,omitempty"`
	Accepted       int               `json:"accepted" yaml:"accepted"`
	Waiting        int               `json:"waiting" yaml:"waiting"`
	Limit          int               `json:"limit" yaml:"limit"`
	Tickets        []ticketView      `json:"tickets" yaml:"tickets"`
	Talks          []talkView        `json:"talks" yaml:"talks"`
	Sources        map[string]string `json:"sources" yaml:"sources"`
}

type ticketView struct {
	Name         string `json:"name" yaml:"name"`
	Participants int    `json:"participants" yaml:"participants"`
	Capacity     int    `json:"capacity" yaml:"capacity"`
	Waitlist     int    `json:"waitlist" yaml:"waitlist"`
	Cancelled    int    `json:"cancelled" yaml:"cancelled"`
	Attended     *int   `json:"attended,omitempty" yaml:"attended,omitempty"`
}

type talkView struct {
	Label    string        `json:"label" yaml:"label"`
	Kind     string        `json:"kind" yaml:"kind"`
	Time     string        `json:"time,omitempty" yaml:"time,omitempty"`
	Title    string        `json:"title" yaml:"title"`
	Speakers []speakerView `json:"speakers,omitempty" yaml:"speakers,omitempty"`
	Slides   string        `json:"slides,omitempty" yaml:"slides,omitempty"`
	// Doubt is why the reader is not sure the row is a talk: such a row is
	// left out of the post until the notes say add: true or drop: true.
	Doubt string `json:"doubt,omitempty" yaml:"doubt,omitempty"`
}

type speakerView struct {
	Name        string   `json:"name,omitempty" yaml:"name,omitempty"`
	Handles     []string `json:"x,omitempty" yaml:"x,omitempty"`
	Affiliation string   `json:"affiliation,omitempty" yaml:"affiliation,omitempty"`
}

// sourceKeys maps the Facts.Sources field names to the printed keys.
var sourceKeys = map[string]string{
	"ID": "id", "Title": "title", "Catch": "catch", "URL": "url", "GroupName": "group",
	"GroupSubdomain": "group_subdomain", "Status": "status", "Start": "start", "End": "end",
	"Place": "place", "Address": "address", "HashTag": "hashtag", "Tickets": "tickets",
	"Accepted": "accepted", "Waiting": "waiting", "Limit": "limit", "Description": "description",
	"Materials": "materials", "Owners": "owners",
}

// PrintEvent prints the merged facts of the event as JSON or YAML.
func PrintEvent(ctx context.Context, opts Options) error {
	if opts.Format != "json" && opts.Format != "yaml" {
		return usageErr(fmt.Sprintf("--format %q: want json or yaml", opts.Format))
	}
	cfg, _, facts, err := loadFacts(ctx, opts)
	if err != nil {
		return err
	}
	ev := facts.Event
	v := factsView{
		ID: ev.ID, Title: ev.Title, Catch: ev.Catch, URL: ev.URL, Group: ev.GroupName,
		GroupSubdomain: ev.GroupSubdomain, Status: ev.Status,
		Start: jst(ev.Start), End: jst(ev.End),
		Place: ev.Place, Address: ev.Address, HashTag: ev.HashTag,
		Accepted: ev.Accepted, Waiting: ev.Waiting, Limit: ev.Limit,
		Tickets: []ticketView{}, Talks: []talkView{}, Sources: map[string]string{},
	}
	for _, t := range ev.Tickets {
		tv := ticketView{Name: t.Name, Participants: t.Participants, Capacity: t.Capacity, Waitlist: t.Waitlist, Cancelled: t.Cancelled}
		if t.HasAttended {
			n := t.Attended
			tv.Attended = &n
		}
		v.Tickets = append(v.Tickets, tv)
	}
	talks := talksOfPost(cfg, facts, nil)
	warn(opts, talks.warnings)
	for _, t := range talks.all {
		tv := talkView{Label: t.Label, Kind: t.Kind, Time: t.Time.Raw(), Title: templates.Raw(t.Title), Slides: t.Slides.Raw(), Doubt: t.doubt}
		for _, s := range t.Speakers {
			sv := speakerView{Name: templates.Raw(s.Name), Affiliation: templates.Raw(s.Affiliation)}
			for _, h := range s.Handles {
				sv.Handles = append(sv.Handles, h.Raw())
			}
			tv.Speakers = append(tv.Speakers, sv)
		}
		v.Talks = append(v.Talks, tv)
	}
	for field, src := range facts.Sources {
		if key, ok := sourceKeys[field]; ok {
			v.Sources[key] = src
		}
	}
	if ev.Description != "" {
		v.Sources["talks"] = facts.Sources["Description"] + " (timetable in the description)"
	}
	var out []byte
	if opts.Format == "json" {
		out, err = json.MarshalIndent(v, "", "  ")
		out = append(out, '\n')
	} else {
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		err = enc.Encode(v)
		out = buf.Bytes()
	}
	if err != nil {
		return err
	}
	_, err = opts.Stdout.Write(out)
	return err
}

func jst(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(tokyo).Format(time.RFC3339)
}
