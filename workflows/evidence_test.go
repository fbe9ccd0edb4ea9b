package workflows_test

import (
	"strings"
	"testing"

	"registrar/workflows"
)

func TestValidateEvidence(t *testing.T) {
	tests := []struct {
		name string
		kind workflows.EvidenceKind
		in   string
		ok   bool
	}{
		{"change long form", workflows.EvidenceChange, "https://review.opendev.org/c/openstack/nova/+/912345", true},
		{"change nested project", workflows.EvidenceChange, "https://review.opendev.org/c/openstack/project-config/+/1", true},
		{"change short form", workflows.EvidenceChange, "https://review.opendev.org/912345", true},
		{"change trailing slash and spaces", workflows.EvidenceChange, "  https://review.opendev.org/c/openstack/nova/+/912345/ ", true},
		{"change over http", workflows.EvidenceChange, "http://review.opendev.org/912345", false},
		{"change other host", workflows.EvidenceChange, "https://review.example.org/c/openstack/nova/+/912345", false},
		{"change lookalike host", workflows.EvidenceChange, "https://review.opendev.org.evil.test/912345", false},
		{"change github", workflows.EvidenceChange, "https://github.com/openstack/nova/pull/1", false},
		{"change without number", workflows.EvidenceChange, "https://review.opendev.org/c/openstack/nova/+/", false},
		{"change leading zero", workflows.EvidenceChange, "https://review.opendev.org/0123", false},
		{"change empty", workflows.EvidenceChange, "", false},
		{"change query", workflows.EvidenceChange, "https://review.opendev.org/912345?x=1", false},
		{"task launchpad bug", workflows.EvidenceTask, "https://bugs.launchpad.net/nova/+bug/2045678", true},
		{"task launchpad", workflows.EvidenceTask, "https://launchpad.net/nova", true},
		{"task storyboard", workflows.EvidenceTask, "https://storyboard.openstack.org/#!/story/2011234", true},
		{"task front page", workflows.EvidenceTask, "https://bugs.launchpad.net/", false},
		{"task other host", workflows.EvidenceTask, "https://bugs.example.org/nova/+bug/1", false},
		{"task gerrit change", workflows.EvidenceTask, "https://review.opendev.org/912345", false},
		{"task http", workflows.EvidenceTask, "http://bugs.launchpad.net/nova/+bug/1", false},
		{"task with credentials", workflows.EvidenceTask, "https://x@bugs.launchpad.net/nova/+bug/1", false},
		{"task with port", workflows.EvidenceTask, "https://bugs.launchpad.net:8443/nova/+bug/1", false},
		{"task not a url", workflows.EvidenceTask, "bug 2045678", false},
		{"gerrit username", workflows.EvidenceUsername, "ada.lovelace", true},
		{"gerrit username with at", workflows.EvidenceUsername, "ada@example", true},
		{"gerrit username with space", workflows.EvidenceUsername, "ada lovelace", false},
		{"gerrit username url", workflows.EvidenceUsername, "https://review.opendev.org/q/owner:ada", false},
		{"gerrit username empty", workflows.EvidenceUsername, "", false},
		{"gerrit username too long", workflows.EvidenceUsername, strings.Repeat("a", 65), false},
		{"none accepts empty", workflows.EvidenceNone, "", true},
		{"none accepts a note", workflows.EvidenceNone, "done on Tuesday", true},
		{"none too long", workflows.EvidenceNone, strings.Repeat("a", 301), false},
		{"unknown kind", workflows.EvidenceKind("photo"), "x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := workflows.ValidateEvidence(tt.kind, tt.in)
			if (err == nil) != tt.ok {
				t.Fatalf("ValidateEvidence(%q, %q) = %v, want ok %v", tt.kind, tt.in, err, tt.ok)
			}
			if err != nil {
				fields := workflows.FieldErrors(err)
				if fields["evidence"] == "" {
					t.Errorf("error %v has no message on the evidence field", err)
				}
				return
			}
			if got != strings.TrimSpace(tt.in) {
				t.Errorf("normalised %q, want %q", got, strings.TrimSpace(tt.in))
			}
		})
	}
}
