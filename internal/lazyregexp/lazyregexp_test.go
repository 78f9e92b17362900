package lazyregexp

import "testing"

func TestNewCompilesOnFirstUseOnly(t *testing.T) {
	bad := New(`(`) // compiling it would panic: New must not
	re := New(`^a+$`)
	if !re().MatchString("aaa") || re().MatchString("ab") {
		t.Fatal("the compiled pattern does not match as ^a+$")
	}
	if re() != re() {
		t.Error("each call compiled the pattern again")
	}
	defer func() {
		if recover() == nil {
			t.Error("an invalid pattern did not panic on first use")
		}
	}()
	bad()
}
