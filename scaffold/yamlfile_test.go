package scaffold

import (
	"strings"
	"testing"
)

// TestDecodeYAMLErrors: each error names the line of the first problem in
// the file, whether it is an unknown key (found in the node tree, merged
// mappings included) or a value of the wrong type.
func TestDecodeYAMLErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"unknown key", "intro: a\nsumary: b\n", `n.yaml:2: unknown key "sumary"`},
		{"unknown key in a talk", "talks:\n  - talk: a\n    titel: b\n", `n.yaml:3: unknown key "titel"`},
		{"type error first", "intro: [a]\nsumary: b\n", `n.yaml:1: wrong type: a list where a string was expected`},
		{"unknown key first", "sumary: b\nintro: [a]\n", `n.yaml:1: unknown key "sumary"`},
		{"unknown key through a merge", "talks:\n  - &t {talk: a, x: b}\n  - <<: *t\n    bad: 1\n", `n.yaml:4: unknown key "bad"`},
		{"unknown key in a merged list", "talks:\n  - <<: [{talk: a}, {nope: b}]\n", `n.yaml:2: unknown key "nope"`},
		{"unknown key of an anchor used in two places", "extra: &e {talk: a, nope: b}\ntalks:\n  - <<: *e\n", `n.yaml:1: unknown key "nope"`},
		{"unknown key under an alias", "order: &o [a]\ntalks:\n  - talk: a\n    links:\n      - &l {text: t, url: u}\n  - talk: b\n    links: [*l, {txt: x}]\n", `n.yaml:7: unknown key "txt"`},
		{"scalar value", "intro: `x`\n", "n.yaml:1:8: YAML syntax error: found character that cannot start any token"},
		{"wrong type with a value", "talks:\n  - drop: maybe\n", "n.yaml:2: wrong type: a string `maybe` where true or false was expected"},
		{"bad base64", "intro: a\ntalks:\n  - talk: !!binary '%%%'\n", "n.yaml:3: YAML error: !!binary value contains invalid base64 data"},
		{"merge of a scalar", "intro: a\ntalks:\n  - <<: 3\n", "n.yaml:3: YAML error: map merge requires map or sequence of maps as the value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n Notes
			err := decodeYAML([]byte(tt.in), "n.yaml", &n)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestDecodeYAMLAnchorInsideItself: the decoder's error about an anchor
// holding an alias of itself gets the alias's line.
func TestDecodeYAMLAnchorInsideItself(t *testing.T) {
	var m map[string]any
	err := decodeYAML([]byte("a: 1\nb: &x\n  c: *x\n"), "n.yaml", &m)
	if want := "n.yaml:3: YAML error: anchor 'x' value contains itself"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestDecodeYAMLOneDocument: a document marker before the one document, an
// end marker after it and empty documents around it (a stray ---) are
// fine; a second document with anything in it is not.
func TestDecodeYAMLOneDocument(t *testing.T) {
	for _, in := range []string{"", "# only a comment\n", "---\nintro: a\n", "intro: a\n...\n", "---\nintro: a\n...\n# end\n",
		"intro: a\n---\n", "---\n---\nintro: a\n", "intro: a\n---\n---\n# end\n"} {
		var n Notes
		if err := decodeYAML([]byte(in), "n.yaml", &n); err != nil || strings.Contains(in, "intro") && n.Intro != "a" {
			t.Errorf("%q: %v (intro %q)", in, err, n.Intro)
		}
	}
	for in, line := range map[string]string{"intro: a\n---\nclosing: b\n": ":2:", "---\n---\nintro: a\n---\n0\n": ":4:",
		"intro: a\n\n---\nintro: b\n": ":3:", "intro: a\n---\n---\nintro: b\n": ":3:"} {
		var n Notes
		err := decodeYAML([]byte(in), "n.yaml", &n)
		if err == nil || !strings.Contains(err.Error(), line+" a second YAML document") {
			t.Errorf("%q: got %v, want the second document at line%s", in, err, line)
		}
	}
}

// TestDecodeYAMLCustomDecoders: the types that decode themselves report
// unknown keys as the others do.
func TestDecodeYAMLCustomDecoders(t *testing.T) {
	var n Notes
	err := decodeYAML([]byte("intro: a\nvenue_image:\n  file: a.png\n  alt_text: b\n"), "n.yaml", &n)
	if want := `n.yaml:4: unknown key "alt_text"`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
