package scaffold

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/meetup-tools/connpass-scaffold/fetch"
	"github.com/meetup-tools/connpass-scaffold/internal/input"
	"github.com/meetup-tools/connpass-scaffold/internal/tempfile"
	"github.com/meetup-tools/connpass-scaffold/templates"
	"gopkg.in/yaml.v3"
)

// WriteNotes writes notes/<id>.yaml pre-filled from the facts: every talk
// with its label, title, speaker, X handle and slides, and the organizer's
// fields empty, each with a comment saying what goes there. It never
// overwrites a notes file: with opts.Merge it appends the talks the file is
// missing to its talks list and leaves every other byte as it was.
func WriteNotes(ctx context.Context, opts Options) error {
	cfg, root, facts, err := loadFacts(ctx, opts)
	if err != nil {
		return err
	}
	path, name := notesPath(opts, cfg, root, facts.Event.ID)
	exists := func() error {
		return userErr(fmt.Sprintf("%s already exists; not overwriting it", name),
			"use --merge to add the talks it is missing (every existing line stays as it is)",
			"use --stdout to print a fresh skeleton")
	}
	if _, err := os.Lstat(path); err == nil && !opts.Merge && !opts.ToStdout {
		return exists() // before taking a lock, which would create the state folder
	}
	if !opts.ToStdout {
		// The read-merge-write below runs under the notes file's lock.
		unlock, err := stateOf(root).lock(ctx, path, name, opts.report())
		if err != nil {
			return err
		}
		defer unlock()
	}

	old, err := input.ReadFile(path, input.MaxNotes)
	found := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fileErr(name, err)
	}
	var out []byte
	var added []Talk
	switch {
	case found && opts.Merge:
		notes, doc, err := parseNotesTree(old, name)
		if err != nil {
			return err
		}
		talks := talksOfPost(cfg, facts, notes)
		if out, added, err = mergeNotes(old, notes, doc, talks); err != nil {
			return err
		}
		warn(opts, talks.warnings)
	case found && !opts.ToStdout:
		return exists()
	default:
		talks := talksOfPost(cfg, facts, nil)
		warn(opts, talks.warnings)
		out, added = notesSkeleton(facts.Event, talks), talks.Talks
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if opts.ToStdout {
		_, err := opts.Stdout.Write(out)
		return err
	}
	if found && len(added) == 0 {
		opts.report().Say(name + " already has every talk; nothing to add")
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fileErr(display(opts.Dir, filepath.Dir(path)), err)
	}
	if found {
		if err := replaceUnchanged(path, name, old, out); err != nil {
			return err
		}
	} else if err := createExclusive(path, out); errors.Is(err, fs.ErrExist) {
		return userErr(fmt.Sprintf("%s appeared while scaffold was writing it; not overwriting it", name),
			"use --merge to add the talks it is missing")
	} else if err != nil {
		return fileErr(name, err)
	}
	if found {
		labels := make([]string, len(added))
		for i, t := range added {
			labels[i] = t.Label
		}
		opts.report().Say(fmt.Sprintf("added %s to %s: %s", plural(len(added), "talk"), name, strings.Join(labels, ", ")))
		return nil
	}
	opts.report().Say(fmt.Sprintf("wrote %s (%s)", name, plural(len(added), "talk")))
	return nil
}

// replaceUnchanged replaces the file at path, read as old, with data,
// unless it changed since it was read (an editor saved it meanwhile): the
// notes file is the organizer's.
func replaceUnchanged(path, name string, old, data []byte) error {
	tmp, err := writeTempFile(path, data)
	if err != nil {
		return fileErr(name, err)
	}
	defer removeTemp(tmp)
	if now, err := input.ReadFile(path, input.MaxNotes); err != nil || !bytes.Equal(now, old) {
		return userErr(fmt.Sprintf("%s changed while scaffold was merging it; nothing was written", name),
			"save it, then run again")
	}
	if err := tempfile.Commit(func() error { return os.Rename(tmp, path) }); err != nil { // not after an interrupt
		return fileErr(name, err)
	}
	return nil
}

// notesPath is the notes file of event id: --notes (relative to the
// working folder), else <id>.yaml in the config's notes_dir; and its name as
// the user should read it.
func notesPath(opts Options, cfg Config, root string, id int) (path, name string) {
	if opts.NotesFile != "" {
		return resolve(opts.Dir, opts.NotesFile), opts.NotesFile
	}
	path = filepath.Join(resolve(root, cfg.NotesDir), fmt.Sprintf("%d.yaml", id))
	return path, display(opts.Dir, path)
}

// readNotes strictly loads the notes file at path (name is how messages
// call it), remembering the line of each talks entry.
func readNotes(path, name string) (*Notes, error) {
	data, err := input.ReadFile(path, input.MaxNotes)
	if err != nil {
		return nil, fileErr(name, err)
	}
	return parseNotes(data, name)
}

// parseNotes is readNotes on bytes.
func parseNotes(data []byte, name string) (*Notes, error) {
	n, _, err := parseNotesTree(data, name)
	return n, err
}

// parseNotesTree is parseNotes that also returns the document's node tree
// (nil for an empty file): the notes are parsed once, and the lines of the
// talks entries come from the same tree.
func parseNotesTree(data []byte, name string) (*Notes, *yaml.Node, error) {
	doc, err := parseYAML(data, name)
	if err != nil {
		return nil, nil, err
	}
	var n Notes
	if err := decodeNode(doc, data, name, &n); err != nil {
		return nil, nil, err
	}
	n.file = name
	if _, seq := talksNode(doc); seq != nil && seq.Kind == yaml.SequenceNode {
		for _, item := range seq.Content {
			n.talkLines = append(n.talkLines, item.Line)
		}
	}
	return &n, doc, nil
}

// talksNode finds the talks key of the notes document doc (from parseYAML)
// and its value; nil, nil when the document has no talks key (or is empty,
// or not a mapping).
func talksNode(doc *yaml.Node) (key, value *yaml.Node) {
	if doc == nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "talks" {
			value = root.Content[i+1]
			if value.Kind == yaml.AliasNode && value.Alias != nil {
				value = value.Alias
			}
			return root.Content[i], value
		}
	}
	return nil, nil
}

// The skeleton's comments: what goes in each of the organizer's fields.
// They stand in a column, after the key.
const notesCommentColumn = 24

// notesSkeleton is the notes file of a new event: deterministic bytes. Its
// talks are the talks of the post without notes; the rows left out as not
// sure to be talks are listed in a comment after them.
func notesSkeleton(ev *fetch.Event, pt *postTalks) []byte {
	talks := pt.Talks
	var b strings.Builder
	title := fetch.CleanText(ev.Title)
	fmt.Fprintf(&b, "# Notes for connpass event %d: %s\n", ev.ID, title)
	if u := fetch.CleanText(ev.URL); u != "" {
		fmt.Fprintf(&b, "# %s\n", u)
	}
	fmt.Fprintf(&b, `#
# Your own words for the report post, written by 'scaffold notes' from the facts.
# Every key is optional: an empty one shows as a TODO marker in the post, and
# 'scaffold check --event %d' lists what is left. A talk's title and speaker
# are connpass's, shown as comments: remove the '# ' to write your own. Its x
# and slides came from connpass too; what you write there wins. A talk the
# timetable lacks: an entry with add: true, a title and a speaker (lt: true for
# a lightning talk); drop: true leaves a talk out of the post.
# Images are file names in the post's image folder (image_path in .scaffold.yaml),
# or URLs. Text under a '|-' goes on the lines below it, indented.
`, ev.ID)
	field(&b, 0, "intro", "|-", "the opening paragraph(s)")
	field(&b, 0, "venue_image", "", "the photo under the intro")
	field(&b, 2, "file", `""`, "its file name, e.g. 0000_venue.png")
	field(&b, 2, "alt", `""`, "its alt text")
	if len(talks) == 0 {
		field(&b, 0, "talks", "[]", "none found in the timetable: add entries with add: true (see above)")
	} else {
		b.WriteString("talks:\n")
		b.WriteString(talkEntries(talks, 2, 4, "\n"))
	}
	if u := pt.uncertain(); len(u) > 0 {
		b.WriteString("# Left out of the post, not sure they are talks: an entry with talk: ?N and\n")
		b.WriteString("# add: true publishes one; drop: true leaves it out without a warning.\n")
		for _, t := range u {
			fmt.Fprintf(&b, "#   %s\n", strings.Join(strings.Fields(fmt.Sprintf("%s %s %q (%s)", t.Label, fetch.CleanText(t.Time.Raw()), fetch.CleanText(templates.Raw(t.Title)), t.doubt)), " "))
		}
	}
	field(&b, 0, "closing", "|-", "the paragraph under 終わりに")
	field(&b, 0, "thanks", "|-", "thanks to the sponsor, after the numbers (optional)")
	field(&b, 0, "group_photo", "", "the last image of the post (optional)")
	field(&b, 2, "file", `""`, "its file name, e.g. 900_meetup.png")
	field(&b, 2, "alt", `""`, "its alt text")
	return []byte(b.String())
}

// talkEntries is the talks list entries of talks, each a mapping whose dash
// stands at column dash (0-based) and whose keys at column keys.
func talkEntries(talks []Talk, dash, keys int, nl string) string {
	var b strings.Builder
	for _, t := range talks {
		b.WriteString(strings.Repeat(" ", dash) + "-" + strings.Repeat(" ", keys-dash-1))
		fmt.Fprintf(&b, "talk: %s  # which talk: its label, or its title on connpass\n", yamlScalar(t.Label))
		fact := func(key, value, what string) {
			value = fetch.CleanText(value)
			if value == "" {
				field(&b, keys, key, `""`, what)
				return
			}
			fmt.Fprintf(&b, "%s%s: %s\n", strings.Repeat(" ", keys), key, yamlScalar(value))
		}
		// The title and the speaker stay connpass's (escaped in the post,
		// and following later edits on connpass) until the organizer
		// uncomments them: a value here would make them the organizer's
		// own words, printed as written.
		fmt.Fprintf(&b, "%s# title: %s\n", strings.Repeat(" ", keys), yamlScalar(fetch.CleanText(templates.Raw(t.Title))))
		fmt.Fprintf(&b, "%s# speaker: %s\n", strings.Repeat(" ", keys), yamlScalar(fetch.CleanText(templates.Raw(t.Speaker))))
		fact("x", t.Handle.Raw(), "the speaker's X handle, without @")
		if len(t.Speakers) > 1 {
			others := make([]string, 0, len(t.Speakers)-1)
			for _, s := range t.Speakers[1:] {
				others = append(others, speakerText(s))
			}
			fmt.Fprintf(&b, "%s# with: %s\n", strings.Repeat(" ", keys), strings.Join(others, ", "))
		}
		fact("slides", t.Slides.Raw(), "the slides' URL")
		if a := fetch.CleanText(templates.Raw(t.Affiliation)); a != "" {
			fmt.Fprintf(&b, "%s# affiliation: %s\n", strings.Repeat(" ", keys), yamlScalar(a))
		} else {
			field(&b, keys, "affiliation", `""`, "the speaker's company or group")
		}
		field(&b, keys, "summary", "|-", "what the talk said")
		field(&b, keys, "comment", "|-", "your comment on it (optional)")
		field(&b, keys, "highlights", "[]", "the interesting points, one '- ' line each")
		field(&b, keys, "audience", "[]", "who should watch it, one '- ' line each")
		field(&b, keys, "image", `""`, "the speaker's photo, e.g. 0010_speaker.png")
		field(&b, keys, "speakerdeck_id", `""`, "the Speaker Deck data-id for the embed (optional)")
	}
	return strings.ReplaceAll(b.String(), "\n", nl)
}

// speakerText is a speaker on one line of a comment: "名前 @a @b (会社)".
func speakerText(s Speaker) string {
	parts := []string{fetch.CleanText(templates.Raw(s.Name))}
	for _, h := range s.Handles {
		parts = append(parts, "@"+fetch.CleanText(h.Raw()))
	}
	if a := fetch.CleanText(templates.Raw(s.Affiliation)); a != "" {
		parts = append(parts, "("+a+")")
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// field writes `key: value   # what`, the comment in notesCommentColumn.
func field(b *strings.Builder, indent int, key, value, what string) {
	line := strings.Repeat(" ", indent) + key + ":"
	if value != "" {
		line += " " + value
	}
	if pad := notesCommentColumn - len(line); pad > 1 {
		line += strings.Repeat(" ", pad)
	} else {
		line += " "
	}
	b.WriteString(line + "# " + what + "\n")
}

// yamlScalar writes s as one YAML scalar on one line, quoted when needed.
func yamlScalar(s string) string {
	if s == "" {
		return `""`
	}
	node := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	out, err := yaml.Marshal(node)
	text := strings.TrimSuffix(string(out), "\n")
	if err != nil || strings.Contains(text, "\n") || strings.HasPrefix(text, "|") || strings.HasPrefix(text, ">") {
		node.Style = yaml.DoubleQuotedStyle
		out, _ = yaml.Marshal(node)
		text = strings.TrimSuffix(string(out), "\n")
	}
	return text
}

// mergeNotes adds the talks missing from the notes file data (notes and doc,
// as parseNotesTree read it; talks, the talks of the post with them) by inserting text at the
// end of its talks list; every byte of data stays where it was. A talk is
// missing when no entry names it, the notes did not add it and the reader
// is sure it is a talk. It returns data unchanged when no talk is missing,
// and an error when the notes' talks have a problem.
func mergeNotes(data []byte, notes *Notes, doc *yaml.Node, talks *postTalks) ([]byte, []Talk, error) {
	name := notes.file
	if len(talks.problems) > 0 {
		e := *talks.problems[0].err
		e.Hints = append(slices.Clone(e.Hints), "fix the notes first: --merge cannot tell which talks they are missing")
		return nil, nil, &e
	}
	var missing []Talk
	for _, t := range talks.all {
		if t.entry < 0 && !t.added && t.doubt == "" {
			missing = append(missing, t.Talk)
		}
	}
	if len(missing) == 0 {
		return data, nil, nil
	}

	nl := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		nl = "\r\n"
	}
	lines := strings.SplitAfter(string(data), "\n")
	offset := func(line int) int { // byte offset of the end of line (0-based), newline included
		n := 0
		for i := 0; i <= line && i < len(lines); i++ {
			n += len(lines[i])
		}
		return n
	}
	cannot := func(why string) error {
		return userErr(fmt.Sprintf("%s: cannot add talks to it: %s", name, why),
			"write talks as a block list (talks: then '  - talk: ...' lines), or add the talks by hand from 'scaffold notes --stdout'")
	}

	key, seq := talksNode(doc)
	var at int
	var text string
	switch {
	case key == nil:
		// No talks key: a new one at the end of the file.
		at = len(data)
		if at > 0 && data[at-1] != '\n' {
			text = nl
		}
		text += "talks:" + nl + talkEntries(missing, 2, 4, nl)
	case seq.Kind == yaml.ScalarNode && seq.Tag == "!!null" && seq.Value == "":
		// "talks:" with nothing after it.
		indent := key.Column - 1
		at = offset(key.Line - 1)
		if at == len(data) && at > 0 && data[at-1] != '\n' {
			text = nl
		}
		text += talkEntries(missing, indent+2, indent+4, nl)
	case seq.Kind != yaml.SequenceNode:
		return nil, nil, cannot("its talks is not a list")
	case seq.Style&yaml.FlowStyle != 0:
		return nil, nil, cannot("its talks is a flow list ([...])")
	default:
		items := seq.Content
		dash := seq.Column - 1
		keys := dash + 2
		if first := items[0]; first.Kind == yaml.MappingNode && first.Line == seq.Line && first.Column-1 > dash {
			keys = first.Column - 1
		}
		// The last entry runs on while lines are blank or indented more
		// than its dash.
		end := items[len(items)-1].Line - 1
		for i := end + 1; i < len(lines); i++ {
			l := strings.TrimRight(lines[i], "\r\n")
			if strings.TrimSpace(l) == "" {
				continue
			}
			if len(l)-len(strings.TrimLeft(l, " ")) <= dash {
				break
			}
			end = i
		}
		at = offset(end)
		if at == len(data) && at > 0 && data[at-1] != '\n' {
			text = nl
		}
		text += talkEntries(missing, dash, keys, nl)
	}
	out := make([]byte, 0, len(data)+len(text))
	out = append(out, data[:at]...)
	out = append(out, text...)
	out = append(out, data[at:]...)

	// Check the result says what the file said, plus the new entries.
	var before, after Notes
	if err := decodeNode(doc, data, name, &before); err != nil {
		return nil, nil, err
	}
	if err := decodeYAML(out, name, &after); err != nil || len(after.Talks) != len(before.Talks)+len(missing) {
		return nil, nil, cannot("the result would not read back as the same notes")
	}
	for i, t := range missing {
		if after.Talks[len(before.Talks)+i].Talk != t.Label {
			return nil, nil, cannot("the result would not read back as the same notes")
		}
	}
	after.Talks = after.Talks[:len(before.Talks)]
	if len(before.Talks) == 0 {
		before.Talks, after.Talks = nil, nil
	}
	if !reflect.DeepEqual(before, after) {
		return nil, nil, cannot("the result would not read back as the same notes")
	}
	return out, missing, nil
}

// plural is "1 talk", "3 talks".
func plural(n int, what string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", what)
	}
	return fmt.Sprintf("%d %ss", n, what)
}
