//go:build unix

package fetch

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system) the process has used so far:
// benchmarks report it beside the wall time, which a busy machine inflates.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
