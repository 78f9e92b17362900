package scaffold

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// ParseEventRef reads the event the user named with --event: its id
// ("368663") or any connpass URL of it, with or without the group's
// subdomain, the scheme or trailing parts
// ("https://datadog-jp.connpass.com/event/368663/participation/",
// "connpass.com/event/368663"). Anything else is a usage error.
func ParseEventRef(s string) (int, error) {
	s = strings.TrimSpace(s)
	bad := func(why string) (int, error) {
		return 0, usageErr(fmt.Sprintf("--event %q: %s", s, why),
			"give the event's id (the number in its URL) or its URL, like https://GROUP.connpass.com/event/368663/")
	}
	if s == "" {
		return bad("empty")
	}
	if s[0] >= '0' && s[0] <= '9' || s[0] == '-' || s[0] == '+' {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return bad("an event id is a positive number")
		}
		return n, nil
	}
	raw := s
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return bad("neither an event id nor a connpass event URL")
	}
	host := strings.ToLower(u.Hostname())
	if host != "connpass.com" && !strings.HasSuffix(host, ".connpass.com") {
		return bad("not a connpass URL")
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) < 2 || parts[0] != "event" {
		return bad("not the URL of a connpass event (…/event/ID/)")
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil || n <= 0 {
		return bad("not the URL of a connpass event (…/event/ID/)")
	}
	return n, nil
}
