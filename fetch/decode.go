package fetch

// This file turns the bytes of a saved page or a participant CSV into UTF-8.
// connpass serves UTF-8, but a page saved by an older browser or re-saved by
// an editor may be in the charset it declares, and a CSV that Excel on
// Windows re-saved is in CP932 (Shift_JIS with Microsoft's extensions).

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// EncodingError says why input could not be read as text: the charset it
// declares is unknown, or its bytes are not valid in the charset it is in.
type EncodingError struct {
	What     string // "the page", "participants CSV"
	Charset  string // the charset tried ("Shift_JIS", "UTF-8"), or the unknown label
	Declared bool   // the charset was declared by the input (BOM or <meta>)
	Unknown  bool   // the declared charset is not one scaffold can decode
	Line     int    // the first line with bytes invalid in Charset (1-based); 0 when Unknown
	Guessed  bool   // no charset was declared, and the bytes are neither UTF-8 nor Shift_JIS
}

func (e *EncodingError) Error() string {
	switch {
	case e.Unknown:
		return fmt.Sprintf("%s declares the charset %q, which scaffold cannot decode", e.What, e.Charset)
	case e.Guessed:
		return fmt.Sprintf("%s is neither UTF-8 nor Shift_JIS (CP932) and declares no charset: line %d has bytes invalid in both", e.What, e.Line)
	case e.Declared:
		return fmt.Sprintf("%s declares the charset %s, but line %d has bytes that are not valid %s", e.What, e.Charset, e.Line, e.Charset)
	}
	return fmt.Sprintf("%s: line %d has bytes that are not valid %s", e.What, e.Line, e.Charset)
}

// metaCharsetRE finds the charset of <meta charset="..."> and of
// <meta http-equiv="Content-Type" content="text/html; charset=...">.
var metaCharsetRE = lazyregexp.New(`(?i)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_.:\-]+)`)

// metaScanBytes is how far into a page the charset declaration is looked
// for: the HTML standard's 1024 bytes, widened for pages whose browser put
// a long comment or <base> before it.
const metaScanBytes = 16 << 10

// DecodePage returns a saved page as UTF-8 text: decoded from the charset
// its byte order mark or <meta> declares; else as it is when it is valid
// UTF-8; else from Shift_JIS (CP932) when it is valid in that. A BOM is
// dropped. A page whose bytes are not valid in the charset it declares, a
// charset scaffold does not know, or a page in neither UTF-8 nor Shift_JIS
// gives an *EncodingError.
func DecodePage(data []byte) ([]byte, error) {
	return decodeText(data, "the page", pageCharset(data))
}

// decodeCSV is DecodePage for the participant CSV, which has no <meta>:
// a BOM, else UTF-8, else CP932.
func decodeCSV(data []byte) ([]byte, error) {
	return decodeText(data, "participants CSV", "")
}

// pageCharset is the charset a page declares in a <meta> near its start; "".
func pageCharset(data []byte) string {
	head := data[:min(len(data), metaScanBytes)]
	if m := metaCharsetRE().FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

// decodeText decodes data from its BOM's encoding, else from the declared
// charset label (may be ""), else guesses UTF-8 then Shift_JIS.
func decodeText(data []byte, what, declared string) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return checkUTF8(data[3:], what, true)
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		return decodeWith(data, what, "UTF-16LE", true, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM))
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		return decodeWith(data, what, "UTF-16BE", true, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM))
	}
	if declared != "" {
		enc, err := htmlindex.Get(declared)
		if err != nil {
			return nil, &EncodingError{What: what, Charset: declared, Declared: true, Unknown: true}
		}
		name, _ := htmlindex.Name(enc)
		switch name {
		case "utf-8":
			return checkUTF8(data, what, true)
		case "utf-16le", "utf-16be":
			// A <meta> cannot declare UTF-16 (it would not be readable as
			// ASCII): the standard reads such a page as UTF-8.
			return checkUTF8(data, what, false)
		}
		return decodeWith(data, what, displayCharset(declared, name), true, enc)
	}
	if utf8.Valid(data) {
		return data, nil
	}
	out, err := decodeWith(data, what, "Shift_JIS", false, japanese.ShiftJIS)
	if err != nil {
		e := err.(*EncodingError)
		e.Guessed, e.Charset = true, ""
		return nil, e // the line is the first one not valid Shift_JIS either
	}
	return out, nil
}

// checkUTF8 returns data when it is valid UTF-8.
func checkUTF8(data []byte, what string, declared bool) ([]byte, error) {
	if utf8.Valid(data) {
		return data, nil
	}
	return nil, &EncodingError{What: what, Charset: "UTF-8", Declared: declared, Line: firstInvalidUTF8Line(data)}
}

// decodeWith decodes data from enc, failing at the first byte sequence enc
// does not define (which x/text's decoders turn into U+FFFD).
func decodeWith(data []byte, what, charset string, declared bool, enc encoding.Encoding) ([]byte, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, &EncodingError{What: what, Charset: charset, Declared: declared, Line: 1}
	}
	if i := bytes.Index(out, []byte("\ufffd")); i >= 0 {
		return nil, &EncodingError{What: what, Charset: charset, Declared: declared, Line: 1 + bytes.Count(out[:i], []byte("\n"))}
	}
	return bytes.TrimPrefix(out, []byte("\ufeff")), nil
}

// firstInvalidUTF8Line is the line (1-based) of the first byte of data that
// is not UTF-8.
func firstInvalidUTF8Line(data []byte) int {
	line := 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		i += n
	}
	return line
}

// displayCharset is the charset as the page declares it when that names
// the same encoding, for messages ("Shift_JIS" rather than "shift_jis").
func displayCharset(label, name string) string {
	if strings.EqualFold(label, name) {
		return label
	}
	return name
}
