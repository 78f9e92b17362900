package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/meetup-tools/connpass-scaffold/internal/input"
)

// decodeYAMLFile strictly decodes the YAML file at path into v: unknown keys
// are errors, and every error names the file and line (and column where it
// is known). display is the path as the user should see it; max is the most
// the file may hold (input.MaxConfig, ...).
func decodeYAMLFile(path, display string, max int64, v any) error {
	data, err := input.ReadFile(path, max)
	if err != nil {
		return fileErr(display, err)
	}
	return decodeYAML(data, display, v)
}

// decodeYAML is decodeYAMLFile on bytes.
func decodeYAML(data []byte, display string, v any) error {
	doc, err := parseYAML(data, display)
	if err != nil {
		return err
	}
	return decodeNode(doc, data, display, v)
}

// parseYAML parses data, which must hold one YAML document, into its node
// tree: the one parse of a notes or config file. The tree is nil for an
// empty file (or one holding only comments). Empty documents around the
// one (a stray --- line) are no matter; a second document with anything
// in it is an error, never silently ignored.
func parseYAML(data []byte, display string) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc *yaml.Node
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		if errors.Is(err, io.EOF) {
			return doc, nil
		}
		if err != nil {
			return nil, yamlErr(data, display, err)
		}
		switch {
		case emptyDocument(&next):
		case doc == nil || emptyDocument(doc):
			doc = &next
		default:
			return nil, &Error{
				Msg:   fmt.Sprintf("%s:%d: a second YAML document starts here; the file must hold one", display, next.Line),
				Hints: []string{"remove the --- line and what follows it, or merge the two parts into one"},
			}
		}
		if doc == nil {
			doc = &next
		}
	}
}

// emptyDocument is whether doc holds nothing: no value, or a null written
// as nothing at all.
func emptyDocument(doc *yaml.Node) bool {
	if len(doc.Content) == 0 {
		return true
	}
	v := doc.Content[0]
	return len(doc.Content) == 1 && v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "" && v.Anchor == ""
}

// decodeNode strictly decodes the document doc (from parseYAML; nil is
// empty) into v: a key that v has no field for is an error, as is a value
// of the wrong type. Of several problems, the first in the file is reported.
func decodeNode(doc *yaml.Node, data []byte, display string, v any) error {
	if doc == nil {
		return nil
	}
	literal, expanded := nodeCounts(doc, map[*yaml.Node]int64{})
	if expanded-literal > maxAliasNodes {
		// A property of the whole document, not of one line: name the
		// first alias, where the expansion starts.
		return &Error{Msg: fmt.Sprintf("%s:%d: too many aliases: they would expand the document by more than %d values (the first alias is here)",
			display, firstAlias(doc).Line, maxAliasNodes)}
	}
	check := keyChecker{seen: map[keyCheck]bool{}, keys: map[reflect.Type]map[string]reflect.Type{}}
	unknown := check.unknownKey(doc, reflect.TypeOf(v))
	err := doc.Decode(v)
	if unknown != nil {
		if line := typeErrLine(err); line == 0 || unknown.Line <= line {
			return &Error{
				Msg:   fmt.Sprintf("%s:%d: unknown key %q", display, unknown.Line, unknown.Value),
				Hints: []string{"check the spelling; the keys are listed in the README"},
			}
		}
	}
	if err == nil {
		return nil
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return yamlErr(data, display, err)
	}
	// The decoder's other errors say no line: find the node in the tree.
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var at *yaml.Node
	switch {
	case strings.Contains(msg, "excessive aliasing"):
		at, msg = firstAlias(doc), "too many aliases (the first alias is here)"
	case strings.HasPrefix(msg, "anchor '") && strings.HasSuffix(msg, "' value contains itself"):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "anchor '"), "' value contains itself")
		at = findNode(doc, func(n *yaml.Node) bool { return n.Kind == yaml.AliasNode && n.Value == name })
	case strings.Contains(msg, "!!binary"):
		at = findNode(doc, func(n *yaml.Node) bool { return n.Tag == "!!binary" })
	case strings.Contains(msg, "map merge"):
		at = findNode(doc, func(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!merge" })
	}
	if at != nil {
		return &Error{Msg: fmt.Sprintf("%s:%d: YAML error: %s", display, at.Line, msg), Err: err}
	}
	return &Error{Msg: fmt.Sprintf("%s: YAML error: %s (the YAML library gives no line for it)", display, msg), Err: err}
}

// findNode is the first node of the tree (in document order, aliases not
// followed) for which is holds; nil when none does.
func findNode(n *yaml.Node, is func(*yaml.Node) bool) *yaml.Node {
	if is(n) {
		return n
	}
	for _, c := range n.Content {
		if f := findNode(c, is); f != nil {
			return f
		}
	}
	return nil
}

// maxAliasNodes is how many values aliases may add to a document. yaml.v3
// stops only documents made mostly of aliases; an alias of a long list,
// repeated, would make it decode for minutes.
const maxAliasNodes = 1_000_000

// nodeCounts is the number of nodes written in the tree of n and the number
// decoding it visits, with every alias expanded; memo holds the expanded
// size of alias targets, so the count is linear in the written tree.
func nodeCounts(n *yaml.Node, memo map[*yaml.Node]int64) (literal, expanded int64) {
	literal, expanded = 1, 1
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return 1, 1
		}
		size, ok := memo[n.Alias]
		if !ok {
			memo[n.Alias] = 1 // an anchor cannot contain itself; this only guards
			_, size = nodeCounts(n.Alias, memo)
			memo[n.Alias] = size
		}
		return 1, size
	}
	for _, c := range n.Content {
		l, e := nodeCounts(c, memo)
		literal += l
		expanded = min(expanded+e, 1<<60)
	}
	return literal, expanded
}

var unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()

// keyChecker finds the unknown keys of one document (unknownKey).
type keyChecker struct {
	seen map[keyCheck]bool                        // the anchored nodes checked
	keys map[reflect.Type]map[string]reflect.Type // the keys of each struct type met (structKeys)
}

// keyCheck is an anchored node checked against a type: aliases make it
// reachable from many places, and it is checked once.
type keyCheck struct {
	node *yaml.Node
	typ  reflect.Type
}

// unknownKey is the first mapping key in n (in document order) that names
// no field of the struct it is decoded into; nil when there is none.
func (c *keyChecker) unknownKey(n *yaml.Node, t reflect.Type) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return nil
		}
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode {
		return nil // no keys
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil // it decodes its own way, and checks its own keys
	}
	if n.Anchor != "" { // only an anchored node is reachable twice
		if c.seen[keyCheck{n, t}] {
			return nil
		}
		c.seen[keyCheck{n, t}] = true
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, item := range n.Content {
			if k := c.unknownKey(item, t); k != nil {
				return k
			}
		}
	case yaml.SequenceNode:
		if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
			return nil // a type error, for Decode to report
		}
		for _, item := range n.Content {
			if k := c.unknownKey(item, t.Elem()); k != nil {
				return k
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			var vt reflect.Type
			switch {
			case key.Tag == "!!merge" && val.Kind == yaml.SequenceNode:
				for _, m := range val.Content { // <<: [*a, *b]
					if k := c.unknownKey(m, t); k != nil {
						return k
					}
				}
				continue
			case key.Tag == "!!merge":
				vt = t // merged keys belong to this mapping
			case t.Kind() == reflect.Map:
				vt = t.Elem()
			case t.Kind() == reflect.Struct:
				if c.keys[t] == nil {
					c.keys[t] = structKeys(t)
				}
				f, ok := c.keys[t][key.Value]
				if !ok {
					return key
				}
				vt = f
			default:
				return nil // a type error, for Decode to report
			}
			if k := c.unknownKey(val, vt); k != nil {
				return k
			}
		}
	}
	return nil
}

// structKeys is the keys of struct t, each with the type of the field it
// decodes into, as yaml.v3 matches them: the name in the yaml tag, else the
// field name in lower case. Of two fields with one key, the first is it.
func structKeys(t reflect.Type) map[string]reflect.Type {
	keys := make(map[string]reflect.Type, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case tag == "-":
			continue
		case tag == "":
			tag = strings.ToLower(f.Name)
		}
		if _, ok := keys[tag]; !ok {
			keys[tag] = f.Type
		}
	}
	return keys
}

// typeErrLine is the line of the first problem of a yaml.TypeError; 0 when
// err is not one or says no line.
func typeErrLine(err error) int {
	var te *yaml.TypeError
	if !errors.As(err, &te) || len(te.Errors) == 0 {
		return 0
	}
	line, _ := lineNumber(te.Errors[0])
	return line
}

// firstAlias is the first alias node of the tree, in document order.
func firstAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return n
	}
	for _, c := range n.Content {
		if a := firstAlias(c); a != nil {
			return a
		}
	}
	return nil
}

// lineNumber splits "line 12: rest" (yaml.v3's position prefix) into 12 and
// "rest"; 0 and s when s has no such prefix.
func lineNumber(s string) (int, string) {
	rest, ok := strings.CutPrefix(s, "line ")
	if !ok {
		return 0, s
	}
	num, msg, ok := strings.Cut(rest, ": ")
	line, err := strconv.Atoi(num)
	if !ok || err != nil || line <= 0 {
		return 0, s
	}
	return line, msg
}

// yamlErr turns a yaml.v3 error into one line naming file:line[:col].
func yamlErr(data []byte, display string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		// Report the first problem; the user fixes them one at a time.
		line, msg := lineNumber(te.Errors[0])
		if line == 0 {
			return &Error{Msg: fmt.Sprintf("%s: %s", display, msg), Err: err}
		}
		if rest, ok := strings.CutPrefix(msg, "field "); ok && strings.Contains(rest, " not found in type ") {
			// a custom decoder's strict check (see strictDecode)
			key, _, _ := strings.Cut(rest, " not found in type ")
			return &Error{
				Msg:   fmt.Sprintf("%s:%d: unknown key %q", display, line, key),
				Hints: []string{"check the spelling; the keys are listed in the README"},
				Err:   err,
			}
		}
		if rest, ok := strings.CutPrefix(msg, "cannot unmarshal !!"); ok {
			// "cannot unmarshal !!seq into string", "cannot unmarshal !!str `abc` into int"
			from, into := rest, ""
			if i := strings.LastIndex(rest, " into "); i >= 0 {
				from, into = rest[:i], rest[i+len(" into "):]
			}
			tag, val, _ := strings.Cut(from, " ")
			what := yamlKind(tag)
			if val != "" { // a scalar's value; yaml.v3 gives none for a mapping or a list
				what += " " + val
			}
			return &Error{Msg: fmt.Sprintf("%s:%d: wrong type: a %s where %s was expected", display, line, what, goKind(into)), Err: err}
		}
		return &Error{Msg: fmt.Sprintf("%s:%d: %s", display, line, msg), Err: err}
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line, msg := lineNumber(msg)
	if line > 0 {
		pos := strconv.Itoa(line)
		if col := guessColumn(data, line, msg); col > 0 {
			pos += ":" + strconv.Itoa(col)
		}
		return &Error{Msg: fmt.Sprintf("%s:%s: YAML syntax error: %s", display, pos, msg), Err: err}
	}
	// yaml.v3 gives no line for what its reader rejects (bad UTF-8, control
	// characters) nor for an unknown anchor: find it in the text.
	if off, what := badText(data); off >= 0 && readerError(msg) {
		line, col := position(data, off)
		return &Error{Msg: fmt.Sprintf("%s:%d:%d: %s", display, line, col, what), Err: err,
			Hints: []string{"save the file as UTF-8 text without control characters"}}
	}
	if readerError(msg) {
		return &Error{Msg: fmt.Sprintf("%s: not UTF-8 text (no line: it starts with a UTF-16 byte order mark): %s", display, msg), Err: err,
			Hints: []string{"save the file as UTF-8"}}
	}
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		name = strings.TrimSuffix(name, "' referenced")
		if off := aliasUse(data, name); off >= 0 {
			line, col := position(data, off)
			return &Error{Msg: fmt.Sprintf("%s:%d:%d: YAML syntax error: alias *%s refers to no anchor &%s before it", display, line, col, name, name), Err: err}
		}
		return &Error{Msg: fmt.Sprintf("%s: YAML syntax error: alias *%s refers to no anchor &%s before it (the YAML library gives no line for it)", display, name, name), Err: err}
	}
	// Everything else yaml.v3 reports with a line, except on the first line
	// (its lines count from 0 and it leaves out line 0).
	pos := "1"
	if col := guessColumn(data, 1, msg); col > 0 {
		pos += ":" + strconv.Itoa(col)
	}
	return &Error{Msg: fmt.Sprintf("%s:%s: YAML syntax error: %s", display, pos, msg), Err: err}
}

// readerError tells the messages of yaml.v3's reader: the text itself is
// not what YAML accepts.
func readerError(msg string) bool {
	return strings.Contains(msg, "UTF-8") || strings.Contains(msg, "UTF-16") ||
		strings.Contains(msg, "surrogate") || strings.Contains(msg, "Unicode character") ||
		strings.Contains(msg, "control characters")
}

// badText is the byte offset of the first character YAML does not accept
// (invalid UTF-8, or a control character other than tab, CR, LF and NEL)
// and what it is; -1 when the text is fine or starts with a UTF-16 byte
// order mark (yaml.v3 reads those as UTF-16).
func badText(data []byte) (int, string) {
	if bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
		return -1, ""
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return i, fmt.Sprintf("not UTF-8 text: the byte 0x%02X", data[i])
		case r == 0x09 || r == 0x0A || r == 0x0D || r == 0x85,
			r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		default:
			return i, fmt.Sprintf("YAML does not allow the control character %U", r)
		}
		i += size
	}
	return -1, ""
}

// aliasUse is the offset of the first *name in data used as an alias (not
// inside a longer word); -1 when there is none.
func aliasUse(data []byte, name string) int {
	tok := "*" + name
	for from := 0; ; {
		i := bytes.Index(data[from:], []byte(tok))
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(tok)
		if end == len(data) || strings.IndexByte(" \t\r\n,]}", data[end]) >= 0 {
			return i
		}
		from = i + 1
	}
}

// position is the line and column (in characters, both from 1) of offset.
func position(data []byte, offset int) (line, col int) {
	line = 1 + bytes.Count(data[:offset], []byte("\n"))
	start := bytes.LastIndexByte(data[:offset], '\n') + 1
	return line, utf8.RuneCount(data[start:offset]) + 1
}

// guessColumn finds the column of the usual YAML syntax errors. yaml.v3
// reports only the line, so the column is found again in the text for the
// messages where the offending character is unambiguous; 0 means unknown.
func guessColumn(data []byte, line int, msg string) int {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return 0
	}
	text := lines[line-1]
	idx := -1
	switch {
	case strings.Contains(msg, "found character that cannot start any token"):
		idx = strings.IndexAny(text, "\t@`")
	case strings.Contains(msg, "mapping values are not allowed"):
		if first := strings.Index(text, ": "); first >= 0 {
			if second := strings.Index(text[first+1:], ": "); second >= 0 {
				idx = first + 1 + second
			}
		}
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-' indicator"):
		idx = len(text) - len(strings.TrimLeft(text, " "))
	}
	if idx < 0 {
		return 0
	}
	return len([]rune(text[:idx])) + 1
}

func yamlKind(tag string) string {
	switch tag {
	case "str":
		return "string"
	case "seq":
		return "list"
	case "map":
		return "mapping"
	case "int", "float":
		return "number"
	case "bool":
		return "boolean"
	}
	return tag
}

func goKind(t string) string {
	switch {
	case strings.HasPrefix(t, "a "): // our own decoders say what they want
		return t
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case t == "string":
		return "a string"
	case t == "int":
		return "a number"
	case t == "bool":
		return "true or false"
	}
	return "a mapping"
}

// fileErr turns a failure to read a file the user named into one line.
func fileErr(display string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return &Error{Msg: fmt.Sprintf("%s: no such file", display), Err: err}
	}
	if errors.Is(err, os.ErrPermission) {
		return &Error{Msg: fmt.Sprintf("%s: permission denied", display), Err: err}
	}
	var ie *input.Error
	if errors.As(err, &ie) {
		e := &Error{Msg: fmt.Sprintf("%s: %v", display, ie), Err: err}
		if errors.Is(err, input.ErrTooLarge) {
			e.Hints = []string{"is it the right file? The README (Security) lists what scaffold reads at most"}
		} else {
			e.Hints = []string{"give the file itself: scaffold reads only regular files"}
		}
		return e
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return &Error{Msg: fmt.Sprintf("%s: %v", display, pe.Err), Err: err}
	}
	return &Error{Msg: fmt.Sprintf("%s: %v", display, err), Err: err}
}
