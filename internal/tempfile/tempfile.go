// Package tempfile keeps a registry of the temporary files a run creates, so
// that main can remove them all when it gives up on a run that does not stop
// after an interrupt (text/template cannot be cancelled): the process then
// exits leaving no temporary file behind, and no later rename can put one in
// place.
package tempfile

import (
	"errors"
	"io/fs"
	"os"
	"sync"
)

// ErrAborted is returned by Create and Commit after Stop or Abort.
var ErrAborted = errors.New("interrupted")

var (
	mu      sync.Mutex
	files   = map[string]bool{}
	aborted bool
)

// Create is os.CreateTemp(dir, pattern), registered for Abort. Once the file
// is renamed or removed, Forget may drop it from the registry; a name left
// there is harmless (Abort ignores files that are gone).
func Create(dir, pattern string) (*os.File, error) {
	mu.Lock()
	defer mu.Unlock()
	if aborted {
		return nil, ErrAborted
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	files[f.Name()] = true
	return f, nil
}

// Forget drops name from the registry, after it was renamed into place or
// removed.
func Forget(name string) {
	mu.Lock()
	delete(files, name)
	mu.Unlock()
}

// Commit runs put (the rename or link that puts a finished temporary file
// in place) unless Stop or Abort ran: then it returns ErrAborted and puts
// nothing in place. Stop and Abort wait for a put in progress.
func Commit(put func() error) error {
	mu.Lock()
	defer mu.Unlock()
	if aborted {
		return ErrAborted
	}
	return put()
}

// Stop makes every later Create and Commit fail with ErrAborted: main calls
// it as soon as SIGINT or SIGTERM arrives, so that nothing is put in place
// after the interrupt.
func Stop() {
	mu.Lock()
	aborted = true
	mu.Unlock()
}

// Abort is Stop, and removes every registered temporary file that is still
// there. A writer that was filling one of them finds it gone.
func Abort() {
	mu.Lock()
	defer mu.Unlock()
	aborted = true
	for name := range files {
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			continue // nothing more can be done on the way out
		}
		delete(files, name)
	}
}
