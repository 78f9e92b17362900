// Package input reads the local files a run takes in (saved pages, the
// participant CSV, notes, the config, templates, cache entries) safely: only
// regular files, never blocking on open (a FIFO or a device is refused, not
// waited on), and never more than a cap per kind of file, so that /dev/zero,
// a named pipe or a runaway file ends in one clear error instead of a hang
// or an out-of-memory crash.
package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// The caps, one per kind of input: far above any real file of the kind
// (a saved connpass page is 50-500 KB, a participant CSV of 1,000 people
// about 300 KB, a notes file a few KB), low enough that a wrong file is
// refused at once. The README lists them.
const (
	MaxPage       = 32 << 20 // a saved event or participation page
	MaxCSV        = 64 << 20 // the participant CSV
	MaxNotes      = 4 << 20  // a notes file
	MaxConfig     = 1 << 20  // .scaffold.yaml
	MaxTemplate   = 1 << 20  // one template file
	MaxCacheEntry = 16 << 20 // one cached network answer (the API client takes bodies of 5 MiB at most)
)

// ErrNotRegular is wrapped by the error for a FIFO, a device, a socket or a
// directory given where a file is read.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by the error for a file over its cap.
var ErrTooLarge = errors.New("file too large")

// Error is the error of ReadFile and Open for a file that is there but is
// not one to read: Err is ErrNotRegular or ErrTooLarge.
type Error struct {
	Path string
	Err  error
	What string // "a directory", "a named pipe (FIFO)", ... for ErrNotRegular
	Max  int64  // the cap, for ErrTooLarge
}

func (e *Error) Error() string {
	if errors.Is(e.Err, ErrTooLarge) {
		return "larger than " + Size(e.Max) + ", the most scaffold reads from such a file"
	}
	return "not a regular file but " + e.What
}

func (e *Error) Unwrap() error { return e.Err }

// Size formats a cap for messages: "32 MiB", "512 KiB", "100 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// ReadFile reads the regular file at path, of at most max bytes, into a
// buffer of the size the file had when opened, as os.ReadFile does: a page of
// 1.5 MB takes 1.5 MB, where io.ReadAll's growing chunks and final copy took
// two to three times that, all of it memory a short run touches afresh.
func ReadFile(path string, max int64) ([]byte, error) {
	f, err := Open(path, max)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := f.size + 1 // one more byte: the end is seen without growing
	if size < 512 {
		size = 512
	}
	data := make([]byte, 0, size)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) { // the file grew since it was opened
			data = append(data, 0)[:len(data)]
		}
	}
}

// File is an open regular file whose reads fail with an *Error wrapping
// ErrTooLarge past the cap (a file that grows while it is read).
type File struct {
	f    *os.File
	left int64
	path string
	max  int64
	size int64 // when opened
}

// Open opens the regular file at path for reading at most max bytes. It does
// not block on a FIFO: the file is opened without waiting (where the system
// allows) and its mode checked before the first read.
func Open(path string, max int64) (*File, error) {
	f, err := openNoBlock(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &os.PathError{Op: "open", Path: path, Err: &Error{Path: path, Err: ErrNotRegular, What: kind(fi.Mode())}}
	}
	if fi.Size() > max {
		f.Close()
		return nil, tooLarge(path, max)
	}
	return &File{f: f, left: max, path: path, max: max, size: fi.Size()}, nil
}

func tooLarge(path string, max int64) error {
	return &os.PathError{Op: "read", Path: path, Err: &Error{Path: path, Err: ErrTooLarge, Max: max}}
}

// Read reads from the file, failing once more than the cap has been read.
func (f *File) Read(p []byte) (int, error) {
	if int64(len(p)) > f.left+1 {
		p = p[:f.left+1]
	}
	n, err := f.f.Read(p)
	f.left -= int64(n)
	if f.left < 0 {
		return 0, tooLarge(f.path, f.max)
	}
	return n, err
}

// Stat is the file's *os.File Stat.
func (f *File) Stat() (fs.FileInfo, error) { return f.f.Stat() }

// Close closes the file.
func (f *File) Close() error { return f.f.Close() }

// kind names a file mode that is not a regular file.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return fmt.Sprintf("a special file (%v)", m.Type())
}

// DirFS is os.DirFS(dir) whose files open as Open(path, max) does: only
// regular files, never blocking, at most max bytes each.
func DirFS(dir string, max int64) fs.FS {
	return dirFS{fsys: os.DirFS(dir), dir: dir, max: max}
}

type dirFS struct {
	fsys fs.FS
	dir  string
	max  int64
}

func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return d.fsys.Open(name) // the directory itself, for ReadDir
	}
	f, err := Open(filepath.Join(d.dir, filepath.FromSlash(name)), d.max)
	if err != nil {
		return nil, err
	}
	return f, nil
}
