package scaffold

import "testing"

func TestParseEventRef(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int // 0: an error
	}{
		{"368663", 368663},
		{" 368663 ", 368663},
		{"https://datadog-jp.connpass.com/event/368663/", 368663},
		{"https://datadog-jp.connpass.com/event/368663", 368663},
		{"https://connpass.com/event/368663/", 368663},
		{"https://datadog-jp.connpass.com/event/368663/participation/#waitlist", 368663},
		{"HTTPS://Datadog-JP.Connpass.com/event/368663/?utm_source=x", 368663},
		{"datadog-jp.connpass.com/event/368663/", 368663},
		{"http://connpass.com/event/1/", 1},
		{"", 0},
		{"0", 0},
		{"-1", 0},
		{"12abc", 0},
		{"https://example.com/event/368663/", 0},
		{"https://connpass.com.evil.example/event/368663/", 0},
		{"https://evilconnpass.com/event/368663/", 0},
		{"https://datadog-jp.connpass.com/", 0},
		{"https://datadog-jp.connpass.com/event/", 0},
		{"https://datadog-jp.connpass.com/event/abc/", 0},
		{"https://datadog-jp.connpass.com/presentation/368663/", 0},
		{"ftp://connpass.com/event/368663/", 0},
		{"jddug13", 0},
	} {
		got, err := ParseEventRef(tt.in)
		if tt.want == 0 {
			if err == nil {
				t.Errorf("ParseEventRef(%q) = %d, want an error", tt.in, got)
			} else if ExitCode(err) != ExitUsage {
				t.Errorf("ParseEventRef(%q): exit code %d, want %d", tt.in, ExitCode(err), ExitUsage)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseEventRef(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}
