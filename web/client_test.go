package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// client is a browser in miniature: it keeps the cookies the app sets.
type client struct {
	app *testApp
	jar map[string]*http.Cookie
}

func (a *testApp) client() *client { return &client{app: a, jar: map[string]*http.Cookie{}} }

func (c *client) do(t testing.TB, r *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	for _, ck := range c.jar {
		r.AddCookie(&http.Cookie{Name: ck.Name, Value: ck.Value})
	}
	w := c.app.do(t, r)
	for _, ck := range w.Result().Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.jar, ck.Name)
			continue
		}
		c.jar[ck.Name] = ck
	}
	return w
}

func (c *client) get(t testing.TB, path string) *httptest.ResponseRecorder {
	t.Helper()
	return c.do(t, newRequest(http.MethodGet, path, nil))
}

func (c *client) post(t testing.TB, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	r := newRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(t, r)
}

var loginInLink = regexp.MustCompile(`/login/([a-z0-9]+)`)

// loginPaths returns the paths of every sign-in link emailed to addr, oldest first.
func (a *testApp) loginPaths(t testing.TB, addr string) []string {
	t.Helper()
	emails, err := sqlstoretest.EmailsTo(t.Context(), a.db, addr)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range emails {
		if m := loginInLink.FindStringSubmatch(e.Text); e.Kind == workflows.EmailLoginLink && m != nil {
			out = append(out, "/login/"+m[1])
		}
	}
	return out
}

// requestLogin asks for a sign-in link for addr and returns its path.
func (a *testApp) requestLogin(t testing.TB, c *client, addr string) string {
	t.Helper()
	return a.requestLoginWith(t, c, url.Values{"email": {addr}})
}

// requestLoginWith posts the sign-in form and returns the new link's path.
func (a *testApp) requestLoginWith(t testing.TB, c *client, form url.Values) string {
	t.Helper()
	addr := form.Get("email")
	seen := map[string]bool{}
	for _, p := range a.loginPaths(t, addr) {
		seen[p] = true
	}
	if w := c.post(t, "/login", form); w.Code != http.StatusSeeOther {
		t.Fatalf("POST /login for %s: status %d", addr, w.Code)
	}
	var fresh []string
	for _, p := range a.loginPaths(t, addr) {
		if !seen[p] {
			fresh = append(fresh, p)
		}
	}
	if len(fresh) != 1 {
		t.Fatalf("POST /login for %s: %d new sign-in emails, want 1", addr, len(fresh))
	}
	return fresh[0]
}

// signIn returns a client signed in as addr through an emailed link.
func (a *testApp) signIn(t testing.TB, addr string) *client {
	t.Helper()
	c := a.client()
	path := a.requestLogin(t, c, addr)
	if w := c.post(t, path, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("POST %s: status %d, want 303", path, w.Code)
	}
	return c
}

// addOrganizer makes addr an organizer as `registrar admin add` does and
// returns the path of the printed link.
func (a *testApp) addOrganizer(t testing.TB, addr string) string {
	t.Helper()
	orgs := &workflows.Organizers{Store: a.db, Clock: a.clock, Links: workflowstest.Links{}}
	link, err := orgs.Add(t.Context(), addr)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}

// signInOrganizer makes addr an organizer and signs them in.
func (a *testApp) signInOrganizer(t testing.TB, addr string) *client {
	t.Helper()
	c := a.client()
	if w := c.post(t, a.addOrganizer(t, addr), nil); w.Code != http.StatusSeeOther {
		t.Fatalf("organizer link: status %d", w.Code)
	}
	return c
}

// register signs addr up for an event and confirms the address.
func (a *testApp) register(t testing.TB, slug string, role workflows.Role, name, addr string) {
	t.Helper()
	form := studentForm(set("name", name), set("email", addr))
	if role == workflows.RoleMentor {
		form = mentorForm(set("name", name), set("email", addr))
	}
	if w := a.post(t, "/events/"+slug+"/"+string(role)+"s", form); w.Code != http.StatusSeeOther {
		t.Fatalf("sign up %s: status %d", addr, w.Code)
	}
	if w := a.post(t, a.confirmPath(t, addr), nil); w.Code != http.StatusSeeOther {
		t.Fatalf("confirm %s: status %d", addr, w.Code)
	}
}

// registrationID returns the ID of addr's registration for slug.
func (a *testApp) registrationID(t testing.TB, org *client, slug, addr string) string {
	t.Helper()
	d := doc(t, org.get(t, "/admin/events/"+slug+"?q="+url.QueryEscape(addr)))
	id, ok := d.Find(`[data-testid="registration-row"]`).Attr("data-id")
	if !ok {
		t.Fatalf("no registration of %s in %s", addr, slug)
	}
	return id
}

// personID returns the ID of the person with addr.
func (a *testApp) personID(t testing.TB, addr string) string {
	t.Helper()
	var id string
	err := a.db.InTx(t.Context(), func(tx workflows.Tx) error {
		p, err := tx.People.PersonByEmail(t.Context(), addr)
		id = p.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}
