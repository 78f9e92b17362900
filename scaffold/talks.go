package scaffold

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/meetup-tools/connpass-scaffold/fetch"
	"github.com/meetup-tools/connpass-scaffold/templates"
)

// The talks of a post, computed once by talksOfPost and read by every
// command: the render and check (through prepare), notes (the skeleton and
// --merge) and event. In order:
//
//  1. the timetable of the event description (fetch.ParseTimetable), read
//     once: each row a talk, numbered per kind in timetable order (発表1..,
//     LT1..);
//  2. the presentations (資料) of the API joined to the rows by title or by
//     presenter = handle: they fill the slides, and the title and the speaker
//     where the row lacks them; a presentation matching no row is a talk of
//     its own, after the timetable's;
//  3. the notes' talks entries: add: true appends a talk, each entry is
//     matched to its talk (match.go) and laid over it, drop: true leaves it
//     out;
//  4. the notes' order: list, and the post's numbering.
//
// Each talk keeps two labels: NotesLabel, the one the notes use (steps 1-3:
// drop, add and order never renumber it), and Label, the post's (step 4).
// Messages name a talk by the label the organizer typed.
//
// A row the reader is not sure is a talk (fetch.Talk.Doubt: no speaker, a
// housekeeping-like word, a title that is only a time) is not published
// silently: it is numbered apart (?1, ?2, ...: it renumbers no talk) and
// left out of the post, with one warning line, until the notes decide. An
// entry naming it with add: true publishes it (in its timetable place), one
// with drop: true leaves it out for good and silences the warning; `scaffold
// check` lists each undecided row with that fix, and `scaffold event` marks
// it with its doubt. A presentation matching such a row by title settles it:
// slides make a talk.

// uncertainLabel is the label word of the rows the reader is not sure are
// talks: ?1, ?2, ...
const uncertainLabel = "?"

// postTalks are the talks of one post, with what went wrong on the way.
type postTalks struct {
	// Talks are the talks of the post, in post order, with post labels; the
	// report's talks before the notes' style values (images, links, ...:
	// Report.setTalks) and the embeds are set.
	Talks []Talk
	// all is every talk of the event: the timetable's rows, the
	// presentations matching none, the notes' additions, in that order.
	all      []postTalk
	problems []talkProblem // what is wrong with the notes' talks and order; a render fails on the first
	warnings []warning     // for stderr, in order
}

// postTalk is one talk of the event on its way into the post. Until it is
// placed, Label is the label the notes use (NotesLabel, except for a talk
// the notes added: its NotesLabel is the entry's talk:).
type postTalk struct {
	Talk
	doubt     string // why the reader is not sure the row is a talk; "" when sure, or settled
	confirmed bool   // a doubtful row an add: true entry publishes
	added     bool   // made by an add: true entry
	entry     int    // the notes entry laid over it; -1 when none
	dropped   bool   // its entry says drop: true
	post      int    // its index in postTalks.Talks; -1 when not in the post
}

// uncertain is whether the talk is a doubtful row the notes have not decided.
func (t *postTalk) uncertain() bool { return t.doubt != "" && !t.confirmed && !t.dropped }

// talkProblem is one thing wrong with the notes' talks entries or order.
type talkProblem struct {
	check string // the line of `scaffold check`
	err   *Error // the error of a render
}

// warning is a warning for stderr; the command prints it.
type warning struct {
	msg   string
	hints []string
}

// talksOfPost are the talks of the post of the facts' event with the notes
// (nil: none). It never fails: what is wrong is in problems, and the post
// is made of the entries that are right.
func talksOfPost(cfg Config, facts *Facts, notes *Notes) *postTalks {
	rows, warns := eventTalks(cfg, facts)
	pt := layNotes(cfg, rows, notes, facts.Event.ID)
	pt.warnings = append(warns, pt.warnings...)
	if len(rows) == 0 && !slices.ContainsFunc(pt.all, func(t postTalk) bool { return t.added }) {
		pt.warnings = append(pt.warnings, warning{
			msg:   fmt.Sprintf("no timetable found in the description of event %d: the post has no talks", facts.Event.ID),
			hints: []string{"add each talk to the notes with add: true, a title and a speaker (lt: true for a lightning talk)"},
		})
	}
	return pt
}

// err is the error of a render with these talks: the first problem.
func (pt *postTalks) err() error {
	if len(pt.problems) == 0 {
		return nil
	}
	return pt.problems[0].err
}

// uncertain are the rows left out because the reader is not sure they are
// talks and the notes do not say.
func (pt *postTalks) uncertain() []*postTalk {
	var out []*postTalk
	for i := range pt.all {
		if pt.all[i].uncertain() {
			out = append(out, &pt.all[i])
		}
	}
	return out
}

// eventTalks are the talks of the event before the notes: the timetable's
// rows joined with the presentations, numbered (steps 1 and 2).
func eventTalks(cfg Config, facts *Facts) ([]postTalk, []warning) {
	rows := facts.Event.Timetable(fetch.TimetableOptions{LTWords: cfg.Labels.LTWords})
	talks := make([]postTalk, 0, len(rows)+len(facts.Presentations))
	for _, row := range rows {
		kind := KindTalk
		if row.Kind == fetch.KindLT {
			kind = KindLT
		}
		t := postTalk{Talk: Talk{Kind: kind, IsLT: kind == KindLT, Time: Text(row.Time), Title: Text(row.Title)}, doubt: row.Doubt, entry: -1, post: -1}
		for _, s := range row.Speakers {
			t.Speakers = append(t.Speakers, newSpeaker(s))
		}
		talks = append(talks, t)
	}
	talks, joined := joinPresentations(talks, facts.Presentations)
	numberEventTalks(cfg, talks)
	for i := range talks {
		talks[i].Connpass = connpassOf(talks[i].Talk)
	}
	var warns []warning
	for i, t := range talks {
		if !joined[i] {
			warns = append(warns, warning{msg: fmt.Sprintf("presentation %q (%s) matches no talk of the timetable; added as %s", templates.Raw(t.Title), t.Slides.Raw(), t.Label)})
		}
	}
	return talks, warns
}

// newSpeaker is a speaker of the report from the timetable's.
func newSpeaker(s fetch.Speaker) Speaker {
	out := Speaker{Name: Text(s.Name), Affiliation: Text(s.Affiliation)}
	for _, h := range s.Handles {
		if h = strings.TrimPrefix(strings.TrimSpace(h), "@"); h != "" && !hasHandle(out.Handles, h) {
			out.Handles = append(out.Handles, Handle(h))
		}
	}
	if len(out.Handles) > 0 && s.Name == out.Handles[0].Raw() {
		out.Name = Text("") // written only as @handle
	}
	out.sync()
	return out
}

// hasHandle is whether handles hold h, case aside.
func hasHandle(handles []Handle, h string) bool {
	return slices.ContainsFunc(handles, func(x Handle) bool { return strings.EqualFold(x.Raw(), h) })
}

// sync sets the speaker's Handle from its Handles.
func (s *Speaker) sync() {
	s.Handle = ""
	if len(s.Handles) > 0 {
		s.Handle = s.Handles[0]
	}
}

// syncSpeaker sets the talk's first-speaker fields from its Speakers.
func (t *Talk) syncSpeaker() {
	t.Speaker, t.SpeakerFromNotes, t.Handle, t.Affiliation, t.AffiliationFromNotes = Text(""), false, "", Text(""), false
	for i := range t.Speakers {
		t.Speakers[i].sync()
	}
	if len(t.Speakers) == 0 {
		return
	}
	s := &t.Speakers[0]
	t.Speaker, t.SpeakerFromNotes, t.Handle, t.Affiliation, t.AffiliationFromNotes = s.Name, s.NameFromNotes, s.Handle, s.Affiliation, s.AffiliationFromNotes
}

// numberEventTalks labels the talks of the event in order: 発表N and LTN
// per kind for the sure ones, ?N for the doubtful rows.
func numberEventTalks(cfg Config, talks []postTalk) {
	count := map[string]int{}
	for i := range talks {
		t := &talks[i]
		t.syncSpeaker()
		if t.doubt != "" {
			count[uncertainLabel]++
			t.Label, t.Number = uncertainLabel+strconv.Itoa(count[uncertainLabel]), count[uncertainLabel]
		} else {
			count[t.Kind]++
			t.Label, t.Number = cfg.Labels.label(t.Kind, count[t.Kind]), count[t.Kind]
		}
		t.NotesLabel = t.Label
	}
}

// joinPresentations gives the rows the event's presentations (資料): each
// goes to the row of the same title (cleaned, LT markers aside), else to the
// row whose speaker has the presenter's nickname as a handle, the sure rows
// before the doubtful ones. It fills the row's slides, and its title and
// speaker where the row has none; a doubtful row matched by title is settled.
// A presentation matching no row is appended as a talk of its own, unless
// it is a YouTube video (the event's video); joined says which talks came
// from the timetable.
func joinPresentations(talks []postTalk, pres []fetch.Material) (out []postTalk, joined []bool) {
	// Each row's title and handles are reduced once and found by map: the
	// join is linear in rows + presentations.
	titles := map[string][]int{}  // comparable title -> rows, in order
	handles := map[string][]int{} // handle, lower case -> rows with a speaker having it, in order
	for j := range talks {
		if title := comparableTitle(templates.Raw(talks[j].Title)); title != "" {
			titles[title] = append(titles[title], j)
		}
		for _, s := range talks[j].Speakers {
			for _, h := range s.Handles {
				key := strings.ToLower(h.Raw())
				if rows := handles[key]; len(rows) == 0 || rows[len(rows)-1] != j {
					handles[key] = append(rows, j)
				}
			}
		}
	}
	used := make([]bool, len(talks))
	find := func(rows []int) int { // the first row not used yet, the sure ones first
		for _, doubtful := range []bool{false, true} {
			for _, j := range rows {
				if !used[j] && (talks[j].doubt != "") == doubtful {
					return j
				}
			}
		}
		return -1
	}
	var extra []postTalk
	for _, p := range pres {
		title := comparableTitle(p.Title)
		byTitle := true
		i := -1
		if title != "" {
			i = find(titles[title])
		}
		if i < 0 && p.Presenter != "" {
			byTitle = false
			i = find(handles[strings.ToLower(p.Presenter)])
		}
		if i < 0 && isYouTube(p.URL) {
			continue // a video matching no talk is the event's (Report.Video)
		}
		if i < 0 {
			t := postTalk{Talk: Talk{Kind: KindTalk, Title: Text(p.Title), Slides: URL(p.URL)}, entry: -1, post: -1}
			if p.Presenter != "" {
				t.Speakers = []Speaker{{Name: Text(p.Presenter), Affiliation: Text("")}}
			}
			extra = append(extra, t)
			continue
		}
		used[i] = true
		t := &talks[i]
		if t.Slides == "" {
			t.Slides = URL(p.URL)
		}
		if templates.Raw(t.Title) == "" {
			t.Title = Text(p.Title)
		}
		if len(t.Speakers) == 0 && p.Presenter != "" {
			t.Speakers = []Speaker{{Name: Text(p.Presenter), Affiliation: Text("")}}
		}
		if byTitle {
			t.doubt = ""
		}
	}
	joined = make([]bool, len(talks)+len(extra))
	for i := range talks {
		joined[i] = true
	}
	return append(talks, extra...), joined
}

// comparableTitle is a title reduced for matching: cleaned, case-folded,
// without spaces and a leading LT marker.
func comparableTitle(s string) string {
	s = strings.ToLower(fetch.CleanText(s))
	return strings.Join(strings.Fields(cutLTPrefix(s)), "")
}

// cutLTPrefix is s, lower-case, without the LT marker it opens with:
// "【lt】", "[lt]", "lt:", "lt2 : ", "lt.".
func cutLTPrefix(s string) string {
	if rest, ok := strings.CutPrefix(s, "【lt】"); ok {
		return rest
	}
	if rest, ok := strings.CutPrefix(s, "[lt]"); ok {
		return rest
	}
	rest, ok := strings.CutPrefix(s, "lt")
	if !ok {
		return s
	}
	const space = " \t\n\f\r" // \s in a regexp, which this replaced
	rest = strings.TrimLeft(strings.TrimLeft(strings.TrimLeft(rest, space), "0123456789"), space)
	for _, sep := range []string{":", "：", "."} {
		if after, ok := strings.CutPrefix(rest, sep); ok {
			return strings.TrimLeft(after, space)
		}
	}
	return s
}

// layNotes lays the notes (nil: none) over rows, the talks of event
// (steps 3 and 4): the entries with add: true make their talks (or publish the
// doubtful row they name), every entry is matched to its talk and laid over
// it, and the talks are ordered and numbered for the post. An entry or an
// order name in error is a problem and is left out.
func layNotes(cfg Config, rows []postTalk, notes *Notes, event int) *postTalks {
	if notes == nil {
		notes = &Notes{}
	}
	pt := &postTalks{all: slices.Clone(rows)}
	for i := range pt.all {
		pt.all[i].Speakers = slices.Clone(pt.all[i].Speakers)
	}
	keys := pt.addTalks(cfg, notes)

	// The entries, each matched to a talk by its talk: (for an added talk, its label).
	named := *notes
	named.Talks = slices.Clone(notes.Talks)
	for n, key := range keys {
		named.Talks[n].Talk = key
	}
	talks := pt.talks()
	for n, m := range matchTalks(talks, named.Talks) {
		if keys[n] == "" && notes.Talks[n].Add {
			continue // an added talk without a title: already a problem
		}
		if m.err != nil {
			pt.problems = append(pt.problems, matchProblem(m.err, talks, &named, event))
			continue
		}
		t := &pt.all[m.talk]
		t.entry = n
		switch e := notes.Talks[n]; {
		case e.Drop:
			t.dropped = true
		default:
			if e.Add {
				t.confirmed = true
			}
			applyTalkNote(t, e)
		}
	}
	for i := range pt.all {
		if t := &pt.all[i]; t.added && t.entry >= 0 {
			if key := strings.TrimSpace(notes.Talks[t.entry].Talk); key != "" {
				t.NotesLabel = key
			}
		}
	}

	// The post: in order, without the dropped and the undecided.
	for _, i := range pt.order(notes, event) {
		t := &pt.all[i]
		if t.dropped || t.uncertain() {
			continue
		}
		t.post = len(pt.Talks)
		pt.Talks = append(pt.Talks, t.Talk)
	}
	renumber(cfg, pt.Talks)
	if u := pt.uncertain(); len(u) > 0 {
		pt.warnings = append(pt.warnings, uncertainWarning(u))
	}
	return pt
}

// uncertainWarning is the one warning line naming every row left out of
// the post because the reader is not sure it is a talk.
func uncertainWarning(u []*postTalk) warning {
	names := make([]string, len(u))
	for i, t := range u {
		names[i] = fmt.Sprintf("%s (%s)", talkName(t.Talk), t.doubt)
	}
	msg := "left out of the post, not sure they are talks: %s; 'scaffold check' says how to keep or drop each"
	if len(u) == 1 {
		msg = "left out of the post, not sure it is a talk: %s; 'scaffold check' says how to keep or drop it"
	}
	return warning{msg: fmt.Sprintf(msg, strings.Join(names, ", "))}
}

// talks are the talks of pt.all as matchTalks sees them.
func (pt *postTalks) talks() []Talk {
	out := make([]Talk, len(pt.all))
	for i := range pt.all {
		out[i] = pt.all[i].Talk
	}
	return out
}

// addTalks makes the talks of the entries with add: true. An entry naming a
// doubtful row by its label or exact title publishes that row instead. It
// returns the key each entry is matched by: its talk:, or the label of the
// talk it added ("" for an added talk without a title, a problem).
func (pt *postTalks) addTalks(cfg Config, notes *Notes) []string {
	keys := make([]string, len(notes.Talks))
	count := map[string]int{}
	for _, t := range pt.all {
		if t.doubt == "" {
			count[t.Kind]++
		}
	}
	var doubtful map[string]bool // folded labels and titles of the doubtful rows, made on the first add: true
	for n, e := range notes.Talks {
		keys[n] = e.Talk
		if !e.Add {
			continue
		}
		if doubtful == nil {
			doubtful = pt.doubtfulKeys()
		}
		if doubtful["label:"+foldLabel(e.Talk)] || doubtful["title:"+foldTitle(e.Talk)] {
			continue // it publishes the doubtful row it names
		}
		if fetch.CleanText(e.Title) == "" {
			keys[n] = ""
			msg := notes.entryPos(n) + ": a talk added with add: true needs a title"
			pt.problems = append(pt.problems, talkProblem{check: "incomplete note: " + msg, err: userErr(msg)})
			continue
		}
		kind := KindTalk
		if e.LT {
			kind = KindLT
		}
		count[kind]++
		label := cfg.Labels.label(kind, count[kind])
		// Title and speaker come from the entry itself, as the organizer's words.
		pt.all = append(pt.all, postTalk{
			Talk:  Talk{Label: label, NotesLabel: label, Number: count[kind], Kind: kind, IsLT: kind == KindLT},
			added: true, entry: -1, post: -1,
		})
		keys[n] = label
	}
	return keys
}

// doubtfulKeys are what names one of the doubtful rows exactly, folded as
// matchTalks folds them: "label:" and its label (?1), "title:" and its
// title.
func (pt *postTalks) doubtfulKeys() map[string]bool {
	keys := map[string]bool{}
	for _, t := range pt.all {
		if t.doubt == "" {
			continue
		}
		keys["label:"+foldLabel(t.Label)] = true
		if title := foldTitle(templates.Raw(t.Title)); title != "" {
			keys["title:"+title] = true
		}
	}
	return keys
}

// matchProblem is a matching error as a problem of the talks.
func matchProblem(e *matchError, talks []Talk, notes *Notes, event int) talkProblem {
	kind := "note matching no talk"
	switch e.kind {
	case matchAmbiguous:
		kind = "ambiguous note"
	case matchDuplicate:
		kind = "duplicate note"
	}
	line := kind + ": " + e.where(notes) + ": " + e.describe(talks, notes)
	if s := e.suggestion(talks); s != "" {
		line += "; " + s
	}
	return talkProblem{check: line, err: e.userErr(talks, notes, event)}
}

// order is the order of the talks in the post, as indexes into pt.all: the
// talks the notes' order list names, in that order, then the others in
// event order. The names are matched as talks entries are; a name in error
// is a problem and is skipped.
func (pt *postTalks) order(notes *Notes, event int) []int {
	order := make([]int, 0, len(pt.all))
	placed := make([]bool, len(pt.all))
	if len(notes.Order) > 0 {
		named := &Notes{file: notes.file}
		for _, name := range notes.Order {
			named.Talks = append(named.Talks, TalkNotes{Talk: name})
		}
		talks := pt.talks()
		for _, m := range matchTalks(talks, named.Talks) {
			if m.err != nil {
				p := matchProblem(m.err, talks, named, event)
				p.err.Msg = "order: " + p.err.Msg
				p.check = "order: " + p.check
				pt.problems = append(pt.problems, p)
				continue
			}
			order = append(order, m.talk)
			placed[m.talk] = true
		}
	}
	for i := range pt.all {
		if !placed[i] {
			order = append(order, i)
		}
	}
	return order
}

// renumber gives the talks of the post their labels, in order within each
// kind; an image whose alt text was the old label gets the new one.
func renumber(cfg Config, talks []Talk) {
	count := map[string]int{}
	for i := range talks {
		t := &talks[i]
		count[t.Kind]++
		old := t.Label
		t.Number = count[t.Kind]
		t.Label = cfg.Labels.label(t.Kind, t.Number)
		if t.Image != nil && t.Image.Alt == old {
			t.Image.Alt = t.Label
		}
	}
}

// laySpeaker lays the notes on one speaker over it: a name or affiliation
// given is the organizer's words (unless it is connpass's text again), a
// handle given goes first.
func laySpeaker(s *Speaker, n SpeakerNotes) {
	if v := strings.TrimSpace(n.Name); v != "" && v != templates.Raw(s.Name) {
		s.Name, s.NameFromNotes = Markdown(v), true
	}
	if h := strings.TrimPrefix(strings.TrimSpace(n.Handle), "@"); h != "" {
		rest := slices.DeleteFunc(slices.Clone(s.Handles), func(x Handle) bool { return strings.EqualFold(x.Raw(), h) })
		s.Handles = append([]Handle{Handle(h)}, rest...)
	}
	if v := strings.TrimSpace(n.Affiliation); v != "" && v != templates.Raw(s.Affiliation) {
		s.Affiliation, s.AffiliationFromNotes = Markdown(v), true
	}
}

// applyTalkNote lays one entry of the notes over its talk. The entry's
// speakers lay over the talk's in order (adding those connpass lacks); its
// speaker, x and affiliation are the first speaker's, and win.
func applyTalkNote(t *postTalk, n TalkNotes) {
	set := func(dst *string, v string) {
		if v = strings.TrimSpace(v); v != "" {
			*dst = v
		}
	}
	// A title, speaker or affiliation from the notes is the organizer's own
	// words, printed as written; the same text as connpass's stays
	// connpass's and is escaped (a skeleton's value uncommented unchanged
	// must not let scraped HTML through).
	if v := strings.TrimSpace(n.Title); v != "" && v != templates.Raw(t.Title) {
		t.Title, t.TitleFromNotes = Markdown(v), true
	}
	for i, sn := range n.Speakers {
		for len(t.Speakers) <= i {
			t.Speakers = append(t.Speakers, Speaker{Name: Text(""), Affiliation: Text("")})
		}
		laySpeaker(&t.Speakers[i], sn)
	}
	if first := (SpeakerNotes{Name: n.Speaker, Handle: n.Handle, Affiliation: n.Affiliation}); strings.TrimSpace(first.Name+first.Handle+first.Affiliation) != "" {
		if len(t.Speakers) == 0 {
			t.Speakers = []Speaker{{Name: Text(""), Affiliation: Text("")}}
		}
		laySpeaker(&t.Speakers[0], first)
	}
	t.syncSpeaker()
	set(&t.Summary, n.Summary)
	set(&t.Comment, n.Comment)
	if v := strings.TrimSpace(n.Slides); v != "" {
		t.Slides = URL(v)
	}
	set(&t.SpeakerDeckID, n.SpeakerDeckID)
	if len(n.Highlights) > 0 {
		t.Highlights = n.Highlights
	}
	if len(n.Audience) > 0 {
		t.Audience = n.Audience
	}
}
