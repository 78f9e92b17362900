package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// BenchmarkProcessStdout runs the bundled example as a separate process,
// `scaffold --config testdata/blog/.scaffold.yaml --html ... --stdout`, and
// reports the wall time per run and the peak resident memory of the child
// (maxRSS-KB). Targets: under 30 ms and 40 MB.
func BenchmarkProcessStdout(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "scaffold")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatalf("go build: %v", err)
	}
	var peak int64
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(bin, "--config", "testdata/blog/.scaffold.yaml",
			"--html", "testdata/connpass/368663/event.html", "--stdout")
		cmd.Stdout, cmd.Stderr = nil, os.Stderr
		if err := cmd.Run(); err != nil {
			b.Fatalf("scaffold: %v", err)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > peak {
			peak = ru.Maxrss // kilobytes on Linux
		}
	}
	b.ReportMetric(float64(peak), "maxRSS-KB")
}
