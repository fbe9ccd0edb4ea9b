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
