package fetch

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// BenchmarkTimetableScale reads timetables of 10, 100, 1,000 and 10,000
// talks (a table: time, title, speaker with @handle; every fifth row an LT;
// and the same as a list), reporting the time per talk: it should stay
// about the same from 100 to 10,000 (checkLinear).
func BenchmarkTimetableScale(b *testing.B) {
	for _, form := range []string{"table", "list"} {
		perTalk := map[int]float64{}
		for _, n := range []int{10, 100, 1000, 10000} {
			b.Run(fmt.Sprintf("%s/%d", form, n), func(b *testing.B) {
				html := scaleTimetable(form, n)
				var talks []Talk
				cpu := cpuTime()
				for b.Loop() {
					talks = ParseTimetable(html, TimetableOptions{})
				}
				cpu = cpuTime() - cpu
				if len(talks) != n {
					b.Fatalf("%d talks read, want %d", len(talks), n)
				}
				reportPerTalk(b, n, cpu, perTalk)
			})
		}
		checkLinear(b, perTalk)
	}
}

func scaleTimetable(form string, n int) string {
	var b strings.Builder
	b.WriteString("<h2>タイムテーブル</h2>\n")
	if form == "table" {
		b.WriteString("<table><thead><tr><th>時間</th><th>タイトル</th><th>登壇者</th></tr></thead><tbody>\n")
	} else {
		b.WriteString("<ul>\n")
	}
	for i := range n {
		title := fmt.Sprintf("大規模イベントでの監視の話 その%d", i+1)
		if i%5 == 4 {
			title = "LT: " + title
		}
		tm := fmt.Sprintf("%02d:%02d", 10+i/60%12, i%60)
		if form == "table" {
			fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>登壇者%d (@user%d)</td></tr>\n", tm, title, i+1, i+1)
		} else {
			fmt.Fprintf(&b, "<li>%s %s / 登壇者%d (@user%d)</li>\n", tm, title, i+1, i+1)
		}
	}
	if form == "table" {
		b.WriteString("</tbody></table>\n")
	} else {
		b.WriteString("</ul>\n")
	}
	return b.String()
}

// reportPerTalk reports the wall time per talk (ns/talk) and, where it is
// known, the CPU time per talk (cpu-ns/talk). It records in perTalk the
// smaller of the two: a busy machine inflates the wall time, and the
// garbage collector's work on other threads the CPU time (more so with a
// bigger heap), but neither makes both grow.
func reportPerTalk(b *testing.B, n int, cpu time.Duration, perTalk map[int]float64) {
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

// checkLinear fails the benchmark when the time per talk at 10,000 talks
// is more than twice that at 100: the work must grow linearly.
func checkLinear(b *testing.B, perTalk map[int]float64) {
	small, big := perTalk[100], perTalk[10000]
	if small > 0 && big > 2*small {
		b.Errorf("not linear: %.0f ns per talk at 10,000 talks, %.0f at 100", big, small)
	}
}
