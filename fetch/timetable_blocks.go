package fetch

import (
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
)

// The block reader: for descriptions whose tables and lists hold no talk,
// the timetable may be written as paragraphs (lines cut by <br>), a code
// block, or one heading per talk. The description becomes a stream of
// blocks (headings and lines) read in order.

type ttBlock struct {
	level int    // 1-6 for a heading, 0 for a line
	text  string // cleaned
}

// ttBlocks flattens the description into headings and lines.
func ttBlocks(s *goquery.Selection) []ttBlock {
	var out []ttBlock
	var walk func(s *goquery.Selection)
	flush := func(c *goquery.Selection) {
		for _, l := range ttLinesOf(c, false) {
			if l = ttCutBullet(l); l != "" {
				out = append(out, ttBlock{text: l})
			}
		}
	}
	walk = func(s *goquery.Selection) {
		s.Contents().Each(func(_ int, c *goquery.Selection) {
			switch name := goquery.NodeName(c); name {
			case "h1", "h2", "h3", "h4", "h5", "h6":
				if t := CleanText(ttTextOf(c, false)); t != "" {
					out = append(out, ttBlock{level: int(name[1] - '0'), text: t})
				}
			case "script", "style", "template", "#comment":
			case "#text":
				if t := CleanText(c.Text()); t != "" {
					out = append(out, ttBlock{text: t})
				}
			case "p", "pre", "li", "dt", "dd", "td", "th", "blockquote":
				if c.Find("h1, h2, h3, h4, h5, h6, p, table, ul, ol, div").Length() > 0 {
					walk(c)
					return
				}
				flush(c)
			default:
				if c.Children().Length() == 0 || c.Find("br").Length() > 0 && c.Find("h1, h2, h3, h4, h5, h6, p, table, ul, ol, div").Length() == 0 {
					flush(c)
					return
				}
				walk(c)
			}
		})
	}
	walk(s)
	return out
}

// ttHasHonorific reports an honorific ending a name: "名前氏", "名前さん、",
// "名前様 (会社)": さん, 氏, 様 or 先生 at the end of s or before white space
// or one of 、,，/／)）※(（】]＊*.
func ttHasHonorific(s string) bool {
	for i := range s {
		for _, h := range [...]string{"さん", "氏", "様", "先生"} {
			if rest, ok := strings.CutPrefix(s[i:], h); ok {
				next, _ := utf8.DecodeRuneInString(rest)
				if rest == "" || strings.ContainsRune(reSpace+"、,，/／)）※(（】]＊*", next) {
					return true
				}
			}
		}
	}
	return false
}

// ttNumberingRe matches a numbering opening a heading: "(1)", "（６）", "1.".
var ttNumberingRe = lazyregexp.New(`^(?:[(（][0-9０-９]+[)）]|[0-9０-９]+[.．、]\s)\s*`)

// blocks reads talks from the stream: lines (or headings) starting with a
// time, each perhaps followed by a line naming its speakers; headings
// followed in their section by a line naming a speaker; headings holding
// a @handle.
func (p *timetableParser) blocks(bs []ttBlock) {
	p.timeLines(bs)
	if p.sure() > 0 {
		return
	}
	p.headingTalks(bs)
	if p.sure() > 0 {
		return
	}
	p.fieldCards(bs)
}

// ttTitleFieldRe matches a line giving a talk's title as a field:
// "LTテーマ：タイトル", "タイトル: ...", "演題：...".
var ttTitleFieldRe = lazyregexp.New(`(?i)^((?:LT|ＬＴ)?\s*(?:テーマ|タイトル|演題|発表タイトル|講演タイトル|発表テーマ|title))\s*[:：]\s*(.+)$`)

// ttTitleField cuts a line giving a talk's title as a field (ttTitleFieldRe)
// into the field's name and the title.
func ttTitleField(s string) (name, title string, ok bool) {
	// Most lines are no field: look for its name first, so that the
	// pattern is not even compiled for them.
	rest := s
	if after, ok := ttCutPrefixFold(rest, "lt"); ok {
		rest = after
	} else if after, ok := ttCutPrefixFold(rest, "ＬＴ"); ok {
		rest = after
	}
	rest = strings.TrimLeft(rest, reSpace)
	if _, ok := cutPrefixes(rest, "テーマ", "タイトル", "演題", "発表タイトル", "講演タイトル", "発表テーマ"); !ok {
		if _, ok := ttCutPrefixFold(rest, "title"); !ok {
			return "", "", false
		}
	}
	m := ttTitleFieldRe().FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// fieldCards reads talks written as fields: a line naming the speaker
// ("【名前氏＊会社 役職】") and, before the next speaker, a line
// "LTテーマ：タイトル".
func (p *timetableParser) fieldCards(bs []ttBlock) {
	sec := p.section()
	speaker := ""
	for _, b := range bs {
		if name, title, ok := ttTitleField(b.text); ok {
			if speaker != "" {
				p.add(&sec, "", title, speaker, p.mentionsLT(name))
				speaker = ""
			}
			continue
		}
		if b.level > 0 && speaker == "" {
			continue
		}
		if utf8.RuneCountInString(b.text) <= 80 && !strings.Contains(b.text, "。") && ttHasHonorific(b.text) &&
			len(ttSplitSpeakers(b.text)) > 0 {
			speaker = b.text
		}
	}
}

// sure counts the talks read so far without a doubt.
func (p *timetableParser) sure() int {
	n := 0
	for _, t := range p.talks {
		if t.Doubt == "" {
			n++
		}
	}
	return n
}

func (p *timetableParser) timeLines(bs []ttBlock) {
	timed := 0
	for _, b := range bs {
		if ttOpensWithTime(b.text) {
			timed++
		}
	}
	if timed < 2 {
		return // one time is a date line, not a timetable
	}
	sec := p.section()
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if b.level > 0 {
			sec = ttSection{lt: p.mentionsLT(b.text), from: -1, to: -1, anyTime: p.mentionsLT(b.text)}
		}
		if !ttOpensWithTime(b.text) {
			continue
		}
		it := p.splitItem(b.text)
		if it.speaker == "" && i+1 < len(bs) {
			next := bs[i+1]
			if (next.level == 0 || b.level > 0 && next.level > b.level) && !ttOpensWithTime(next.text) &&
				(ttSaysSpeakerLine(next.text) || ttOrgAndNames(next.text)) {
				it.speaker = next.text
				i++
			}
		}
		if it.time == "" || it.title == "" && it.speaker == "" {
			continue
		}
		p.add(&sec, it.time, it.title, it.speaker, it.lt)
	}
}

// ttOrgAndNames reports a short line of organizations and names:
// "Steampunk Digital株式会社 吉永 崇".
func ttOrgAndNames(s string) bool {
	if utf8.RuneCountInString(s) > 160 || strings.ContainsAny(s, "。！？!?") {
		return false
	}
	for _, sp := range ttSplitSpeakers(s) {
		if sp.Affiliation != "" && ttIsOrg(sp.Affiliation) {
			return true
		}
	}
	return false
}

// ttSaysSpeakerLine reports a line naming a speaker with an honorific,
// a handle or a prefix, short enough not to be a sentence.
func ttSaysSpeakerLine(s string) bool {
	if utf8.RuneCountInString(s) > 160 || strings.Contains(s, "。") {
		return false
	}
	return ttSaysSpeaker(s) || ttHasHonorific(s)
}

func (p *timetableParser) headingTalks(bs []ttBlock) {
	// Headings holding a @handle: "(1)名前 ( @handle ) のコーナー".
	var withHandle []int
	for i, b := range bs {
		if b.level == 0 {
			continue
		}
		if _, j, ok := ttFindHandle(b.text); ok {
			// Something of its own after the handle ("のコーナー"), not a
			// profile's "(@handle) / Twitter"; or a slot label before it
			// ("LT1: タイトル @handle").
			rest := strings.TrimSpace(ttTwitterRe().ReplaceAllString(b.text[j:], ""))
			for _, h := range ttHonorifics {
				rest = strings.TrimSuffix(rest, h)
			}
			_, labelled := p.stripLTMarker(b.text)
			_, label := ttLabelEnd(b.text)
			labelled = labelled || label
			if ttHasLetter(rest) || labelled {
				withHandle = append(withHandle, i)
			}
		}
	}
	if len(withHandle) >= 2 {
		sec := p.section()
		for _, i := range withHandle {
			if text := bs[i].text; ttHasSlotLabel(p, text) {
				// "LT1: タイトル @handle"
				h, _, _ := ttFindHandle(text)
				title, lt := p.stripLTMarker(text[:h])
				p.add(&sec, "", title, text[h:], lt)
				continue
			}
			title := ttNumberingRe().ReplaceAllString(bs[i].text, "")
			h, _, _ := ttFindHandle(title)
			speaker := strings.TrimSpace(title[:h])
			speaker = strings.TrimRight(speaker, " (（[［")
			speaker = ttBracketLabelRe().ReplaceAllString(speaker, "")
			_, j, _ := ttFindHandle(title)
			speaker += " " + title[h:j]
			p.add(&sec, "", title, speaker, false)
		}
		return
	}
	// A heading, then in its section a line or a lower heading naming the
	// speaker: "### タイトル ⏎ #### 名前 氏".
	sec := p.section()
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if b.level == 0 || ttSaysSpeakerLine(b.text) || ttIsGenericHeading(b.text) {
			continue
		}
		for j := i + 1; j < len(bs) && j <= i+6; j++ {
			n := bs[j]
			if n.level > 0 && n.level <= b.level {
				break
			}
			if ttOpensWithTime(n.text) && n.level == 0 {
				continue // "(19:30〜20:30)"
			}
			if utf8.RuneCountInString(n.text) <= 60 && ttHasHonorific(n.text) && !strings.Contains(n.text, "。") {
				if sps := ttSplitSpeakers(n.text); len(sps) > 0 {
					p.add(&sec, "", b.text, n.text, p.mentionsLT(b.text))
					i = j
				}
				break
			}
		}
	}
}

// ttBracketLabelRe matches a bracketed label such as 【ゲスト】.
var ttBracketLabelRe = lazyregexp.New(`[【\[［][^】\]］]{1,10}[】\]］]\s*`)

// ttTwitterRe matches what a pasted X profile title adds: ") / Twitter".
var ttTwitterRe = lazyregexp.New(`(?i)[\s)）]*(?:/\s*(?:twitter|x))?`)

// ttGenericHeadings name a part of a description, not a talk.
var ttGenericHeadings = []string{
	"講師", "発表者", "登壇者", "スピーカー", "speaker", "タイムテーブル", "time table", "timetable", "スケジュール",
	"schedule", "アジェンダ", "agenda", "プログラム", "program", "セッション", "session", "keynote", "invited",
	"概要", "内容", "対象", "会場", "日時", "ゲスト", "プロフィール", "自己紹介", "略歴", "紹介", "予定", "について",
	"参加", "申込", "注意", "持ち物", "主催", "協賛", "スポンサー", "sponsor", "お問い合わせ", "アクセス",
	"パネリスト", "モデレーター", "モデレータ", "司会", "panelist", "moderator", "オーガナイザー", "organizer",
	"運営", "主催者", "スタッフ", "メンバー", "メンター", "チューター", "連絡先", "協力", "後援", "共催", "提供",
	"staff", "member", "contact", "host",
}

// ttIsGenericHeading reports a short heading naming a part of the page
// ("講師紹介", "Keynote Speech", "当日のアジェンダ").
func ttIsGenericHeading(s string) bool {
	if utf8.RuneCountInString(s) > 20 {
		return false
	}
	low := strings.ToLower(s)
	for _, w := range ttGenericHeadings {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// ttSlotWords are titles of a slot whose presenter is often named only in a
// section of its own (講師, パネリスト): 講義, ハンズオン, 対談.
var ttSlotWords = []string{
	"講義", "ハンズオン", "対談", "座談会", "パネルセッション", "パネルディスカッション", "パネル",
	"プレゼンテーション", "講演", "基調講演", "招待講演", "ワークショップ", "トークセッション",
}

// ttSpeakerSectionWords mark a heading over the presenters of the event.
var ttSpeakerSectionWords = []string{
	"講師", "登壇者", "発表者", "スピーカー", "speaker", "パネリスト", "モデレーター", "ゲスト", "出演", "対談",
}

// fillFromSections gives the one timetable row that names no one but is a
// presenter's slot ("19:40 講義") the people of the description's speaker
// section ("## 講師紹介 ⏎ 坂本雄彦 ⏎ bio..."), and takes its doubt away.
func (p *timetableParser) fillFromSections(bs []ttBlock) {
	row := -1
	for i, t := range p.talks {
		if t.Doubt != "no speaker" {
			continue
		}
		slot := false
		for _, w := range ttSlotWords {
			if strings.HasPrefix(t.Title, w) && utf8.RuneCountInString(t.Title) <= utf8.RuneCountInString(w)+4 {
				slot = true
			}
		}
		if !slot {
			continue
		}
		if row >= 0 {
			return // two such rows: which people go where is not written
		}
		row = i
	}
	if row < 0 {
		return
	}
	var people []Speaker
	for i := 0; i < len(bs); i++ {
		h := bs[i]
		if h.level == 0 || utf8.RuneCountInString(h.text) > 30 ||
			!ttContainsAny(strings.ToLower(h.text), ttSpeakerSectionWords) && h.text != p.talks[row].Title {
			continue
		}
		for j := i + 1; j < len(bs); j++ {
			b := bs[j]
			if b.level > 0 && b.level <= h.level {
				break
			}
			if utf8.RuneCountInString(b.text) > 40 || strings.ContainsAny(b.text, "。、") {
				continue
			}
			if ttSaysSpeakerLine(b.text) || ttLooksLikeNames(b.text) || ttOrgAndNames(b.text) {
				people = append(people, ttSplitSpeakers(b.text)...)
			}
		}
		break
	}
	if len(people) == 0 {
		return
	}
	p.talks[row].Speakers = people
	p.talks[row].Doubt = ""
}

// ttHasSlotLabel reports a text opening with a slot label: "LT1:", "セッション2".
func ttHasSlotLabel(p *timetableParser, s string) bool {
	_, lt := p.stripLTMarker(s)
	_, label := ttLabelEnd(s)
	return lt || label
}
