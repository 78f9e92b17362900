package scaffold

import (
	"bytes"
	"strings"
	"testing"

	"github.com/meetup-tools/connpass-scaffold/fetch"
)

func TestEventNumber(t *testing.T) {
	tests := map[string]string{
		"Japan Datadog User Group Meetup#13@東京": "13",
		"JXUGC #14 Xamarin ハンズオン 名古屋大会":         "14",
		"Go 勉強会 第7回":                            "7",
		"Kubernetes Meetup Tokyo Vol.05":        "5",
		"サブイベント1":                               "",
	}
	for title, want := range tests {
		if got := eventNumber(title); got != want {
			t.Errorf("eventNumber(%q) = %q, want %q", title, got, want)
		}
	}
}

// TestJoinPresentations: presentations reach their talks by title (LT
// markers and spacing aside) or by presenter = handle, filling what the row
// lacks; one that matches no talk becomes a talk of its own, with a warning.
// A doubtful row matched by title is settled; the sure rows come first.
func TestJoinPresentations(t *testing.T) {
	cfg := testConfig()
	rows := rowsOf([]Talk{
		{Kind: KindTalk, Title: Text("Datadog ではじめるインシデント対応"), Handle: "_tetsuya28"},
		{Kind: KindLT, Title: Text("Data Access Control で実現する、より細かい権限制御"), Handle: "fohte"},
		{Kind: KindLT, Title: Text("Bits AI に入門してみた")},
		{Kind: KindTalk, Title: Text("懇親会")},
		{Kind: KindTalk, Title: Text(""), Handle: "guest"},
	})
	rows[3].doubt = "housekeeping word"
	rows[4].doubt = "no title"
	pres := []fetch.Material{
		{Title: "LT: Data Access Controlで実現する、より細かい権限制御", URL: "https://speakerdeck.com/fohte/dac", Presenter: "someone"},
		{Title: "インシデント対応 (slides)", URL: "https://speakerdeck.com/t/incident", Presenter: "_tetsuya28"},
		{Title: "懇親会の写真", URL: "https://example.com/photos", Presenter: "staff"},
		{Title: "懇親会", URL: "https://example.com/party"},
		{Title: "ゲストの話", URL: "https://example.com/guest", Presenter: "GUEST"},
	}
	got, joined := joinPresentations(rows, pres)
	numberEventTalks(cfg, got)
	if len(got) != 6 || !joined[4] || joined[5] {
		t.Fatalf("%d talks (joined %v), want 6", len(got), joined)
	}
	if got[0].Slides != "https://speakerdeck.com/t/incident" {
		t.Errorf("by presenter: slides %q", got[0].Slides)
	}
	if got[1].Slides != "https://speakerdeck.com/fohte/dac" {
		t.Errorf("by title: slides %q", got[1].Slides)
	}
	if got[2].Slides != "" {
		t.Errorf("LT2 got slides %q", got[2].Slides)
	}
	if p := got[3]; p.doubt != "" || p.Label != "発表2" || p.Slides != "https://example.com/party" {
		t.Errorf("a doubtful row matched by title is not settled: %+v", p)
	}
	if g := got[4]; g.doubt == "" || g.Label != "?1" || g.Title != Text("ゲストの話") || g.Handle != "guest" {
		t.Errorf("a doubtful row matched by handle: %+v (the title filled, still doubtful)", g)
	}
	extra := got[5]
	if extra.Label != "発表3" || extra.Kind != KindTalk || extra.Title != Text("懇親会の写真") || extra.Slides != "https://example.com/photos" || extra.Speaker != Text("staff") {
		t.Errorf("extra talk = %+v", extra)
	}
}

// TestEventTalksWarnings: a presentation matching no row is a talk with a
// warning naming its label; an event with neither timetable nor
// presentations has no talks and a warning with a hint, unless the notes add
// talks.
func TestEventTalksWarnings(t *testing.T) {
	facts := &Facts{Event: &fetch.Event{ID: 7}, Presentations: []fetch.Material{{Title: "懇親会の写真", URL: "https://example.com/photos"}}}
	var stderr bytes.Buffer
	pt := talksOfPost(testConfig(), facts, nil)
	warn(Options{Stderr: &stderr}, pt.warnings)
	if want := "scaffold: warning: presentation \"懇親会の写真\" (https://example.com/photos) matches no talk of the timetable; added as 発表1\n"; stderr.String() != want {
		t.Errorf("warning = %q, want %q", stderr.String(), want)
	}
	if len(pt.Talks) != 1 {
		t.Errorf("talks %+v", pt.Talks)
	}

	facts.Presentations = nil
	stderr.Reset()
	warn(Options{Stderr: &stderr}, talksOfPost(testConfig(), facts, &Notes{}).warnings)
	want := "scaffold: warning: no timetable found in the description of event 7: the post has no talks\n" +
		"scaffold: hint: add each talk to the notes with add: true, a title and a speaker (lt: true for a lightning talk)\n"
	if stderr.String() != want {
		t.Errorf("warning = %q, want %q", stderr.String(), want)
	}
	pt = talksOfPost(testConfig(), facts, &Notes{Talks: []TalkNotes{{Talk: "x", Add: true, Title: "T"}}})
	if len(pt.warnings) != 0 || len(pt.Talks) != 1 {
		t.Errorf("with an added talk: warnings %+v, talks %+v", pt.warnings, pt.Talks)
	}
}

// testConfig is the config with every default.
func testConfig() Config {
	var cfg Config
	cfg.fillDefaults()
	return cfg
}

// TestNotesAddAndDrop: notes add talks the timetable lacks (an event whose
// timetable is an image has none) and drop talks; the rest are numbered again.
func TestNotesAddAndDrop(t *testing.T) {
	cfg := testConfig()
	talks := []Talk{
		{Label: "発表1", Number: 1, Kind: KindTalk, Title: Text("A")},
		{Label: "LT1", Number: 1, Kind: KindLT, Title: Text("B")},
		{Label: "LT2", Number: 2, Kind: KindLT, Title: Text("C")},
	}
	r := &Report{ImagePath: "/img/"}
	notes := &Notes{Talks: []TalkNotes{
		{Talk: "LT1", Drop: true},
		{Talk: "LT2", Image: NoteImages{{File: "c.png"}}},
		{Talk: "extra", Add: true, LT: true, Title: "D の**話**", Speaker: "でぃー", Handle: "d_d"},
		{Talk: "keynote", Add: true, Title: "E"},
	}}
	got, err := talksWithNotes(cfg, talks, notes, r)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, tk := range got {
		labels = append(labels, tk.Label+"="+tk.Title.Raw())
	}
	if want := "発表1=A LT1=C LT2=D の**話** 発表2=E"; strings.Join(labels, " ") != want {
		t.Errorf("talks %q, want %q", strings.Join(labels, " "), want)
	}
	if img := got[1].Image; img == nil || img.Alt != "LT1" || img.URL != "/img/c.png" {
		t.Errorf("renumbered talk's image = %+v, want alt LT1", img)
	}
	d := got[2]
	if !d.IsLT || !d.TitleFromNotes || !d.SpeakerFromNotes || d.Speaker != Markdown("でぃー") || d.Handle != "d_d" {
		t.Errorf("added talk = %+v", d)
	}
	if len(notes.Talks) != 4 || notes.Talks[2].Talk != "extra" {
		t.Errorf("the notes were changed: %+v", notes.Talks)
	}

	_, err = talksWithNotes(cfg, talks, &Notes{file: "n.yaml", talkLines: []int{7}, Talks: []TalkNotes{{Talk: "x", Add: true}}}, r)
	if err == nil || err.Error() != "n.yaml:7: a talk added with add: true needs a title" {
		t.Errorf("add without a title: err = %v", err)
	}
}

// TestNotesOrder: the notes' order list puts talks first, in its order; the
// others follow in timetable order, and every talk is numbered again.
func TestNotesOrder(t *testing.T) {
	talks := []Talk{
		{Label: "発表1", Number: 1, Kind: KindTalk, Title: Text("A")},
		{Label: "発表2", Number: 2, Kind: KindTalk, Title: Text("B")},
		{Label: "LT1", Number: 1, Kind: KindLT, Title: Text("C")},
		{Label: "LT2", Number: 2, Kind: KindLT, Title: Text("D")},
	}
	r := &Report{Event: Event{ID: 1}}
	notes := &Notes{Order: []string{"LT2", "B"}, Talks: []TalkNotes{{Talk: "発表1", Drop: true}}}
	got, err := talksWithNotes(testConfig(), talks, notes, r)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, tk := range got {
		labels = append(labels, tk.Label+"="+tk.Title.Raw())
	}
	if want := "LT1=D 発表1=B LT2=C"; strings.Join(labels, " ") != want {
		t.Errorf("talks %q, want %q", strings.Join(labels, " "), want)
	}
	for _, bad := range [][]string{{"LT9"}, {"LT1", "C"}} {
		_, err := talksWithNotes(testConfig(), talks, &Notes{file: "n.yaml", Order: bad}, r)
		if err == nil || !strings.HasPrefix(err.Error(), "order: n.yaml") {
			t.Errorf("order %q: err = %v, want an order: error naming the file", bad, err)
		}
	}
}
