package scaffold

import (
	"bytes"
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const englishHugoBundle = "../testdata/golden/english-hugo-bundle.md"

// TestHugoPageBundle: examples/english-hugo/.scaffold.yaml has post_path
// '{{ .Slug }}/index.md', so the post is written as a Hugo page bundle,
// content/posts/jddug13/index.md, with its images beside it (./0000_venue.png).
// Then a real `hugo` builds a small site holding it and the page has every
// talk. Without hugo on PATH that part skips, unless SCAFFOLD_REQUIRE_HUGO=1
// (as .ci/run sets, after installing Debian's hugo package).
func TestHugoPageBundle(t *testing.T) {
	opts, _, stderr := exampleOptions(t)
	site := t.TempDir()
	// The example's config, in a site of its own: the run writes the post and
	// the state folder (.scaffold/, beside the config) there, not into the
	// repository. Its relative folders are made absolute to find the
	// example's templates and notes.
	example, err := filepath.Abs(filepath.Join("..", "examples", "english-hugo"))
	if err != nil {
		t.Fatal(err)
	}
	config := mustRead(t, filepath.Join(example, ".scaffold.yaml"))
	for old, abs := range map[string]string{
		"notes_dir: ../../testdata/blog/notes": "notes_dir: " + filepath.Join(example, "..", "..", "testdata", "blog", "notes"),
		"templates_dir: .":                     "templates_dir: " + example,
	} {
		if !strings.Contains(config, old) {
			t.Fatalf("examples/english-hugo/.scaffold.yaml has no %q line", old)
		}
		config = strings.Replace(config, old, abs, 1)
	}
	if err := os.WriteFile(filepath.Join(site, ".scaffold.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	opts.ConfigFile = filepath.Join(site, ".scaffold.yaml")
	opts.ToStdout = false
	if err := Run(context.Background(), opts); err != nil {
		t.Fatalf("Run: %v (%q)", err, Hints(err))
	}
	bundle := filepath.Join(site, "content", "posts", "jddug13", "index.md")
	if !strings.Contains(stderr.String(), "scaffold: wrote "+bundle+"\n") {
		t.Errorf("stderr: %s", stderr)
	}
	got, err := os.ReadFile(bundle)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, englishHugoBundle, got)

	hugo := lookPathOrSkip(t, "hugo", "SCAFFOLD_REQUIRE_HUGO")
	buildHugoSite(t, hugo, site, nil)
	page, err := os.ReadFile(filepath.Join(site, "public", "posts", "jddug13", "index.html"))
	if err != nil {
		t.Fatalf("the bundle gave no page: %v", err)
	}
	for _, want := range []string{
		"<h1>JDDUG meetup #13: event report</h1>",
		`<img src="./0000_venue.png" alt="BIZ REACH">`,
		"Datadog ではじめるインシデント対応",
		"ローカルLLMアプリ開発環境のモニタリング",
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the Hugo page lacks %q", want)
		}
	}
}

// buildHugoSite builds site (its content already there, plus files: paths
// relative to site, with their text) with the real hugo, after adding a
// minimal config and layouts: each page's HTML is its title and content,
// raw HTML in Markdown kept (goldmark's unsafe), so that whatever a post
// would make live shows in public/.
func buildHugoSite(t *testing.T, hugo, site string, files map[string]string) {
	t.Helper()
	all := map[string]string{
		"config.toml": `baseURL = "https://example.org/"
title = "test"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
`,
		"layouts/_default/single.html": "<h1>{{ .Title }}</h1>\n{{ .Content }}\n",
		"layouts/_default/list.html":   "{{ range .Pages }}{{ .Permalink }}\n{{ end }}",
	}
	maps.Copy(all, files)
	for name, text := range all {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, hugo, "--buildDrafts", "--quiet", "--source", site, "--destination", filepath.Join(site, "public"))
	cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+filepath.Join(site, "cache"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
}
