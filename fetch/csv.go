package fetch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Header names of the organizer's participant CSV export (connpass.md §6).
const (
	csvTicketColumn     = "参加枠名"
	csvStatusColumn     = "参加ステータス"
	csvAttendanceColumn = "出欠ステータス" // optional
	csvAttended         = "出席"
)

// csvStatusKind is where a 参加ステータス value is counted.
type csvStatusKind int

const (
	csvParticipant csvStatusKind = iota + 1
	csvWaitlist
	csvCancelled
)

// csvStatus tells where a 参加ステータス value is counted, and false for
// a value the reader does not know. 抽選待ち (waiting for a lottery draw) is
// counted as waitlist, as on the participation page.
func csvStatus(s string) (csvStatusKind, bool) {
	switch s {
	case "参加者", "参加", "当選":
		return csvParticipant, true
	case "補欠", "補欠者", "抽選待ち":
		return csvWaitlist, true
	case "キャンセル", "キャンセル済み":
		return csvCancelled, true
	}
	return 0, false
}

// ReadParticipantsCSV counts the rows of the participant CSV an organizer
// downloads from https://connpass.com/event/{id}/participants/ ("CSVダウンロード"),
// per 参加枠 in the order the CSV first names them.
//
// The CSV is UTF-8 with or without a BOM, or CP932 (Shift_JIS), as Excel on
// Windows writes it when the organizer re-saves the export; bytes valid in
// neither are an *EncodingError naming the line. Columns are found by header name,
// because survey questions move them: 参加枠名 and 参加ステータス are required,
// 出欠ステータス is optional. 参加ステータス 参加者/参加/当選 count as
// Participants, 補欠/補欠者/抽選待ち as Waitlist, and キャンセル/キャンセル済み
// as Cancelled. Any other value is an error naming its line: a status this
// reader does not know would otherwise be miscounted without a word. When
// the 出欠ステータス column is present, every ticket has HasAttended set and
// Attended counts its participants marked 出席.
//
// Rows may differ in length (survey answers may be cut short), but a row
// too short to hold the needed columns is an error. Rows whose fields are all
// empty are skipped. Errors name the line a row starts on.
func ReadParticipantsCSV(r io.Reader) ([]TicketType, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("participants CSV: %w", err)
	}
	text, err := decodeCSV(raw) // UTF-8, with or without BOM, or CP932 as Excel re-saves it
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1

	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("participants CSV: empty (no header row)")
	}
	if err != nil {
		return nil, fmt.Errorf("participants CSV: %w", err)
	}
	cols := make([]string, len(header))
	for i, h := range header {
		cols[i] = CleanText(h)
	}
	ticketCol, err := csvColumn(cols, csvTicketColumn)
	if err != nil {
		return nil, err
	}
	statusCol, err := csvColumn(cols, csvStatusColumn)
	if err != nil {
		return nil, err
	}
	attendanceCol, _ := csvColumn(cols, csvAttendanceColumn) // -1 when absent
	hasAttended := attendanceCol >= 0
	need := max(ticketCol, statusCol, attendanceCol) + 1

	var tickets []TicketType
	index := map[string]int{} // 参加枠名 -> position in tickets
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("participants CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if csvBlank(rec) {
			continue
		}
		if len(rec) < need {
			return nil, fmt.Errorf("participants CSV: line %d: %d fields, but %q is column %d",
				line, len(rec), cols[need-1], need)
		}
		name := CleanText(rec[ticketCol])
		if name == "" {
			return nil, fmt.Errorf("participants CSV: line %d: empty %q", line, csvTicketColumn)
		}
		status := CleanText(rec[statusCol])
		kind, ok := csvStatus(status)
		if !ok {
			return nil, fmt.Errorf("participants CSV: line %d: unknown %s %q (want 参加者, 補欠, 抽選待ち or キャンセル)",
				line, csvStatusColumn, status)
		}
		i, ok := index[name]
		if !ok {
			i = len(tickets)
			index[name] = i
			tickets = append(tickets, TicketType{Name: name, HasAttended: hasAttended})
		}
		t := &tickets[i]
		switch kind {
		case csvParticipant:
			t.Participants++
			if hasAttended && CleanText(rec[attendanceCol]) == csvAttended {
				t.Attended++
			}
		case csvWaitlist:
			t.Waitlist++
		case csvCancelled:
			t.Cancelled++
		}
	}
	return tickets, nil
}

// csvColumn returns the index of the first column named name, or an error
// that lists the columns the header does have.
func csvColumn(cols []string, name string) (int, error) {
	for i, c := range cols {
		if c == name {
			return i, nil
		}
	}
	found := cols
	const show = 12 // survey questions can make the header long
	more := ""
	if len(found) > show {
		found, more = found[:show], fmt.Sprintf(", ... (%d more)", len(cols)-show)
	}
	return -1, fmt.Errorf("participants CSV: no %q column (found: %s%s)", name, strings.Join(found, ", "), more)
}

// csvBlank reports a row whose fields are all empty, as spreadsheets write
// after the last row.
func csvBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
