package scaffold

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "update golden files")

const (
	goldenPost    = "../testdata/golden/2025-10-29-jddug13.md"
	publishedPost = "../../shared/golden/2025-10-29-jddug13.md" // the real report, outside the repository
)

// exampleOptions renders the bundled example: event 368663 from the saved
// page, with the JDDUG blog's config and notes.
func exampleOptions(t testing.TB) (Options, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	dir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	return Options{
		Dir:        dir,
		ConfigFile: "testdata/blog/.scaffold.yaml",
		HTMLFiles:  []string{"testdata/connpass/368663/event.html"},
		ToStdout:   true,
		Stdout:     &stdout,
		Stderr:     &stderr,
	}, &stdout, &stderr
}

func mustRender(t testing.TB, opts Options, stdout *bytes.Buffer) []byte {
	t.Helper()
	stdout.Reset()
	if err := Run(context.Background(), opts); err != nil {
		t.Fatalf("Run: %v (hints: %q)", err, Hints(err))
	}
	return append([]byte(nil), stdout.Bytes()...)
}

// TestGolden: the saved page, the notes and the config give exactly the
// golden post; rendering again gives the same bytes.
func TestGolden(t *testing.T) {
	opts, stdout, stderr := exampleOptions(t)
	got := mustRender(t, opts, stdout)
	if stderr.Len() > 0 {
		t.Errorf("stderr not empty: %s", stderr)
	}
	checkGolden(t, goldenPost, got)
	if again := mustRender(t, opts, stdout); !bytes.Equal(got, again) {
		t.Errorf("rendering twice gave different bytes:\n%s", unifiedDiff("first", "second", got, again))
	}
}

// TestGoldenIsThePublishedPost: the project's golden file is the real,
// published report (as ../shared/golden keeps it), byte for byte.
func TestGoldenIsThePublishedPost(t *testing.T) {
	want, err := os.ReadFile(publishedPost)
	if err != nil {
		if os.Getenv("SCAFFOLD_REQUIRE_SHARED") == "1" {
			t.Fatalf("the published post is needed: %v", err)
		}
		t.Skipf("no ../shared beside the repository (%v); CI sets SCAFFOLD_REQUIRE_SHARED=1", err)
	}
	got, err := os.ReadFile(goldenPost)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("testdata golden differs from the published post:\n%s", unifiedDiff(publishedPost, goldenPost, want, got))
	}
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./... -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test ./... -update rewrites it):\n%s", path, unifiedDiff(path, "got", want, got))
	}
}

// TestRenderRealPageWithoutTimetable: the real 2017 page (no timetable, no
// config, no notes) renders a well-formed post: no talk list, no author line,
// the 参加枠 numbers as the page shows them, and warnings on stderr.
func TestRenderRealPageWithoutTimetable(t *testing.T) {
	dir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	opts := Options{
		Dir:       t.TempDir(),
		HTMLFiles: []string{filepath.Join(dir, "testdata/connpass/real/shule517__nagoya-benkyokai__vcr__find_jxug_event-30152.html")},
		ToStdout:  true, Stdout: &stdout, Stderr: &stderr,
	}
	post := mustRender(t, opts, &stdout)
	for _, want := range []string{
		"---\nlayout: post\ntitle: \"JXUGC #14 Xamarin ハンズオン 名古屋大会 レポート\"\n---\n",
		"\n今回の発表/LTは計0本です\n\n## 終わりに\n",
		"\n申込数：　ハンズオン 10名 ハンズオン＋懇親会 23名 サポートスタッフ 5名 / 申込総数 38名\n",
		"\n[connpass 募集案内 JXUGC #14 Xamarin ハンズオン 名古屋大会](https://jxug.connpass.com/event/30152/)\n",
	} {
		if !bytes.Contains(post, []byte(want)) {
			t.Errorf("post lacks %q:\n%s", want, post)
		}
	}
	if bytes.Contains(post, []byte("\n\n\n")) {
		t.Errorf("post has two blank lines in a row:\n%s", post)
	}
	if !bytes.Contains(stderr.Bytes(), []byte("no timetable found")) {
		t.Errorf("no warning about the missing timetable: %s", stderr.String())
	}
}
