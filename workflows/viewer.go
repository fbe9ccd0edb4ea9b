package workflows

import "time"

// Viewer is who is asking: every use case behind sign-in takes one and
// decides from it what they may see and do. The zero Viewer is anonymous.
type Viewer struct {
	SignInID string
	// SignedInAt is when this sign-in began: erasure and exports want a
	// recent one (StepUpWindow).
	SignedInAt time.Time
	PersonID   string
	Name       string
	Email      string
	Timezone   string
	// A person may hold several roles: an organizer who also mentors.
	Organizer bool
	Mentor    bool // has a mentor registration
	Student   bool // has a student registration
	// acting is set only for actors that are not people (the system, the
	// Trello board), so the audit log can say which; nobody can sign in as one.
	acting AuditActorKind
}

// OrganizerIdleTimeout ends an organizer's session left unused this long,
// within the sign-in's lifetime: their session reaches everyone's data.
const OrganizerIdleTimeout = 12 * time.Hour

// StepUpWindow is how recent a sign-in must be to erase a person or
// download their data: a session left open on a shared machine is not
// enough for either.
const StepUpWindow = 15 * time.Minute

// ErrSignInAgain asks an organizer to sign in again before the action.
var ErrSignInAgain = E(Forbidden, "Sign in again to do this: it needs a sign-in of the last 15 minutes.")

// recentSignIn fails with ErrSignInAgain unless v signed in within StepUpWindow of now.
func (v Viewer) recentSignIn(now time.Time) error {
	if now.Sub(v.SignedInAt) > StepUpWindow {
		return ErrSignInAgain
	}
	return nil
}

// SignedIn reports whether the viewer is a known person.
func (v Viewer) SignedIn() bool { return v.PersonID != "" }

// Location is the viewer's time zone for showing times, UTC when unknown.
func (v Viewer) Location() *time.Location {
	if l, err := LoadLocation(v.Timezone); err == nil && v.Timezone != "" {
		return l
	}
	return time.UTC
}

// organizer fails unless the viewer organizes events.
func (v Viewer) organizer() error {
	if !v.SignedIn() || !v.Organizer {
		return E(Forbidden, "Only organizers can do this.")
	}
	return nil
}

// student fails unless the viewer has a student registration.
func (v Viewer) student() error {
	if !v.SignedIn() || !v.Student {
		return E(Forbidden, "This page is for students.")
	}
	return nil
}

// mentor fails unless the viewer has a mentor registration.
func (v Viewer) mentor() error {
	if !v.SignedIn() || !v.Mentor {
		return E(Forbidden, "This page is for mentors.")
	}
	return nil
}

// SignIn is one successful use of a sign-in link; a browser session holds its ID.
type SignIn struct {
	ID       string
	PersonID string
	Created  time.Time
}

// SignInLifetime is how long a sign-in lasts before the person needs a new link.
const SignInLifetime = 7 * 24 * time.Hour
