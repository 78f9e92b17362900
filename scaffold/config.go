package scaffold

import (
	"os"
	"path/filepath"
	"strconv"
)

// ConfigFileName is looked up in the blog root when --config is not given.
const ConfigFileName = ".scaffold.yaml"

// Config is .scaffold.yaml, the blog's settings. Every pattern is a Go
// template (with sprig's hermetic functions) over the report model.
type Config struct {
	Series       string `yaml:"series"`        // the group's short name, e.g. JDDUG
	Author       string `yaml:"author"`        // front matter author
	Title        string `yaml:"title"`         // post title pattern
	Slug         string `yaml:"slug"`          // file name slug pattern, e.g. jddug{{ .Event.Number }}
	ImagePath    string `yaml:"image_path"`    // image folder pattern, e.g. /assets/images/{{ .Slug }}/
	NotesDir     string `yaml:"notes_dir"`     // default notes
	OutDir       string `yaml:"out_dir"`       // default _posts
	TemplatesDir string `yaml:"templates_dir"` // overrides of the default templates
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
	defaultTalkLabel = "発表"
	defaultLTLabel   = "LT"
)

// loadConfig reads the config file named by opts, or .scaffold.yaml in the
// blog root when present. It returns the config and the directory relative
// paths in it are resolved against.
func loadConfig(opts Options) (Config, string, error) {
	var cfg Config
	path := opts.ConfigFile
	if path == "" {
		path = filepath.Join(opts.Dir, ConfigFileName)
		if _, err := os.Stat(path); err != nil {
			cfg.fillDefaults()
			return cfg, opts.Dir, nil // no config: every default applies
		}
		if err := decodeYAMLFile(path, ConfigFileName, &cfg); err != nil {
			return cfg, "", err
		}
		cfg.fillDefaults()
		return cfg, opts.Dir, nil
	}
	abs := resolve(opts.Dir, path)
	if err := decodeYAMLFile(abs, path, &cfg); err != nil {
		return cfg, "", err
	}
	cfg.fillDefaults()
	return cfg, filepath.Dir(abs), nil
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
