package sheetstest

import "testing"

func TestParseA1(t *testing.T) {
	tests := []struct {
		in   string
		want area
	}{
		{"Sheet1", area{tab: "Sheet1", r1: -1, c1: -1}},
		{"'My tab'!A1", area{tab: "My tab", r0: 0, c0: 0, r1: 1, c1: 1}},
		{"'O''Brien''s'!A:A", area{tab: "O'Brien's", c1: 1, r1: -1}},
		{"'a!b'!B2:D5", area{tab: "a!b", r0: 1, c0: 1, r1: 5, c1: 4}},
		{"Tab!1:1", area{tab: "Tab", r1: 1, c1: -1}},
		{"Tab!A2:C", area{tab: "Tab", r0: 1, r1: -1, c1: 3}},
		{"Tab!AA10", area{tab: "Tab", r0: 9, c0: 26, r1: 10, c1: 27}},
	}
	for _, tt := range tests {
		got, err := parseA1(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("parseA1(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"'open", "'x'y", "Tab!", "Tab!a1", "Tab!A0"} {
		if _, err := parseA1(bad); err == nil {
			t.Errorf("parseA1(%q) succeeded", bad)
		}
	}
}
