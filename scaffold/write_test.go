package scaffold

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// TestFrontMatterIsValidYAML: the golden post's front matter parses, and
// gives back the values the templates put in.
func TestFrontMatterIsValidYAML(t *testing.T) {
	post, err := os.ReadFile(goldenPost)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(string(post), "---\n", 3)
	if len(parts) != 3 || parts[0] != "" {
		t.Fatalf("no front matter between --- lines")
	}
	var fm map[string]string
	if err := yaml.Unmarshal([]byte(parts[1]), &fm); err != nil {
		t.Fatalf("front matter: %v", err)
	}
	want := map[string]string{"layout": "post", "author": "1kano", "title": "JDDUG meetup #13@東京 レポート"}
	for k, v := range want {
		if fm[k] != v {
			t.Errorf("front matter %s = %q, want %q", k, fm[k], v)
		}
	}
}

// TestWriteRendered: a new post is written whole and its render recorded;
// rendering the same again changes nothing; hand edits merge with a new
// render; a post with no recorded render is refused without force, and with
// force kept in the state folder's backups, never beside the post; temporary
// files of a killed run go on the next run.
func TestWriteRendered(t *testing.T) {
	root := t.TempDir()
	st := stateOf(root)
	path := filepath.Join(root, "_posts", "2025-10-29-x.md")
	var stderr strings.Builder
	clock := time.Date(2026, 12, 1, 11, 0, 0, 0, time.UTC)
	opts := Options{Dir: root, Stdout: io.Discard, Stderr: &stderr, Now: func() time.Time { return clock }}
	write := func(render string, force bool) error {
		t.Helper()
		stderr.Reset()
		o := opts
		o.Force = force
		return writeRendered(context.Background(), o, st, path, []byte(render), nil)
	}

	if err := write("a\nb\nc\nd\n", false); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "a\nb\nc\nd\n")
	assertFile(t, st.renderPath(path), "a\nb\nc\nd\n")
	if got := stderr.String(); got != "scaffold: wrote _posts/2025-10-29-x.md\n" {
		t.Errorf("stderr = %q", got)
	}
	if err := write("a\nb\nc\nd\n", false); err != nil {
		t.Fatal(err)
	}
	if got := stderr.String(); got != "scaffold: _posts/2025-10-29-x.md is up to date\n" {
		t.Errorf("stderr = %q", got)
	}

	// A hand edit at the top, a new render changing the bottom.
	if err := os.WriteFile(path, []byte("A by hand\nb\nc\nd\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "_posts", ".2025-10-29-x.md.tmp123"), []byte("half a po"), 0o644) // a killed run's
	os.WriteFile(filepath.Join(root, ".scaffold", "..gitignore.tmp123"), []byte("/back"), 0o644)       // and another's
	if err := write("a\nb\nc\nD\n", false); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "A by hand\nb\nc\nD\n")
	assertFile(t, st.renderPath(path), "a\nb\nc\nD\n")
	if got := stderr.String(); got != "scaffold: wrote _posts/2025-10-29-x.md, keeping 1 place edited by hand\n" {
		t.Errorf("stderr = %q", got)
	}
	assertDir(t, filepath.Join(root, "_posts"), "2025-10-29-x.md")
	assertDir(t, filepath.Join(root, ".scaffold"), ".gitignore", "locks", "renders")

	// The same line changed on both sides: nothing written.
	if err := write("a, new\nb\nc\nD\n", false); err == nil || !strings.Contains(err.Error(), "1 place edited by hand was changed by the new render too") {
		t.Fatalf("conflict: err = %v", err)
	}
	assertFile(t, path, "A by hand\nb\nc\nD\n")
	assertFile(t, st.renderPath(path), "a\nb\nc\nD\n")
	for _, want := range []string{"scaffold: conflict 1 of 1:\n", "       1 | A by hand\n", "  the new render:\n       1 | a, new\n"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}

	// --force writes the new render and keeps the post in the state folder.
	if err := write("a, new\nb\nc\nD\n", true); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "a, new\nb\nc\nD\n")
	backup := filepath.Join(root, ".scaffold", "backups", "20261201T110000Z", "_posts", "2025-10-29-x.md")
	assertFile(t, backup, "A by hand\nb\nc\nD\n")
	if !strings.Contains(stderr.String(), "scaffold: the post it replaced is kept at .scaffold/backups/20261201T110000Z/_posts/2025-10-29-x.md\n") {
		t.Errorf("stderr = %q", stderr.String())
	}
	assertDir(t, filepath.Join(root, "_posts"), "2025-10-29-x.md")

	// A post with no recorded render: refused, then forced; a second run in
	// the same second gets its own backup.
	os.RemoveAll(filepath.Join(root, ".scaffold", "renders"))
	os.WriteFile(path, []byte("written by hand\n"), 0o644)
	if err := write("new\n", false); err == nil || !strings.Contains(err.Error(), "no record of writing it") {
		t.Fatalf("no record: err = %v", err)
	}
	assertFile(t, path, "written by hand\n")
	if err := write("new\n", true); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "new\n")
	assertFile(t, filepath.Join(root, ".scaffold", "backups", "20261201T110000Z-2", "_posts", "2025-10-29-x.md"), "written by hand\n")
	assertFile(t, filepath.Join(root, ".scaffold", ".gitignore"), stateGitignore)
	assertDir(t, filepath.Join(root, "_posts"), "2025-10-29-x.md")
}

// assertDir checks that dir holds exactly the files named.
func assertDir(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("%s holds %v, want %v", dir, names, want)
	}
}

func assertFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, []byte(want)) {
		t.Errorf("%s = %q, want %q", filepath.Base(path), got, want)
	}
}

// TestConflictLinesPrintSafe: the lines of a conflict, quoted on stderr,
// carry no terminal control (an escape sequence, a carriage return, a
// bell) from the post edited by hand or from the new render, as no line of
// the report does: each is fetch.PrintSafe's.
func TestConflictLinesPrintSafe(t *testing.T) {
	root := t.TempDir()
	st := stateOf(root)
	path := filepath.Join(root, "_posts", "2025-10-29-x.md")
	var stderr strings.Builder
	opts := Options{Dir: root, Stdout: io.Discard, Stderr: &stderr, Now: func() time.Time { return time.Date(2026, 12, 1, 11, 0, 0, 0, time.UTC) }}
	if err := writeRendered(context.Background(), opts, st, path, []byte("a\nb\n"), nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("A \x1b[2J by\rhand\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if err := writeRendered(context.Background(), opts, st, path, []byte("a, \x1b]0;new\x07\nb\n"), nil); err == nil {
		t.Fatal("no conflict")
	}
	got := stderr.String()
	for _, want := range []string{"       1 | A [2J byhand\n", "       1 | a, ]0;new\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("stderr lacks %q:\n%q", want, got)
		}
	}
	if strings.ContainsAny(got, "\x1b\r\x07") {
		t.Errorf("a terminal control on stderr: %q", got)
	}
}

// TestUnifiedDiff compares with what GNU diff -u prints for the same inputs.
func TestUnifiedDiff(t *testing.T) {
	lines := func(from, to int, extra ...string) string {
		var b strings.Builder
		for i := from; i <= to; i++ {
			fmt.Fprintf(&b, "%d\n", i)
		}
		for _, e := range extra {
			b.WriteString(e + "\n")
		}
		return b.String()
	}
	tests := []struct{ a, b, want string }{
		{ // changes 5 lines apart share a hunk
			lines(1, 10), lines(1, 4, "five") + lines(6, 10, "eleven"),
			"--- a\n+++ b\n@@ -2,9 +2,10 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n 10\n+eleven\n",
		},
		{ // changes far apart get a hunk each
			lines(1, 20), lines(1, 4, "five") + lines(6, 19, "20x"),
			"--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n@@ -17,4 +17,4 @@\n 17\n 18\n 19\n-20\n+20x\n",
		},
		{"", "x\n", "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n"},
		{lines(1, 3), lines(1, 3), ""},
	}
	for _, tt := range tests {
		if got := unifiedDiff("a", "b", []byte(tt.a), []byte(tt.b)); got != tt.want {
			t.Errorf("unifiedDiff =\n%s\nwant\n%s", got, tt.want)
		}
	}
}
