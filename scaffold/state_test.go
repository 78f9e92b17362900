package scaffold

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/meetup-tools/connpass-scaffold/internal/report"
)

// TestLockWaits: a second taker of a file's lock waits, says so once, and
// gives up when its context ends; once the lock is released it gets it.
func TestLockWaits(t *testing.T) {
	root := t.TempDir()
	st := stateOf(root)
	path := filepath.Join(root, "_posts", "x.md")
	unlock, err := st.lock(context.Background(), path, "_posts/x.md", report.Lines{})
	if err != nil {
		t.Fatal(err)
	}
	var said strings.Builder
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	if _, err := st.lock(ctx, path, "_posts/x.md", report.Lines{W: &said}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second lock while the first is held: err = %v", err)
	}
	if said.String() != "scaffold: waiting for another scaffold run writing _posts/x.md\n" {
		t.Errorf("stderr = %q", said.String())
	}
	unlock()
	unlock2, err := st.lock(context.Background(), path, "_posts/x.md", report.Lines{W: &said})
	if err != nil {
		t.Fatal(err)
	}
	unlock2()
}

// TestStateKey: a post in the blog is kept under its own path; one outside
// it under a name from its absolute path, never above the state folder.
func TestStateKey(t *testing.T) {
	root := filepath.Join(t.TempDir(), "blog")
	st := stateOf(root)
	if got := st.renderPath(filepath.Join(root, "_posts", "x.md")); got != filepath.Join(root, ".scaffold", "renders", "_posts", "x.md") {
		t.Errorf("renderPath in the blog = %s", got)
	}
	for _, outside := range []string{filepath.Join(root, "..", "elsewhere", "x.md"), filepath.Join(root+"2", "x.md")} {
		got := st.renderPath(outside)
		if !strings.HasPrefix(got, filepath.Join(root, ".scaffold", "renders", "_outside")+string(filepath.Separator)) || !strings.HasSuffix(got, "-x.md") {
			t.Errorf("renderPath(%s) = %s", outside, got)
		}
	}
}

// TestReplaceUnchanged: a notes file saved by an editor while scaffold was
// merging it is left as the editor saved it, with no temporary file.
func TestReplaceUnchanged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "368663.yaml")
	os.WriteFile(path, []byte("intro: saved meanwhile\n"), 0o644)
	err := replaceUnchanged(path, "notes/368663.yaml", []byte("intro: as read\n"), []byte("intro: as read\ntalks: []\n"))
	if err == nil || !strings.Contains(err.Error(), "notes/368663.yaml changed while scaffold was merging it; nothing was written") {
		t.Fatalf("err = %v", err)
	}
	assertFile(t, path, "intro: saved meanwhile\n")
	assertDir(t, dir, "368663.yaml")
	if err := replaceUnchanged(path, "notes/368663.yaml", []byte("intro: saved meanwhile\n"), []byte("intro: merged\n")); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "intro: merged\n")
	assertDir(t, dir, "368663.yaml")
}
