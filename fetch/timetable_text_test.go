package fetch

import "testing"

// The reader's small text tests below replaced regular expressions (each
// test names the one); the cases are the edges the expression handled.

// ttTime replaced ^[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:\s*[-‐‑–—―－~〜～]\s*[0-9０-９]{1,2}[:：][0-9０-９]{2}|\s*[~〜～])?
// and ttMinutes' ([0-9０-９]{1,2})[:：]([0-9０-９]{2}).
func TestTTTime(t *testing.T) {
	for _, tc := range []struct {
		in            string
		from, to, end int
	}{
		{"19:05", 1145, -1, 5},
		{"9:05 タイトル", 545, -1, 4},
		{"19:05 - 19:30 タイトル", 1145, 1170, 13},
		{"19:05〜19:30", 1145, 1170, 13},
		{"19:05\t‐ 9:30", 1145, 570, 14},
		{"19:05 －19:30", 1145, 1170, 14},
		{"１９：０５－１９：３０", 1145, 1170, 33},
		{"19:05～", 1145, -1, 8},
		{"19:05 ~ 懇親会", 1145, -1, 7},
		{"19:05 - 懇親会", 1145, -1, 5}, // a dash with no end is no range
		{"19:05-", 1145, -1, 5},
		{"19:05 ー 19:30", 1145, -1, 5}, // the long vowel mark is no dash
		{"19:051", 1145, -1, 5},
		{"19:05-19:3", 1145, -1, 5},
		{"19:05\u300019:30", 1145, -1, 5}, // an ideographic space is no \s
		{"99:99", 99*60 + 99, -1, 5},
		{"123:45", -1, -1, 0},
		{"19:5", -1, -1, 0},
		{"19.05", -1, -1, 0},
		{" 19:05", -1, -1, 0},
		{"a19:05", -1, -1, 0},
		{"", -1, -1, 0},
	} {
		from, to, end := ttTime(tc.in)
		if from != tc.from || to != tc.to || end != tc.end {
			t.Errorf("ttTime(%q) = %d, %d, %d; want %d, %d, %d", tc.in, from, to, end, tc.from, tc.to, tc.end)
		}
		if got := ttOpensWithTime(tc.in); got != (tc.end > 0) {
			t.Errorf("ttOpensWithTime(%q) = %v", tc.in, got)
		}
	}
	if from, to := ttMinutes(" 19:05 - 19:30 "); from != 1145 || to != 1170 {
		t.Errorf("ttMinutes = %d, %d; want 1145, 1170", from, to)
	}
	if from, to := ttMinutes("未定"); from != -1 || to != -1 {
		t.Errorf("ttMinutes(未定) = %d, %d; want -1, -1", from, to)
	}
}

// ttDropEmptyBrackets replaced [(（\[［【]\s*[)）\]］】], applied until
// nothing changed.
func TestTTDropEmptyBrackets(t *testing.T) {
	for in, want := range map[string]string{
		"名前 ( )":      "名前 ",
		"名前（ ）会社":     "名前会社",
		"名前 []【】［］":   "名前 ",
		"名前 (（ ）)":    "名前 ",
		"名前 ( [ ) ]":  "名前 ",
		"名前 (]":       "名前 ",
		"名前 (x)":      "名前 (x)",
		"名前 （\u3000）": "名前 （\u3000）", // an ideographic space is no \s
		"名前 ) (":      "名前 ) (",
		"(\t\n)a()b":  "ab",
		"\xff()\xfe":  "\xff\xfe",
		"":            "",
	} {
		if got := ttDropEmptyBrackets(in); got != want {
			t.Errorf("ttDropEmptyBrackets(%q) = %q, want %q", in, got, want)
		}
	}
}

// ttLabelEnd runs ttLabelRe only after a look at the words it opens with.
func TestTTLabelEnd(t *testing.T) {
	for _, tc := range []struct {
		in  string
		end int // -1: no label
	}{
		{"セッション1: タイトル", len("セッション1: ")},
		{"■ 基調講演A（20分） タイトル", len("■ 基調講演A（20分） ")},
		{"トークセッション", len("トークセッション")},
		{"session① タイトル", len("session① ")},
		{"SESSION 2 - タイトル", len("SESSION 2 - ")},
		{"ſession 2", len("ſession 2")}, // (?i) folds the long s
		{"第 1 部：", len("第 1 部：")},
		{"第一部 タイトル", len("第一部 ")},
		{"オープニング", -1},
		{"オープニングセッション", len("オープニングセッション")},
		{"特別session", -1},
		{"Session-based", len("Session-")}, // a dash ends a label
		{"sessions", len("sessions")},      // as "session A"
		{"Spring Boot", -1},
		{"セッションのまとめ", -1},
		{" セッション1", -1},
		{"", -1},
	} {
		end, ok := ttLabelEnd(tc.in)
		if !ok {
			end = -1
		}
		if end != tc.end {
			t.Errorf("ttLabelEnd(%q) = %d, want %d", tc.in, end, tc.end)
		}
	}
}

// ttCutMark replaced ^[■●◆◇▼▶□○・★☆]\s*; ttCutBullet
// ^(?:[・●◆○▪■□►▶]|[-*+]\s)\s*.
func TestTTCutMarkAndBullet(t *testing.T) {
	for _, tc := range []struct{ in, mark, bullet string }{
		{"■ 基調講演", "基調講演", "基調講演"},
		{"☆\t\tLT", "LT", "☆\t\tLT"},
		{"▪ x", "▪ x", "x"},
		{"► x", "► x", "x"},
		{"- x", "- x", "x"},
		{"+\tx", "+\tx", "x"},
		{"-x", "-x", "-x"},
		{"* ", "* ", ""},
		{"-\u3000x", "-\u3000x", "-\u3000x"},
		{"・\u3000x", "\u3000x", "\u3000x"},
		{"x ■", "x ■", "x ■"},
		{"\xff", "\xff", "\xff"},
		{"", "", ""},
	} {
		mark, cut := ttCutMark(tc.in)
		if mark != tc.mark || cut != (mark != tc.in) {
			t.Errorf("ttCutMark(%q) = %q, %v; want %q", tc.in, mark, cut, tc.mark)
		}
		if got := ttCutBullet(tc.in); got != tc.bullet {
			t.Errorf("ttCutBullet(%q) = %q, want %q", tc.in, got, tc.bullet)
		}
	}
}

// ttOpensWithCount replaced ^[0-9０-９]+\s*(?:名|人|作品|本|枠|分|min|[:：][0-9０-９]);
// ttHasPhrase \p{Han}[のをでがに]\p{Han}.
func TestTTCountAndPhrase(t *testing.T) {
	for in, want := range map[string]bool{
		"6名": true, "2 作品まで": true, "22:30完全撤退": true, "１０分": true,
		"5min": true, "5 \t人": true, "3：０": true, "1本": true, "4枠": true,
		"5Min": false, "3:": false, "3:a": false, "名": false, "a6名": false,
		"6\u3000名": false, "１２３": false, "": false,
	} {
		if got := ttOpensWithCount(in); got != want {
			t.Errorf("ttOpensWithCount(%q) = %v, want %v", in, got, want)
		}
	}
	for in, want := range map[string]bool{
		"技術の視点": true, "ab 技術を学ぶ": true, "国で話": true,
		"技術の": false, "の視点": false, "ぎじゅつの視点": false, "技術 の視点": false,
		"技術と視点": false, "技術\xffの視点": false, "": false,
	} {
		if got := ttHasPhrase(in); got != want {
			t.Errorf("ttHasPhrase(%q) = %v, want %v", in, got, want)
		}
	}
}

// ttCutLeadingName and ttDropAsides run their patterns only after a look
// for the words those need.
func TestTTLeadingNameAndAsides(t *testing.T) {
	for _, tc := range []struct{ in, name, rest string }{
		{"金出武雄氏 基調講演", "金出武雄氏", "基調講演"},
		{"松ヶ谷 和沖氏 技術講演：「…」", "松ヶ谷 和沖氏", "技術講演：「…」"},
		{"A氏 B氏 C", "A氏 B氏", "C"},
		{"田中さん LT", "田中さん", "LT"},
		{"田中さん\u3000LT", "", ""},
		{"田中さんLT", "", ""},
		{"とても長い名前の十三文字の人さん LT", "", ""},
		{"タイトル", "", ""},
	} {
		name, rest, ok := ttCutLeadingName(tc.in)
		if name != tc.name || rest != tc.rest || ok != (tc.name != "") {
			t.Errorf("ttCutLeadingName(%q) = %q, %q, %v; want %q, %q", tc.in, name, rest, ok, tc.name, tc.rest)
		}
	}
	for in, want := range map[string]string{
		"田中 (順不同)":    "田中 ",
		"田中（敬称略）、鈴木":  "田中、鈴木",
		"順不同 田中(順不同）": " 田中",
		"田中 [順不同]":    "田中 []",
		"田中":          "田中",
	} {
		if got := ttDropAsides(in); got != want {
			t.Errorf("ttDropAsides(%q) = %q, want %q", in, got, want)
		}
	}
}

// ttIsDuration replaced (?i)^[0-9０-９]+\s*(?:分|分間|min|mins|minutes)?$;
// ttHasHonorific (?:さん|氏|様|先生)(?:\s|$|[、,，/／)）※(（】\]＊*]).
func TestTTDurationAndHonorific(t *testing.T) {
	for in, want := range map[string]bool{
		"10分": true, "10 分間": true, "5 min": true, "5MIN": true, "20": true, "２０分": true,
		"3\tminutes": true, "3 minſ": true, // the long s folds to s
		"5 mi": false, "5 分 ": false, "分": false, "min": false, "5\u3000分": false, "5 hours": false, "": false,
	} {
		if got := ttIsDuration(in); got != want {
			t.Errorf("ttIsDuration(%q) = %v, want %v", in, got, want)
		}
	}
	for in, want := range map[string]bool{
		"名前氏": true, "名前さん、鈴木": true, "名前様 (会社)": true, "先生]": true, "田中さん\n": true,
		"名前氏＊会社": true, "名前さん／会社": true,
		"名前さま": false, "名前さんの": false, "氏名": false, "名前さん\u3000会社": false, "名前": false, "": false,
	} {
		if got := ttHasHonorific(in); got != want {
			t.Errorf("ttHasHonorific(%q) = %v, want %v", in, got, want)
		}
	}
}

// ttTitleField runs ttTitleFieldRe only after a look at the name it opens
// with.
func TestTTTitleField(t *testing.T) {
	for _, tc := range []struct{ in, name, title string }{
		{"LTテーマ：タイトル", "LTテーマ", "タイトル"},
		{"ＬＴ タイトル: x", "ＬＴ タイトル", "x"},
		{"ｌｔ演題：y", "ｌｔ演題", "y"},
		{"Title : z", "Title", "z"},
		{"発表テーマ：「…」", "発表テーマ", "「…」"},
		{"タイトル未定", "", ""},
		{"テーマ：", "", ""},
		{"発表テーマ:\nx", "発表テーマ", "x"},
		{"テーマ: a\nb", "", ""},
		{"subtitle: x", "", ""},
		{"19:00 タイトル: x", "", ""},
	} {
		name, title, ok := ttTitleField(tc.in)
		if name != tc.name || title != tc.title || ok != (tc.name != "") {
			t.Errorf("ttTitleField(%q) = %q, %q, %v; want %q, %q", tc.in, name, title, ok, tc.name, tc.title)
		}
	}
	for _, tc := range []struct {
		in, prefix, rest string
		ok               bool
	}{
		{"SESSION 1", "session", " 1", true},
		{"ſession", "session", "", true},
		{"sess", "session", "sess", false},
		{"ＬＴ", "ｌｔ", "", true},
		{"\xffx", "ax", "\xffx", false},
	} {
		if rest, ok := ttCutPrefixFold(tc.in, tc.prefix); rest != tc.rest || ok != tc.ok {
			t.Errorf("ttCutPrefixFold(%q, %q) = %q, %v; want %q, %v", tc.in, tc.prefix, rest, ok, tc.rest, tc.ok)
		}
	}
}
