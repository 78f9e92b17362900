package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// latestPageSize and latestMaxPages bound the search of a group's events:
// 100 a page (the API's maximum), at most 10 pages.
const (
	latestPageSize = 100
	latestMaxPages = 10
)

// LatestEnded asks the API for the events of the group with this connpass
// subdomain (GET events/?subdomain=S&order=2&count=100, page by page) and
// returns the one that started last among those that have ended by now:
// an end time before now, or status 終了 when the API gives no end. Cancelled
// events (中止) are never picked. A group with no ended event gives an
// *APIError of kind APINotFound wrapping ErrNoSuchEvent.
//
// The answers are not cached: the latest event changes, and the next request
// (the event itself) is cached as usual.
func (c *Client) LatestEnded(ctx context.Context, subdomain string, now time.Time) (*Event, error) {
	subdomain = strings.TrimSpace(subdomain)
	if subdomain == "" {
		return nil, &APIError{Kind: APIBadRequest, Msg: "no connpass group subdomain to search"}
	}
	var best *Event
	start := 1
	seen := map[string]int{} // a page's event ids -> the start it came for
	for page := 0; ; page++ {
		if page == latestMaxPages {
			c.warnf("read only the first %d events of group %s", page*latestPageSize, subdomain)
			break
		}
		q := url.Values{"subdomain": {subdomain}, "order": {"2"}, "count": {strconv.Itoa(latestPageSize)}}
		if start > 1 {
			q.Set("start", strconv.Itoa(start))
		}
		var evs []Event
		var available int
		err := c.get(ctx, "events/", q, func(body []byte) (cacheFor, error) {
			var err error
			if evs, err = DecodeEvents(bytes.NewReader(body)); err != nil {
				return cacheNot, err
			}
			var head struct {
				Available apiInt `json:"results_available"`
			}
			if err := json.Unmarshal(body, &head); err != nil {
				return cacheNot, apiBadBody("connpass API response: results_available", err)
			}
			available = int(head.Available)
			if len(evs) > 0 { // a misbehaving server may answer the same page for every start=
				ids := make([]int, len(evs))
				for i := range evs {
					ids[i] = evs[i].ID
				}
				k := fmt.Sprint(ids)
				if first, ok := seen[k]; ok {
					return cacheNot, apiBadBody(fmt.Sprintf("the connpass API answered the same events of group %s for start=%d as for start=%d; refusing the repeated page", subdomain, start, first), nil)
				}
				seen[k] = start
			}
			return cacheNot, nil
		})
		if err != nil {
			return nil, err
		}
		for i := range evs {
			ev := &evs[i]
			if ev.GroupSubdomain != "" && !strings.EqualFold(ev.GroupSubdomain, subdomain) {
				continue // not the group's (an API that ignored the filter)
			}
			if !ended(ev, now) {
				continue
			}
			if best == nil || ev.Start.After(best.Start) {
				best = ev
			}
		}
		if len(evs) == 0 || start-1+len(evs) >= available {
			break
		}
		start += len(evs)
	}
	if best == nil {
		return nil, &APIError{Kind: APINotFound,
			Msg:  fmt.Sprintf("connpass has no ended event of the group %q", subdomain),
			Hint: "check group: in .scaffold.yaml (the part before .connpass.com), or give --event ID",
			Err:  ErrNoSuchEvent}
	}
	return best, nil
}

// ended says whether ev is over by now and was held.
func ended(ev *Event, now time.Time) bool {
	if ev.Status == "中止" {
		return false
	}
	if !ev.End.IsZero() {
		return ev.End.Before(now)
	}
	if !ev.Start.IsZero() && ev.Status == "" {
		return ev.Start.Before(now)
	}
	return ev.Status == "終了"
}
