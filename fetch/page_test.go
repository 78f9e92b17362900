package fetch

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestReadSavedPage: one parse gives what sniffPage and the parser of the
// kind it names give, for every saved page in testdata; and the talks read
// from the description's tree are the talks read from its HTML.
func TestReadSavedPage(t *testing.T) {
	files, err := filepath.Glob("../testdata/connpass/*/*.html")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("only %d saved pages found", len(files))
	}
	events := 0
	for _, f := range files {
		data := mustReadFile(t, f)
		page, err := ReadSavedPage(data)
		kind := sniffPage(data)
		var want any
		var wantErr error
		if kind == PageParticipation {
			want, wantErr = ParseParticipationPage(strings.NewReader(string(data)))
		} else {
			want, wantErr = ParseEventPage(strings.NewReader(string(data)))
		}
		if wantErr != nil {
			if err == nil || err.Error() != wantErr.Error() {
				t.Errorf("%s: error %v, want %v", f, err, wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if page.Kind != kind {
			t.Errorf("%s: kind %v, sniffPage says %v", f, page.Kind, kind)
		}
		var got any = page.Participation
		if kind != PageParticipation {
			got = page.Event
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ReadSavedPage and the %v parser differ", f, kind)
		}
		if ev := page.Event; ev != nil {
			if ev.descTree == nil && ev.Description != "" {
				t.Errorf("%s: no description tree", f)
			}
			opts := TimetableOptions{}
			if got, want := ev.Timetable(opts), ParseTimetable(ev.Description, opts); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: talks from the tree differ from talks from the HTML:\n%+v\n%+v", f, got, want)
			}
			events++
		}
	}
	if events < 3 {
		t.Errorf("only %d event pages read", events)
	}
}

// TestTimetableFollowsDescription: a description changed after the page was
// read is read from its new HTML, not from the old tree.
func TestTimetableFollowsDescription(t *testing.T) {
	page, err := ReadSavedPage(mustReadFile(t, "../testdata/connpass/368663/event.html"))
	if err != nil {
		t.Fatal(err)
	}
	ev := page.Event
	if len(ev.Timetable(TimetableOptions{})) == 0 {
		t.Fatal("no talks in the 368663 page")
	}
	var other Event
	other.TakeDescription(ev)
	if !reflect.DeepEqual(other.Timetable(TimetableOptions{}), ev.Timetable(TimetableOptions{})) {
		t.Error("TakeDescription lost the talks")
	}
	other.Description = "<p>no timetable</p>"
	if got := other.Timetable(TimetableOptions{}); len(got) != 0 {
		t.Errorf("talks from a stale tree: %+v", got)
	}
}

// TestReadSavedPageEmpty: an empty file is not an event page, as ParseEventPage says.
func TestReadSavedPageEmpty(t *testing.T) {
	_, err := ReadSavedPage([]byte(" \n"))
	var nep *NotEventPageError
	if !errors.As(err, &nep) {
		t.Errorf("got %v, want a *NotEventPageError", err)
	}
}
