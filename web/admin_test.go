package web_test

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

func TestRegistrationsCSV(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		hostile := studentForm(set("name", "=HYPERLINK(\"http://evil.example\",\"x\")"), set("email", "eve@example.org"),
			set("company", "+1 555 0100"), set("irc", "-rf"), set("project", "@SUM(A1:A9)"), set("goals", "\t=1+2"))
		for _, f := range []url.Values{studentForm(set("name", "Zoë Ñandú")), hostile,
			mentorForm(set("projects", "Nova\nNeutron")), studentForm(set("email", "bob@example.org"))} {
			role := "students"
			if f.Get("max_mentees") != "" {
				role = "mentors"
			}
			if w := app.post(t, "/events/big/"+role, f); w.Code != http.StatusSeeOther {
				t.Fatalf("sign up: status %d", w.Code)
			}
		}
		org := app.signInOrganizer(t, "olga@example.org")
		w := org.get(t, "/admin/events/big/registrations.csv")
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/csv; charset=utf-8" ||
			!strings.Contains(w.Header().Get("Content-Disposition"), `filename="big-registrations.csv"`) {
			t.Fatalf("status %d, type %q, disposition %q", w.Code, w.Header().Get("Content-Type"), w.Header().Get("Content-Disposition"))
		}
		records, err := csv.NewReader(w.Body).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		header, rows := records[0], records[1:]
		if len(rows) != 4 {
			t.Fatalf("%d rows, want every one of the 4 registrations", len(rows))
		}
		col := func(row []string, name string) string { return row[slices.Index(header, name)] }
		byEmail := map[string][]string{}
		for _, r := range rows {
			byEmail[col(r, "email")] = r
		}
		eve := byEmail["eve@example.org"]
		for name, want := range map[string]string{
			"name": "'=HYPERLINK(\"http://evil.example\",\"x\")", "company": "'+1 555 0100", "irc": "'-rf",
			"project": "'@SUM(A1:A9)", "goals": "'\t=1+2", "status": "pending", "role": "student", "event": "big",
		} {
			if got := col(eve, name); got != want {
				t.Errorf("%s = %q, want %q", name, got, want)
			}
		}
		if got := col(byEmail["ada@example.org"], "name"); got != "Zoë Ñandú" {
			t.Errorf("UTF-8 name came out as %q", got)
		}
		if got := col(byEmail["grace@example.org"], "projects"); got != "Nova\nNeutron" {
			t.Errorf("multi-line answer came out as %q", got)
		}
		for _, name := range []string{"registration_id", "person_id", "signed_up_at", "max_mentees", "experience", "timezone"} {
			if !slices.Contains(header, name) {
				t.Errorf("no %s column", name)
			}
		}
		if d := doc(t, org.get(t, "/admin/audit")); d.Find(`[data-action="registrations.export"]`).Length() != 1 {
			t.Errorf("the export is not in the audit log")
		}
	})
}

func TestWithdrawalPromotesTheFirstWaitlisted(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0) // spring has 1 student seat
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		// Carol signs up before Bob, but Bob confirms first: the waitlist
		// goes by confirmation.
		for _, addr := range []string{"carol@example.org", "bob@example.org"} {
			app.post(t, "/events/spring/students", studentForm(set("email", addr), set("name", strings.Split(addr, "@")[0])))
			app.clock.Advance(time.Minute)
		}
		app.post(t, app.confirmPath(t, "bob@example.org"), nil)
		app.clock.Advance(time.Minute)
		app.post(t, app.confirmPath(t, "carol@example.org"), nil)
		org := app.signInOrganizer(t, "olga@example.org")
		ada := app.registrationID(t, org, "spring", "ada@example.org")

		if w := org.post(t, "/admin/registrations/"+ada+"/withdraw", url.Values{"reason": {" "}, "back": {"/admin/events/spring"}}); w.Code != http.StatusUnprocessableEntity ||
			doc(t, w).Find(`[data-id="`+ada+`"] [data-testid="error-reason"]`).Length() != 1 {
			t.Fatalf("withdraw without a reason: status %d, want 422 with the error beside the row", w.Code)
		}
		w := org.post(t, "/admin/registrations/"+ada+"/withdraw", url.Values{"reason": {"Changed jobs"}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("withdraw: status %d", w.Code)
		}
		flash := doc(t, org.get(t, w.Header().Get("Location"))).Find(`[data-testid="flash"]`).Text()
		if !strings.Contains(flash, "went to bob from the waitlist") {
			t.Errorf("flash %q does not name the promoted student", flash)
		}
		statuses := app.statuses(t, org, "spring")
		if statuses["ada@example.org"] != "withdrawn" || statuses["bob@example.org"] != "confirmed" || statuses["carol@example.org"] != "waitlisted" {
			t.Fatalf("statuses %v: want ada withdrawn, bob promoted, carol still waiting", statuses)
		}
		if !app.emailed(t, "bob@example.org", workflows.EmailPromoted) || app.emailed(t, "carol@example.org", workflows.EmailPromoted) {
			t.Errorf("bob should be told about his seat, carol not")
		}

		// Bob withdraws himself from /me: the seat goes to Carol.
		bob := app.signIn(t, "bob@example.org")
		form := doc(t, bob.get(t, "/me")).Find(`[data-testid="withdraw-form"]`)
		action, _ := form.Attr("action")
		if w := bob.post(t, action, nil); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/me" {
			t.Fatalf("withdraw from /me: status %d to %q", w.Code, w.Header().Get("Location"))
		}
		statuses = app.statuses(t, org, "spring")
		if statuses["bob@example.org"] != "withdrawn" || statuses["carol@example.org"] != "confirmed" {
			t.Fatalf("after bob withdrew: %v", statuses)
		}
	})
}

func TestPeopleSeeOnlyThemselves(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		app.register(t, "big", workflows.RoleStudent, "Bob Babbage", "bob@example.org")
		app.register(t, "spring", workflows.RoleMentor, "Grace Hopper", "grace@example.org")
		org := app.signInOrganizer(t, "olga@example.org")
		bobReg := app.registrationID(t, org, "big", "bob@example.org")
		ada := app.signIn(t, "ada@example.org")

		me := doc(t, ada.get(t, "/me"))
		if n := me.Find(`[data-testid="my-registration"]`).Length(); n != 1 || strings.Contains(me.Text(), "Bob") {
			t.Fatalf("/me shows %d registrations or someone else's", n)
		}
		if w := ada.post(t, "/me/registrations/"+bobReg+"/withdraw", nil); w.Code != http.StatusNotFound {
			t.Fatalf("withdrawing someone else's registration: status %d, want 404", w.Code)
		}
		if s := app.statuses(t, org, "big")["bob@example.org"]; s != "confirmed" {
			t.Fatalf("bob is %s after ada's attempt", s)
		}
		grace := app.signIn(t, "grace@example.org")
		if w := grace.get(t, "/mentor/events/big"); w.Code != http.StatusNotFound {
			t.Fatalf("a mentor on an event they do not mentor in: status %d, want 404", w.Code)
		}
		if w := grace.get(t, "/mentor/events/spring"); w.Code != http.StatusOK || doc(t, w).Find(`[data-testid="mentees"]`).Length() != 1 {
			t.Fatalf("the mentor's own event: status %d", w.Code)
		}
	})
}

func TestPersonPageSyncStatusAndRetry(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0, withMirrors(workflows.JobTrelloCard))
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		jobs, err := db.Claim(t.Context(), workflows.JobTrelloCard, 10, app.clock.Now(), time.Minute)
		if err != nil || len(jobs) != 1 {
			t.Fatalf("claim: %d jobs, %v", len(jobs), err)
		}
		if err := sqlstoretest.ParkJob(t.Context(), db, jobs[0], "trello: 401 invalid token", app.clock.Now()); err != nil {
			t.Fatal(err)
		}
		app.deliver(t, "ada@example.org")
		org := app.signInOrganizer(t, "olga@example.org")
		person := "/admin/people/" + app.personID(t, "ada@example.org")
		d := doc(t, org.get(t, person))
		row := d.Find(`[data-testid="sync-jobs"] [data-kind="trello.card"]`)
		if row.Find(`[data-testid="job-state"]`).Text() != "failed" || !strings.Contains(row.Text(), "401 invalid token") {
			t.Fatalf("sync row: %q", row.Text())
		}
		if d.Find(`[data-testid="email-row"]`).Length() != 2 {
			t.Errorf("want the confirmation and seat emails on the page")
		}
		// A sent email's subject is gone with its bodies: its kind says
		// in words what it was.
		d.Find(`[data-testid="email-row"] td[data-label="Subject"]`).Each(func(_ int, cell *goquery.Selection) {
			if words := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(cell.Text()), cell.Find(".badge").Text())); words == "" {
				t.Errorf("email row %q says nothing in words", cell.Text())
			}
		})
		if doc(t, org.get(t, "/admin")).Find(`[data-testid="problem-jobs"] [data-kind="trello.card"]`).Length() != 1 {
			t.Errorf("the dashboard does not list the failed job")
		}
		action, _ := row.Find(`form`).Attr("action")
		if w := org.post(t, action, nil); w.Code != http.StatusSeeOther || w.Header().Get("Location") != person {
			t.Fatalf("retry now: status %d to %q", w.Code, w.Header().Get("Location"))
		}
		state := doc(t, org.get(t, person)).Find(`[data-testid="sync-jobs"] [data-kind="trello.card"] [data-testid="job-state"]`).Text()
		if state != "waiting" {
			t.Fatalf("after retry now the job is %q, want waiting", state)
		}
	})
}

func TestPersonExport(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		org := app.signInOrganizer(t, "olga@example.org")
		w := org.get(t, "/admin/people/"+app.personID(t, "ada@example.org")+"/export.json")
		if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Disposition"), "attachment") {
			t.Fatalf("status %d, disposition %q", w.Code, w.Header().Get("Content-Disposition"))
		}
		var out workflows.PersonExport
		if err := json.NewDecoder(w.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		if out.Person.Email != "ada@example.org" || len(out.Registrations) != 1 || out.Registrations[0].Answers.Goals != "first patch" || len(out.Emails) != 2 {
			t.Fatalf("export: %+v", out)
		}
	})
}

// statuses reads each registration's status off the event's admin page.
func (a *testApp) statuses(t testing.TB, org *client, slug string) map[string]string {
	t.Helper()
	out := map[string]string{}
	rows := doc(t, org.get(t, "/admin/events/"+slug)).Find(`[data-testid="registration-row"]`)
	for i := range rows.Length() {
		row := rows.Eq(i)
		status, _ := row.Attr("data-status")
		out[strings.TrimSpace(row.Find(".subtle").First().Text())] = status
	}
	return out
}

// emailed reports whether an email of kind was queued to addr.
func (a *testApp) emailed(t testing.TB, addr string, kind workflows.EmailKind) bool {
	t.Helper()
	emails, err := sqlstoretest.EmailsTo(t.Context(), a.db, addr)
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(emails, func(e workflows.Email) bool { return e.Kind == kind })
}

func TestAdminPostsRefuseOtherSites(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		org := app.signInOrganizer(t, "olga@example.org")
		reg := app.registrationID(t, org, "spring", "ada@example.org")
		posts := [][2]string{{"/admin/registrations/" + reg + "/withdraw", "reason=csrf"},
			{"/admin/events/spring/registrations/bulk", "action=withdraw&reason=csrf&registration=" + reg}}
		for _, p := range posts {
			for _, h := range [][2]string{{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://evil.example"}} {
				r := newRequest(http.MethodPost, p[0], strings.NewReader(p[1]))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				r.Header.Set(h[0], h[1])
				if w := org.do(t, r); w.Code != http.StatusForbidden {
					t.Fatalf("%s %s: %s: status %d, want 403", p[0], h[0], h[1], w.Code)
				}
			}
		}
		if s := app.statuses(t, org, "spring")["ada@example.org"]; s != "confirmed" {
			t.Fatalf("ada is %s after cross-site posts", s)
		}
	})
}
