package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"registrar/web/views"
	"registrar/workflows"
)

// Session keys. A session holds a sign-in ID, never a person's details.
const (
	sessionCookie = "registrar_session"
	keySignIn     = "sign_in"
	keyReturnTo   = "return_to" // where to go after signing in
	keyFlash      = "flash"     // one-time notice shown on the next page
	keySeen       = "seen"      // the last request, for organizers' idle timeout
)

// NewSessions returns the session manager over store (the database): the
// cookie is HttpOnly and SameSite=Lax, and a session lasts as long as a
// sign-in. When baseURL is https the cookie is Secure and named with the
// __Host- prefix, which browsers accept only from this host, on https, for
// every path: a neighbouring subdomain cannot plant or shadow it. Only
// hashes of tokens are stored.
func NewSessions(store scs.Store, baseURL string) *scs.SessionManager {
	sm := scs.New()
	sm.Store = store
	sm.Lifetime = workflows.SignInLifetime
	sm.HashTokenInStore = true
	sm.Cookie.Name = sessionCookie
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Path, sm.Cookie.Domain = "/", ""
	if sm.Cookie.Secure = strings.HasPrefix(baseURL, "https://"); sm.Cookie.Secure {
		sm.Cookie.Name = "__Host-" + sessionCookie
	}
	sm.Cookie.Persist = true
	return sm
}

// access is who may use a route. The use cases check again: a route's
// access only picks the page a refusal shows.
type access int

const (
	anyone     access = iota // no sign-in needed; the session shows who is signed in
	bare                     // no session at all: static files, health, metrics
	students                 // people with a student registration
	mentors                  // people with a mentor registration
	organizers               // organizers
	mentoring                // mentors, and organizers who see every pairing
	signedIn                 // anyone signed in: their own account
)

func (a access) allows(v workflows.Viewer) bool {
	switch a {
	case students:
		return v.Student
	case mentors:
		return v.Mentor
	case organizers:
		return v.Organizer
	case mentoring:
		return v.Mentor || v.Organizer
	}
	return true
}

const viewerKey ctxKey = requestIDKey + 1

// withSession loads the session and the viewer it names. A sign-in that has
// ended (signed out elsewhere, expired, the person erased) ends the session.
func (s *Server) withSession(next http.Handler) http.Handler {
	return s.Sessions.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var v workflows.Viewer
		if id := s.Sessions.GetString(ctx, keySignIn); id != "" {
			var err error
			v, err = s.Accounts.Viewer(ctx, id)
			switch {
			case workflows.KindOf(err) == workflows.NotFound:
				v = workflows.Viewer{}
				if err := s.Sessions.Destroy(ctx); err != nil {
					s.fail(w, r, err)
					return
				}
			case err != nil:
				s.fail(w, r, err)
				return
			}
		}
		if v.Organizer && !s.stillActive(r) {
			v = workflows.Viewer{}
		}
		if v.SignedIn() { // the page is theirs: no cache may keep it
			w.Header().Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, viewerKey, &v)))
	}))
}

// viewer returns who is asking; the zero Viewer when nobody is signed in.
func viewer(r *http.Request) workflows.Viewer {
	if v, ok := r.Context().Value(viewerKey).(*workflows.Viewer); ok {
		return *v
	}
	return workflows.Viewer{}
}

// hasSession reports whether the request went through withSession.
func hasSession(r *http.Request) bool {
	_, ok := r.Context().Value(viewerKey).(*workflows.Viewer)
	return ok
}

// require lets through viewers that a has room for: anonymous people go to
// sign in and come back, others see a 403 page.
func (s *Server) require(a access, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := viewer(r)
		if !v.SignedIn() {
			to := "/login"
			if r.Method == http.MethodGet {
				to += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, to, http.StatusSeeOther)
			return
		}
		if !a.allows(v) {
			s.forbidden(w, r, v)
			return
		}
		next(w, r)
	}
}

func (s *Server) forbidden(w http.ResponseWriter, r *http.Request, v workflows.Viewer) {
	heading := headingByStatus[http.StatusForbidden]
	s.render(w, r, http.StatusForbidden, views.MessagePage(views.MessageView{Page: s.page(r, heading),
		Status: http.StatusForbidden, Heading: heading, Back: homePath(v),
		Body: "This page is not part of your account (" + v.Email + "). To use another address, sign out and sign in again."}))
}

// homePath is where a viewer starts: the first of their areas.
func homePath(v workflows.Viewer) string {
	switch {
	case v.Organizer:
		return "/admin"
	case v.Mentor:
		return "/mentor"
	case v.Student:
		return "/me"
	}
	return "/"
}

// flash leaves a notice for the next page the viewer sees.
func (s *Server) flash(r *http.Request, msg string) {
	s.Sessions.Put(r.Context(), keyFlash, msg)
}

// sessionError answers when the session store fails; the page is plain so
// rendering it needs no session.
func (s *Server) sessionError(w http.ResponseWriter, r *http.Request, err error) {
	s.Log.ErrorContext(r.Context(), "session store failed", "err", err, "method", r.Method)
	http.Error(w, "Something went wrong on our side. Please try again in a minute.", http.StatusInternalServerError)
}

// safeReturn keeps a return path only when it is a path on this site.
func safeReturn(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n\t") {
		return ""
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/login") {
		return ""
	}
	return p
}

// stillActive applies the organizers' idle timeout: a session unused for
// workflows.OrganizerIdleTimeout ends (its sign-in too); otherwise the
// request is noted, at most once a minute to spare the session store.
func (s *Server) stillActive(r *http.Request) bool {
	ctx, now := r.Context(), s.now()
	seen := time.Unix(s.Sessions.GetInt64(ctx, keySeen), 0)
	if seen.Unix() != 0 && now.Sub(seen) > workflows.OrganizerIdleTimeout {
		_ = s.Accounts.Logout(ctx, s.Sessions.GetString(ctx, keySignIn)) // a failure leaves it to the 7-day expiry
		_ = s.Sessions.Destroy(ctx)
		return false
	}
	if now.Sub(seen) > time.Minute {
		s.Sessions.Put(ctx, keySeen, now.Unix())
	}
	return true
}

// now is the session clock: Server.Clock, or the wall clock.
func (s *Server) now() time.Time {
	if s.Clock != nil {
		return s.Clock.Now()
	}
	return time.Now()
}
