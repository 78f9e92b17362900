package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decodeYAMLFile strictly decodes the YAML file at path into v: unknown keys
// are errors, and every error names the file and line (and column where the
// YAML library lets us find it). display is the path as the user should see it.
func decodeYAMLFile(path, display string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fileErr(display, err)
	}
	return decodeYAML(data, display, v)
}

func decodeYAML(data []byte, display string, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(v)
	if err == nil || errors.Is(err, io.EOF) { // an empty file is an empty document
		return nil
	}
	return yamlErr(data, display, err)
}

var (
	yamlLineRe    = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlFieldRe   = regexp.MustCompile(`^line (\d+): field (\S+) not found in type .*$`)
	yamlTypeRe    = regexp.MustCompile(`^line (\d+): cannot unmarshal !!(\w+)(?: (.*))? into (.*)$`)
	yamlTypeNoVal = regexp.MustCompile(`^line (\d+): (.*)$`)
)

// yamlErr turns a yaml.v3 error into one line naming file:line[:col].
func yamlErr(data []byte, display string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		// Report the first problem; the user fixes them one at a time.
		first := te.Errors[0]
		if m := yamlFieldRe.FindStringSubmatch(first); m != nil {
			line, _ := strconv.Atoi(m[1])
			return &Error{
				Msg:   fmt.Sprintf("%s:%d: unknown key %q", display, line, m[2]),
				Hints: []string{"check the spelling; the keys are listed in the README"},
				Err:   err,
			}
		}
		if m := yamlTypeRe.FindStringSubmatch(first); m != nil {
			what := yamlKind(m[2])
			if m[3] != "" { // a scalar's value; yaml.v3 gives none for a mapping or a list
				what += " " + m[3]
			}
			return &Error{Msg: fmt.Sprintf("%s:%s: wrong type: a %s where %s was expected", display, m[1], what, goKind(m[4])), Err: err}
		}
		if m := yamlTypeNoVal.FindStringSubmatch(first); m != nil {
			return &Error{Msg: fmt.Sprintf("%s:%s: %s", display, m[1], m[2]), Err: err}
		}
		return &Error{Msg: fmt.Sprintf("%s: %s", display, first), Err: err}
	}
	msg := err.Error()
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		pos := strconv.Itoa(line)
		if col := guessColumn(data, line, m[2]); col > 0 {
			pos += ":" + strconv.Itoa(col)
		}
		return &Error{Msg: fmt.Sprintf("%s:%s: YAML syntax error: %s", display, pos, m[2]), Err: err}
	}
	return &Error{Msg: fmt.Sprintf("%s: YAML syntax error: %s", display, strings.TrimPrefix(msg, "yaml: ")), Err: err}
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
	var pe *os.PathError
	if errors.As(err, &pe) {
		return &Error{Msg: fmt.Sprintf("%s: %v", display, pe.Err), Err: err}
	}
	return &Error{Msg: fmt.Sprintf("%s: %v", display, err), Err: err}
}
