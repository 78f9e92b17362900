package templates

import (
	"fmt"
	"net/url"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/Masterminds/sprig/v3"
	"github.com/meetup-tools/connpass-scaffold/internal/embed"
)

// funcs is the functions templates may call, as sprig and we write them:
// sprig's, less RemovedFuncs, then ours, which win on a name clash. Built
// once, read-only, and never given to a template as they are (a template
// gets funcsFor of the functions it calls, made to take the model's string
// types). Parsing checks names against it.
var funcs = sync.OnceValue(func() template.FuncMap {
	f := sprig.TxtFuncMap()
	for _, name := range RemovedFuncs {
		delete(f, name)
	}
	for name, fn := range ours {
		f[name] = fn
	}
	return f
})

// funcsFor is the functions of funcs that the parsed trees call, each made to
// take the model's string types (acceptText): what a template is given.
// Only those: making each function take Text costs reflection, and
// text/template checks and copies every function it is given, which for
// all of sprig's cost more than parsing the templates.
func funcsFor(parses ...map[string]*parse.Tree) template.FuncMap {
	f := template.FuncMap{}
	for _, trees := range parses {
		for _, tree := range trees {
			calledFuncs(tree.Root, f)
		}
	}
	return f
}

// calledFuncs adds to f each function of funcs that a node under n calls.
func calledFuncs(n parse.Node, f template.FuncMap) {
	switch n := n.(type) {
	case *parse.IdentifierNode: // only a function's name parses as one
		if fn, ok := funcs()[n.Ident]; ok && f[n.Ident] == nil {
			f[n.Ident] = acceptText(n.Ident, fn)
		}
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				calledFuncs(c, f)
			}
		}
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				calledFuncs(c, f)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			calledFuncs(a, f)
		}
	case *parse.ChainNode: // (f x).Field
		calledFuncs(n.Node, f)
	case *parse.ActionNode:
		calledFuncs(n.Pipe, f)
	case *parse.TemplateNode:
		calledFuncs(n.Pipe, f)
	case *parse.IfNode:
		calledFuncs(&n.BranchNode, f)
	case *parse.RangeNode:
		calledFuncs(&n.BranchNode, f)
	case *parse.WithNode:
		calledFuncs(&n.BranchNode, f)
	case *parse.BranchNode:
		calledFuncs(n.Pipe, f)
		calledFuncs(n.List, f)
		calledFuncs(n.ElseList, f)
	}
}

// RemovedFuncs are the sprig functions templates do not get, because each
// reads the clock, randomness or the system: a post must be a function of
// its inputs, the same on every run and every machine. This is the one list;
// the README's and the test calling each name follow it.
var RemovedFuncs = []string{
	// the clock (or the machine's time zone)
	"now", "ago", "date", "date_in_zone", "dateInZone", "date_modify", "dateModify",
	"htmlDate", "htmlDateInZone", "durationRound", "toDate", "mustToDate",
	// randomness
	"randAlphaNum", "randAlpha", "randAscii", "randNumeric", "randBytes", "randInt",
	"shuffle", "uuidv4", "bcrypt", "htpasswd", "genPrivateKey", "encryptAES",
	"genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
	"genSignedCert", "genSignedCertWithKey",
	// the system: environment, network, the OS's path rules
	"env", "expandenv", "getHostByName",
	"osBase", "osClean", "osDir", "osExt", "osIsAbs",
}

var ours = template.FuncMap{
	"md":          md,
	"raw":         Raw,
	"url":         func(s string) Markdown { return Markdown(safeURL(s)) },
	"attr":        func(s string) Markdown { return Markdown(htmlAttr(s)) },
	"xlink":       xLink,
	"speakerdeck": func(id string) (Markdown, error) { s, err := SpeakerDeckEmbed(id); return Markdown(s), err },
	"jpdate":      jpDate,
	"attendance":  attendanceLine,
	"yamlString":  func(s string) Markdown { return Markdown(yamlString(s)) },
	"yamlValue":   func(s string) Markdown { return Markdown(yamlValue(s)) },
	"todo":        todo,
	// text/template's own, made to take a Text as the string functions do:
	// raw in, and Text out (escaped when printed) when connpass text went in.
	"print":   func(args ...any) any { return sprint(fmt.Sprint, args) },
	"println": func(args ...any) any { return sprint(fmt.Sprintln, args) },
	"printf": func(format any, args ...any) any {
		return sprint(func(a ...any) string { return fmt.Sprintf(Raw(a[0]), a[1:]...) }, append([]any{format}, args...))
	},
}

// sprint is print(args...) over the raw text of each Str among args: a Text
// (URL, Handle) when one was among them, else a string.
func sprint(print func(...any) string, args []any) any {
	tainted := false
	raw := make([]any, len(args))
	for i, a := range args {
		raw[i] = a
		if _, ok := a.(Str); ok {
			raw[i] = Raw(a)
			tainted = tainted || untrusted(a)
		}
	}
	s := print(raw...)
	if tainted {
		return Text(s)
	}
	return s
}

// md is text made inert inline Markdown (the function md): a Text, URL or
// Handle as it prints, a string or any other value escaped (markdownText),
// and Markdown, already safe, as it is.
func md(v any) Markdown {
	switch x := v.(type) {
	case nil:
		return ""
	case Markdown:
		return x
	case Str:
		return Markdown(x.String())
	case string:
		return Markdown(markdownText(x))
	}
	return Markdown(markdownText(fmt.Sprint(v)))
}

// markdownText makes untrusted text (a talk title or a speaker name read
// from connpass) inert inline Markdown, for a heading, a list item or a
// link's text. What could turn live whatever prints next to it (a tag, a
// link, Liquid or a shortcode, a table) is always escaped; what would only
// change the text's look is escaped only where it acts, so "Q&A", "C#",
// "snake_case", "$100" or "~/.bashrc" stay as they are, in the page and in
// the Markdown the organizer edits:
//   - every '<' becomes &lt; and '>' &gt;, so no tag, comment or autolink
//     opens, even next to other text;
//   - every '{' becomes &#123;, so neither Liquid ({{ }}, {% %}, which
//     Jekyll runs before Markdown), nor a kramdown attribute list, extension
//     or header id ({: {:: {#), nor a Hugo shortcode sees its delimiter;
//   - '[', ']', '*', '`' and '|' (kramdown reads a table row anywhere in a
//     line) are always backslash-escaped;
//   - '&' becomes &amp; only where it starts an entity (&lt; &#123;);
//   - '\' is escaped before punctuation and at the end; '_' unless inside a
//     word; '$' in kramdown's "$$"; '#' at the start or closing a heading;
//   - '~' of strikethrough ("~~", or two single ones) becomes &#126; (plain
//     kramdown prints "\~" with its backslash);
//   - a character that would start a block at the start of a line (- + = :
//     # * and "1." / "1)") is escaped there, so "---" stays text;
//   - line breaks become spaces: the text stays on its line.
func markdownText(s string) string {
	var b strings.Builder
	// Line breaks become spaces first, so that a block marker after one
	// ("\n---") is found where it will stand, at the start of the line.
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	block := blockMarker(s)
	tildes := strings.Count(s, "~") >= 2
	closing := closingHashes(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		var prev, next byte
		if i > 0 {
			prev = s[i-1]
		}
		if i+1 < len(s) {
			next = s[i+1]
		}
		switch {
		case c == '&' && entityAt(s[i:]):
			b.WriteString("&amp;")
		case c == '<':
			b.WriteString("&lt;")
		case c == '{':
			b.WriteString("&#123;")
		case c == '~' && tildes:
			b.WriteString("&#126;")
		case c == '\\' && (next == 0 || isASCIIPunct(next)),
			c == '`', c == '*', c == '|',
			c == '_' && !(isASCIIAlnum(prev) && isASCIIAlnum(next)),
			c == '[', c == ']',
			c == '$' && (prev == '$' || next == '$'),
			c == '#' && (i == block || i >= closing):
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '>':
			b.WriteString("&gt;")
		case c == '\n', c == '\r':
			b.WriteByte(' ')
		default:
			if i == block {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// closingHashes is the index of a run of '#' ending s after a space (or
// starting it), which would close an ATX heading and vanish; len(s) when none.
func closingHashes(s string) int {
	end := len(strings.TrimRight(s, " "))
	i := end
	for i > 0 && s[i-1] == '#' {
		i--
	}
	if i == end || i > 0 && s[i-1] != ' ' {
		return len(s)
	}
	return i
}

// entityAt reports whether s starts with an HTML entity or character
// reference (&amp; &#123; &#x7b;), which Markdown would decode.
func entityAt(s string) bool {
	i := 1
	switch {
	case len(s) > 2 && s[1] == '#' && (s[2] == 'x' || s[2] == 'X'):
		i = 3
		for i < len(s) && i < 9 && strings.IndexByte("0123456789abcdefABCDEF", s[i]) >= 0 {
			i++
		}
		return i > 3 && i < len(s) && s[i] == ';'
	case len(s) > 1 && s[1] == '#':
		i = 2
		for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i > 2 && i < len(s) && s[i] == ';'
	}
	for i < len(s) && i < 33 && isASCIIAlnum(s[i]) {
		i++
	}
	return i > 1 && isASCIILetter(s[1]) && i < len(s) && s[i] == ';'
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isASCIIAlnum(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' }

func isASCIIPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !isASCIIAlnum(c)
}

// blockMarker is the index of the character that would make s, at the start
// of a line, begin a Markdown block (a list, a rule, a setext underline, a
// definition): the '-' of "---", the '.' of "1.". It is -1 when there is none.
func blockMarker(s string) int {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i == len(s) {
		return -1
	}
	switch s[i] {
	case '-', '+', '=', ':', '#', '*':
		return i
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j > i && j < len(s) && (s[j] == '.' || s[j] == ')') {
		return j
	}
	return -1
}

// safeURL is s when it is an absolute http or https URL, made safe for a
// Markdown link's destination and for an HTML attribute: the characters that
// would end the link or the attribute, or open Liquid ({{, {%), are
// percent-encoded. Anything else (javascript:, data:, a relative path, a
// URL without a host) becomes "", so a template can test it with if.
func safeURL(s string) string {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	if !strings.HasPrefix(low, "https://") && !strings.HasPrefix(low, "http://") {
		return ""
	}
	if u, err := url.Parse(s); err != nil || u.Host == "" {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= ' ' || c == 0x7f || strings.IndexByte(`()<>"'{}\|^`+"`", c) >= 0:
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// htmlAttr escapes s for a quoted HTML attribute value: the HTML special
// characters and quotes become entities, and so do '{' and '}', so that
// Liquid never sees a delimiter in the attribute.
func htmlAttr(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case '{':
			b.WriteString("&#123;")
		case '}':
			b.WriteString("&#125;")
		case '\n', '\r', '\t':
			fmt.Fprintf(&b, "&#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isHandle reports an X handle: 1 to 15 of A-Z a-z 0-9 _.
func isHandle(s string) bool {
	return len(s) >= 1 && len(s) <= 15 && allBytes(s, func(c byte) bool { return isASCIIAlnum(c) || c == '_' })
}

// allBytes reports whether every byte of s is ok.
func allBytes(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

// xLink is the Markdown link to an X (Twitter) account: [@h](https://x.com/h).
func xLink(handle string) (Markdown, error) {
	handle = strings.TrimPrefix(handle, "@")
	if !isHandle(handle) {
		return "", fmt.Errorf("xlink: %q is not an X handle", handle)
	}
	return Markdown(fmt.Sprintf("[@%s](https://x.com/%s)", handle, handle)), nil
}

// SpeakerDeckEmbed is Speaker Deck's embed script for a deck's data-id
// (the template function speakerdeck).
func SpeakerDeckEmbed(id string) (string, error) { return embed.HTML(embed.SpeakerDeck, id, 0) }

// DocswellEmbed is Docswell's embed script for a slide id (the "LK7J5V" of
// https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell), as Docswell's
// share dialog writes it, without the link under it.
func DocswellEmbed(id string) (string, error) { return embed.HTML(embed.Docswell, id, 0) }

// GoogleSlidesEmbed is the iframe of a Google Slides presentation: id is the
// part after /presentation/d/ ("e/2PACX-..." for a published one).
func GoogleSlidesEmbed(id string) (string, error) { return embed.HTML(embed.GoogleSlides, id, 0) }

// YouTubeEmbed is the iframe of a YouTube video, starting at start seconds
// when start > 0, as YouTube's share dialog writes it.
func YouTubeEmbed(id string, start int) (string, error) { return embed.HTML(embed.YouTube, id, start) }

// jst is Japan Standard Time: +09:00 all year since 1951.
var jst = time.FixedZone("JST", 9*60*60)

// jpDate is t's date in Japan with the weekday: 2025/10/29(水).
func jpDate(t time.Time) (Markdown, error) {
	if t.IsZero() {
		return "", fmt.Errorf("jpdate: the date is not known")
	}
	t = t.In(jst)
	return Markdown(t.Format("2006/01/02") + "(" + [...]string{"日", "月", "火", "水", "木", "金", "土"}[t.Weekday()] + ")"), nil
}

// Headcount is one part of the attendance line: a label and its number.
type Headcount struct {
	Label Str // a 参加枠's label: the config's (Markdown) or from connpass (Text)
	Count int
}

// Headcounts is what the attendance function reads; the report model's
// Attendance implements it.
type Headcounts interface {
	// Headcounts returns the participants per 参加枠, in order, and the total.
	Headcounts() (parts []Headcount, total int)
}

// attendanceLine is "会場 29名 オンライン 51名 / 申込総数 80名": the participants
// per 参加枠, then the total ("申込総数 80名" alone when there are no 参加枠).
// A label from connpass is escaped as md escapes it.
func attendanceLine(a Headcounts) Markdown {
	parts, total := a.Headcounts()
	var b strings.Builder
	for _, p := range parts {
		fmt.Fprintf(&b, "%s %d名 ", md(p.Label), p.Count)
	}
	if len(parts) > 0 {
		b.WriteString("/ ")
	}
	fmt.Fprintf(&b, "申込総数 %d名", total)
	return Markdown(b.String())
}

// yamlString is s as a double-quoted YAML scalar, safe in front matter
// whatever it holds. '<', '>', '{' and '}' are written as YAML escapes, so
// that printed in the body by mistake it still holds no HTML or Liquid.
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
		case '<', '>', '{', '}':
			// the same value to YAML, but no HTML tag or Liquid delimiter
			// in the file, should the text land in the body
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\x%02x`, r)
				continue
			}
			// C1 controls (U+0085 is a YAML 1.1 line break), the Unicode
			// line and paragraph separators, and a BOM: escaped too.
			if r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff {
				fmt.Fprintf(&b, `\u%04x`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// isPlainYAMLName reports a name YAML reads as a plain string when it is not
// also number-like: an ASCII letter or digit, then those and _ . -.
func isPlainYAMLName(s string) bool {
	return s != "" && isASCIIAlnum(s[0]) && allBytes(s[1:], func(c byte) bool { return isASCIIAlnum(c) || strings.IndexByte("_.-", c) >= 0 })
}

// isNumberLike reports a text YAML (1.1 or 1.2) could read as a number:
// a digit, then digits and _ . e E + -; or one opening with 0x, 0o or 0b.
func isNumberLike(s string) bool {
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0o") || strings.HasPrefix(s, "0b") {
		return true
	}
	return s != "" && s[0] >= '0' && s[0] <= '9' && allBytes(s[1:], func(c byte) bool { return c >= '0' && c <= '9' || strings.IndexByte("_.eE+-", c) >= 0 })
}

// yamlValue is s as a plain YAML scalar when that is safe and unambiguous
// (a simple name like 1kano), else as a double-quoted one.
func yamlValue(s string) string {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~":
		return yamlString(s)
	}
	if isPlainYAMLName(s) && !isNumberLike(s) {
		return s
	}
	return yamlString(s)
}

// The marker todo writes for the organizer's words not written yet is
// TodoOpen + what + TodoClose; TodoFields finds it again.
const (
	TodoOpen  = "TODO: write "
	TodoClose = " in the notes"
)

// todo is the visible marker for the organizer's words not written yet;
// what is escaped as md escapes it.
func todo(what string) Markdown {
	return Markdown(TodoOpen + markdownText(what) + TodoClose)
}

// TodoFields finds the markers todo wrote in line: the what of each, in
// order, and the line without them (where any other TODO is left).
func TodoFields(line string) (whats []string, rest string) {
	var b strings.Builder
	for {
		i := strings.Index(line, TodoOpen)
		if i < 0 {
			break
		}
		after := line[i+len(TodoOpen):]
		// the first close after a what of at least one byte, as todo wrote it
		j := -1
		if len(after) > 0 {
			if k := strings.Index(after[1:], TodoClose); k >= 0 {
				j = k + 1
			}
		}
		if j < 0 {
			break
		}
		whats = append(whats, after[:j])
		b.WriteString(line[:i])
		line = after[j+len(TodoClose):]
	}
	b.WriteString(line)
	return whats, b.String()
}
