package scaffold

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/meetup-tools/connpass-scaffold/internal/input"
	"github.com/meetup-tools/connpass-scaffold/templates"
)

// postPathOf is where the post goes: the config's post_path pattern
// (default {{ .Date }}-{{ .Slug }}.md) rendered over the report, inside the
// out folder. The result must stay inside it, in safe names.
func postPathOf(cfg Config, outDir string, r *Report) (string, error) {
	p, err := templates.String("post_path (.scaffold.yaml)", cfg.PostPath, r)
	if err != nil {
		return "", templateUserErr(err)
	}
	p = strings.TrimSpace(p)
	bad := p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) || path.Clean(p) != p
	for _, part := range strings.Split(p, "/") {
		if !isSlug(part) || part == "." || part == ".." {
			bad = true
		}
	}
	if bad {
		return "", userErr(fmt.Sprintf("post_path gives %q, not a safe path inside the out folder", p),
			"use names of letters, digits, '.', '_' and '-' joined by '/', e.g. '{{ .Slug }}/index.md'")
	}
	return filepath.Join(outDir, filepath.FromSlash(p)), nil
}

// Most posts decide "auto" line endings; a folder without posts gives lf.
const autoScanLimit = 500

// lineEndingsOf is "lf" or "crlf" for the config's line_endings; auto
// follows what most posts (*.md, up to two folders deep) in outDir use.
func lineEndingsOf(cfg Config, outDir string) (string, error) {
	switch cfg.LineEndings {
	case "lf", "crlf":
		return cfg.LineEndings, nil
	case "auto":
	default:
		return "", userErr(fmt.Sprintf("line_endings: %q is not lf, crlf or auto", cfg.LineEndings))
	}
	crlf, lf, seen := 0, 0, 0
	_ = filepath.WalkDir(outDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || seen >= autoScanLimit {
			return filepath.SkipDir
		}
		if rel, _ := filepath.Rel(outDir, p); d.IsDir() && strings.Count(rel, string(filepath.Separator)) >= 2 {
			return filepath.SkipDir
		}
		if d.IsDir() || !d.Type().IsRegular() || filepath.Ext(p) != ".md" {
			return nil
		}
		seen++
		data, err := input.ReadFile(p, maxPost)
		if err != nil {
			return nil
		}
		switch n := bytes.Count(data, []byte("\r\n")); {
		case n > 0 && 2*n >= bytes.Count(data, []byte("\n")):
			crlf++
		case bytes.IndexByte(data, '\n') >= 0:
			lf++
		}
		return nil
	})
	if crlf > lf {
		return "crlf", nil
	}
	return "lf", nil
}
