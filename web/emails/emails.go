// Package emails renders every email Registrar sends, an HTML and a text part
// per message, from templ components.
package emails

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"strings"

	"github.com/a-h/templ"

	"registrar/workflows"
)

// Renderer satisfies workflows.EmailRenderer.
type Renderer struct {
	baseURL string
}

// New returns a renderer whose emails point at baseURL.
func New(baseURL string) *Renderer { return &Renderer{baseURL: strings.TrimRight(baseURL, "/")} }

// message is what every email body shows.
type message struct {
	Greeting string
	Lead     string
	Lines    []string
	Action   string // button label; "" for none
	Link     string
	Footer   string
	BaseURL  string
}

func (r *Renderer) render(subject string, m message) (workflows.EmailContent, error) {
	m.BaseURL = r.baseURL
	h, err := renderString(htmlBody(subject, m))
	if err != nil {
		return workflows.EmailContent{}, fmt.Errorf("render html part: %w", err)
	}
	t, err := renderString(textBody(m))
	if err != nil {
		return workflows.EmailContent{}, fmt.Errorf("render text part: %w", err)
	}
	return workflows.EmailContent{Subject: subject, HTML: h, Text: plainText(t)}, nil
}

// plainText undoes what templ does for HTML: entities become characters
// again, and the space templ puts between text nodes leaves each line's start.
func plainText(rendered string) string {
	lines := strings.Split(html.UnescapeString(rendered), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, " ")
	}
	return strings.Join(lines, "\n")
}

func renderString(c templ.Component) (string, error) {
	var b bytes.Buffer
	if err := c.Render(context.Background(), &b); err != nil {
		return "", err
	}
	return b.String(), nil
}

func greet(name string) string {
	if name == "" {
		return "Hello,"
	}
	return "Hello " + name + ","
}

func (r *Renderer) ConfirmSignup(d workflows.SignupEmail) (workflows.EmailContent, error) {
	return r.render("Confirm your place in "+d.EventTitle, message{
		Greeting: greet(d.Name),
		Lead:     fmt.Sprintf("Thank you for signing up as a %s for %s (%s, %s).", d.Role, d.EventTitle, d.EventDates, d.Location),
		Lines:    []string{"Please confirm your email address to take your place. The link works once."},
		Action:   "Confirm my place", Link: d.Link,
		Footer: "If you did not sign up, ignore this email: nothing happens without the link.",
	})
}

func (r *Renderer) AlreadyRegistered(d workflows.SignupEmail) (workflows.EmailContent, error) {
	return r.render("You are already registered for "+d.EventTitle, message{
		Greeting: greet(d.Name),
		Lead:     fmt.Sprintf("Someone, probably you, tried to sign up for %s again with this address.", d.EventTitle),
		Lines:    []string{fmt.Sprintf("You are already registered as a %s, so nothing has changed.", d.Role)},
		Action:   "See the event", Link: d.Link,
		Footer: "If this was not you, you can ignore this email.",
	})
}

func (r *Renderer) SeatConfirmed(d workflows.SignupEmail) (workflows.EmailContent, error) {
	next := "We will pair you with a mentor who will guide you to your first merged change."
	if d.Role == workflows.RoleMentor {
		next = "We will match you with mentees and send you their details before the class."
	}
	return r.render("You're confirmed for "+d.EventTitle, message{
		Greeting: greet(d.Name),
		Lead:     fmt.Sprintf("Your place as a %s in %s is confirmed: %s, %s.", d.Role, d.EventTitle, d.EventDates, d.Location),
		Lines: []string{next,
			"The path ahead: create your accounts (OpenInfra Foundation membership, Launchpad via Ubuntu One), sign the contribution agreement (the DCO, or the ICLA where a project still needs it), set up Gerrit with your SSH key, configure git-review, and submit your first change."},
		Action: "See the event", Link: d.Link,
	})
}

func (r *Renderer) Waitlisted(d workflows.SignupEmail) (workflows.EmailContent, error) {
	return r.render("You're on the waitlist for "+d.EventTitle, message{
		Greeting: greet(d.Name),
		Lead:     fmt.Sprintf("Your address is confirmed, but every %s seat in %s is taken.", d.Role, d.EventTitle),
		Lines:    []string{"Seats are given in the order people confirmed. If one frees up, we will email you straight away."},
		Action:   "See the event", Link: d.Link,
	})
}

func (r *Renderer) LoginLink(d workflows.LoginEmail) (workflows.EmailContent, error) {
	return r.render("Your Registrar sign-in link", message{
		Greeting: greet(d.Name),
		Lead:     "Here is your link to sign in to Registrar.",
		Lines:    []string{fmt.Sprintf("It works once, within %s.", humanDuration(d.Expires))},
		Action:   "Sign in", Link: d.Link,
		Footer: "If you did not ask to sign in, ignore this email.",
	})
}
