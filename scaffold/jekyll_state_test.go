package scaffold

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestJekyllPublishesNoBackup renders a post into a Jekyll site that is also
// the blog root (.scaffold.yaml and the state folder in it), edits it by
// hand, overwrites it with --force, and builds the site with the real
// `jekyll build`: exactly one post page comes out, and nothing of the state
// folder (the last render, the backup of the hand-edited post) is published.
// Skips without jekyll unless SCAFFOLD_REQUIRE_JEKYLL=1, as TestJekyllBuild.
func TestJekyllPublishesNoBackup(t *testing.T) {
	jekyll := lookPathOrSkip(t, "jekyll", "SCAFFOLD_REQUIRE_JEKYLL")
	tmp := t.TempDir()
	site, out := filepath.Join(tmp, "site"), filepath.Join(tmp, "out")
	if err := os.CopyFS(site, os.DirFS("../testdata/jekyll")); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile("../testdata/blog/.scaffold.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, ConfigFileName), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	repo, _ := filepath.Abs("..")
	var stderr strings.Builder
	opts := Options{
		Dir:       site,
		HTMLFiles: []string{filepath.Join(repo, "testdata/connpass/368663/event.html")},
		NotesFile: filepath.Join(repo, "testdata/blog/notes/368663.yaml"),
		Now:       func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) },
		Stdout:    &stderr,
		Stderr:    &stderr,
	}
	if err := Run(context.Background(), opts); err != nil {
		t.Fatalf("Run: %v\n%s", err, &stderr)
	}
	post := filepath.Join(site, "_posts", "2025-10-29-jddug13.md")
	data, err := os.ReadFile(post)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), "まるで未来に", "HAND-EDIT まるで未来に", 1)
	if err := os.WriteFile(post, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	opts.Force = true
	if err := Run(context.Background(), opts); err != nil {
		t.Fatalf("Run --force: %v\n%s", err, &stderr)
	}
	backup := filepath.Join(site, ".scaffold", "backups", "20261201T120000Z", "_posts", "2025-10-29-jddug13.md")
	if got, err := os.ReadFile(backup); err != nil || string(got) != edited {
		t.Fatalf("the backup of the hand-edited post: %v", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, jekyll, "build", "--safe", "--disable-disk-cache", "--source", site, "--destination", out)
	cmd.Dir = tmp // no Gemfile here or above it: Jekyll loads no bundle and fetches nothing
	cmd.Env = append(os.Environ(), "JEKYLL_ENV=production", "BUNDLE_GEMFILE=", "JEKYLL_NO_BUNDLER_REQUIRE=true")
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("jekyll build: %v\n%s", err, output)
	}

	var pages, leaks []string
	filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		b, _ := os.ReadFile(path)
		if strings.Contains(string(b), "JDDUG meetup #13") {
			pages = append(pages, rel)
		}
		if strings.Contains(rel, "scaffold") || strings.Contains(string(b), "HAND-EDIT") {
			leaks = append(leaks, rel)
		}
		return nil
	})
	if len(pages) != 1 || pages[0] != filepath.Join("2025", "10", "29", "jddug13.html") {
		t.Errorf("pages with the post's title: %v, want 2025/10/29/jddug13.html alone", pages)
	}
	if len(leaks) > 0 {
		t.Errorf("published: the state folder or the replaced hand edit: %v", leaks)
	}
}
