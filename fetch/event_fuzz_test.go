package fetch

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParseEventPage feeds the parser arbitrary bytes, seeded with the real
// captures and the reconstructed page. It must never panic, and it must
// either fail or return an event with a title and an id.
//
//	go test ./fetch -run '^$' -fuzz FuzzParseEventPage -fuzztime 20s
func FuzzParseEventPage(f *testing.F) {
	for _, path := range []string{page2026, page2017, page404, page403, page368663} {
		f.Add(string(mustReadFile(f, path)))
	}
	for _, s := range []string{
		"",
		"<",
		"<!-- saved from url=(0010)https://x.connpass.com/event/1/ -->",
		`<h2 class="event_title">T</h2>`,
		`<meta property="og:url" content="https://x.connpass.com/event/99999999999999999999/"><h2 class="event_title">T</h2>`,
		`<meta property="og:url" content="https://x.connpass.com/event/1/"><h2 class="event_title"><div class="current_event_title">T</div></h2>` +
			`<div class="ptypes"><div class="ptype"><p class="participants"><span class="amount"><span>9999999999</span>/</span></p></div></div>`,
		`<table><tr><th>開催日時</th><td>2026/99/99(x) 99:99 ～ 99:99</td></tr></table>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ev, err := ParseEventPage(strings.NewReader(s))
		if err != nil {
			if ev != nil {
				t.Errorf("ParseEventPage returned both an event and the error %v", err)
			}
			var nep *NotEventPageError
			if errors.As(err, &nep) && nep.Missing == "" {
				t.Errorf("NotEventPageError without Missing: %v", err)
			}
			return
		}
		if ev == nil || ev.Title == "" || ev.ID <= 0 || ev.URL == "" {
			t.Errorf("ParseEventPage succeeded with an incomplete event: %+v", ev)
		}
		for _, tk := range ev.Tickets {
			if tk.Participants < 0 || tk.Capacity < 0 {
				t.Errorf("negative count in %+v", tk)
			}
		}
	})
}
