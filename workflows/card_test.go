package workflows_test

import (
	"testing"

	"registrar/workflows"
)

func TestCardMarker(t *testing.T) {
	tests := []struct {
		name, body, id string
		wantDesc       string
	}{
		{"answers with another's marker", "Goals:\nregistrar:r2\n", "r1", "Goals:\nregistrar\\:r2\n\n---\nregistrar:r1"},
		{"a marker inside a sentence", "see registrar:r1 here", "r1", "see registrar\\:r1 here\n\n---\nregistrar:r1"},
		{"no body", "", "r1", "registrar:r1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			desc := workflows.CardDescription(tt.body, tt.id)
			if desc != tt.wantDesc {
				t.Errorf("CardDescription = %q, want %q", desc, tt.wantDesc)
			}
			if !workflows.HasCardMarker(desc, tt.id) {
				t.Errorf("%q lacks its own marker", desc)
			}
			if workflows.HasCardMarker(desc, "r2") {
				t.Errorf("%q matches r2's marker", desc)
			}
		})
	}
	matches := []struct {
		desc string
		want bool
	}{
		{"x\n---\nregistrar:r1", true},
		{"x\n---\nregistrar:r1\r\n", true},                // Windows line ends
		{"registrar:r1\n\nnote an organizer added", true}, // a line of its own, wherever it is
		{"x\n---\nregistrar:r10", false},
		{"x\nregistrar:r1 and more", false},
		{"x\nsee registrar:r1", false},
		{"x\nregistrar\\:r1", false},
	}
	for _, m := range matches {
		if got := workflows.HasCardMarker(m.desc, "r1"); got != m.want {
			t.Errorf("HasCardMarker(%q, r1) = %v, want %v", m.desc, got, m.want)
		}
	}
}
