package scaffold

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestMerge3 runs the classic diff3 cases: a change on one side, the same
// change on both, edits next to each other, insertions at the same place,
// deletions, edits at both ends of the file, a last line without newline,
// and posts with CRLF line endings.
func TestMerge3(t *testing.T) {
	lf := func(s string) string { return strings.ReplaceAll(s, "|", "\n") }
	tests := []struct {
		name               string
		base, ours, theirs string
		want               string // the merged text, when there is no conflict
		kept               int
		conflicts          []conflict // lines without their newlines, for reading
	}{
		{name: "nothing changed", base: "a|b|c|", ours: "a|b|c|", theirs: "a|b|c|", want: "a|b|c|"},
		{name: "theirs only", base: "a|b|c|", ours: "a|b|c|", theirs: "a|B|c|", want: "a|B|c|"},
		{name: "ours only", base: "a|b|c|", ours: "a|B|c|", theirs: "a|b|c|", want: "a|B|c|", kept: 1},
		{name: "both, far apart", base: "a|b|c|d|e|", ours: "A|b|c|d|e|", theirs: "a|b|c|d|E|", want: "A|b|c|d|E|", kept: 1},
		{name: "the same change on both", base: "a|b|c|", ours: "a|X|c|", theirs: "a|X|c|", want: "a|X|c|"},
		{name: "insertions at different places", base: "a|b|c|", ours: "a|o|b|c|", theirs: "a|b|t|c|", want: "a|o|b|t|c|", kept: 1},
		{name: "insertions at the same place",
			base: "a|b|", ours: "a|o|b|", theirs: "a|t|b|",
			conflicts: []conflict{{baseLine: 2, oursLine: 2, theirsLine: 2, ours: []string{"o"}, theirs: []string{"t"}}}},
		{name: "the same insertion at the same place", base: "a|b|", ours: "a|x|b|", theirs: "a|x|b|", want: "a|x|b|"},
		{name: "deletion on one side", base: "a|b|c|", ours: "a|c|", theirs: "a|b|c|X|", want: "a|c|X|", kept: 1},
		{name: "deletion on both sides", base: "a|b|c|", ours: "a|c|", theirs: "a|c|", want: "a|c|"},
		{name: "deletion against an edit",
			base: "a|b|c|", ours: "a|c|", theirs: "a|B|c|",
			conflicts: []conflict{{baseLine: 2, oursLine: 2, theirsLine: 2, base: []string{"b"}, theirs: []string{"B"}}}},
		{name: "edits on neighbouring lines conflict, as in diff3",
			base: "a|b|c|d|", ours: "a|B|c|d|", theirs: "a|b|C|d|",
			conflicts: []conflict{{baseLine: 2, oursLine: 2, theirsLine: 2, base: []string{"b", "c"}, ours: []string{"B", "c"}, theirs: []string{"b", "C"}}}},
		{name: "the first line on both sides",
			base: "a|b|c|", ours: "o|b|c|", theirs: "t|b|c|",
			conflicts: []conflict{{baseLine: 1, oursLine: 1, theirsLine: 1, base: []string{"a"}, ours: []string{"o"}, theirs: []string{"t"}}}},
		{name: "the last line on both sides",
			base: "a|b|c|", ours: "a|b|o|", theirs: "a|b|t|",
			conflicts: []conflict{{baseLine: 3, oursLine: 3, theirsLine: 3, base: []string{"c"}, ours: []string{"o"}, theirs: []string{"t"}}}},
		{name: "appended on both sides",
			base: "a|", ours: "a|o|", theirs: "a|t|u|",
			conflicts: []conflict{{baseLine: 2, oursLine: 2, theirsLine: 2, ours: []string{"o"}, theirs: []string{"t", "u"}}}},
		{name: "first line ours, last line theirs", base: "a|b|c|", ours: "A|b|c|", theirs: "a|b|C|", want: "A|b|C|", kept: 1},
		{name: "a newline added at the end by hand", base: "a|b|c", ours: "a|b|c|", theirs: "A|b|c", want: "A|b|c|", kept: 1},
		{name: "from nothing", base: "", ours: "", theirs: "a|", want: "a|"},
		{name: "everything deleted by hand, render unchanged", base: "a|b|", ours: "", theirs: "a|b|", want: "", kept: 1},
		{name: "CRLF post, LF renders", base: "a|b|c|d|e|", ours: "a\r|B\r|c\r|d\r|e\r|", theirs: "a|b|c|d|E|", want: "a\r|B\r|c\r|d\r|E\r|", kept: 1},
		{name: "CRLF everywhere", base: "a\r|b\r|c\r|d\r|", ours: "A\r|b\r|c\r|d\r|", theirs: "a\r|b\r|c\r|D\r|", want: "A\r|b\r|c\r|D\r|", kept: 1},
		{name: "CRLF renders, LF post", base: "a\r|b\r|c\r|", ours: "a|b|C|", theirs: "A\r|b\r|c\r|", want: "A|b|C|", kept: 1},
		{name: "CRLF post conflicting",
			base: "a|b|", ours: "a\r|o\r|", theirs: "a|t|",
			conflicts: []conflict{{baseLine: 2, oursLine: 2, theirsLine: 2, base: []string{"b"}, ours: []string{"o"}, theirs: []string{"t"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := merge3([]byte(lf(tt.base)), []byte(lf(tt.ours)), []byte(lf(tt.theirs)))
			var got []conflict
			for _, c := range res.conflicts {
				got = append(got, conflict{c.baseLine, c.oursLine, c.theirsLine, trimLines(c.base), trimLines(c.ours), trimLines(c.theirs)})
			}
			if !reflect.DeepEqual(got, tt.conflicts) {
				t.Fatalf("conflicts = %+v, want %+v", got, tt.conflicts)
			}
			if len(tt.conflicts) > 0 {
				return
			}
			if string(res.text) != lf(tt.want) {
				t.Errorf("merged = %q, want %q", res.text, lf(tt.want))
			}
			if res.kept != tt.kept {
				t.Errorf("kept = %d, want %d", res.kept, tt.kept)
			}
		})
	}
}

// trimLines drops the line endings, and turns no lines into nil.
func trimLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, strings.TrimRight(l, "\r\n"))
	}
	return out
}

// FuzzMerge3: a post merged with itself is the post; a post not edited by
// hand becomes the new render; a render that did not change keeps every
// hand edit; the same change on both sides is taken once.
func FuzzMerge3(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nB\nc\n", "a\nb\nC\n")
	f.Add("a\r\nb\r\n", "a\r\nx\r\nb\r\n", "a\nb\n")
	f.Add("", "x", "y\n")
	f.Add("a\r\r\nb\n", "a\n", "\r\n")
	f.Fuzz(func(t *testing.T, base, ours, theirs string) {
		check := func(what string, b, o, th, want string) {
			t.Helper()
			res := merge3([]byte(b), []byte(o), []byte(th))
			if len(res.conflicts) > 0 || !bytes.Equal(res.text, []byte(want)) {
				t.Fatalf("%s: merge3(%q, %q, %q) = %q with %d conflicts, want %q",
					what, b, o, th, res.text, len(res.conflicts), want)
			}
		}
		for _, s := range []string{base, ours, theirs} {
			check("with itself", s, s, s, s)
		}
		check("no hand edits", base, base, theirs, theirs)
		check("render unchanged", base, ours, base, ours)
		check("the same change", base, ours, ours, ours)
	})
}

// TestMerge3Large: a post far larger than any real one merges in bounded
// memory (the table of the diff is capped); edits at both of its ends
// still merge with a render that changed nothing, and a change in the
// middle of the render with an edit at one end.
func TestMerge3Large(t *testing.T) {
	var b strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&b, "line %d\n", i)
	}
	base := b.String()
	ours := "edited\n" + strings.TrimPrefix(base, "line 0\n") + "appended\n"
	res := merge3([]byte(base), []byte(ours), []byte(base))
	if len(res.conflicts) > 0 || string(res.text) != ours {
		t.Errorf("edits at both ends, render unchanged: %d conflicts", len(res.conflicts))
	}
	ours = "edited\n" + strings.TrimPrefix(base, "line 0\n")
	theirs := strings.Replace(base, "line 50000\n", "changed\n", 1)
	want := strings.Replace(ours, "line 50000\n", "changed\n", 1)
	if res := merge3([]byte(base), []byte(ours), []byte(theirs)); len(res.conflicts) > 0 || string(res.text) != want {
		t.Errorf("an edit at the top, a change in the middle: %d conflicts", len(res.conflicts))
	}
}
