package scaffold

// The matching of match.go as it was before the title index: every entry
// the exact round leaves is compared with every talk, and bruteSimilarity
// recomputes the bigrams of both strings. It is the reference that
// TestMatchTalksAsBefore and FuzzMatchTalks hold matchTalks to.

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/meetup-tools/connpass-scaffold/templates"
)

func bruteMatchTalks(talks []Talk, notes []TalkNotes) []noteMatch {
	out := make([]noteMatch, len(notes))
	// Each talk's label and title are folded once, and found by map: the
	// exact round is linear in talks + notes.
	folded := make([]string, len(talks))
	byLabel := make(map[string]int, len(talks))   // folded label -> the first talk with it
	byTitle := make(map[string][]int, len(talks)) // folded title -> the talks with it, in order
	for i, t := range talks {
		folded[i] = foldTitle(templates.Raw(t.Title))
		if l := foldLabel(t.Label); l != "" {
			if _, ok := byLabel[l]; !ok {
				byLabel[l] = i
			}
		}
		if folded[i] != "" {
			byTitle[folded[i]] = append(byTitle[folded[i]], i)
		}
	}
	claimed := make([]int, len(talks)) // entry index + 1 that named the talk; 0 when none
	claim := func(n, t int, how string, score float64) {
		if c := claimed[t]; c != 0 {
			out[n] = noteMatch{talk: -1, err: &matchError{kind: matchDuplicate, note: n, key: notes[n].Talk, candidates: []int{t}, first: c - 1}}
			return
		}
		claimed[t] = n + 1
		out[n] = noteMatch{talk: t, how: how, score: score}
	}

	// Round 1: exact label or title.
	var rest []int
	for n, note := range notes {
		key := foldLabel(note.Talk)
		if key == "" {
			out[n] = noteMatch{talk: -1, err: &matchError{kind: matchNoKey, note: n, nearest: -1}}
			continue
		}
		if found, ok := byLabel[key]; ok {
			claim(n, found, matchedByLabel, 1)
			continue
		}
		var same []int
		if title := foldTitle(note.Talk); title != "" {
			same = byTitle[title]
		}
		switch len(same) {
		case 0:
			rest = append(rest, n)
		case 1:
			claim(n, same[0], matchedByTitle, 1)
		default:
			out[n] = noteMatch{talk: -1, err: &matchError{kind: matchAmbiguous, note: n, key: note.Talk, candidates: same}}
		}
	}

	// Round 2: a tolerant match among the talks no entry named exactly.
	open := make([]bool, len(talks))
	for t := range talks {
		open[t] = claimed[t] == 0
	}
	for _, n := range rest {
		key := notes[n].Talk
		title := foldTitle(key)
		if utf8.RuneCountInString(title) >= minPartRunes {
			var part []int
			for t := range talks {
				if open[t] && strings.Contains(folded[t], title) {
					part = append(part, t)
				}
			}
			if len(part) == 1 {
				claim(n, part[0], matchedByPart, 1)
				continue
			}
			if len(part) > 1 {
				out[n] = noteMatch{talk: -1, err: &matchError{kind: matchAmbiguous, note: n, key: key, candidates: part}}
				continue
			}
		}
		best, bestScore, near := -1, 0.0, []int(nil)
		scores := make([]float64, len(talks))
		for t := range talks {
			if !open[t] {
				continue
			}
			scores[t] = bruteSimilarity(title, folded[t])
			if scores[t] > bestScore {
				best, bestScore = t, scores[t]
			}
		}
		if best >= 0 && bestScore >= similarEnough {
			for t := range talks {
				if open[t] && t != best && scores[t] >= similarEnough && bestScore-scores[t] < clearLead {
					near = append(near, t)
				}
			}
			if len(near) == 0 {
				claim(n, best, matchedBySimilar, bestScore)
				continue
			}
			cands := append([]int{best}, near...)
			slices.Sort(cands)
			out[n] = noteMatch{talk: -1, err: &matchError{kind: matchAmbiguous, note: n, key: key, candidates: cands}}
			continue
		}
		out[n] = noteMatch{talk: -1, err: &matchError{kind: matchNone, note: n, key: key, nearest: bruteNearestTalk(title, folded, open)}}
	}
	return out
}

// bruteNearestTalk is the talk whose title is most like title, preferring the
// talks no entry named; -1 when none is alike (suggestFloor).
func bruteNearestTalk(title string, folded []string, open []bool) int {
	for _, onlyOpen := range []bool{true, false} {
		best, bestScore := -1, suggestFloor-1e-9
		for t := range folded {
			if onlyOpen && !open[t] {
				continue
			}
			if s := bruteSimilarity(title, folded[t]); s > bestScore {
				best, bestScore = t, s
			}
		}
		if best >= 0 {
			return best
		}
	}
	return -1
}

// bruteSimilarity is the Dice coefficient of the character bigrams of a and b
// (counted with repetition): 1 for equal strings, 0 for nothing in common.
// A one-character string counts as its one character.
func bruteSimilarity(a, b string) float64 {
	if a == b {
		if a == "" {
			return 0
		}
		return 1
	}
	x, y := bruteBigrams(a), bruteBigrams(b)
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, g := range x {
		count[g]++
	}
	shared := 0
	for _, g := range y {
		if count[g] > 0 {
			count[g]--
			shared++
		}
	}
	return 2 * float64(shared) / float64(len(x)+len(y))
}

func bruteBigrams(s string) []string {
	r := []rune(s)
	if len(r) == 1 {
		return []string{s}
	}
	out := make([]string, 0, len(r))
	for i := 0; i+1 < len(r); i++ {
		out = append(out, string(r[i:i+2]))
	}
	return out
}

// sameMatches fails t unless matchTalks matches the entries to the talks
// as bruteMatchTalks does.
func sameMatches(t *testing.T, talks []Talk, entries []TalkNotes) {
	t.Helper()
	got, want := matchTalks(talks, entries), bruteMatchTalks(talks, entries)
	for n := range want {
		if !reflect.DeepEqual(got[n], want[n]) {
			titles := make([]string, len(talks))
			for i, t := range talks {
				titles[i] = t.Label + " " + string(templates.Raw(t.Title))
			}
			t.Fatalf("entry %d %q of talks %q:\ngot  %s\nwant %s", n, entries[n].Talk, titles, showMatch(got[n]), showMatch(want[n]))
		}
	}
}

func showMatch(m noteMatch) string {
	if m.err == nil {
		return fmt.Sprintf("talk %d by %s (%v)", m.talk, m.how, m.score)
	}
	return fmt.Sprintf("%+v", *m.err)
}

// namePieces are what random titles and names are made of: Japanese and
// ASCII words, full-width letters, spaces, LT markers, labels, a
// zero-width space.
var namePieces = []string{
	"Datadog", "で", "はじめる", "始める", "インシデント対応", "監視", "してみた", "の", "の話", "を", "、",
	"LT", "LT: ", "【LT】", "入門", "（仮）", "Go", "go", "ＧＯ", " ", "　", "a", "ab", "x", "Flaky Test",
	"料金", "未定", "AI", "Bits AI", ":", "：", "発表1", "lt2", "\u200b",
}

// names makes random titles and talk names, many alike.
type names struct{ rnd *rand.Rand }

func (m names) fresh() string {
	var b strings.Builder
	for range m.rnd.IntN(6) {
		b.WriteString(namePieces[m.rnd.IntN(len(namePieces))])
	}
	return b.String()
}

// edit is s changed as titles get edited: a start or an end dropped, a
// character replaced, a piece inserted, "（仮）" added.
func (m names) edit(s string) string {
	r := []rune(s)
	switch m.rnd.IntN(5) {
	case 0:
		r = r[m.rnd.IntN(len(r)+1):]
	case 1:
		r = r[:m.rnd.IntN(len(r)+1)]
	case 2:
		if len(r) > 0 {
			r[m.rnd.IntN(len(r))] = []rune("のaデ")[m.rnd.IntN(3)]
		}
	case 3:
		r = slices.Insert(r, m.rnd.IntN(len(r)+1), []rune(namePieces[m.rnd.IntN(len(namePieces))])...)
	case 4:
		return s + "（仮）"
	}
	return string(r)
}

// TestMatchTalksAsBefore: on random talks and entries (Japanese and ASCII
// mixed, duplicate and edited titles, empty and one-character ones,
// labels), matchTalks decides as the brute force did.
func TestMatchTalksAsBefore(t *testing.T) {
	m := names{rand.New(rand.NewPCG(14, 1))}
	for round := range 3000 {
		nTalks, nEntries := m.rnd.IntN(10), m.rnd.IntN(10)
		if round%100 == 0 {
			nTalks, nEntries = 300, 100
		}
		talks := make([]Talk, nTalks)
		for i := range talks {
			title := m.fresh()
			switch k := m.rnd.IntN(10); {
			case i > 0 && k < 2:
				title = string(templates.Raw(talks[m.rnd.IntN(i)].Title))
			case i > 0 && k < 5:
				title = m.edit(string(templates.Raw(talks[m.rnd.IntN(i)].Title)))
			}
			talks[i] = Talk{Label: fmt.Sprintf("発表%d", i+1), Title: Text(title)}
			if i%4 == 3 {
				talks[i].Label = fmt.Sprintf("LT%d", m.rnd.IntN(3))
			}
		}
		entries := make([]TalkNotes, nEntries)
		for n := range entries {
			key := m.fresh()
			if k := m.rnd.IntN(10); nTalks > 0 && k < 8 {
				t := talks[m.rnd.IntN(nTalks)]
				key = string(templates.Raw(t.Title))
				for range k / 2 {
					key = m.edit(key)
				}
				if k == 7 {
					key = t.Label
				}
			}
			entries[n].Talk = key
		}
		sameMatches(t, talks, entries)
	}
}

// TestMatchTalksAsBeforeAtTheEdge: a title sharing with the name only its
// most common bigrams (して, てみ), scoring exactly similarEnough, clearLead
// behind the best (0.6; 0.6-0.5 rounds below 0.1), is found: the name
// matches both.
func TestMatchTalksAsBeforeAtTheEdge(t *testing.T) {
	talks := []Talk{{Label: "発表1", Title: Text("pqrsx")}, {Label: "発表2", Title: Text("してみ")}, {Label: "発表3", Title: Text("してみた話")}}
	entries := []TalkNotes{{Talk: "pqrsしてみ"}}
	sameMatches(t, talks, entries)
	if e := matchTalks(talks, entries)[0].err; e == nil || e.kind != matchAmbiguous || !slices.Equal(e.candidates, []int{0, 1}) {
		t.Errorf("got %+v", e)
	}
}

// TestMatchTalksAsBeforeReal: the notes of event 368663, and the titles
// of the labelled timetables (testdata/timetables) and of 368663 named by
// their titles, edits of them, labels, and the titles of another event,
// are matched as the brute force did.
func TestMatchTalksAsBeforeReal(t *testing.T) {
	for _, path := range []string{"../testdata/blog/notes/368663.yaml", goldenNotes} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		notes, err := parseNotes(data, path)
		if err != nil || len(notes.Talks) == 0 {
			t.Fatal(path, err)
		}
		sameMatches(t, goldenTalks(), notes.Talks)
	}
	paths, err := filepath.Glob("../testdata/timetables/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatal(paths, err)
	}
	var events [][]Talk
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var tt struct {
			Talks []struct {
				Title string
				LT    bool
			}
		}
		if err := json.Unmarshal(data, &tt); err != nil {
			t.Fatal(path, err)
		}
		var talks []Talk
		for i, talk := range tt.Talks {
			label := fmt.Sprintf("発表%d", i+1)
			if talk.LT {
				label = fmt.Sprintf("LT%d", i+1)
			}
			talks = append(talks, Talk{Label: label, Title: Text(talk.Title)})
		}
		if len(talks) > 0 {
			events = append(events, talks)
		}
	}
	events = append(events, goldenTalks())
	m := names{rand.New(rand.NewPCG(14, 2))}
	for e, talks := range events {
		var entries []TalkNotes
		for _, talk := range append(slices.Clone(talks), events[(e+1)%len(events)]...) {
			title := string(templates.Raw(talk.Title))
			entries = append(entries, TalkNotes{Talk: title}, TalkNotes{Talk: talk.Label})
			for range 5 {
				entries = append(entries, TalkNotes{Talk: m.edit(title)}, TalkNotes{Talk: m.edit(m.edit(title))})
			}
		}
		// Each entry alone (as order: names and single entries are), then
		// all at once.
		for _, entry := range entries {
			sameMatches(t, talks, []TalkNotes{entry})
		}
		sameMatches(t, talks, entries)
	}
}

// FuzzMatchTalks: talks titled by the lines of titles, entries naming them
// by the lines of keys, are matched as the brute force did (up to 2,000
// bytes each: the brute force takes seconds on much more).
func FuzzMatchTalks(f *testing.F) {
	var titles []string
	for _, t := range goldenTalks() {
		titles = append(titles, string(templates.Raw(t.Title)))
	}
	f.Add(strings.Join(titles, "\n"), "Datadogで始めるインシデント対応\nBits AI 入門\nローカルLLMの話\nLT3\nData Access Control")
	f.Add("未定\nGo の話\n未定\nx\n\nLT: x", "未定\nx\nGo\nLT1\nLT:")
	f.Fuzz(func(t *testing.T, titles, keys string) {
		if len(titles) > 2000 || len(keys) > 2000 {
			return
		}
		var talks []Talk
		for i, title := range strings.Split(titles, "\n") {
			talks = append(talks, Talk{Label: fmt.Sprintf("発表%d", i+1), Title: Text(title)})
		}
		var entries []TalkNotes
		for _, key := range strings.Split(keys, "\n") {
			entries = append(entries, TalkNotes{Talk: key})
		}
		sameMatches(t, talks, entries)
	})
}
