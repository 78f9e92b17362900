package scaffold

import (
	"bytes"
	"context"
	"testing"
)

// BenchmarkRender368663 measures one whole render of the bundled example:
// reading and parsing the saved page, the config and the notes, merging,
// and rendering the templates. Target: under 5 ms and 5 MB per run.
func BenchmarkRender368663(b *testing.B) {
	opts, stdout, _ := exampleOptions(b)
	b.ReportAllocs()
	for b.Loop() {
		stdout.Reset()
		if err := Run(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
	if !bytes.Contains(stdout.Bytes(), []byte("## 終わりに")) {
		b.Fatal("the post was not rendered")
	}
}
