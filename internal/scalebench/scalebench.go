// Package scalebench holds what the scale benchmarks of fetch and scaffold
// share: the process's CPU time, the time per talk, and the check that the
// work grows linearly with the number of talks. Only benchmarks import it;
// it must not be used by the program itself.
package scalebench

import (
	"testing"
	"time"
)

// ReportPerTalk reports the wall time per talk (ns/talk) and, where it is
// known, the CPU time per talk (cpu-ns/talk). It records in perTalk the
// smaller of the two: a busy machine inflates the wall time, and the
// garbage collector's work on other threads the CPU time (more so with a
// bigger heap), but neither makes both grow.
func ReportPerTalk(b *testing.B, n int, cpu time.Duration, perTalk map[int]float64) {
	per := float64(b.N) * float64(n)
	wall := float64(b.Elapsed().Nanoseconds()) / per
	b.ReportMetric(wall, "ns/talk")
	perTalk[n] = wall
	if cpu > 0 {
		c := float64(cpu.Nanoseconds()) / per
		b.ReportMetric(c, "cpu-ns/talk")
		perTalk[n] = min(wall, c)
	}
}

// CheckLinear fails the benchmark when the time per talk at 10,000 talks
// is more than twice that at 100: the work must grow linearly.
func CheckLinear(b *testing.B, perTalk map[int]float64) {
	small, big := perTalk[100], perTalk[10000]
	if small > 0 && big > 2*small {
		b.Errorf("not linear: %.0f ns per talk at 10,000 talks, %.0f at 100", big, small)
	}
}
