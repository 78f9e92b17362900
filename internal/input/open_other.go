//go:build !unix

package input

import (
	"os"
)

// openNoBlock checks the mode before opening where there is no O_NONBLOCK:
// a path that is not a regular file is refused without opening it. (Open
// checks the opened file's mode again.)
func openNoBlock(path string) (*os.File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &os.PathError{Op: "open", Path: path, Err: &Error{Path: path, Err: ErrNotRegular, What: kind(fi.Mode())}}
	}
	return os.Open(path)
}
