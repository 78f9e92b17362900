package scaffold

import "testing"

// FuzzInitConfig: the .scaffold.yaml that init writes from whatever it
// learned from the blog (control characters, line separators, quotes and
// invalid UTF-8 in a site's author or title included) loads back, with the
// values it wrote.
func FuzzInitConfig(f *testing.F) {
	f.Add("Jekyll (_config.yml)", "_posts", "1kano", "_posts/2025-10-29-jddug13.md", "JDDUG #{{ .Event.Number }}", "datadog-jp")
	f.Add("a\x1b[31m\u2028b", "c\u2029d", "e\x00'f\"", "g\u0085h\n: x", "true", "\xff\xfe\uffff")
	f.Add("", "", "- a", "# b", "&c", "*d")
	f.Fuzz(func(t *testing.T, site, postsDir, author, source, title, group string) {
		b := &blogFacts{
			site: site, postsDir: postsDir,
			author: learned{author, source}, title: learned{title, source}, series: learned{group, source},
			group: group, groupSrc: source,
		}
		out := b.config()
		var cfg Config
		if err := decodeYAML(out, ".scaffold.yaml", &cfg); err != nil {
			t.Fatalf("the config init writes does not load back: %v\n%s", err, out)
		}
		for _, v := range []struct{ key, got, wrote string }{
			{"author", cfg.Author, author}, {"title", cfg.Title, title}, {"series", cfg.Series, group}, {"group", cfg.Group, group},
		} {
			if v.wrote != "" && v.got != comment(v.wrote) {
				t.Errorf("%s: wrote %q, read back %q\n%s", v.key, v.wrote, v.got, out)
			}
		}
	})
}
