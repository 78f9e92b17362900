//go:build !unix

package main

import "os"

// maxRSSKB is 0 where syscall.Rusage has no Maxrss (Windows): the
// benchmark reports no peak there.
func maxRSSKB(*os.ProcessState) int64 { return 0 }

// minorFaults is 0 where syscall.Rusage has no Minflt (Windows): the
// benchmark reports no page faults there.
func minorFaults(*os.ProcessState) int64 { return 0 }
