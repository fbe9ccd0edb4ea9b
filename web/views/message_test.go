package views_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"registrar/web/views"
)

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
		if sb, ok := f.Attr("sandbox"); !ok || sb != "allow-popups allow-popups-to-escape-sandbox" {
			t.Errorf("iframe sandbox = %q (present %v), want popups only: no scripts, no same origin, no forms", sb, ok)
		}
		links := d.Find(testid("mailbox-text-link"))
		if links.Length() != 1 || links.AttrOr("href", "") != "http://registrar.test/confirm/abc" || links.Text() != "http://registrar.test/confirm/abc" {
			t.Errorf("text part links: %d, first %q", links.Length(), links.AttrOr("href", ""))
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

// People reach their email preferences from their own pages.
func TestPreferencesLink(t *testing.T) {
	tests := []struct {
		name string
		page templ.Component
		want string
	}{
		{"student", views.MyPage(views.MyPageView{Page: page(), Role: "student"}), "/me/preferences"},
		{"mentor dashboard", views.MentorDashboard(views.MentorDashboardView{Page: page()}), "/mentor/preferences"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := render(t, tt.page)
			if got := d.Find(testid("preferences-link")).AttrOr("href", ""); got != tt.want {
				t.Errorf("preferences link = %q, want %q", got, tt.want)
			}
		})
	}
}
