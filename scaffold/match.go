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
			scores[t] = similarity(title, folded[t])
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
		out[n] = noteMatch{talk: -1, err: &matchError{kind: matchNone, note: n, key: key, nearest: nearestTalk(title, folded, open)}}
	}
	return out
}

// nearestTalk is the talk whose title is most like title, preferring the
// talks no entry named; -1 when none is alike (suggestFloor).
func nearestTalk(title string, folded []string, open []bool) int {
	for _, onlyOpen := range []bool{true, false} {
		best, bestScore := -1, suggestFloor-1e-9
		for t := range folded {
			if onlyOpen && !open[t] {
				continue
			}
			if s := similarity(title, folded[t]); s > bestScore {
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

// similarity is the Dice coefficient of the character bigrams of a and b
// (counted with repetition): 1 for equal strings, 0 for nothing in common.
// A one-character string counts as its one character.
func similarity(a, b string) float64 {
	if a == b {
		if a == "" {
			return 0
		}
		return 1
	}
	x, y := bigrams(a), bigrams(b)
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

func bigrams(s string) []string {
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
