package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInitLoadsBack: the config init writes for the fixture blog decodes,
// strictly, into the values it learned.
func TestInitLoadsBack(t *testing.T) {
	b := learnBlog(filepath.Join("..", "testdata", "initblog"))
	var cfg Config
	if err := decodeYAML(b.config(), ConfigFileName, &cfg); err != nil {
		t.Fatalf("the config does not load back: %v\n%s", err, b.config())
	}
	want := Config{
		Series: "JDDUG", Group: "datadog-jp", Author: "1kano",
		Title:       `{{ .Series }} meetup #{{ .Event.Number }}@{{ .Event.Title | splitList "@" | last }} レポート`,
		Slug:        "jddug{{ .Event.Number }}",
		ImagePath:   "/assets/images/{{ .Slug }}/",
		OutDir:      "_posts",
		LineEndings: "auto",
		NotesDir:    "notes",
	}
	if cfg.Series != want.Series || cfg.Group != want.Group || cfg.Author != want.Author || cfg.Title != want.Title ||
		cfg.Slug != want.Slug || cfg.ImagePath != want.ImagePath || cfg.OutDir != want.OutDir ||
		cfg.LineEndings != want.LineEndings || cfg.NotesDir != want.NotesDir || cfg.PostPath != "" {
		t.Errorf("loaded back:\n%+v\nwant\n%+v", cfg, want)
	}
}

// TestInitOddValues: values needing quotes (a quote, a colon, a #, YAML
// keywords, numbers) and comments with line breaks still load back as they were.
func TestInitOddValues(t *testing.T) {
	for _, v := range []string{"o'neil: #1", "yes", "null", "12", "1e3", "a b", "-x", "{{ .Slug }}", "~", "@me", "`x`", "日本語"} {
		b := &blogFacts{author: learned{v, "a source\nwith: a line break # and a hash"}, series: learned{v, "x"}}
		var cfg Config
		if err := decodeYAML(b.config(), ConfigFileName, &cfg); err != nil {
			t.Errorf("%q: %v\n%s", v, err, b.config())
			continue
		}
		if cfg.Author != v || cfg.Series != v {
			t.Errorf("%q came back as author %q, series %q", v, cfg.Author, cfg.Series)
		}
	}
}

// TestInitExclusive: init never replaces a config, even one that appears
// between its check and its write (the write is an exclusive create).
func TestInitExclusive(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ConfigFileName)
	if err := os.WriteFile(path, []byte("series: mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	err := Init(Options{Dir: dir, Stderr: &stderr, Stdout: &stderr})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("err = %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "series: mine\n" {
		t.Errorf("the config changed: %q", data)
	}
}

// TestInitOnPublishedPosts: init on a blog holding the three published JDDUG
// posts in the repository (testdata/golden: #13 normalized, #14 and #17 as
// published), each by another author.
func TestInitOnPublishedPosts(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "_posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "_config.yml"), []byte("title: JDDUG\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"2025-10-29-jddug13.md", "styles/2025-11-13-jddug14.md", "styles/2026-05-28-jddug17.md"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "golden", p))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "_posts", filepath.Base(p)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := learnBlog(root).config()
	var cfg Config
	if err := decodeYAML(out, ConfigFileName, &cfg); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	got := map[string]string{"series": cfg.Series, "group": cfg.Group, "author": cfg.Author, "slug": cfg.Slug,
		"image_path": cfg.ImagePath, "line_endings": cfg.LineEndings, "title": cfg.Title}
	want := map[string]string{"series": "JDDUG", "group": "datadog-jp", "author": "kairim", "slug": "jddug{{ .Event.Number }}",
		"image_path": "/assets/images/{{ .Slug }}/", "line_endings": "lf",
		"title": `{{ .Series }} meetup #{{ .Event.Number }}@{{ .Event.Title | splitList "@" | last }} レポート`}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	if !strings.Contains(string(out), "the 3 newest have 3 authors (change it to yours)") {
		t.Errorf("the author's comment should say the posts disagree:\n%s", out)
	}
}
