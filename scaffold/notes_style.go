package scaffold

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
	"gopkg.in/yaml.v3"
)

// This file holds the notes' values for a group's own style: images that may
// be one or many, links, free sections and the event's video. Each decodes
// as strictly as the rest of the notes: an unknown key is an error naming
// its line.

// NoteImages is one image or a list of them. In the notes an image is a file
// name (or a URL) alone, or a mapping with file, alt, caption and link; a
// list may mix both forms.
type NoteImages []NoteImage

// UnmarshalYAML accepts a single image (a string or a mapping) or a list.
func (imgs *NoteImages) UnmarshalYAML(node *yaml.Node) error {
	node = unalias(node)
	if node.Kind != yaml.SequenceNode {
		var img NoteImage
		if err := img.UnmarshalYAML(node); err != nil {
			return err
		}
		*imgs = NoteImages{img}
		return nil
	}
	out := make(NoteImages, 0, len(node.Content))
	for _, item := range node.Content {
		var img NoteImage
		if err := img.UnmarshalYAML(item); err != nil {
			return err
		}
		out = append(out, img)
	}
	*imgs = out
	return nil
}

// UnmarshalYAML accepts a file name or URL alone, or the mapping.
func (img *NoteImage) UnmarshalYAML(node *yaml.Node) error {
	node = unalias(node)
	if node.Kind == yaml.ScalarNode {
		if node.Tag == "!!null" {
			*img = NoteImage{}
			return nil
		}
		if node.Tag != "!!str" {
			return typeErr(node, "a file name or a mapping with file, alt, caption and link")
		}
		*img = NoteImage{File: node.Value}
		return nil
	}
	type plain NoteImage // without this method
	var p plain
	if err := strictDecode(node, &p, "scaffold.NoteImage"); err != nil {
		return err
	}
	*img = NoteImage(p)
	return nil
}

// NoteLink is a link the notes give a talk: its text and its URL, both the
// organizer's and printed as written.
type NoteLink struct {
	Text string `yaml:"text"` // the link's text, e.g. GitHub
	URL  string `yaml:"url"`  // where it goes
}

// UnmarshalYAML decodes a link strictly.
func (l *NoteLink) UnmarshalYAML(node *yaml.Node) error {
	type plain NoteLink
	var p plain
	if err := strictDecode(unalias(node), &p, "scaffold.NoteLink"); err != nil {
		return err
	}
	*l = NoteLink(p)
	return nil
}

// SectionNotes is a free section of the post: named, so that the templates
// can place it, with its heading, its text and its images.
type SectionNotes struct {
	Name    string     `yaml:"name"`    // how the templates find it, e.g. sticker
	Heading string     `yaml:"heading"` // e.g. JDDUGシール作りました
	Body    string     `yaml:"body"`    // the text, Markdown, printed as written
	Images  NoteImages `yaml:"images"`  // its images
	After   string     `yaml:"after"`   // text after the images, Markdown, printed as written
	Extra   Extra      `yaml:"extra"`   // anything else, for the templates
}

// UnmarshalYAML decodes a section strictly.
func (s *SectionNotes) UnmarshalYAML(node *yaml.Node) error {
	type plain SectionNotes
	var p plain
	if err := strictDecode(unalias(node), &p, "scaffold.SectionNotes"); err != nil {
		return err
	}
	*s = SectionNotes(p)
	return nil
}

// strictDecode decodes a mapping node into v, refusing keys v does not
// have: node.Decode does not inherit the file decoder's KnownFields, so the
// keys are checked here, with the error the file decoder would give.
func strictDecode(node *yaml.Node, v any, typeName string) error {
	if node.Kind != yaml.MappingNode {
		return typeErr(node, "a mapping")
	}
	known := yamlKeys(v)
	for i := 0; i+1 < len(node.Content); i += 2 {
		k := node.Content[i]
		if !known[k.Value] {
			return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: field %s not found in type %s", k.Line, k.Value, typeName)}}
		}
	}
	return node.Decode(v)
}

// typeErr is the file decoder's error for a value of the wrong kind.
func typeErr(node *yaml.Node, want string) error {
	kind := map[yaml.Kind]string{yaml.SequenceNode: "seq", yaml.MappingNode: "map"}[node.Kind]
	value := ""
	if kind == "" {
		kind = trimTag(node.Tag)
		value = " `" + node.Value + "`"
	}
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: cannot unmarshal !!%s%s into %s", node.Line, kind, value, want)}}
}

func trimTag(tag string) string {
	if len(tag) > 2 && tag[:2] == "!!" {
		return tag[2:]
	}
	return tag
}

func unalias(node *yaml.Node) *yaml.Node {
	for node.Kind == yaml.AliasNode && node.Alias != nil {
		node = node.Alias
	}
	return node
}

// yamlKeys are the yaml keys of the struct v points to.
func yamlKeys(v any) map[string]bool {
	t := reflect.TypeOf(v).Elem()
	keys := make(map[string]bool, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			keys[name] = true
		}
	}
	return keys
}

// VideoStart is where a talk starts in the event's video: 8:24, 1:02:03,
// 8m24s or a number of seconds.
type VideoStart struct {
	Text    string // as written
	Seconds int
}

var videoStartRe = lazyregexp.New(`^(?:(?:(\d+):)?(\d+):(\d{1,2})|(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?)$`)

// UnmarshalYAML reads a start time; anything else is an error with its line.
func (v *VideoStart) UnmarshalYAML(node *yaml.Node) error {
	node = unalias(node)
	if node.Kind != yaml.ScalarNode || node.Tag == "!!null" {
		if node.Kind == yaml.ScalarNode {
			*v = VideoStart{}
			return nil
		}
		return typeErr(node, "a time such as 8:24")
	}
	text := strings.TrimSpace(node.Value)
	m := videoStartRe().FindStringSubmatch(text)
	if text == "" || m == nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: video_start %q is not a time such as 8:24, 1:02:03 or 504", node.Line, text)}}
	}
	n := 0
	for i, mul := range []int{3600, 60, 1, 3600, 60, 1} {
		if d, err := strconv.Atoi(m[i+1]); err == nil {
			n += d * mul
		}
	}
	*v = VideoStart{Text: text, Seconds: n}
	return nil
}

// Extra is the notes' free-form data for the templates: any YAML, kept as
// the organizer wrote it. Scalars stay the text written (1.50 stays "1.50",
// a date stays "2025-11-13", not a time), except true and false, which stay
// booleans so that {{ if index .Extra "x" }} reads them, and null, which is
// nil; mappings are map[string]any and lists []any.
type Extra map[string]any

// UnmarshalYAML keeps the scalars as written.
func (e *Extra) UnmarshalYAML(node *yaml.Node) error {
	node = unalias(node)
	if node.Kind == yaml.ScalarNode && node.Tag == "!!null" {
		*e = nil
		return nil
	}
	if node.Kind != yaml.MappingNode {
		return typeErr(node, "a mapping")
	}
	m, _ := extraValue(node, 0).(map[string]any)
	*e = m
	return nil
}

// extraValue is a YAML node as Extra keeps it.
func extraValue(node *yaml.Node, depth int) any {
	node = unalias(node)
	if depth > 100 { // the YAML decoder has already refused deeper documents
		return nil
	}
	switch node.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(node.Content)/2)
		for i := 0; i+1 < len(node.Content); i += 2 {
			m[unalias(node.Content[i]).Value] = extraValue(node.Content[i+1], depth+1)
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, 0, len(node.Content))
		for _, item := range node.Content {
			l = append(l, extraValue(item, depth+1))
		}
		return l
	}
	switch node.Tag {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if node.Decode(&b) == nil {
			return b
		}
	}
	return node.Value
}

// NoteDate is a post's date in the notes: YYYY-MM-DD.
type NoteDate string

// UnmarshalYAML refuses anything but a YYYY-MM-DD date, naming its line.
func (d *NoteDate) UnmarshalYAML(node *yaml.Node) error {
	node = unalias(node)
	if node.Kind != yaml.ScalarNode {
		return typeErr(node, "a date such as 2025-11-13")
	}
	if node.Tag == "!!null" {
		*d = ""
		return nil
	}
	v := strings.TrimSpace(node.Value)
	if _, err := time.Parse("2006-01-02", v); err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: date %q is not a date as YYYY-MM-DD", node.Line, v)}}
	}
	*d = NoteDate(v)
	return nil
}

// Sections are the notes' free sections: each needs a name, and one name
// names one section.
type Sections []SectionNotes

// UnmarshalYAML decodes the sections, refusing a missing or repeated name
// with its line.
func (ss *Sections) UnmarshalYAML(node *yaml.Node) error {
	node = unalias(node)
	if node.Kind == yaml.ScalarNode && node.Tag == "!!null" {
		*ss = nil
		return nil
	}
	if node.Kind != yaml.SequenceNode {
		return typeErr(node, "a list")
	}
	out := make(Sections, 0, len(node.Content))
	first := map[string]int{}
	for _, item := range node.Content {
		var s SectionNotes
		if err := s.UnmarshalYAML(item); err != nil {
			return err
		}
		name := strings.TrimSpace(s.Name)
		if name == "" {
			return &yaml.TypeError{Errors: []string{fmt.Sprintf(`line %d: a section without a name: give it name:, which the templates place it by ({{ with .Section "name" }})`, unalias(item).Line)}}
		}
		if line, ok := first[name]; ok {
			return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: a second section named %q (the first is at line %d)", unalias(item).Line, name, line)}}
		}
		first[name] = unalias(item).Line
		out = append(out, s)
	}
	*ss = out
	return nil
}
