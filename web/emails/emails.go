// Package emails renders every email Registrar sends: per message an HTML
// part and a text part, each a templ component, behind the Renderer that
// workflows asks for (workflows.EmailRenderer).
package emails

import (
	"context"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"registrar/workflows"
)

// productName signs every email. It is the name people know the site by.
const productName = "Registrar"

// Renderer turns message data into subject, HTML and text. It is safe for
// concurrent use: it holds only values set by New.
type Renderer struct {
	baseURL  string
	product  string
	stencils *stencils // of ConfirmSignup, the email every sign-up sends
}

var _ workflows.EmailRenderer = (*Renderer)(nil)

// New returns a renderer whose emails link back to baseURL, e.g.
// https://registrar.example.org.
func New(baseURL string) *Renderer {
	return &Renderer{baseURL: strings.TrimRight(baseURL, "/"), product: productName, stencils: newStencils()}
}

// meta is what the frame around every message needs.
type meta struct {
	Subject   string
	Preheader string // the line inboxes show after the subject
	Product   string
	BaseURL   string
	Footer    string // why this email came
}

// step is one stage on the path to a first merged patch.
type step struct{ Title, Body string }

const (
	br           = "\n"
	sigDelimiter = "-- " // RFC 3676: the trailing space is part of it
)

// meta frames a transactional email: its footer says why it has no
// unsubscribe link.
func (r *Renderer) meta(subject, preheader, footer string) meta {
	return meta{Subject: subject, Preheader: preheader, Product: r.product, BaseURL: r.baseURL, Footer: footer + " " + transactionalNote}
}

// transactionalNote ends the footer of every email about a person's own
// sign-up or sign-in: those cannot be turned off.
const transactionalNote = "It is about your own registration, so it cannot be unsubscribed from; we send it only when you act or your place changes."

// ConfirmSignup asks the person to confirm their address with a one-time link.
func (r *Renderer) ConfirmSignup(d workflows.SignupEmail) (workflows.EmailContent, error) {
	return r.stencils.render(d, r.confirmSignup)
}

func (r *Renderer) confirmSignup(d workflows.SignupEmail) (workflows.EmailContent, error) {
	m := r.meta("Confirm your place in "+d.EventTitle, "One click to take your place. The link works once.",
		"You received this email because this address was used to sign up for "+d.EventTitle+".")
	return render(m, confirmSignupHTML(m, d), confirmSignupText(m, d))
}

// AlreadyRegistered tells the owner of an address that a second sign-up
// with it changed nothing.
func (r *Renderer) AlreadyRegistered(d workflows.SignupEmail) (workflows.EmailContent, error) {
	m := r.meta("You're already registered for "+d.EventTitle, "Someone tried to sign up again with this address. Nothing has changed.",
		"You received this email because this address was used to sign up for "+d.EventTitle+".")
	return render(m, alreadyRegisteredHTML(m, d), alreadyRegisteredText(m, d))
}

// SeatConfirmed tells the person their place is confirmed and what comes next.
func (r *Renderer) SeatConfirmed(d workflows.SignupEmail) (workflows.EmailContent, error) {
	m := r.meta("You're confirmed for "+d.EventTitle, "Your place as a "+string(d.Role)+" is confirmed. Here is what happens next.",
		"You received this email because you confirmed your place in "+d.EventTitle+".")
	return render(m, seatConfirmedHTML(m, d), seatConfirmedText(m, d))
}

// Waitlisted tells the person their address is confirmed but every seat is taken.
func (r *Renderer) Waitlisted(d workflows.SignupEmail) (workflows.EmailContent, error) {
	m := r.meta("You're on the waitlist for "+d.EventTitle, "Seats are given in order. We'll email you when one frees up.",
		"You received this email because you confirmed your address for "+d.EventTitle+".")
	return render(m, waitlistedHTML(m, d), waitlistedText(m, d))
}

// LoginLink sends a one-time sign-in link.
func (r *Renderer) LoginLink(d workflows.LoginEmail) (workflows.EmailContent, error) {
	m := r.meta("Your sign-in link for "+productName, "It works once, within "+duration(d.Expires)+".",
		"You received this email because someone asked to sign in to "+productName+" with this address.")
	return render(m, loginLinkHTML(m, d), loginLinkText(m, d))
}

func render(m meta, htmlPart, textPart templ.Component) (workflows.EmailContent, error) {
	h, err := renderString(htmlPart, 8<<10)
	if err != nil {
		return workflows.EmailContent{}, fmt.Errorf("render html part of %q: %w", m.Subject, err)
	}
	t, err := renderString(textPart, 2<<10)
	if err != nil {
		return workflows.EmailContent{}, fmt.Errorf("render text part of %q: %w", m.Subject, err)
	}
	return workflows.EmailContent{Subject: m.Subject, HTML: h, Text: plainText(t)}, nil
}

// renderString renders c into a builder of size bytes, about what a part
// takes, so that it is not grown and copied on the way.
func renderString(c templ.Component, size int) (string, error) {
	var b strings.Builder
	b.Grow(size)
	if err := c.Render(context.Background(), &b); err != nil {
		return "", err
	}
	return b.String(), nil
}

// plainText undoes what templ does for HTML: entities become characters
// again, the spaces templ puts between template lines are trimmed from each
// line's ends, and runs of blank lines become one. The signature delimiter
// keeps its trailing space.
func plainText(rendered string) string {
	lines := strings.Split(html.UnescapeString(rendered), "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if l = strings.TrimSpace(l); l == strings.TrimSpace(sigDelimiter) {
			l = sigDelimiter
		}
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n") + "\n"
}

func greeting(name string) string {
	if strings.TrimSpace(name) == "" {
		return "Hello,"
	}
	return "Hello " + name + ","
}

// eventRows are the facts an email about an event repeats.
func eventRows(d workflows.SignupEmail) [][2]string {
	rows := [][2]string{{"Event", d.EventTitle}}
	if d.EventDates != "" {
		rows = append(rows, [2]string{"When", d.EventDates})
	}
	if d.Location != "" {
		rows = append(rows, [2]string{"Where", d.Location})
	}
	if d.Role != "" {
		rows = append(rows, [2]string{"Your role", roleTitle(d.Role)})
	}
	if d.Contact != "" {
		rows = append(rows, [2]string{"Questions", d.Contact})
	}
	return rows
}

func roleTitle(r workflows.Role) string {
	s := string(r)
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func nextStep(r workflows.Role) string {
	if r == workflows.RoleMentor {
		return "Before the class we match you with mentees who want to work on your projects, and send you their names and how to reach them."
	}
	return "Before the class we pair you with a mentor, an experienced contributor who meets you each week and answers your questions."
}

func pathIntro(r workflows.Role) string {
	if r == workflows.RoleMentor {
		return "This is the path your mentees will follow, with your help:"
	}
	return "Together you will go from zero to your first merged patch:"
}

// path is the road from no accounts to a first merged patch, as the class
// teaches it.
func path() []step {
	return []step{
		{"Accounts", "create the accounts you need to sign in to code review and the bug tracker."},
		{"Foundation membership", "join the Foundation as an individual member. It is free."},
		{"Contribution agreement", "sign off your commits under the Developer Certificate of Origin (DCO)."},
		{"Gerrit and SSH keys", "add your SSH key to Gerrit, where every change is reviewed."},
		{"git-review", "install it and set it up, so one command sends a change for review."},
		{"Your first patch", "pick a small change, send it, answer the review and see it merged."},
	}
}

// duration says how long a link lasts in words: "15 minutes", "1 hour".
func duration(d time.Duration) string {
	switch {
	case d <= 0:
		return "a short time"
	case d < 2*time.Minute:
		return "1 minute"
	case d < 2*time.Hour:
		return strconv.Itoa(int(d.Round(time.Minute).Minutes())) + " minutes"
	case d < 48*time.Hour:
		return strconv.Itoa(int(d.Round(time.Hour).Hours())) + " hours"
	default:
		return strconv.Itoa(int(d.Round(24*time.Hour).Hours()/24)) + " days"
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// detailCell pads the rows of a details box, with room above the first
// and below the last.
func detailCell(first, last bool) string {
	top, bottom := "4px", "4px"
	if first {
		top = "12px"
	}
	if last {
		bottom = "12px"
	}
	return "padding:" + top + " 16px " + bottom + " 16px;font-size:15px;vertical-align:top;"
}
