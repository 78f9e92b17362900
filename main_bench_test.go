package main

import (
	"bytes"
	"fmt"
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

// emptySource is a Go program that does nothing: what starting any Go
// program costs here (the runtime's start-up, loading the binary).
const emptySource = `package main

func main() {}
`

// sprigSource links the template-function library the product chose,
// sprig, and does nothing: the cost of starting with it (its dependencies'
// package init), before any work.
const sprigSource = `package main

import _ "github.com/Masterminds/sprig/v3"

func main() {}
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
// `scaffold --config testdata/blog/.scaffold.yaml --html PAGE --stdout`, each
// run in turn with a run of the floor program (floorSource) on the same
// page, for two pages: the saved 368663 page (example) and the same page
// with a list of 5,000 participants added (5000-participants, about
// 1.5 MB, built here: big events' pages are that big). It reports, per
// run: the wall time of scaffold (ns/op), the CPU time (user + system) of
// scaffold and of the floor (cpu-ns, floor-cpu-ns), their ratio (x-floor;
// target at most 2), scaffold's peak resident memory (maxRSS-KB) and its
// page faults (faults; minor ones, the memory it touched first: a figure
// that, unlike the time, barely depends on the machine's load, and each
// fault costs CPU time).
//
// Three programs that do nothing run in the same turns, to show what
// starting costs before any work: an empty Go program (emptySource), one
// linking only sprig (sprigSource) and one linking everything scaffold
// links (importsSource); each one's CPU time is reported (empty-cpu-ns,
// sprig-cpu-ns, imports-cpu-ns) and its ratio to the floor (empty-x-floor,
// sprig-x-floor, imports-x-floor). The empty program is the least any Go
// process costs; the imports program the least scaffold can cost with the
// dependencies it has. The page faults of each program besides scaffold
// are reported too (floor-faults, empty-faults, sprig-faults,
// imports-faults).
//
// The CPU time is the child's own, from its rusage: Go starts a child with
// vfork (CLONE_VM), so the child shares the test binary's memory until
// exec and pays nothing for the parent's size; its rusage does include the
// exec itself (loading the binary). Checked against perf stat's task-clock
// of the same binaries run from a shell: equal within noise, the empty
// program's included (about 1.5 ms here). No correction is applied: each
// figure is the whole process, start-up and all, as a user pays it.
//
// Building the binaries is not timed. The programs run in turn, run by
// run, so that a busy machine slows them alike.
func BenchmarkProcess(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "scaffold")
	goBuild(b, bin, ".")
	floor := buildSource(b, dir, "floor", floorSource) // built in this module, with its x/net
	empty := buildSource(b, dir, "empty", emptySource)
	sprig := buildSource(b, dir, "sprig", sprigSource)
	imports := buildSource(b, dir, "imports", importsSource)

	page, err := os.ReadFile(benchPage)
	if err != nil {
		b.Fatal(err)
	}
	big := filepath.Join(dir, "5000-participants.html")
	if err := os.WriteFile(big, withParticipants(page, 5000), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, page string }{{"example", benchPage}, {"5000-participants", big}} {
		b.Run(c.name, func(b *testing.B) {
			// The programs besides scaffold, by the prefix of their metrics.
			others := []struct {
				name   string
				args   []string
				cpu    time.Duration
				faults int64
			}{
				{name: "floor", args: []string{floor, c.page}},
				{name: "empty", args: []string{empty}},
				{name: "sprig", args: []string{sprig}},
				{name: "imports", args: []string{imports}},
			}
			var cpu, wall time.Duration
			var peak, faults int64
			for b.Loop() {
				start := time.Now()
				st := runChild(b, bin, "--config", "testdata/blog/.scaffold.yaml", "--html", c.page, "--stdout")
				wall += time.Since(start)
				cpu += st.UserTime() + st.SystemTime()
				faults += minorFaults(st)
				if kb := maxRSSKB(st); kb > peak {
					peak = kb
				}
				b.StopTimer()
				for i := range others {
					st := runChild(b, others[i].args[0], others[i].args[1:]...)
					others[i].cpu += st.UserTime() + st.SystemTime()
					others[i].faults += minorFaults(st)
				}
				b.StartTimer()
			}
			n := float64(b.N)
			floorCPU := others[0].cpu
			b.ReportMetric(float64(wall.Nanoseconds())/n, "ns/op")
			b.ReportMetric(float64(cpu.Nanoseconds())/n, "cpu-ns")
			for _, o := range others {
				b.ReportMetric(float64(o.cpu.Nanoseconds())/n, o.name+"-cpu-ns")
			}
			if floorCPU > 0 {
				b.ReportMetric(float64(cpu)/float64(floorCPU), "x-floor")
				for _, o := range others[1:] {
					b.ReportMetric(float64(o.cpu)/float64(floorCPU), o.name+"-x-floor")
				}
			}
			b.ReportMetric(float64(peak), "maxRSS-KB")
			if faults > 0 {
				b.ReportMetric(float64(faults)/n, "faults")
				for _, o := range others {
					b.ReportMetric(float64(o.faults)/n, o.name+"-faults")
				}
			}
		})
	}
}

// buildSource builds the Go program src, in this module (with its
// dependencies' versions), as dir/name, and returns the binary's path.
func buildSource(b *testing.B, dir, name, src string) string {
	b.Helper()
	goFile := filepath.Join(dir, name+".go")
	if err := os.WriteFile(goFile, []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(dir, name)
	goBuild(b, bin, goFile)
	return bin
}

// withParticipants is page with a list of n participants before </body>,
// as connpass lists them (an icon and a name linking to the profile).
func withParticipants(page []byte, n int) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	var b bytes.Buffer
	b.Write(page[:i])
	b.WriteString(`<div class="participation_table_area"><ul class="participants">` + "\n")
	for j := range n {
		fmt.Fprintf(&b, `<li class="user_info"><a href="https://connpass.com/user/user%d/open/" class="image_link"><img src="https://media.connpass.com/thumbs/%08d.png" width="48" height="48" alt="user%d" title="user%d"></a><p class="display_name"><a href="https://connpass.com/user/user%d/open/">参加者 %d さん</a></p></li>`+"\n", j, j, j, j, j, j)
	}
	b.WriteString("</ul></div>\n")
	b.Write(page[i:])
	return b.Bytes()
}

// goBuild builds as the releases are built: with the flags and environment
// of .goreleaser.yaml (readReleaseBuild), and no symbol table.
func goBuild(b *testing.B, out, what string) {
	b.Helper()
	rb := readReleaseBuild(b)
	args := append(append([]string{"build"}, rb.Flags...), "-ldflags=-s -w", "-o", out, what)
	build := exec.Command("go", args...)
	build.Env = append(os.Environ(), rb.Env...)
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
