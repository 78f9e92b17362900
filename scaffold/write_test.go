package scaffold

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// TestWritePost: a new post is written whole with no temporary file left;
// an existing one is refused without force, and kept as .bak with force.
func TestWritePost(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "_posts")
	path := filepath.Join(dir, "2025-10-29-x.md")
	if err := writePost(path, []byte("one\n"), false); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "one\n")
	if err := writePost(path, []byte("two\n"), false); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("overwrite without force: err = %v", err)
	}
	assertFile(t, path, "one\n")
	if err := writePost(path, []byte("two\n"), true); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "two\n")
	assertFile(t, path+".bak", "one\n")
	// Forcing the same bytes again leaves the backup of the real previous post alone.
	if err := writePost(path, []byte("two\n"), true); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path+".bak", "one\n")
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left in the posts folder: %v, want the post and its backup", names)
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
