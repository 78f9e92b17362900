//go:build windows

package scaffold

import (
	"errors"
	"os"
	"syscall"
)

// tryLock opens the lock file at path with no sharing, which Windows grants
// to one handle at a time; ok is false when another process has it open.
// Windows closes the handle when the process ends, however it ends.
func tryLock(path string) (f *os.File, ok bool, err error) {
	name, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return nil, false, err
	}
	h, err := syscall.CreateFile(name, syscall.GENERIC_READ|syscall.GENERIC_WRITE, 0, nil,
		syscall.OPEN_ALWAYS, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		const errorSharingViolation syscall.Errno = 32
		if errors.Is(err, errorSharingViolation) {
			return nil, false, nil
		}
		return nil, false, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), true, nil
}
