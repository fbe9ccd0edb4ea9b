package emails

import (
	"testing"

	"registrar/workflows"
)

// TestConfirmSignupFromStencilIsTheSameEmail checks that the confirmation
// email put together from a stencil is byte for byte the one rendered
// directly, for every event and link, and that emails the stencils must
// not serve (a name in them, a link escaping would change) are rendered.
func TestConfirmSignupFromStencilIsTheSameEmail(t *testing.T) {
	r := New("https://registrar.test/")
	spring := workflows.SignupEmail{EventTitle: "Spring <training> & \"more\"", EventDates: "4–6 May 2026", Location: "Berlin",
		Role: workflows.RoleStudent, Link: "https://registrar.test/confirm/abc234"}
	tests := []struct {
		name   string
		mutate func(*workflows.SignupEmail)
	}{
		{"first of an event", func(*workflows.SignupEmail) {}},
		{"another link", func(d *workflows.SignupEmail) { d.Link = "https://registrar.test/confirm/zzz777" }},
		{"another role", func(d *workflows.SignupEmail) { d.Role = workflows.RoleMentor }},
		{"another event", func(d *workflows.SignupEmail) { d.EventTitle, d.Location = "Autumn", "Lisbon" }},
		{"a name", func(d *workflows.SignupEmail) { d.Name = "Ada" }},
		{"a link escaping changes", func(d *workflows.SignupEmail) { d.Link = "https://registrar.test/confirm/k?a=1&b=2" }},
		{"a link holding the marker", func(d *workflows.SignupEmail) { d.Link = r.stencils.marker + "&" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := spring
			tt.mutate(&d)
			got, err := r.ConfirmSignup(d)
			if err != nil {
				t.Fatal(err)
			}
			want, err := r.confirmSignup(d)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("from stencil:\n%+v\nrendered:\n%+v", got, want)
			}
			if again, _ := r.ConfirmSignup(d); again != want {
				t.Errorf("second time:\n%+v\nrendered:\n%+v", again, want)
			}
		})
	}
	if n := len(r.stencils.m); n != 3 {
		t.Errorf("%d stencils kept, want 3 (spring student and mentor, autumn student)", n)
	}
}
