package scaffold

import (
	"fmt"
	"strings"
	"testing"

	"github.com/meetup-tools/connpass-scaffold/templates"
)

// rowsOf makes talks of the event, as eventTalks gives them, from a list of
// talks written with their first-speaker fields.
func rowsOf(talks []Talk) []postTalk {
	out := make([]postTalk, len(talks))
	for i, t := range talks {
		if t.NotesLabel == "" {
			t.NotesLabel = t.Label
		}
		if len(t.Speakers) == 0 && (templates.Raw(t.Speaker) != "" || t.Handle != "") {
			s := Speaker{Name: t.Speaker, Affiliation: Text("")}
			if s.Name == nil {
				s.Name = Text("")
			}
			if t.Handle != "" {
				s.Handles = []Handle{t.Handle}
			}
			t.Speakers = []Speaker{s}
		}
		if t.Title == nil {
			t.Title = Text("")
		}
		t.syncSpeaker()
		t.Connpass = connpassOf(t)
		out[i] = postTalk{Talk: t, entry: -1, post: -1}
	}
	return out
}

// talksWithNotes is what a render makes of the notes over talks: the talks
// of the post in r, with their images, or the first problem.
func talksWithNotes(cfg Config, talks []Talk, notes *Notes, r *Report) ([]Talk, error) {
	pt := layNotes(cfg, rowsOf(talks), notes, r.Event.ID)
	if err := pt.err(); err != nil {
		return nil, err
	}
	r.setTalks(pt, notes)
	return r.Talks, nil
}

// mergeNotesOver is `scaffold notes --merge` of the notes file data over talks.
func mergeNotesOver(data []byte, name string, talks []Talk) ([]byte, []Talk, error) {
	notes, doc, err := parseNotesTree(data, name)
	if err != nil {
		return nil, nil, err
	}
	return mergeNotes(data, notes, doc, layNotes(testConfig(), rowsOf(talks), notes, 0))
}

// doubtfulRows are a timetable with two rows the reader is not sure are
// talks, numbered as eventTalks numbers them.
func doubtfulRows() []postTalk {
	rows := rowsOf([]Talk{
		{Kind: KindTalk, Title: Text("受付・開場"), Time: Text("18:30")},
		{Kind: KindTalk, Title: Text("A"), Speaker: Text("あ")},
		{Kind: KindTalk, Title: Text("懇親会での発表"), Speaker: Text("い")},
		{Kind: KindLT, Title: Text("B"), Speaker: Text("う")},
	})
	rows[0].doubt = "no speaker"
	rows[2].doubt = "housekeeping word 懇親会"
	numberEventTalks(testConfig(), rows)
	return rows
}

// TestDoubtfulRows: a row the reader is not sure is a talk is numbered
// apart and left out of the post with one warning naming every such row,
// until an entry says add: true (published in its timetable place) or drop:
// true (left out, no warning). An entry saying neither leaves it out.
func TestDoubtfulRows(t *testing.T) {
	labels := func(pt *postTalks) string {
		var out []string
		for _, tk := range pt.Talks {
			out = append(out, tk.Label+"/"+tk.NotesLabel+"="+templates.Raw(tk.Title))
		}
		return strings.Join(out, " ")
	}
	pt := layNotes(testConfig(), doubtfulRows(), nil, 1)
	if got, want := labels(pt), "発表1/発表1=A LT1/LT1=B"; got != want {
		t.Errorf("without notes: %s, want %s", got, want)
	}
	if len(pt.warnings) != 1 || pt.warnings[0].msg != `left out of the post, not sure they are talks: ?1 "受付・開場" (no speaker), ?2 "懇親会での発表" (housekeeping word 懇親会); 'scaffold check' says how to keep or drop each` {
		t.Errorf("warnings %+v", pt.warnings)
	}
	if len(pt.problems) != 0 || len(pt.uncertain()) != 2 {
		t.Errorf("problems %+v, uncertain %d", pt.problems, len(pt.uncertain()))
	}

	notes := &Notes{file: "n.yaml", talkLines: []int{3, 5}, Talks: []TalkNotes{
		{Talk: "懇親会での発表", Add: true, Summary: "S"},
		{Talk: "?1", Drop: true},
	}}
	pt = layNotes(testConfig(), doubtfulRows(), notes, 1)
	if got, want := labels(pt), "発表1/発表1=A 発表2/?2=懇親会での発表 LT1/LT1=B"; got != want {
		t.Errorf("decided: %s, want %s", got, want)
	}
	if len(pt.warnings) != 0 || len(pt.problems) != 0 || len(pt.uncertain()) != 0 || pt.Talks[1].Summary != "S" {
		t.Errorf("decided: warnings %+v, problems %+v, talks %+v", pt.warnings, pt.problems, pt.Talks)
	}

	notes = &Notes{file: "n.yaml", talkLines: []int{3}, Talks: []TalkNotes{{Talk: "?1", Summary: "S"}}}
	pt = layNotes(testConfig(), doubtfulRows(), notes, 1)
	u := pt.uncertain()
	if len(u) != 2 || len(pt.Talks) != 2 {
		t.Fatalf("an entry without add: or drop: published a doubtful row: %+v", pt.Talks)
	}
	if got, want := uncertainLine(u[0], notes), `not sure it is a talk: ?1 "受付・開場" (18:30; no speaker), left out of the post; fix: add: true at n.yaml:3 publishes it, drop: true there leaves it out`; got != want {
		t.Errorf("check line %q, want %q", got, want)
	}
	if got, want := uncertainLine(u[1], notes), `not sure it is a talk: ?2 "懇親会での発表" (housekeeping word 懇親会), left out of the post; fix: a talks entry "talk: ?2" with add: true publishes it, with drop: true leaves it out`; got != want {
		t.Errorf("check line %q, want %q", got, want)
	}
}

// TestNotesOverSpeakers: the notes' speaker, x and affiliation are the first
// speaker's; the others keep connpass's, and the first-speaker fields follow.
func TestNotesOverSpeakers(t *testing.T) {
	rows := rowsOf([]Talk{{Label: "発表1", Kind: KindTalk, Title: Text("T"), Speakers: []Speaker{
		{Name: Text("山田"), Handles: []Handle{"yamada", "yamada_dev"}, Affiliation: Text("A社")},
		{Name: Text("鈴木"), Handles: []Handle{"suzuki"}, Affiliation: Text("B社")},
	}}})
	pt := layNotes(testConfig(), rows, &Notes{Talks: []TalkNotes{{Talk: "発表1", Handle: "@yamada_dev", Affiliation: "株式会社A"}}}, 1)
	got := pt.Talks[0]
	first := got.Speakers[0]
	if first.Name != Text("山田") || first.NameFromNotes || fmt.Sprint(first.Handles) != "[yamada_dev yamada]" || first.Handle != "yamada_dev" ||
		first.Affiliation != Markdown("株式会社A") || !first.AffiliationFromNotes {
		t.Errorf("first speaker %+v", first)
	}
	if second := got.Speakers[1]; second.Affiliation != Text("B社") || second.AffiliationFromNotes || second.Handle != "suzuki" {
		t.Errorf("second speaker %+v", second)
	}
	if got.Speaker != Text("山田") || got.Handle != "yamada_dev" || got.Affiliation != Markdown("株式会社A") || !got.AffiliationFromNotes {
		t.Errorf("first-speaker fields %+v", got)
	}
	if c := got.Connpass.Speakers[0]; c.Affiliation != Text("A社") || c.Handle != "yamada" {
		t.Errorf("the notes changed the connpass values: %+v", c)
	}
}

// cutLTPrefix replaced ^(?:【lt】|\[lt\]|lt\s*\d*\s*[:：.]\s*); isSlug
// ^[A-Za-z0-9][A-Za-z0-9._-]*$.
func TestCutLTPrefixAndIsSlug(t *testing.T) {
	for in, want := range map[string]string{
		"【lt】タイトル":    "タイトル",
		"[lt] タイトル":   " タイトル",
		"lt: タイトル":    "タイトル",
		"lt2 : タイトル":  "タイトル",
		"lt 12\t：\tx": "x",
		"lt.タイトル":     "タイトル",
		"lt1 2: x":    "lt1 2: x",
		"lt\u3000: x": "lt\u3000: x", // an ideographic space is no \s
		"lt１: x":      "lt１: x",      // nor is a full-width digit \d
		"ltタイトル":      "ltタイトル",
		"【LT】タイトル":    "【LT】タイトル", // comparableTitle lowers it first
		"ｌｔ: x":       "ｌｔ: x",
		"slt: x":      "slt: x",
		"":            "",
	} {
		if got := cutLTPrefix(in); got != want {
			t.Errorf("cutLTPrefix(%q) = %q, want %q", in, got, want)
		}
	}
	if got := comparableTitle("LT3： Go の テスト"); got != "goのテスト" {
		t.Errorf("comparableTitle = %q, want goのテスト", got)
	}
	for in, want := range map[string]bool{
		"jddug13": true, "2025-10-29-jddug13": true, "a.b_c-d": true, "A": true, "9": true,
		"": false, ".hidden": false, "-x": false, "_x": false, "a b": false, "a/b": false,
		"ａ": false, "jddug\n": false, "\u212a": false,
	} {
		if got := isSlug(in); got != want {
			t.Errorf("isSlug(%q) = %v, want %v", in, got, want)
		}
	}
}
