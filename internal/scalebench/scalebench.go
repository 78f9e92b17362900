// Package scalebench runs the scale benchmarks of fetch and scaffold: the
// time per talk at 10 to 10,000 talks, and the check that the work grows
// linearly with the number of talks. Only benchmarks import it; it must
// not be used by the program itself.
package scalebench

import (
	"fmt"
	"math"
	"runtime"
	"testing"
	"time"
)

// Sizes are the numbers of talks the work is measured at.
var Sizes = []int{10, 100, 1000, 10000}

// Prepare builds an input of n talks, checks that the work handles it
// right (failing b if not), and returns the work on it.
type Prepare func(b *testing.B, n int) (work func())

// Run runs a scale benchmark: a sub-benchmark per size (PerTalk), then
// one checking that the growth is linear (Linear).
func Run(b *testing.B, prepare Prepare) {
	for _, n := range Sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) { PerTalk(b, n, prepare(b, n)) })
	}
	b.Run("linear", func(b *testing.B) { Linear(b, prepare) })
}

// minTalks is how many talks each measurement of PerTalk handles at least:
// work on fewer talks is repeated until it has. One run on 10 or 100
// talks lasts a millisecond or less, too short to say much on a machine
// that other jobs share.
const minTalks = 1000

// PerTalk measures work, which handles n talks, each iteration repeating
// it until at least minTalks talks are handled, after a garbage collection
// (so that no earlier size's garbage is collected on this size's time). It
// reports the time of one run of work (ns/op) and the wall and, where it
// is known, the CPU time per talk (ns/talk, cpu-ns/talk).
func PerTalk(b *testing.B, n int, work func()) {
	reps := max(1, (minTalks+n-1)/n)
	runtime.GC()
	cpu := CPUTime()
	for b.Loop() {
		for range reps {
			work()
		}
	}
	cpu = CPUTime() - cpu
	runs := float64(b.N * reps)
	wall := float64(b.Elapsed().Nanoseconds())
	b.ReportMetric(wall/runs, "ns/op")
	b.ReportMetric(wall/runs/float64(n), "ns/talk")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/runs/float64(n), "cpu-ns/talk")
	}
}

// Linear fails the benchmark when the time per talk at 10,000 talks is
// more than twice that at 100: the work must grow linearly. Each iteration
// measures both, one right after the other, so that both see the machine
// alike (other jobs come and go over seconds): the work on 100 talks is
// run 100 times, the work on 10,000 once, so that both measurements last
// as long, each after a garbage collection with only its own input in
// memory (the collector's work grows with what is live, so a bigger input
// kept beside the smaller would slow the smaller). A measurement's time is
// the smaller of its wall and CPU time: a busy machine inflates the wall
// time, and the collector's work on other threads the CPU time, but
// neither makes both grow. The best iteration's figure is compared, for
// each size: the slower ones were slowed more by other jobs. It reports
// both figures (ns/talk@100, ns/talk@10000) and their ratio (ratio), and
// the ratio of the CPU times alone (cpu-ratio), which the collector's
// work on other threads makes the larger: it is not checked.
func Linear(b *testing.B, prepare Prepare) {
	const small, big = 100, 10000
	inf := math.Inf(1)
	bestSmall, bestBig, cpuSmall, cpuBig := inf, inf, inf, inf
	for b.Loop() {
		wall, cpu := measure(prepare(b, small), small, big/small)
		bestSmall, cpuSmall = min(bestSmall, wall, cpu), min(cpuSmall, cpu)
		wall, cpu = measure(prepare(b, big), big, 1)
		bestBig, cpuBig = min(bestBig, wall, cpu), min(cpuBig, cpu)
	}
	b.ReportMetric(bestSmall, "ns/talk@100")
	b.ReportMetric(bestBig, "ns/talk@10000")
	b.ReportMetric(bestBig/bestSmall, "ratio")
	if cpuSmall > 0 && cpuSmall < inf {
		b.ReportMetric(cpuBig/cpuSmall, "cpu-ratio")
	}
	if bestBig > 2*bestSmall {
		b.Errorf("not linear: %.0f ns per talk at 10,000 talks, %.0f at 100", bestBig, bestSmall)
	}
}

// measure runs work, which handles n talks, reps times after a garbage
// collection, and returns the wall and the CPU time per talk (the CPU
// time is +Inf where it is unknown).
func measure(work func(), n, reps int) (wall, cpu float64) {
	runtime.GC()
	c, w := CPUTime(), time.Now()
	for range reps {
		work()
	}
	talks := float64(n * reps)
	wall = float64(time.Since(w).Nanoseconds()) / talks
	cpu = math.Inf(1)
	if d := CPUTime() - c; d > 0 {
		cpu = float64(d.Nanoseconds()) / talks
	}
	return wall, cpu
}
