package input

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.txt")
	if err := os.WriteFile(small, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(small, 10); err != nil || string(b) != "0123456789" {
		t.Errorf("ReadFile(cap 10) = %q, %v", b, err)
	}
	_, err := ReadFile(small, 9)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "larger than 9 bytes") {
		t.Errorf("ReadFile(cap 9) error = %v, want ErrTooLarge", err)
	}
	if _, err := ReadFile(dir, 10); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a directory") {
		t.Errorf("ReadFile(dir) error = %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "none"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile(missing) error = %v", err)
	}
}

// TestGrowingFile: a file that grows past the cap after it was opened is
// cut off with ErrTooLarge.
func TestGrowingFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "grows")
	if err := os.WriteFile(name, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(name, 5)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := os.WriteFile(name, []byte("abcdefghij"), 0o644); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 100)
	total := 0
	for {
		n, err := f.Read(buf)
		total += n
		if err != nil {
			if !errors.Is(err, ErrTooLarge) {
				t.Errorf("error = %v, want ErrTooLarge", err)
			}
			break
		}
	}
	if total > 5 {
		t.Errorf("read %d bytes past a cap of 5", total)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{32 << 20: "32 MiB", 512 << 10: "512 KiB", 100: "100 bytes"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
