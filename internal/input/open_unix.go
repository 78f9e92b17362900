//go:build unix

package input

import (
	"os"
	"syscall"
)

// openNoBlock opens path with O_NONBLOCK, so that opening a FIFO with no
// writer returns at once instead of waiting for one, then clears the flag
// before wrapping the descriptor in an *os.File: os.NewFile leaves a
// blocking descriptor out of the runtime's network poller, which os.OpenFile
// would start (epoll_create1, eventfd) only to fail to register a regular
// file with it. Nothing is read before Open has checked the file is regular,
// and reads of a regular file never wait.
func openNoBlock(path string) (*os.File, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	if err := syscall.SetNonblock(fd, false); err != nil {
		syscall.Close(fd)
		return nil, &os.PathError{Op: "fcntl", Path: path, Err: err}
	}
	return os.NewFile(uintptr(fd), path), nil
}
