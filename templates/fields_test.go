package templates

import (
	"reflect"
	"testing"
	"testing/fstest"
)

type fieldsTalk struct {
	Summary, Comment, Affiliation string
	Images                        []string
}

type fieldsReport struct {
	Intro, Thanks string
	Talks         []fieldsTalk
}

func (r *fieldsReport) First() *fieldsTalk { return nil }

// TestFields: a field printed bare, or tested with an else, is asked; one
// printed only under its own with, if or range is optional; the dot follows
// range, with, template calls, $ and methods.
func TestFields(t *testing.T) {
	set, err := Load(fstest.MapFS{
		"post.md.tmpl": {Data: []byte(`{{ .Intro }}{{ with .Thanks }}{{ . }}{{ end }}
{{ range .Talks }}{{ template "talk.tmpl" . }}{{ end }}{{ with .First }}{{ .Affiliation }}{{ end }}`)},
		"talk.tmpl": {Data: []byte(`{{ with .Summary }}{{ . }}{{ else }}{{ todo "summary" }}{{ end }}
{{ if .Comment }}{{ .Comment }}{{ end }}{{ range .Images }}{{ . }}{{ end }}{{ $.Affiliation | upper }}`)},
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
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Fields =\n%+v\nwant\n%+v", got, want)
	}
}
