//go:build unix

package input

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDevicesAndFIFOs: /dev/zero and a FIFO without a writer are refused
// at once, without reading or waiting.
func TestDevicesAndFIFOs(t *testing.T) {
	if _, err := ReadFile("/dev/zero", MaxPage); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a character device") {
		t.Errorf("ReadFile(/dev/zero) error = %v", err)
	}
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ReadFile(fifo, MaxNotes)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a named pipe (FIFO)") {
			t.Errorf("ReadFile(fifo) error = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ReadFile blocked on a FIFO")
	}
}

// TestRegularFileBlocking: a regular file is handed over blocking (opened
// with O_NONBLOCK, then cleared), so that os.NewFile keeps it out of the
// runtime's network poller: no epoll set is made for the files of a run.
func TestRegularFileBlocking(t *testing.T) {
	name := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(name, []byte("<html></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(name, MaxPage)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	flags, _, errno := syscall.Syscall(syscall.SYS_FCNTL, f.f.Fd(), syscall.F_GETFL, 0)
	if errno != 0 {
		t.Fatal(errno)
	}
	if flags&syscall.O_NONBLOCK != 0 {
		t.Errorf("the descriptor of a regular file is O_NONBLOCK (flags %#x): os.NewFile puts it in the network poller", flags)
	}
	if b, err := io.ReadAll(f); err != nil || string(b) != "<html></html>" {
		t.Errorf("ReadAll = %q, %v", b, err)
	}
}

// TestReadFileLargerThanStat: a regular file holding more than its size
// said when opened (Linux's /proc files say 0) is still read whole.
func TestReadFileLargerThanStat(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs Linux's /proc")
	}
	const name = "/proc/self/maps" // several KB; [stack] and [vdso] come last
	if fi, err := os.Stat(name); err != nil || fi.Size() != 0 || !fi.Mode().IsRegular() {
		t.Fatalf("stat %s: %v, %v; want a regular file of size 0", name, fi, err)
	}
	got, err := ReadFile(name, MaxPage)
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	if len(got) <= 512 || !strings.Contains(s, "[stack]") || !strings.Contains(s, "[vdso]") || !strings.HasSuffix(s, "\n") {
		t.Errorf("ReadFile(%s) = %d bytes, not the whole listing:\n%s", name, len(got), s)
	}
}
