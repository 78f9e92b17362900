package fetch

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
)

// Speakers: how the text naming the presenters of a row becomes a list of
// Speaker, each with a name (no honorific, no company, no handle), every
// handle and the affiliation written beside them.

// ttHonorifics end a name; they are dropped.
var ttHonorifics = []string{"さん", "氏", "様", "さま", "先生"}

// ttSpeakerPrefixes introduce the speaker part of a line or cell.
var ttSpeakerPrefixes = []string{
	"講師", "登壇者", "発表者", "講演者", "スピーカー", "speaker", "speakers", "presenter",
	"モデレーター", "モデレータ", "パネリスト", "ゲスト", "司会", "by",
}

// ttOrgMarkers make a word an organization's name.
var ttOrgMarkers = []string{
	"株式会社", "(株)", "（株）", "㈱", "有限会社", "合同会社", "一般社団法人", "社団法人", "財団法人",
	"法人", "会社",
	"大学", "研究所", "研究室", "事務所", "事務局", "協会", "機構", "センター", "支部", "本部",
	"チーム", "グループ", "コミュニティ", "ユーザーグループ", "user group", "実行委員会",
	"省", "庁", "運営",
}

// ttRoleMarkers make a word a job title: left out of names and affiliations.
var ttRoleMarkers = []string{
	"ceo", "cto", "coo", "cfo", "cpo", "cio", "cco", "cmo", "cso", "cdo", "chro", "vpoe", "vp", "founder", "manager", "engineer", "director",
	"evangelist", "advocate", "architect", "lead", "head", "researcher", "professor",
	"代表", "取締役", "社長", "会長", "執行役員", "役員", "部長", "課長", "室長", "所長", "局長", "理事",
	"本部長", "センター長", "リーダー", "マネージャー", "マネージャ", "エンジニア", "アーキテクト",
	"ディレクター", "デザイナー", "エバンジェリスト", "アドボケイト", "プロデューサー", "リサーチャ",
	"研究員", "研究者", "オーガナイザー", "organizer", "委員", "教授", "准教授", "講師", "助教", "著者", "担当", "主任", "フェロー", "博士", "学長",
	"コンサルタント", "スペシャリスト", "プランナー", "ストラテジスト", "オフィサー", "cxo",
}

// ttNotPersons are speaker texts that name no one.
var ttNotPersons = []string{
	"運営", "運営チーム", "運営メンバー", "運営一同", "運営陣", "スタッフ", "全員", "参加者", "参加者全員", "みんな",
	"みなさん", "皆さん", "皆様", "有志", "主催者", "主催", "司会", "各自", "各社", "各チーム", "各コミュニティ",
	"未定", "調整中", "募集中", "tba", "tbd", "staff", "all", "everyone", "organizer", "organizers",
	"誰か", "希望者", "ゲスト", "講師", "登壇者", "発表者", "スポンサー", "協賛企業",
}

// ttNotPersonWords inside a speaker text make it name no one.
var ttNotPersonWords = []string{
	"全員", "募集", "撤退", "撤収", "未定", "調整中", "など", "予定", "決定", "お申し込み", "お申込み",
	"誰か", "終了", "開始", "自由", "各自", "応募", "説明", "発表", "紹介", "について", "ください", "下さい",
	"お願い", "まで", "方は", "ます", "です", "しょう",
}

// ttSplitSpeakers reads the speaker text of a row: several speakers are
// separated by line breaks, "、", " / ", "&", " and "; a part that is only a
// handle or only an organization belongs to the speaker before it.
func ttSplitSpeakers(s string) []Speaker {
	var out []Speaker
	pending := "" // an organization written before the first name
	for _, line := range strings.Split(s, "\n") {
		line = ttStripSpeakerPrefix(CleanText(line))
		line = strings.TrimSpace(ttDropAsides(line))
		for _, part := range ttSpeakerParts(line) {
			sp, ok := ttParseSpeaker(part)
			if !ok {
				continue
			}
			if len(out) == 0 && sp.Name == "" && len(sp.Handles) == 0 {
				if pending == "" {
					pending = sp.Affiliation
				}
				continue
			}
			if sp.Affiliation == "" && sp.Name != "" {
				sp.Affiliation = pending
			}
			if n := len(out); n > 0 && sp.Name == "" {
				// "名前 / @handle", "名前 / 会社", "名前 ⏎ (会社)"
				out[n-1].Handles = append(out[n-1].Handles, sp.Handles...)
				if out[n-1].Affiliation == "" {
					out[n-1].Affiliation = sp.Affiliation
				}
				continue
			}
			if sp.Name == "" {
				if len(sp.Handles) == 0 {
					continue // an organization alone names no one
				}
				sp.Name = sp.Handles[0]
			}
			out = append(out, sp)
		}
	}
	return out
}

// ttAsideRe matches asides written after speakers: "(順不同)", "ほか".
var ttAsideRe = lazyregexp.New(`[(（]順不同[)）]|[(（]敬称略[)）]|順不同|敬称略`)

// ttDropAsides removes the asides ttAsideRe matches.
func ttDropAsides(s string) string {
	// Most lines have none: look for one first, so that the pattern is
	// not even compiled for them.
	if !strings.Contains(s, "順不同") && !strings.Contains(s, "敬称略") {
		return s
	}
	return ttAsideRe().ReplaceAllString(s, "")
}

// ttStripSpeakerPrefix removes "講師：", "by ", "発表者 :" in front of a name.
func ttStripSpeakerPrefix(s string) string {
	for {
		low := strings.ToLower(s)
		cut := false
		for _, p := range ttSpeakerPrefixes {
			if !strings.HasPrefix(low, p) {
				continue
			}
			rest := s[len(p):]
			trimmed := strings.TrimLeft(rest, " ")
			switch {
			case strings.HasPrefix(trimmed, ":"), strings.HasPrefix(trimmed, "："):
				_, size := utf8.DecodeRuneInString(trimmed)
				s, cut = strings.TrimSpace(trimmed[size:]), true
			case p == "by" && len(trimmed) < len(rest):
				s, cut = trimmed, true
			}
			if cut {
				break
			}
		}
		if !cut {
			return s
		}
	}
}

// ttBracketDepth is the bracket depth after r, given the depth before it:
// the round, square, lenticular and corner brackets open and close; a stray
// closing bracket at depth 0 is ignored.
func ttBracketDepth(r rune, depth int) int {
	switch r {
	case '(', '（', '[', '［', '【', '「', '『':
		return depth + 1
	case ')', '）', ']', '］', '】', '」', '』':
		if depth > 0 {
			return depth - 1
		}
	}
	return depth
}

// ttSpeakerParts cuts a line at the separators of several speakers, outside
// brackets.
func ttSpeakerParts(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		depth = ttBracketDepth(r, depth)
		sep := 0
		if depth == 0 {
			switch {
			case r == '、' || r == '，' || r == '／' || r == '＆' || r == ',':
				sep = n
			case strings.HasPrefix(s[i:], " / "), strings.HasPrefix(s[i:], " & "):
				sep = 3
			case strings.HasPrefix(s[i:], " and "):
				sep = len(" and ")
			}
		}
		if sep > 0 {
			parts = append(parts, s[start:i])
			i += sep
			start = i
			continue
		}
		i += n
	}
	parts = append(parts, s[start:])
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ttParseSpeaker reads one speaker: handles, then a bracketed or "@"-joined
// affiliation, then the honorific, then an organization or job title
// written before the name. ok is false when the text names no one.
func ttParseSpeaker(s string) (sp Speaker, ok bool) {
	s = CleanText(s)
	if i := strings.Index(s, "※"); i > 0 {
		s = strings.TrimSpace(s[:i]) // an aside
	}
	if strings.HasPrefix(s, "【") && strings.HasSuffix(s, "】") {
		s = strings.TrimSpace(s[len("【") : len(s)-len("】")])
	}
	s, sp.Handles = ttCutHandles(s)
	s = ttCutAtSymbol(s)
	// "名前氏＊会社 役職"
	if i := strings.IndexAny(s, "＊*"); i > 0 {
		_, size := utf8.DecodeRuneInString(s[i:])
		var org []string
		for _, w := range strings.Fields(s[i+size:]) {
			if !ttIsRole(w) {
				org = append(org, w)
			}
		}
		sp.Affiliation = strings.Join(org, " ")
		s = strings.TrimSpace(s[:i])
	}
	s = strings.Trim(s, " !！:：-‐–—―－|｜・,，")
	// "名前 (会社)", "名前（よみがな）"
	for {
		before, inner, ok := ttTrailingBracket(s)
		if !ok {
			break
		}
		if inner != "" && !ttIsHiragana(inner) && !ttIsDuration(inner) && sp.Affiliation == "" {
			sp.Affiliation = inner
		}
		if before == "" {
			s = ""
			break
		}
		s = strings.Trim(before, " !！")
	}
	// "名前さん@会社", "名前 @ 会社", "名前@会社"; but "Dai@いわい さん" is a name.
	if i := strings.IndexAny(s, "@＠"); i > 0 && !ttEndsWithHonorific(s) && !ttIsEmail(s) {
		_, size := utf8.DecodeRuneInString(s[i:])
		if aff := strings.TrimSpace(s[i+size:]); aff != "" && sp.Affiliation == "" {
			sp.Affiliation = aff
		}
		s = strings.TrimSpace(s[:i])
	}
	honored := ttEndsWithHonorific(s)
	s = ttTrimHonorific(s)
	name, aff := ttNameAndOrg(s)
	if sp.Affiliation == "" {
		sp.Affiliation = aff
	}
	sp.Name = ttTrimHonorific(name)
	if sp.Name != "" && !ttIsPerson(sp.Name, honored) {
		if sp.Affiliation == "" && len(sp.Handles) == 0 && ttIsOrgName(sp.Name) {
			// "名前 / 株式会社ABC": the company of the speaker before.
			return Speaker{Affiliation: sp.Name}, true
		}
		if len(sp.Handles) == 0 {
			return Speaker{}, false
		}
		sp.Name = ""
	}
	if sp.Name == "" && len(sp.Handles) == 0 && sp.Affiliation == "" {
		return Speaker{}, false
	}
	return sp, true
}

// ttCutHandles removes every "@handle" standing on its own and returns them.
func ttCutHandles(s string) (string, []string) {
	var handles []string
	for {
		i, j, ok := ttFindHandle(s)
		if !ok {
			break
		}
		at := 1
		if s[i] != '@' {
			at = len("＠")
		}
		handles = append(handles, s[i+at:j])
		s = s[:i] + " " + s[j:]
	}
	return CleanText(ttDropEmptyBrackets(s)), handles
}

// ttDropEmptyBrackets removes the brackets left behind once a handle is cut
// out: any opening bracket, white space and any closing one, "()", "（ ）",
// "【】", "(]"; then the brackets that held only those, so "(（ ）)" goes whole.
func ttDropEmptyBrackets(s string) string {
	if !strings.ContainsAny(s, ")）]］】") {
		return s
	}
	out := make([]byte, 0, len(s))
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if strings.ContainsRune(")）]］】", r) {
			before := bytes.TrimRight(out, reSpace)
			if open, m := utf8.DecodeLastRune(before); strings.ContainsRune("(（[［【", open) {
				out, s = before[:len(before)-m], s[n:]
				continue
			}
		}
		out, s = append(out, s[:n]...), s[n:]
	}
	return string(out)
}

// ttCutAtSymbol keeps the part of an X display name before its first emoji:
// "Atsushi 🇯🇵 DevRel Meetup" is Atsushi.
func ttCutAtSymbol(s string) string {
	for i, r := range s {
		if r > 0x2000 && (unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || r >= 0x1F000) {
			if i == 0 {
				return s
			}
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

func ttEndsWithHonorific(s string) bool {
	s = strings.TrimRight(s, " !！")
	for _, h := range ttHonorifics {
		if strings.HasSuffix(s, h) {
			return true
		}
	}
	return false
}

// ttTrimHonorific removes a trailing honorific (and "！").
func ttTrimHonorific(s string) string {
	for {
		s = strings.TrimRight(s, " !！")
		cut := false
		for _, h := range ttHonorifics {
			if strings.HasSuffix(s, h) && len(s) > len(h) {
				s, cut = s[:len(s)-len(h)], true
				break
			}
		}
		if !cut {
			return strings.TrimSpace(s)
		}
	}
}

// ttNameAndOrg splits "会社 部署 役職 名前" into the name (the last one or
// two words that look like a name) and the organization (the words before,
// job titles left out).
func ttNameAndOrg(s string) (name, org string) {
	words := strings.Fields(s)
	for i := range words {
		words[i] = ttTrimHonorific(words[i])
	}
	if len(words) < 2 {
		return s, ""
	}
	end := len(words)
	start := end - 1
	last := words[end-1]
	switch {
	case ttIsLatinWord(last):
		for start > 0 && ttIsLatinWord(words[start-1]) && !ttIsOrg(words[start-1]) && !ttIsRole(words[start-1]) {
			start--
		}
	case ttIsOrg(last) || ttIsRole(last):
		return s, ""
	default:
		if prev := words[end-2]; utf8.RuneCountInString(prev) <= 4 && ttIsHan(prev) &&
			utf8.RuneCountInString(last) <= 4 && !ttIsOrg(prev) && !ttIsRole(prev) {
			start--
		}
	}
	if start == 0 {
		return s, ""
	}
	var orgWords []string
	for _, w := range words[:start] {
		if !ttIsOrgLike(w) {
			return s, "" // "逆井 X 清家", "1. 番号": not an organization before a name
		}
		if !ttIsRole(w) {
			orgWords = append(orgWords, w)
		}
	}
	return strings.Join(words[start:], " "), strings.Join(orgWords, " ")
}

// ttIsOrgLike reports a word that may stand for an organization or a job
// title before a name: one with a marker, a Latin word of two letters or
// more ("DNP", "MOONGIFT"), or a katakana word of three or more
// ("アクロクエスト").
func ttIsOrgLike(w string) bool {
	if ttIsOrg(w) || ttIsRole(w) {
		return true
	}
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if ttIsLatinWord(w) {
		return letters >= 2
	}
	// "アクロクエスト", "PHPカンファレンス福岡": a word of three or more
	// that is not all kanji (kanji words are names).
	return !ttIsHan(w) && utf8.RuneCountInString(w) >= 3 && letters >= 3
}

func ttIsLatinWord(w string) bool {
	for _, r := range w {
		if r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return w != ""
}

func ttIsHan(w string) bool {
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) && r != '々' && r != 'ヶ' && r != 'ノ' {
			return false
		}
	}
	return w != ""
}

// ttIsHiragana reports a reading: "（うかい ゆうじ）".
func ttIsHiragana(w string) bool {
	for _, r := range w {
		if !unicode.Is(unicode.Hiragana, r) && r != 'ー' && r != ' ' {
			return false
		}
	}
	return w != ""
}

// ttOrgWords are whole words that make an organization's name.
var ttOrgWords = []string{"inc", "corp", "co", "ltd", "llc", "k.k", "gmbh", "corporation", "company"}

func ttIsOrg(w string) bool {
	low := strings.ToLower(w)
	for _, f := range strings.FieldsFunc(low, func(r rune) bool { return r == ' ' || r == ',' || r == '.' }) {
		for _, m := range ttOrgWords {
			if f == m {
				return true
			}
		}
	}
	for _, m := range ttOrgMarkers {
		if strings.Contains(low, m) {
			return true
		}
	}
	// A department: "開発部", "IoT専門支部"; not a surname such as 岡部.
	for _, suffix := range []string{"部", "課", "室", "局", "省", "庁"} {
		if strings.HasSuffix(low, suffix) && (utf8.RuneCountInString(low) > 3 || !ttIsHan(low)) {
			return true
		}
	}
	if strings.HasSuffix(low, "社") && utf8.RuneCountInString(low) >= 3 {
		return true // "翔泳社"
	}
	return false
}

func ttIsRole(w string) bool {
	low := strings.ToLower(w)
	for _, m := range ttRoleMarkers {
		if ttIsASCIILetter(m[0]) {
			if low == m || strings.HasPrefix(low, m+" ") {
				return true
			}
			continue
		}
		if strings.Contains(low, m) {
			return true
		}
	}
	return false
}

// ttHasPhrase reports words joined by a particle: "技術の視点", a kanji,
// one of のをでがに and a kanji.
func ttHasPhrase(s string) bool {
	before := rune(-1)
	for i, r := range s {
		if strings.ContainsRune("のをでがに", r) && unicode.Is(unicode.Han, before) {
			if after, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):]); unicode.Is(unicode.Han, after) {
				return true
			}
		}
		before = r
	}
	return false
}

// ttOpensWithCount reports a count, a length or a time opening a text:
// "6名", "2 作品まで", "22:30完全撤退", "１０分", "5min".
func ttOpensWithCount(s string) bool {
	rest, ok := ttCutNumber(s)
	if !ok {
		return false
	}
	if _, ok := cutPrefixes(rest, "名", "人", "作品", "本", "枠", "分", "min"); ok {
		return true
	}
	rest, ok = cutPrefixes(rest, ":", "：") // a time, "22:30"
	_, n := ttDigit(rest)
	return ok && n > 0
}

// ttIsPerson reports a name that may be a person's: not a placeholder, a
// group of people, an organization alone, a time, a count or an aside.
func ttIsPerson(name string, honored bool) bool {
	low := strings.ToLower(strings.TrimSpace(name))
	if low == "" || utf8.RuneCountInString(low) > 40 {
		return false
	}
	for _, w := range ttNotPersons {
		if low == w {
			return false
		}
	}
	for _, w := range ttNotPersonWords {
		if strings.Contains(low, w) {
			return false
		}
	}
	for _, w := range ttHousekeepingWords {
		if !ttIsASCIILetter(w[0]) && strings.Contains(low, w) {
			return false // "懇親会"
		}
	}
	if words := strings.Fields(low); ttIsOrg(words[len(words)-1]) || ttIsRole(words[len(words)-1]) {
		return false // an organization or a role alone: "株式会社メルペイ", "JDDUG 運営"
	}
	letters := 0
	for _, r := range low {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters == 0 {
		return false
	}
	if ttHasPhrase(low) {
		return false // "技術の視点で": a phrase, not a name
	}
	allCaps := true
	for _, w := range strings.Fields(name) {
		if w == "x" || w == "X" || w == "×" || w == "&" {
			continue
		}
		if strings.Trim(w, "0123456789０１２３４５６７８９") == "" {
			return false // "ひとり 2 作品まで"
		}
		if len(w) < 2 || strings.ToUpper(w) != w || !ttIsLatinWord(w) || strings.ToLower(w) == w {
			allCaps = false
		}
	}
	if allCaps && !honored {
		return false // "FROKAN", "FROKAN x UIT": a group's acronym
	}
	if ttOpensWithCount(low) {
		return false // "6名", "22:30完全撤退", "2 作品まで"
	}
	if strings.ContainsAny(low, "。？?") {
		return false
	}
	return true
}

// ttIsEmail reports an e-mail address: "info@example.com".
func ttIsEmail(s string) bool {
	i := strings.IndexByte(s, '@')
	if i <= 0 || strings.ContainsAny(s, " 　") {
		return false
	}
	host := s[i+1:]
	return strings.Contains(host, ".") && ttIsLatinWord(host) && ttIsLatinWord(s[:i])
}

// ttIsOrgName reports a whole text naming an organization: "株式会社ABC",
// "DEF".
func ttIsOrgName(s string) bool {
	if utf8.RuneCountInString(s) > 40 || ttOpensWithCount(s) {
		return false
	}
	if ttIsOrg(s) && !ttIsRole(s) {
		return true
	}
	return len(s) >= 2 && ttIsLatinWord(s) && strings.ToUpper(s) == s && strings.ToLower(s) != s && !strings.Contains(s, " ")
}
