//go:build !unix && !windows

package scaffold

import "os"

// tryLock has no lock to take on this system (no flock, no share modes):
// exclusive creation still keeps two runs from both creating a post.
func tryLock(path string) (f *os.File, ok bool, err error) {
	f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	return f, err == nil, err
}
