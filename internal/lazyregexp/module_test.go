package lazyregexp

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestModulePatterns reads the module's own Go files (tests left out):
// no package-level variable and no init function calls regexp's Compile
// functions, so that starting scaffold compiles no pattern of ours (issue
// 14: the project's package init under 0.5 ms); the patterns are New's.
// And as a New pattern is first compiled when an input reaches it, each
// one is compiled here: a bad pattern fails this test, not a user's run.
func TestModulePatterns(t *testing.T) {
	fset := token.NewFileSet()
	patterns := 0
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "../.." && (name == "testdata" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		regexpName, lazyName := importName(f, "regexp"), importName(f, "github.com/meetup-tools/connpass-scaffold/internal/lazyregexp")
		for _, decl := range f.Decls {
			atInit := false
			switch decl := decl.(type) {
			case *ast.GenDecl:
				atInit = decl.Tok == token.VAR
			case *ast.FuncDecl:
				atInit = decl.Recv == nil && decl.Name.Name == "init"
			}
			ast.Inspect(decl, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				pkg, ok := sel.X.(*ast.Ident)
				if !ok {
					return true
				}
				switch {
				case atInit && pkg.Name == regexpName && strings.Contains(sel.Sel.Name, "Compile"):
					t.Errorf("%s: regexp.%s at package init: use lazyregexp.New", fset.Position(call.Pos()), sel.Sel.Name)
				case pkg.Name == lazyName && sel.Sel.Name == "New" && len(call.Args) == 1:
					lit, ok := call.Args[0].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Errorf("%s: lazyregexp.New of a pattern that is not a literal: this test cannot compile it", fset.Position(call.Pos()))
						return true
					}
					expr, err := strconv.Unquote(lit.Value)
					if err == nil {
						_, err = regexp.Compile(expr)
					}
					if err != nil {
						t.Errorf("%s: %v", fset.Position(call.Pos()), err)
					}
					patterns++
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if patterns < 10 {
		t.Errorf("only %d lazyregexp.New patterns found in the module: is the walk reading it?", patterns)
	}
}

// importName is the name f refers to the package at path by; "" when f
// does not import it.
func importName(f *ast.File, path string) string {
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == path {
			if imp.Name != nil {
				return imp.Name.Name
			}
			return path[strings.LastIndex(path, "/")+1:]
		}
	}
	return ""
}
