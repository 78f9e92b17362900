package fetch

import "testing"

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"脅威モデリングからのセキュリティ強化：Datadog\u200bで実現する\u200bActive Defense", "脅威モデリングからのセキュリティ強化：Datadogで実現するActive Defense"},
		{"  a \t\n b  ", "a b"},
		{"倉橋\u3000和幹", "倉橋 和幹"},
		{"18:00\u00a0～\u00a020:00", "18:00 ～ 20:00"},
		{"\ufeffBOM", "BOM"},
		{"e\u0301", "\u00e9"},       // NFC composes
		{"e\u200b\u0301", "\u00e9"}, // composes across a removed zero-width space
		{"\u200b", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
