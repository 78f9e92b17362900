package tempfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestAbort(t *testing.T) {
	dir := t.TempDir()
	a, err := Create(dir, ".a.tmp*")
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	b, err := Create(dir, ".b.tmp*")
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	// b is renamed into place, as a finished write does.
	if err := os.Rename(b.Name(), filepath.Join(dir, "b")); err != nil {
		t.Fatal(err)
	}
	Forget(b.Name())

	Abort()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "b" {
		t.Errorf("after Abort the folder holds %v, want only b", entries)
	}
	if _, err := Create(dir, ".c.tmp*"); !errors.Is(err, ErrAborted) {
		t.Errorf("Create after Abort: %v, want ErrAborted", err)
	}
	entries, _ = os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("Create after Abort left %v", entries)
	}
}

func TestStopBlocksCommit(t *testing.T) {
	dir := t.TempDir()
	dst := filepath.Join(dir, "post.md")
	put := func() error { return os.WriteFile(dst, []byte("x"), 0o644) }
	mu.Lock()
	aborted = false // TestAbort may have run first
	mu.Unlock()
	if err := Commit(put); err != nil {
		t.Fatal(err)
	}
	os.Remove(dst)
	Stop()
	if err := Commit(put); !errors.Is(err, ErrAborted) {
		t.Errorf("Commit after Stop: %v, want ErrAborted", err)
	}
	if _, err := os.Stat(dst); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Commit after Stop put the file in place")
	}
}
