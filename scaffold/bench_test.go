package scaffold

import (
	"bytes"
	"context"
	"testing"

	"github.com/meetup-tools/connpass-scaffold/internal/scalebench"
)

// BenchmarkRender368663 measures one whole render of the bundled example:
// reading and parsing the saved page, the config and the notes, merging,
// and rendering the templates, in-process (main's job without the process
// around it). It reports the CPU time per run too (cpu-ns/op), which a
// busy machine inflates less than the wall time. Target: under 5 ms and
// 5 MB per run.
func BenchmarkRender368663(b *testing.B) {
	opts, stdout, _ := exampleOptions(b)
	b.ReportAllocs()
	cpu := scalebench.CPUTime()
	for b.Loop() {
		stdout.Reset()
		if err := Run(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := scalebench.CPUTime() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
	if !bytes.Contains(stdout.Bytes(), []byte("## 終わりに")) {
		b.Fatal("the post was not rendered")
	}
}
