package scaffold

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/meetup-tools/connpass-scaffold/fetch"
	"github.com/meetup-tools/connpass-scaffold/templates"
)

// Matching the notes' talks entries to the event's talks.
//
// A notes entry names its talk with `talk:`, by label (発表1, LT2) or by
// title. Titles are compared folded: cleaned (fetch.CleanText), full-width
// ASCII made half-width, case-folded, spaces and a leading LT marker dropped.
// connpass titles get edited after the notes were written ("はじめる" becomes
// "始める", a "（仮）" goes away), so an entry that names no talk exactly is
// matched in a second round, among the talks no entry named exactly:
//
//  1. the folded name is part of exactly one title (at least minPartRunes
//     long), else
//  2. the title most similar to the name, when its similarity (the Dice
//     coefficient over character bigrams) is at least similarEnough and
//     ahead of the runner-up by clearLead.
//
// Several talks fitting equally well is an error naming them; so is an entry
// fitting none (with the nearest title as a suggestion), and two entries
// naming the same talk.
//
// The second round compares a name only with the titles that share enough
// of its bigrams to matter (titleIndex), and decides as comparing it with
// every title would (match_brute_test.go holds it to that). It still
// compares a name with most titles when they share many of its bigrams
// (say every title is "Datadogで…を監視してみた") and no title is more
// than similarEnough+clearLead alike: an entry matching no talk or
// several, or one whose title was much edited.

const (
	// similarEnough is the least bigram similarity of a tolerant match.
	// Measured on the titles of event 368663 (match_test.go): real edits of
	// a title score 0.6 and up, two different talks sharing a word such as
	// "Datadog" or "監視してみた" score under 0.4.
	similarEnough = 0.5
	// clearLead is how far ahead of the runner-up the best title must be.
	clearLead = 0.1
	// minPartRunes is the shortest name matched as a part of a title.
	minPartRunes = 4
	// suggestFloor is the least similarity of a title suggested for an
	// entry matching none: below it, "did you mean" would be noise.
	suggestFloor = 0.2
)

// How a notes entry found its talk (noteMatch.how).
const (
	matchedByLabel   = "label"
	matchedByTitle   = "title"
	matchedByPart    = "part of the title"
	matchedBySimilar = "similar title"
)

// Why a notes entry found no talk (matchError.kind).
const (
	matchNone      = "none"
	matchAmbiguous = "ambiguous"
	matchDuplicate = "duplicate"
	matchNoKey     = "no key"
)

// noteMatch is where one notes entry landed.
type noteMatch struct {
	talk  int         // index into the talks; -1 when err is set
	how   string      // matchedBy...
	score float64     // the similarity, for matchedBySimilar
	err   *matchError // why the entry matches no talk
}

// matchError says why a notes entry matches no talk.
type matchError struct {
	kind       string // matchNone, matchAmbiguous, matchDuplicate, matchNoKey
	note       int    // index into notes.Talks
	key        string // the entry's talk: as written
	candidates []int  // matchAmbiguous: the talks it could be; matchDuplicate: the talk
	first      int    // matchDuplicate: the entry that named the talk first
	nearest    int    // matchNone: the most similar talk, -1 when none is alike
}

// matchTalks matches every notes entry to a talk. The result has one
// noteMatch per entry, in order.
func matchTalks(talks []Talk, notes []TalkNotes) []noteMatch {
	out := make([]noteMatch, len(notes))
	// Each talk's label and title are folded once, and found by map: the
	// exact round is linear in talks + notes. The tolerant round finds the
	// titles alike by their bigrams (titleIndex).
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
	type left struct {
		n     int    // the entry
		title string // its folded talk:
	}
	var rest []left
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
		title := foldTitle(note.Talk)
		if title != "" {
			same = byTitle[title]
		}
		switch len(same) {
		case 0:
			rest = append(rest, left{n, title})
		case 1:
			claim(n, same[0], matchedByTitle, 1)
		default:
			out[n] = noteMatch{talk: -1, err: &matchError{kind: matchAmbiguous, note: n, key: note.Talk, candidates: same}}
		}
	}

	// Round 2: a tolerant match among the talks no entry named exactly.
	if len(rest) == 0 {
		return out
	}
	ix := newTitleIndex(folded)
	open := make([]bool, len(talks))
	for t := range talks {
		open[t] = claimed[t] == 0
	}
	for _, e := range rest {
		n, key, title := e.n, notes[e.n].Talk, e.title
		x := bigrams(title)
		gs := ix.lookup(x)
		if utf8.RuneCountInString(title) >= minPartRunes {
			var part []int
			// A title holding the name has its every bigram, the rarest too.
			for _, t := range gs[len(gs)-1].talks {
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
		// Only the titles at least similarEnough decide, and of those only
		// the best and the ones less than clearLead behind it. The best is
		// at least as similar as the guess, so a title further behind the
		// guess (by 1e-9 more, far above the rounding of the subtractions)
		// is neither.
		least := similarEnough
		if guess := ix.guess(x, gs, open); guess-clearLead-1e-9 > least {
			least = guess - clearLead - 1e-9
		}
		best, bestScore, near := -1, 0.0, []int(nil)
		alike := ix.candidates(gs, len(x), least)
		scores := make([]float64, len(alike))
		for i, t := range alike {
			if !open[t] {
				continue
			}
			scores[i] = similarity(x, ix.grams[t])
			if scores[i] > bestScore {
				best, bestScore = t, scores[i]
			}
		}
		if best >= 0 && bestScore >= similarEnough {
			for i, t := range alike {
				if open[t] && t != best && scores[i] >= similarEnough && bestScore-scores[i] < clearLead {
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
		out[n] = noteMatch{talk: -1, err: &matchError{kind: matchNone, note: n, key: key, nearest: ix.nearest(x, gs, open)}}
	}
	return out
}

// titleIndex holds the bigrams of the talks' folded titles, and which
// talks have each bigram: the talks an entry's name could be like are
// found without comparing it with every title.
type titleIndex struct {
	grams [][]bigram       // each talk's, sorted
	talks map[bigram][]int // the talks with the bigram, in order
	seen  []int            // for candidates: the call that last listed each talk
	calls int
}

func newTitleIndex(folded []string) *titleIndex {
	ix := &titleIndex{grams: make([][]bigram, len(folded)), talks: map[bigram][]int{}, seen: make([]int, len(folded))}
	for t, title := range folded {
		ix.grams[t] = bigrams(title)
		for i, g := range ix.grams[t] {
			if i == 0 || g != ix.grams[t][i-1] {
				ix.talks[g] = append(ix.talks[g], t)
			}
		}
	}
	return ix
}

// A gram is one of the distinct bigrams of a name.
type gram struct {
	n     int   // how often the name has it
	talks []int // the talks whose titles have it, in order
}

// lookup is the distinct bigrams of x (a name's, sorted), those that the
// most titles have first.
func (ix *titleIndex) lookup(x []bigram) []gram {
	var gs []gram
	for i, g := range x {
		if i > 0 && g == x[i-1] {
			gs[len(gs)-1].n++
			continue
		}
		gs = append(gs, gram{1, ix.talks[g]})
	}
	slices.SortFunc(gs, func(a, b gram) int { return len(b.talks) - len(a.talks) })
	return gs
}

// candidates is the talks, in order, that may be at least least similar
// (least > 0) to a name of lx bigrams, gs (lookup): the talks sharing a
// bigram with it, but for its bigrams that the most titles have, as many
// as cannot make a title least similar on their own.
func (ix *titleIndex) candidates(gs []gram, lx int, least float64) []int {
	// A title of bigrams y sharing with the name only bigrams that it has
	// m times shares s <= min(m, len(y)) of them, so its similarity is
	// 2s/(lx+len(y)) <= 2s/(lx+s) <= 2m/(lx+m): below least while skipped
	// below. (So are the computed values: both are one rounded division
	// of exact integers, and rounding keeps the order.)
	skip, m := 0, 0
	for _, g := range gs {
		m += g.n
		if 2*float64(m)/float64(lx+m) >= least {
			break
		}
		skip++
	}
	ix.calls++
	var out []int
	for _, g := range gs[skip:] {
		for _, t := range g.talks {
			if ix.seen[t] != ix.calls {
				ix.seen[t] = ix.calls
				out = append(out, t)
			}
		}
	}
	slices.Sort(out)
	return out
}

// guess is the best similarity to a name of bigrams x (gs: lookup) among
// the open talks with its rarest bigram that a title has: the best of all
// is at least as good.
func (ix *titleIndex) guess(x []bigram, gs []gram, open []bool) float64 {
	for i := len(gs) - 1; i >= 0; i-- {
		if len(gs[i].talks) == 0 {
			continue
		}
		best := 0.0
		for _, t := range gs[i].talks {
			if open[t] {
				best = max(best, similarity(x, ix.grams[t]))
			}
		}
		return best
	}
	return 0
}

// nearest is the talk whose title is most like a name of bigrams x (gs:
// lookup), preferring the talks no entry named; -1 when none is alike
// (suggestFloor).
func (ix *titleIndex) nearest(x []bigram, gs []gram, open []bool) int {
	const least = suggestFloor - 1e-9
	cands := ix.candidates(gs, len(x), least)
	for _, onlyOpen := range []bool{true, false} {
		best, bestScore := -1, least
		for _, t := range cands {
			if onlyOpen && !open[t] {
				continue
			}
			if s := similarity(x, ix.grams[t]); s > bestScore {
				best, bestScore = t, s
			}
		}
		if best >= 0 {
			return best
		}
	}
	return -1
}

// where is "notes/368663.yaml:12" for the entry, as far as it is known.
func (e *matchError) where(notes *Notes) string {
	return notes.entryPos(e.note)
}

// describe is the problem in a few words, without the place: the line of
// `scaffold check` and the error of a render.
func (e *matchError) describe(talks []Talk, notes *Notes) string {
	switch e.kind {
	case matchNoKey:
		return `a talks entry has no "talk:" naming its talk`
	case matchAmbiguous:
		names := make([]string, len(e.candidates))
		for i, t := range e.candidates {
			names[i] = talkName(talks[t])
		}
		return fmt.Sprintf("talk %q matches more than one talk: %s", e.key, strings.Join(names, ", "))
	case matchDuplicate:
		first := fmt.Sprintf("entry %d", e.first+1)
		if line := notes.talkLine(e.first); line > 0 {
			first = fmt.Sprintf("line %d", line)
		}
		return fmt.Sprintf("talk %q names %s again (first named at %s)", e.key, talkName(talks[e.candidates[0]]), first)
	}
	return fmt.Sprintf("talk %q matches no talk", e.key)
}

// suggestion is "did you mean ...?" for an entry matching no talk.
func (e *matchError) suggestion(talks []Talk) string {
	if e.kind != matchNone || e.nearest < 0 {
		return ""
	}
	return fmt.Sprintf("did you mean %s?", talkName(talks[e.nearest]))
}

// userErr is the error of a render with such notes.
func (e *matchError) userErr(talks []Talk, notes *Notes, event int) *Error {
	msg := e.where(notes) + ": " + e.describe(talks, notes)
	if e.kind == matchNone && event != 0 {
		msg += fmt.Sprintf(" of event %d", event)
	}
	var hints []string
	if s := e.suggestion(talks); s != "" {
		hints = append(hints, s)
	}
	switch e.kind {
	case matchDuplicate:
		hints = append(hints, "keep one entry per talk")
	default:
		labels := make([]string, len(talks))
		for j, t := range talks {
			labels[j] = t.Label
		}
		hints = append(hints, "name a talk by its label ("+strings.Join(labels, ", ")+") or by its title")
	}
	hints = append(hints, "run 'scaffold check' to list every problem of the notes")
	return userErr(msg, hints...)
}

// talkName is `LT3 "Bits AI に入門してみた"`.
func talkName(t Talk) string {
	// QuoteToGraphic: an ideographic space (U+3000) in a title shows as itself, not \u3000.
	return t.Label + " " + strconv.QuoteToGraphic(string(templates.Raw(t.Title)))
}

// foldLabel folds a label for comparing: cleaned, half-width, lower-case,
// without spaces ("ＬＴ 1" is "lt1").
func foldLabel(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(fetch.CleanText(halfWidth(s)))), "")
}

// foldTitle folds a title for comparing: as comparableTitle, after making
// full-width ASCII half-width ("：" is ":").
func foldTitle(s string) string {
	return comparableTitle(halfWidth(s))
}

// halfWidth maps the full-width forms of ASCII (U+FF01..U+FF5E) and the
// ideographic space to ASCII.
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000:
			return ' '
		}
		return r
	}, s)
}

// similarity is the Dice coefficient of two strings' bigrams (sorted, as
// bigrams returns them; counted with repetition): 1 for equal strings, 0
// for nothing in common or an empty string.
func similarity(x, y []bigram) float64 {
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	shared := 0
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			shared++
			i++
			j++
		}
	}
	return 2 * float64(shared) / float64(len(x)+len(y))
}

// A bigram is two runes in a row of a string, the first in the high half;
// a string of one rune has one bigram, that rune and noRune, so that it is
// like itself.
type bigram uint64

const noRune = 1<<32 - 1

// bigrams is the bigrams of s, sorted.
func bigrams(s string) []bigram {
	out := make([]bigram, 0, max(1, utf8.RuneCountInString(s)-1))
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			out = append(out, bigram(prev)<<32|bigram(r))
		}
		prev = r
	}
	if len(out) == 0 && prev >= 0 {
		out = append(out, bigram(prev)<<32|noRune)
	}
	slices.Sort(out)
	return out
}
