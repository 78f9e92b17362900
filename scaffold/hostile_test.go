package scaffold

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The hostile event 999001 in each form connpass gives it (testdata/connpass/
// hostile/, built by hand on 368663; see testdata/README.md). Every connpass
// string in it holds every attack, tagged with its field ("event-catch <script>
// ..."), so a test can tell that the field reached the post.
const hostileDir = "testdata/connpass/hostile/"

// hostileForm is one way the hostile facts come in, and the field tags that
// the template printing every field must show.
type hostileForm struct {
	name string
	opts func(t *testing.T, o *Options)
	tags []string
}

var hostileEventTags = []string{"event-title", "event-catch", "event-hashtag", "event-group", "event-status", "event-place", "event-address", "page-ticket-1", "page-ticket-2", "talk-title", "talk-speaker", "talk-org"}

func hostileForms() []hostileForm {
	page := func(t *testing.T, o *Options) { o.HTMLFiles = []string{hostileDir + "event.html"} }
	return []hostileForm{
		{"page", page, hostileEventTags},
		{"participation", func(t *testing.T, o *Options) {
			o.HTMLFiles = []string{hostileDir + "event.html", hostileDir + "participation.html"}
		}, append([]string{"part-ticket-1", "part-ticket-2"}, hostileEventTags...)},
		{"csv", func(t *testing.T, o *Options) {
			page(t, o)
			o.ParticipantsCSV = hostileDir + "participants.csv"
		}, append([]string{"csv-ticket-1", "csv-ticket-2"}, hostileEventTags...)},
		{"api", func(t *testing.T, o *Options) {
			o.HTMLFiles = nil
			o.EventID = 999001
			o.APIKey = testKey
			o.APIBase = hostileAPI(t) + "/api/v2/"
			o.CacheDir = t.TempDir()
			clock := &fakeClock{now: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
			o.Now, o.Sleep = clock.Now, clock.Sleep
		}, []string{"api-title", "api-catch", "api-hashtag", "api-group", "api-place", "api-address",
			"api-doc-1", "api-doc-2", "api-doc-3", "api-doc-4", "api-presenter-1", "api-presenter-4"}},
	}
}

// hostileAPI serves the hostile event's API v2 answers.
func hostileAPI(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var file string
		switch {
		case r.URL.Path == "/api/v2/events/" && r.URL.Query().Get("event_id") == "999001":
			file = "events.json"
		case r.URL.Path == "/api/v2/events/999001/presentations/":
			file = "presentations.json"
		default:
			http.NotFound(w, r)
			return
		}
		data, err := os.ReadFile(filepath.Join("..", hostileDir, "api", file))
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// The template sets the hostile posts are rendered with: the defaults, the
// English/Hugo example, and one that calls no escaping function at all.
var hostileSets = []struct{ name, dir string }{
	{"default", ""},
	{"english-hugo", "examples/english-hugo"},
	{"no-escaping", "testdata/templates/no-escaping"},
}

// renderHostile renders every form with every set: name -> post.
func renderHostile(t *testing.T) map[string][]byte {
	t.Helper()
	posts := map[string][]byte{}
	for _, form := range hostileForms() {
		for _, set := range hostileSets {
			opts, stdout, _ := exampleOptions(t)
			form.opts(t, &opts)
			opts.TemplatesDir = set.dir
			posts[form.name+"-"+set.name] = mustRender(t, opts, stdout)
			if set.name == "no-escaping" {
				for _, tag := range form.tags {
					if !bytes.Contains(stdout.Bytes(), []byte(tag)) {
						t.Errorf("%s-%s: field %s is not in the post, so it proves nothing", form.name, set.name, tag)
					}
				}
			}
		}
	}
	return posts
}

var (
	mdLinkJSRe   = regexp.MustCompile(`(?i)(^|[^\\])\]\(\s*<?\s*(javascript|data|vbscript):`)
	mdAutolinkRe = regexp.MustCompile(`(?i)<\s*(javascript|data|vbscript):`)
)

// checkHostileMarkdown: the post holds no HTML tag, no '{' (Liquid, kramdown
// attribute lists and extensions, Hugo shortcodes all start with one), no
// link to javascript:, and no "---" line but the front matter's.
func checkHostileMarkdown(t *testing.T, name string, post []byte) {
	t.Helper()
	_, s, _ := strings.Cut(string(post), "\n---\n") // the body: the front matter is YAML
	for _, bad := range []string{"<script", "<img", "<a ", "<iframe", "{", "<no value>"} {
		if i := strings.Index(strings.ToLower(s), bad); i >= 0 {
			t.Errorf("%s: the post holds %q: %q", name, bad, s[max(0, i-40):min(len(s), i+60)])
		}
	}
	if m := mdLinkJSRe.FindString(s); m != "" {
		t.Errorf("%s: a link to a script URL: %q", name, m)
	}
	if m := mdAutolinkRe.FindString(s); m != "" {
		t.Errorf("%s: an autolink to a script URL: %q", name, m)
	}
	if n := strings.Count("\n"+string(post), "\n---\n"); n != 2 {
		t.Errorf("%s: %d lines of ---, want the front matter's 2", name, n)
	}
}

// TestHostileEveryField: the hostile event in every input form, rendered by
// every template set, gives Markdown with nothing live in it.
func TestHostileEveryField(t *testing.T) {
	for name, post := range renderHostile(t) {
		checkHostileMarkdown(t, name, post)
	}
}

// The secret that _config.yml holds in the hostile Jekyll build: executed
// Liquid ({{ site.secret_token }}) would print it.
const hostileSecret = "LEAKED-SECRET-42"

// liveHTML lists what in page could run: script-like elements, event
// handler attributes, and URLs with a script scheme, as a browser's
// tokenizer sees them (text inside an attribute value is no attribute).
func liveHTML(page string) []string {
	var live []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return live
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "iframe", "object", "embed", "base", "form", "style":
			live = append(live, "<"+tok.Data+">")
		}
		for _, a := range tok.Attr {
			v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			switch {
			case strings.HasPrefix(a.Key, "on"):
				live = append(live, tok.Data+" "+a.Key+"="+a.Val)
			case strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:"):
				live = append(live, tok.Data+" "+a.Key+"="+a.Val)
			}
		}
	}
}

// TestHostileJekyllBuild builds every hostile post with the real Jekyll
// (skipped without it, unless SCAFFOLD_REQUIRE_JEKYLL=1 as in CI): the site
// builds, and no page holds a live script, an event handler, a script URL, an
// <hr> from a "---" line, or the value of Liquid executed; the attacks show
// as text.
func TestHostileJekyllBuild(t *testing.T) {
	jekyll := lookPathOrSkip(t, "jekyll", "SCAFFOLD_REQUIRE_JEKYLL")
	posts := renderHostile(t)
	tmp := t.TempDir()
	site, out := filepath.Join(tmp, "site"), filepath.Join(tmp, "out")
	if err := os.CopyFS(site, os.DirFS("../testdata/jekyll")); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(site, "_config.yml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, "secret_token: "+hostileSecret+"\n"...)
	if err := os.WriteFile(filepath.Join(site, "_config.yml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(site, "_posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(posts))
	for name, post := range posts {
		names = append(names, name)
		// Hugo's front matter (english-hugo) is YAML too; Jekyll wants a layout.
		post = bytes.Replace(post, []byte("---\n"), []byte("---\nlayout: post\n"), 1)
		if err := os.WriteFile(filepath.Join(site, "_posts", "2025-10-29-"+name+".md"), post, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(names)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, jekyll, "build", "--safe", "--disable-disk-cache", "--source", site, "--destination", out)
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "JEKYLL_ENV=production", "BUNDLE_GEMFILE=", "JEKYLL_NO_BUNDLER_REQUIRE=true")
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("jekyll build: %v\n%s", err, output)
	} else if bytes.Contains(output, []byte("Liquid")) {
		t.Errorf("jekyll warns about Liquid:\n%s", output)
	}
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(out, "2025", "10", "29", name+".html"))
		if err != nil {
			t.Errorf("%s: no page: %v", name, err)
			continue
		}
		page := string(b)
		for _, live := range liveHTML(page) {
			t.Errorf("%s: live in the page: %.200s", name, live)
		}
		for _, bad := range []string{hostileSecret, "<hr", "<strong>", "<em>"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: the page holds %q", name, bad)
			}
		}
		for _, want := range []string{"{{ site.secret_token }}", "{% include /etc/passwd %}", "{{&lt; youtube ", "&lt;script&gt;alert("} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page does not show %q as text", name, want)
			}
		}
	}
}

// lookPathOrSkip finds a tool the test needs, or skips, unless the variable
// env is 1 (as CI sets it), which makes its absence a failure.
func lookPathOrSkip(t *testing.T, tool, env string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv(env) == "1" {
			t.Fatalf("%s=1 but %v", env, err)
		}
		t.Skipf("no %s on PATH; CI sets %s=1", tool, env)
	}
	return p
}

// TestLiveHTML: the checker finds what a browser would run, and not text
// that only looks like it.
func TestLiveHTML(t *testing.T) {
	page := `<p title="x onerror=alert(1)">&lt;script&gt; javascript:x</p>` +
		`<img src=x onerror=alert(1)><a href=" JavaScript:alert(1)">a</a><script>x</script><h2 onclick="y">h</h2>`
	want := []string{"img onerror=alert(1)", "a href= JavaScript:alert(1)", "<script>", "h2 onclick=y"}
	if got := liveHTML(page); !slices.Equal(got, want) {
		t.Errorf("liveHTML = %q, want %q", got, want)
	}
}

// TestHostileHugoBuild builds the English/Hugo example's hostile posts with
// the real Hugo (skipped without it, unless SCAFFOLD_REQUIRE_HUGO=1 as in CI),
// raw HTML allowed as a site may allow it: the site builds (an executed
// shortcode would fail it or leave an iframe), and nothing on the pages runs.
func TestHostileHugoBuild(t *testing.T) {
	hugo := lookPathOrSkip(t, "hugo", "SCAFFOLD_REQUIRE_HUGO")
	site := t.TempDir()
	files := map[string]string{}
	var names []string
	for name, post := range renderHostile(t) {
		if strings.HasSuffix(name, "-english-hugo") {
			names = append(names, name)
			files["content/posts/"+name+".md"] = string(post)
		}
	}
	buildHugoSite(t, hugo, site, files)
	sort.Strings(names)
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(site, "public", "posts", name, "index.html"))
		if err != nil {
			t.Errorf("%s: no page: %v", name, err)
			continue
		}
		for _, live := range liveHTML(string(b)) {
			t.Errorf("%s: live in the page: %.200s", name, live)
		}
		if !bytes.Contains(b, []byte("{{&lt; youtube ")) {
			t.Errorf("%s: the shortcode does not show as text", name)
		}
	}
}
