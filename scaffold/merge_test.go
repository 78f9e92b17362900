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
// markers and spacing aside) or by presenter = handle; one that matches no
// talk becomes a talk of its own, with a warning.
func TestJoinPresentations(t *testing.T) {
	cfg := Config{}
	cfg.fillDefaults()
	talks := []Talk{
		{Label: "発表1", Kind: KindTalk, Title: "Datadog ではじめるインシデント対応", Handle: "_tetsuya28"},
		{Label: "LT1", Kind: KindLT, Title: "Data Access Control で実現する、より細かい権限制御", Handle: "fohte"},
		{Label: "LT2", Kind: KindLT, Title: "Bits AI に入門してみた"},
	}
	pres := []fetch.Material{
		{Title: "LT: Data Access Controlで実現する、より細かい権限制御", URL: "https://speakerdeck.com/fohte/dac", Presenter: "someone"},
		{Title: "インシデント対応 (slides)", URL: "https://speakerdeck.com/t/incident", Presenter: "_tetsuya28"},
		{Title: "懇親会の写真", URL: "https://example.com/photos", Presenter: "staff"},
	}
	var warn bytes.Buffer
	got := joinPresentations(cfg, talks, pres, &warn)
	if len(got) != 4 {
		t.Fatalf("%d talks, want 4", len(got))
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
	extra := got[3]
	if extra.Label != "発表2" || extra.Kind != KindTalk || extra.Title != "懇親会の写真" || extra.Slides != "https://example.com/photos" {
		t.Errorf("extra talk = %+v", extra)
	}
	want := "scaffold: warning: presentation \"懇親会の写真\" (https://example.com/photos) matches no talk of the timetable; added as 発表2\n"
	if warn.String() != want {
		t.Errorf("warning = %q, want %q", warn.String(), want)
	}
	if strings.Count(warn.String(), "\n") != 1 {
		t.Errorf("one warning expected")
	}
}
