package scaffold

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The example blogs of other report styles: each reproduces a published
// post of the JDDUG blog byte for byte from a saved page, its notes and its
// templates, offline.
var styleExamples = []struct {
	name, event, page, golden string
}{
	{"jddug14", "367374", "testdata/connpass/styles/367374.html", "2025-11-13-jddug14.md"},
	{"jddug17", "387296", "testdata/connpass/styles/387296.html", "2026-05-28-jddug17.md"},
}

// TestStyleExamples: scaffold --config examples/NAME/.scaffold.yaml --html
// PAGE --stdout --offline prints testdata/golden/styles/POST, with no warning.
func TestStyleExamples(t *testing.T) {
	dir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range styleExamples {
		t.Run(ex.name, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(dir, "examples", ex.name)); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			opts := Options{
				Dir:        dir,
				ConfigFile: "examples/" + ex.name + "/.scaffold.yaml",
				HTMLFiles:  []string{ex.page},
				Offline:    true,
				ToStdout:   true,
				Stdout:     &stdout,
				Stderr:     &stderr,
			}
			got := mustRender(t, opts, &stdout)
			if stderr.Len() > 0 {
				t.Errorf("stderr not empty: %s", stderr.String())
			}
			checkGolden(t, filepath.Join("../testdata/golden/styles", ex.golden), got)
		})
	}
}

// TestStyleGoldensArePublished: the golden posts of the style examples are
// the published posts (../shared/styles/posts), byte for byte.
func TestStyleGoldensArePublished(t *testing.T) {
	for _, ex := range styleExamples {
		published := filepath.Join("../../shared/styles/posts", ex.golden)
		want, err := os.ReadFile(published)
		if err != nil {
			if os.Getenv("SCAFFOLD_REQUIRE_SHARED") == "1" {
				t.Fatalf("the published post is needed: %v", err)
			}
			t.Skipf("no ../shared beside the repository (%v); CI sets SCAFFOLD_REQUIRE_SHARED=1", err)
		}
		path := filepath.Join("../testdata/golden/styles", ex.golden)
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the published post:\n%s", path, unifiedDiff(published, path, want, got))
		}
	}
}
