package fetch

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
)

// DefaultLTWords are the words that mark a lightning talk when
// TimetableOptions.LTWords is empty. Words that begin or end with an ASCII
// letter match only as whole words, so "LT" is not found in "ALTER" or "VOLT".
// Do not modify; pass your own slice in TimetableOptions instead.
var DefaultLTWords = []string{"LT", "LT枠", "ライトニングトーク", "Lightning Talk", "Lightning Talks"}

// DefaultSkipWords name the housekeeping rows of a timetable (not talks) when
// TimetableOptions.SkipWords is empty. A row is housekeeping when the first
// part of its cleaned title (up to a bracket or a separator such as ・ or /)
// is one of them, ignoring ASCII case. Do not modify.
var DefaultSkipWords = []string{
	"受付", "開場", "オープニング", "クロージング", "休憩", "懇親会", "乾杯", "写真撮影",
	"閉会", "締め", "移動", "Opening", "Closing", "Break",
}

// TimetableOptions tunes ParseTimetable. The zero value uses the defaults.
type TimetableOptions struct {
	LTWords   []string // words marking a lightning talk; empty means DefaultLTWords
	SkipWords []string // titles of rows that are not talks; empty means DefaultSkipWords
}

// ParseTimetable reads the talk list from the HTML of a connpass event
// description: every <table> whose columns can be told apart (by header text,
// or by a column of times when there is no header), and every <ul>/<ol> whose
// items mostly start with a time or carry a speaker. Rows without a speaker
// and housekeeping rows (受付, 休憩, 懇親会, ...) are skipped; a row is KindLT
// when it, or the section row or heading before it, says LT. Titles, times and
// speakers are cleaned with CleanText; an "@handle" in the speaker goes to
// the speaker's Handles.
//
// It returns nil when the description holds no timetable. It never fails:
// anything it cannot read is simply not a talk.
func ParseTimetable(descriptionHTML string, opts TimetableOptions) []Talk {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(descriptionHTML))
	if err != nil {
		return nil
	}
	return timetableOf(doc.Selection, opts)
}

// timetableOf is ParseTimetable on a parsed description: its element, or a
// document.
func timetableOf(root *goquery.Selection, opts TimetableOptions) []Talk {
	p := newTimetableParser(opts)
	p.walk(root)
	var blocks []ttBlock
	if p.sure() == 0 {
		// No table or list holds a talk: paragraphs, code blocks, headings.
		p.headingLT = false
		blocks = ttBlocks(root)
		p.blocks(blocks)
		if p.sure() == 0 {
			p.fillFromSections(blocks)
		}
	}
	return p.talks
}

// ttIsDuration reports a bracketed aside that is a length, not a speaker:
// "10分", "5 min", "20". Digits may be full-width; the English units are
// compared under Unicode case folding ("5 MIN").
func ttIsDuration(s string) bool {
	unit, ok := ttCutNumber(s)
	return ok && (unit == "" || unit == "分" || unit == "分間" ||
		strings.EqualFold(unit, "min") || strings.EqualFold(unit, "mins") || strings.EqualFold(unit, "minutes"))
}

// Header words telling a table's columns apart. Speaker words are tried
// first ("発表者" also holds "発表"), then time words ("発表時間"), then title.
var (
	ttSpeakerHeaderWords = []string{"登壇者", "発表者", "講演者", "スピーカー", "speaker", "講師", "名前", "presenter", "担当", "who"}
	ttTimeHeaderWords    = []string{"時間", "時刻", "time", "スケジュール", "schedule", "日時"}
	ttTitleHeaderWords   = []string{"内容", "タイトル", "テーマ", "発表", "title", "session", "セッション", "演題", "講演", "プログラム", "program", "agenda", "題目", "topic", "概要"}
	ttDetailHeaderWords  = []string{"詳細", "備考", "補足", "note", "detail", "メモ"}
	ttTrackHeaderWords   = []string{"track", "トラック", "room", "ルーム", "hall", "ホール"}
)

type timetableParser struct {
	ltWords   []string // longest first, for stripping a leading marker
	ltLower   []string // lower-cased, for finding a mention
	skipWords []string
	headingLT bool            // the last heading, or one above it, said LT
	headings  [7]bool         // per heading level: that heading said LT
	doubted   map[string]bool // time and title of the rows naming no one, read once
	talks     []Talk
}

func newTimetableParser(opts TimetableOptions) *timetableParser {
	lt := opts.LTWords
	if len(lt) == 0 {
		lt = DefaultLTWords
	}
	skip := opts.SkipWords
	if len(skip) == 0 {
		skip = DefaultSkipWords
	}
	p := &timetableParser{}
	for _, w := range lt {
		if w = CleanText(w); w != "" {
			p.ltWords = append(p.ltWords, w)
			p.ltLower = append(p.ltLower, strings.ToLower(w))
		}
	}
	sort.SliceStable(p.ltWords, func(i, j int) bool { return len(p.ltWords[i]) > len(p.ltWords[j]) })
	for _, w := range skip {
		if w = CleanText(w); w != "" {
			p.skipWords = append(p.skipWords, w)
		}
	}
	return p
}

// walk visits the description in document order: headings open and close
// LT sections; tables and lists are read as timetables.
func (p *timetableParser) walk(s *goquery.Selection) {
	s.Contents().Each(func(_ int, c *goquery.Selection) {
		switch goquery.NodeName(c) {
		case "h1", "h2", "h3", "h4", "h5", "h6":
			level := int(goquery.NodeName(c)[1] - '0')
			p.headings[level] = p.mentionsLT(CleanText(ttTextOf(c, false)))
			for l := level + 1; l < len(p.headings); l++ {
				p.headings[l] = false
			}
			p.headingLT = false
			for _, lt := range p.headings[:level+1] {
				p.headingLT = p.headingLT || lt
			}
		case "p":
			// Organizers often write "**LT枠**" on a line of its own for a
			// heading, or open the programme with "LT(5分) × 8枠!".
			if t, ok := ttPseudoHeading(c); ok {
				p.headingLT = p.mentionsLT(t)
			} else if lines := ttLinesOf(c, false); len(lines) > 0 && p.opensWithLT(lines[0]) {
				p.headingLT = true
			}
		case "table":
			p.table(c)
		case "ul", "ol":
			p.list(c)
		case "script", "style", "template", "#comment":
		default:
			p.walk(c)
		}
	})
}

// ttPseudoHeading reports the text of a paragraph made only of one short bold
// element.
func ttPseudoHeading(p *goquery.Selection) (string, bool) {
	var bold *goquery.Selection
	ok := true
	p.Contents().Each(func(_ int, c *goquery.Selection) {
		switch goquery.NodeName(c) {
		case "#text":
			if CleanText(c.Text()) != "" {
				ok = false
			}
		case "strong", "b":
			if bold != nil {
				ok = false
			}
			bold = c
		case "#comment":
		default:
			ok = false
		}
	})
	if !ok || bold == nil {
		return "", false
	}
	t := CleanText(ttTextOf(bold, false))
	if t == "" || utf8.RuneCountInString(t) > 40 {
		return "", false
	}
	return t, true
}

// ttTextOf returns the text of s with a space where a line or block breaks, so
// "title<br>subtitle" does not run together. With skipLists, nested lists are
// left out (a list item's own text).
func ttTextOf(s *goquery.Selection, skipLists bool) string {
	var b strings.Builder
	ttAppendText(&b, s, skipLists, ' ')
	return b.String()
}

// ttLinesOf returns the cleaned, non-empty lines of s: its text cut where a
// line or block breaks.
func ttLinesOf(s *goquery.Selection, skipLists bool) []string {
	lines, _ := ttLinesSoft(s, skipLists)
	return lines
}

// ttLinesSoft is ttLinesOf, also telling which lines follow a <br> inside
// the same block (soft) rather than start a block or follow an <hr>.
func ttLinesSoft(s *goquery.Selection, skipLists bool) (lines []string, soft []bool) {
	var b strings.Builder
	pre := goquery.NodeName(s) == "pre" || s.ParentsFiltered("pre").Length() > 0
	ttAppendTextPre(&b, s, skipLists, '\n', pre)
	for _, hard := range strings.Split(b.String(), "\n") {
		first := true
		for _, l := range strings.Split(hard, "\v") {
			if l = CleanText(l); l != "" {
				lines = append(lines, l)
				soft = append(soft, !first)
				first = false
			}
		}
	}
	return lines, soft
}

func ttAppendText(b *strings.Builder, s *goquery.Selection, skipLists bool, brk byte) {
	ttAppendTextPre(b, s, skipLists, brk, false)
}

// ttCutBullet is s without the bullet it opens with, "・", "- ", "* ", "●",
// and the spaces after it.
func ttCutBullet(s string) string {
	if r, n := utf8.DecodeRuneInString(s); n > 0 && strings.ContainsRune("・●◆○▪■□►▶", r) {
		return strings.TrimLeft(s[n:], reSpace)
	}
	if len(s) >= 2 && strings.IndexByte("-*+", s[0]) >= 0 && strings.IndexByte(reSpace, s[1]) >= 0 {
		return strings.TrimLeft(s[2:], reSpace)
	}
	return s
}

// ttNewlines turns line breaks in text into spaces.
var ttNewlines = strings.NewReplacer("\r", " ", "\n", " ")

// ttAppendTextPre writes the text of s; a line break in a text node is a
// space, except inside <pre> where it breaks the line.
func ttAppendTextPre(b *strings.Builder, s *goquery.Selection, skipLists bool, brk byte, pre bool) {
	s.Contents().Each(func(_ int, c *goquery.Selection) {
		switch name := goquery.NodeName(c); name {
		case "#text":
			t := strings.ReplaceAll(c.Text(), "\v", " ")
			if pre && brk == '\n' {
				t = strings.ReplaceAll(t, "\r\n", "\n")
			} else {
				t = ttNewlines.Replace(t)
			}
			b.WriteString(t)
		case "#comment", "script", "style", "template":
		case "br":
			if brk == '\n' {
				b.WriteByte('\v')
			} else {
				b.WriteByte(brk)
			}
		case "hr":
			b.WriteByte(brk)
		case "img":
			b.WriteByte(' ')
		case "ul", "ol":
			if skipLists {
				return
			}
			b.WriteByte(brk)
			ttAppendTextPre(b, c, skipLists, brk, pre)
			b.WriteByte(brk)
		case "p", "div", "li", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
			"blockquote", "pre", "dl", "dt", "dd", "section":
			b.WriteByte(brk)
			ttAppendTextPre(b, c, skipLists, brk, pre || name == "pre")
			b.WriteByte(brk)
		default:
			ttAppendTextPre(b, c, skipLists, brk, pre)
		}
	})
}

// --- tables ---

type ttTableCell struct {
	col, span int
	spanned   bool     // a copy of a cell above that spans this row (rowspan)
	text      string   // cleaned
	lines     []string // cleaned, one per line of the cell
	soft      []bool   // per line: it follows a <br> in the same block
	th        bool
}

type ttTableRow []ttTableCell

// at returns the text of the cell starting at column col. A cell spanning
// several columns counts for its first one only, so a spanning title is not
// read again as the speaker.
func (r ttTableRow) at(col int) string {
	if col < 0 {
		return ""
	}
	for _, c := range r {
		if c.col == col && !c.spanned {
			return c.text
		}
	}
	return ""
}

// timeAt is at, also reading a time cell spanning this row from above.
func (r ttTableRow) timeAt(col int) string {
	for _, c := range r {
		if c.col == col && c.spanned && ttLooksLikeTime(c.text) {
			return c.text
		}
	}
	return r.at(col)
}

// linesAt is at, line by line.
func (r ttTableRow) linesAt(col int) []string {
	lines, _ := r.softAt(col)
	return lines
}

// softAt is linesAt, with which lines follow a <br>.
func (r ttTableRow) softAt(col int) ([]string, []bool) {
	if col < 0 {
		return nil, nil
	}
	for _, c := range r {
		if c.col == col && !c.spanned {
			return c.lines, c.soft
		}
	}
	return nil, nil
}

func (r ttTableRow) nonEmpty() (n int, first ttTableCell) {
	for _, c := range r {
		if c.text != "" && !c.spanned {
			if n == 0 {
				first = c
			}
			n++
		}
	}
	return n, first
}

func (r ttTableRow) allTH() bool {
	for _, c := range r {
		if !c.th {
			return false
		}
	}
	return true
}

// isSection reports a row made of one non-empty cell that spans the table
// (or is alone on its row): a section title such as "LT枠".
func (r ttTableRow) isSection() (string, bool) {
	n, c := r.nonEmpty()
	if n == 1 && (c.span > 1 || len(r) == 1) {
		return c.text, true
	}
	return "", false
}

const ttMaxColspan = 100

func (p *timetableParser) table(t *goquery.Selection) {
	var rows []ttTableRow
	spanned := map[int]int{}          // column -> rows still covered by a rowspan above
	spanCell := map[int]ttTableCell{} // column -> the cell spanning down
	t.Find("tr").Each(func(_ int, tr *goquery.Selection) {
		if !tr.Closest("table").IsSelection(t) {
			return // a row of a nested table
		}
		var row ttTableRow
		col := 0
		skip := func() {
			for spanned[col] > 0 {
				spanned[col]--
				c := spanCell[col]
				c.spanned = true
				row = append(row, c)
				col++
			}
		}
		tr.Children().Each(func(_ int, td *goquery.Selection) {
			name := goquery.NodeName(td)
			if name != "td" && name != "th" {
				return
			}
			skip()
			span := 1
			if v, ok := td.Attr("colspan"); ok {
				if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 1 {
					span = min(n, ttMaxColspan)
				}
			}
			lines, soft := ttLinesSoft(td, false)
			cell := ttTableCell{
				col:   col,
				span:  span,
				text:  strings.Join(lines, " "),
				lines: lines,
				soft:  soft,
				th:    name == "th",
			}
			if v, ok := td.Attr("rowspan"); ok {
				if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 1 {
					for c := col; c < col+span; c++ {
						spanned[c] = min(n, ttMaxColspan) - 1
						spanCell[c] = cell
					}
				}
			}
			row = append(row, cell)
			col += span
		})
		skip()
		for c, n := range spanned {
			if c >= col && n > 0 {
				spanned[c]--
			}
		}
		if n, _ := row.nonEmpty(); n > 0 {
			rows = append(rows, row)
		}
	})
	if len(rows) == 0 {
		return
	}

	timeCol, titleCol, speakerCol := -1, -1, -1
	var tracks []int
	var headerRow ttTableRow
	data := rows
	header := false
	for i := 0; i < len(rows) && i < 3; i++ {
		tc, ti, sp, tr, ok := ttHeaderColumns(rows[i])
		if ok {
			timeCol, titleCol, speakerCol, tracks = tc, ti, sp, tr
			headerRow = rows[i]
			data = rows[i+1:]
			header = true
			break
		}
	}
	stats := ttColumnStats(data)
	used := func(c int) bool { return c == timeCol || c == titleCol || c == speakerCol }
	if timeCol < 0 {
		timeCol = stats.timeColumn(used)
	}
	if speakerCol < 0 && len(tracks) < 2 {
		// A column whose cells say "講師：..." or are handles, whatever its
		// header; one such cell is enough in a column of details ("詳細").
		for _, c := range stats.sortedCols() {
			st := stats[c]
			min := 2
			if header && c < len(headerRow) && ttContainsAny(strings.ToLower(headerRow.at(c)), ttDetailHeaderWords) {
				min = 1
			}
			if !used(c) && st.speakers >= min && st.speakers*3 >= st.nonEmpty {
				speakerCol = c
				if titleCol == c {
					titleCol = -1
				}
				break
			}
		}
	}
	if len(tracks) >= 2 {
		titleCol, speakerCol = tracks[0], -1
	}
	if titleCol < 0 {
		titleCol = stats.longest(used)
	}
	if !header {
		if timeCol < 0 {
			return // without a header, a column of times is what makes a timetable
		}
		if speakerCol < 0 {
			speakerCol = stats.longest(used)
		}
		if speakerCol >= 0 && stats[speakerCol].runes > stats[titleCol].runes*2 {
			// A column of asides ("備考"), not of speakers: "タイトル / 登壇者" in one cell.
			speakerCol = -1
		}
		// A header row in words we do not know ("Schedule | Topic | Who").
		if first := data[0]; first.allTH() && !ttLooksLikeTime(first.at(timeCol)) {
			data = data[1:]
		}
	}
	if titleCol < 0 {
		return
	}
	if len(tracks) < 2 {
		tracks = []int{titleCol}
	}

	sec := p.section()
	for _, r := range data {
		if text, ok := r.isSection(); ok {
			p.add(&sec, "", text, "", p.mentionsLT(text))
			continue
		}
		tm := r.timeAt(timeCol)
		for _, col := range tracks {
			lines := r.linesAt(col)
			if len(lines) == 0 {
				continue
			}
			if speakerCol < 0 {
				if items := p.lineItems(lines); len(items) >= 2 {
					// Two talks in one cell: "タイトル / 登壇者" on each line.
					for _, it := range items {
						p.add(&sec, tm, it.title, it.speaker, it.lt || p.mentionsLT(tm))
					}
					continue
				}
				// "タイトル / 登壇者" in one cell, or the title over the speakers.
				it := p.cellItem(lines)
				t := tm
				if t == "" {
					t = it.time
				}
				p.add(&sec, t, it.title, it.speaker, it.lt || p.mentionsLT(tm))
				continue
			}
			title := p.titleOfLines(r.softAt(col))
			p.add(&sec, tm, title, strings.Join(r.linesAt(speakerCol), "\n"), p.mentionsLT(r.at(col)) || p.mentionsLT(tm))
		}
	}
}

// titleOfLines is the title in a cell's lines: the first line, or the
// line after a line that is only a slot label ("■基調講演 ⏎ 「タイトル」"),
// with the short lines continuing it after a <br>; what follows a block
// break, an <hr> or a long line (an abstract) is not part of it.
func (p *timetableParser) titleOfLines(lines []string, soft []bool) string {
	for i, l := range lines {
		if i+1 < len(lines) && p.isLabelOnly(l) {
			continue
		}
		title := l
		for j := i + 1; j < len(lines) && soft[j]; j++ {
			next := lines[j]
			if utf8.RuneCountInString(next) > 40 || strings.HasSuffix(next, "。") || ttSaysSpeaker(next) {
				break
			}
			title += " " + next
		}
		if i > 0 && p.isLabelOnly(lines[i-1]) {
			if _, ok := p.stripLTMarker(lines[i-1] + " x"); ok {
				return "LT: " + title // keep the LT mark for the kind
			}
		}
		return title
	}
	return ""
}

// cellItem reads a cell holding a whole talk: the title on its first lines
// and the speakers on a line that says so ("講師：", "名前さん", "@handle"),
// the title over a line that is only a name, or "タイトル / 登壇者" on one
// line.
func (p *timetableParser) cellItem(lines []string) ttItem {
	if len(lines) == 1 {
		return p.splitItem(lines[0])
	}
	first := 0
	for first+1 < len(lines) && p.isLabelOnly(lines[first]) {
		first++
	}
	lt := false
	if first > 0 {
		_, lt = p.stripLTMarker(lines[first-1] + " x")
	}
	for i := first + 1; i < len(lines) && i <= first+3; i++ {
		if ttSaysSpeaker(lines[i]) && len(ttSplitSpeakers(strings.Join(lines[i:], "\n"))) > 0 {
			// Every line before the speaker's is the title's.
			text := ttCutBullet(strings.Join(lines[first:i], " "))
			it := p.splitItem(text)
			it.title = strings.TrimLeft(strings.TrimPrefix(text, it.time), " |｜:：-‐–—―－")
			it.speaker = strings.Join(lines[i:], "\n")
			it.lt = it.lt || lt
			return it
		}
	}
	if first+1 < len(lines) && ttLooksLikeNames(lines[first+1]) {
		it := p.splitItem(lines[first])
		if it.speaker != "" {
			it.title = strings.TrimSpace(strings.TrimPrefix(lines[first], it.time))
		}
		it.speaker = lines[first+1]
		it.lt = it.lt || lt
		return it
	}
	it := p.splitItem(lines[first])
	it.lt = it.lt || lt
	return it
}

// lineItems reads each line of a cell as "タイトル / 登壇者" when every
// line is one; nil otherwise.
func (p *timetableParser) lineItems(lines []string) []ttItem {
	if len(lines) < 2 {
		return nil
	}
	items := make([]ttItem, 0, len(lines))
	for _, l := range lines {
		title, speaker, how := ttSplitTitleSpeaker(l)
		if how == ttSplitNone || title == "" || len(ttSplitSpeakers(speaker)) == 0 || ttSaysSpeaker(title) {
			return nil
		}
		it := p.splitItem(l)
		items = append(items, it)
	}
	return items
}

// ttSaysSpeaker reports a line that names a speaker for sure: "講師：...",
// "by ...", "名前さん", "名前 氏", "@handle".
func ttSaysSpeaker(line string) bool {
	if ttStripSpeakerPrefix(line) != line {
		return true
	}
	if _, _, ok := ttFindHandle(line); ok {
		return true
	}
	for _, part := range ttSpeakerParts(line) {
		if ttEndsWithHonorific(part) {
			return true
		}
	}
	return false
}

// ttLooksLikeNames reports a short line made only of names: "小池 啓輔",
// "佐藤 倫 / 齋藤 智輝".
func ttLooksLikeNames(line string) bool {
	if utf8.RuneCountInString(line) > 40 || strings.ContainsAny(line, "～〜「」『』！？!?：:。") {
		return false
	}
	sps := ttSplitSpeakers(line)
	if len(sps) == 0 {
		return false
	}
	for _, sp := range sps {
		if utf8.RuneCountInString(sp.Name) > 20 || len(strings.Fields(sp.Name)) > 3 {
			return false
		}
	}
	return true
}

// ttHeaderColumns finds the time, title and speaker columns named by a header
// row, and the columns of parallel tracks ("Track A", "Room B", "会場1"). A
// row is a header when it names two roles, or is all <th> and names one.
func ttHeaderColumns(r ttTableRow) (timeCol, titleCol, speakerCol int, tracks []int, ok bool) {
	timeCol, titleCol, speakerCol = -1, -1, -1
	allTH := true
	roles := 0
	for _, c := range r {
		allTH = allTH && c.th
		if c.text == "" || utf8.RuneCountInString(c.text) > 20 || ttLooksLikeTime(c.text) {
			continue
		}
		low := strings.ToLower(c.text)
		switch {
		case ttContainsAny(low, ttTrackHeaderWords):
			tracks = append(tracks, c.col)
		case ttContainsAny(low, ttSpeakerHeaderWords):
			if speakerCol < 0 {
				speakerCol = c.col
				roles++
			}
		case ttContainsAny(low, ttTimeHeaderWords):
			if timeCol < 0 {
				timeCol = c.col
				roles++
			}
		case ttContainsAny(low, ttTitleHeaderWords):
			if titleCol < 0 {
				titleCol = c.col
				roles++
			}
		}
	}
	if len(tracks) >= 2 {
		roles++
	}
	ok = roles >= 2 || (allTH && roles == 1)
	if !ok {
		return -1, -1, -1, nil, false
	}
	return timeCol, titleCol, speakerCol, tracks, true
}

func ttContainsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// ttLooksLikeTime reports a cell holding a time or a time range and nothing else.
func ttLooksLikeTime(s string) bool {
	_, _, end := ttTime(s)
	return end > 0 && strings.Trim(s[end:], " -~〜～") == ""
}

type ttColStat struct{ nonEmpty, times, runes, speakers int }

type ttTableStats map[int]*ttColStat

// ttColumnStats counts, per column, the cells that are filled, that look like
// times, and their length; section rows are left out.
func ttColumnStats(rows []ttTableRow) ttTableStats {
	st := ttTableStats{}
	for _, r := range rows {
		if _, ok := r.isSection(); ok {
			continue
		}
		for _, c := range r {
			if c.text == "" {
				continue
			}
			s := st[c.col]
			if s == nil {
				s = &ttColStat{}
				st[c.col] = s
			}
			s.nonEmpty++
			s.runes += utf8.RuneCountInString(c.text)
			if ttLooksLikeTime(c.text) {
				s.times++
			}
			if ttStripSpeakerPrefix(c.text) != c.text || ttIsOnlyHandles(c.text) {
				s.speakers++
			}
		}
	}
	return st
}

// sortedCols returns the columns left to right, for a deterministic choice.
func (st ttTableStats) sortedCols() []int {
	cols := make([]int, 0, len(st))
	for c := range st {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	return cols
}

// timeColumn is the unused column with the most time-like cells, when at
// least half of its filled cells are times.
func (st ttTableStats) timeColumn(used func(int) bool) int {
	best, most := -1, 0
	for _, c := range st.sortedCols() {
		s := st[c]
		if used(c) || s.times*2 < s.nonEmpty || s.times <= most {
			continue
		}
		best, most = c, s.times
	}
	return best
}

// longest is the unused column with the most text.
func (st ttTableStats) longest(used func(int) bool) int {
	best, most := -1, 0
	for _, c := range st.sortedCols() {
		if used(c) || st[c].runes <= most {
			continue
		}
		best, most = c, st[c].runes
	}
	return best
}

// --- lists ---

// ttItem is one timetable line split into its parts.
type ttItem struct {
	time, title, speaker string
	lt                   bool // the line says LT
	evidence             bool // the line starts with a time or clearly names a speaker
}

func (p *timetableParser) list(l *goquery.Selection) {
	var items []ttItem
	evidence := 0
	l.Find("li").Each(func(_ int, li *goquery.Selection) {
		text := CleanText(ttTextOf(li, true))
		if text == "" {
			return
		}
		it, card := p.cardItem(ttLinesOf(li, true))
		if !card {
			it = p.splitItem(text)
		}
		if it.evidence {
			evidence++
		}
		items = append(items, it)
	})
	// An ordinary bullet list (対象者, 持ち物) is not a timetable.
	if len(items) == 0 || evidence*2 <= len(items) {
		return
	}
	sec := p.section()
	for _, it := range items {
		p.add(&sec, it.time, it.title, it.speaker, it.lt)
	}
}

// cardItem reads an item written as a card: a line naming the speaker
// ("株式会社OKPR 漆畑慶将さん") and a line holding the quoted title
// ("『タイトル』（仮）"), in either order, perhaps with an abstract.
func (p *timetableParser) cardItem(lines []string) (ttItem, bool) {
	var it ttItem
	for _, l := range lines {
		switch {
		case it.title == "" && (strings.HasPrefix(l, "『") || strings.HasPrefix(l, "「")):
			title := l
			if i := strings.LastIndexAny(title, "』」"); i > 0 {
				_, size := utf8.DecodeRuneInString(title[i:])
				title = title[:i+size]
			}
			it.title = title
		case it.speaker == "" && utf8.RuneCountInString(l) <= 40 && (ttSaysSpeakerLine(l) || ttOrgAndNames(l)):
			it.speaker = l
		}
	}
	if it.title == "" || it.speaker == "" {
		return ttItem{}, false
	}
	it.evidence = true
	it.lt = p.mentionsLT(it.title)
	return it, true
}

// opensWithLT reports a line that opens with an LT word followed by no
// letter ("LT(5分) × 8枠!", "LT: 5分ずつ"), not a call for speakers.
func (p *timetableParser) opensWithLT(line string) bool {
	if utf8.RuneCountInString(line) > 80 || strings.Contains(line, "募集") || strings.Contains(line, "希望") {
		return false
	}
	low := strings.ToLower(line)
	for _, w := range p.ltLower {
		if strings.HasPrefix(low, w) {
			rest := low[len(w):]
			if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !unicode.IsLetter(r) {
				return rest != ""
			}
		}
	}
	return false
}

// splitItem reads one timetable line: an optional leading time, an optional
// LT marker, then the title and the speaker, as in
//
//	19:05-19:30 タイトル / 登壇者
//	19:05 タイトル（登壇者 @handle）
//	19:05 タイトル - 登壇者
//	LT: タイトル by 登壇者
func (p *timetableParser) splitItem(text string) ttItem {
	var it ttItem
	text = ttCutBullet(text)
	rest := text
	if _, _, end := ttTime(text); end > 0 {
		it.time = text[:end]
		rest = strings.TrimLeft(text[end:], " |｜:：-‐–—―－")
		it.evidence = true
	}
	rest, marked := p.stripLTMarker(rest)
	title, speaker, how := ttSplitTitleSpeaker(rest)
	it.title, it.speaker = title, speaker
	it.lt = marked || p.mentionsLT(title) || p.mentionsLT(it.time)
	if marked || how == ttSplitBy || how == ttSplitSlash {
		it.evidence = true
	}
	if _, _, ok := ttFindHandle(text); ok {
		it.evidence = true
	}
	return it
}

type ttSplitKind int

const (
	ttSplitNone ttSplitKind = iota
	ttSplitBy
	ttSplitBracket
	ttSplitSlash
	ttSplitDash
)

// ttSplitTitleSpeaker cuts a line into title and speaker at the likeliest
// separator: " by ", a trailing bracket holding a name and a handle, " / ",
// " - ", and last any trailing bracket that is not a length like "(10分)".
func ttSplitTitleSpeaker(s string) (title, speaker string, how ttSplitKind) {
	if i := ttLastBy(s); i > 0 {
		after := s[i:]
		after = after[strings.IndexByte(after, 'y')+1:] // past " by" or "by"
		if t, sp := strings.TrimSpace(s[:i]), strings.TrimSpace(after); t != "" && sp != "" {
			return t, sp, ttSplitBy
		}
	}
	before, inner, hasBracket := ttTrailingBracket(s)
	if hasBracket && before != "" {
		if i, j, ok := ttFindHandle(inner); ok && strings.TrimSpace(inner[:i]+inner[j:]) != "" {
			return before, inner, ttSplitBracket
		}
	}
	if t, sp, ok := ttSplitLast(s, " / ", "／", " | ", "｜"); ok {
		return t, sp, ttSplitSlash
	}
	if t, sp, ok := ttSplitLast(s, ", ", "、"); ok && (ttSaysSpeaker(sp) || ttHasHonorific(sp+" ")) {
		return t, sp, ttSplitSlash // "タイトル, JXUG 田淵さん(@ytabuchi)"
	}
	if t, sp, ok := ttSplitLast(s, " - ", " – ", " — ", " ― ", " － "); ok {
		return t, sp, ttSplitDash
	}
	if name, title, ok := ttCutLeadingName(s); ok {
		return title, name, ttSplitBy
	}
	if hasBracket && before != "" && inner != "" && !ttIsDuration(inner) &&
		(ttHasHonorific(inner+" ") || strings.ContainsAny(inner, "@＠") || ttNameSlashOrg(inner)) {
		return before, inner, ttSplitBracket // "タイトル（会社 名前さん）"
	}
	return s, "", ttSplitNone
}

// ttIsOnlyHandles reports a text made of @handles (and brackets, spaces).
func ttIsOnlyHandles(s string) bool {
	rest, hs := ttCutHandles(s)
	return len(hs) > 0 && strings.Trim(rest, " ()（）/／,、") == ""
}

// ttLeadingNameRe matches a line that opens with a name and its
// honorific: "金出武雄氏 基調講演", "松ヶ谷 和沖氏 技術講演：「…」".
var ttLeadingNameRe = lazyregexp.New(`^(\S{1,12}(?: \S{1,8})?(?:氏|さん|先生|様)) (.+)$`)

// ttCutLeadingName cuts a line that opens with a name and its honorific
// (ttLeadingNameRe) into the name and the rest.
func ttCutLeadingName(s string) (name, rest string, ok bool) {
	// Most lines have no honorific followed by a space: look for one first,
	// so that the pattern is not even compiled for them.
	if !ttContainsAny(s, []string{"氏 ", "さん ", "先生 ", "様 "}) {
		return "", "", false
	}
	m := ttLeadingNameRe().FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// ttNameSlashOrg reports "名前 / 会社" (a bracket's content after a title).
func ttNameSlashOrg(s string) bool {
	name, org, ok := ttSplitLast(s, " / ", "／")
	return ok && ttLooksLikeNames(name) && !ttLooksLikeNames(org) || ok && ttIsOrg(org) && ttLooksLikeNames(name)
}

// ttLastBy finds where the last " by " (any case) starts in s, or where
// "by " right after a closing bracket does ("「タイトル」by 名前").
func ttLastBy(s string) int {
	for i := len(s) - 4; i >= 0; i-- {
		if s[i+1]|0x20 != 'b' || s[i+2]|0x20 != 'y' || s[i+3] != ' ' {
			continue
		}
		if s[i] == ' ' {
			return i
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:i+1]); r == '」' || r == '』' {
			return i + 1 // the title ends at the bracket
		}
	}
	return -1
}

// ttSplitLast cuts s at the last of the separators standing outside
// brackets, when both sides hold text.
func ttSplitLast(s string, seps ...string) (before, after string, ok bool) {
	at, size := -1, 0
	depth := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		depth = ttBracketDepth(r, depth)
		if depth == 0 {
			for _, sep := range seps {
				if strings.HasPrefix(s[i:], sep) {
					at, size = i, len(sep)
					break
				}
			}
		}
		i += n
	}
	if at < 0 {
		return "", "", false
	}
	before, after = strings.TrimSpace(s[:at]), strings.TrimSpace(s[at+size:])
	if before == "" || after == "" {
		return "", "", false
	}
	return before, after, true
}

// ttTrailingBracket splits "title (inner)" or "title（inner）"; the two kinds of
// parentheses are treated alike, and nesting is respected.
func ttTrailingBracket(s string) (before, inner string, ok bool) {
	s = strings.TrimSpace(s)
	last, size := utf8.DecodeLastRuneInString(s)
	if last != ')' && last != '）' {
		return "", "", false
	}
	end := len(s) - size
	depth := 0
	for i := len(s); i > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
		switch r {
		case ')', '）':
			depth++
		case '(', '（':
			depth--
			if depth == 0 {
				return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+n : end]), true
			}
		}
	}
	return "", "", false
}

// --- rows ---

// add turns one row into a talk, into a doubted row, or into a section
// change. A row naming no one opens an LT section when it says LT ("LT枠")
// and closes it otherwise ("休憩", "懇親会"); it is kept with the Doubt "no
// speaker" unless it is housekeeping. A row whose speaker is there but whose
// title is housekeeping ("ご挨拶") or empty is kept with a Doubt.
func (p *timetableParser) add(sec *ttSection, tm, title, speaker string, lt bool) {
	title, labelLT := p.cleanTitle(title)
	lt = lt || labelLT
	if !ttHasLetter(title) {
		title = "" // "× 3", "-"
	}
	speakers := ttSplitSpeakers(speaker)
	hk := p.housekeeping(title)
	if len(speakers) == 0 {
		switch {
		case lt && !sec.anyTime:
			*sec = ttSection{lt: true}
			sec.from, sec.to = ttMinutes(tm)
		case lt:
			// Inside a heading's LT section: it stays the heading's.
		case !sec.anyTime:
			// A row naming no one closes a row's LT section, not a heading's.
			*sec = ttSection{from: -1, to: -1}
		}
		if hk != "" && ttSplitSpeakers(speaker) == nil && strings.TrimSpace(speaker) != "" {
			return // housekeeping led by no one in particular: "オープニング | 運営"
		}
		if hk != "" || title == "" || ttLooksLikeTime(title) || p.isLTLabel(title) || p.mentionsLT(title) {
			return
		}
	}
	if ttIsPanelRole(title) && len(speakers) > 0 && len(p.talks) > 0 {
		// "モデレーター | 山田": the people of the panel on the row before.
		last := &p.talks[len(p.talks)-1]
		last.Speakers = append(last.Speakers, speakers...)
		if last.Doubt == "no speaker" {
			last.Doubt = ""
		}
		return
	}
	kind := KindTalk
	if lt || sec.covers(tm) {
		kind = KindLT
	}
	t := Talk{Time: CleanText(tm), Title: title, Speakers: speakers, Kind: kind}
	if len(speakers) == 0 {
		key := t.Time + "\x00" + t.Title
		if p.doubted[key] {
			return // read already, by another reader
		}
		if p.doubted == nil {
			p.doubted = map[string]bool{}
		}
		p.doubted[key] = true
	}
	switch {
	case len(speakers) == 0:
		t.Doubt = "no speaker"
	case hk != "":
		t.Doubt = "housekeeping word " + hk
	case title == "":
		t.Doubt = "no title"
	case strings.Contains(title, "さん@") || strings.Contains(title, "さん＠"):
		t.Doubt = "title names people only"
	case ttLooksLikeTime(title):
		t.Doubt = "title is only a time"
	}
	p.talks = append(p.talks, t)
}

// ttFindHandle finds the first "@handle" (1 to 15 of [A-Za-z0-9_], perhaps
// with inner hyphens as in "@Mura-Mi") standing
// on its own (at the start, or after a space, a bracket or a separator), and
// returns where it starts (at the '@') and ends.
func ttFindHandle(s string) (start, end int, ok bool) {
	for i := 0; i < len(s); i++ {
		at := 0
		switch {
		case s[i] == '@':
			at = 1
		case strings.HasPrefix(s[i:], "＠"):
			at = len("＠")
		default:
			continue
		}
		if i > 0 {
			// "@" right after a name is an e-mail address or an affiliation
			// ("田淵義人@エクセルソフト"), not a handle.
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); !strings.ContainsRune(" (（[［【「〔:：/／,，、・|｜", r) {
				continue
			}
		}
		j := i + at
		for j < len(s) && (ttIsHandleByte(s[j]) || s[j] == '-' && j > i+at && j+1 < len(s) && ttIsHandleByte(s[j+1])) {
			j++
		}
		if n := j - i - at; n < 1 || n > 15 {
			continue
		}
		if j+1 < len(s) && s[j] == '.' && ttIsHandleByte(s[j+1]) {
			continue // @example.com
		}
		return i, j, true
	}
	return 0, 0, false
}

func ttIsHandleByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func ttIsASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// ttIsPanelRole reports a title that is only a role in a panel:
// "モデレーター", "パネリスト：".
func ttIsPanelRole(title string) bool {
	t := strings.ToLower(strings.Trim(title, " :："))
	for _, w := range []string{"モデレーター", "モデレータ", "パネリスト", "パネラー", "司会", "ファシリテーター", "moderator", "panelist", "panelists", "facilitator"} {
		if t == w {
			return true
		}
	}
	return false
}

func ttHasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// --- sections ---

// ttSection is the LT section a row falls in: opened by an LT heading (for
// every row up to the next heading) or by a row naming no one that says LT
// ("LT枠", "20:30-21:00 LT"), for the rows without a time of their own and
// those starting within its time range (or at its time).
type ttSection struct {
	lt       bool
	from, to int // minutes since midnight; -1 when not written
	anyTime  bool
}

// section is the section the walk is in: an LT heading's, or none.
func (p *timetableParser) section() ttSection {
	return ttSection{lt: p.headingLT, from: -1, to: -1, anyTime: p.headingLT}
}

// covers reports whether a row at time tm is in the LT section; a row
// starting outside it closes it.
func (sec *ttSection) covers(tm string) bool {
	if !sec.lt {
		return false
	}
	start, _ := ttMinutes(tm)
	switch {
	case sec.anyTime || start < 0 || sec.from < 0:
		return true
	case sec.to >= 0 && start >= sec.from && start < sec.to, sec.to < 0 && start == sec.from:
		return true
	}
	sec.lt = false
	return false
}

// ttMinutes reads the start and end of a time or time range; -1 when absent.
func ttMinutes(tm string) (from, to int) {
	from, to, end := ttTime(strings.TrimSpace(tm))
	if end == 0 {
		return -1, -1
	}
	return from, to
}

// ttTime reads the time or time range s opens with: "19:05", "19:05 - 19:30",
// "19:05〜19:30", "19:05～", "９:０５" (full-width digits and colons too).
// from and to are minutes after midnight, to -1 without an end; end is the
// length of the time in s, 0 when s opens with none.
func ttTime(s string) (from, to, end int) {
	from, end = ttClock(s)
	if end == 0 {
		return -1, -1, 0
	}
	rest := strings.TrimLeft(s[end:], reSpace)
	dash, n := utf8.DecodeRuneInString(rest)
	if !strings.ContainsRune("-‐‑–—―－~〜～", dash) {
		return from, -1, end
	}
	after := strings.TrimLeft(rest[n:], reSpace)
	if to, m := ttClock(after); m > 0 {
		return from, to, len(s) - len(after) + m // "19:05 - 19:30"
	}
	if strings.ContainsRune("~〜～", dash) {
		return from, -1, len(s) - len(rest) + n // "19:05〜"
	}
	return from, -1, end
}

// ttOpensWithTime reports a text opening with a time: "19:05 タイトル".
func ttOpensWithTime(s string) bool {
	_, end := ttClock(s)
	return end > 0
}

// ttClock reads the "HH:MM" or "H:MM" s opens with, in ASCII or full-width
// digits and colons: minutes after midnight and its length in s, 0 when s
// opens with none. A third digit is not part of it: "123:45" is none.
func ttClock(s string) (minutes, end int) {
	h, i := ttDigit(s)
	if i == 0 {
		return 0, 0
	}
	if d, n := ttDigit(s[i:]); n > 0 {
		h, i = h*10+d, i+n
	}
	rest, ok := cutPrefixes(s[i:], ":", "：")
	m1, n1 := ttDigit(rest)
	m2, n2 := ttDigit(rest[n1:])
	if !ok || n1 == 0 || n2 == 0 {
		return 0, 0
	}
	return h*60 + m1*10 + m2, len(s) - len(rest) + n1 + n2
}

// ttCutNumber is s without the number it opens with, in ASCII or
// full-width digits, and the white space after it; false when it opens
// with no digit.
func ttCutNumber(s string) (string, bool) {
	rest := strings.TrimLeft(s, ttDigits)
	return strings.TrimLeft(rest, reSpace), len(rest) < len(s)
}

// ttDigits are the ASCII and the full-width digits.
const ttDigits = "0123456789０１２３４５６７８９"

// ttDigit reads the ASCII or full-width digit s opens with: its value and
// its length in s, 0 when s opens with none.
func ttDigit(s string) (digit, size int) {
	if s != "" && '0' <= s[0] && s[0] <= '9' {
		return int(s[0] - '0'), 1
	}
	if r, n := utf8.DecodeRuneInString(s); '０' <= r && r <= '９' {
		return int(r - '０'), n
	}
	return 0, 0
}

// --- words ---

// mentionsLT reports whether s holds one of the LT words. A word edge that
// is an ASCII letter must not touch another ASCII letter: "LT1" and "LT枠"
// count, "ALTER" and "VOLT" do not.
func (p *timetableParser) mentionsLT(s string) bool {
	if s == "" {
		return false
	}
	low := strings.ToLower(s)
	for _, w := range p.ltLower {
		for from := 0; from < len(low); {
			i := strings.Index(low[from:], w)
			if i < 0 {
				break
			}
			i += from
			end := i + len(w)
			okStart := !ttIsASCIILetter(w[0]) || i == 0 || !ttIsASCIILetter(low[i-1])
			okEnd := !ttIsASCIILetter(w[len(w)-1]) || end == len(low) || !ttIsASCIILetter(low[end])
			if okStart && okEnd {
				return true
			}
			from = i + 1
		}
	}
	return false
}

// stripLTMarker removes a leading LT marker from a title: "LT: ", "LT：",
// "【LT】", "[LT]", "LT1: ", "LT 1. ", "ライトニングトーク: " and the like. It
// reports whether there was one. A marker that is the whole title stays.
func (p *timetableParser) stripLTMarker(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return s, false
	}
	// Bracketed: 【LT】, [LT2], ［LT］, 〔LT〕, (LT).
	open, size := utf8.DecodeRuneInString(s)
	if closer := ttClosingBracket(open); closer != 0 {
		if k := strings.IndexRune(s[size:], closer); k >= 0 && p.isLTLabel(s[size:size+k]) {
			rest := strings.TrimLeft(s[size+k+utf8.RuneLen(closer):], " \u3000:：.．-–—|｜、")
			if rest != "" {
				return rest, true
			}
		}
		return s, false
	}
	// Plain: a word, an optional number, then a delimiter or a space.
	for _, w := range p.ltWords {
		if len(s) < len(w) || !strings.EqualFold(s[:len(w)], w) {
			continue
		}
		after := s[len(w):]
		if ttIsASCIILetter(w[len(w)-1]) && after != "" && ttIsASCIILetter(after[0]) {
			continue // "LTV"
		}
		rest := strings.TrimLeft(after, " \u3000") // CleanText keeps ideographic spaces
		rest = strings.TrimLeft(rest, "#＃")
		rest = strings.TrimLeft(rest, "0123456789０１２３４５６７８９")
		rest = strings.TrimLeft(rest, " \u3000")
		delimited := false
		for _, d := range []string{":", "：", ".", "．", ")", "）", "-", "–", "—", "|", "｜", "、"} {
			if strings.HasPrefix(rest, d) {
				rest, delimited = rest[len(d):], true
				break
			}
		}
		if !delimited && len(rest) == len(after) {
			continue // "LT枠" read with the word "LT": no space, no number, no delimiter
		}
		if rest = strings.TrimSpace(rest); rest != "" {
			return rest, true
		}
	}
	return s, false
}

func ttClosingBracket(r rune) rune {
	switch r {
	case '【':
		return '】'
	case '[':
		return ']'
	case '［':
		return '］'
	case '〔':
		return '〕'
	case '(':
		return ')'
	case '（':
		return '）'
	}
	return 0
}

// isLTLabel reports a bracket's content that is only an LT word and perhaps
// a number: "LT", "LT2", "LT #3".
func (p *timetableParser) isLTLabel(s string) bool {
	s = strings.TrimSpace(s)
	for _, w := range p.ltWords {
		if len(s) < len(w) || !strings.EqualFold(s[:len(w)], w) {
			continue
		}
		if strings.Trim(s[len(w):], " #＃0123456789０１２３４５６７８９") == "" {
			return true
		}
	}
	return false
}

func ttIsSkipSeparator(r rune) bool {
	switch r {
	case '(', ')', '（', '）', '[', ']', '［', '］', '【', '】', '〔', '〕', '「', '」',
		'・', '/', '／', '&', '＆', '、', ',', '，', '|', '｜', ':', '：', '+', '＋', '~', '〜', '～', '-', '–', '—', '!', '！':
		return true
	}
	return false
}
