package scaffold

import (
	"fmt"
	"math/rand/v2"
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

// nearTitles is n talks with titles of their own words, as real titles
// mostly are ("<w1>で<w2>を<w3>してみた", each word three kanji picked at
// random: the bigrams all titles share are the particles' and してみた's),
// and one notes entry per talk naming it by a near-title, which only the
// tolerant round of matchTalks resolves: the title without its last two
// characters (a part of it), with its second word changed, or with
// "（仮）" added.
func nearTitles(n int) ([]Talk, []TalkNotes) {
	rnd := rand.New(rand.NewPCG(14, uint64(n)))
	word := func() string {
		w := make([]rune, 3)
		for i := range w {
			w[i] = 0x4E00 + rune(rnd.IntN(2000))
		}
		return string(w)
	}
	talks := make([]Talk, n)
	entries := make([]TalkNotes, n)
	for i := range n {
		w1, w2, w3 := word(), word(), word()
		title := w1 + "で" + w2 + "を" + w3 + "してみた"
		talks[i] = Talk{Label: fmt.Sprintf("発表%d", i+1), Title: Text(title)}
		key := title + "（仮）"
		switch i % 3 {
		case 0:
			key = strings.TrimSuffix(title, "みた")
		case 1:
			key = w1 + "で" + word() + "を" + w3 + "してみた"
		}
		entries[i] = TalkNotes{Talk: key}
	}
	return talks, entries
}

// BenchmarkMatchNearTitlesScale measures matching notes entries that name
// their talks by near-titles (nearTitles) at each size (scalebench.Run).
func BenchmarkMatchNearTitlesScale(b *testing.B) {
	scalebench.Run(b, func(b *testing.B, n int) func() {
		talks, entries := nearTitles(n)
		for i, m := range matchTalks(talks, entries) {
			if m.talk != i || m.how == matchedByTitle {
				b.Fatalf("entry %d %q: talk %d by %q, %+v", i, entries[i].Talk, m.talk, m.how, m.err)
			}
		}
		return func() { matchTalks(talks, entries) }
	})
}
