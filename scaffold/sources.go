package scaffold

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/meetup-tools/connpass-scaffold/fetch"
	"github.com/meetup-tools/connpass-scaffold/internal/input"
)

// Facts are the merged connpass facts of one event, with where each field
// came from.
type Facts struct {
	Event   *fetch.Event
	Sources map[string]string // field name -> source ("api", "page saved/368663.html", "csv ...")
	// Presentations are the event's 資料 from the API, joined to the
	// timetable's talks by title and presenter.
	Presentations []fetch.Material
}

// Source names, as Facts.Sources records them.
const (
	sourceAPI = "api"
)

// loadFacts loads the config and the facts of the event: what every command
// starts from. root is the folder the config's relative paths start from.
func loadFacts(ctx context.Context, opts Options) (cfg Config, root string, facts *Facts, err error) {
	if cfg, root, err = loadConfig(opts); err != nil {
		return cfg, root, nil, err
	}
	facts, err = gatherFacts(ctx, opts, cfg)
	return cfg, root, facts, err
}

// gatherFacts reads every source the user gave and merges them field by
// field, later sources winning, in a fixed order whatever the order of the
// flags: the API, then the saved event pages, then the saved participation
// pages, then the participants CSV. (The notes come last, in buildReport.)
func gatherFacts(ctx context.Context, opts Options, cfg Config) (*Facts, error) {
	facts := &Facts{Event: &fetch.Event{}, Sources: map[string]string{}}
	key := opts.APIKey
	if key == "" {
		key = cfg.APIKey
	}
	if len(opts.HTMLFiles) == 0 && key == "" {
		return nil, userErr("no source for the event's facts: no saved page and no connpass API key",
			"save the event page from the browser and pass it with --html FILE",
			"or set CONNPASS_API_KEY (or --api-key) to read the event from the connpass API v2; get a key at https://help.connpass.com/api/")
	}

	// Saved pages first, for the event id; they are merged over the API below.
	type page struct {
		name  string
		event *fetch.Event
		part  *fetch.Participation
	}
	var pages []page
	id := opts.EventID
	for _, name := range opts.HTMLFiles {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p := page{name: name}
		pid := 0
		data, err := input.ReadFile(resolve(opts.Dir, name), input.MaxPage)
		if err != nil {
			e := fileErr(name, err)
			if ue, ok := e.(*Error); ok && errors.Is(err, os.ErrNotExist) && strings.Contains(name, "://") {
				ue.Hints = append(ue.Hints, "--html takes the page saved from the browser: scaffold never downloads connpass pages",
					"give the event's URL to --event instead, with a saved page (--html FILE) or an API key")
			}
			return nil, e
		}
		saved, err := fetch.ReadSavedPage(data) // one parse, whichever page it is
		if err != nil {
			var nep *fetch.NotEventPageError
			if errors.As(err, &nep) {
				return nil, &Error{Msg: fmt.Sprintf("%s: %v", name, err), Err: err,
					Hints: []string{"save the event page itself (https://GROUP.connpass.com/event/ID/) with the browser's \"Save Page As\""}}
			}
			return nil, &Error{Msg: fmt.Sprintf("%s: %v", name, err), Err: err}
		}
		if p.part = saved.Participation; p.part != nil {
			pid = p.part.EventID
		} else {
			p.event = saved.Event
			pid = p.event.ID
		}
		if pid != 0 && id != 0 && pid != id {
			if opts.EventID != 0 {
				return nil, userErr(fmt.Sprintf("%s is the page of event %d, not of event %d", name, pid, opts.EventID),
					fmt.Sprintf("pass the page saved from https://connpass.com/event/%d/ or fix --event", opts.EventID))
			}
			return nil, userErr(fmt.Sprintf("%s is the page of event %d, but another page is of event %d", name, pid, id))
		}
		if id == 0 {
			id = pid
		}
		pages = append(pages, p)
	}
	if id == 0 && len(pages) == 0 && key != "" && cfg.Group != "" {
		latest, err := latestEvent(ctx, opts, key, cfg.Group)
		if err != nil {
			return nil, err
		}
		id = latest
	}
	if id == 0 {
		hints := []string{}
		if key != "" {
			hints = append(hints, "or set group: in .scaffold.yaml (the group's connpass subdomain) to take its latest ended event")
		}
		return nil, usageErr("which event? give --event ID (the number in the event's URL)", hints...)
	}

	if key != "" {
		if err := apiFacts(ctx, opts, key, id, facts); err != nil {
			var ae *fetch.APIError
			hasEventPage := slices.ContainsFunc(pages, func(p page) bool { return p.event != nil })
			if !errors.As(err, &ae) || ae.Kind != fetch.APIOffline || !hasEventPage {
				return nil, err
			}
			// --offline with a saved event page: the page is enough.
			opts.report().Warn(fmt.Sprintf("no cached connpass API response for event %d (--offline); using the saved pages only", id))
		}
	}
	// Event pages before participation pages: the participation page's
	// exact counts win over the event page's, whatever the flag order.
	for _, p := range pages {
		if p.event != nil {
			mergeEvent(facts, p.event, "page "+p.name)
		}
	}
	for _, p := range pages {
		if p.part != nil {
			mergeCounts(facts, p.part.Tickets, "page "+p.name)
		}
	}
	if facts.Event.ID == 0 {
		facts.Event.ID = id
		facts.Sources["ID"] = "--event"
	}
	if facts.Event.Title == "" {
		return nil, userErr(fmt.Sprintf("no title for event %d: the participation page alone does not have the event's facts", id),
			"pass the event page too (--html), or set CONNPASS_API_KEY")
	}
	if opts.ParticipantsCSV != "" {
		f, err := input.Open(resolve(opts.Dir, opts.ParticipantsCSV), input.MaxCSV)
		if err != nil {
			return nil, fileErr(opts.ParticipantsCSV, err)
		}
		tickets, err := fetch.ReadParticipantsCSV(f)
		f.Close()
		if err != nil {
			return nil, &Error{Msg: fmt.Sprintf("%s: %v", opts.ParticipantsCSV, err), Err: err,
				Hints: []string{"use the CSV connpass gives on the event's 参加者管理 page (CSVダウンロード), unedited"}}
		}
		mergeCounts(facts, tickets, "csv "+opts.ParticipantsCSV)
	}
	return facts, nil
}

// cache is the on-disk cache of network answers, or nil when there is none.
func (o Options) cache() *fetch.Cache {
	if o.CacheDir == "" {
		return nil
	}
	return &fetch.Cache{Dir: o.CacheDir}
}

// apiClient is the connpass API v2 client of these options, with key.
func (o Options) apiClient(key string) *fetch.Client {
	return &fetch.Client{
		BaseURL:    o.APIBase,
		Key:        key,
		HTTPClient: o.HTTPClient,
		UserAgent:  fetch.UserAgent(o.Version),
		Timeout:    o.Timeout,
		Offline:    o.Offline,
		Refresh:    o.Refresh,
		Now:        o.Now,
		Sleep:      o.Sleep,
		Warn:       func(msg string) { o.report().Warn(msg) },
		Cache:      o.cache(),
	}
}

// apiFacts asks the connpass API v2 for the event and its presentations.
func apiFacts(ctx context.Context, opts Options, key string, id int, facts *Facts) error {
	client := opts.apiClient(key)
	ev, err := client.Event(ctx, id)
	if err != nil {
		return apiUserErr(err)
	}
	pres, err := client.Presentations(ctx, id)
	if err != nil {
		return apiUserErr(err)
	}
	mergeEvent(facts, ev, sourceAPI)
	facts.Presentations = pres
	return nil
}

func apiUserErr(err error) error {
	var ae *fetch.APIError
	if errors.As(err, &ae) {
		if errors.Is(err, context.Canceled) {
			return err
		}
		e := &Error{Msg: ae.Msg, Err: err}
		if ae.Hint != "" {
			e.Hints = []string{ae.Hint}
		}
		return e
	}
	return err
}

// mergeEvent lays the non-empty fields of next over facts, recording src
// as the source of each field it sets.
func mergeEvent(facts *Facts, next *fetch.Event, src string) {
	out := facts.Event
	str := func(field string, dst *string, v string) {
		if v != "" {
			*dst = v
			facts.Sources[field] = src
		}
	}
	num := func(field string, dst *int, v int) {
		if v != 0 {
			*dst = v
			facts.Sources[field] = src
		}
	}
	num("ID", &out.ID, next.ID)
	str("Title", &out.Title, next.Title)
	str("Catch", &out.Catch, next.Catch)
	str("URL", &out.URL, next.URL)
	str("GroupName", &out.GroupName, next.GroupName)
	str("GroupSubdomain", &out.GroupSubdomain, next.GroupSubdomain)
	str("Status", &out.Status, next.Status)
	if !next.Start.IsZero() {
		out.Start = next.Start
		facts.Sources["Start"] = src
	}
	if !next.End.IsZero() {
		out.End = next.End
		facts.Sources["End"] = src
	}
	str("Place", &out.Place, next.Place)
	str("Address", &out.Address, next.Address)
	str("HashTag", &out.HashTag, next.HashTag)
	if len(next.Tickets) > 0 {
		out.Tickets = mergeTickets(out.Tickets, next.Tickets, false)
		facts.Sources["Tickets"] = src
	}
	num("Accepted", &out.Accepted, next.Accepted)
	num("Waiting", &out.Waiting, next.Waiting)
	num("Limit", &out.Limit, next.Limit)
	if next.Description != "" {
		out.TakeDescription(next) // with the page's parsed tree, if any
		facts.Sources["Description"] = src
	}
	if len(next.Materials) > 0 {
		out.Materials = next.Materials
		facts.Sources["Materials"] = src
	}
	if len(next.Owners) > 0 {
		out.Owners = next.Owners
		facts.Sources["Owners"] = src
	}
}

// mergeCounts lays exact per-参加枠 counts (participation page, CSV) over the
// facts: participants, waitlist and cancellations are taken as given, zeros
// included, and the totals follow them.
func mergeCounts(facts *Facts, tickets []fetch.TicketType, src string) {
	ev := facts.Event
	ev.Tickets = mergeTickets(ev.Tickets, tickets, true)
	ev.Accepted, ev.Waiting = 0, 0
	for _, t := range ev.Tickets {
		ev.Accepted += t.Participants
		ev.Waiting += t.Waitlist
	}
	facts.Sources["Tickets"] = src
	facts.Sources["Accepted"] = src
	facts.Sources["Waiting"] = src
}

// mergeTickets merges 参加枠 by name, keeping base's order and appending new
// ones. With exact, next's counts replace base's even when zero.
func mergeTickets(base, next []fetch.TicketType, exact bool) []fetch.TicketType {
	out := append([]fetch.TicketType(nil), base...)
	for _, n := range next {
		i := -1
		for j := range out {
			if out[j].Name == n.Name {
				i = j
				break
			}
		}
		if i < 0 {
			out = append(out, n)
			continue
		}
		t := &out[i]
		if exact {
			t.Participants, t.Waitlist, t.Cancelled = n.Participants, n.Waitlist, n.Cancelled
		} else {
			if n.Participants != 0 {
				t.Participants = n.Participants
			}
			if n.Waitlist != 0 {
				t.Waitlist = n.Waitlist
			}
			if n.Cancelled != 0 {
				t.Cancelled = n.Cancelled
			}
		}
		if n.Capacity != 0 {
			t.Capacity = n.Capacity
		}
		if n.Fee != "" {
			t.Fee = n.Fee
		}
		if n.Method != "" {
			t.Method = n.Method
		}
		if n.HasAttended {
			t.Attended, t.HasAttended = n.Attended, true
		}
	}
	return out
}
