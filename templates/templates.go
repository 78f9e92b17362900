// Package templates renders the report post: the embedded default templates,
// a user directory overriding them by file name, the template functions
// (sprig's, less RemovedFuncs, plus ours), and the string types (Text, URL,
// Handle, Markdown) that make escaping the default.
//
// It knows nothing of connpass or notes: it executes templates over whatever
// model it is given. It must stay deterministic: no function here reads the
// clock, the environment or randomness (RemovedFuncs leaves those out).
package templates

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
)

// Main is the template that renders the whole post; the others are its parts.
const Main = "post.md.tmpl"

//go:embed all:default
var embedded embed.FS

// Defaults returns the default templates as a file system of *.tmpl files.
func Defaults() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

// Set is a parsed set of templates, ready to render posts.
type Set struct {
	tmpl *template.Template
}

// Load parses the default templates, with any *.tmpl file of user replacing
// the default of the same name (and adding new parts). user may be nil.
func Load(user fs.FS) (*Set, error) {
	files := map[string]fs.FS{}
	if err := addFiles(files, Defaults()); err != nil {
		return nil, err
	}
	if user != nil {
		if err := addFiles(files, user); err != nil {
			return nil, fmt.Errorf("templates directory: %w", err)
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	parsed := make([]map[string]*parse.Tree, len(names))
	for i, name := range names {
		data, err := fs.ReadFile(files[name], name)
		if err != nil {
			return nil, err
		}
		if parsed[i], err = parseTrees(name, string(data)); err != nil {
			return nil, templateErr(err)
		}
	}
	root := template.New(Main).Option("missingkey=error").Funcs(funcsFor(parsed...))
	for i, name := range names {
		if err := addTrees(root.New(name), parsed[i]); err != nil {
			return nil, templateErr(err)
		}
	}
	return &Set{tmpl: root}, nil
}

// parseTrees parses text as (*template.Template).Parse does, with every
// function of funcs defined, and returns the trees it defines, by name (text's
// own under name). Adding them to a template (addTrees) is the rest of Parse.
func parseTrees(name, text string) (map[string]*parse.Tree, error) {
	return parse.Parse(name, text, "", "", funcs(), builtinFuncs)
}

// builtinFuncs names text/template's own functions, which parseTrees must
// know too (text/template does not export its list; TestBuiltinFuncsComplete
// compares this one with its source).
var builtinFuncs = map[string]any{
	"and": true, "call": true, "html": true, "index": true, "slice": true, "js": true, "len": true,
	"not": true, "or": true, "print": true, "printf": true, "println": true, "urlquery": true,
	"eq": true, "ge": true, "gt": true, "le": true, "lt": true, "ne": true,
}

// addTrees adds the trees of one parse (parseTrees) to t's set, as Parse
// does with the trees it parsed.
func addTrees(t *template.Template, trees map[string]*parse.Tree) error {
	for name, tree := range trees {
		if _, err := t.AddParseTree(name, tree); err != nil {
			return err
		}
	}
	return nil
}

func addFiles(into map[string]fs.FS, fsys fs.FS) error {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".tmpl" {
			continue
		}
		into[e.Name()] = fsys
	}
	return nil
}

// Render executes the main template over data and writes the post to w,
// byte for byte as the templates write it: the end of the file (one newline,
// none, or blank lines) is theirs to decide. Line endings are the caller's
// (LineEndings).
func (s *Set) Render(w io.Writer, data any) error {
	var buf cappedBuffer
	if err := s.tmpl.ExecuteTemplate(&buf, Main, data); err != nil {
		if errors.Is(err, errOutputTooLarge) {
			return &Error{Msg: fmt.Sprintf("the templates wrote more than %d MiB, and a post is tens of KB: does a template loop without end?", MaxOutput>>20)}
		}
		return templateErr(err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// MaxOutput is the most a render may write. A post is tens of KB; a
// template that runs away is stopped here, before it fills the memory (and
// before copying a growing buffer of gigabytes keeps the process from
// reacting to Ctrl-C).
const MaxOutput = 16 << 20

var errOutputTooLarge = errors.New("template output too large")

// cappedBuffer is a bytes.Buffer refusing to grow past MaxOutput.
type cappedBuffer struct{ bytes.Buffer }

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if c.Len()+len(p) > MaxOutput {
		return 0, errOutputTooLarge
	}
	return c.Buffer.Write(p)
}

// WriteString is Write for strings, which text/template uses when it can.
func (c *cappedBuffer) WriteString(p string) (int, error) {
	if c.Len()+len(p) > MaxOutput {
		return 0, errOutputTooLarge
	}
	return c.Buffer.WriteString(p)
}

// Names lists the templates of the set (defaults and overrides), sorted.
func (s *Set) Names() []string {
	var names []string
	for _, t := range s.tmpl.Templates() {
		if t.Tree != nil {
			names = append(names, t.Name())
		}
	}
	sort.Strings(names)
	return names
}

// String renders one small pattern (a slug or a folder from the config)
// over data, as plain text: Pattern's text, raw.
func String(name, pattern string, data any) (string, error) {
	s, err := Pattern(name, pattern, data)
	return Raw(s), err
}

// plainHook is the function Pattern puts last in every action that prints.
const plainHook = "_plain"

// Pattern renders one small pattern (a title from the config) over data as
// plain text, not Markdown: what an action prints, a Text included, is its
// raw text. The result is a Text when
// connpass text went into it, so it prints escaped in the post and raw
// through yamlString; else Markdown, the config's own words. name says where
// the pattern came from, for errors.
func Pattern(name, pattern string, data any) (Str, error) {
	trees, err := parseTrees(name, pattern)
	if err != nil {
		return nil, templateErr(err)
	}
	tainted := false // connpass text went into the pattern
	t := template.New(name).Option("missingkey=error").Funcs(funcsFor(trees)).Funcs(template.FuncMap{
		plainHook: func(v any) any {
			if _, ok := v.(Str); !ok {
				return v
			}
			tainted = tainted || untrusted(v)
			return Raw(v)
		},
	})
	if err := addTrees(t, trees); err != nil {
		return nil, templateErr(err)
	}
	printPlain(t.Tree, t.Root)
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, templateErr(err)
	}
	if tainted {
		return Text(buf.String()), nil
	}
	return Markdown(buf.String()), nil
}

// printPlain makes every action under n that prints end in plainHook.
func printPlain(tree *parse.Tree, n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				printPlain(tree, c)
			}
		}
	case *parse.ActionNode:
		if len(n.Pipe.Decl) == 0 {
			hook := parse.NewIdentifier(plainHook).SetTree(tree).SetPos(n.Pos)
			n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{hook}})
		}
	case *parse.IfNode:
		printPlain(tree, n.List)
		printPlain(tree, n.ElseList)
	case *parse.RangeNode:
		printPlain(tree, n.List)
		printPlain(tree, n.ElseList)
	case *parse.WithNode:
		printPlain(tree, n.List)
		printPlain(tree, n.ElseList)
	}
}

// LineEndings gives b the line endings a post is written with: "lf" (the
// default) turns every CRLF into LF; "crlf" ends every line with CRLF. A
// template file saved on Windows thus gives the same post as on Linux.
// The result may be b itself (when there is nothing to change).
func LineEndings(b []byte, endings string) []byte {
	if bytes.Contains(b, []byte("\r\n")) {
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	}
	if endings == "crlf" {
		b = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
	}
	return b
}

// Error is a template error; its message names the template file and line:
// "template talk.tmpl:3: ...". (text/template adds the column of an
// execution error; the line is what an author looks for, so it is dropped.)
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// posRe matches the position text/template puts first: "talk.tmpl:3:5: "
// or "talk.tmpl:3: ", then for an execution error `executing "talk.tmpl" `.
var posRe = lazyregexp.New(`^(.+?):(\d+)(?::\d+)?: (?:executing "[^"]*" )?`)

func templateErr(err error) error {
	var ee template.ExecError
	msg := err.Error()
	if errors.As(err, &ee) {
		msg = ee.Err.Error()
	}
	msg = strings.TrimPrefix(msg, "template: ")
	if m := posRe().FindStringSubmatch(msg); m != nil {
		msg = m[1] + ":" + m[2] + ": " + msg[len(m[0]):]
	}
	return &Error{Msg: "template " + msg}
}
