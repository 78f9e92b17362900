package scaffold

import (
	"bytes"
	"strings"
)

// merge3 is a line-level diff3 merge, as re-rendering uses it: base is the
// last render of a post, ours the post on disk (maybe edited by hand),
// theirs the new render. A place changed on one side only takes that side;
// a place changed the same way on both sides takes it once; a place changed
// differently on both sides (two insertions at the same spot count) is a
// conflict. It is the classic algorithm (Khanna, Kunal and Pierce, "A
// formal investigation of diff3"): the lines of base matched in both
// diffs are stable, and what lies between two stable lines is one place.
//
// A post whose every line ends in CRLF (an editor on Windows may save it so)
// is merged as if it ended in LF, and the result takes the line ending of
// the post when the post's differs from the last render's (the organizer
// converted it), else the new render's.
type mergeResult struct {
	text      []byte     // the merged post (ours where there are conflicts)
	kept      int        // places changed in ours only: hand edits kept
	conflicts []conflict // places changed differently on both sides
}

// conflict is one place where ours and theirs both changed base, differently.
// Lines are 1-based; an empty side's line is where its lines would stand.
type conflict struct {
	baseLine, oursLine, theirsLine int
	base, ours, theirs             []string
}

func merge3(base, ours, theirs []byte) mergeResult {
	crlfBase, crlfOurs, crlfTheirs := allCRLF(base), allCRLF(ours), allCRLF(theirs)
	crlfOut := crlfTheirs
	if crlfOurs != crlfBase {
		crlfOut = crlfOurs
	}
	b := splitLines(string(toLF(base, crlfBase)))
	o := splitLines(string(toLF(ours, crlfOurs)))
	t := splitLines(string(toLF(theirs, crlfTheirs)))
	matchO, matchT := matchLines(b, o), matchLines(b, t)

	var res mergeResult
	var out strings.Builder
	emit := func(lines []string) {
		for _, l := range lines {
			out.WriteString(l)
		}
	}
	i, x, y := 0, 0, 0 // the next line of base, ours, theirs
	for i < len(b) || x < len(o) || y < len(t) {
		if i < len(b) && matchO[i] == x && matchT[i] == y {
			emit(b[i : i+1]) // stable
			i, x, y = i+1, x+1, y+1
			continue
		}
		// The place runs to the next base line matched on both sides.
		j := i
		for j < len(b) && (matchO[j] < 0 || matchT[j] < 0) {
			j++
		}
		xe, ye := len(o), len(t)
		if j < len(b) {
			xe, ye = matchO[j], matchT[j]
		}
		bs, ol, tl := b[i:j], o[x:xe], t[y:ye]
		switch {
		case equalLines(ol, bs):
			emit(tl)
		case equalLines(tl, bs):
			emit(ol)
			res.kept++
		case equalLines(ol, tl):
			emit(ol)
		default:
			emit(ol)
			res.conflicts = append(res.conflicts, conflict{
				baseLine: i + 1, oursLine: x + 1, theirsLine: y + 1,
				base: bs, ours: ol, theirs: tl,
			})
		}
		i, x, y = j, xe, ye
	}
	text := []byte(out.String())
	if crlfOut {
		text = bytes.ReplaceAll(text, []byte("\n"), []byte("\r\n"))
	}
	res.text = text
	return res
}

// matchLines maps each line of a to the line of b it is matched with by the
// longest common subsequence, or -1. The matches increase with the line.
func matchLines(a, b []string) []int {
	m := make([]int, len(a))
	for i := range m {
		m[i] = -1
	}
	for _, op := range diffOps(a, b) {
		if op.kind == ' ' {
			m[op.ai] = op.bi
		}
	}
	return m
}

func equalLines(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// allCRLF reports whether data has line breaks and every one is CRLF.
func allCRLF(data []byte) bool {
	n := bytes.Count(data, []byte("\r\n"))
	return n > 0 && n == bytes.Count(data, []byte("\n"))
}

// toLF turns every CRLF of data into LF when crlf is set.
func toLF(data []byte, crlf bool) []byte {
	if !crlf {
		return data
	}
	return bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
}
