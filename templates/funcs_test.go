package templates

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestMarkdownText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Datadog ではじめるインシデント対応", "Datadog ではじめるインシデント対応"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"{{ site.time }}", "&#123;&#123; site.time }}"},
		{"{% include x %}", "&#123;% include x %}"},
		{"{: .class} {::nomarkdown}", "&#123;: .class} &#123;::nomarkdown}"},
		{"[x](javascript:alert(1))", `\[x\](javascript:alert(1))`},
		{"a\nb\r\nc", "a b  c"},
		{"---", `\---`},
		{"  - item", `  \- item`},
		{"+ x", `\+ x`},
		{"=== x", `\=== x`},
		{": def", `\: def`},
		{"1. 番号", `1\. 番号`},
		{"2) x", `2\) x`},
		{"2025年", "2025年"},
		{"C# & F#", "C# & F#"},
		{"*a* _b_ `c` ~~d~~ $$e$$ | f \\", `\*a\* \_b\_ \` + "`" + `c\` + "`" + ` &#126;&#126;d&#126;&#126; \$\$e\$\$ \| f \\`},
		// Only what would change the rendering where it stands is escaped.
		{"Q&A と AT&T", "Q&A と AT&T"},
		{"&lt;b&gt; &#123; &#x7B; &amp", "&amp;lt;b&amp;gt; &amp;#123; &amp;#x7B; &amp"},
		{"~/.bashrc と 〜", "~/.bashrc と 〜"},
		{"a ~b~ c", "a &#126;b&#126; c"},
		{"~~~", "&#126;&#126;&#126;"},
		{"[LT] 入門 [初心者]", `\[LT\] 入門 \[初心者\]`},
		{"見る[^1]", `見る\[^1\]`},
		{"[a][b] と [c]: d", `\[a\]\[b\] と \[c\]: d`},
		{"snake_case_name と _x_", `snake_case_name と \_x\_`},
		{"$100 と 2$", "$100 と 2$"},
		{"# x", `\# x`},
		{"Meetup #13", "Meetup #13"},
		{"Title ##", `Title \#\#`},
		{"C:\\path\\to", `C:\path\to`},
		{"a\\*b", `a\\\*b`},
		{"* x", `\* x`},
		{"> quote", "&gt; quote"},
		{"a < b <= c", "a &lt; b &lt;= c"},
		{"<入門> <_x> <:y", `&lt;入門&gt; &lt;\_x&gt; &lt;:y`},
		{"<!-- x --> <?php <http://x>", "&lt;!-- x --&gt; &lt;?php &lt;http://x&gt;"},
		{"{x} {y", "&#123;x} &#123;y"},
		{"## T {#id}", `\## T &#123;#id}`},
	}
	for _, tt := range tests {
		if got := markdownText(tt.in); got != tt.want {
			t.Errorf("md(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMarkdownTextBesideOther: what md leaves alone cannot turn live with
// the text a template prints next to it (another connpass value).
func TestMarkdownTextBesideOther(t *testing.T) {
	for _, pair := range [][2]string{
		{"a<", "script>alert(1)"},
		{"x{", "{ site.secret }}"},
		{"x{", "% include y %}"},
		{"[a]", "(javascript:alert(1))"},
		{"a]", "(b)"},
	} {
		joined := markdownText(pair[0]) + markdownText(pair[1])
		for _, live := range []string{"<s", "{{", "{%"} {
			if strings.Contains(joined, live) {
				t.Errorf("md(%q) + md(%q) = %q holds %q", pair[0], pair[1], joined, live)
			}
		}
		if strings.Contains(strings.ReplaceAll(joined, `\]`, ""), "](") {
			t.Errorf("md(%q) + md(%q) = %q closes a link's text", pair[0], pair[1], joined)
		}
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://datadog-jp.connpass.com/event/368663/", "https://datadog-jp.connpass.com/event/368663/"},
		{" http://example.com/a?b=c&d=e#f ", "http://example.com/a?b=c&d=e#f"},
		{"HTTPS://EXAMPLE.COM/", "HTTPS://EXAMPLE.COM/"},
		{"https://example.com/a b(c)<d>\"e'{{f}}`|", "https://example.com/a%20b%28c%29%3Cd%3E%22e%27%7B%7Bf%7D%7D%60%7C"},
		{"https://example.com/\nx", ""}, // url.Parse refuses control characters
		{"javascript:alert(1)", ""},
		{"JavaScript:alert(1)", ""},
		{"data:text/html,<script>", ""},
		{"//evil.example/", ""},
		{"/relative", ""},
		{"https://", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := safeURL(tt.in); got != tt.want {
			t.Errorf("url(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHTMLAttr(t *testing.T) {
	in := `"><script>alert('x')</script>{{ site.time }}&` + "\n"
	want := `&#34;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&#123;&#123; site.time &#125;&#125;&amp;&#10;`
	if got := htmlAttr(in); got != want {
		t.Errorf("attr = %q, want %q", got, want)
	}
}

func TestYAMLString(t *testing.T) {
	tests := []struct{ in, want string }{
		{`JDDUG meetup #13@東京 レポート`, `"JDDUG meetup #13@東京 レポート"`},
		{`Hostile "Meetup": x`, `"Hostile \"Meetup\": x"`},
		{"a\n---\nb", `"a\n---\nb"`},
		{"tab\tback\\slash\x01", `"tab\tback\\slash\x01"`},
		{"nel\u0085ls\u2028bom\ufeff", `"nel\u0085ls\u2028bom\ufeff"`},
	}
	for _, tt := range tests {
		if got := yamlString(tt.in); got != tt.want {
			t.Errorf("yamlString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestJPDate(t *testing.T) {
	start := time.Date(2025, 10, 29, 10, 0, 0, 0, time.UTC) // 19:00 JST
	if got, err := jpDate(start); err != nil || got != "2025/10/29(水)" {
		t.Errorf("jpdate = %q, %v", got, err)
	}
	late := time.Date(2025, 10, 29, 16, 0, 0, 0, time.UTC) // 01:00 JST the next day
	if got, _ := jpDate(late); got != "2025/10/30(木)" {
		t.Errorf("jpdate in Japan = %q, want 2025/10/30(木)", got)
	}
	if _, err := jpDate(time.Time{}); err == nil {
		t.Error("jpdate of the zero time: no error")
	}
}

type counts struct {
	parts []Headcount
	total int
}

func (c counts) Headcounts() ([]Headcount, int) { return c.parts, c.total }

func TestAttendanceLine(t *testing.T) {
	got := attendanceLine(counts{[]Headcount{{Markdown("会場"), 29}, {Text("オンライン"), 51}}, 80})
	if want := Markdown("会場 29名 オンライン 51名 / 申込総数 80名"); got != want {
		t.Errorf("attendance = %q, want %q", got, want)
	}
	got = attendanceLine(counts{[]Headcount{{Text("<script>{{ site.x }}</script>"), 1}}, 1})
	if want := Markdown("&lt;script&gt;&#123;&#123; site.x }}&lt;/script&gt; 1名 / 申込総数 1名"); got != want {
		t.Errorf("attendance with a hostile 参加枠 = %q, want %q", got, want)
	}
	if got := attendanceLine(counts{nil, 12}); got != "申込総数 12名" {
		t.Errorf("attendance without 参加枠 = %q", got)
	}
}

func TestEmbeds(t *testing.T) {
	ok := []struct {
		got  func() (string, error)
		want string
	}{
		{func() (string, error) { return SpeakerDeckEmbed("9c1fc7d74f814f91ad88e82ddc6197a2") }, `data-id="9c1fc7d74f814f91ad88e82ddc6197a2"`},
		{func() (string, error) { return SpeakerDeckEmbed("4f926da9cb4cd0001f00a1ff") }, `data-id="4f926da9cb4cd0001f00a1ff"`},
		{func() (string, error) { return DocswellEmbed("LK7J5V") }, `data-src="https://www.docswell.com/slide/LK7J5V/embed"`},
		{func() (string, error) { return GoogleSlidesEmbed("e/2PACX-1vTabc_def-123") }, `src="https://docs.google.com/presentation/d/e/2PACX-1vTabc_def-123/embed?start=false&amp;loop=false&amp;delayms=3000"`},
		{func() (string, error) { return YouTubeEmbed("dQw4w9WgXcQ", 90) }, `src="https://www.youtube.com/embed/dQw4w9WgXcQ?start=90"`},
	}
	for _, tt := range ok {
		got, err := tt.got()
		if err != nil || !strings.Contains(got, tt.want) {
			t.Errorf("embed = %q, %v; want it to hold %q", got, err, tt.want)
		}
	}
	bad := []func() (string, error){
		func() (string, error) { return SpeakerDeckEmbed(`x" onload="alert(1)`) },
		func() (string, error) { return DocswellEmbed("lk7j5v<") },
		func() (string, error) { return GoogleSlidesEmbed("../../evil") },
		func() (string, error) { return YouTubeEmbed("dQw4w9WgXcQ\"", 0) },
	}
	for i, f := range bad {
		if got, err := f(); err == nil {
			t.Errorf("bad id %d gave %q", i, got)
		}
	}
}

// TestTemplateErrorNamesFileAndLine: parse and execution errors in a user's
// part name the file and the line, without the column.
func TestTemplateErrorNamesFileAndLine(t *testing.T) {
	parse := fstest.MapFS{"talk.tmpl": {Data: []byte("## {{ .Label }}\n\n{{ .Title | nosuchfunc }}\n")}}
	if _, err := Load(parse); err == nil || !strings.HasPrefix(err.Error(), "template talk.tmpl:3: ") {
		t.Errorf("parse error = %v, want it to start with %q", err, "template talk.tmpl:3: ")
	}
	exec := fstest.MapFS{"post.md.tmpl": {Data: []byte("a\nb\nc {{ .Nope }}\n")}}
	set, err := Load(exec)
	if err != nil {
		t.Fatal(err)
	}
	err = set.Render(&strings.Builder{}, struct{ Title string }{})
	if err == nil || err.Error() != `template post.md.tmpl:3: at <.Nope>: can't evaluate field Nope in type struct { Title string }` {
		t.Errorf("execution error = %v", err)
	}
}

// TestLineEndings: lf turns CRLF (a template saved on Windows) into LF;
// crlf ends every line with CRLF, once; the end of the text is kept.
func TestLineEndings(t *testing.T) {
	for _, tt := range []struct{ in, endings, want string }{
		{"a\r\nb\n\n", "lf", "a\nb\n\n"},
		{"a\r\nb\n", "crlf", "a\r\nb\r\n"},
		{"a\nb", "crlf", "a\r\nb"},
		{"a\n\n\n", "lf", "a\n\n\n"},
	} {
		if got := string(LineEndings([]byte(tt.in), tt.endings)); got != tt.want {
			t.Errorf("LineEndings(%q, %s) = %q, want %q", tt.in, tt.endings, got, tt.want)
		}
	}
}

// TestTodoFields: the markers todo writes are found again, with what is
// left of the line.
func TestTodoFields(t *testing.T) {
	for _, what := range []string{"the intro", "talks 発表1 summary", "a_b *c*"} {
		line := "> " + string(todo(what)) + " and TODO: later"
		whats, rest := TodoFields(line)
		if len(whats) != 1 || whats[0] != markdownText(what) || rest != "> "+" and TODO: later" {
			t.Errorf("%q: got %q, %q", line, whats, rest)
		}
	}
	whats, rest := TodoFields(string(todo("a")) + ", " + string(todo("b")))
	if len(whats) != 2 || whats[0] != "a" || whats[1] != "b" || rest != ", " {
		t.Errorf("two markers: got %q, %q", whats, rest)
	}
	if whats, rest := TodoFields("TODO: write  in the notes"); len(whats) != 0 || rest != "TODO: write  in the notes" {
		t.Errorf("a marker with nothing in it: got %q, %q", whats, rest)
	}
}

// The byte tests below replaced regular expressions; each table case says
// what the expression it replaced gave (in the comment above each test).

// isHandle replaced ^[A-Za-z0-9_]{1,15}$.
func TestIsHandle(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"ytabuchi", true},
		{"a", true},
		{"_", true},
		{"A_b_9", true},
		{"abcdefghijklmno", true}, // 15
		{"abcdefghijklmnop", false},
		{"", false},
		{"@ytabuchi", false},
		{"yta buchi", false},
		{"ytabuchi\n", false},
		{"yta-buchi", false},
		{"ｙｔａｂｕｃｈｉ", false}, // full-width letters
		{"田淵", false},
		{"\u212a", false}, // the Kelvin sign, which folds to k
	} {
		if got := isHandle(tc.in); got != tc.want {
			t.Errorf("isHandle(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// isPlainYAMLName replaced ^[A-Za-z0-9][A-Za-z0-9_.-]*$ and isNumberLike
// ^[0-9][0-9_.eE+-]*$|^0[xob].
func TestYAMLValuePlainOrQuoted(t *testing.T) {
	for _, tc := range []struct {
		in                string
		plain, numberLike bool
		want              string
	}{
		{"1kano", true, false, "1kano"},
		{"ytabuchi", true, false, "ytabuchi"},
		{"a.b-c_d", true, false, "a.b-c_d"},
		{"x", true, false, "x"},
		{"1", true, true, `"1"`},
		{"1.5e-3", true, true, `"1.5e-3"`},
		{"1_000", true, true, `"1_000"`},
		{"1e", true, true, `"1e"`},
		{"0x1f", true, true, `"0x1f"`},
		{"0o17", true, true, `"0o17"`},
		{"0b", true, true, `"0b"`},
		{"0X1F", true, false, "0X1F"},
		{"0x", true, true, `"0x"`},
		{"0x g", false, true, `"0x g"`},
		{"1.2.3a", true, false, "1.2.3a"},
		{"", false, false, `""`},
		{"_a", false, false, `"_a"`},
		{".a", false, false, `".a"`},
		{"-1", false, false, `"-1"`},
		{"a b", false, false, `"a b"`},
		{"a\n", false, false, `"a\n"`},
		{"１", false, false, `"１"`}, // a full-width digit
		{"ａb", false, false, `"ａb"`},
		{"true", true, false, `"true"`},
	} {
		if got := isPlainYAMLName(tc.in); got != tc.plain {
			t.Errorf("isPlainYAMLName(%q) = %v, want %v", tc.in, got, tc.plain)
		}
		if got := isNumberLike(tc.in); got != tc.numberLike {
			t.Errorf("isNumberLike(%q) = %v, want %v", tc.in, got, tc.numberLike)
		}
		if got := yamlValue(tc.in); got != tc.want {
			t.Errorf("yamlValue(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
