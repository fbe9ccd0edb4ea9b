package emails_test

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"registrar/web/emails"
	"registrar/workflows"
)

const link = "https://registrar.test/confirm/k3y?a=1&b=2"

func signup(role workflows.Role) workflows.SignupEmail {
	return workflows.SignupEmail{Name: "Ada <b>Lovelace</b>", EventTitle: "Spring training", EventDates: "4–6 May 2026",
		Location: "Berlin", Role: role, Link: link}
}

func status(kind workflows.EmailKind, s workflows.Status, place int, reason string) workflows.StatusEmail {
	return workflows.StatusEmail{SignupEmail: signup(workflows.RoleStudent), Kind: kind, Status: s,
		StatusLabel: s.PlaceLabel(place), Place: place, Reason: reason}
}

func TestEmails(t *testing.T) {
	r := emails.New("https://registrar.test/")
	tests := []struct {
		name    string
		render  func() (workflows.EmailContent, error)
		subject string
		says    []string // in both parts, whitespace folded
	}{
		{"confirm signup", func() (workflows.EmailContent, error) { return r.ConfirmSignup(signup(workflows.RoleStudent)) },
			"Confirm your place in Spring training",
			[]string{"signing up as a student for Spring training", "works once", "If you did not sign up, ignore this email"}},
		{"already registered", func() (workflows.EmailContent, error) { return r.AlreadyRegistered(signup(workflows.RoleStudent)) },
			"You're already registered for Spring training",
			[]string{"Someone, probably you", "You are already registered, so nothing has changed", "If it was not you, you can ignore this email"}},
		{"seat confirmed, student", func() (workflows.EmailContent, error) { return r.SeatConfirmed(signup(workflows.RoleStudent)) },
			"You're confirmed for Spring training",
			[]string{"confirmed as a", "student", "4–6 May 2026", "Berlin", "pair you with a mentor",
				"Foundation", "Developer Certificate of Origin (DCO)", "Gerrit and SSH keys", "git-review", "Your first patch"}},
		{"seat confirmed, mentor", func() (workflows.EmailContent, error) { return r.SeatConfirmed(signup(workflows.RoleMentor)) },
			"You're confirmed for Spring training",
			[]string{"mentor", "match you with mentees", "git-review"}},
		{"waitlisted", func() (workflows.EmailContent, error) { return r.Waitlisted(signup(workflows.RoleStudent)) },
			"You're on the waitlist for Spring training",
			[]string{"on the waitlist", "Seats are given in the order people joined the waitlist", "we'll email you"}},
		{"seat confirmed with a contact", func() (workflows.EmailContent, error) {
			d := signup(workflows.RoleStudent)
			d.Contact = "team@example.org"
			return r.SeatConfirmed(d)
		},
			"You're confirmed for Spring training", []string{"Questions", "team@example.org"}},
		{"waitlisted with a contact", func() (workflows.EmailContent, error) {
			d := signup(workflows.RoleStudent)
			d.Contact = "team@example.org"
			return r.Waitlisted(d)
		},
			"You're on the waitlist for Spring training", []string{"Questions", "team@example.org"}},
		{"accepted", func() (workflows.EmailContent, error) {
			return r.StatusChange(status(workflows.EmailAccepted, workflows.StatusAccepted, 0, ""))
		}, "You're accepted for Spring training",
			[]string{"an organizer accepted your registration as a student for Spring training", "Accepted", "pair you with a mentor"}},
		{"moved to the waitlist", func() (workflows.EmailContent, error) {
			return r.StatusChange(status(workflows.EmailMovedToWaitlist, workflows.StatusWaitlisted, 3, ""))
		}, "You're on the waitlist for Spring training",
			[]string{"An organizer moved your registration", "You are 3rd in line.", "On the waitlist (3rd)", "we will email you and you are in"}},
		{"promoted by hand", func() (workflows.EmailContent, error) {
			return r.StatusChange(status(workflows.EmailPromoted, workflows.StatusAccepted, 0, ""))
		}, "A seat is yours in Spring training",
			[]string{"an organizer gave you a seat from the waitlist", "Accepted"}},
		{"promoted to a freed seat", func() (workflows.EmailContent, error) {
			return r.StatusChange(status(workflows.EmailPromoted, workflows.StatusConfirmed, 0, ""))
		}, "A seat is yours in Spring training",
			[]string{"you were first in line", "Confirmed — awaiting review", "An organizer reviews your registration next"}},
		{"withdrawn by an organizer", func() (workflows.EmailContent, error) {
			return r.StatusChange(status(workflows.EmailWithdrawn, workflows.StatusWithdrawn, 0, "Dates clash <i>sorry</i>"))
		}, "Your registration for Spring training is withdrawn",
			[]string{"An organizer withdrew your registration", "The reason they gave: “Dates clash <i>sorry</i>”", "Withdrawn"}},
		{"withdrawn by themselves", func() (workflows.EmailContent, error) {
			return r.StatusChange(status(workflows.EmailWithdrawnOwn, workflows.StatusWithdrawn, 0, ""))
		}, "You withdrew from Spring training",
			[]string{"This confirms that you withdrew your registration", "Withdrawn"}},
		{"login link", func() (workflows.EmailContent, error) {
			return r.LoginLink(workflows.LoginEmail{Name: "Ada <b>Lovelace</b>", Link: link, Expires: 15 * time.Minute})
		},
			"Your sign-in link for Registrar",
			[]string{"It works once, within 15 minutes", "If you did not ask to sign in, ignore this email"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.render()
			if err != nil {
				t.Fatal(err)
			}
			doc := checkParts(t, c, tt.subject, link, tt.says)

			// A name with markup is text: escaped in HTML, literal in text.
			if strings.Contains(c.HTML, "<b>") || !strings.Contains(c.HTML, "&lt;b&gt;Lovelace") {
				t.Error("the name's markup is not escaped in the HTML part")
			}
			if !strings.Contains(c.Text, "Hello Ada <b>Lovelace</b>,") {
				t.Errorf("the name is not literal in the text part:\n%s", c.Text)
			}
			if strings.Contains(c.Text, "&lt;") || strings.Contains(c.Text, "&amp;") || strings.Contains(c.Text, "&#") {
				t.Errorf("entities in the text part:\n%s", c.Text)
			}

			// Email clients drop <style> and never run scripts.
			if doc.Find("style, script, link").Length() != 0 {
				t.Error("HTML part has a style, script or link element")
			}
			if doc.Find("title").Text() != tt.subject {
				t.Errorf("HTML title = %q", doc.Find("title").Text())
			}
			if strings.Contains(c.HTML, "&amp;#") {
				t.Error("HTML part has doubly escaped entities")
			}

			// The text part reads as text: no indentation from the template,
			// no runs of blank lines, a signature after "-- ".
			for _, l := range strings.Split(c.Text, "\n") {
				if l != strings.TrimSpace(l) && l != "-- " {
					t.Errorf("line with stray spaces: %q", l)
				}
			}
			if strings.Contains(c.Text, "\n\n\n") {
				t.Error("runs of blank lines in the text part")
			}
			if !hasLine(c.Text, "-- ") || !hasLine(c.Text, "https://registrar.test") {
				t.Errorf("no signature with the site's address:\n%s", c.Text)
			}
		})
	}
}

func TestEmailWithoutName(t *testing.T) {
	d := signup(workflows.RoleStudent)
	d.Name = ""
	c, err := emails.New("https://registrar.test").ConfirmSignup(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.Text, "Hello,\n") {
		t.Errorf("text starts %q", c.Text[:min(20, len(c.Text))])
	}
}

func TestLoginLinkDuration(t *testing.T) {
	tests := []struct {
		expires time.Duration
		says    string
	}{
		{time.Minute, "within 1 minute:"},
		{15 * time.Minute, "within 15 minutes:"},
		{90 * time.Minute, "within 90 minutes:"},
		{3 * time.Hour, "within 3 hours:"},
		{72 * time.Hour, "within 3 days:"},
	}
	for _, tt := range tests {
		c, err := emails.New("https://registrar.test").LoginLink(workflows.LoginEmail{Link: link, Expires: tt.expires})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(c.Text, tt.says) {
			t.Errorf("%v: text does not say %q:\n%s", tt.expires, tt.says, c.Text)
		}
	}
}

// checkParts checks what every email with a link has: its subject, what both
// parts say, and the link as a button and as text in HTML and on a line of
// its own in text, unchanged in both. It returns the parsed HTML part.
func checkParts(t *testing.T, c workflows.EmailContent, subject, link string, says []string) *goquery.Document {
	t.Helper()
	if c.Subject != subject {
		t.Errorf("subject = %q, want %q", c.Subject, subject)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(c.HTML))
	if err != nil {
		t.Fatal(err)
	}
	htmlText, text := fold(doc.Find("body").Text()), fold(c.Text)
	for _, want := range says {
		if !strings.Contains(htmlText, want) {
			t.Errorf("HTML part does not say %q", want)
		}
		if !strings.Contains(text, want) {
			t.Errorf("text part does not say %q", want)
		}
	}
	if n := doc.Find(`a[href="` + link + `"]`).Length(); n != 2 {
		t.Errorf("%d links to %s in HTML, want the button and the address", n, link)
	}
	if !hasLine(c.Text, link) {
		t.Errorf("text part has no line that is just the link:\n%s", c.Text)
	}
	return doc
}

func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

func hasLine(text, line string) bool {
	for _, l := range strings.Split(text, "\n") {
		if l == line {
			return true
		}
	}
	return false
}
