package fetch

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
)

// The fixtures in other encodings are built from the real UTF-8 ones:
// TestEncodedFixtures checks they are exactly these conversions, and
// rewrites them with -update.
var encodedFixtures = []struct {
	from, to string
	convert  func(t *testing.T, utf8 []byte) []byte
}{
	{"../testdata/connpass/368663/event.html", "../testdata/connpass/368663/event-shift_jis.html", toShiftJISPage},
	{"../testdata/csv/368663.csv", "../testdata/csv/368663-cp932.csv", toCP932CSV},
}

// toShiftJISPage is the page as a browser saves it in Shift_JIS: the
// charset declaration says Shift_JIS, and the characters Shift_JIS lacks
// (the zero-width spaces of a title, say) are numeric character references.
func toShiftJISPage(t *testing.T, page []byte) []byte {
	s := string(page)
	if !strings.Contains(s, "charset=UTF-8") {
		t.Fatal("the page declares no charset=UTF-8 to change")
	}
	s = strings.Replace(s, "charset=UTF-8", "charset=Shift_JIS", 1)
	out, err := encoding.HTMLEscapeUnsupported(japanese.ShiftJIS.NewEncoder()).String(s)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}

// toCP932CSV is the CSV as Excel on Windows re-saves it: CP932, no BOM.
func toCP932CSV(t *testing.T, csv []byte) []byte {
	out, err := japanese.ShiftJIS.NewEncoder().Bytes(bytes.TrimPrefix(csv, []byte("\ufeff")))
	if err != nil {
		t.Fatalf("the CSV has a character CP932 lacks: %v", err)
	}
	return out
}

func TestEncodedFixtures(t *testing.T) {
	for _, f := range encodedFixtures {
		want := f.convert(t, mustReadFile(t, f.from))
		if *update {
			if err := os.WriteFile(f.to, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if got := mustReadFile(t, f.to); !bytes.Equal(got, want) {
			t.Errorf("%s is not %s converted (go test ./fetch -run TestEncodedFixtures -update rewrites it)", f.to, f.from)
		}
		if bytes.Equal(want, mustReadFile(t, f.from)) || utf8Valid(want) {
			t.Errorf("%s is still UTF-8", f.to)
		}
	}
}

func utf8Valid(b []byte) bool { return strings.ToValidUTF8(string(b), "\ufffd") == string(b) }

// TestShiftJISPageReadsAsUTF8: the Shift_JIS page gives the same event as
// the UTF-8 page it was converted from.
func TestShiftJISPageReadsAsUTF8(t *testing.T) {
	want, err := ReadSavedPage(mustReadFile(t, "../testdata/connpass/368663/event.html"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadSavedPage(mustReadFile(t, "../testdata/connpass/368663/event-shift_jis.html"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Event.Title != want.Event.Title || got.Event.Place != want.Event.Place || got.Event.Address != want.Event.Address {
		t.Errorf("Shift_JIS page: %q %q %q, want %q %q %q", got.Event.Title, got.Event.Place, got.Event.Address, want.Event.Title, want.Event.Place, want.Event.Address)
	}
	if got.Event.Description != want.Event.Description {
		t.Error("the descriptions differ")
	}
}

// TestCP932CSV: the CSV Excel re-saved in CP932 counts as the UTF-8 export.
func TestCP932CSV(t *testing.T) {
	want, err := ReadParticipantsCSV(bytes.NewReader(mustReadFile(t, "../testdata/csv/368663.csv")))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadParticipantsCSV(bytes.NewReader(mustReadFile(t, "../testdata/csv/368663-cp932.csv")))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("CP932: %+v, want %+v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("参加枠 %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
		csv            bool
	}{
		{"declared Shift_JIS, invalid", "<html><head><meta charset=\"Shift_JIS\"></head>\n<body>\n\x82\xff</body>", "the page declares the charset Shift_JIS, but line 3 has bytes that are not valid Shift_JIS", false},
		{"declared UTF-8, invalid", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n\x82\xa0", "the page declares the charset UTF-8, but line 2 has bytes that are not valid UTF-8", false},
		{"unknown charset", "<meta charset=\"klingon\x1b\">x", "the page declares the charset \"klingon\", which scaffold cannot decode", false},
		{"neither", "<p>\n\x82\xff\xfe</p>", "the page is neither UTF-8 nor Shift_JIS (CP932) and declares no charset: line 2 has bytes invalid in both", false},
		{"csv neither", "参加枠名,参加ステータス\r\n\x82\xff,x\r\n", "", true},
		{"csv BOM, invalid", "\xef\xbb\xbf参加枠名,参加ステータス\r\na,\xff\r\n", "participants CSV declares the charset UTF-8, but line 2 has bytes that are not valid UTF-8", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.csv {
				_, err = ReadParticipantsCSV(strings.NewReader(tt.in))
			} else {
				_, err = ReadSavedPage([]byte(tt.in))
			}
			var ee *EncodingError
			if !errors.As(err, &ee) {
				t.Fatalf("error %v, want an *EncodingError", err)
			}
			if tt.want != "" && err.Error() != tt.want {
				t.Errorf("error %q\nwant  %q", err, tt.want)
			}
		})
	}
}

func TestDecodePage(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"utf-8 undeclared", "<p>日本語</p>", "<p>日本語</p>"},
		{"utf-8 BOM", "\xef\xbb\xbf<p>日本語</p>", "<p>日本語</p>"},
		{"shift_jis undeclared", "<p>\x93\xfa\x96\x7b\x8c\xea</p>", "<p>日本語</p>"},
		{"shift_jis declared late", "<html><head>" + strings.Repeat("<!-- x -->", 200) + "<meta charset='shift_jis'>\x93\xfa", "<html><head>" + strings.Repeat("<!-- x -->", 200) + "<meta charset='shift_jis'>日"},
		{"euc-jp declared", "<meta http-equiv=Content-Type content='text/html;charset=EUC-JP'>\xc6\xfc", "<meta http-equiv=Content-Type content='text/html;charset=EUC-JP'>日"},
		{"utf-16le BOM", "\xff\xfe<\x00p\x00>\x00\xe5\x65", "<p>日"},
		{"cp932 extension", "<meta charset=windows-31j>\x87\x40", "<meta charset=windows-31j>①"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodePage([]byte(tt.in))
			if err != nil || string(got) != tt.want {
				t.Errorf("DecodePage = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// FuzzDecodePage: any bytes decode to valid UTF-8 or give an *EncodingError.
func FuzzDecodePage(f *testing.F) {
	f.Add([]byte("<meta charset=shift_jis>\x93\xfa"))
	f.Add([]byte("\xff\xfe<\x00"))
	f.Add([]byte("\xef\xbb\xbf\xff"))
	f.Add([]byte("<meta charset=iso-2022-jp>\x1b$B"))
	f.Add([]byte("\x82\xa0"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := DecodePage(data)
		if err != nil {
			var ee *EncodingError
			if !errors.As(err, &ee) {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		if !utf8Valid(out) {
			t.Errorf("DecodePage(%q) = %q, not UTF-8", data, out)
		}
		if _, err := decodeCSV(data); err != nil {
			var ee *EncodingError
			if !errors.As(err, &ee) {
				t.Fatalf("decodeCSV error %T %v", err, err)
			}
		}
	})
}
