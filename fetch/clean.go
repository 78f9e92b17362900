package fetch

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// CleanText makes scraped text fit to print: zero-width and other invisible
// format characters (U+200B and friends, which connpass titles do contain
// when they were pasted from the web) are removed, every run of whitespace
// (including &nbsp; and the ideographic space U+3000) becomes one ASCII space,
// the ends are trimmed, and the result is Unicode NFC.
func CleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isInvisible(r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
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
