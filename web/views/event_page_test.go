package views_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"registrar/web/views"
)

func TestEventPage(t *testing.T) {
	tests := []struct {
		name  string
		view  func() views.EventView
		check func(t *testing.T, d *goquery.Document)
	}{
		{"both forms, empty, with defaults", eventView, func(t *testing.T, d *goquery.Document) {
			for _, role := range []string{"student", "mentor"} {
				f := d.Find(testid(role + "-form"))
				if f.Length() != 1 {
					t.Fatalf("%d %s forms", f.Length(), role)
				}
				if m, a := f.AttrOr("method", ""), f.AttrOr("action", ""); m != "post" || a != "/events/spring/"+role+"s#"+role {
					t.Errorf("%s form: method %q action %q", role, m, a)
				}
				if _, ok := f.Attr("novalidate"); !ok {
					t.Errorf("%s form validates in the browser", role)
				}
				if got := f.Find(`select[name="timezone"] option[selected]`).AttrOr("value", ""); got != "UTC" {
					t.Errorf("%s time zone = %q, want UTC", role, got)
				}
				if f.Find(testid("error-summary")).Length() != 0 || f.Find(`[aria-invalid]`).Length() != 0 {
					t.Errorf("%s form shows errors before any were made", role)
				}
				if d.Find("section#"+role).Length() != 1 {
					t.Errorf("no section#%s to jump to", role)
				}
			}
			if got := d.Find(testid("mentor-form")+` [name="max_mentees"]`).AttrOr("value", ""); got != "2" {
				t.Errorf("max_mentees = %q, want 2", got)
			}
			if d.Find(testid("closed")).Length() != 0 {
				t.Error("closed notice on an open event")
			}
		}},
		{"fields: names, ids, labels, limits", eventView, func(t *testing.T, d *goquery.Document) {
			want := map[string][]string{
				"student": {"name", "email", "company", "irc", "timezone", "project", "experience", "goals", "website"},
				"mentor":  {"name", "email", "company", "irc", "timezone", "projects", "max_mentees", "website"},
			}
			seen := map[string]bool{}
			for role, names := range want {
				var got []string
				d.Find(testid(role + "-form")).Find("input, select, textarea").Each(func(_ int, s *goquery.Selection) {
					name := s.AttrOr("name", "")
					got = append(got, name)
					id := s.AttrOr("id", "")
					if id != role+"-"+name {
						t.Errorf("%s %s: id %q, want %s-%s", role, name, id, role, name)
					}
					if seen[id] {
						t.Errorf("id %q twice on the page", id)
					}
					seen[id] = true
					if d.Find(`label[for="`+id+`"]`).Length() != 1 {
						t.Errorf("%s: no label", id)
					}
				})
				if strings.Join(got, " ") != strings.Join(names, " ") {
					t.Errorf("%s fields = %v, want %v", role, got, names)
				}
			}
			limits := map[string]string{"name": "200", "company": "200", "email": "254", "irc": "64", "experience": "4000", "goals": "4000"}
			for name, max := range limits {
				if got := d.Find(`#student-`+name).AttrOr("maxlength", ""); got != max {
					t.Errorf("student %s maxlength = %q, want %s", name, got, max)
				}
			}
			if got := d.Find("#mentor-projects").AttrOr("maxlength", ""); got != "4000" {
				t.Errorf("mentor projects maxlength = %q", got)
			}
			n := d.Find("#mentor-max_mentees")
			if n.AttrOr("type", "") != "number" || n.AttrOr("min", "") != "1" || n.AttrOr("max", "") != "10" {
				t.Errorf("max_mentees: type %q min %q max %q", n.AttrOr("type", ""), n.AttrOr("min", ""), n.AttrOr("max", ""))
			}
			autos := map[string]string{"name": "name", "email": "email", "company": "organization"}
			for name, auto := range autos {
				if got := d.Find("#student-"+name).AttrOr("autocomplete", ""); got != auto {
					t.Errorf("%s autocomplete = %q, want %s", name, got, auto)
				}
			}
			if got := d.Find("#student-email").AttrOr("type", ""); got != "email" {
				t.Errorf("email type = %q", got)
			}
		}},
		{"honeypot hidden from people", eventView, func(t *testing.T, d *goquery.Document) {
			for _, role := range []string{"student", "mentor"} {
				hp := d.Find(testid(role+"-form") + ` input[name="website"]`)
				if hp.Length() != 1 {
					t.Fatalf("%s: %d honeypots", role, hp.Length())
				}
				attrs := map[string]string{"tabindex": "-1", "autocomplete": "off", "aria-hidden": "true", "type": "text", "value": ""}
				for a, want := range attrs {
					if got, ok := hp.Attr(a); !ok || got != want {
						t.Errorf("%s honeypot %s = %q, want %q", role, a, got, want)
					}
				}
				if hp.Closest(".hp").Length() != 1 {
					t.Errorf("%s honeypot is not inside the visually hidden .hp", role)
				}
			}
		}},
		{"failed student form: errors beside fields, values kept", func() views.EventView {
			v := eventView()
			v.Student = form("student",
				map[string]string{"name": "", "email": "ada.example.org", "company": `<script>alert("x")</script>`,
					"timezone": "Europe/Berlin", "goals": "Land a patch\nin Nova"},
				map[string]string{"email": "Enter an email address like ada@example.org.", "name": "Enter your name."}, true)
			return v
		}, func(t *testing.T, d *goquery.Document) {
			f := d.Find(testid("student-form"))
			if d.Find("section").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.HasClass("panel") }).First().AttrOr("id", "") != "student" {
				t.Error("the failed student form is not first")
			}
			for _, name := range []string{"name", "email"} {
				e := f.Find(testid("error-" + name))
				if e.Length() != 1 {
					t.Fatalf("%s: %d error messages", name, e.Length())
				}
				input := f.Find(`[name="` + name + `"]`)
				if input.AttrOr("aria-invalid", "") != "true" {
					t.Errorf("%s not aria-invalid", name)
				}
				if !strings.Contains(input.AttrOr("aria-describedby", ""), e.AttrOr("id", "-")) {
					t.Errorf("%s aria-describedby %q does not name its error %q", name, input.AttrOr("aria-describedby", ""), e.AttrOr("id", ""))
				}
				if e.Closest(".field").Find(`[name="`+name+`"]`).Length() != 1 {
					t.Errorf("%s error is not in the field's own box", name)
				}
			}
			if got := f.Find(testid("error-email")).Text(); !strings.Contains(got, "Enter an email address like ada@example.org.") {
				t.Errorf("email error = %q", got)
			}
			if f.Find(`[name="company"]`).AttrOr("aria-invalid", "") != "" || f.Find(testid("error-company")).Length() != 0 {
				t.Error("company marked invalid")
			}
			if got := f.Find(`[name="email"]`).AttrOr("value", ""); got != "ada.example.org" {
				t.Errorf("email value = %q", got)
			}
			if got := f.Find(`[name="company"]`).AttrOr("value", ""); got != `<script>alert("x")</script>` {
				t.Errorf("company value = %q", got)
			}
			if got := f.Find(`[name="goals"]`).Text(); got != "Land a patch\nin Nova" {
				t.Errorf("goals = %q", got)
			}
			if got := f.Find(`select[name="timezone"] option[selected]`).AttrOr("value", ""); got != "Europe/Berlin" {
				t.Errorf("time zone = %q", got)
			}
			sum := f.Find(testid("error-summary"))
			if sum.AttrOr("role", "") != "alert" {
				t.Errorf("summary role = %q", sum.AttrOr("role", ""))
			}
			var links []string
			sum.Find("a").Each(func(_ int, a *goquery.Selection) { links = append(links, a.AttrOr("href", "")) })
			if strings.Join(links, " ") != "#student-name #student-email" {
				t.Errorf("summary links = %v, want name then email", links)
			}
			if d.Find(testid("mentor-form")+" "+testid("error-summary")).Length() != 0 {
				t.Error("the mentor form shows the student's errors")
			}
		}},
		{"failed mentor form comes first", func() views.EventView {
			v := eventView()
			v.Mentor = form("mentor", map[string]string{"max_mentees": "40", "timezone": "UTC"},
				map[string]string{"max_mentees": "Enter a whole number of mentees from 1 to 10.", "role": "Choose student or mentor."}, true)
			return v
		}, func(t *testing.T, d *goquery.Document) {
			if got := d.Find("section.panel").First().AttrOr("id", ""); got != "mentor" {
				t.Errorf("first panel = %q, want mentor", got)
			}
			m := d.Find(testid("mentor-form"))
			if got := m.Find(`[name="max_mentees"]`); got.AttrOr("value", "") != "40" || got.AttrOr("aria-invalid", "") != "true" {
				t.Errorf("max_mentees value %q invalid %q", got.AttrOr("value", ""), got.AttrOr("aria-invalid", ""))
			}
			if m.Find(testid("error-max_mentees")).Length() != 1 {
				t.Error("no max_mentees error")
			}
			// An error for no field at all is still shown, in the summary.
			if !strings.Contains(m.Find(testid("error-summary")).Text(), "Choose student or mentor.") {
				t.Error("form-wide error missing from the summary")
			}
		}},
		{"closed: notice and no forms", func() views.EventView {
			v := eventView()
			v.Open, v.ClosedReason = false, "Sign-up for this event closed on 27 April."
			return v
		}, func(t *testing.T, d *goquery.Document) {
			if d.Find("form").Length() != 0 {
				t.Errorf("%d forms on a closed event", d.Find("form").Length())
			}
			if !strings.Contains(d.Find(testid("closed")).Text(), "Sign-up for this event closed on 27 April.") {
				t.Error("no closed reason")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := render(t, views.EventPage(tt.view()))
			tt.check(t, d)
		})
	}
}

func TestSignupPages(t *testing.T) {
	d, _ := render(t, views.CheckEmailPage(views.CheckEmailView{Page: page(), EventTitle: "Spring training", EventSlug: "spring"}))
	ce := d.Find(testid("check-email"))
	for _, want := range []string{"Check your email", "Spring training", "The link works once.", "Nothing arrived?"} {
		if !strings.Contains(ce.Text(), want) {
			t.Errorf("check-email page lacks %q", want)
		}
	}
	if ce.Find(`a[href="/events/spring"]`).Length() != 1 {
		t.Error("check-email page does not link back to the event")
	}

	tests := []struct {
		outcome views.ConfirmOutcome
		heading string
		says    string
	}{
		{views.ConfirmConfirmed, "You're in", "is confirmed"},
		{views.ConfirmWaitlisted, "You're on the waitlist", "We'll email you"},
		{views.ConfirmAlready, "This link was used already", "Your place in Spring training stands"},
		{views.ConfirmInvalid, "This link does not work", "unknown or has expired"},
	}
	for _, tt := range tests {
		t.Run(string(tt.outcome), func(t *testing.T) {
			d, _ := render(t, views.ConfirmPage(views.ConfirmView{Page: page(), Outcome: tt.outcome,
				EventTitle: "Spring training", EventSlug: "spring", Role: "student"}))
			s := d.Find(testid("confirm-" + string(tt.outcome)))
			if s.Length() != 1 {
				t.Fatalf("no confirm-%s", tt.outcome)
			}
			if got := s.Find("h1").Text(); got != tt.heading {
				t.Errorf("heading = %q, want %q", got, tt.heading)
			}
			if !strings.Contains(strings.Join(strings.Fields(s.Text()), " "), tt.says) {
				t.Errorf("page does not say %q", tt.says)
			}
		})
	}
}
