package templates

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRenderOutputCapped: a template that runs away (here 30 MB of digits)
// is stopped at MaxOutput with one error saying so, and writes nothing.
func TestRenderOutputCapped(t *testing.T) {
	set, err := Load(fstest.MapFS{
		"post.md.tmpl": {Data: []byte(`{{ range $i := until 3000000 }}0123456789{{ end }}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = set.Render(&out, nil)
	if err == nil || !strings.Contains(err.Error(), "the templates wrote more than 16 MiB") {
		t.Fatalf("err = %v", err)
	}
	if out.Len() != 0 {
		t.Errorf("%d bytes written", out.Len())
	}

	// Just under the cap is fine.
	set, err = Load(fstest.MapFS{
		"post.md.tmpl": {Data: []byte(`{{ range $i := until 1600000 }}0123456789{{ end }}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := set.Render(&out, nil); err != nil {
		t.Fatal(err)
	}
	if out.Len() != 16_000_000 {
		t.Errorf("%d bytes, want 16000000", out.Len())
	}
}
