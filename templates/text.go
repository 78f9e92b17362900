package templates

import (
	"encoding/json"
	"fmt"
)

// The report model carries every string read from connpass as one of the
// types below, whose default printing in a template is safe Markdown: the
// way html/template makes the safe thing the default, a template that
// prints {{ .Event.Title }} with no function at all prints it escaped.
// Each has .Raw for the text as connpass has it, for the rare template that
// needs it (and the raw function does the same for any value).

// Str is a string of the report model that may come from connpass or from
// the organizer (a talk's title: the notes', else the timetable's). Printed,
// it is safe Markdown: a Text, URL or Handle escaped, a Markdown as written.
type Str interface {
	String() string // the safe Markdown form, which a template prints
	Raw() string    // the text itself, unescaped
}

// Text is text from connpass (a title, a name, a venue): untrusted.
// Printed, it is inert inline Markdown (see md): no HTML tag, no Liquid or
// kramdown delimiter, no Markdown block, on one line. Functions that take a
// string get the raw text, and a string they return from it is a Text again.
type Text string

// String is the text made inert inline Markdown, what a template prints.
func (t Text) String() string { return markdownText(string(t)) }

// Raw is the text as connpass has it.
func (t Text) Raw() string { return string(t) }

// MarshalJSON writes the printed form, so toJson cannot leak the raw text.
func (t Text) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// URL is a URL from connpass (or one checked alike, such as a talk's
// slides). Printed, it is the url function's result: the URL when it is an
// absolute http(s) one, made safe for a link and an attribute, else "".
type URL string

// String is the checked URL, or "" when it is not an http(s) URL.
func (u URL) String() string { return safeURL(string(u)) }

// Raw is the URL as written.
func (u URL) Raw() string { return string(u) }

// MarshalJSON writes the printed form.
func (u URL) MarshalJSON() ([]byte, error) { return json.Marshal(u.String()) }

// Handle is an X handle without '@'. Printed, it is the handle when it is
// one (1 to 15 of A-Z a-z 0-9 _, which Markdown leaves alone), else the
// text escaped as a Text is.
type Handle string

// String is the handle, or the escaped text when it is not a handle.
func (h Handle) String() string {
	if isHandle(string(h)) {
		return string(h)
	}
	return markdownText(string(h))
}

// Raw is the handle as written.
func (h Handle) Raw() string { return string(h) }

// MarshalJSON writes the printed form.
func (h Handle) MarshalJSON() ([]byte, error) { return json.Marshal(h.String()) }

// Markdown is text printed as written: the organizer's own words from the
// notes or the config where a field may also hold connpass text, and the
// result of a function that made its input safe (md, url, attendance...).
// md leaves it as it is, so escaping twice does no harm.
type Markdown string

// String is the text as written.
func (m Markdown) String() string { return string(m) }

// Raw is the text as written.
func (m Markdown) Raw() string { return string(m) }

// Raw is the text of v without escaping: a Str's Raw, a string as it is,
// anything else as fmt prints it ("" for nil). It is the template function
// raw, and what Go code uses to read a Str field.
func Raw(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case Str:
		return x.Raw()
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// untrusted reports whether v is connpass text: a Str other than Markdown.
func untrusted(v any) bool {
	switch v.(type) {
	case Text, URL, Handle:
		return true
	case Markdown, nil:
		return false
	case Str:
		return true
	}
	return false
}
