package templates

// This file reads a template set's parse trees to find which fields of the
// model it prints, so that `scaffold check` can say which of them are empty
// whatever the templates' wording.

import (
	"reflect"
	"slices"
	"text/template/parse"
)

// FieldUse is a field of the model the templates refer to.
type FieldUse struct {
	Type  string // the name of the struct type holding it, e.g. "Talk"
	Field string // the field's name, e.g. "Summary"
	// Asked is whether the templates want it filled: they print it outside
	// any if, with or range testing it, or they test it with an else branch
	// (with .Intro ... else todo "intro"). A field printed only under its
	// own with, if or range (no else) is optional.
	Asked bool
}

// Fields lists the fields of the model the main template refers to, through
// the parts it calls, in the order first met, with the data of type root
// as the dot. Struct fields are followed through pointers, slices (range)
// and methods; anything else (a map, a variable other than $) is not
// followed.
func (s *Set) Fields(root reflect.Type) []FieldUse {
	return s.walk(root).uses
}

// MethodArgs lists the string constants the templates pass to the method
// of that name on the struct type of that name ({{ with .Section "mc" }}
// gives "mc" for Report.Section), in the order met.
func (s *Set) MethodArgs(root reflect.Type, typ, method string) []string {
	var out []string
	for _, c := range s.walk(root).calls {
		if c[0] == typ && c[1] == method {
			out = append(out, c[2])
		}
	}
	return out
}

func (s *Set) walk(root reflect.Type) *fieldWalker {
	w := &fieldWalker{set: s, index: map[[2]string]int{}, done: map[walked]bool{}}
	w.template(Main, root)
	return w
}

type fieldWalker struct {
	set   *Set
	uses  []FieldUse
	index map[[2]string]int // (type, field) -> index in uses
	done  map[walked]bool   // the templates walked, with the dot's type
	calls [][3]string       // (type, method, first string argument) of each method call
}

// walked is a template walked with the dot of a type (nil: unknown).
type walked struct {
	name string
	dot  reflect.Type
}

// scope is where a node stands: the dot's type, $'s type, and the fields
// an enclosing if/with/range without else tests (printing them there is
// optional). An inner scope adds to copies of guarded and vars (append to
// a slices.Clip copies); both are short, and searched in order.
type scope struct {
	dot, root reflect.Type
	guarded   [][2]string
	vars      []variable // the variables enclosing ranges and withs declared
}

// variable is a variable a range or with declared ($s), and its type.
type variable struct {
	name string
	typ  reflect.Type
}

// varType is the type of the variable name ($ is the template's data).
func (sc scope) varType(name string) reflect.Type {
	if name == "$" {
		return sc.root
	}
	for i := len(sc.vars) - 1; i >= 0; i-- { // the innermost first
		if sc.vars[i].name == name {
			return sc.vars[i].typ
		}
	}
	return nil
}

func (w *fieldWalker) template(name string, dot reflect.Type) {
	key := walked{name, dot}
	if w.done[key] {
		return
	}
	w.done[key] = true
	t := w.set.tmpl.Lookup(name)
	if t == nil || t.Tree == nil {
		return
	}
	w.list(t.Tree.Root, scope{dot: dot, root: dot})
}

func (w *fieldWalker) list(l *parse.ListNode, sc scope) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		w.node(n, sc)
	}
}

func (w *fieldWalker) node(n parse.Node, sc scope) {
	switch n := n.(type) {
	case *parse.ActionNode:
		for _, f := range w.pipe(nil, n.Pipe, sc) {
			w.use(f, !slices.Contains(sc.guarded, f))
		}
	case *parse.IfNode:
		w.branch(&n.BranchNode, sc, false, false)
	case *parse.WithNode:
		w.branch(&n.BranchNode, sc, true, false)
	case *parse.RangeNode:
		w.branch(&n.BranchNode, sc, true, true)
	case *parse.TemplateNode:
		var dot reflect.Type // {{ template "x" }} gives x no data
		if n.Pipe != nil {
			for _, f := range w.pipe(nil, n.Pipe, sc) {
				w.use(f, false)
			}
			dot = w.pipeType(n.Pipe, sc)
		}
		w.template(n.Name, dot)
	case *parse.ListNode:
		w.list(n, sc)
	}
}

// branch walks an if, with or range: the fields of its condition are asked
// when it has an else, and guarded inside its list when it has none.
func (w *fieldWalker) branch(b *parse.BranchNode, sc scope, newDot, elem bool) {
	fields := w.pipe(nil, b.Pipe, sc)
	for _, f := range fields {
		w.use(f, b.ElseList != nil && !slices.Contains(sc.guarded, f))
	}
	inner := sc
	if b.ElseList == nil && len(fields) > 0 {
		inner.guarded = append(slices.Clip(sc.guarded), fields...)
	}
	if newDot {
		t := w.pipeType(b.Pipe, sc)
		if elem && t != nil {
			t = deref(t)
			if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
				t = t.Elem()
			} else {
				t = nil
			}
		}
		inner.dot = t
		if decl := b.Pipe.Decl; len(decl) > 0 {
			// {{ range $i, $s := .X }}: $s is the element; {{ with $x := .Y }}: $x is .Y.
			inner.vars = append(slices.Clip(sc.vars), variable{decl[len(decl)-1].Ident[0], t})
		}
	}
	w.list(b.List, inner)
	w.list(b.ElseList, sc)
}

// pipe appends to out the fields a pipeline refers to (each command's
// field chains and arguments), in order.
func (w *fieldWalker) pipe(out [][2]string, p *parse.PipeNode, sc scope) [][2]string {
	if p == nil {
		return out
	}
	for _, cmd := range p.Cmds {
		for _, arg := range cmd.Args {
			out = w.arg(out, arg, sc)
		}
		w.call(cmd, sc)
	}
	return out
}

// call records a method call with a string constant first argument:
// {{ .Section "mc" }}.
func (w *fieldWalker) call(cmd *parse.CommandNode, sc scope) {
	if len(cmd.Args) < 2 {
		return
	}
	str, ok := cmd.Args[1].(*parse.StringNode)
	if !ok {
		return
	}
	var t reflect.Type
	var idents []string
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		t, idents = sc.dot, n.Ident
	case *parse.VariableNode:
		if len(n.Ident) < 2 {
			return
		}
		t, idents = sc.varType(n.Ident[0]), n.Ident[1:]
	default:
		return
	}
	owner := chain(t, idents[:len(idents)-1], nil)
	if owner == nil {
		return
	}
	base := deref(owner)
	if _, ok := reflect.PointerTo(base).MethodByName(idents[len(idents)-1]); ok {
		w.calls = append(w.calls, [3]string{base.Name(), idents[len(idents)-1], str.Text})
	}
}

// arg appends to out the fields a command's argument refers to.
func (w *fieldWalker) arg(out [][2]string, n parse.Node, sc scope) [][2]string {
	switch n := n.(type) {
	case *parse.FieldNode:
		chain(sc.dot, n.Ident, &out)
	case *parse.VariableNode:
		if len(n.Ident) > 1 {
			chain(sc.varType(n.Ident[0]), n.Ident[1:], &out)
		}
	case *parse.ChainNode:
		if p, ok := n.Node.(*parse.PipeNode); ok {
			return w.pipe(out, p, sc)
		}
	case *parse.PipeNode:
		return w.pipe(out, n, sc)
	}
	return out
}

// pipeType is the type a pipeline of one field chain, . or $ gives; nil
// when it is anything else (a function's result).
func (w *fieldWalker) pipeType(p *parse.PipeNode, sc scope) reflect.Type {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) == 0 {
		return nil
	}
	switch n := p.Cmds[0].Args[0].(type) {
	case *parse.DotNode:
		return sc.dot
	case *parse.FieldNode:
		return chain(sc.dot, n.Ident, nil)
	case *parse.VariableNode:
		return chain(sc.varType(n.Ident[0]), n.Ident[1:], nil)
	}
	return nil
}

// chain follows the field names from type t and returns the type at the
// end (nil when a name is not a field or method); it appends the (type,
// field) pairs met to *fields, unless fields is nil.
func chain(t reflect.Type, idents []string, fields *[][2]string) reflect.Type {
	for _, id := range idents {
		if t == nil {
			return nil
		}
		base := deref(t)
		if base.Kind() == reflect.Struct {
			if f, ok := base.FieldByName(id); ok {
				if fields != nil {
					*fields = append(*fields, [2]string{base.Name(), id})
				}
				t = f.Type
				continue
			}
		}
		if m, ok := reflect.PointerTo(base).MethodByName(id); ok && m.Type.NumOut() > 0 {
			t = m.Type.Out(0)
			continue
		}
		return nil
	}
	return t
}

func (w *fieldWalker) use(f [2]string, asked bool) {
	if i, ok := w.index[f]; ok {
		w.uses[i].Asked = w.uses[i].Asked || asked
		return
	}
	w.index[f] = len(w.uses)
	w.uses = append(w.uses, FieldUse{Type: f[0], Field: f[1], Asked: asked})
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}
