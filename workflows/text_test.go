package workflows

import "testing"

func TestHasFormat(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Ada Lovelace", false},
		{"Zoë Ñandú", false},
		{"می\u200Cخواهم", false}, // zero-width non-joiner
		{"👩\u200D💻", false},      // zero-width joiner in an emoji
		{"Ada \u202Egnp.exe", true},
		{"\u2066Admin\u2069", true},
		{"Ad\u200Ba", true},
		{"Engines\u200E", true},
		{"\uFEFFada", true},
		{"\u00ADsoft", true},
	}
	for _, tt := range tests {
		if got := hasFormat(tt.in); got != tt.want {
			t.Errorf("hasFormat(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestHasControl(t *testing.T) {
	tests := []struct {
		in        string
		multiline bool
		want      bool
	}{
		{"one line", false, false},
		{"two\nlines", false, true},
		{"two\r\nlines", true, false},
		{"bell\a", true, true},
		{"C1 \u0085 next line", false, true},
		{"del\x7f", false, true},
	}
	for _, tt := range tests {
		if got := hasControl(tt.in, tt.multiline); got != tt.want {
			t.Errorf("hasControl(%q, %v) = %v, want %v", tt.in, tt.multiline, got, tt.want)
		}
	}
}
