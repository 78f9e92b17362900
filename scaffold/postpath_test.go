package scaffold

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// blogConfig writes the example blog's config to a temporary folder, its
// notes folder made absolute, with extra lines added; it returns the path.
func blogConfig(t *testing.T, extra string) string {
	t.Helper()
	data, err := os.ReadFile("../testdata/blog/.scaffold.yaml")
	if err != nil {
		t.Fatal(err)
	}
	notes, err := filepath.Abs("../testdata/blog/notes")
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(data), "notes_dir: notes\n", "notes_dir: "+notes+"\n", 1)
	path := filepath.Join(t.TempDir(), ".scaffold.yaml")
	if err := os.WriteFile(path, []byte(cfg+extra), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLineEndingsCRLF: line_endings: crlf gives the golden post with CRLF
// line endings, and nothing else changed.
func TestLineEndingsCRLF(t *testing.T) {
	opts, stdout, _ := exampleOptions(t)
	opts.ConfigFile = blogConfig(t, "line_endings: crlf\n")
	got := mustRender(t, opts, stdout)
	want, err := os.ReadFile(goldenPost)
	if err != nil {
		t.Fatal(err)
	}
	want = bytes.ReplaceAll(want, []byte("\n"), []byte("\r\n"))
	if !bytes.Equal(got, want) {
		t.Errorf("the CRLF post is not the golden post with CRLF:\n%s", unifiedDiff("want", "got", want, got))
	}
	opts.ConfigFile = blogConfig(t, "line_endings: mac\n")
	if err := Run(t.Context(), opts); err == nil || !strings.Contains(err.Error(), `line_endings: "mac" is not lf, crlf or auto`) {
		t.Errorf("a wrong line_endings: %v", err)
	}
}

// TestLineEndingsAuto: auto follows most of the posts in the out folder
// (and one folder down, for page bundles); no posts is lf.
func TestLineEndingsAuto(t *testing.T) {
	cfg := Config{LineEndings: "auto"}
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check := func(want string) {
		t.Helper()
		if got, err := lineEndingsOf(cfg, dir); err != nil || got != want {
			t.Errorf("auto = %q, %v; want %q", got, err, want)
		}
	}
	check("lf")
	write("a.md", "a\r\nb\r\n")
	check("crlf")
	write("b.md", "a\nb\n")
	write("bundle/index.md", "a\nb\n")
	write("c.txt", "a\r\n")
	check("lf")
	write("d.md", "---\r\nx\r\n")
	write("e/index.md", "a\r\n")
	check("crlf")
	if got, err := lineEndingsOf(cfg, filepath.Join(dir, "none")); err != nil || got != "lf" {
		t.Errorf("a missing folder: %q, %v", got, err)
	}
}

// TestPostPath: post_path places the post inside the out folder; a pattern
// leaving it, or giving unsafe names, is an error.
func TestPostPath(t *testing.T) {
	r := &Report{Date: "2025-10-29", Slug: "jddug13"}
	for pattern, want := range map[string]string{
		defaultPostPath:                           "out/2025-10-29-jddug13.md",
		"{{ .Slug }}/index.md":                    "out/jddug13/index.md",
		"{{ .Date | substr 0 4 }}/{{ .Slug }}.md": "out/2025/jddug13.md",
	} {
		got, err := postPathOf(Config{PostPath: pattern}, "out", r)
		if err != nil || got != filepath.FromSlash(want) {
			t.Errorf("%s: %q, %v; want %q", pattern, got, err, want)
		}
	}
	for _, bad := range []string{"../{{ .Slug }}.md", "/etc/{{ .Slug }}", "a//b.md", "a/./b.md", "a\\b.md", " ", "{{ .Slug }}/", "x y.md", "{{ .Nope }}"} {
		if got, err := postPathOf(Config{PostPath: bad}, "out", r); err == nil {
			t.Errorf("%q gave %q, want an error", bad, got)
		}
	}
}
