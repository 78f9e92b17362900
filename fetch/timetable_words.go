package fetch

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
)

// ttHousekeepingWords mark a row that is not a talk wherever they stand in
// its title, whatever TimetableOptions.SkipWords says: greetings, cleanup,
// surveys, Q&A, buffers, announcements, placeholders. Words that begin or end
// with an ASCII letter match only as whole words, ignoring case.
var ttHousekeepingWords = []string{
	"挨拶", "あいさつ", "片付け", "片づけ", "撤収", "撤退", "解散", "アンケート", "質疑応答", "質問タイム",
	"Q&A", "Q＆A", "概要説明", "概要の説明", "会場説明", "趣旨説明", "会の説明", "ルール説明", "お知らせ", "会場紹介",
	"自己紹介", "メンバー紹介", "活動報告", "バッファ", "buffer", "延長", "乾杯", "集合写真", "写真撮影",
	"記念撮影", "フォトセッション", "networking", "ネットワーキング", "懇親会", "交流会", "打ち上げ",
	"もくもく", "休憩", "受付", "開場", "開会", "閉会", "閉場", "LT枠", "LT募集", "公募枠", "参加者枠",
	"募集中", "募集", "行動規範", "プライバシーポリシー", "主催者から", "運営から", "会場提供", "飲食提供",
	"スポンサー紹介", "投票", "表彰", "結果発表", "成果発表", "終了", "準備中", "総評", "ランチ", "昼休み",
	"昼食", "lunch", "break", "Q and A", "エンディング",
}

// ttHousekeepingTitles are titles (or the first words of titles) that are
// not talks, whatever follows them: "Opening Talk", "OP", "ED".
var ttHousekeepingTitles = []string{
	"OP", "ED", "QA", "Open", "Opening", "Closing", "Opening Talk", "Closing Talk", "Opening Remarks", "Closing Remarks",
	"Welcome", "Intro", "オープニング", "クロージング", "まとめ", "説明", "案内", "雑談", "フリータイム",
	"その他の話題", "その他",
}

// housekeeping returns the word that makes title a housekeeping row, or "".
func (p *timetableParser) housekeeping(title string) string {
	if title == "" {
		return ""
	}
	if w := p.skipWord(title); w != "" {
		return w
	}
	low := strings.ToLower(title) // once, not once per word: lower-casing Japanese text is slow
	for i, lw := range ttHousekeepingLower() {
		if ttContainsLower(low, lw) {
			return ttHousekeepingWords[i]
		}
	}
	first := title
	if parts := strings.FieldsFunc(title, ttIsSkipSeparator); len(parts) > 0 {
		first = strings.TrimSpace(parts[0])
	}
	for _, w := range ttHousekeepingTitles {
		if strings.EqualFold(first, w) {
			return w
		}
	}
	return ""
}

// skipWord returns the configured skip word that the first part of title
// (up to a bracket or a separator) is, perhaps with a length ("休憩 10分").
func (p *timetableParser) skipWord(title string) string {
	parts := strings.FieldsFunc(title, ttIsSkipSeparator)
	if len(parts) == 0 {
		return ""
	}
	first := strings.TrimSpace(parts[0])
	for _, w := range p.skipWords {
		if strings.EqualFold(first, w) {
			return w
		}
		if len(first) > len(w) && strings.EqualFold(first[:len(w)], w) && first[len(w)] == ' ' &&
			ttIsDuration(strings.TrimSpace(first[len(w):])) {
			return w
		}
	}
	return ""
}

// ttContainsWord reports whether s holds w, ignoring ASCII case; an edge of
// w that is an ASCII letter must not touch another ASCII letter.
func ttContainsWord(s, w string) bool {
	return ttContainsLower(strings.ToLower(s), strings.ToLower(w))
}

// ttHousekeepingLower is ttHousekeepingWords in lower case, made once.
var ttHousekeepingLower = sync.OnceValue(func() []string {
	out := make([]string, len(ttHousekeepingWords))
	for i, w := range ttHousekeepingWords {
		out[i] = strings.ToLower(w)
	}
	return out
})

// ttContainsLower is ttContainsWord on text and word already in lower case.
func ttContainsLower(low, lw string) bool {
	if lw == "" {
		return false
	}
	for from := 0; from < len(low); {
		i := strings.Index(low[from:], lw)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(lw)
		okStart := !ttIsASCIILetter(lw[0]) || i == 0 || !ttIsASCIILetter(low[i-1])
		okEnd := !ttIsASCIILetter(lw[len(lw)-1]) || end == len(low) || !ttIsASCIILetter(low[end])
		if okStart && okEnd {
			return true
		}
		from = i + 1
	}
	return false
}

// ttLabelRe matches a slot label in front of a title: "session①",
// "セッション#1", "講演A（20分）", "第1部", "トークセッション：", "セッションー".
var ttLabelRe = lazyregexp.New(`(?i)^(?:[■●◆◇▼▶□○・★☆]\s*)?(?:(?:オープニング|クロージング|特別|基調|招待|技術)?(?:トークセッション|セッション|講演)|session|第\s*[0-9０-９一二三四五六七八九十]+\s*部)\s*[#＃]?\s*(?:[0-9０-９]+|[A-Za-z]\b|[Ａ-Ｚ]|[①-⑳])?\s*(?:[(（][^)）]{0,12}[)）])?\s*(?:[:：\-‐–—―ー|｜.．]\s*|\s+|$)`)

// ttLabelEnd is where the slot label s opens with ends (ttLabelRe); false
// when it opens with none.
func ttLabelEnd(s string) (int, bool) {
	// Most titles open with none of the label's words: look for one first,
	// so that the pattern is not even compiled for them.
	rest, _ := ttCutMark(s)
	rest, _ = cutPrefixes(rest, "オープニング", "クロージング", "特別", "基調", "招待", "技術")
	if _, ok := cutPrefixes(rest, "トークセッション", "セッション", "講演", "第"); !ok {
		if _, ok := ttCutPrefixFold(rest, "session"); !ok {
			return 0, false
		}
	}
	loc := ttLabelRe().FindStringIndex(s)
	if loc == nil {
		return 0, false
	}
	return loc[1], true
}

// ttCutPrefixFold is s without prefix when s opens with it under Unicode
// case folding, as (?i) in a pattern compares: "SESSION", and "ſession"
// with a long s.
func ttCutPrefixFold(s, prefix string) (string, bool) {
	end := 0 // after as many runes of s as prefix has (fewer: all of s, and no match)
	for range utf8.RuneCountInString(prefix) {
		_, n := utf8.DecodeRuneInString(s[end:])
		end += n
	}
	if !strings.EqualFold(s[:end], prefix) {
		return s, false
	}
	return s[end:], true
}

// ttMarks are the marks that may open a line: "■", "●", "・".
const ttMarks = "■●◆◇▼▶□○・★☆"

// ttCutMark is s without the mark it opens with and the spaces after it.
func ttCutMark(s string) (string, bool) {
	if r, n := utf8.DecodeRuneInString(s); n > 0 && strings.ContainsRune(ttMarks, r) {
		return strings.TrimLeft(s[n:], reSpace), true
	}
	return s, false
}

// cleanTitle removes a slot label ("session①", "LT1:") and one pair of
// brackets around the whole title. It reports whether the label said LT.
func (p *timetableParser) cleanTitle(title string) (string, bool) {
	title = CleanText(title)
	title, _ = ttCutMark(title)
	title, lt := p.stripLTMarker(title)
	if end, ok := ttLabelEnd(title); ok && end > 0 {
		if rest := strings.TrimSpace(title[end:]); rest != "" {
			title = rest
		}
	}
	// "セッション「タイトル」", "セッション#1「タイトル」"
	if i := strings.Index(title, "「"); i > 0 && strings.HasSuffix(title, "」") && p.isLabelOnly(title[:i]) {
		title = title[i:]
	}
	// "対談スタート", "LT開始": the slot, not its start
	for _, suffix := range []string{"スタート", "開始"} {
		if rest := strings.TrimSpace(strings.TrimSuffix(title, suffix)); rest != title && ttHasLetter(rest) {
			title = rest
		}
	}
	return ttUnquote(title), lt
}

// isLabelOnly reports a line that is only a slot label: "■基調講演",
// "講演A（20分）", "LT1", "セッション2".
func (p *timetableParser) isLabelOnly(line string) bool {
	line = CleanText(line)
	if _, marked := ttCutMark(line); marked && utf8.RuneCountInString(line) <= 25 && !strings.ContainsAny(line, "「『\"“") {
		return true
	}
	if end, ok := ttLabelEnd(line); ok && strings.TrimSpace(line[end:]) == "" {
		return true
	}
	return p.isLTLabel(strings.Trim(line, "【】[]［］:： "))
}

// ttUnquote drops one pair of 「」 or 『』 (or quotes) around the whole title.
func ttUnquote(s string) string {
	s = strings.TrimSpace(s)
	for _, q := range [][2]string{{"「", "」"}, {"『", "』"}, {"\"", "\""}, {"“", "”"}} {
		if strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) && len(s) > len(q[0])+len(q[1]) {
			inner := s[len(q[0]) : len(s)-len(q[1])]
			if !strings.Contains(inner, q[0]) && !strings.Contains(inner, q[1]) {
				return strings.TrimSpace(inner)
			}
		}
	}
	return s
}
