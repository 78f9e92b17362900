package scaffold

import (
	"bytes"
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/meetup-tools/connpass-scaffold/templates"
)

const (
	hostilePost    = "../testdata/golden/hostile.md"
	embedsPost     = "../testdata/golden/embeds.md"
	onePartPost    = "../testdata/golden/override-one-part.md"
	addedPartPost  = "../testdata/golden/added-part.md"
	englishHugo    = "../testdata/golden/english-hugo.md"
	hostileEvent   = "testdata/connpass/hostile/event.html"
	embedsNotes    = "testdata/embeds/368663.yaml"
	deckAnswerTmpl = `{"type":"rich","version":1.0,"provider_name":"Speaker Deck","provider_url":"https://speakerdeck.com/","title":"Threat modeling","html":"\u003ciframe id=\"talk_frame_1\" class=\"speakerdeck-iframe\" src=\"//speakerdeck.com/player/0123456789abcdef0123456789abcdef\" width=\"710\" height=\"399\" frameborder=\"0\" allowfullscreen=\"allowfullscreen\"\u003e\u003c/iframe\u003e\n","width":710,"height":399}`
)

// TestHostileGolden: talk titles and speaker names holding HTML, Liquid,
// Markdown links, line breaks and "---", and an event title holding a double
// quote and colons, all come out inert (checked in a real Jekyll build by
// TestJekyllBuild).
func TestHostileGolden(t *testing.T) {
	opts, stdout, stderr := exampleOptions(t)
	opts.HTMLFiles = []string{hostileEvent}
	got := mustRender(t, opts, stdout)
	checkGolden(t, hostilePost, got)
	if want := "scaffold: warning: no notes at testdata/blog/notes/999001.yaml; the post has TODO markers where your words go\n"; stderr.String() != want {
		t.Errorf("stderr = %q, want only the no-notes warning", stderr)
	}
	body := string(got)
	for _, bad := range []string{"<script", "<img", "{{", "{%", "\n---\n---"} {
		if strings.Contains(body, bad) {
			t.Errorf("the hostile post holds %q", bad)
		}
	}
	_, md, _ := strings.Cut(body, "\n---\n") // the front matter is YAML, yamlString'd
	if m := regexp.MustCompile(`(^|[^\\])\]\(javascript:`).FindString(md); m != "" {
		t.Errorf("the hostile post holds a javascript: link: %q", m)
	}
	// The front matter stays three lines between its two --- lines.
	if fm := strings.SplitN(body, "\n---\n", 2)[0]; strings.Count(fm, "\n") != 3 {
		t.Errorf("front matter broken:\n%s", fm)
	}
}

// TestOverrideOnePart: a templates folder holding only talk.tmpl replaces
// the talk sections and keeps every other part of the defaults.
func TestOverrideOnePart(t *testing.T) {
	opts, stdout, _ := exampleOptions(t)
	opts.TemplatesDir = "testdata/templates/one-part"
	got := mustRender(t, opts, stdout)
	checkGolden(t, onePartPost, got)
	golden, err := os.ReadFile(goldenPost)
	if err != nil {
		t.Fatal(err)
	}
	// Everything before the first talk section is the defaults' output.
	head := func(b []byte) string { return string(b[:bytes.Index(b, []byte("\n## "))]) }
	if head(got) != head(golden) {
		t.Error("overriding talk.tmpl changed the parts before the talks")
	}
}

// TestAddedPart: a user's post.md.tmpl calls a part of its own.
func TestAddedPart(t *testing.T) {
	opts, stdout, _ := exampleOptions(t)
	opts.TemplatesDir = "testdata/templates/added-part"
	got := mustRender(t, opts, stdout)
	checkGolden(t, addedPartPost, got)
	if !bytes.Contains(got, []byte("- 日時: 2025/10/29(水) 19:00〜21:30\n")) {
		t.Error("the added part's date line is missing")
	}
}

// TestEnglishHugoExample renders the worked example of examples/english-hugo.
func TestEnglishHugoExample(t *testing.T) {
	opts, stdout, _ := exampleOptions(t)
	opts.TemplatesDir = "examples/english-hugo"
	got := mustRender(t, opts, stdout)
	checkGolden(t, englishHugo, got)

	// YouTube slides become Hugo's shortcode; the rest stay HTML or links.
	opts.NotesFile = embedsNotes
	got = mustRender(t, opts, stdout)
	for _, want := range []string{
		"\n{{< youtube dQw4w9WgXcQ >}}\n",
		`class="docswell-embed"`,
		"[Slides](https://example.com/bits-ai.pdf)",
		"[Slides](https://speakerdeck.com/jddug/threat-modeling)", // no endpoint set: a link
		"\n- Lightning talk 4: ローカルLLMアプリ開発環境のモニタリング, by 鹿野 市郎\n\nThe recording: {{< youtube abcdefghijk >}}\n\n### Talk 1:",
		", by Haktak ([from 1:02:03](https://www.youtube.com/watch?v=abcdefghijk&t=3723s))\n",
	} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("the example's post lacks %s", want)
		}
	}
}

// TestExportTemplates: export writes the defaults (which render the golden
// post), creating the folder, and never overwrites.
func TestExportTemplates(t *testing.T) {
	opts, stdout, stderr := exampleOptions(t)
	// Export from a blog of its own: the export's lock lives in the blog's state folder.
	export := opts
	export.Dir, export.ConfigFile = t.TempDir(), ""
	dir := filepath.Join(t.TempDir(), "new", "tmpl")
	if err := ExportTemplates(context.Background(), export, dir); err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(templates.Defaults(), "*.tmpl")
	for _, name := range names {
		want, _ := fs.ReadFile(templates.Defaults(), name)
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: exported %q, %v", name, got, err)
		}
	}
	if !strings.Contains(stderr.String(), "talk.tmpl\n") {
		t.Errorf("stderr = %q", stderr)
	}

	opts.TemplatesDir = dir
	golden, _ := os.ReadFile(goldenPost)
	if got := mustRender(t, opts, stdout); !bytes.Equal(got, golden) {
		t.Error("the exported templates do not render the golden post")
	}

	// An existing file is never overwritten, and nothing else is written.
	dir = t.TempDir()
	mine := []byte("{{/* mine */}}\n")
	os.WriteFile(filepath.Join(dir, "talk.tmpl"), mine, 0o644)
	os.WriteFile(filepath.Join(dir, ".closing.tmpl.tmp123"), mine, 0o644) // a killed export's
	err := ExportTemplates(context.Background(), export, dir)
	if err == nil || !strings.Contains(err.Error(), "talk.tmpl already exists") {
		t.Errorf("second export: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "talk.tmpl")); !bytes.Equal(got, mine) {
		t.Error("talk.tmpl was overwritten")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed export left %d files, want talk.tmpl alone", len(entries))
	}
}

// TestBrokenUserTemplate: an error in a user's part names its file and line.
func TestBrokenUserTemplate(t *testing.T) {
	for name, body := range map[string]string{
		"parse":     "## {{ .Label }}\n\n{{ .Title | nosuch }}\n",
		"execution": "## {{ .Label }}\n\n{{ .Nope }}\n",
		"function":  "## {{ .Label }}\n\n{{ xlink \"not a handle!\" }}\n",
	} {
		t.Run(name, func(t *testing.T) {
			opts, stdout, _ := exampleOptions(t)
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "talk.tmpl"), []byte(body), 0o644)
			opts.TemplatesDir = dir
			err := Run(context.Background(), opts)
			if err == nil || !strings.HasPrefix(err.Error(), "template talk.tmpl:3: ") {
				t.Errorf("err = %v, want it to start with %q", err, "template talk.tmpl:3: ")
			}
			if stdout.Len() > 0 {
				t.Error("a post was printed")
			}
		})
	}
}

// deckServer stands in for Speaker Deck's oEmbed endpoint.
func deckServer(t *testing.T, status int) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if r.URL.Path != "/oembed.json" || r.URL.Query().Get("url") != "https://speakerdeck.com/jddug/threat-modeling" {
			t.Errorf("unexpected request %s", r.URL)
		}
		if status != http.StatusOK {
			http.Error(w, "no", status)
			return
		}
		w.Write([]byte(deckAnswerTmpl))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// TestEmbedsGolden: Speaker Deck (a deck URL resolved through oEmbed, and a
// data-id from the notes, which is never resolved), Docswell, Google Slides,
// YouTube, a plain link, and a javascript: URL that gives nothing. A notes
// title with Markdown prints as written. The second run makes no request.
func TestEmbedsGolden(t *testing.T) {
	srv, requests := deckServer(t, http.StatusOK)
	opts, stdout, stderr := exampleOptions(t)
	opts.NotesFile = embedsNotes
	opts.SpeakerDeckBase = srv.URL + "/"
	opts.CacheDir = t.TempDir()
	got := mustRender(t, opts, stdout)
	checkGolden(t, embedsPost, got)
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr)
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("%d oEmbed requests, want 1 (发表3's data-id is in the notes)", n)
	}
	for _, want := range []string{
		`data-id="0123456789abcdef0123456789abcdef"`,
		`data-id="9c1fc7d74f814f91ad88e82ddc6197a2"`,
		`class="docswell-embed"`,
		`https://docs.google.com/presentation/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/embed`,
		`https://www.youtube.com/embed/dQw4w9WgXcQ?start=90`,
		"[発表資料](https://example.com/bits-ai.pdf)",
		"## LT3. Bits AI に**入門**してみた\n",
	} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("the post lacks %s", want)
		}
	}
	if bytes.Contains(got, []byte("javascript:")) {
		t.Error("the javascript: slides URL made it into the post")
	}

	// Rendering again is answered by the cache, even offline.
	opts.Offline = true
	if again := mustRender(t, opts, stdout); !bytes.Equal(again, got) {
		t.Error("the second run differs")
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("%d oEmbed requests after the second run, want still 1", n)
	}
}

// TestEmbedFailureDegrades: a deck that cannot be resolved (404, or offline
// with an empty cache) becomes a link to the slides, with a warning.
func TestEmbedFailureDegrades(t *testing.T) {
	for _, tt := range []struct {
		name    string
		offline bool
		want    string
	}{
		{"404", false, "speaker deck oembed answered 404 Not Found"},
		{"offline", true, "--offline"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, requests := deckServer(t, http.StatusNotFound)
			opts, stdout, stderr := exampleOptions(t)
			opts.NotesFile = embedsNotes
			opts.SpeakerDeckBase = srv.URL
			opts.CacheDir = t.TempDir()
			opts.Offline = tt.offline
			got := mustRender(t, opts, stdout)
			if !bytes.Contains(got, []byte("[発表資料](https://speakerdeck.com/jddug/threat-modeling)")) {
				t.Error("no link to the slides")
			}
			w := stderr.String()
			if !strings.HasPrefix(w, "scaffold: warning: 発表1: could not get the Speaker Deck data-id of https://speakerdeck.com/jddug/threat-modeling") || !strings.Contains(w, tt.want) {
				t.Errorf("stderr = %q", w)
			}
			if tt.offline && requests.Load() != 0 {
				t.Error("--offline made a request")
			}
		})
	}
}

func TestEmbedOf(t *testing.T) {
	tests := []struct {
		url, kind, id string
		start         int
	}{
		{"https://speakerdeck.com/player/9c1fc7d74f814f91ad88e82ddc6197a2", EmbedSpeakerDeck, "9c1fc7d74f814f91ad88e82ddc6197a2", 0},
		{"https://speakerdeck.com/jddug/deck", "", "", 0}, // needs oEmbed
		{"https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell", EmbedDocswell, "LK7J5V", 0},
		{"https://www.docswell.com/s/ku-suke/LK7J5V", EmbedDocswell, "LK7J5V", 0},
		{"https://www.docswell.com/slide/LK7J5V/embed", EmbedDocswell, "LK7J5V", 0},
		{"https://docs.google.com/presentation/d/1AbCdEfGhIjKlMnOpQrS/edit?usp=sharing", EmbedGoogleSlides, "1AbCdEfGhIjKlMnOpQrS", 0},
		{"https://docs.google.com/presentation/d/e/2PACX-1vTs-Ng5dIAwkg91oTT/pub?start=false", EmbedGoogleSlides, "e/2PACX-1vTs-Ng5dIAwkg91oTT", 0},
		{"https://www.youtube.com/watch?v=dQw4w9WgXcQ", EmbedYouTube, "dQw4w9WgXcQ", 0},
		{"https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s", EmbedYouTube, "dQw4w9WgXcQ", 90},
		{"https://youtu.be/dQw4w9WgXcQ?t=42", EmbedYouTube, "dQw4w9WgXcQ", 42},
		{"https://www.youtube.com/live/dQw4w9WgXcQ", EmbedYouTube, "dQw4w9WgXcQ", 0},
		{"https://www.youtube.com/embed/dQw4w9WgXcQ", EmbedYouTube, "dQw4w9WgXcQ", 0},
		{"https://www.youtube.com/watch?v=short", "", "", 0},
		{"https://evil.example/www.youtube.com/watch?v=dQw4w9WgXcQ", "", "", 0},
		{"javascript:alert(1)", "", "", 0},
		{"https://example.com/slides.pdf", "", "", 0},
	}
	for _, tt := range tests {
		kind, id, start := embedOf(tt.url)
		if kind != tt.kind || id != tt.id || start != tt.start {
			t.Errorf("embedOf(%q) = %q, %q, %d; want %q, %q, %d", tt.url, kind, id, start, tt.kind, tt.id, tt.start)
		}
	}
}

// TestFieldsDocumented: `scaffold templates fields` lists every field of the
// report model (checked against reflection), each with a comment, and the
// README names each of them for template authors.
func TestFieldsDocumented(t *testing.T) {
	model, err := parseModel()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]modelType{}
	for _, mt := range model {
		byName[mt.Name] = mt
		for _, f := range mt.Fields {
			if f.Doc == "" {
				t.Errorf("%s.%s has no comment in report.go", mt.Name, f.Name)
			}
		}
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[reflect.Type]bool{}
	var walk func(rt reflect.Type)
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || rt.PkgPath() != reflect.TypeOf(Report{}).PkgPath() || seen[rt] {
			return
		}
		seen[rt] = true
		mt, ok := byName[rt.Name()]
		if !ok {
			t.Errorf("templates fields does not list type %s", rt.Name())
			return
		}
		var names []string
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			names = append(names, f.Name)
			if !regexp.MustCompile(`\.` + f.Name + `\b`).Match(readme) {
				t.Errorf("README.md does not name .%s (of %s)", f.Name, rt.Name())
			}
			walk(f.Type)
		}
		var listed []string
		for _, f := range mt.Fields {
			listed = append(listed, f.Name)
		}
		if !reflect.DeepEqual(names, listed) {
			t.Errorf("%s: fields %v, templates fields lists %v", rt.Name(), names, listed)
		}
	}
	walk(reflect.TypeOf(Report{}))

	out, err := fieldsText()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Talk (.Talks[]): one talk of the event with the organizer's notes on it.\n",
		"  .TitleFromNotes        bool            Title is the organizer's own words from the notes",
		"  .Start           time.Time      start, in Asia/Tokyo\n",
		"Image (.VenueImage, .VenueImages[], .GroupPhoto, .GroupPhotos[], .Talks[].Image, .Talks[].Images[], .Talks[].SlidesImages[], .Sections[].Images[]): an image of the post.\n",
		"TalkConnpass (.Talks[].Connpass): a talk as read from connpass",
		"Speaker (.Talks[].Speakers[], .Talks[].Connpass.Speakers[]): one speaker of a talk.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("templates fields lacks %q", want)
		}
	}
}

// TestNotesEqualToConnpassStayEscaped: a notes title or speaker that is the
// very text connpass has (a skeleton line uncommented unchanged) is still
// connpass's text and is escaped; a different one is the organizer's.
func TestNotesEqualToConnpassStayEscaped(t *testing.T) {
	talks := []Talk{{Label: "LT1", Kind: KindLT, Title: Text("<script>alert(1)</script>"), Speaker: Text("{{ site.time }}")}}
	r := &Report{}
	notes := &Notes{Talks: []TalkNotes{{Talk: "LT1", Title: "<script>alert(1)</script>", Speaker: "{{ site.time }}"}}}
	got, err := talksWithNotes(testConfig(), talks, notes, r)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].TitleFromNotes || got[0].SpeakerFromNotes {
		t.Errorf("connpass text copied into the notes was marked as the organizer's: %+v", got[0])
	}
	notes.Talks[0].Title = "Bits AI に**入門**してみた"
	if got, err = talksWithNotes(testConfig(), talks, notes, r); err != nil {
		t.Fatal(err)
	}
	if !got[0].TitleFromNotes || got[0].Title != Markdown("Bits AI に**入門**してみた") {
		t.Errorf("the organizer's title was not taken as written: %+v", got[0])
	}
}
