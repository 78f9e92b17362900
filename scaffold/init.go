package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/meetup-tools/connpass-scaffold/internal/input"
	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
)

// Init writes .scaffold.yaml in the blog root (opts.Dir), learned from the
// blog itself: the site generator, the posts folder, the post file names
// (which give the slug pattern), the front matter author, the image folder
// convention, the line endings and the group's connpass subdomain. Every
// learned value carries a comment saying where it came from. It never
// overwrites a config; with opts.ToStdout it prints instead of writing.
func Init(opts Options) error {
	path := filepath.Join(opts.Dir, ConfigFileName)
	if !opts.ToStdout {
		if _, err := os.Lstat(path); err == nil {
			return userErr(fmt.Sprintf("%s already exists; not overwriting it", ConfigFileName),
				"use 'scaffold init --stdout' to see what init would write, and copy what you want")
		}
		// A config above already applies here (run from notes/, say): a
		// second one would hide it from every command run below this folder.
		if above := findConfig(opts.Dir); above != "" {
			return userErr(fmt.Sprintf("%s already applies here; not writing another below it", relPath(opts.Dir, above)),
				fmt.Sprintf("edit %s instead: it is this blog's config (the blog root is %s)", relPath(opts.Dir, above), relPath(opts.Dir, filepath.Dir(above))),
				"use 'scaffold init --stdout' to see what init would write")
		}
	}
	blog := learnBlog(opts.Dir)
	out := blog.config()
	// The config must load back as the renderer will read it.
	var cfg Config
	if err := decodeYAML(out, ConfigFileName, &cfg); err != nil {
		return fmt.Errorf("scaffold init wrote a config it cannot read back (a bug): %w", err)
	}
	if opts.ToStdout {
		_, err := opts.Stdout.Write(out)
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return userErr(fmt.Sprintf("%s already exists; not overwriting it", ConfigFileName))
		}
		return fileErr(ConfigFileName, err)
	}
	_, err = f.Write(out)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fileErr(ConfigFileName, err)
	}
	var hints []string
	if blog.group == "" {
		hints = append(hints, "add group: (the connpass subdomain, as in https://GROUP.connpass.com/) to render the latest event without --event")
	}
	opts.report().Say(fmt.Sprintf("wrote %s (%s)", ConfigFileName, blog.summary()), hints...)
	return nil
}

// learned is one value init learned, with where it came from.
type learned struct {
	value, source string
}

// blogFacts is what init learned from the blog.
type blogFacts struct {
	site     string // "Jekyll (_config.yml)", "Hugo (hugo.toml)", or ""
	postsDir string // slash path from the root: _posts, content/posts
	posts    []post // newest first
	outDir   learned
	postPath learned
	slug     learned
	series   learned
	title    learned
	author   learned
	images   learned
	endings  learned
	group    string
	groupSrc string
}

// post is one post of the blog.
type post struct {
	rel    string // slash path from the blog root
	name   string // the file's path inside the posts folder
	date   string // YYYY-MM-DD from the file name, or ""
	slug   string // the file name without date and extension
	crlf   bool
	author string
	title  string
	body   string // LF line endings
}

// recentPosts is how many of the newest posts decide the author and the
// image folder.
const recentPosts = 10

// learnBlog reads the blog at root.
func learnBlog(root string) *blogFacts {
	b := &blogFacts{}
	b.learnSite(root)
	b.readPosts(root)
	b.learnNames()
	b.learnAuthor(root)
	b.learnImages()
	b.learnEndings()
	b.learnGroup()
	return b
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// learnSite finds the site generator and its posts folder.
func (b *blogFacts) learnSite(root string) {
	for _, name := range []string{"_config.yml", "_config.yaml"} {
		data, err := input.ReadFile(filepath.Join(root, name), input.MaxConfig) // a FIFO or /dev/zero is no config
		if err != nil && !errors.Is(err, input.ErrNotRegular) && !errors.Is(err, input.ErrTooLarge) {
			continue
		}
		b.site = "Jekyll (" + name + ")"
		var cfg struct {
			CollectionsDir string `yaml:"collections_dir"`
		}
		_ = yaml.Unmarshal(data, &cfg) // a broken _config.yml is Jekyll's problem; the defaults apply
		dir := path.Join(cleanRel(cfg.CollectionsDir), "_posts")
		b.postsDir = dir
		b.outDir = learned{dir, "Jekyll's posts folder"}
		if cfg.CollectionsDir != "" {
			b.outDir.source += " (collections_dir in " + name + ")"
		}
		return
	}
	for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"} {
		if !exists(filepath.Join(root, name)) || !exists(filepath.Join(root, "content")) {
			continue
		}
		b.site = "Hugo (" + name + ")"
		b.postsDir = "content/posts"
		for _, d := range []string{"content/posts", "content/post", "content/blog"} {
			if exists(filepath.Join(root, filepath.FromSlash(d))) {
				b.postsDir = d
				break
			}
		}
		b.outDir = learned{b.postsDir, "Hugo's posts section"}
		return
	}
	b.postsDir = "_posts"
	if exists(filepath.Join(root, "_posts")) {
		b.outDir = learned{"_posts", "the posts folder found here (no _config.yml or Hugo config)"}
	}
}

// cleanRel is p as a clean relative slash path ("" for none or for one
// leaving the root).
func cleanRel(p string) string {
	p = path.Clean(strings.Trim(filepath.ToSlash(p), "/"))
	if p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return ""
	}
	return p
}

var datedNameRe = lazyregexp.New(`^(\d{4}-\d{2}-\d{2})-(.+)$`)

// readPosts reads the Markdown posts of the posts folder (two levels deep,
// for page bundles), newest first.
func (b *blogFacts) readPosts(root string) {
	dir := filepath.Join(root, filepath.FromSlash(b.postsDir))
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if strings.Count(rel, string(filepath.Separator)) >= 1 && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		ext := filepath.Ext(p)
		if !d.Type().IsRegular() || (ext != ".md" && ext != ".markdown") || len(b.posts) >= 5000 {
			return nil
		}
		data, err := input.ReadFile(p, 4<<20) // a post over 4 MiB is not read, nor read whole first
		if err != nil {
			return nil
		}
		name := filepath.ToSlash(rel)
		base := strings.TrimSuffix(path.Base(name), ext)
		if base == "index" || base == "_index" {
			base = path.Base(path.Dir(name)) // a page bundle: the folder is the post
		}
		if base == "." || base == "" {
			return nil
		}
		ps := post{rel: path.Join(b.postsDir, name), name: name, slug: base, crlf: bytes.Contains(data, []byte("\r\n"))}
		if m := datedNameRe().FindStringSubmatch(base); m != nil {
			ps.date, ps.slug = m[1], m[2]
		}
		ps.body = strings.ReplaceAll(string(data), "\r\n", "\n")
		ps.author, ps.title = frontMatterAuthorTitle(ps.body)
		b.posts = append(b.posts, ps)
		return nil
	})
	sort.SliceStable(b.posts, func(i, j int) bool {
		if b.posts[i].date != b.posts[j].date {
			return b.posts[i].date > b.posts[j].date
		}
		return b.posts[i].name > b.posts[j].name
	})
}

var tomlKeyRe = lazyregexp.New(`(?m)^(author|title)\s*=\s*"([^"\n]*)"`)

// frontMatterAuthorTitle reads author and title from a post's YAML (---) or
// TOML (+++) front matter.
func frontMatterAuthorTitle(body string) (author, title string) {
	for _, fence := range []string{"---", "+++"} {
		if !strings.HasPrefix(body, fence+"\n") {
			continue
		}
		end := strings.Index(body[len(fence)+1:], "\n"+fence)
		if end < 0 {
			return "", ""
		}
		fm := body[len(fence)+1 : len(fence)+1+end]
		if fence == "+++" {
			for _, m := range tomlKeyRe().FindAllStringSubmatch(fm, -1) {
				if m[1] == "author" {
					author = m[2]
				} else {
					title = m[2]
				}
			}
			return author, title
		}
		var v struct {
			Author any    `yaml:"author"`
			Title  string `yaml:"title"`
		}
		if yaml.Unmarshal([]byte(fm), &v) != nil {
			return "", ""
		}
		switch a := v.Author.(type) {
		case string:
			author = a
		case []any: // several authors: take none
		case map[string]any:
			if n, ok := a["name"].(string); ok {
				author = n
			}
		}
		return strings.TrimSpace(author), strings.TrimSpace(v.Title)
	}
	return "", ""
}

// seriesNameRe splits a slug into a prefix and a trailing number: jddug12,
// jddug-12, meetup_012.
var seriesNameRe = lazyregexp.New(`^(.*?[A-Za-z][A-Za-z0-9_-]*?[-_]?)(\d+)$`)

// learnNames learns the slug pattern (and the series name and post path)
// from the post file names: the prefix most posts share before their
// number gives prefix{{ .Event.Number }}.
func (b *blogFacts) learnNames() {
	count := map[string]int{}
	first := map[string][]string{}
	for _, p := range b.posts {
		m := seriesNameRe().FindStringSubmatch(p.slug)
		if m == nil || !isSlug(m[1]) {
			continue
		}
		count[m[1]]++
		if len(first[m[1]]) < 3 {
			first[m[1]] = append(first[m[1]], p.rel)
		}
	}
	best := ""
	for prefix, n := range count {
		if n > count[best] || (n == count[best] && prefix < best) {
			best = prefix
		}
	}
	if best == "" {
		return
	}
	examples := strings.Join(first[best], ", ")
	if count[best] > len(first[best]) {
		examples += fmt.Sprintf(" and %d more", count[best]-len(first[best]))
	}
	b.slug = learned{best + "{{ .Event.Number }}", "post file names like " + examples}

	// The post path: date-slug.md (the default), slug.md or slug/index.md.
	var sample post
	for _, p := range b.posts {
		if m := seriesNameRe().FindStringSubmatch(p.slug); m != nil && m[1] == best {
			sample = p
			break
		}
	}
	ext := path.Ext(sample.name)
	switch {
	case sample.date != "" && !strings.Contains(sample.name, "/") && ext == ".md":
		// the default {{ .Date }}-{{ .Slug }}.md
	case sample.date == "" && !strings.Contains(sample.name, "/"):
		b.postPath = learned{"{{ .Slug }}" + ext, "named like " + sample.rel}
	case sample.date == "" && strings.HasSuffix(sample.name, "/index"+ext):
		b.postPath = learned{"{{ .Slug }}/index" + ext, "page bundles like " + sample.rel}
	case sample.date != "" && ext == ".markdown" && !strings.Contains(sample.name, "/"):
		b.postPath = learned{"{{ .Date }}-{{ .Slug }}.markdown", "named like " + sample.rel}
	}

	// The series: the word its posts' titles start with, when it is the
	// slug's prefix in other letters (jddug: "JDDUG meetup #12 ...").
	word := strings.Trim(strings.ToLower(best), "-_")
	for _, p := range b.posts {
		if m := seriesNameRe().FindStringSubmatch(p.slug); m == nil || m[1] != best {
			continue
		}
		f := strings.FieldsFunc(p.title, func(r rune) bool { return unicode.IsSpace(r) || r == '#' || r == '@' })
		if len(f) > 0 && strings.ToLower(f[0]) == word {
			b.series = learned{f[0], "the title of " + p.rel + " starts with it"}
			break
		}
	}
	b.learnTitle(best)
}

// learnTitle learns the title pattern from the titles of the series' posts:
// their number becomes {{ .Event.Number }} and the series {{ .Series }}. When
// the titles differ only after an @ (the place: "#12@東京 レポート",
// "#11@大阪 レポート"), the place is taken from the event's title after its @.
func (b *blogFacts) learnTitle(prefix string) {
	var titles, from []string
	for _, p := range b.posts {
		m := seriesNameRe().FindStringSubmatch(p.slug)
		if m == nil || m[1] != prefix || p.title == "" {
			continue
		}
		t, ok := strings.CutPrefix(p.title, b.series.value)
		if b.series.value == "" || !ok {
			continue
		}
		num := strings.TrimLeft(m[2], "0")
		i := strings.Index(t, "#"+num)
		if i < 0 || (i+1+len(num) < len(t) && t[i+1+len(num)] >= '0' && t[i+1+len(num)] <= '9') {
			return // a title without its number: no pattern
		}
		titles = append(titles, "{{ .Series }}"+t[:i]+"#{{ .Event.Number }}"+t[i+1+len(num):])
		if len(from) < 2 {
			from = append(from, p.rel)
		}
	}
	if len(titles) < 2 {
		return
	}
	pre, suf := []rune(titles[0]), []rune(titles[0])
	for _, t := range titles[1:] {
		r := []rune(t)
		n := 0
		for n < len(pre) && n < len(r) && pre[n] == r[n] {
			n++
		}
		pre = pre[:n]
		n = 0
		for n < len(suf) && n < len(r) && suf[len(suf)-1-n] == r[len(r)-1-n] {
			n++
		}
		suf = suf[len(suf)-n:]
	}
	src := "the titles of " + strings.Join(from, ", ")
	if len(pre) == len([]rune(titles[0])) {
		b.title = learned{titles[0], src}
		return
	}
	if !strings.Contains(string(pre), "{{ .Event.Number }}") || !strings.HasSuffix(string(pre), "@") {
		return
	}
	b.title = learned{string(pre) + `{{ .Event.Title | splitList "@" | last }}` + string(suf),
		src + `; they differ after the @, taken from the event's title after its @ (check it)`}
}

// learnAuthor takes the front matter author most of the recent posts
// have (on a tie, the newest post's), else the only member of the _authors
// collection.
func (b *blogFacts) learnAuthor(root string) {
	authors := collectionNames(filepath.Join(root, "_authors"))
	count := map[string]int{}
	var order []string // newest first
	newest := map[string]string{}
	n := 0
	for _, p := range b.posts {
		if n == recentPosts {
			break
		}
		n++
		if p.author != "" {
			if count[p.author] == 0 {
				order = append(order, p.author)
				newest[p.author] = p.rel
			}
			count[p.author]++
		}
	}
	best := ""
	for _, a := range order {
		if count[a] > count[best] {
			best = a
		}
	}
	if best != "" {
		src := fmt.Sprintf("the front matter author of %d of the %d newest posts", count[best], n)
		if count[best] == 1 && n > 1 {
			src = fmt.Sprintf("the front matter author of %s, the newest post with one; the %d newest have %d authors (change it to yours)", newest[best], n, len(order))
		}
		for _, a := range authors {
			if strings.TrimSuffix(a, path.Ext(a)) == best {
				src += "; also _authors/" + a
			}
		}
		b.author = learned{best, src}
		return
	}
	if len(authors) == 1 {
		b.author = learned{strings.TrimSuffix(authors[0], path.Ext(authors[0])), "the only entry of the _authors collection: _authors/" + authors[0]}
	}
}

// collectionNames are the names of a Jekyll collection's documents.
func collectionNames(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		ext := path.Ext(e.Name())
		if e.Type().IsRegular() && (ext == ".md" || ext == ".markdown" || ext == ".html") {
			names = append(names, e.Name())
		}
	}
	return names
}

var (
	// imageRefRe finds image targets: Markdown ![alt](target) and HTML src="target".
	imageRefRe = lazyregexp.New(`!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\s[^>]*src="([^"]+)"`)
	// liquidBaseRe is a leading {{ site.baseurl }} or {{ "..." | relative_url }}.
	liquidBaseRe = lazyregexp.New(`^\{\{\s*site\.(?:baseurl|url)\s*\}\}`)
)

// learnImages learns where a post's images live: a folder named after the
// post's slug (/assets/images/jddug12/ for jddug12) gives
// /assets/images/{{ .Slug }}/.
func (b *blogFacts) learnImages() {
	count := map[string]int{}
	example := map[string]string{}
	for i, p := range b.posts {
		if i == recentPosts {
			break
		}
		seen := map[string]bool{}
		for _, m := range imageRefRe().FindAllStringSubmatch(p.body, -1) {
			ref := m[1] + m[2]
			ref = liquidBaseRe().ReplaceAllString(ref, "")
			if !strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") {
				continue // URLs and relative paths say nothing about the blog's folders
			}
			dir := path.Dir(ref)
			parts := strings.Split(dir, "/")
			pattern := ""
			for j, part := range parts {
				if part == p.slug || (p.date != "" && part == p.date+"-"+p.slug) {
					if part == p.slug {
						parts[j] = "{{ .Slug }}"
					} else {
						parts[j] = "{{ .Date }}-{{ .Slug }}"
					}
					pattern = strings.Join(parts, "/") + "/"
					break
				}
			}
			if pattern == "" || seen[pattern] {
				continue
			}
			seen[pattern] = true
			count[pattern]++
			if example[pattern] == "" {
				example[pattern] = p.rel + " keeps its images in " + dir + "/"
			}
		}
	}
	best := ""
	for p, c := range count {
		if c > count[best] || (c == count[best] && p < best) {
			best = p
		}
	}
	if best != "" {
		src := example[best]
		if count[best] > 1 {
			src += fmt.Sprintf(" (%d of the newest posts do the same)", count[best])
		}
		b.images = learned{best, src}
	}
}

// learnEndings counts the posts written with CRLF.
func (b *blogFacts) learnEndings() {
	crlf := 0
	for _, p := range b.posts {
		if p.crlf {
			crlf++
		}
	}
	lf := len(b.posts) - crlf
	switch {
	case len(b.posts) == 0:
	case crlf == 0:
		b.endings = learned{"lf", fmt.Sprintf("all %d posts have LF line endings", lf)}
	case lf == 0:
		b.endings = learned{"crlf", fmt.Sprintf("all %d posts have CRLF line endings", crlf)}
	default:
		b.endings = learned{"auto", fmt.Sprintf("%s have CRLF line endings and %d LF: auto follows the majority", plural(crlf, "post"), lf)}
	}
}

var connpassLinkRe = lazyregexp.New(`https?://([a-z0-9][a-z0-9-]*)\.connpass\.com/event/\d+`)

// learnGroup takes the connpass subdomain the posts link most.
func (b *blogFacts) learnGroup() {
	count := map[string]int{}
	latest := map[string]string{}
	for _, p := range b.posts {
		seen := map[string]bool{}
		for _, m := range connpassLinkRe().FindAllStringSubmatch(p.body, -1) {
			if sub := m[1]; !seen[sub] && sub != "www" {
				seen[sub] = true
				count[sub]++
				if latest[sub] == "" {
					latest[sub] = p.rel
				}
			}
		}
	}
	for sub, c := range count {
		if c > count[b.group] || (c == count[b.group] && sub < b.group) {
			b.group = sub
		}
	}
	if b.group != "" {
		b.groupSrc = fmt.Sprintf("the connpass event links in %s (the newest: %s)", plural(count[b.group], "post"), latest[b.group])
	}
}

// summary is the one-line account of what init learned.
func (b *blogFacts) summary() string {
	var got []string
	if b.series.value != "" {
		got = append(got, "series")
	}
	if b.group != "" {
		got = append(got, "group")
	}
	for _, l := range []struct {
		name string
		v    learned
	}{{"author", b.author}, {"title", b.title}, {"slug", b.slug}, {"image_path", b.images}, {"post_path", b.postPath}, {"line_endings", b.endings}} {
		if l.v.value != "" {
			got = append(got, l.name)
		}
	}
	site := b.site
	if site == "" {
		site = "no site generator found"
	}
	if len(got) == 0 {
		return fmt.Sprintf("%s, %s; nothing else learned", site, plural(len(b.posts), "post"))
	}
	return fmt.Sprintf("%s, %s; learned %s", site, plural(len(b.posts), "post"), strings.Join(got, ", "))
}

// config is the text of .scaffold.yaml.
func (b *blogFacts) config() []byte {
	var w bytes.Buffer
	w.WriteString("# .scaffold.yaml: the settings of scaffold for this blog, written by 'scaffold init'\n")
	w.WriteString("# from the blog itself. Each value says where it was learned; edit freely.\n")
	w.WriteString("# Every key is optional; the README of connpass-scaffold lists them all.\n")
	if b.site != "" {
		fmt.Fprintf(&w, "# The site: %s, %s in %s/.\n", comment(b.site), plural(len(b.posts), "post"), comment(b.postsDir))
	} else {
		w.WriteString("# The site: no Jekyll _config.yml or Hugo config found; the defaults are for Jekyll.\n")
	}
	w.WriteString("\n")
	line := func(key string, l learned, absent string) {
		if l.value == "" {
			if absent != "" {
				fmt.Fprintf(&w, "# %s: (not learned: %s)\n", key, absent)
			}
			return
		}
		fmt.Fprintf(&w, "%s: %s  # %s\n", key, initScalar(l.value), comment(l.source))
	}
	line("series", b.series, "the group's short name, e.g. JDDUG")
	line("group", learned{b.group, b.groupSrc}, "the connpass subdomain, as in https://GROUP.connpass.com/")
	line("author", b.author, "no post has an author in its front matter")
	line("title", b.title, "the default is the event's title and レポート")
	line("slug", b.slug, "no post names end in a number; the default is connpass-{{ .Event.ID }}")
	line("image_path", b.images, "no post keeps its images in a folder named after it")
	line("out_dir", b.outDir, "")
	line("post_path", b.postPath, "")
	line("line_endings", b.endings, "")
	w.WriteString("notes_dir: notes  # your notes: notes/ID.yaml ('scaffold notes' starts one)\n")
	if strings.HasPrefix(b.site, "Hugo") {
		w.WriteString("# templates_dir: (the default templates write a Jekyll post; for Hugo front matter start from\n")
		w.WriteString("# the templates of examples/english-hugo in connpass-scaffold, or 'scaffold templates export DIR')\n")
	}
	return w.Bytes()
}

// comment is s made safe for a one-line YAML comment (and a quoted
// scalar): control characters, the line and paragraph separators YAML
// breaks lines at, noncharacters (U+FFFE, ...) and bytes that are not UTF-8
// become spaces. FuzzInitConfig checks what init writes loads back.
func comment(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError ||
			r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe {
			return ' '
		}
		return r
	}, s)
}

var plainScalarRe = lazyregexp.New(`^[A-Za-z0-9_][A-Za-z0-9_./-]*$`)

// initScalar writes v plain when that is safe, else single-quoted.
func initScalar(v string) string {
	if plainScalarRe().MatchString(v) && !isYAMLKeyword(v) {
		return v
	}
	return "'" + strings.ReplaceAll(comment(v), "'", "''") + "'"
}

func isYAMLKeyword(v string) bool {
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~":
		return true
	}
	_, err := strconv.ParseFloat(v, 64)
	return err == nil
}
