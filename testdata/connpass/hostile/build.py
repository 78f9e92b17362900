#!/usr/bin/env python3
"""Builds the hostile fixtures of testdata/connpass/hostile/ BY HAND (see
testdata/README.md). Run from the repository root:

    python3 testdata/connpass/hostile/build.py

It rewrites event.html in place (adding hostile text to every connpass field
it did not cover yet) and writes participation.html, participants.csv and
api/events.json + api/presentations.json. Nothing here comes from connpass.
"""
import csv, html, io, json, os, re

D = "testdata/connpass/hostile"


def evil(field):
    """Every attack, tagged with the field it sits in."""
    return (f'{field} <script>alert("{field}")</script> <img src=x onerror=alert(1)> '
            f'<a href="javascript:alert(1)">a</a> [l](javascript:alert(1)) {{: onclick="alert(1)"}} '
            f'{{{{ site.secret_token }}}} {{% include /etc/passwd %}} {{{{< youtube {field} >}}}} '
            f'{{{{% hugo-{field} %}}}}\n---\n{field}-end')


def short(field):
    """The attacks in a form the timetable reader still reads as a speaker's
    affiliation: no brackets, no line break."""
    return (f'{field}<script>alert`{field}`</script><img src=x onerror=alert`1`>'
            f'{{{{ site.secret_token }}}}{{% include /etc/passwd %}}{{: onclick="alert`1`"}}{{{{< youtube {field} >}}}}')


def h(field):
    return html.escape(evil(field), quote=True)


def sub(s, old, new, count=1):
    assert old in s, old
    return s.replace(old, new, count)


def build_event():
    """Each change applies once: running the script again changes nothing."""
    p = os.path.join(D, "event.html")
    s = open(p, encoding="utf-8").read()
    title = 'Hostile &quot;Meetup&quot;: #99@東京: &quot;quoted&quot;'
    addr = '東京都渋谷区桜丘町1-1 渋谷サクラステージ SHIBUYAタワー'
    changes = [
        (title, title + " " + h("event-title"), 0),  # every place the title is
        ("    </h2>\n", "    </h2>\n\n      <p class=\"event_subtitle\">" + h("event-catch") + "</p>\n", 1),
        ('#jddug</a>', '#' + h("event-hashtag") + '</a>', 1),
        ('<p class="ptype_name">会場参加枠</p>', '<p class="ptype_name">' + h("page-ticket-1") + '参加枠</p>', 1),
        ('<p class="ptype_name">オンライン参加枠</p>', '<p class="ptype_name">' + h("page-ticket-2") + '</p>', 1),
        ('<a href="https://datadog-jp.connpass.com/">Japan Datadog User Group</a>',
         '<a href="https://datadog-jp.connpass.com/">' + h("event-group") + '</a>', 1),
        ('<span class="label_status_event close">終了</span>',
         '<span class="label_status_event close">' + h("event-status") + '</span>', 1),
        ('<p class="place_name em">株式会社ビズリーチ</p>', '<p class="place_name em">' + h("event-place") + '</p>', 1),
        ('title="' + addr + '"', 'title="' + h("event-address") + '"', 1),
        ('<div class="no_data_area"><p>資料が投稿されると、最新の3件が表示されます。</p></div>',
         '<ul class="main_list_doc">\n'
         '      <li><a href="javascript:alert(1)"><p class="doc_title">' + h("page-doc-1") + '</p></a></li>\n'
         '      <li><a href="https://example.com/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;{{x}}"><p class="doc_title">'
         + h("page-doc-2") + '</p></a></li>\n    </ul>', 1),
        ('<tr>\n<td>20:50 - 21:30</td>\n<td>懇親会</td>',
         '<tr>\n<td>20:40 - 20:45</td>\n<td>LT: ' + h("talk-title") + '</td>\n<td>' + html.escape('<script>alert`1`</script>talk-speaker（株式会社' + short("talk-org") + '）')
         + ' @evil_two</td>\n</tr>\n<tr>\n<td>20:50 - 21:30</td>\n<td>懇親会</td>', 1),
    ]
    for old, new, count in changes:
        if new in s:
            continue
        assert old in s, old
        s = s.replace(old, new) if count == 0 else s.replace(old, new, count)
    open(p, "w", encoding="utf-8").write(s)
    return s


def build_participation():
    rows = []
    for cls, label, name, n in [
        ("participation_table_area", "参加者", "part-ticket-1", 29),
        ("participation_table_area", "参加者", "part-ticket-2", 51),
        ("waitlist_table_area", "補欠者", "part-ticket-2", 2),
        ("cancelled_table_area", "キャンセル", "part-ticket-1", 3),
    ]:
        rows.append(f'''    <div class="{cls} mb_20">
      <table class="common_table participants_table padding_10">
        <thead>
          <tr>
            <th colspan="2">
              <span class="label_ptype_name">{h(name)}</span>
              {label}
              <span class="participants_count">{n}人</span></th>
          </tr>
        </thead>
        <tbody>
        </tbody>
      </table>
    </div>
''')
    page = f'''<!DOCTYPE html>
<!--
  BUILT BY HAND for the connpass-scaffold tests (see testdata/README.md): a
  participation page of the hostile event 999001, in the shape of the real
  captures in testdata/connpass/real/*-participation.html, its 参加枠 names
  hostile. Nothing here was captured from connpass.
-->
<html lang="ja">
<head><meta charset="utf-8"><title>参加者・申込者一覧 - connpass</title></head>
<body>
<div id="main">
  <a href="https://datadog-jp.connpass.com/event/999001/" class="event_title"><span class="icon_red_four_right"></span>{h("part-event-title")}</a>
<div class="applicant_area">
<h3 class="title_bg mb_20">イベント申込者</h3>
<a name="participants"><h3 class="title_3">参加者一覧</h3></a>
{"".join(rows)}</div>
</div>
</body>
</html>
'''
    open(os.path.join(D, "participation.html"), "w", encoding="utf-8").write(page)


def build_csv():
    src = open("testdata/csv/368663.csv", encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(src)))
    names = {"会場参加枠": evil("csv-ticket-1"), "オンライン参加枠": evil("csv-ticket-2")}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(rows[0])
    for r in rows[1:]:
        r[0] = names.get(r[0], r[0])
        r[2] = evil("csv-display-name")
        w.writerow(r)
    open(os.path.join(D, "participants.csv"), "w", encoding="utf-8-sig", newline="").write(out.getvalue())


def build_api(page):
    os.makedirs(os.path.join(D, "api"), exist_ok=True)
    ev = json.load(open("testdata/connpass/368663/api/events.json", encoding="utf-8"))
    e = ev["events"][0]
    e["id"] = 999001
    e["title"] = 'Hostile "Meetup": #99@東京 ' + evil("api-title")
    e["catch"] = evil("api-catch")
    e["url"] = "javascript:alert(1)//https://datadog-jp.connpass.com/event/999001/"
    e["hash_tag"] = evil("api-hashtag")
    e["place"] = evil("api-place")
    e["address"] = evil("api-address")
    e["group"]["title"] = evil("api-group")
    e["owner_display_name"] = evil("api-owner")
    m = re.search(r'<div id="editor_area" class="group_inner">\n(.*?)\n  </div>', page, re.S)
    e["description"] = m.group(1)
    json.dump(ev, open(os.path.join(D, "api", "events.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=2)
    pres = json.load(open("testdata/connpass/368663/api/presentations.json", encoding="utf-8"))
    urls = ["javascript:alert(1)", 'https://example.com/"><script>alert(1)</script>{{ site.secret_token }}',
            "data:text/html,<script>alert(1)</script>", "https://speakerdeck.com/x/y{% include /etc/passwd %}"]
    for i, p in enumerate(pres["presentations"]):
        p["name"] = evil(f"api-doc-{i+1}")
        p["url"] = urls[i]
        p["presenter"]["nickname"] = evil(f"api-presenter-{i+1}")
        p["user"]["nickname"] = p["presenter"]["nickname"]
    json.dump(pres, open(os.path.join(D, "api", "presentations.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=2)


page = build_event()
build_participation()
build_csv()
build_api(page)
