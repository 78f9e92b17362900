package fetch

import "testing"

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"脅威モデリングからのセキュリティ強化：Datadog\u200bで実現する\u200bActive Defense", "脅威モデリングからのセキュリティ強化：Datadogで実現するActive Defense"},
		{"  a \t\n b  ", "a b"},
		{"倉橋\u3000和幹", "倉橋\u3000和幹"},                   // the ideographic space is kept
		{"第1部\u3000\u3000基調講演", "第1部\u3000\u3000基調講演"}, // as written
		{"\u3000全角\u3000", "全角"},                       // but trimmed at the ends
		{"a\u3000 b", "a b"},                           // mixed with other spaces: one ASCII space
		{"a \u3000b", "a b"},
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

func TestCleanTextDropsControlCharacters(t *testing.T) {
	tests := []struct{ in, want string }{
		{"JDDUG\x00#13", "JDDUG#13"},
		{"a\x1b[31mred\x1b[0m", "a[31mred[0m"},
		{"bell\x07", "bell"},
		{"c1\u0085next\u009bx", "c1 nextx"}, // NEL is a line break, CSI (U+009B) is dropped
		{"del\x7f", "del"},
		{"a\r\nb", "a b"},
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPrintSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain 日本語 text", "plain 日本語 text"},
		{"https://x.example/\x1b]8;;https://evil/\x1b\\click\x1b]8;;\x1b\\", "https://x.example/]8;;https://evil/\\click]8;;\\"},
		{"over\rwrite", "overwrite"},
		{"keeps\ttab\nand newline", "keeps\ttab\nand newline"},
		{"c1 \u009b31m", "c1 31m"},
		{"bidi \u202eevil\u202c \u2066x\u2069", "bidi evil x"},
		{"bad \x9b byte", "bad \ufffd byte"},
		{"real \ufffd kept", "real \ufffd kept"},
	}
	for _, tt := range tests {
		if got := PrintSafe(tt.in); got != tt.want {
			t.Errorf("PrintSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
