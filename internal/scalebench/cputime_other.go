//go:build !unix

package scalebench

import "time"

// CPUTime is unknown here: the benchmarks report no CPU time.
func CPUTime() time.Duration { return 0 }
