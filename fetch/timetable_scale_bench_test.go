package fetch

import (
	"fmt"
	"strings"
	"testing"

	"github.com/meetup-tools/connpass-scaffold/internal/scalebench"
)

// BenchmarkTimetableScale reads timetables of 10, 100, 1,000 and 10,000
// talks (a table: time, title, speaker with @handle; every fifth row an LT;
// and the same as a list), reporting the time per talk, which must stay
// about the same from 100 to 10,000 (scalebench.Run).
func BenchmarkTimetableScale(b *testing.B) {
	for _, form := range []string{"table", "list"} {
		b.Run(form, func(b *testing.B) {
			scalebench.Run(b, func(b *testing.B, n int) func() {
				html := scaleTimetable(form, n)
				if talks := ParseTimetable(html, TimetableOptions{}); len(talks) != n {
					b.Fatalf("%d talks read, want %d", len(talks), n)
				}
				return func() { ParseTimetable(html, TimetableOptions{}) }
			})
		})
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
