package workflows

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Accounts signs people in with one-time emailed links and tells the web who
// a session belongs to.
type Accounts struct {
	Store   Store
	Emails  EmailRenderer
	Clock   Clock
	Links   Links
	Mirrors []JobKind // re-sent when a person renames themselves
}

// LoginOutcome is what following a sign-in link did.
type LoginOutcome string

const (
	LoginOK      LoginOutcome = "ok"
	LoginUsed    LoginOutcome = "used"    // the link worked once already
	LoginExpired LoginOutcome = "expired" // older than LoginTokenLifetime
	LoginInvalid LoginOutcome = "invalid" // no such link
)

// LoginResult names the outcome and, when it worked, who signed in.
type LoginResult struct {
	Outcome LoginOutcome
	Viewer  Viewer
}

// LoginAddress checks an address typed into the sign-in form and returns it
// normalised; a malformed one is an Invalid error for the "email" field.
func LoginAddress(email string) (string, error) {
	email = NormalizeEmail(email)
	v := Violations{}
	v.Check(email != "", "email", "Enter your email address.")
	v.Check(email == "" || (!strings.ContainsAny(email, "\r\n") && validAddress(email)), "email",
		"Enter an email address like ada@example.org.")
	return email, v.Err()
}

// RequestLogin emails a one-time sign-in link when the address belongs to an
// organizer, a mentor or a student. For any other address it does the same
// reading and rendering and then nothing, and it returns the same: nobody
// learns from it whether an address is known. Only a malformed address is an
// error.
func (a *Accounts) RequestLogin(ctx context.Context, email string) error {
	email, err := LoginAddress(email)
	if err != nil {
		return err
	}
	now := a.Clock.Now()
	token, hash := NewToken()
	return a.Store.InTx(ctx, func(tx Tx) error {
		p, err := tx.People.PersonByEmail(ctx, email)
		if err != nil && KindOf(err) != NotFound {
			return err
		}
		known := err == nil
		student, mentor := false, false
		if known {
			if student, mentor, err = tx.People.RolesOf(ctx, p.ID); err != nil {
				return err
			}
		}
		name := "" // the response floor evens out the time this query takes
		if known {
			if name, err = salutation(ctx, tx.Registrations, p); err != nil {
				return err
			}
		}
		c, err := a.Emails.LoginLink(LoginEmail{Name: name, Link: a.Links.Login(token), Expires: LoginTokenLifetime})
		if err != nil {
			return fmt.Errorf("render login email: %w", err)
		}
		if !known || p.Undeliverable || !(p.Organizer || student || mentor) {
			return nil
		}
		if err := tx.Tokens.CreateToken(ctx, Token{Hash: hash, Purpose: TokenLogin, PersonID: p.ID,
			Expires: now.Add(LoginTokenLifetime), Created: now}); err != nil {
			return err
		}
		return tx.Emails.QueueEmail(ctx, Email{ID: NewID(), Kind: EmailLoginLink, PersonID: p.ID, To: p.Email,
			Subject: c.Subject, HTML: c.HTML, Text: c.Text, Status: EmailQueued, Created: now})
	})
}

// Login follows a sign-in link once. A link that is unknown, used or expired
// is an outcome, not an error, so the page can offer a new one.
func (a *Accounts) Login(ctx context.Context, token string) (LoginResult, error) {
	now := a.Clock.Now()
	var res LoginResult
	err := a.Store.InTx(ctx, func(tx Tx) error {
		tk, err := tx.Tokens.TokenByHash(ctx, TokenLogin, HashToken(token))
		switch {
		case KindOf(err) == NotFound:
			res.Outcome = LoginInvalid
			return nil
		case err != nil:
			return err
		case !tk.Used.IsZero():
			res.Outcome = LoginUsed
			return nil
		case !now.Before(tk.Expires):
			res.Outcome = LoginExpired
			return nil
		}
		if err := tx.Tokens.UseToken(ctx, tk.Hash, now); err != nil {
			if KindOf(err) == Conflict { // a second click won the race
				res.Outcome = LoginUsed
				return nil
			}
			return err
		}
		// The person is here now: any other link they were sent is spent, so a
		// stray copy in a mailbox or a log cannot be used later.
		if err := tx.Tokens.RevokeTokens(ctx, tk.PersonID, TokenLogin, now); err != nil {
			return err
		}
		if err := tx.SignIns.DeleteSignInsBefore(ctx, now.Add(-SignInLifetime)); err != nil {
			return err
		}
		s := SignIn{ID: NewID(), PersonID: tk.PersonID, Created: now}
		if err := tx.SignIns.CreateSignIn(ctx, s); err != nil {
			return err
		}
		if err := a.confirmPending(ctx, tx, tk.PersonID, now); err != nil {
			return err
		}
		if res.Viewer, err = viewerOf(ctx, tx.People, s); err != nil {
			return err
		}
		res.Outcome = LoginOK
		if !res.Viewer.Organizer {
			return nil
		}
		return audit(ctx, tx.Audit, res.Viewer, now, AuditEntry{Action: AuditSignIn})
	})
	return res, err
}

// Viewer returns who holds the sign-in signInID. A sign-in that is unknown
// (signed out, or the person erased) or too old is NotFound.
func (a *Accounts) Viewer(ctx context.Context, signInID string) (Viewer, error) {
	var v Viewer
	now := a.Clock.Now()
	err := a.Store.View(ctx, func(tx Tx) error {
		s, err := tx.SignIns.SignInByID(ctx, signInID)
		if err != nil {
			return err
		}
		if !now.Before(s.Created.Add(SignInLifetime)) {
			return E(NotFound, "This sign-in has expired.")
		}
		v, err = viewerOf(ctx, tx.People, s)
		return err
	})
	return v, err
}

// EndOtherSignIns ends every sign-in of the viewer's person but this one:
// the sessions on other browsers end with them.
func (a *Accounts) EndOtherSignIns(ctx context.Context, v Viewer) error {
	if !v.SignedIn() {
		return E(Forbidden, "Sign in first.")
	}
	return a.Store.InTx(ctx, func(tx Tx) error { return tx.SignIns.DeleteOtherSignIns(ctx, v.PersonID, v.SignInID) })
}

// Logout ends a sign-in; ending one that is gone already is fine.
func (a *Accounts) Logout(ctx context.Context, signInID string) error {
	return a.Store.InTx(ctx, func(tx Tx) error {
		if err := tx.SignIns.DeleteSignIn(ctx, signInID); err != nil && KindOf(err) != NotFound {
			return err
		}
		return nil
	})
}

func viewerOf(ctx context.Context, people PersonStore, s SignIn) (Viewer, error) {
	p, err := people.PersonByID(ctx, s.PersonID)
	if err != nil {
		return Viewer{}, err
	}
	student, mentor, err := people.RolesOf(ctx, p.ID)
	if err != nil {
		return Viewer{}, err
	}
	return Viewer{SignInID: s.ID, SignedInAt: s.Created, PersonID: p.ID, Name: p.Name, Email: p.Email, Timezone: p.Timezone,
		Organizer: p.Organizer, Mentor: mentor, Student: student}, nil
}

// confirmPending settles the person's registrations still awaiting
// confirmation: following an emailed sign-in link proves the address as
// well as the confirmation link would.
func (a *Accounts) confirmPending(ctx context.Context, tx Tx, personID string, now time.Time) error {
	regs, err := tx.Registrations.RegistrationsOfPerson(ctx, personID)
	if err != nil {
		return err
	}
	signups := &Signups{Emails: a.Emails, Links: a.Links, Mirrors: a.Mirrors}
	for _, r := range regs {
		if r.Status != StatusPending {
			continue
		}
		if _, err := signups.seat(ctx, tx, r.Registration, r.Person, r.Event, now); err != nil {
			return fmt.Errorf("confirm registration %s at sign-in: %w", r.ID, err)
		}
	}
	return nil
}
