package sqlstore

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Müller", "muller"},
		{"José", "jose"},
		{"JOSÉ Müller-Øster", "jose muller-oster"},
		{"Łukasz Straße", "lukasz strasse"},
		{"Ærøskøbing", "aeroskobing"},
		{"ada@Example.org", "ada@example.org"},
		{"Nguyễn Thị", "nguyen thi"},
		{"plain", "plain"},
		{"Zoë O\u0301", "zoe o"}, // composed and decomposed accents alike
		{"Ελένη", "ελενη"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLikePattern(t *testing.T) {
	if got, want := likePattern(`50%_Ü\`), `%50\%\_u\\%`; got != want {
		t.Errorf("likePattern = %q, want %q", got, want)
	}
}
