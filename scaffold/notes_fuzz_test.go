package scaffold

import (
	"os"
	"testing"
)

// FuzzLoadNotes: loading any bytes as notes, matching them to the talks and
// merging the missing talks into them never panics; a merge either fails or
// keeps the input as the start and end of its output.
func FuzzLoadNotes(f *testing.F) {
	for _, path := range []string{"../testdata/blog/notes/368663.yaml", goldenNotes} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "talks:\n", "talks: []\n", "talks:\n- talk: 発表1\n  summary: |+\n    a\n\n", "talks: &a [*a]\n",
		"intro: a\nintro: b\n", "talks:\n  - talk: LT1\n    highlights: x\n", "\ttalks:", "talks:\r\n  - talk: Datadog\r\n",
		"--- \ntalks:\n- talk: x\n---\nintro: y\n", "talks: !!str a\n", "<<: {talks: []}\n",
	} {
		f.Add([]byte(s))
	}
	talks := goldenTalks()
	f.Fuzz(func(t *testing.T, data []byte) {
		notes, err := parseNotes(data, "fuzz.yaml")
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Errorf("not an *Error: %T %v", err, err)
			}
			return
		}
		for _, m := range matchTalks(talks, notes.Talks) {
			if (m.err == nil) != (m.talk >= 0) {
				t.Errorf("match %+v", m)
			}
			if m.err != nil {
				_ = m.err.userErr(talks, notes, 1)
			}
		}
		out, added, err := mergeNotes(testConfig(), data, "fuzz.yaml", talks)
		if err != nil {
			return
		}
		if len(out) < len(data) || (len(added) == 0 && string(out) != string(data)) {
			t.Errorf("merge lost bytes: %q -> %q", data, out)
		}
	})
}
