package fetch

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// The real 2017 JXUG event page (see testdata/README.md). Its description has
// no timetable, only ordinary bullet lists (対象者, 持参いただきたいもの).
const ttPage2017 = "shule517__nagoya-benkyokai__vcr__find_jxug_event-30152.html"

// ttReadReal reads a real capture from testdata/connpass/real.
func ttReadReal(tb testing.TB, name string) []byte {
	tb.Helper()
	return mustReadFile(tb, filepath.Join("../testdata/connpass/real", name))
}

// ttDescription extracts the description HTML (div#editor_area) of a saved
// event page.
func ttDescription(tb testing.TB, page []byte) string {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(page)))
	if err != nil {
		tb.Fatal(err)
	}
	area := doc.Find("div#editor_area")
	if area.Length() != 1 {
		tb.Fatalf("found %d div#editor_area, want 1", area.Length())
	}
	h, err := area.Html()
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

func ttCheck(t *testing.T, got, want []Talk) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if reflect.DeepEqual(got, want) {
		return
	}
	var b strings.Builder
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w string
		if i < len(got) {
			g = fmt.Sprintf("%+v", got[i])
		}
		if i < len(want) {
			w = fmt.Sprintf("%+v", want[i])
		}
		mark := " "
		if g != w {
			mark = "!"
		}
		fmt.Fprintf(&b, "%s %d\n   got:  %s\n   want: %s\n", mark, i, g, w)
	}
	t.Errorf("ParseTimetable: got %d talks, want %d\n%s", len(got), len(want), b.String())
}

// ttTalk builds a talk with one speaker; a handle-only speaker has the
// handle as name.
func ttTalk(tm, title, speaker, handle, kind string) Talk {
	sp := Speaker{Name: speaker}
	if handle != "" {
		sp.Handles = []string{handle}
		if sp.Name == "" {
			sp.Name = handle
		}
	}
	return Talk{Time: tm, Title: title, Speakers: []Speaker{sp}, Kind: kind}
}

func TestParseTimetable368663(t *testing.T) {
	desc := string(mustReadFile(t, "../testdata/connpass/368663/description.html"))
	if !strings.Contains(desc, "\u200b") {
		t.Fatal("the fixture lost its zero-width spaces; this test would prove nothing about cleaning")
	}
	want := []Talk{
		ttTalk("19:05 - 19:30", "脅威モデリングからのセキュリティ強化：Datadogで実現するActive Defense", "倉橋 和幹", "", KindTalk),
		ttTalk("19:30 - 19:55", "Datadog ではじめるインシデント対応", "tetsuya28", "_tetsuya28", KindTalk),
		ttTalk("19:55 - 20:20", "Datadog CI Visibilityを用いて、GitHub ActionsのFlaky Testを監視してみた", "今村 光希", "imamura_ko_0314", KindTalk),
		ttTalk("20:30 - 20:35", "Data Access Control で実現する、より細かい権限制御", "Fohte", "fohte", KindLT),
		ttTalk("20:35 - 20:40", "Datadog「の」料金を監視してみた", "Haktak", "Haktak1192", KindLT),
		ttTalk("20:40 - 20:45", "Bits AI に入門してみた", "Kaoru Oda", "", KindLT),
		ttTalk("20:45 - 20:50", "ローカルLLMアプリ開発環境のモニタリング", "鹿野 市郎", "1_Kano2", KindLT),
	}
	ttCheck(t, ParseTimetable(desc, TimetableOptions{}), want)
}

func TestParseTimetableRealNoTimetable(t *testing.T) {
	desc := ttDescription(t, ttReadReal(t, ttPage2017))
	for _, s := range []string{"対象者", "持参いただきたいもの", "<ul>"} {
		if !strings.Contains(desc, s) {
			t.Fatalf("the 2017 description lacks %q: wrong extraction?", s)
		}
	}
	if got := ParseTimetable(desc, TimetableOptions{}); len(got) != 0 {
		t.Errorf("ParseTimetable(2017 description) = %+v, want no talks", got)
	}
}

// ttCase is a hand-written description; the cases also seed the fuzz target.
type ttCase struct {
	name string
	html string
	opts TimetableOptions
	want []Talk
}

var ttCases = []ttCase{
	{
		name: "empty description",
		html: "",
	},
	{
		name: "timetable as an image",
		html: `<h2>タイムテーブル</h2><p><img src="https://example.com/timetable.png" alt="タイムテーブル 19:00 発表 / 登壇者"></p>`,
	},
	{
		name: "ordinary bullet lists",
		html: `<h3>対象者</h3><ul><li>Datadog に興味がある方</li><li>SRE / インフラエンジニア</li><li>監視を始めたい方</li></ul>` +
			`<h3>持ち物</h3><ul><li>PC（Windows / Mac）</li><li>電源タップ（可能であれば）</li></ul>` +
			`<ol><li>connpass で申し込む</li><li>当日受付で受付票を見せる</li></ol>`,
	},
	{
		name: "header-less table",
		// Markdown always writes a header row; left empty, it holds no names.
		html: `<table><thead><tr><th></th><th></th><th></th></tr></thead><tbody>
<tr><td>19:00〜19:05</td><td>オープニング</td><td>運営</td></tr>
<tr><td>19:05～</td><td>はじめての Datadog APM 入門</td><td>山田 太郎 (@yamada)</td></tr>
<tr><td>19:35</td><td>ログ管理のコストを半分にした話</td><td>@hanako_s</td></tr>
<tr><td>20:05</td><td>懇親会</td><td></td></tr>
</tbody></table>`,
		want: []Talk{
			ttTalk("19:05～", "はじめての Datadog APM 入門", "山田 太郎", "yamada", KindTalk),
			ttTalk("19:35", "ログ管理のコストを半分にした話", "", "hanako_s", KindTalk),
		},
	},
	{
		name: "header-less table, first row as header, time column last",
		html: `<table><thead><tr><th>APM でボトルネックを探す</th><th>佐藤</th><th>19:05 - 19:30</th></tr></thead><tbody>
<tr><td>SLO を決めるまでの長い道のり</td><td>鈴木 (@suzuki)</td><td>19:30 - 19:55</td></tr>
</tbody></table>`,
		want: []Talk{
			ttTalk("19:05 - 19:30", "APM でボトルネックを探す", "佐藤", "", KindTalk),
			ttTalk("19:30 - 19:55", "SLO を決めるまでの長い道のり", "鈴木", "suzuki", KindTalk),
		},
	},
	{
		name: "header in unknown words",
		html: `<table><thead><tr><th>Schedule</th><th>Topic</th><th>Who</th></tr></thead><tbody>
<tr><td>19:05 - 19:30</td><td>APM でボトルネックを探す</td><td>佐藤</td></tr>
<tr><td>19:30 - 19:55</td><td>SLO を決めるまでの長い道のり</td><td>鈴木 (@suzuki)</td></tr>
</tbody></table>`,
		want: []Talk{
			ttTalk("19:05 - 19:30", "APM でボトルネックを探す", "佐藤", "", KindTalk),
			ttTalk("19:30 - 19:55", "SLO を決めるまでの長い道のり", "鈴木", "suzuki", KindTalk),
		},
	},
	{
		name: "table with an LT section row",
		html: `<table><thead><tr><th>Time</th><th>Title</th><th>Speaker</th></tr></thead><tbody>
<tr><td>19:00</td><td>基調講演: Observability の10年</td><td>Alice (@alice)</td></tr>
<tr><td colspan="3">LT枠</td></tr>
<tr><td>20:00</td><td>Terraform で Monitor を管理する</td><td>Bob</td></tr>
<tr><td>20:05</td><td>Synthetics 小ネタ集</td><td>Carol (@carol_c)</td></tr>
<tr><td colspan="3">休憩</td></tr>
<tr><td>20:30</td><td>パネルディスカッション</td><td>Dave</td></tr>
</tbody></table>`,
		want: []Talk{
			ttTalk("19:00", "Observability の10年", "Alice", "alice", KindTalk), // the slot label goes
			ttTalk("20:00", "Terraform で Monitor を管理する", "Bob", "", KindLT),
			ttTalk("20:05", "Synthetics 小ネタ集", "Carol", "carol_c", KindLT),
			ttTalk("20:30", "パネルディスカッション", "Dave", "", KindTalk),
		},
	},
	{
		name: "LT section as a speakerless row with a time",
		html: `<table><tr><th>時刻</th><th>テーマ</th><th>講師</th></tr>
<tr><td>19:00</td><td>Datadog の歩き方</td><td>田中</td></tr>
<tr><td>19:30</td><td>ライトニングトーク</td><td></td></tr>
<tr><td>19:30</td><td>Watchdog が教えてくれたこと</td><td>中村</td></tr>
</table>`,
		want: []Talk{
			ttTalk("19:00", "Datadog の歩き方", "田中", "", KindTalk),
			ttTalk("19:30", "Watchdog が教えてくれたこと", "中村", "", KindLT),
		},
	},
	{
		name: "speaker column before the title",
		html: `<table><thead><tr><th>発表者</th><th>時間</th><th>発表タイトル</th></tr></thead><tbody>
<tr><td>JDDUG 運営</td><td>19:00</td><td>Opening</td></tr>
<tr><td>倉橋 和幹</td><td>19:05 - 19:30</td><td>Datadog で実現する Active Defense</td></tr>
<tr><td>Fohte (@fohte)</td><td>19:30 - 19:35</td><td>【LT】Data Access Control 入門</td></tr>
</tbody></table>`,
		want: []Talk{
			ttTalk("19:05 - 19:30", "Datadog で実現する Active Defense", "倉橋 和幹", "", KindTalk),
			ttTalk("19:30 - 19:35", "Data Access Control 入門", "Fohte", "fohte", KindLT),
		},
	},
	{
		name: "full-width brackets and marks",
		html: `<table><tr><th>時間</th><th>内容</th><th>登壇者</th></tr>
<tr><td>19:05〜19:30</td><td>Flaky Test を監視してみた</td><td>今村 光希（@imamura_ko_0314）</td></tr>
<tr><td>19:30〜19:35</td><td>LT：料金を監視してみた</td><td>Haktak（＠Haktak1192）</td></tr>
<tr><td>19:35〜19:40</td><td>［LT］Bits AI に入門してみた</td><td>@fohte （ ）</td></tr>
<tr><td>19:40〜19:50</td><td>休憩（10分）</td><td>全員</td></tr>
</table>`,
		want: []Talk{
			ttTalk("19:05〜19:30", "Flaky Test を監視してみた", "今村 光希", "imamura_ko_0314", KindTalk),
			ttTalk("19:30〜19:35", "料金を監視してみた", "Haktak", "Haktak1192", KindLT),
			ttTalk("19:35〜19:40", "Bits AI に入門してみた", "", "fohte", KindLT),
		},
	},
	{
		name: "LT markers",
		html: `<table><tr><th>時間</th><th>タイトル</th><th>名前</th></tr>
<tr><td>20:00</td><td>LT1: 一本目</td><td>A</td></tr>
<tr><td>20:05</td><td>LT 2. 二本目</td><td>B</td></tr>
<tr><td>20:10</td><td>[LT] 三本目</td><td>C</td></tr>
<tr><td>20:15</td><td>Lightning Talk: 四本目</td><td>D</td></tr>
<tr><td>20:20</td><td>LT枠：五本目</td><td>E</td></tr>
<tr><td>20:25</td><td>LTの始め方</td><td>F</td></tr>
</table>`,
		want: []Talk{
			ttTalk("20:00", "一本目", "A", "", KindLT),
			ttTalk("20:05", "二本目", "B", "", KindLT),
			ttTalk("20:10", "三本目", "C", "", KindLT),
			ttTalk("20:15", "四本目", "D", "", KindLT),
			ttTalk("20:20", "五本目", "E", "", KindLT),
			ttTalk("20:25", "LTの始め方", "F", "", KindLT),
		},
	},
	{
		name: "LT inside a word stays a talk",
		html: `<table><tr><th>時間</th><th>内容</th><th>登壇者</th></tr>
<tr><td>19:00</td><td>ALTER TABLE を安全に流す</td><td>木村</td></tr>
<tr><td>19:30</td><td>VOLT と LTV の監視</td><td>林</td></tr>
</table>`,
		want: []Talk{
			ttTalk("19:00", "ALTER TABLE を安全に流す", "木村", "", KindTalk),
			ttTalk("19:30", "VOLT と LTV の監視", "林", "", KindTalk),
		},
	},
	{
		name: "two columns, title and speaker in one cell",
		html: `<table><tr><th>時間</th><th>内容</th></tr>
<tr><td>19:00</td><td>受付</td></tr>
<tr><td>19:10</td><td>Datadog 入門 / 倉橋 和幹</td></tr>
<tr><td>19:40</td><td>LT: RUM を使ってみた (@rum_user)</td></tr>
</table>`,
		want: []Talk{
			ttTalk("19:10", "Datadog 入門", "倉橋 和幹", "", KindTalk),
			ttTalk("19:40", "RUM を使ってみた", "", "rum_user", KindLT),
		},
	},
	{
		name: "a table that is not a timetable",
		html: `<table><tr><th>参加枠</th><th>料金</th><th>定員</th></tr>
<tr><td>一般</td><td>1000円</td><td>50</td></tr>
<tr><td>学生</td><td>無料</td><td>10</td></tr></table>`,
	},
	{
		name: "list timetable in every line form",
		html: `<h2>タイムテーブル</h2><ul>
<li>19:00-19:05 オープニング / 運営</li>
<li>19:05-19:30 Datadog ではじめるインシデント対応 / tetsuya28 (@_tetsuya28)</li>
<li>19:30 Flaky Test を監視してみた（今村 光希 @imamura_ko_0314）</li>
<li>19:55 Data Access Control 入門 - Fohte</li>
<li>LT: Bits AI に入門してみた by Kaoru Oda</li>
<li>20:30 懇親会</li>
</ul>`,
		want: []Talk{
			ttTalk("19:05-19:30", "Datadog ではじめるインシデント対応", "tetsuya28", "_tetsuya28", KindTalk),
			ttTalk("19:30", "Flaky Test を監視してみた", "今村 光希", "imamura_ko_0314", KindTalk),
			ttTalk("19:55", "Data Access Control 入門", "Fohte", "", KindTalk),
			ttTalk("", "Bits AI に入門してみた", "Kaoru Oda", "", KindLT),
		},
	},
	{
		name: "list with a nested LT section",
		html: `<ol>
<li>19:00 基調講演 / Alice</li>
<li>19:40 休憩</li>
<li>19:50 LT枠<ul>
<li>Monitor as Code / Bob</li>
<li>Synthetics 小ネタ / Carol (@carol)</li>
</ul></li>
<li>20:30 クロージング</li>
</ol>`,
		want: []Talk{
			ttTalk("19:00", "基調講演", "Alice", "", KindTalk),
			ttTalk("", "Monitor as Code", "Bob", "", KindLT),
			ttTalk("", "Synthetics 小ネタ", "Carol", "carol", KindLT),
		},
	},
	{
		name: "LT heading over a list",
		html: `<h3>発表</h3><ul><li>19:00 SLO 入門 / Alice</li></ul>` +
			`<h3>LT</h3><ul><li>19:40 Monitor as Code / Bob</li><li>19:45 Synthetics / Carol</li></ul>` +
			`<h3>懇親会</h3><ul><li>会費 1000円 / 当日払い</li><li>会場は同じフロアです</li><li>飲み物あり</li></ul>`,
		want: []Talk{
			ttTalk("19:00", "SLO 入門", "Alice", "", KindTalk),
			ttTalk("19:40", "Monitor as Code", "Bob", "", KindLT),
			ttTalk("19:45", "Synthetics", "Carol", "", KindLT),
		},
	},
	{
		name: "bold line as an LT heading",
		html: `<p><strong>LT枠</strong></p><table><tr><th>時間</th><th>内容</th><th>登壇者</th></tr>
<tr><td>20:00</td><td>Monitor as Code</td><td>Bob</td></tr></table>`,
		want: []Talk{
			ttTalk("20:00", "Monitor as Code", "Bob", "", KindLT),
		},
	},
	{
		name: "handles, e-mail addresses, affiliations, a timed break",
		html: `<table><tr><th>時間</th><th>内容</th><th>登壇者</th></tr>
<tr><td>19:00</td><td>メールで質問を受け付けます</td><td>info@example.com</td></tr>
<tr><td>19:30</td><td>長すぎる名前</td><td>@abcdefghijklmnop</td></tr>
<tr><td>20:00</td><td>所属つきの名前</td><td>田淵義人@Excelsoft</td></tr>
<tr><td>20:30</td><td>区切りのあとのハンドル</td><td>Fohte / @fohte</td></tr>
<tr><td>21:00</td><td>休憩 10分</td><td>運営</td></tr>
</table>`,
		want: []Talk{
			ttTalk("19:00", "メールで質問を受け付けます", "info@example.com", "", KindTalk),
			ttTalk("19:30", "長すぎる名前", "@abcdefghijklmnop", "", KindTalk),
			{Time: "20:00", Title: "所属つきの名前", Speakers: []Speaker{{Name: "田淵義人", Affiliation: "Excelsoft"}}, Kind: KindTalk},
			ttTalk("20:30", "区切りのあとのハンドル", "Fohte", "fohte", KindTalk),
		},
	},
	{
		name: "timetable in a code block",
		html: "<pre><code>19:00 開場\n19:30 Datadog 入門 / 山田 太郎 (@yamada)\n20:00 LT: Synthetics 小ネタ / @carol\n20:30 懇親会\n</code></pre>",
		want: []Talk{
			ttTalk("19:30", "Datadog 入門", "山田 太郎", "yamada", KindTalk),
			ttTalk("20:00", "Synthetics 小ネタ", "", "carol", KindLT),
		},
	},
	{
		name: "timetable as <br> lines, ・ bullets, company and さん in brackets",
		html: `<p>・19:00 開場<br>・19:30 Datadog 入門（株式会社ABC 山田 太郎さん）<br>・20:00 ログの話 - 佐藤 花子<br>・20:30 懇親会</p>`,
		want: []Talk{
			{Time: "19:30", Title: "Datadog 入門", Speakers: []Speaker{{Name: "山田 太郎", Affiliation: "株式会社ABC"}}, Kind: KindTalk},
			ttTalk("20:00", "ログの話", "佐藤 花子", "", KindTalk),
		},
	},
	{
		name: "one heading per talk",
		html: `<h2>LT</h2><h3>LT1: Terraform で Monitor を管理する @bob_b</h3><p>概要</p><h3>LT2: Synthetics 小ネタ @carol</h3><p>概要</p>`,
		want: []Talk{
			ttTalk("", "Terraform で Monitor を管理する", "", "bob_b", KindLT),
			ttTalk("", "Synthetics 小ネタ", "", "carol", KindLT),
		},
	},
	{
		name: "headerless two-column table, 会社 名前氏 「タイトル」",
		html: `<table><tr><td>19:00</td><td>株式会社ABC 山田太郎氏 「監視の始め方」</td></tr><tr><td>19:30</td><td>佐藤花子氏 基調講演</td></tr></table>`,
		want: []Talk{
			{Time: "19:00", Title: "監視の始め方", Speakers: []Speaker{{Name: "山田太郎", Affiliation: "株式会社ABC"}}, Kind: KindTalk},
			ttTalk("19:30", "基調講演", "佐藤花子", "", KindTalk),
		},
	},
	{
		name: "two talks in one cell",
		html: `<table><tr><th>時間</th><th>内容</th></tr><tr><td>19:00</td><td>監視の始め方 / 山田 太郎<br>ログの話 / 佐藤 花子</td></tr></table>`,
		want: []Talk{
			ttTalk("19:00", "監視の始め方", "山田 太郎", "", KindTalk),
			ttTalk("19:00", "ログの話", "佐藤 花子", "", KindTalk),
		},
	},
	{
		name: "multi-track table with rowspan and colspan",
		html: `<table><tr><th>時間</th><th>Track A</th><th>Track B</th></tr>
<tr><td rowspan="2">13:00</td><td colspan="2"><strong>Opening Keynote / 小林 篤</strong></td></tr>
<tr><td><h5>監視の始め方</h5>山田 太郎<br></td><td><h5>ログの話</h5>佐藤 花子 / 鈴木 一郎<br></td></tr>
<tr><td>14:00</td><td><strong>LIGHTNING TALKS</strong></td><td></td></tr>
<tr><td>15:00</td><td><h5>SLO 入門</h5>高橋 次郎</td><td></td></tr></table>`,
		want: []Talk{
			ttTalk("13:00", "Opening Keynote", "小林 篤", "", KindTalk),
			ttTalk("13:00", "監視の始め方", "山田 太郎", "", KindTalk), // the time spans both rows
			{Time: "13:00", Title: "ログの話", Speakers: []Speaker{{Name: "佐藤 花子"}, {Name: "鈴木 一郎"}}, Kind: KindTalk},
			ttTalk("15:00", "SLO 入門", "高橋 次郎", "", KindTalk),
		},
	},
	{
		name: "speaker header 講演者, label prefixes and 「」, speakers as a list",
		html: `<table><tr><th>時間</th><th>タイトル</th><th>講演者</th></tr>
<tr><td>19:00</td><td>session① 「監視の始め方」</td><td>山田 太郎 (@yamada @yamada_sub)さん<br>佐藤 花子（株式会社ABC）</td></tr>
<tr><td>19:30</td><td>講演A（20分）<br>ログの話<hr>ログについての長い概要がここに書かれています。</td><td>著者<br>鈴木 一郎 氏</td></tr>
<tr><td>20:00</td><td>セッション#2「SLO 入門」</td><td>高橋さん@DEF / 伊藤 (Co., Ltd. XYZ)</td></tr>
</table>`,
		want: []Talk{
			{Time: "19:00", Title: "監視の始め方", Speakers: []Speaker{{Name: "山田 太郎", Handles: []string{"yamada", "yamada_sub"}}, {Name: "佐藤 花子", Affiliation: "株式会社ABC"}}, Kind: KindTalk},
			ttTalk("19:30", "ログの話", "鈴木 一郎", "", KindTalk),
			{Time: "20:00", Title: "SLO 入門", Speakers: []Speaker{{Name: "高橋", Affiliation: "DEF"}, {Name: "伊藤", Affiliation: "Co., Ltd. XYZ"}}, Kind: KindTalk},
		},
	},
	{
		name: "housekeeping rows and asides give no talk; a greeting by a person is doubted",
		html: `<table><tr><th>時間</th><th>内容</th><th>登壇者</th></tr>
<tr><td>19:00</td><td>主催者挨拶</td><td>山田 太郎</td></tr>
<tr><td>19:05</td><td>監視の始め方</td><td>佐藤 花子</td></tr>
<tr><td>19:35</td><td>LT枠</td><td>株式会社ROXX</td></tr>
<tr><td>19:40</td><td>※募集中！</td><td></td></tr>
<tr><td>19:50</td><td>Networking</td><td>全員</td></tr>
<tr><td>19:55</td><td>質疑応答</td><td>佐藤 花子</td></tr>
<tr><td>19:58</td><td>バッファ</td><td></td></tr>
<tr><td>19:59</td><td>ED</td><td>運営</td></tr>
<tr><td>20:00</td><td>アンケート</td><td>6名</td></tr>
<tr><td>20:10</td><td>片付け・撤収</td><td>22:30完全撤退</td></tr>
<tr><td>20:20</td><td>ハンズオン</td><td></td></tr></table>`,
		want: []Talk{
			{Time: "19:00", Title: "主催者挨拶", Speakers: []Speaker{{Name: "山田 太郎"}}, Kind: KindTalk, Doubt: "housekeeping word 挨拶"},
			ttTalk("19:05", "監視の始め方", "佐藤 花子", "", KindTalk),
			{Time: "19:55", Title: "質疑応答", Speakers: []Speaker{{Name: "佐藤 花子"}}, Kind: KindTalk, Doubt: "housekeeping word 質疑応答"},
			{Time: "20:20", Title: "ハンズオン", Kind: KindTalk, Doubt: "no speaker"},
		},
	},
	{
		name: "a separate 発表者 list of cards under an LT heading",
		html: `<h2>LT大会</h2><h4>発表者</h4><ul>
<li><p>株式会社OKPR 漆畑慶将さん<br><strong>『広報独学のすすめ』</strong><br>主に勉強法についてお話しいただきます。</p></li>
<li><p>ギークス株式会社 萩原愛梨さん<br><strong>『はじめてのサービス広報』</strong><br>社内協力体制の築き方についてお話しいただきます。</p></li></ul>`,
		want: []Talk{
			{Title: "広報独学のすすめ", Speakers: []Speaker{{Name: "漆畑慶将", Affiliation: "株式会社OKPR"}}, Kind: KindLT},
			{Title: "はじめてのサービス広報", Speakers: []Speaker{{Name: "萩原愛梨", Affiliation: "ギークス株式会社"}}, Kind: KindLT},
		},
	},
	{
		name: "a speaker column told by its cells, 「タイトル」 by 名前 in a list",
		html: `<table><tr><th></th><th>時間</th><th>備考</th></tr>
<tr><td>開場</td><td>10:30</td><td></td></tr>
<tr><td>GLSL 基礎講座</td><td>11:30 - 12:15</td><td>講師：@h_doxas</td></tr>
<tr><td>GLSL セミナー</td><td>13:30 - 14:15</td><td>講師： @tkm0125</td></tr>
<tr><td>作品投稿締切</td><td>17:00</td><td>投稿された作品は全て上映します（ひとり 2 作品まで）</td></tr></table>
<ul><li>19:15 - 19:45：「 Ansible 入門」 by 株式会社エーピーコミュニケーションズ　横地晃さん！</li><li>20:45：解散</li></ul>`,
		want: []Talk{
			ttTalk("11:30 - 12:15", "GLSL 基礎講座", "", "h_doxas", KindTalk),
			ttTalk("13:30 - 14:15", "GLSL セミナー", "", "tkm0125", KindTalk),
			{Time: "17:00", Title: "作品投稿締切", Kind: KindTalk, Doubt: "no speaker"}, // the aside is no speaker
			{Time: "19:15 - 19:45", Title: "Ansible 入門", Speakers: []Speaker{{Name: "横地晃", Affiliation: "株式会社エーピーコミュニケーションズ"}}, Kind: KindTalk},
		},
	},
	{
		name: "session cards: a heading, then the speaker's heading in its section",
		html: `<h2>セッション</h2><table border="0"><tr><td><img src="a.png" alt="x"></td><td>
<h3>Opening｜開会挨拶</h3><h4>村上 憲郎 氏</h4><p>学長</p></td></tr></table>
<table border="0"><tr><td><img src="b.png" alt="y"></td><td>
<h3>I didn't need this attention</h3><p>Stories about the paper.</p><h4>Llion Jones 氏</h4><p>Co-Founder &amp; CTO, Sakana AI</p></td></tr></table>`,
		want: []Talk{
			{Title: "Opening｜開会挨拶", Speakers: []Speaker{{Name: "村上 憲郎"}}, Kind: KindTalk, Doubt: "housekeeping word Opening"},
			ttTalk("", "I didn't need this attention", "Llion Jones", "", KindTalk),
		},
	},
	{
		name: "a lecture whose lecturer is named only in the 講師 section",
		html: `<h3>タイムテーブル</h3><ul><li>19:00 開場</li><li>19:40-20:10　講義</li><li>20:10 懇親会</li></ul>
<h3>講師紹介</h3><p>坂本雄彦</p><p>筑波大学大学院コンピュータサイエンス専攻修了。学生時代は研究をしていました。</p>`,
		want: []Talk{
			ttTalk("19:40-20:10", "講義", "坂本雄彦", "", KindTalk),
		},
	},
	{
		name: "panel table: role rows name the panel's people",
		html: `<table><tr><th>時間</th><th>内容</th><th>登壇者</th></tr>
<tr><td>20:00</td><td>パネルディスカッション「監視の未来」</td><td></td></tr>
<tr><td></td><td>モデレーター</td><td>山田 太郎</td></tr>
<tr><td></td><td>パネリスト</td><td>佐藤 花子、鈴木 一郎</td></tr></table>`,
		want: []Talk{
			{Time: "20:00", Title: "パネルディスカッション「監視の未来」", Speakers: []Speaker{{Name: "山田 太郎"}, {Name: "佐藤 花子"}, {Name: "鈴木 一郎"}}, Kind: KindTalk},
		},
	},
	{
		name: "（名前 / 会社） after a title",
		html: `<ul><li>19:00 監視の始め方（山田 太郎 / 株式会社ABC）</li><li>19:30 ログの話（佐藤 花子 / DEF）</li></ul>`,
		want: []Talk{
			{Time: "19:00", Title: "監視の始め方", Speakers: []Speaker{{Name: "山田 太郎", Affiliation: "株式会社ABC"}}, Kind: KindTalk},
			{Time: "19:30", Title: "ログの話", Speakers: []Speaker{{Name: "佐藤 花子", Affiliation: "DEF"}}, Kind: KindTalk},
		},
	},
	{
		name: "speakers as cards with an LTテーマ field",
		html: `<p><b>登壇者</b></p><hr><p><b>【成瀬 允宣氏＊GMOインターネット株式会社 デベロッパーエバンジェリスト】</b><br>経歴です。<br><br>` +
			`<u>LTテーマ：Vue.js × Atomic Design</u><br>LT概要：コンポーネントの話。<br><br>` +
			`<b>【comming-soon...】</b><br><u>LTテーマ：未定</u></p>`,
		want: []Talk{
			{Title: "Vue.js × Atomic Design", Speakers: []Speaker{{Name: "成瀬 允宣", Affiliation: "GMOインターネット株式会社"}}, Kind: KindLT},
		},
	},
	{
		name: "a talk-free description with people and times gives no talk",
		html: `<h2>開催概要</h2><p>日時：2024/05/01 19:00〜21:00</p><p>受付：18:30〜</p>` +
			`<h2>オーガナイザー</h2><h4>山田 太郎さん</h4><p>コミュニティの運営をしています。</p>` +
			`<h2>講師</h2><p>佐藤 花子 氏（株式会社ABC）</p><ul><li>持ち物：PC</li><li>参加費：無料</li></ul>`,
	},
	{
		name: "configured words",
		opts: TimetableOptions{LTWords: []string{"ショートトーク"}, SkipWords: []string{"デモ"}},
		html: `<table><tr><th>時間</th><th>内容</th><th>登壇者</th></tr>
<tr><td>19:00</td><td>デモ・ハンズオン</td><td>運営</td></tr>
<tr><td>19:30</td><td>移動</td><td>山田</td></tr>
<tr><td>19:40</td><td>LT: 監視の話</td><td>A</td></tr>
<tr><td>19:45</td><td>ショートトーク: 料金の話</td><td>B</td></tr>
</table>`,
		want: []Talk{
			ttTalk("19:30", "移動", "山田", "", KindTalk),
			ttTalk("19:40", "LT: 監視の話", "A", "", KindTalk),
			ttTalk("19:45", "料金の話", "B", "", KindLT),
		},
	},
}

func TestParseTimetable(t *testing.T) {
	for _, tc := range ttCases {
		t.Run(tc.name, func(t *testing.T) {
			ttCheck(t, ParseTimetable(tc.html, tc.opts), tc.want)
		})
	}
}

func TestParseTimetableDefaults(t *testing.T) {
	// Passing the defaults explicitly is the same as the zero value.
	desc := string(mustReadFile(t, "../testdata/connpass/368663/description.html"))
	explicit := TimetableOptions{LTWords: DefaultLTWords, SkipWords: DefaultSkipWords}
	ttCheck(t, ParseTimetable(desc, explicit), ParseTimetable(desc, TimetableOptions{}))
}

func FuzzParseTimetable(f *testing.F) {
	for _, tc := range ttCases {
		f.Add(tc.html)
	}
	f.Add(string(mustReadFile(f, "../testdata/connpass/368663/description.html")))
	f.Add(ttDescription(f, ttReadReal(f, ttPage2017)))
	f.Add(`<table><tr><td colspan="999999999999">LT</td></tr><tr><td colspan=-3>19:00</td><td>x</td><td>@</td></tr></table>`)
	f.Add(`<ul><li>19:00 (((a) / b) - c by d（@e）</li><li>LT</li><li>【LT</li><li>LT1:</li></ul>`)
	custom := TimetableOptions{LTWords: []string{"", " ", "L", "ト"}, SkipWords: []string{"", "a"}}
	f.Fuzz(func(t *testing.T, html string) {
		for _, opts := range []TimetableOptions{{}, custom} {
			got := ParseTimetable(html, opts)
			for _, tk := range got {
				if tk.Kind != KindTalk && tk.Kind != KindLT {
					t.Errorf("Kind %q", tk.Kind)
				}
				if tk.Doubt == "" && len(tk.Speakers) == 0 {
					t.Errorf("talk without a speaker and without a doubt: %+v", tk)
				}
				texts := []string{tk.Time, tk.Title}
				for _, sp := range tk.Speakers {
					if sp.Name == "" {
						t.Errorf("speaker without a name: %+v", tk)
					}
					for _, h := range sp.Handles {
						if h == "" || len(h) > 15 || strings.TrimFunc(h, func(r rune) bool {
							return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
						}) != "" {
							t.Errorf("bad handle %q", h)
						}
					}
					texts = append(texts, sp.Name, sp.Affiliation)
				}
				for _, s := range texts {
					if s != strings.TrimSpace(s) || strings.Contains(s, "  ") || strings.ContainsRune(s, '\u200b') {
						t.Errorf("not clean: %q in %+v", s, tk)
					}
				}
			}
			if again := ParseTimetable(html, opts); !reflect.DeepEqual(got, again) {
				t.Errorf("not deterministic: %+v then %+v", got, again)
			}
		}
	})
}
