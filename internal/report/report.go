// Package report writes what scaffold tells the user on stderr: errors,
// warnings, hints and what was done, one line each, "scaffold: " first.
// It is the one place of that format: main makes the reporter and hands it
// down (scaffold.Options.Report); the packages below say what, never how.
package report

import (
	"io"
	"strings"

	"github.com/meetup-tools/connpass-scaffold/fetch"
)

// Lines writes the messages to W, one line each:
//
//	scaffold: error: <msg>
//	scaffold: warning: <msg>
//	scaffold: hint: <hint>
//	scaffold: <what was done>
//
// Messages quote connpass data, file contents and server answers, so each
// passes fetch.PrintSafe (no terminal escape reaches the user) and becomes
// one line. A nil W drops them.
type Lines struct {
	W io.Writer
}

// Error writes an error and its hints.
func (l Lines) Error(msg string, hints ...string) { l.write("error: ", msg, hints) }

// Warn writes a warning and its hints.
func (l Lines) Warn(msg string, hints ...string) { l.write("warning: ", msg, hints) }

// Say writes what was done ("wrote _posts/...") and its hints.
func (l Lines) Say(msg string, hints ...string) { l.write("", msg, hints) }

func (l Lines) write(kind, msg string, hints []string) {
	if l.W == nil {
		return
	}
	var b strings.Builder
	b.WriteString("scaffold: " + kind + oneLine(msg) + "\n")
	for _, h := range hints {
		b.WriteString("scaffold: hint: " + oneLine(h) + "\n")
	}
	io.WriteString(l.W, b.String())
}

// oneLine is s made safe to print, on one line.
func oneLine(s string) string {
	s = fetch.PrintSafe(strings.TrimSpace(s))
	return strings.ReplaceAll(s, "\n", " ")
}
