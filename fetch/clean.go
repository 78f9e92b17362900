package fetch

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// CleanText makes scraped text fit to print: zero-width and other invisible
// format characters (U+200B and friends, which connpass titles do contain
// when they were pasted from the web) and C0/C1 control characters (an
// escape sequence, a NUL) are removed, every run of whitespace (including
// &nbsp;) becomes one ASCII space, except that a run of only ideographic
// spaces (U+3000, which Japanese text uses on purpose: "第1部　基調講演") is
// kept as written; the ends are trimmed, and the result is Unicode NFC.
func CleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	ideographic := 0 // the run of whitespace is this many U+3000 and nothing else
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			if r == '\u3000' && (!space || ideographic > 0) {
				ideographic++
			} else {
				ideographic = 0
			}
			space = true
			continue
		case isInvisible(r), unicode.IsControl(r), isNoncharacter(r):
			continue
		}
		if space && b.Len() > 0 {
			if ideographic > 0 {
				b.WriteString(strings.Repeat("\u3000", ideographic))
			} else {
				b.WriteByte(' ')
			}
		}
		space, ideographic = false, 0
		b.WriteRune(r)
	}
	// NFC last: a removed zero-width character may have stood between a
	// letter and its combining mark.
	return norm.NFC.String(b.String())
}

// isInvisible reports the characters that render as nothing: zero-width
// spaces and joiners, the BOM, soft hyphens, bidi marks and other Cf runes.
func isInvisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// isNoncharacter reports U+FFFE, U+FFFF and the other Unicode
// noncharacters, which no text should hold and which YAML refuses to read.
func isNoncharacter(r rune) bool {
	return r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe
}

// PrintSafe makes text from outside (connpass data, a file's contents, a
// server's answer) safe to print on a terminal: C0 and C1 control characters
// other than tab and newline (so no escape sequence, no carriage return
// overwriting the line, no bell) and the bidi controls that reorder a line
// (U+202A-U+202E, U+2066-U+2069) are dropped, and bytes that are not UTF-8
// become U+FFFD (a stray 0x9b is a CSI on some terminals). main runs every
// line it writes to stderr through it.
func PrintSafe(s string) string {
	clean := true
	for _, r := range s {
		if !printSafe(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		// An invalid byte comes as utf8.RuneError, written as U+FFFD.
		if r == utf8.RuneError || printSafe(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// printSafe reports the runes PrintSafe keeps as they are.
func printSafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return true
	case r == utf8.RuneError:
		return false // an invalid byte, or U+FFFD: the slow path writes U+FFFD
	case unicode.IsControl(r):
		return false
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return false
	}
	return true
}

// reSpace is the white space of \s in a Go regexp, the white space the
// patterns that string code here replaced allowed: ASCII only, no U+3000.
const reSpace = " \t\n\f\r"

// cutPrefixes is s without the first of prefixes it opens with.
func cutPrefixes(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest, true
		}
	}
	return s, false
}
