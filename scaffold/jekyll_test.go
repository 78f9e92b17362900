package scaffold

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestJekyllBuild builds a small Jekyll site (testdata/jekyll) holding the
// golden post, the hostile post and the embeds post with a real `jekyll
// build`, and reads the HTML: every talk heading is there, the embeds are
// there, no <script> element comes from connpass text, and Liquid from
// connpass text shows literally (an evaluated {% include x %} would even fail
// the build). Without jekyll on PATH it skips, unless SCAFFOLD_REQUIRE_JEKYLL=1
// (as .ci/run sets, after installing Debian's jekyll package).
func TestJekyllBuild(t *testing.T) {
	jekyll := lookPathOrSkip(t, "jekyll", "SCAFFOLD_REQUIRE_JEKYLL")
	tmp := t.TempDir()
	site, out := filepath.Join(tmp, "site"), filepath.Join(tmp, "out")
	if err := os.CopyFS(site, os.DirFS("../testdata/jekyll")); err != nil {
		t.Fatal(err)
	}
	posts := map[string]string{
		goldenPost:  "2025-10-29-jddug13.md",
		hostilePost: "2025-10-29-hostile.md",
		embedsPost:  "2025-10-29-embeds.md",
	}
	if err := os.MkdirAll(filepath.Join(site, "_posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for from, to := range posts {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, "_posts", to), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, jekyll, "build", "--safe", "--disable-disk-cache", "--source", site, "--destination", out)
	cmd.Dir = tmp // no Gemfile here or above it: Jekyll loads no bundle and fetches nothing
	cmd.Env = append(os.Environ(), "JEKYLL_ENV=production", "BUNDLE_GEMFILE=", "JEKYLL_NO_BUNDLER_REQUIRE=true")
	start := time.Now()
	output, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("jekyll build: %v\n%s", err, output)
	}
	t.Logf("jekyll build took %s", time.Since(start).Round(time.Millisecond))

	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, "2025", "10", "29", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	golden, hostile, embeds := read("jddug13.html"), read("hostile.html"), read("embeds.html")

	// Every talk heading of the golden post is a heading of the page.
	headings := 0
	sc := bufio.NewScanner(bytes.NewReader([]byte(mustRead(t, goldenPost))))
	for sc.Scan() {
		if text, ok := strings.CutPrefix(sc.Text(), "## "); ok {
			headings++
			if !regexp.MustCompile(`<h2 id="[^"]*">` + regexp.QuoteMeta(text) + `</h2>`).MatchString(golden) {
				t.Errorf("the built page lacks the heading %q", text)
			}
		}
	}
	if headings != 8 {
		t.Errorf("%d headings in the golden post, want 7 talks and the closing", headings)
	}

	// The Speaker Deck embeds are there, as the golden post has them.
	// (kramdown writes the boolean attribute as defer="".)
	if n := strings.Count(golden, ` class="speakerdeck-embed" data-slide="1" data-id="`); n != 4 {
		t.Errorf("%d Speaker Deck embeds in the built page, want 4", n)
	}
	for _, want := range []string{`class="docswell-embed"`, `<iframe src="https://docs.google.com/presentation/d/`, `<iframe width="560" height="315" src="https://www.youtube.com/embed/`} {
		if !strings.Contains(embeds, want) {
			t.Errorf("the embeds page lacks %s", want)
		}
	}

	// No <script> but the embeds' own, on any page.
	scriptRe := regexp.MustCompile(`(?i)<script\b[^>]*>`)
	embedRe := regexp.MustCompile(`^<script (?:defer|async)="" class="(?:speakerdeck-embed" data-slide="1" data-id="[0-9a-f]{32}" data-ratio="[0-9.]+" src="//speakerdeck\.com/assets/embed\.js"|docswell-embed" src="https://www\.docswell\.com/assets/libs/docswell-embed/docswell-embed\.min\.js" data-src="https://www\.docswell\.com/slide/[0-9A-Z]+/embed" data-aspect="[0-9.]+")>$`)
	for name, page := range map[string]string{"jddug13": golden, "hostile": hostile, "embeds": embeds} {
		for _, tag := range scriptRe.FindAllString(page, -1) {
			if !embedRe.MatchString(tag) {
				t.Errorf("%s: a <script> element not of an embed: %s", name, tag)
			}
		}
	}

	// The hostile page: all seven talk headings and the closing; every attempt
	// shows as text.
	if n := strings.Count(hostile, "<h2 "); n != 8 {
		t.Errorf("%d <h2> in the hostile page, want 8", n)
	}
	for _, want := range []string{
		"発表1. &lt;script&gt;alert(1)&lt;/script&gt; で始める XSS</h2>",
		"発表2. {{ site.time }} と {% include x %} の話</h2>",
		"<p>{% include x %}</p>",
		"発表3. [x](javascript:alert(1)) をクリック</h2>",
		"LT1. {{ page.title }} &amp; &lt;img src=x onerror=alert(1)&gt; *強調* _下線_ `code` | 表 | #見出し</h2>",
		"LT2. {::nomarkdown}&lt;b&gt;kramdown&lt;/b&gt;{:/} {: .class} $$x$$ ~~消~~</h2>",
		"<p>1. 番号</p>",
		"<title>JDDUG meetup #99@東京: &quot;quoted&quot; event-title &lt;script&gt;alert(&quot;event-title&quot;)&lt;/script&gt; ",
	} {
		if !strings.Contains(hostile, want) {
			t.Errorf("the hostile page lacks %s", want)
		}
	}
	for _, live := range liveHTML(hostile) {
		t.Errorf("the hostile page runs %.200s", live)
	}
	for _, bad := range []string{"<img", "<b>", "<em>", "<strong>", "<code>", "<del>", "<table", "<hr", "<ol", `class="class"`, "\\("} {
		if strings.Contains(hostile, bad) {
			t.Errorf("the hostile page holds %s", bad)
		}
	}
}
