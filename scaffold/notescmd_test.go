package scaffold

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goldenNotes = "../testdata/golden/notes-368663.yaml"

// exampleImages are the images the example notes reference.
var exampleImages = []string{
	"0000_venue.png", "0010_takahashi_bizreach.png", "0020_tetuya_abema.png", "0030_imamura_goals.png",
	"0040_fohte_wantedly.png", "0050_sakka_ctc.png", "0060_oda_voicy.png", "0070_kano_funnygeek.png",
	"900_meetup.png",
}

// tempBlog makes a blog root in a temporary folder: the JDDUG config, the
// notes (none when notes is ""), and empty files for the given images in
// assets/images/jddug13/. The options read the saved page of 368663.
func tempBlog(t *testing.T, notes string, images []string) (Options, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	dir := t.TempDir()
	mustCopy(t, "../testdata/blog/.scaffold.yaml", filepath.Join(dir, ".scaffold.yaml"))
	if notes != "" {
		mustWrite(t, filepath.Join(dir, "notes", "368663.yaml"), notes)
	}
	for _, img := range images {
		mustWrite(t, filepath.Join(dir, "assets", "images", "jddug13", img), "")
	}
	page, err := filepath.Abs("../testdata/connpass/368663/event.html")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	return Options{Dir: dir, EventID: 368663, HTMLFiles: []string{page}, Stdout: &stdout, Stderr: &stderr}, &stdout, &stderr
}

func mustWrite(t testing.TB, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func mustCopy(t testing.TB, from, to string) {
	t.Helper()
	mustWrite(t, to, mustRead(t, from))
}

// TestNotesSkeletonGolden: the skeleton of 368663 from the saved page and
// the API (for the slides) is the golden file, and the same twice.
func TestNotesSkeletonGolden(t *testing.T) {
	api := newFakeAPI(t)
	opts, stdout, _ := apiOptions(t, api)
	opts.HTMLFiles = []string{"testdata/connpass/368663/event.html"}
	opts.ToStdout = true
	if err := WriteNotes(context.Background(), opts); err != nil {
		t.Fatalf("WriteNotes: %v", err)
	}
	got := append([]byte(nil), stdout.Bytes()...)
	checkGolden(t, goldenNotes, got)
	stdout.Reset()
	if err := WriteNotes(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, stdout.Bytes()) {
		t.Errorf("the skeleton differs the second time:\n%s", unifiedDiff("first", "second", got, stdout.Bytes()))
	}
	for _, want := range []string{"slides: https://speakerdeck.com/", "x: imamura_ko_0314", "  - talk: LT4  #"} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("the skeleton lacks %q", want)
		}
	}
}

// TestNotesSkeletonRoundTrip: the skeleton loads with the strict loader,
// has an entry per talk matched by label, and changes nothing in the post
// until the organizer writes in it: the post is the one without notes.
func TestNotesSkeletonRoundTrip(t *testing.T) {
	opts, stdout, stderr := tempBlog(t, "", nil)
	if err := WriteNotes(context.Background(), opts); err != nil {
		t.Fatalf("WriteNotes: %v", err)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout: %q", stdout)
	}
	if got := stderr.String(); got != "scaffold: wrote notes/368663.yaml (7 talks)\n" {
		t.Errorf("stderr: %q", got)
	}
	path := filepath.Join(opts.Dir, "notes", "368663.yaml")
	skeleton := mustRead(t, path)
	notes, err := parseNotes([]byte(skeleton), "notes/368663.yaml")
	if err != nil {
		t.Fatalf("the skeleton does not load: %v", err)
	}
	talks := goldenTalks()
	if len(notes.Talks) != len(talks) {
		t.Fatalf("%d entries, want %d", len(notes.Talks), len(talks))
	}
	for i, m := range matchTalks(talks, notes.Talks) {
		if m.err != nil || m.talk != i || m.how != matchedByLabel {
			t.Errorf("entry %d: %+v", i, m)
		}
		if notes.talkLine(i) == 0 {
			t.Errorf("entry %d: no line", i)
		}
	}

	opts.ToStdout = true
	stderr.Reset()
	withSkeleton := mustRender(t, opts, stdout)
	if stderr.Len() != 0 {
		t.Errorf("stderr: %s", stderr)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	without := mustRender(t, opts, stdout)
	if !bytes.Equal(withSkeleton, without) {
		t.Errorf("the skeleton changes the post:\n%s", unifiedDiff("no notes", "skeleton", without, withSkeleton))
	}
}

// TestWriteNotesNeverOverwrites: an existing notes file stays as it is.
func TestWriteNotesNeverOverwrites(t *testing.T) {
	mine := "intro: my words\n"
	opts, stdout, _ := tempBlog(t, mine, nil)
	err := WriteNotes(context.Background(), opts)
	if err == nil || err.Error() != "notes/368663.yaml already exists; not overwriting it" {
		t.Fatalf("err = %v", err)
	}
	if h := Hints(err); len(h) == 0 || !strings.Contains(h[0], "--merge") {
		t.Errorf("hints %q", h)
	}
	if got := mustRead(t, filepath.Join(opts.Dir, "notes", "368663.yaml")); got != mine {
		t.Errorf("the notes changed: %q", got)
	}
	// --stdout prints a fresh skeleton and writes nothing.
	opts.ToStdout = true
	if err := WriteNotes(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stdout.String(), "# Notes for connpass event 368663") {
		t.Errorf("stdout %q", stdout.String()[:min(80, stdout.Len())])
	}
	if got := mustRead(t, filepath.Join(opts.Dir, "notes", "368663.yaml")); got != mine {
		t.Errorf("the notes changed: %q", got)
	}
}

// TestMergeKeepsEdits: --merge on an edited notes file (two entries gone,
// words written, comments added, an entry named by an old title) adds
// exactly the two missing talks at the end of the talks list; every other
// byte stays where it was.
func TestMergeKeepsEdits(t *testing.T) {
	skeleton := string(notesSkeletonFor(t))
	var starts []int
	for i := 0; ; {
		j := strings.Index(skeleton[i:], "\n  - talk: ")
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	end := strings.Index(skeleton, "\nclosing:") + 1
	if len(starts) != 7 || end == 0 {
		t.Fatalf("unexpected skeleton:\n%s", skeleton)
	}
	head, tail := skeleton[:starts[0]], skeleton[end:]
	var kept []string
	for i, start := range starts {
		stop := end
		if i+1 < len(starts) {
			stop = starts[i+1]
		}
		if i == 2 || i == 4 { // 発表3 and LT2
			continue
		}
		kept = append(kept, skeleton[start:stop])
	}
	// 発表2 by an older title; LT4 (the last entry) with a summary that ends
	// in a blank line.
	kept[1] = strings.Replace(kept[1], "talk: 発表2  #", "talk: Datadogで始めるインシデント対応  #", 1)
	kept[4] = strings.Replace(kept[4], "    summary: |-         # what the talk said\n",
		"    summary: |-\n      LLM の話。\n\n      二段落目。\n\n", 1)
	edited := head + strings.Join(kept, "") + "\n# the closing is still to write\n" + tail
	edited = strings.Replace(edited, "intro: |-               # the opening paragraph(s)\n",
		"intro: |-  # mine\n  JDDUG meetup の第13回は、渋谷で開催です。\n\n  二段落目。\n", 1)
	if strings.Count(edited, "  - talk: ") != 5 || !strings.Contains(edited, "LLM の話") || !strings.Contains(edited, "で始める") {
		t.Fatalf("the test's edit went wrong:\n%s", edited)
	}

	opts, _, stderr := tempBlog(t, edited, nil)
	opts.Merge = true
	if err := WriteNotes(context.Background(), opts); err != nil {
		t.Fatalf("WriteNotes --merge: %v", err)
	}
	if got, want := stderr.String(), "scaffold: added 2 talks to notes/368663.yaml: 発表3, LT2\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	merged := mustRead(t, filepath.Join(opts.Dir, "notes", "368663.yaml"))
	// After the last entry's last line, before the blank line that ends it.
	at := strings.Index(edited, "    speakerdeck_id: \"\"  # the Speaker Deck data-id for the embed (optional)\n\n# the closing")
	at += strings.Index(edited[at:], "\n") + 1
	added := talkEntries([]Talk{goldenTalksWithSpeakers()[2], goldenTalksWithSpeakers()[4]}, 2, 4, "\n")
	if want := edited[:at] + added + edited[at:]; merged != want {
		t.Errorf("merged file:\n%s", unifiedDiff("want", "got", []byte(want), []byte(merged)))
	}

	// Again: nothing to add, nothing written.
	stderr.Reset()
	if err := WriteNotes(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if got, want := stderr.String(), "scaffold: notes/368663.yaml already has every talk; nothing to add\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	if again := mustRead(t, filepath.Join(opts.Dir, "notes", "368663.yaml")); again != merged {
		t.Errorf("the second merge changed the file")
	}
}

// goldenTalksWithSpeakers are the talks as the saved page of 368663 gives them.
func goldenTalksWithSpeakers() []Talk {
	opts, _, _ := exampleOptions(&testing.T{})
	cfg, _, err := loadConfig(opts)
	if err != nil {
		panic(err)
	}
	facts, err := gatherFacts(context.Background(), opts, cfg)
	if err != nil {
		panic(err)
	}
	return talksOfPost(cfg, facts, nil).Talks
}

// notesSkeletonFor is the skeleton of 368663 from the saved page.
func notesSkeletonFor(t *testing.T) []byte {
	t.Helper()
	opts, _, _ := exampleOptions(t)
	cfg, _, err := loadConfig(opts)
	if err != nil {
		t.Fatal(err)
	}
	facts, err := gatherFacts(context.Background(), opts, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return notesSkeleton(facts.Event, talksOfPost(cfg, facts, nil))
}

// TestMergeShapes: the talks list written in the other shapes YAML allows.
// Each result either keeps the file and adds the talk, or is refused.
func TestMergeShapes(t *testing.T) {
	talks := goldenTalks()[:2]
	entry := func(i, dash, keys int, nl string) string { return talkEntries(talks[i:i+1], dash, keys, nl) }
	tests := []struct {
		name, in, want, err string
	}{
		{"no talks key", "intro: hi\n", "intro: hi\n" + "talks:\n" + entry(0, 2, 4, "\n") + entry(1, 2, 4, "\n"), ""},
		{"no newline at the end", "intro: hi", "intro: hi\ntalks:\n" + entry(0, 2, 4, "\n") + entry(1, 2, 4, "\n"), ""},
		{"empty file", "", "talks:\n" + entry(0, 2, 4, "\n") + entry(1, 2, 4, "\n"), ""},
		{"talks with nothing", "talks: # later\nclosing: bye\n", "talks: # later\n" + entry(0, 2, 4, "\n") + entry(1, 2, 4, "\n") + "closing: bye\n", ""},
		{"indentless list", "talks:\n- talk: 発表1\n  summary: |-\n    a\n\n    b\n\n# next\nclosing: bye\n",
			"talks:\n- talk: 発表1\n  summary: |-\n    a\n\n    b\n" + entry(1, 0, 2, "\n") + "\n# next\nclosing: bye\n", ""},
		{"wide indent", "talks:\n    -   talk: 発表2\n        x: a\n",
			"talks:\n    -   talk: 発表2\n        x: a\n" + entry(0, 4, 8, "\n"), ""},
		{"CRLF", "talks:\r\n  - talk: 発表2\r\nclosing: x\r\n", "talks:\r\n  - talk: 発表2\r\n" + entry(0, 2, 4, "\r\n") + "closing: x\r\n", ""},
		{"keep chomping at the end", "talks:\n  - talk: 発表2\n    summary: |+\n      a\n\n", "",
			"n.yaml: cannot add talks to it: the result would not read back as the same notes"},
		{"flow list", "talks: [{talk: 発表2}]\n", "", "n.yaml: cannot add talks to it: its talks is a flow list ([...])"},
		{"a mapping", "talks: {talk: 発表2}\n", "", "n.yaml:1: wrong type: a mapping where a list was expected"},
		{"ambiguous entry", "talks:\n  - talk: Datadog\n", "", `n.yaml:2: talk "Datadog" matches more than one talk`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := mergeNotesOver([]byte(tt.in), "n.yaml", goldenTalks()[:2])
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %s...", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("got\n%s", unifiedDiff("want", "got", []byte(tt.want), out))
			}
		})
	}
}

// TestNotesSkeletonHostile: titles and speakers trying to become HTML,
// Liquid or Markdown stay comments in the skeleton, which loads, and the
// post rendered with it is the post without notes (connpass text escaped).
func TestNotesSkeletonHostile(t *testing.T) {
	opts, stdout, _ := tempBlog(t, "", nil)
	page, err := filepath.Abs(filepath.Join("..", hostileEvent))
	if err != nil {
		t.Fatal(err)
	}
	opts.EventID, opts.HTMLFiles = 999001, []string{page}
	if err := WriteNotes(context.Background(), opts); err != nil {
		t.Fatalf("WriteNotes: %v", err)
	}
	path := filepath.Join(opts.Dir, "notes", "999001.yaml")
	skeleton := mustRead(t, path)
	notes, err := parseNotes([]byte(skeleton), "notes/999001.yaml")
	if err != nil {
		t.Fatalf("the skeleton does not load: %v\n%s", err, skeleton)
	}
	for _, n := range notes.Talks {
		if n.Title != "" || n.Speaker != "" {
			t.Errorf("entry %q has a title or speaker value: %+v", n.Talk, n)
		}
	}
	opts.ToStdout = true
	withSkeleton := mustRender(t, opts, stdout)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if without := mustRender(t, opts, stdout); !bytes.Equal(withSkeleton, without) {
		t.Errorf("the skeleton changes the post:\n%s", unifiedDiff("no notes", "skeleton", without, withSkeleton))
	}
}
