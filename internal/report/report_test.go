package report

import (
	"strings"
	"testing"
)

// TestLines: one line per message and per hint, "scaffold: " first, no
// terminal escape and no line break from the text.
func TestLines(t *testing.T) {
	var b strings.Builder
	l := Lines{W: &b}
	l.Error("notes/1.yaml:3: unknown key \"sumary\"", "check the spelling")
	l.Warn("LT1: slides at \x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x1b[2J", "a hint\nwith two lines")
	l.Say("wrote _posts/2025-10-29-jddug13.md")
	want := `scaffold: error: notes/1.yaml:3: unknown key "sumary"
scaffold: hint: check the spelling
scaffold: warning: LT1: slides at ]8;;https://evil.exampleclick]8;; [2J
scaffold: hint: a hint with two lines
scaffold: wrote _posts/2025-10-29-jddug13.md
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	Lines{}.Warn("no writer: dropped") // must not panic
}
