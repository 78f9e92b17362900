package templates

import (
	"reflect"
	"testing"
	"testing/fstest"
)

type fieldsTalk struct {
	Summary, Comment, Affiliation, Note, Extra string
	Images                                     []string
}

type fieldsReport struct {
	Intro, Thanks string
	Talks         []fieldsTalk
}

func (r *fieldsReport) First() *fieldsTalk { return nil }

func (r *fieldsReport) Part(name string) *fieldsTalk { return nil }

// TestFields: a field printed bare, or tested with an else, is asked; one
// printed only under its own with, if or range is optional; the dot follows
// range, with, template calls, $ and methods.
func TestFields(t *testing.T) {
	set, err := Load(fstest.MapFS{
		"post.md.tmpl": {Data: []byte(`{{ .Intro }}{{ with .Thanks }}{{ . }}{{ end }}
{{ range .Talks }}{{ template "talk.tmpl" . }}{{ end }}{{ with .First }}{{ .Affiliation }}{{ end }}
{{ with .Part "a" }}{{ end }}{{ range .Talks }}{{ with $.Part "b" }}{{ end }}{{ end }}{{ .Part (print "c") }}{{ template "more.tmpl" . }}`)},
		"talk.tmpl": {Data: []byte(`{{ with .Summary }}{{ . }}{{ else }}{{ todo "summary" }}{{ end }}
{{ if .Comment }}{{ .Comment }}{{ end }}{{ range .Images }}{{ . }}{{ end }}{{ $.Affiliation | upper }}`)},
		"more.tmpl": {Data: []byte(`{{ range $i, $t := .Talks }}{{ $t.Note }}{{ end }}{{ with $f := .First }}{{ $f.Extra }}{{ end }}{{ template "none.tmpl" }}`)},
		"none.tmpl": {Data: []byte(`{{ .Nothing }}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := set.Fields(reflect.TypeOf(&fieldsReport{}))
	want := []FieldUse{
		{"fieldsReport", "Intro", true},
		{"fieldsReport", "Thanks", false},
		{"fieldsReport", "Talks", false},
		{"fieldsTalk", "Summary", true},
		{"fieldsTalk", "Comment", false},
		{"fieldsTalk", "Images", false},
		{"fieldsTalk", "Affiliation", true},
		{"fieldsTalk", "Note", true},
		{"fieldsTalk", "Extra", true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Fields =\n%+v\nwant\n%+v", got, want)
	}
}

// TestMethodArgs: the string constants passed to a method, through . and $.
func TestMethodArgs(t *testing.T) {
	set, err := Load(fstest.MapFS{
		"post.md.tmpl": {Data: []byte(`{{ with .Part "a" }}{{ end }}{{ range .Talks }}{{ with $.Part "b" }}{{ end }}{{ end }}{{ .Part (print "c") }}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := set.MethodArgs(reflect.TypeOf(&fieldsReport{}), "fieldsReport", "Part"); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("MethodArgs = %q, want [a b]", got)
	}
}
