package templates

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"text/template"
)

// hostileModel is a small model with connpass text in every kind of field.
type hostileModel struct {
	Title   Text
	Speaker Str
	Own     Str
	Handle  Handle
	Bad     Handle
	URL     URL
	JS      URL
	Notes   string
	Empty   Text
	List    []Text
}

const evil = "<script>alert(1)</script>{{ site.secret }} {% include x %} {: onclick=\"x\"} *b* _i_"

func newHostile() hostileModel {
	return hostileModel{
		Title: Text(evil), Speaker: Text("---"), Own: Markdown("Go の **context**"),
		Handle: "a_b", Bad: Handle("x<y>"), URL: URL("https://example.com/a_b?q={{x}}"),
		JS: URL("javascript:alert(1)"), Notes: "**mine**", List: []Text{Text("<b>1</b>")},
	}
}

func render(t *testing.T, src string, data any) string {
	t.Helper()
	set, err := Load(fstest.MapFS{Main: {Data: []byte(src)}})
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	var b strings.Builder
	if err := set.Render(&b, data); err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return b.String()
}

var escapedEvil = markdownText(evil)

func jsonOf(s string) []byte {
	b, _ := json.Marshal(s)
	return b
}

// TestTextPrintsSafe: with no function at all, connpass text prints as md
// prints it, URLs as url does, handles as they are, the organizer's text
// as written.
func TestTextPrintsSafe(t *testing.T) {
	m := newHostile()
	tests := []struct{ src, want string }{
		{`{{ .Title }}`, escapedEvil},
		{`{{ .Speaker }}`, `\---`},
		{`{{ .Own }}`, "Go の **context**"},
		{`{{ .Notes }}`, "**mine**"},
		{`{{ .Handle }}|{{ .Bad }}`, "a_b|x&lt;y&gt;"},
		{`[x]({{ .URL }})|[y]({{ .JS }})`, "[x](https://example.com/a_b?q=%7B%7Bx%7D%7D)|[y]()"},
		{`{{ range .List }}{{ . }}{{ end }}`, "&lt;b&gt;1&lt;/b&gt;"},
		{`{{ with .Title }}{{ . }}{{ end }}`, escapedEvil},
		{`{{ $t := .Title }}{{ $t }}`, escapedEvil},
		{`{{ index .List 0 }}`, "&lt;b&gt;1&lt;/b&gt;"},
		{`{{ toJson .Title }}`, string(jsonOf(escapedEvil))},
	}
	for _, tt := range tests {
		got := render(t, tt.src, m)
		if got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestFunctionsTakeText: the builtins and sprig's string functions work on
// the model's types, see the raw text, and give back connpass text (escaped
// when printed); raw and .Raw give the text itself; md never escapes twice.
func TestFunctionsTakeText(t *testing.T) {
	m := newHostile()
	tests := []struct{ src, want string }{
		{`{{ if .Title }}y{{ end }}{{ if .Empty }}n{{ end }}{{ with .Empty }}n{{ end }}`, "y"},
		{`{{ eq .Title "` + strings.ReplaceAll(evil, `"`, `\"`) + `" }} {{ eq .Speaker "---" }} {{ ne .Handle "a_b" }}`, "true true false"},
		{`{{ len .Speaker }} {{ len .List }}`, "3 1"},
		{`{{ .Title.Raw }}`, evil},
		{`{{ raw .Title }}|{{ raw .Own }}|{{ raw .Notes }}`, evil + "|Go の **context**|**mine**"},
		{`{{ md .Title }}`, escapedEvil},
		{`{{ md (md .Title) }}`, escapedEvil},
		{`{{ .Title | md | md | upper }}`, strings.ToUpper(escapedEvil)},
		{`{{ md .Own }}`, "Go の **context**"},
		{`{{ md .Notes }}`, `\*\*mine\*\*`},
		{`{{ upper .Speaker }}`, `\---`},
		{`{{ upper .Own }}`, "GO の **CONTEXT**"},
		{`{{ trunc 8 .Title }}`, "&lt;script&gt;"},
		{`{{ replace "alert" "x" .Title | trunc 16 }}`, "&lt;script&gt;x(1)&lt;/sc"},
		{`{{ range splitList "}}" .Title }}[{{ . }}]{{ end }}`, "[&lt;script&gt;alert(1)&lt;/script&gt;&#123;&#123; site.secret ]" + "[" + markdownText(" {% include x %} {: onclick=\"x\"} *b* _i_") + "]"},
		{`{{ (split "{" .Title)._0 }}`, "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{`{{ .Title | splitList "@" | last | upper | lower }}`, escapedEvil},
		{`{{ (urlParse "https://x.example/<b>?q={{x}}").path }}|{{ (urlParse .URL).query }}`, "/<b>|" + markdownText("q={{x}}")},
		{`{{ contains "script" .Title }} {{ hasPrefix "<" .Title }}`, "true true"},
		{`{{ printf "%s!" .Speaker }}`, `\---!`},
		{`{{ printf "**%s**" .Own }}`, "**Go の **context****"},
		{`{{ print .Handle .Title | md }}`, markdownText("a_b" + evil)},
		{`{{ .Title | default "x" }}`, escapedEvil},
		{`{{ .Empty | default "x" }}`, "x"},
		{`{{ cat .Title .Notes }}`, escapedEvil + " **mine**"},
		{`{{ url .URL }}|{{ url .JS }}|{{ if url .JS }}live{{ end }}`, "https://example.com/a_b?q=%7B%7Bx%7D%7D||"},
		{`{{ attr .Title }}`, htmlAttr(evil)},
		{`{{ yamlString .Title }}`, yamlString(evil)},
		{`{{ xlink .Handle }}`, "[@a_b](https://x.com/a_b)"},
		{`{{ todo .Title }}`, "TODO: write " + escapedEvil + " in the notes"},
		{`{{ html .Speaker }}`, `\---`},
	}
	for _, tt := range tests {
		if got := render(t, tt.src, m); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
	// A wrong type is an error, as text/template's own would be.
	set, err := Load(fstest.MapFS{Main: {Data: []byte(`{{ upper .List }}`)}})
	if err != nil {
		t.Fatal(err)
	}
	if err := set.Render(&strings.Builder{}, m); err == nil || !strings.Contains(err.Error(), "expected string; got []templates.Text") {
		t.Errorf("upper of a list: %v", err)
	}
}

// TestYAMLStringHidesMarkup: yamlString's output holds no HTML tag or
// Liquid delimiter, yet YAML reads the same value (\x escapes).
func TestYAMLStringHidesMarkup(t *testing.T) {
	if got, want := yamlString("<b>{{x}}</b>"), `"\x3cb\x3e\x7b\x7bx\x7d\x7d\x3c/b\x3e"`; got != want {
		t.Errorf("yamlString = %s, want %s", got, want)
	}
}

// TestPattern: a config pattern prints connpass text raw (it is no
// Markdown), and says whether connpass text went into it.
func TestPattern(t *testing.T) {
	m := newHostile()
	tests := []struct {
		pattern, want string
		text          bool
	}{
		{`{{ .Notes }} レポート`, "**mine** レポート", false},
		{`{{ .Own }}`, "Go の **context**", false},
		{`{{ .Title }} レポート`, evil + " レポート", true},
		{`{{ .Handle }}-{{ printf "%s" .Speaker }}`, "a_b----", true},
		{`{{ if .Title }}{{ .Title | splitList "@" | last }}{{ end }}`, evil, true},
		{`{{ range .List }}{{ . }}{{ end }}`, "<b>1</b>", true},
		{`{{ md .Title }}`, escapedEvil, false},
	}
	for _, tt := range tests {
		got, err := Pattern("p", tt.pattern, m)
		if err != nil {
			t.Fatalf("%s: %v", tt.pattern, err)
		}
		if _, isText := got.(Text); got.Raw() != tt.want || isText != tt.text {
			t.Errorf("Pattern(%s) = %#v, want %q (Text: %v)", tt.pattern, got, tt.want, tt.text)
		}
	}
}

// TestRemovedFuncs: no function reading the clock, randomness or the
// system is left, whether called in a post's template or a config pattern.
func TestRemovedFuncs(t *testing.T) {
	for _, name := range RemovedFuncs {
		src := "{{ " + name + " }}"
		want := `function "` + name + `" not defined`
		if _, err := Load(fstest.MapFS{Main: {Data: []byte(src)}}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", src, err, want)
		}
		if _, err := Pattern("slug", src, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("pattern %s: %v, want %q", src, err, want)
		}
	}
	for _, name := range []string{"upper", "trunc", "splitList", "mustDateModify", "unixEpoch", "duration", "sha256sum", "derivePassword"} {
		if _, ok := funcs()[name]; !ok {
			t.Errorf("%s was removed, but it reads nothing outside its arguments", name)
		}
	}
}

// TestREADMEListsRemovedFuncs: the README's Security section names exactly
// the removed functions.
func TestREADMEListsRemovedFuncs(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, _ := strings.Cut(string(readme), "\n## Security\n")
	sec, _, _ = strings.Cut(sec, "\n## ")
	_, list, _ := strings.Cut(sec, "Removed from sprig:")
	list, _, _ = strings.Cut(list, "Calling one is an")
	var named []string
	for _, m := range regexp.MustCompile("`([A-Za-z_0-9]+)`").FindAllStringSubmatch(list, -1) {
		named = append(named, m[1])
	}
	want := slices.Clone(RemovedFuncs)
	slices.Sort(want)
	slices.Sort(named)
	if !slices.Equal(named, want) {
		t.Errorf("README's Security section names %v, the removed functions are %v", named, want)
	}
}

// allFuncs is every function of funcs made to take the model's string
// types (acceptText), as funcsFor gives a template the ones it calls.
func allFuncs() template.FuncMap {
	f := make(template.FuncMap, len(funcs()))
	for name, fn := range funcs() {
		f[name] = acceptText(name, fn)
	}
	return f
}

// TestNoFunctionTakesString: text/template refuses a Text for a string
// parameter, so no function left takes one: each takes the model's types.
func TestNoFunctionTakesString(t *testing.T) {
	for name, fn := range allFuncs() {
		ft := reflect.TypeOf(fn)
		for i := 0; i < ft.NumIn(); i++ {
			if p := ft.In(i); p == stringType || ft.IsVariadic() && i == ft.NumIn()-1 && p == stringsType {
				t.Errorf("%s takes a string (parameter %d): a Text cannot be passed to it", name, i+1)
			}
		}
	}
}

// TestParseTreesAsParse: parseTrees knows the same functions as a
// text/template given all of them (builtinFuncs is text/template's list),
// and fails alike on the others.
func TestParseTreesAsParse(t *testing.T) {
	all := template.New("t").Funcs(allFuncs())
	names := []string{"nosuch", "date", "now", "env", "Upper", "_plain"}
	for name := range builtinFuncs {
		names = append(names, name)
		if _, err := template.New("t").Parse("{{ " + name + " }}"); err != nil {
			t.Errorf("%s is no text/template builtin: %v", name, err)
		}
	}
	for name := range funcs() {
		names = append(names, name)
	}
	for _, name := range names {
		src := "{{ " + name + " }}"
		_, want := all.New("t").Parse(src)
		_, err := parseTrees("t", src)
		if fmt.Sprint(err) != fmt.Sprint(want) {
			t.Errorf("%s: parseTrees: %v; text/template: %v", src, err, want)
		}
	}
}

// TestBuiltinFuncsComplete: builtinFuncs names every function text/template
// defines itself, read from its unexported builtins() in the Go source the
// tests run with: a Go release that adds one fails here, not in a template
// that calls it ("function not defined" from parseTrees alone).
func TestBuiltinFuncsComplete(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	out, err := exec.Command(gobin, "list", "-f", "{{.Dir}}", "text/template").Output()
	if err != nil {
		t.Fatalf("go list text/template: %v", err)
	}
	src := filepath.Join(strings.TrimSpace(string(out)), "funcs.go")
	file, err := parser.ParseFile(token.NewFileSet(), src, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "builtins" {
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if kv, ok := n.(*ast.KeyValueExpr); ok {
					if lit, ok := kv.Key.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						name, err := strconv.Unquote(lit.Value)
						if err != nil {
							t.Fatal(err)
						}
						names = append(names, name)
					}
				}
				return true
			})
		}
	}
	if len(names) == 0 {
		t.Fatalf("%s: no func builtins() with a FuncMap literal: text/template changed, read it", src)
	}
	slices.Sort(names)
	if got := slices.Sorted(maps.Keys(builtinFuncs)); !slices.Equal(got, names) {
		t.Errorf("builtinFuncs is %v; text/template's builtins() (%s) has %v", got, src, names)
	}
}

// TestFuncsForFindsEveryCall: a template is given each function it calls,
// wherever the call stands, made to take Text; and no other.
func TestFuncsForFindsEveryCall(t *testing.T) {
	src := `{{ define "d" }}{{ upper . }}{{ end }}{{ define "empty" }}{{ end }}` +
		`{{ lower .A | trim }}{{ (urlParse .B).path }}{{ printf "%s" (quote .C) }}{{ $x := title .D }}` +
		`{{ if and (contains "a" .E) .F }}{{ nospace . }}{{ else if hasPrefix "b" .G }}{{ kebabcase . }}{{ else }}{{ snakecase . }}{{ end }}` +
		`{{ range splitList "," .H }}{{ . }}{{ else }}{{ todo "h" }}{{ end }}` +
		`{{ with trimAll "x" .I }}{{ . }}{{ else with initials .J }}{{ . }}{{ end }}` +
		`{{ template "d" (repeat 2 .K) }}{{ len .L }}{{ not (eq .M .N) }}`
	trees, err := parseTrees("t", src)
	if err != nil {
		t.Fatal(err)
	}
	got := slices.Sorted(maps.Keys(funcsFor(trees)))
	want := []string{"contains", "hasPrefix", "initials", "kebabcase", "lower", "nospace", "printf", "quote", "repeat",
		"snakecase", "splitList", "title", "todo", "trim", "trimAll", "upper", "urlParse"}
	if !slices.Equal(got, want) {
		t.Errorf("funcsFor gives %v, want %v", got, want)
	}
	if _, ok := funcsFor(trees)["upper"].(func(any) any); !ok {
		t.Errorf("upper is given as %T, not made to take Text", funcsFor(trees)["upper"])
	}
	// A part's function is found even when a later file's empty define of
	// the same name leaves the part in place.
	set, err := Load(fstest.MapFS{
		"a.tmpl": {Data: []byte(`{{ define "part" }}{{ upper . }}{{ end }}`)},
		"b.tmpl": {Data: []byte(`{{ define "part" }}{{ end }}`)},
		Main:     {Data: []byte(`{{ template "part" .Title }}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := set.Render(&b, newHostile()); err != nil || b.String() != markdownText(strings.ToUpper(evil)) {
		t.Errorf("Render = %q, %v", b.String(), err)
	}
}

// TestFastTextAsReflection: each function fastText makes take Text has the
// type and gives the results that making it so by reflection gives.
func TestFastTextAsReflection(t *testing.T) {
	fast := 0
	for name, fn := range funcs() {
		f, ok := fastText(name, fn)
		if !ok {
			continue
		}
		fast++
		r := reflectText(name, fn)
		if reflect.TypeOf(f) != reflect.TypeOf(r) {
			t.Errorf("%s: fastText gives a %T, reflection a %T", name, f, r)
			continue
		}
		// Each string parameter in turn gets connpass text, the others a
		// string; then none does.
		ft := reflect.TypeOf(f)
		for text := range ft.NumIn() + 1 {
			var args []any
			for i := range ft.NumIn() {
				switch {
				case ft.In(i).Kind() == reflect.Int:
					args = append(args, 2)
				case i == text:
					args = append(args, Text("a-b<c>"))
				default:
					args = append(args, "a-b<c>")
				}
			}
			in := make([]reflect.Value, len(args))
			for i := range args {
				in[i] = reflect.ValueOf(&args[i]).Elem()
				if ft.In(i).Kind() == reflect.Int {
					in[i] = in[i].Elem()
				}
			}
			got, want := reflect.ValueOf(f).Call(in), reflect.ValueOf(r).Call(in)
			for i := range got {
				if g, w := got[i].Interface(), want[i].Interface(); !reflect.DeepEqual(g, w) {
					t.Errorf("%s%#v: fastText gives %#v, reflection %#v", name, args, g, w)
				}
			}
		}
	}
	if fast < 50 {
		t.Errorf("fastText takes %d functions, want 50 (sprig's commonest, ours and splitList)", fast)
	}
}

// FuzzPrintedIsInert: whatever connpass sends, a Text prints on one line
// with no HTML tag, comment or autolink opening, no Liquid, kramdown or Hugo
// delimiter, and no Markdown block starting; a URL prints as "" or as an
// http(s) URL with nothing that could end a link or an attribute; a Handle
// prints as a handle or as a Text does.
func FuzzPrintedIsInert(f *testing.F) {
	for _, s := range []string{evil, "---", "1. x", "<!-- x -->", "{{{", "a{{b", "{%", "<https://x>", "javascript:alert(1)",
		"https://example.com/a b\"c'd<e>{f}`g|h\\i(j)", "  # h #", "~~s~~", "[x](y)", "&amp;", "\u2028", "\r\n---\r\n"} {
		f.Add(s)
	}
	tagOpen := regexp.MustCompile(`<[A-Za-z/!?]`)
	orderedList := regexp.MustCompile(`^ *[0-9]+[.)]`)
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s).String()
		if strings.ContainsAny(out, "\n\r") {
			t.Errorf("Text(%q) prints on more than one line: %q", s, out)
		}
		if m := tagOpen.FindString(out); m != "" {
			t.Errorf("Text(%q) prints %q, which opens a tag: %q", s, m, out)
		}
		for _, d := range []string{"{{", "{%", "{:", "{#"} {
			if strings.Contains(out, d) {
				t.Errorf("Text(%q) prints the delimiter %q: %q", s, d, out)
			}
		}
		if trimmed := strings.TrimLeft(out, " "); trimmed != "" && strings.IndexByte("-+=:#*>", trimmed[0]) >= 0 {
			t.Errorf("Text(%q) starts a Markdown block: %q", s, out)
		}
		if orderedList.MatchString(out) {
			t.Errorf("Text(%q) starts a numbered list: %q", s, out)
		}
		if md(Text(s)) != Markdown(out) || md(md(Text(s))) != Markdown(out) {
			t.Errorf("md(Text(%q)) is not its printing, once", s)
		}
		if u := URL(s).String(); u != "" {
			low := strings.ToLower(u)
			if !strings.HasPrefix(low, "http://") && !strings.HasPrefix(low, "https://") || strings.ContainsAny(u, " \t\n\r<>\"'{}`|\\()") {
				t.Errorf("URL(%q) prints %q", s, u)
			}
		}
		if h := Handle(s).String(); h != s && h != out {
			t.Errorf("Handle(%q) prints %q, neither the handle nor the Text", s, h)
		}
	})
}
