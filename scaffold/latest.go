package scaffold

import (
	"context"
	"fmt"
	"strconv"
)

// latestEvent is the id of the group's most recent event that has ended,
// from the connpass API v2 search by subdomain; it says on stderr which
// event it picked.
func latestEvent(ctx context.Context, opts Options, key, group string) (int, error) {
	if opts.Offline {
		// The search is never cached: offline, there is no latest event to find.
		return 0, userErr(fmt.Sprintf("no --event: the latest event of %s is asked of the connpass API every time, and the network is off (--offline)", group),
			"give --event ID with --offline (an event's answers are cached), or run without --offline")
	}
	client := opts.apiClient(key) // the search is never cached (LatestEnded), whatever Refresh says
	now := opts.Now
	if now == nil {
		return 0, fmt.Errorf("Options.Now is needed to pick the latest event")
	}
	ev, err := client.LatestEnded(ctx, group, now())
	if err != nil {
		return 0, apiUserErr(err)
	}
	date := ""
	if !ev.Start.IsZero() {
		date = " on " + ev.Start.In(tokyo).Format("2006-01-02")
	}
	opts.report().Say(fmt.Sprintf("no --event: took event %d %s%s, the latest ended event of %s",
		ev.ID, strconv.QuoteToGraphic(ev.Title), date, group))
	return ev.ID, nil
}
