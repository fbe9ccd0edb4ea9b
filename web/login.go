package web

import (
	"context"
	"crypto/sha256"
	"net/http"
	"net/netip"
	"time"

	"registrar/web/views"
	"registrar/workflows"
)

func (s *Server) loginView(r *http.Request, title string) views.LoginView {
	return views.LoginView{Page: s.page(r, title), Errors: map[string]string{},
		Minutes: int(workflows.LoginTokenLifetime.Minutes())}
}

func (s *Server) handleLoginNew(w http.ResponseWriter, r *http.Request) {
	v := s.loginView(r, "Sign in")
	v.Next = safeReturn(r.URL.Query().Get("next"))
	if me := viewer(r); me.SignedIn() {
		v.SignedInAs, v.Home = me.Email, homePath(me)
	}
	s.render(w, r, http.StatusOK, views.LoginPage(v))
}

// handleLoginCreate emails a sign-in link. Known or not, over the
// per-address cap or not, the answer is the same 303.
func (s *Server) handleLoginCreate(w http.ResponseWriter, r *http.Request) {
	floor := now().Add(s.Config.LoginResponseFloor)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	email, next := r.PostForm.Get("email"), safeReturn(r.PostForm.Get("next"))
	var err error
	if r.PostForm.Get(honeypotField) == "" {
		var addr string // checked first: the limiters keep only well-formed addresses, hashed
		if addr, err = workflows.LoginAddress(email); err == nil && s.mayEmailLink(addr, clientAddr(r)) {
			err = s.Accounts.RequestLogin(r.Context(), addr)
		}
	}
	if fields := workflows.FieldErrors(err); fields != nil {
		v := s.loginView(r, "Fix your address · Sign in")
		v.Email, v.Next, v.Errors = email, next, fields
		s.render(w, r, http.StatusUnprocessableEntity, views.LoginPage(v))
		return
	}
	waitUntil(r.Context(), floor)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if next != "" {
		s.Sessions.Put(r.Context(), keyReturnTo, next)
	}
	http.Redirect(w, r, "/login/check-email", http.StatusSeeOther)
}

func (s *Server) handleLoginCheckEmail(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, views.LoginSentPage(views.LoginSentView{Page: s.page(r, "Check your email"),
		Minutes: int(workflows.LoginTokenLifetime.Minutes())}))
}

// handleLoginShow is where a sign-in link lands. Mail scanners fetch links,
// so the GET changes nothing: a usable link shows one button whose POST
// (handleLoginLinkCreate) signs in.
func (s *Server) handleLoginShow(w http.ResponseWriter, r *http.Request) {
	linkHeaders(w)
	out, err := s.Accounts.LoginLinkState(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if out != workflows.LoginOK {
		s.renderLoginOutcome(w, r, out)
		return
	}
	v := s.loginView(r, "Sign in")
	v.Outcome, v.Action = "ready", r.URL.Path
	s.render(w, r, http.StatusOK, views.LoginPage(v))
}

func (s *Server) renderLoginOutcome(w http.ResponseWriter, r *http.Request, out workflows.LoginOutcome) {
	v := s.loginView(r, "Sign-in link")
	v.Outcome = string(out)
	status := http.StatusGone
	if out == workflows.LoginInvalid {
		status = http.StatusNotFound
	}
	s.render(w, r, status, views.LoginPage(v))
}

// handleLoginLinkCreate signs in through the button of a sign-in link's
// page, once. The session gets a new token (no fixation) and names the new
// sign-in.
func (s *Server) handleLoginLinkCreate(w http.ResponseWriter, r *http.Request) {
	linkHeaders(w)
	res, err := s.Accounts.Login(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if res.Outcome != workflows.LoginOK {
		s.renderLoginOutcome(w, r, res.Outcome)
		return
	}
	ctx := r.Context()
	if old := s.Sessions.GetString(ctx, keySignIn); old != "" {
		_ = s.Accounts.Logout(ctx, old) // replaced by the new sign-in; a failure only leaves it to expire
	}
	if err := s.Sessions.RenewToken(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	s.Sessions.Put(ctx, keySignIn, res.Viewer.SignInID)
	s.Sessions.Put(ctx, keySeen, s.now().Unix())
	to := safeReturn(s.Sessions.PopString(ctx, keyReturnTo))
	if to == "" {
		to = homePath(res.Viewer)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// handleLogoutOthers ends the person's sign-ins on every other browser.
func (s *Server) handleLogoutOthers(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	if !v.SignedIn() {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	if err := s.Accounts.EndOtherSignIns(r.Context(), v); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, "You are signed out on every other browser; this one stays signed in.")
	http.Redirect(w, r, homePath(v), http.StatusSeeOther)
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if id := s.Sessions.GetString(ctx, keySignIn); id != "" {
		if err := s.Accounts.Logout(ctx, id); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if err := s.Sessions.Destroy(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// mailKey is one address (hashed: fixed size, whatever was posted) asked
// for by one client.
type mailKey struct {
	addr   [sha256.Size]byte
	client netip.Addr
}

// mayEmailLink says whether a sign-in email may go to addr for this client:
// each client has its own hourly cap per address, so someone else using up
// theirs does not lock the owner out, and all clients together have a
// ceiling a few times higher, so an address cannot be flooded.
func (s *Server) mayEmailLink(addr string, client netip.Addr) bool {
	h := sha256.Sum256([]byte(addr))
	if ok, _ := s.mailLimiter.allow(mailKey{h, clientKey(client)}, now()); !ok {
		return false
	}
	ok, _ := s.mailCeiling.allow(h, now())
	return ok
}

// loginLimited applies the per-client limit to sign-in requests.
func (s *Server) loginLimited(next http.HandlerFunc) http.HandlerFunc {
	return s.limitedBy(s.loginLimiter, func(*http.Request) {}, next)
}

// waitUntil returns at t, or sooner when ctx ends: called before a handler
// answers, it gives every answer the same least duration.
func waitUntil(ctx context.Context, t time.Time) {
	d := time.Until(t)
	if d <= 0 {
		return
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-ctx.Done():
	}
}
