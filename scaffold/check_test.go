package scaffold

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestCheck runs check on the example notes with one kind of problem each
// and compares its output with testdata/golden/check-NAME.txt.
func TestCheck(t *testing.T) {
	example := mustRead(t, "../testdata/blog/notes/368663.yaml")
	edit := func(t *testing.T, s, old, new string) string {
		t.Helper()
		if !strings.Contains(s, old) {
			t.Fatalf("the example notes lack %q", old)
		}
		return strings.Replace(s, old, new, 1)
	}
	// entry cuts the talks entry of label out of the example notes.
	entry := func(t *testing.T, label string) string {
		t.Helper()
		start := strings.Index(example, "  - talk: "+label+"\n")
		if start < 0 {
			t.Fatalf("no entry %s", label)
		}
		next := strings.Index(example[start+1:], "\n  - talk: ")
		if next < 0 {
			next = strings.Index(example[start+1:], "\nclosing:")
		}
		return example[start : start+1+next+1]
	}
	tests := []struct {
		name   string
		notes  func(t *testing.T) string
		images []string
		count  int
	}{
		{"talks", func(t *testing.T) string {
			s := strings.Replace(example, entry(t, "発表3"), "", 1)
			return strings.Replace(s, entry(t, "LT2"), "", 1)
		}, exampleImages, 2},
		{"notes", func(t *testing.T) string {
			s := edit(t, example, "  - talk: 発表2\n", "  - talk: Datadog\n")                                           // 発表2 or LT2: ambiguous
			s = edit(t, s, "  - talk: LT2\n", "  - talk: Datadog「の」料金\n")                                             // a part of LT2's title
			s = edit(t, s, "  - talk: LT3\n", "  - talk: Bits AIで入門\n")                                               // an edited title: matches
			s = edit(t, s, "  - talk: LT4\n", "  - talk: ローカルLLMの話\n")                                                // matches none; LT4 is nearest
			s = edit(t, s, "closing: |-\n", "  - talk: 脅威モデリングからのセキュリティ強化：Datadogで実現するActive Defense\nclosing: |-\n") // 発表1 again
			return s
		}, exampleImages, 5},
		{"images", func(t *testing.T) string {
			return edit(t, example, "    image: 0060_oda_voicy.png\n",
				"    image: https://example.com/oda.png\n") // a URL is not checked
		}, exampleImages[2:8], 3},
		{"todo", func(t *testing.T) string {
			s := edit(t, example, "  JDDUG meetup の第13回は、", "  TODO: 会場の写真を差し替える\n  JDDUG meetup の第13回は、")
			return edit(t, s, "    image: 0030_imamura_goals.png\n", "    comment: TODO ask about the demo\n    image: 0030_imamura_goals.png\n")
		}, exampleImages, 2},
		{"empty", func(t *testing.T) string {
			s := edit(t, example, "intro: |-\n  JDDUG meetup の第13回は、渋谷のビズリーチ様の会場で開催です。\n  まるで未来に来たような最先端の都会とモダンな雰囲気の会場でした。\n", "intro: \"\"\n")
			s = strings.Replace(s, entry(t, "LT3"), "  - talk: LT3\n    image: 0060_oda_voicy.png\n", 1)
			return s
		}, exampleImages, 4},
		{"no-notes", func(t *testing.T) string { return "" }, exampleImages, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, stdout, stderr := tempBlog(t, tt.notes(t), tt.images)
			err := Check(context.Background(), opts)
			var e *Error
			if !errors.As(err, &e) || e.Code != ExitFailure {
				t.Fatalf("err = %v, want an *Error with code 1 (stderr: %s)", err, stderr)
			}
			if want := "check found " + plural(tt.count, "problem"); e.Msg != want {
				t.Errorf("Msg %q, want %q", e.Msg, want)
			}
			if n := strings.Count(stdout.String(), "\n"); n != tt.count {
				t.Errorf("%d lines, want %d", n, tt.count)
			}
			checkGolden(t, "../testdata/golden/check-"+tt.name+".txt", stdout.Bytes())
		})
	}
}

// TestCheckClean: the example notes with every image in the blog: no
// output, no error, a line on stderr.
func TestCheckClean(t *testing.T) {
	opts, stdout, stderr := tempBlog(t, mustRead(t, "../testdata/blog/notes/368663.yaml"), exampleImages)
	if err := Check(context.Background(), opts); err != nil {
		t.Fatalf("Check: %v\n%s", err, stdout)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout: %s", stdout)
	}
	if got := stderr.String(); got != "scaffold: check: no problems in notes/368663.yaml\n" {
		t.Errorf("stderr %q", got)
	}
}

func TestSiteFile(t *testing.T) {
	for _, tt := range []struct {
		ref, want string
		ok        bool
	}{
		{"/assets/images/jddug13/x.png", "/blog/assets/images/jddug13/x.png", true},
		{"/assets/images/a%20b.png?v=2#top", "/blog/assets/images/a b.png", true},
		{"/../../etc/passwd", "/blog/etc/passwd", true},
		{"https://example.com/x.png", "", false},
		{"//cdn.example.com/x.png", "", false},
		{"x.png", "", false},
		{"{{ site.baseurl }}/x.png", "", false},
	} {
		got, ok := siteFile("/blog", tt.ref)
		if got != tt.want || ok != tt.ok {
			t.Errorf("siteFile(%q) = %q, %v; want %q, %v", tt.ref, got, ok, tt.want, tt.ok)
		}
	}
}
