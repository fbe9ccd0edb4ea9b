package views_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"registrar/web/views"
)

// render renders c and parses it, failing the test on either error.
func render(t *testing.T, c templ.Component) (*goquery.Document, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(t.Context(), &buf); err != nil {
		t.Fatalf("render: %v", err)
	}
	html := buf.String()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return doc, html
}

func testid(id string) string { return `[data-testid="` + id + `"]` }

func page() views.Page {
	return views.Page{Title: "Spring training", CSSURL: "/static/app.0123456789.css"}
}

func card() views.EventCard {
	return views.EventCard{Slug: "spring", Title: "Spring training", Dates: "4–6 May 2026", Location: "Berlin",
		Timezone: "Europe/Berlin", StudentsLeft: 12, MentorsLeft: 0, ClosesOn: "27 April 2026"}
}

func form(role string, values, errors map[string]string, active bool) views.SignupForm {
	return views.SignupForm{Role: role, Action: "/events/spring/" + role + "s#" + role, Values: values, Errors: errors, Active: active}
}

func eventView() views.EventView {
	return views.EventView{
		Page: page(), Event: card(), Open: true, Timezones: []string{"UTC", "Europe/Berlin", "Asia/Tokyo"},
		Student: form("student", map[string]string{"timezone": "UTC"}, nil, false),
		Mentor:  form("mentor", map[string]string{"timezone": "UTC", "max_mentees": "2"}, nil, false),
	}
}

func TestLayout(t *testing.T) {
	tests := []struct {
		name  string
		page  views.Page
		check func(t *testing.T, d *goquery.Document)
	}{
		{"anonymous", page(), func(t *testing.T, d *goquery.Document) {
			if got := d.Find("title").Text(); got != "Spring training · Registrar" {
				t.Errorf("title = %q", got)
			}
			if v, _ := d.Find("html").Attr("lang"); v != "en" {
				t.Errorf("lang = %q", v)
			}
			if d.Find(`meta[name="viewport"]`).Length() != 1 {
				t.Error("no viewport meta")
			}
			if v, _ := d.Find(`link[rel="stylesheet"]`).Attr("href"); v != "/static/app.0123456789.css" {
				t.Errorf("stylesheet = %q", v)
			}
			if d.Find("script").Length() != 0 {
				t.Error("a script on a page that needs none")
			}
			if v, _ := d.Find("a.skip-link").Attr("href"); v != "#main" || d.Find("main#main").Length() != 1 {
				t.Errorf("skip link to %q, main#main %d", v, d.Find("main#main").Length())
			}
			if v, _ := d.Find(`header a[href="/login"]`).Attr("href"); v != "/login" {
				t.Error("no sign-in link")
			}
			if d.Find(`form[action="/logout"]`).Length() != 0 || d.Find(testid("flash")).Length() != 0 {
				t.Error("logout form or flash for an anonymous visitor")
			}
			if d.Find(testid("dev-mailbox-link")).Length() != 0 {
				t.Error("dev mailbox notice while email is sent")
			}
		}},
		{"signed in, flash, dev mailbox", func() views.Page {
			p := page()
			p.User = &views.User{Name: "Ada <Lovelace>"}
			p.Flash = "You are signed in."
			p.DevMailbox = true
			return p
		}(), func(t *testing.T, d *goquery.Document) {
			if got := d.Find(testid("user-name")).Text(); got != "Ada <Lovelace>" {
				t.Errorf("user name = %q", got)
			}
			if m, _ := d.Find(`form[action="/logout"]`).Attr("method"); m != "post" {
				t.Errorf("logout form method = %q", m)
			}
			if d.Find(`header a[href="/login"]`).Length() != 0 {
				t.Error("sign-in link for a signed-in person")
			}
			if got := d.Find(testid("flash")).Text(); got != "You are signed in." {
				t.Errorf("flash = %q", got)
			}
			if v, _ := d.Find(testid("dev-mailbox-link")).Attr("href"); v != "/dev/mailbox" {
				t.Errorf("dev mailbox link = %q", v)
			}
			if !strings.Contains(d.Find(".site-footer").Text(), "Email is not being sent: it lands in the dev mailbox") {
				t.Error("no dev mailbox notice in the footer")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := render(t, views.MessagePage(views.MessageView{Page: tt.page, Heading: "Hi"}))
			tt.check(t, d)
		})
	}
}

func TestHomePage(t *testing.T) {
	t.Run("events", func(t *testing.T) {
		full := card()
		full.Slug, full.Title, full.StudentsLeft = "autumn", "Autumn training", 0
		d, _ := render(t, views.HomePage(views.HomeView{Page: page(), Events: []views.EventCard{card(), full}}))
		cards := d.Find(testid("event-card"))
		if cards.Length() != 2 {
			t.Fatalf("%d event cards, want 2", cards.Length())
		}
		first := cards.First()
		if href, _ := first.Find("h3 a").Attr("href"); href != "/events/spring" {
			t.Errorf("card link = %q", href)
		}
		for _, want := range []string{"4–6 May 2026", "Berlin", "12 seats left"} {
			if !strings.Contains(first.Text(), want) {
				t.Errorf("first card lacks %q", want)
			}
		}
		if got := cards.Eq(1).Find(testid("card-students-left")).Text(); got != "waitlist only" {
			t.Errorf("full event says %q, want waitlist only", got)
		}
		if d.Find(testid("no-events")).Length() != 0 {
			t.Error("empty state shown with events")
		}
	})
	t.Run("none", func(t *testing.T) {
		d, _ := render(t, views.HomePage(views.HomeView{Page: page()}))
		if d.Find(testid("no-events")).Length() != 1 || d.Find(testid("event-card")).Length() != 0 {
			t.Error("no empty state")
		}
	})
}

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

// No value typed into a form may come back as markup.
func TestEscaping(t *testing.T) {
	evil := `<script>alert(1)</script>`
	v := eventView()
	v.Event.Title = evil
	v.Student = form("student", map[string]string{"name": evil, "goals": evil}, map[string]string{"name": evil}, true)
	pages := map[string]templ.Component{
		"event":   views.EventPage(v),
		"home":    views.HomePage(views.HomeView{Page: page(), Events: []views.EventCard{v.Event}}),
		"message": views.MessagePage(views.MessageView{Page: page(), Heading: evil, Body: evil}),
		"mailbox": views.MailboxPage(views.MailboxView{Page: page(), Messages: []views.MailboxItem{{ID: "1", Subject: evil, To: evil}}}),
		"mail":    views.MailboxMessagePage(views.MailboxMessageView{Page: page(), Message: views.MailboxItem{ID: "1", Subject: evil}, Text: evil}),
	}
	for name, c := range pages {
		t.Run(name, func(t *testing.T) {
			d, html := render(t, c)
			if strings.Contains(html, evil) {
				t.Errorf("unescaped %s in the page", evil)
			}
			if n := d.Find("script").Length(); n != 0 {
				t.Errorf("%d script elements", n)
			}
			if !strings.Contains(d.Text(), evil) {
				t.Error("the text itself was lost")
			}
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

func TestMessagePage(t *testing.T) {
	tests := []struct {
		view   views.MessageView
		back   string
		status string
	}{
		{views.MessageView{Status: 404, Heading: "Page not found", Body: "Check the address."}, "/", "Error 404: Not Found"},
		{views.MessageView{Status: 429, Heading: "Too many attempts", Body: "Wait a minute.", Back: "/events/spring"}, "/events/spring", "Error 429"},
		{views.MessageView{Status: 200, Heading: "Sign-up is closed", Body: "It closed yesterday."}, "/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.view.Heading, func(t *testing.T) {
			tt.view.Page = page()
			d, _ := render(t, views.MessagePage(tt.view))
			m := d.Find(testid("message"))
			if got := m.Find("h1").Text(); got != tt.view.Heading {
				t.Errorf("heading = %q", got)
			}
			if !strings.Contains(m.Text(), tt.view.Body) {
				t.Error("no body")
			}
			if m.Find(`a.button[href="`+tt.back+`"]`).Length() != 1 {
				t.Errorf("no button to %s", tt.back)
			}
			if eyebrow := m.Find(".eyebrow").Text(); !strings.HasPrefix(eyebrow, tt.status) || (tt.status == "") != (eyebrow == "") {
				t.Errorf("status line = %q, want %q", eyebrow, tt.status)
			}
		})
	}
}

func TestMailbox(t *testing.T) {
	t.Run("list", func(t *testing.T) {
		d, _ := render(t, views.MailboxPage(views.MailboxView{Page: page(), Messages: []views.MailboxItem{
			{ID: "m1", To: "ada@example.org", Subject: "Confirm your place", Kind: "confirm_signup", Sent: "08:51"},
			{ID: "m2", To: "bob@example.org", Subject: "You're on the waitlist", Kind: "waitlisted", Sent: "08:52"},
		}}))
		rows := d.Find(testid("mailbox-row"))
		if rows.Length() != 2 {
			t.Fatalf("%d rows", rows.Length())
		}
		if href := rows.First().Find("a").First().AttrOr("href", ""); href != "/dev/mailbox/m1" {
			t.Errorf("first row links to %q", href)
		}
		cells := rows.Eq(1).Find("td")
		var got []string
		cells.Each(func(_ int, s *goquery.Selection) { got = append(got, strings.TrimSpace(s.Text())) })
		if strings.Join(got, "|") != "bob@example.org|You're on the waitlist|waitlisted|08:52" {
			t.Errorf("row = %v", got)
		}
		if d.Find(testid("mailbox-empty")).Length() != 0 {
			t.Error("empty state with messages")
		}
	})
	t.Run("empty", func(t *testing.T) {
		d, _ := render(t, views.MailboxPage(views.MailboxView{Page: page()}))
		if d.Find(testid("mailbox-empty")).Length() != 1 || d.Find("table").Length() != 0 {
			t.Error("no empty state")
		}
	})
	t.Run("message", func(t *testing.T) {
		text := "Hello Ada,\n\nConfirm: http://registrar.test/confirm/abc\n"
		d, _ := render(t, views.MailboxMessagePage(views.MailboxMessageView{Page: page(),
			Message: views.MailboxItem{ID: "m1", To: "ada@example.org", Subject: "Confirm your place", Kind: "confirm_signup"}, Text: text}))
		f := d.Find("iframe")
		if sb, ok := f.Attr("sandbox"); !ok || sb != "" {
			t.Errorf("iframe sandbox = %q (present %v), want empty: no scripts, no same origin", sb, ok)
		}
		if f.AttrOr("src", "") != "/dev/mailbox/m1/html" || f.AttrOr("title", "") == "" {
			t.Errorf("iframe src %q title %q", f.AttrOr("src", ""), f.AttrOr("title", ""))
		}
		if got := d.Find(testid("mailbox-text")).Text(); got != text {
			t.Errorf("text part = %q", got)
		}
		if got := d.Find(testid("mailbox-subject")).Text(); got != "Confirm your place" {
			t.Errorf("subject = %q", got)
		}
	})
}

// The CSP forbids inline script and event handlers; no page may need them.
func TestNoInlineScriptOrHandlers(t *testing.T) {
	p := page()
	v := eventView()
	v.Page = p
	pages := []templ.Component{
		views.HomePage(views.HomeView{Page: p, Events: []views.EventCard{card()}}),
		views.EventPage(v),
		views.CheckEmailPage(views.CheckEmailView{Page: p}),
		views.ConfirmPage(views.ConfirmView{Page: p, Outcome: views.ConfirmConfirmed}),
		views.MessagePage(views.MessageView{Page: p}),
		views.MailboxPage(views.MailboxView{Page: p}),
		views.MailboxMessagePage(views.MailboxMessageView{Page: p}),
	}
	for i, c := range pages {
		d, _ := render(t, c)
		d.Find("script").Each(func(_ int, s *goquery.Selection) {
			if _, ok := s.Attr("src"); !ok || strings.TrimSpace(s.Text()) != "" {
				t.Errorf("page %d: inline script", i)
			}
		})
		if d.Find("style").Length() != 0 || d.Find("[style]").Length() != 0 {
			t.Errorf("page %d: inline style", i)
		}
		d.Find("*").Each(func(_ int, s *goquery.Selection) {
			for _, a := range s.Nodes[0].Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("page %d: %s has %s=", i, goquery.NodeName(s), a.Key)
				}
			}
		})
	}
}
