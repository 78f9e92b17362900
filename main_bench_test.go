package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// floorSource is the floor the whole process is measured against: a Go
// program that starts, reads the saved page, parses it once with
// x/net/html and writes its text. No real tool can do less; the benchmark
// reports scaffold's CPU time as a multiple of this program's.
const floorSource = `package main

import (
	"bufio"
	"bytes"
	"os"
	"strings"

	"golang.org/x/net/html"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		os.Exit(1)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			if s := strings.TrimSpace(n.Data); s != "" {
				w.WriteString(s)
				w.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	w.Flush()
}
`

// importsSource links what scaffold links (its packages and every
// dependency, initialized at start-up) and does nothing: the cost of
// starting with these dependencies, before any work.
const importsSource = `package main

import (
	_ "github.com/meetup-tools/connpass-scaffold/scaffold"
	_ "github.com/urfave/cli/v2"
)

func main() {}
`

const benchPage = "testdata/connpass/368663/event.html"

// BenchmarkProcess runs the bundled example as a separate process,
// `scaffold --config testdata/blog/.scaffold.yaml --html ... --stdout`, each
// run paired with a run of the floor program (floorSource) on the same page.
// It reports, per run: the wall time of scaffold (ns/op), the CPU time
// (user + system) of scaffold and of the floor (cpu-ns, floor-cpu-ns), their
// ratio (x-floor; target at most 2), and scaffold's peak resident memory
// (maxRSS-KB). It runs a third program too, linking what scaffold links and
// doing nothing (importsSource): its CPU time (imports-cpu-ns) is what the
// dependencies cost before any work. Building the binaries is not timed.
// The programs are run in turn, run by run, so that a busy machine slows
// them alike.
func BenchmarkProcess(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "scaffold")
	goBuild(b, bin, ".")
	floorGo := filepath.Join(dir, "floor.go")
	if err := os.WriteFile(floorGo, []byte(floorSource), 0o644); err != nil {
		b.Fatal(err)
	}
	floor := filepath.Join(dir, "floor")
	goBuild(b, floor, floorGo) // built in this module, with its x/net
	importsGo := filepath.Join(dir, "imports.go")
	if err := os.WriteFile(importsGo, []byte(importsSource), 0o644); err != nil {
		b.Fatal(err)
	}
	imports := filepath.Join(dir, "imports")
	goBuild(b, imports, importsGo)

	var cpu, floorCPU, importsCPU, wall time.Duration
	var peak int64
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		st := runChild(b, bin, "--config", "testdata/blog/.scaffold.yaml", "--html", benchPage, "--stdout")
		wall += time.Since(start)
		cpu += st.UserTime() + st.SystemTime()
		if kb := maxRSSKB(st); kb > peak {
			peak = kb
		}
		b.StopTimer()
		fs := runChild(b, floor, benchPage)
		floorCPU += fs.UserTime() + fs.SystemTime()
		is := runChild(b, imports)
		importsCPU += is.UserTime() + is.SystemTime()
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(float64(wall.Nanoseconds())/n, "ns/op")
	b.ReportMetric(float64(cpu.Nanoseconds())/n, "cpu-ns")
	b.ReportMetric(float64(floorCPU.Nanoseconds())/n, "floor-cpu-ns")
	b.ReportMetric(float64(importsCPU.Nanoseconds())/n, "imports-cpu-ns")
	if floorCPU > 0 {
		b.ReportMetric(float64(cpu)/float64(floorCPU), "x-floor")
	}
	b.ReportMetric(float64(peak), "maxRSS-KB")
}

// goBuild builds as the releases are built (.goreleaser.yaml): no cgo,
// -trimpath, without urfave/cli's docs export, no symbol table.
func goBuild(b *testing.B, out, what string) {
	b.Helper()
	build := exec.Command("go", "build", "-trimpath", "-tags=urfave_cli_no_docs", "-ldflags=-s -w", "-o", out, what)
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatalf("go build %s: %v", what, err)
	}
}

func runChild(b *testing.B, bin string, args ...string) *os.ProcessState {
	b.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = nil, os.Stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v", filepath.Base(bin), err)
	}
	return cmd.ProcessState
}
