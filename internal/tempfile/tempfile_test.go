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
