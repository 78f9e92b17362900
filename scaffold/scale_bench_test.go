package scaffold

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/meetup-tools/connpass-scaffold/fetch"
	"github.com/meetup-tools/connpass-scaffold/internal/scalebench"
)

// scaleEvent is an event of n talks, as big events have them: a timetable
// table in the description (a regular talk, then every fifth an LT), one
// presentation (資料) per talk from the API, presented by the talk's
// speaker, and notes with one entry per talk as `scaffold notes` writes
// them (by label), every third also naming the talk by its title instead.
func scaleEvent(n int) (*Facts, *Notes) {
	var b strings.Builder
	b.WriteString("<h2>タイムテーブル</h2>\n<table><thead><tr><th>時間</th><th>タイトル</th><th>登壇者</th></tr></thead><tbody>\n")
	ev := &fetch.Event{ID: 999001, Title: "Scale Meetup #1"}
	facts := &Facts{Event: ev, Sources: map[string]string{}}
	notes := &Notes{file: "notes/999001.yaml"}
	talks, lts := 0, 0
	for i := range n {
		title := fmt.Sprintf("大規模イベントでの監視の話 その%d", i+1)
		label := ""
		if i%5 == 4 {
			title = "LT: " + title
			lts++
			label = fmt.Sprintf("LT%d", lts)
		} else {
			talks++
			label = fmt.Sprintf("発表%d", talks)
		}
		fmt.Fprintf(&b, "<tr><td>%02d:%02d</td><td>%s</td><td>登壇者%d (@user%d)</td></tr>\n", 10+i/60%12, i%60, title, i+1, i+1)
		facts.Presentations = append(facts.Presentations, fetch.Material{
			Title: strings.TrimPrefix(title, "LT: "), URL: fmt.Sprintf("https://example.com/slides/%d", i+1), Presenter: fmt.Sprintf("user%d", i+1)})
		key := label
		if i%3 == 2 {
			key = title
		}
		notes.Talks = append(notes.Talks, TalkNotes{Talk: key, Summary: "まとめ"})
		notes.talkLines = append(notes.talkLines, 2+3*i)
	}
	b.WriteString("</tbody></table>\n")
	ev.Description = b.String()
	return facts, notes
}

// BenchmarkMatchScale measures matching at each size (scalebench.Run): the
// presentations joined to the timetable's talks, then the notes' entries
// matched and laid over them, ordered and numbered (the timetable is read
// once, outside the measurement).
func BenchmarkMatchScale(b *testing.B) {
	cfg := testConfig()
	scalebench.Run(b, func(b *testing.B, n int) func() {
		facts, notes := scaleEvent(n)
		pres := facts.Presentations
		facts.Presentations = nil
		rows, _ := eventTalks(cfg, facts)
		if len(rows) != n {
			b.Fatalf("%d rows read, want %d", len(rows), n)
		}
		match := func() *postTalks {
			joinedRows, _ := joinPresentations(slices.Clone(rows), pres)
			return layNotes(cfg, joinedRows, notes, facts.Event.ID)
		}
		if pt := match(); len(pt.problems) > 0 || len(pt.Talks) != n || pt.Talks[n-1].Summary != "まとめ" || pt.Talks[n-1].Slides == "" {
			b.Fatalf("%d talks, problems %v", len(pt.Talks), pt.problems)
		}
		return func() { match() }
	})
}

// BenchmarkTalksScale measures the talks of a post at each size
// (scalebench.Run), all the way: the timetable read from the description,
// the presentations joined, the notes matched.
func BenchmarkTalksScale(b *testing.B) {
	cfg := testConfig()
	scalebench.Run(b, func(b *testing.B, n int) func() {
		facts, notes := scaleEvent(n)
		if pt := talksOfPost(cfg, facts, notes); len(pt.problems) > 0 || len(pt.Talks) != n {
			b.Fatalf("%d talks, problems %v", len(pt.Talks), pt.problems)
		}
		return func() { talksOfPost(cfg, facts, notes) }
	})
}
