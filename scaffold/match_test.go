package scaffold

import (
	"strings"
	"testing"
)

// goldenTalks are the talks of event 368663 as the golden post lists them.
func goldenTalks() []Talk {
	return []Talk{
		{Label: "発表1", Kind: KindTalk, Title: Text("脅威モデリングからのセキュリティ強化：Datadogで実現するActive Defense")},
		{Label: "発表2", Kind: KindTalk, Title: Text("Datadog ではじめるインシデント対応")},
		{Label: "発表3", Kind: KindTalk, Title: Text("Datadog CI Visibilityを用いて、GitHub ActionsのFlaky Testを監視してみた")},
		{Label: "LT1", Kind: KindLT, Title: Text("Data Access Control で実現する、より細かい権限制御")},
		{Label: "LT2", Kind: KindLT, Title: Text("Datadog「の」料金を監視してみた")},
		{Label: "LT3", Kind: KindLT, Title: Text("Bits AI に入門してみた")},
		{Label: "LT4", Kind: KindLT, Title: Text("ローカルLLMアプリ開発環境のモニタリング")},
	}
}

// TestMatchTalk: one entry alone, by label, by title, and tolerantly by a
// title edited on connpass after the notes were written.
func TestMatchTalk(t *testing.T) {
	tests := []struct {
		key  string
		want string // the label; "" for no match
		how  string
	}{
		{"発表2", "発表2", matchedByLabel},
		{"lt3", "LT3", matchedByLabel},
		{" ＬＴ 4 ", "LT4", matchedByLabel},
		// Exact titles, after cleaning: case, spaces, width, zero-width, an LT marker.
		{"Datadog ではじめるインシデント対応", "発表2", matchedByTitle},
		{"datadogではじめるインシデント対応", "発表2", matchedByTitle},
		{"脅威モデリングからの\u200bセキュリティ強化:Datadogで実現するActive Defense", "発表1", matchedByTitle},
		{"LT: Bits AI に入門してみた", "LT3", matchedByTitle},
		{"ＤａｔａＤｏｇ「の」料金を監視してみた", "LT2", matchedByTitle},
		// A part of exactly one title.
		{"Data Access Control", "LT1", matchedByPart},
		{"Flaky Test", "発表3", matchedByPart},
		// Edited titles (the notes hold the old one).
		{"脅威モデリングからのセキュリティ強化 ～Datadogで実現するActive Defense～", "発表1", matchedBySimilar},
		{"Datadogで始めるインシデント対応", "発表2", matchedBySimilar},
		{"Datadog ではじめるインシデント対応入門（仮）", "発表2", matchedBySimilar},
		{"Datadog CI VisibilityでGitHub ActionsのFlaky Testを監視する", "発表3", matchedBySimilar},
		{"Data Access Controlで実現するきめ細かい権限制御", "LT1", matchedBySimilar},
		{"Datadogの料金を監視してみた", "LT2", matchedBySimilar},
		{"Bits AI 入門", "LT3", matchedBySimilar},
		{"Bits AIに入門してみた話", "LT3", matchedBySimilar},
		{"ローカルLLMアプリのモニタリング", "LT4", matchedBySimilar},
		// Nothing alike.
		{"OpenTelemetryで始める分散トレーシング", "", ""},
		{"発表9", "", ""},
		{"", "", ""},
	}
	talks := goldenTalks()
	for _, tt := range tests {
		m := matchTalks(talks, []TalkNotes{{Talk: tt.key}})[0]
		got := ""
		if m.talk >= 0 {
			got = talks[m.talk].Label
		}
		if got != tt.want || m.how != tt.how {
			t.Errorf("%q: matched %q by %q (score %.2f), want %q by %q", tt.key, got, m.how, m.score, tt.want, tt.how)
		}
		if (m.err == nil) != (m.talk >= 0) {
			t.Errorf("%q: talk %d with error %+v", tt.key, m.talk, m.err)
		}
	}
}

// TestMatchTalksErrors: ambiguous names list the candidates, an unknown one
// suggests the nearest title, two entries for one talk are an error.
func TestMatchTalksErrors(t *testing.T) {
	talks := goldenTalks()
	notes := &Notes{
		file: "notes/368663.yaml",
		Talks: []TalkNotes{
			{Talk: "発表1"},
			{Talk: "Datadog"},        // a part of four titles
			{Talk: "Datadogを監視してみた"}, // only like LT2: 0.77
			{Talk: "OpenTelemetryで始める分散トレーシング"},                     // nothing alike
			{Talk: "脅威モデリングからのセキュリティ強化：Datadogで実現するActive Defense"}, // 発表1 again
			{Talk: "Bits AIに入門してみた (仮)"},
			{},
			{Talk: "ローカルLLMの話"}, // 0.43 like LT4: not enough to match, enough to suggest
		},
		talkLines: []int{3, 5, 7, 9, 11, 13, 15, 17},
	}
	ms := matchTalks(talks, notes.Talks)
	var got []string
	for _, m := range ms {
		if m.err == nil {
			got = append(got, "ok "+talks[m.talk].Label+" by "+m.how)
			continue
		}
		line := m.err.where(notes) + ": " + m.err.describe(talks, notes)
		if s := m.err.suggestion(talks); s != "" {
			line += "; " + s
		}
		got = append(got, line)
	}
	want := []string{
		"ok 発表1 by label",
		`notes/368663.yaml:5: talk "Datadog" matches more than one talk: 発表2 "Datadog ではじめるインシデント対応", 発表3 "Datadog CI Visibilityを用いて、GitHub ActionsのFlaky Testを監視してみた", LT2 "Datadog「の」料金を監視してみた"`,
		"ok LT2 by similar title",
		`notes/368663.yaml:9: talk "OpenTelemetryで始める分散トレーシング" matches no talk`,
		`notes/368663.yaml:11: talk "脅威モデリングからのセキュリティ強化：Datadogで実現するActive Defense" names 発表1 "脅威モデリングからのセキュリティ強化：Datadogで実現するActive Defense" again (first named at line 3)`,
		"ok LT3 by similar title",
		`notes/368663.yaml:15: a talks entry has no "talk:" naming its talk`,
		`notes/368663.yaml:17: talk "ローカルLLMの話" matches no talk; did you mean LT4 "ローカルLLMアプリ開発環境のモニタリング"?`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMatchAmbiguousTitles: two talks with the same title (both still 未定
// on connpass) cannot be named by it; their labels still work.
func TestMatchAmbiguousTitles(t *testing.T) {
	talks := []Talk{{Label: "発表1", Title: Text("未定")}, {Label: "発表2", Title: Text("Go の話")}, {Label: "LT1", Title: Text("未定")}}
	ms := matchTalks(talks, []TalkNotes{{Talk: "未定"}, {Talk: "LT1"}})
	if e := ms[0].err; e == nil || e.kind != matchAmbiguous || len(e.candidates) != 2 || e.candidates[0] != 0 || e.candidates[1] != 2 {
		t.Errorf("未定: %+v %+v", ms[0], ms[0].err)
	}
	if ms[1].talk != 2 {
		t.Errorf("LT1: %+v", ms[1])
	}
}

// TestMatchExactBeforeTolerant: a talk named exactly by one entry is not
// open to another entry's tolerant match, so two similar titles (前編/後編)
// each find their own talk.
func TestMatchExactBeforeTolerant(t *testing.T) {
	talks := []Talk{{Label: "発表1", Title: Text("Datadog 入門 前編")}, {Label: "発表2", Title: Text("Datadog 入門 後編")}}
	ms := matchTalks(talks, []TalkNotes{{Talk: "Datadog入門 後編（改訂版）"}, {Talk: "Datadog 入門 前編"}})
	if ms[0].talk != 1 || ms[1].talk != 0 {
		t.Errorf("got %+v, %+v", ms[0], ms[1])
	}
	// Alone, the edited title is as like 前編 as 後編: ambiguous.
	m := matchTalks(talks, []TalkNotes{{Talk: "Datadog入門（改訂版）"}})[0]
	if m.err == nil || m.err.kind != matchAmbiguous {
		t.Errorf("got %+v", m)
	}
}

// TestApplyTalkNotesError: a render with an entry matching no talk fails on
// one line naming the file and line, with the suggestion as a hint.
func TestApplyTalkNotesError(t *testing.T) {
	notes := &Notes{file: "notes/368663.yaml", Talks: []TalkNotes{{Talk: "Bits AIで入門"}, {Talk: "ローカルLLMの話"}}, talkLines: []int{4, 9}}
	r := &Report{Event: Event{ID: 368663}}
	_, err := talksWithNotes(testConfig(), goldenTalks(), notes, r)
	if err == nil {
		t.Fatal("no error")
	}
	want := `notes/368663.yaml:9: talk "ローカルLLMの話" matches no talk of event 368663`
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	hints := Hints(err)
	if len(hints) == 0 || hints[0] != `did you mean LT4 "ローカルLLMアプリ開発環境のモニタリング"?` {
		t.Errorf("hints %q", hints)
	}
}

func TestSimilarity(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want float64
	}{
		{"", "", 0}, {"a", "a", 1}, {"a", "b", 0}, {"ab", "ab", 1}, {"abcd", "abce", 2 * 2.0 / 6}, {"x", "xy", 0},
	} {
		if got := similarity(bigrams(tt.a), bigrams(tt.b)); got != tt.want {
			t.Errorf("similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
