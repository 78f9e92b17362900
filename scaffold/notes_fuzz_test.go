package scaffold

import (
	"os"
	"slices"
	"testing"

	"github.com/meetup-tools/connpass-scaffold/fetch"
)

// FuzzLoadNotes: loading any bytes as notes, matching them to the talks and
// merging the missing talks into them never panics; a merge either fails or
// keeps the input as the start and end of its output.
func FuzzLoadNotes(f *testing.F) {
	for _, path := range []string{"../testdata/blog/notes/368663.yaml", goldenNotes} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "talks:\n", "talks: []\n", "talks:\n- talk: 発表1\n  summary: |+\n    a\n\n", "talks: &a [*a]\n",
		"intro: a\nintro: b\n", "talks:\n  - talk: LT1\n    highlights: x\n", "\ttalks:", "talks:\r\n  - talk: Datadog\r\n",
		"--- \ntalks:\n- talk: x\n---\nintro: y\n", "talks: !!str a\n", "<<: {talks: []}\n",
	} {
		f.Add([]byte(s))
	}
	talks := goldenTalks()
	f.Fuzz(func(t *testing.T, data []byte) {
		notes, err := parseNotes(data, "fuzz.yaml")
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Errorf("not an *Error: %T %v", err, err)
			}
			return
		}
		for _, m := range matchTalks(talks, notes.Talks) {
			if (m.err == nil) != (m.talk >= 0) {
				t.Errorf("match %+v", m)
			}
			if m.err != nil {
				_ = m.err.userErr(talks, notes, 1)
			}
		}
		out, added, err := mergeNotesOver(data, "fuzz.yaml", talks)
		if err != nil {
			return
		}
		if len(out) < len(data) || (len(added) == 0 && string(out) != string(data)) {
			t.Errorf("merge lost bytes: %q -> %q", data, out)
		}
	})
}

// FuzzNotesSkeleton: the notes skeleton written from any facts (control
// characters, line breaks, quotes and invalid UTF-8 included) loads back,
// with one entry per talk under its label and connpass's x and slides as
// they were.
func FuzzNotesSkeleton(f *testing.F) {
	f.Add("Japan Datadog User Group Meetup#13@東京", "https://datadog-jp.connpass.com/event/368663/",
		"Data Access Control で実現する、より細かい権限制御", "fohte", "fohte", "https://speakerdeck.com/fohte/x")
	f.Add("a\x1b[31mred\x00\r\nb", "u\x07\u2028#", "t\u0085: - x", "s\u2029# c", "h\"'\\", "\x9b\xff")
	f.Add("", "", "", "", "", "")
	f.Add("#", "- x", "|", ">", "&a", "*a")
	f.Fuzz(func(t *testing.T, title, url, talkTitle, speaker, handle, slides string) {
		ev := &fetch.Event{ID: 368663, Title: title, URL: url}
		talks := []Talk{
			{Label: "発表1", Number: 1, Kind: KindTalk, Title: Text(talkTitle), Speaker: Text(speaker), Handle: Handle(handle), Slides: URL(slides)},
			{Label: "LT1", Number: 1, Kind: KindLT, Title: Text(speaker), Speaker: Text(talkTitle), Handle: Handle(slides), Slides: URL(handle)},
		}
		// The first talk has a second speaker with a company, and a row the
		// reader doubts follows: both are comments of the skeleton.
		talks[0].Speakers = []Speaker{
			{Name: Text(speaker), Handles: []Handle{Handle(handle)}, Affiliation: Text(title)},
			{Name: Text(talkTitle), Handles: []Handle{Handle(slides)}, Affiliation: Text(url)},
		}
		rows := rowsOf(append(slices.Clone(talks), Talk{Kind: KindTalk, Title: Text(talkTitle), Time: Text(url)}))
		rows[2].doubt = "no speaker"
		numberEventTalks(testConfig(), rows)
		pt := layNotes(testConfig(), rows, nil, 368663)
		if len(pt.Talks) != len(talks) || len(pt.uncertain()) != 1 {
			t.Fatalf("talks %+v, %d uncertain", pt.Talks, len(pt.uncertain()))
		}
		out := notesSkeleton(ev, pt)
		notes, err := parseNotes(out, "notes/368663.yaml")
		if err != nil {
			t.Fatalf("the skeleton does not load back: %v\n%s", err, out)
		}
		if len(notes.Talks) != len(talks) {
			t.Fatalf("%d talks entries, want %d\n%s", len(notes.Talks), len(talks), out)
		}
		for i, tn := range notes.Talks {
			want := talks[i]
			if tn.Talk != want.Label || tn.Title != "" || tn.Speaker != "" {
				t.Errorf("entry %d = %+v, want talk %q and no title or speaker\n%s", i, tn, want.Label, out)
			}
			if tn.Handle != fetch.CleanText(want.Handle.Raw()) || tn.Slides != fetch.CleanText(want.Slides.Raw()) {
				t.Errorf("entry %d: x %q slides %q, want %q %q\n%s", i, tn.Handle, tn.Slides, want.Handle, want.Slides, out)
			}
		}
	})
}
