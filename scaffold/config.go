package scaffold

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/meetup-tools/connpass-scaffold/internal/input"
)

// ConfigFileName is looked up in the blog root when --config is not given.
const ConfigFileName = ".scaffold.yaml"

// Config is .scaffold.yaml, the blog's settings. Every pattern is a Go
// template (with sprig's hermetic functions) over the report model.
type Config struct {
	Series       string `yaml:"series"`        // the group's short name, e.g. JDDUG
	Group        string `yaml:"group"`         // the group's connpass subdomain, e.g. datadog-jp: without --event, its latest ended event
	Author       string `yaml:"author"`        // front matter author
	Title        string `yaml:"title"`         // post title pattern
	Slug         string `yaml:"slug"`          // file name slug pattern, e.g. jddug{{ .Event.Number }}
	ImagePath    string `yaml:"image_path"`    // image folder pattern, e.g. /assets/images/{{ .Slug }}/
	NotesDir     string `yaml:"notes_dir"`     // default notes
	OutDir       string `yaml:"out_dir"`       // default _posts
	TemplatesDir string `yaml:"templates_dir"` // overrides of the default templates
	PostPath     string `yaml:"post_path"`     // the post's path inside out_dir, a pattern; default {{ .Date }}-{{ .Slug }}.md
	LineEndings  string `yaml:"line_endings"`  // lf (default), crlf, or auto: as most posts in out_dir
	Labels       Labels `yaml:"labels"`
	APIKey       string `yaml:"api_key"` // connpass API v2 key (better kept in CONNPASS_API_KEY)
}

// Labels are the words the post uses for talks and 参加枠.
type Labels struct {
	Talk    string            `yaml:"talk"`     // label prefix of regular talks, default 発表 (発表1, 発表2, ...)
	LT      string            `yaml:"lt"`       // label prefix of lightning talks, default LT (LT1, ...)
	LTWords []string          `yaml:"lt_words"` // words marking a lightning talk in the timetable
	Tickets map[string]string `yaml:"tickets"`  // 参加枠 name -> short label in the attendance line
}

// label is the label of the n-th talk of a kind: 発表2, LT1.
func (l Labels) label(kind string, n int) string {
	if kind == KindLT {
		return l.LT + strconv.Itoa(n)
	}
	return l.Talk + strconv.Itoa(n)
}

// Default patterns, used where the config is silent.
const (
	defaultTitle     = `{{ .Event.Title }} レポート`
	defaultSlug      = `connpass-{{ .Event.ID }}`
	defaultImagePath = `/assets/images/{{ .Slug }}/`
	defaultNotesDir  = "notes"
	defaultOutDir    = "_posts"
	defaultPostPath  = `{{ .Date }}-{{ .Slug }}.md`
	defaultTalkLabel = "発表"
	defaultLTLabel   = "LT"
)

// loadConfig reads the config file named by opts, or the nearest
// .scaffold.yaml in opts.Dir or above (see findConfig). It returns the config
// and the blog root: the folder holding it, where relative paths in it start
// and where the posts go. Without any config, the root is opts.Dir.
func loadConfig(opts Options) (Config, string, error) {
	var cfg Config
	path, name := opts.ConfigFile, opts.ConfigFile
	if path == "" {
		path = findConfig(opts.Dir)
		if path == "" {
			if opts.Verbose {
				opts.report().Say(fmt.Sprintf("config: no %s in %s or above; the defaults apply", ConfigFileName, opts.Dir))
			}
			cfg.fillDefaults()
			return cfg, opts.Dir, nil // no config: every default applies
		}
		name = relPath(opts.Dir, path)
	} else {
		path = resolve(opts.Dir, path)
	}
	if err := decodeYAMLFile(path, name, input.MaxConfig, &cfg); err != nil {
		return cfg, "", err
	}
	if opts.Verbose {
		opts.report().Say(fmt.Sprintf("config: %s (blog root %s)", name, relPath(opts.Dir, filepath.Dir(path))))
	}
	cfg.fillDefaults()
	return cfg, filepath.Dir(path), nil
}

// findConfig looks for .scaffold.yaml as git looks for .git: in dir, then in
// each folder above it. It stops at the top of a git repository (a folder
// holding .git), so that a config outside the blog's repository is never
// taken, and returns "" when there is none.
func findConfig(dir string) string {
	for {
		path := filepath.Join(dir, ConfigFileName)
		if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
			return path
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// relPath is path relative to dir (../.scaffold.yaml), or path itself when
// it has no relative form.
func relPath(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil {
		return rel
	}
	return path
}

func (c *Config) fillDefaults() {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&c.Title, defaultTitle)
	def(&c.Slug, defaultSlug)
	def(&c.ImagePath, defaultImagePath)
	def(&c.NotesDir, defaultNotesDir)
	def(&c.OutDir, defaultOutDir)
	def(&c.PostPath, defaultPostPath)
	def(&c.LineEndings, "lf")
	def(&c.Labels.Talk, defaultTalkLabel)
	def(&c.Labels.LT, defaultLTLabel)
}

// resolve makes p absolute against dir, unless it already is.
func resolve(dir, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}
