package main

import (
	"strings"
	"testing"
)

// TestSafeWriter: what goes to stderr loses its control characters, also
// when a write ends inside a UTF-8 sequence.
func TestSafeWriter(t *testing.T) {
	var out strings.Builder
	w := &safeWriter{w: &out}
	in := []byte("scaffold: warning: \x1b[2J日本\x07語\r\n")
	for i := range in { // one byte at a time: every rune is split
		if n, err := w.Write(in[i : i+1]); n != 1 || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	if got, want := out.String(), "scaffold: warning: [2J日本語\n"; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
}
