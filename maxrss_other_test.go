//go:build !unix

package main

import "os"

// maxRSSKB is 0 where syscall.Rusage has no Maxrss (Windows): the
// benchmark reports no peak there.
func maxRSSKB(*os.ProcessState) int64 { return 0 }
