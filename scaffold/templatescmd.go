package scaffold

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/meetup-tools/connpass-scaffold/templates"
)

// ExportTemplates writes the default templates to dir (created when
// missing), for the user to edit and pass with --templates. It never
// overwrites: when any of the files exists, it writes none and names it.
// Each file is created exclusively and whole (see createExclusive), under a
// lock on dir (in the blog's state folder; outside a blog, in the temporary
// folder); when one cannot be, the ones this run created are removed.
func ExportTemplates(ctx context.Context, opts Options, dir string) error {
	dir = resolve(opts.Dir, dir)
	defaults := templates.Defaults()
	names, err := fs.Glob(defaults, "*.tmpl")
	if err != nil {
		return err
	}
	root := opts.Dir
	if _, r, err := loadConfig(opts); err == nil {
		root = r
	}
	st := stateOf(root)
	if opts.ConfigFile == "" && findConfig(opts.Dir) == "" {
		if _, err := os.Stat(st.dir); err != nil {
			// No blog here (no config, no state folder): the lock goes to the
			// temporary folder rather than a new .scaffold/ in whatever folder
			// the export was run from.
			st = stateOf(filepath.Join(os.TempDir(), "connpass-scaffold"))
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fileErr(display(opts.Dir, dir), err)
	}
	unlock, err := st.lock(ctx, dir, display(opts.Dir, dir), opts.report())
	if err != nil {
		return err
	}
	defer unlock()
	for _, name := range names {
		path := filepath.Join(dir, name)
		cleanTemps(path) // left by a killed export; we hold the lock
		if _, err := os.Lstat(path); err == nil {
			return userErr(fmt.Sprintf("%s already exists; not overwriting it", display(opts.Dir, path)),
				"export into a new folder, or move your templates aside first")
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fileErr(display(opts.Dir, path), err)
		}
	}
	var created []string
	undo := func() {
		for _, path := range created {
			os.Remove(path)
		}
	}
	for _, name := range names {
		data, err := fs.ReadFile(defaults, name)
		if err != nil {
			undo()
			return err
		}
		path := filepath.Join(dir, name)
		if err := createExclusive(path, data); err != nil {
			undo()
			if errors.Is(err, fs.ErrExist) {
				return userErr(fmt.Sprintf("%s appeared while exporting; wrote none of the templates", display(opts.Dir, path)),
					"export into a new folder, or move your templates aside first")
			}
			return fileErr(display(opts.Dir, path), err)
		}
		created = append(created, path)
	}
	for i, path := range created {
		var hints []string
		if i == len(created)-1 {
			hints = append(hints, fmt.Sprintf("edit them, delete the ones you keep as they are, and render with --templates %s (or templates_dir in .scaffold.yaml)", display(opts.Dir, dir)))
		}
		opts.report().Say("wrote "+display(opts.Dir, path), hints...)
	}
	return nil
}

// reportSource is report.go itself: `scaffold templates fields` prints the
// report model from its declarations and comments, so the listing cannot
// drift from the code (TestFieldsDocumented checks every field has a comment).
//
//go:embed report.go
var reportSource string

// PrintFields prints every field of the report model with its type and
// meaning, type by type, starting from Report (the templates' dot).
func PrintFields(opts Options) error {
	model, err := parseModel()
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(opts.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "The report model: the data the templates see (scaffold/report.go).")
	fmt.Fprintln(w, "connpass text is Text (URL, Handle): printed, it is escaped Markdown (a URL only when http(s));")
	fmt.Fprintln(w, ".Raw is the text itself. The notes and the config are the organizer's own and print as")
	fmt.Fprintln(w, "written; Str is either: Text from connpass, Markdown from the organizer.")
	for _, t := range model {
		fmt.Fprintln(w)
		where := ""
		if len(t.Paths) > 0 {
			where = " (" + strings.Join(t.Paths, ", ") + ")"
		}
		fmt.Fprintf(w, "%s%s: %s\n", t.Name, where, t.Doc)
		for _, f := range t.Fields {
			fmt.Fprintf(w, "  .%s\t%s\t%s\n", f.Name, f.Type, f.Doc)
		}
	}
	return w.Flush()
}

// modelType is one struct of the report model as report.go declares it.
type modelType struct {
	Name   string
	Doc    string   // the first sentence of the type's doc comment
	Paths  []string // where templates meet it: ".Event", ".Talks[]", ...
	Fields []modelField
}

type modelField struct {
	Name, Type, Doc string
	elem            string // the model type it holds ("Talk" for []Talk), or ""
}

// parseModel reads the struct types of report.go, in the order they are met
// going breadth-first from Report.
func parseModel() ([]modelType, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "report.go", reportSource, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	types := map[string]*modelType{}
	for _, decl := range file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			doc := ts.Doc
			if doc == nil {
				doc = gd.Doc
			}
			mt := &modelType{Name: ts.Name.Name, Doc: strings.TrimPrefix(firstSentence(doc.Text()), ts.Name.Name+" is ")}
			for _, f := range st.Fields.List {
				var typ strings.Builder
				printer.Fprint(&typ, fset, f.Type)
				text := f.Comment.Text()
				if text == "" {
					text = f.Doc.Text()
				}
				text = strings.Join(strings.Fields(text), " ")
				elem := strings.TrimLeft(typ.String(), "[]*")
				for _, name := range f.Names {
					mt.Fields = append(mt.Fields, modelField{Name: name.Name, Type: typ.String(), Doc: text, elem: elem})
				}
			}
			types[mt.Name] = mt
		}
	}
	root, ok := types["Report"]
	if !ok {
		return nil, errors.New("report.go declares no Report")
	}
	var out []modelType
	seen := map[string]bool{"Report": true}
	queue := []*modelType{root}
	paths := map[string][]string{}
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		prefixes := paths[t.Name]
		if t.Name == "Report" {
			paths["Report"], prefixes = []string{"."}, []string{""}
		}
		out = append(out, *t)
		for _, f := range t.Fields {
			next, ok := types[f.elem]
			if !ok {
				continue
			}
			for _, p := range prefixes {
				p += "." + f.Name
				if strings.HasPrefix(f.Type, "[]") {
					p += "[]"
				}
				paths[next.Name] = append(paths[next.Name], p)
			}
			if !seen[next.Name] {
				seen[next.Name] = true
				queue = append(queue, next)
			}
		}
	}
	// A type's paths are all known once the walk is done (Image is met
	// in .Talks[] after it was first listed).
	for i := range out {
		out[i].Paths = paths[out[i].Name]
	}
	return out, nil
}

// firstSentence is the doc comment up to its first period, on one line.
func firstSentence(doc string) string {
	doc = strings.Join(strings.Fields(doc), " ")
	if i := strings.Index(doc, ". "); i >= 0 {
		return doc[:i+1]
	}
	return doc
}

// fieldsText is PrintFields' output, for tests.
func fieldsText() (string, error) {
	var b strings.Builder
	err := PrintFields(Options{Stdout: &b, Stderr: io.Discard})
	return b.String(), err
}
