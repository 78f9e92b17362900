package fetch

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const csvDir = "../testdata/csv"

func TestReadParticipantsCSV(t *testing.T) {
	tests := []struct {
		file string
		want []TicketType
	}{
		{
			// BOM, CRLF, 出欠ステータス present; the two 参加枠 interleave.
			file: "368663.csv",
			want: []TicketType{
				{Name: "会場参加枠", Participants: 29, Waitlist: 2, Cancelled: 3, Attended: 24, HasAttended: true},
				{Name: "オンライン参加枠", Participants: 51, Cancelled: 4, HasAttended: true},
			},
		},
		{
			// Survey questions before 参加ステータス, no BOM, a multi-line
			// quoted answer with quotes and a comma in it.
			file: "moved-columns.csv",
			want: []TicketType{
				{Name: "LT枠", Participants: 3, Attended: 2, HasAttended: true},
				{Name: "一般枠", Participants: 5, Waitlist: 1, Cancelled: 1, Attended: 3, HasAttended: true},
			},
		},
		{
			// No 出欠ステータス column; 懇親会のみ has only cancellations.
			file: "cancelled-only-ticket.csv",
			want: []TicketType{
				{Name: "一般参加", Participants: 4, Cancelled: 1},
				{Name: "懇親会のみ", Cancelled: 2},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join(csvDir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := ReadParticipantsCSV(f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadParticipantsCSVMissingColumn(t *testing.T) {
	f, err := os.Open(filepath.Join(csvDir, "no-status-column.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, err = ReadParticipantsCSV(f)
	const want = `participants CSV: no "参加ステータス" column (found: 参加枠名, ユーザー名, 表示名, 利用開始日, コメント, 出欠ステータス, 出席日時, 更新日時, 受付番号)`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant  %s", err, want)
	}
}

func TestReadParticipantsCSVStatuses(t *testing.T) {
	// Every accepted spelling, a BOM-less header with spaces around the
	// names, names that differ only by invisible characters, and a blank row.
	const in = " 参加枠名 ,参加ステータス\n" +
		"A,参加者\nA,参加\nA,当選\n" +
		"A\u200b,補欠\nA,補欠者\nA,抽選待ち\n" +
		",\n" +
		"A,キャンセル\nA,キャンセル済み\n"
	got, err := ReadParticipantsCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []TicketType{{Name: "A", Participants: 3, Waitlist: 3, Cancelled: 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestReadParticipantsCSVHeaderOnly(t *testing.T) {
	got, err := ReadParticipantsCSV(strings.NewReader("\ufeff参加枠名,参加ステータス\r\n"))
	if err != nil || len(got) != 0 {
		t.Errorf("got %+v, %v; want no tickets, no error", got, err)
	}
}

func TestReadParticipantsCSVErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "participants CSV: empty (no header row)"},
		{"BOM only", "\ufeff", "participants CSV: empty (no header row)"},
		{"no 参加枠名", "ユーザー名,参加ステータス\nu,参加者\n",
			`participants CSV: no "参加枠名" column (found: ユーザー名, 参加ステータス)`},
		{"long header", "a,b,c,d,e,f,g,h,i,j,k,l,m,n,参加ステータス\n",
			`participants CSV: no "参加枠名" column (found: a, b, c, d, e, f, g, h, i, j, k, l, ... (3 more))`},
		{"unknown status", "参加枠名,参加ステータス\nA,参加者\nA,落選\n",
			`participants CSV: line 3: unknown 参加ステータス "落選" (want 参加者, 補欠, 抽選待ち or キャンセル)`},
		{"empty status", "参加枠名,参加ステータス\nA,\n",
			`participants CSV: line 2: unknown 参加ステータス "" (want 参加者, 補欠, 抽選待ち or キャンセル)`},
		{"empty 参加枠名", "参加枠名,参加ステータス\n,参加者\n",
			`participants CSV: line 2: empty "参加枠名"`},
		// The line is where the row starts, after a two-line field.
		{"short row", "参加枠名,メモ,参加ステータス,出欠ステータス\nA,\"x\ny\",参加者,出席\nA,\"p\nq\",参加者\n",
			`participants CSV: line 4: 3 fields, but "出欠ステータス" is column 4`},
		{"bad quote", "参加枠名,参加ステータス\nA,参加者\nA,\"参加者\n",
			`participants CSV: parse error on line 3, column 14: extraneous or missing " in quoted-field`},
	}
	for _, tt := range tests {
		_, err := ReadParticipantsCSV(strings.NewReader(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: err = %v\nwant  %s", tt.name, err, tt.want)
		}
	}
}

func TestReadParticipantsCSVRagged(t *testing.T) {
	// Rows longer or shorter than the header are fine while they hold the
	// columns the reader needs.
	const in = "参加枠名,参加ステータス,出欠ステータス,質問1,質問2\n" +
		"A,参加者,出席\n" +
		"A,参加者,,x,y,z,extra\n" +
		"A,参加者,出席,x\n"
	got, err := ReadParticipantsCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []TicketType{{Name: "A", Participants: 3, Attended: 2, HasAttended: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func FuzzReadParticipantsCSV(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(csvDir, "*.csv"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("参加枠名,参加ステータス,出欠ステータス\nA,参加者,出席\n\"B\nC\",補欠\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ReadParticipantsCSV(bytes.NewReader(b))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, tk := range got {
			if tk.Name == "" || seen[tk.Name] {
				t.Errorf("empty or repeated name in %+v", got)
			}
			seen[tk.Name] = true
			if tk.Attended > tk.Participants || (!tk.HasAttended && tk.Attended != 0) {
				t.Errorf("attended out of range: %+v", tk)
			}
			if tk.Participants+tk.Waitlist+tk.Cancelled == 0 {
				t.Errorf("ticket with no rows: %+v", tk)
			}
		}
	})
}
