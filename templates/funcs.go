package templates

import (
	"fmt"
	"regexp"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// Funcs returns the functions templates see: sprig's hermetic set (no clock,
// no environment, no randomness), then ours, which win on a name clash.
func Funcs() template.FuncMap {
	f := sprig.HermeticTxtFuncMap()
	for name, fn := range ours {
		f[name] = fn
	}
	return f
}

var ours = template.FuncMap{
	"md":          markdownText,
	"url":         safeURL,
	"xlink":       xLink,
	"speakerdeck": speakerDeckEmbed,
	"yamlString":  yamlString,
	"yamlValue":   yamlValue,
	"todo":        todo,
}

// markdownText makes untrusted text (a talk title or a speaker name read
// from connpass) inert inline Markdown: HTML special characters become
// entities, Markdown punctuation is backslash-escaped, and Liquid delimiters
// are wrapped in {% raw %} so Jekyll prints them literally.
func markdownText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '`', '*', '_', '[', ']':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '{':
			if i+1 < len(s) && (s[i+1] == '{' || s[i+1] == '%') {
				b.WriteString("{% raw %}{" + string(s[i+1]) + "{% endraw %}")
				i++
				continue
			}
			b.WriteByte(c)
		case '\n', '\r':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// safeURL passes http and https URLs, escaping what would end a Markdown
// link; anything else (javascript:, data:, relative junk) becomes "".
func safeURL(s string) string {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	if !strings.HasPrefix(low, "https://") && !strings.HasPrefix(low, "http://") {
		return ""
	}
	r := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", `"`, "%22", "\n", "", "\r", "")
	return r.Replace(s)
}

var handleRe = regexp.MustCompile(`^[A-Za-z0-9_]{1,15}$`)

// xLink is the Markdown link to an X (Twitter) account: [@h](https://x.com/h).
func xLink(handle string) (string, error) {
	handle = strings.TrimPrefix(handle, "@")
	if !handleRe.MatchString(handle) {
		return "", fmt.Errorf("xlink: %q is not an X handle", handle)
	}
	return fmt.Sprintf("[@%s](https://x.com/%s)", handle, handle), nil
}

var deckIDRe = regexp.MustCompile(`^[0-9a-f]{32}$`)

// speakerDeckEmbed is Speaker Deck's embed script for a deck's data-id.
func speakerDeckEmbed(id string) (string, error) {
	if !deckIDRe.MatchString(id) {
		return "", fmt.Errorf("speakerdeck: %q is not a Speaker Deck data-id (32 hex digits)", id)
	}
	return `<script defer class="speakerdeck-embed" data-slide="1" data-id="` + id +
		`" data-ratio="1.7777777777777777" src="//speakerdeck.com/assets/embed.js"></script>`, nil
}

// yamlString is s as a double-quoted YAML scalar, safe in front matter
// whatever it holds.
func yamlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\x%02x`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

var (
	plainYAMLRe  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	numberLikeRe = regexp.MustCompile(`^[0-9][0-9_.eE+-]*$|^0[xob]`)
)

// yamlValue is s as a plain YAML scalar when that is safe and unambiguous
// (a simple name like 1kano), else as a double-quoted one.
func yamlValue(s string) string {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~":
		return yamlString(s)
	}
	if plainYAMLRe.MatchString(s) && !numberLikeRe.MatchString(s) {
		return s
	}
	return yamlString(s)
}

// todo is the visible marker for the organizer's words not written yet.
func todo(what string) string {
	return "TODO: write " + what + " in the notes"
}
