package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/workflows"
)

// withMessages adds a rule, a message and an unsubscribe link to the fixture.
func (f *matrixFixture) withMessages(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	org := workflows.Viewer{PersonID: f.app.personID(t, "olga@example.org"), Organizer: true}
	msg, err := f.app.srv.Messages.Create(t.Context(), org, "spring", workflows.MessageInput{Roles: []string{"student"},
		Statuses: []string{"pending", "confirmed", "accepted"}, Subject: "Hello {first_name}", Body: "See you soon."})
	if err != nil {
		t.Fatalf("create message: %v", err)
	}
	p, err := f.app.srv.Messages.Preview(t.Context(), org, "spring", msg.ID)
	if err != nil {
		t.Fatalf("preview message: %v", err)
	}
	f.messageID, f.audience = msg.ID, p.Hash
	token, hash := workflows.NewToken()
	f.unsubscribe = token
	err = db.InTx(t.Context(), func(tx workflows.Tx) error {
		ev, err := tx.Events.EventBySlug(t.Context(), "spring")
		if err != nil {
			return err
		}
		rules, err := tx.Reminders.RulesOfEvent(t.Context(), ev.ID)
		if err != nil {
			return err
		}
		f.ruleID = rules[0].ID
		return tx.Sends.CreateUnsubscribeToken(t.Context(), hash, f.adaID, workflows.CategoryReminders, f.app.clock.Now())
	})
	if err != nil {
		t.Fatalf("rule and unsubscribe token: %v", err)
	}
}

// fixturePost is a POST whose path names the fixture's records.
func fixturePost(path func(f *matrixFixture) string, form func(f *matrixFixture) url.Values) request {
	return func(f *matrixFixture) (string, string, url.Values) { return http.MethodPost, path(f), form(f) }
}

func fixtureGet(path func(f *matrixFixture) string) request {
	return func(f *matrixFixture) (string, string, url.Values) { return http.MethodGet, path(f), nil }
}

func messagePath(f *matrixFixture) string { return "/admin/events/spring/messages/" + f.messageID }
func rulePath(f *matrixFixture) string    { return "/admin/events/spring/rules/" + f.ruleID }
func unsubPath(f *matrixFixture) string   { return "/unsubscribe/" + f.unsubscribe }
func noForm(*matrixFixture) url.Values    { return nil }

// reminderRows are the matrix rows of preferences, unsubscribe links and
// the organizers' messages.
func reminderRows() map[string]struct {
	req  request
	want [len(personas)]int
} {
	type row = struct {
		req  request
		want [len(personas)]int
	}
	rule := url.Values{"subject": {"Soon"}, "body": {"Soon."}, "offset_days": {"3"}, "offset_hours": {"48"}, "at": {"09:30"}, "weekday": {"Thursday"}}
	return map[string]row{
		"GET /me/preferences":       {get("/me/preferences"), [...]int{see, ok, refused, refused, refused}},
		"POST /me/preferences":      {post("/me/preferences", url.Values{"category": {"digest"}}), [...]int{see, see, refused, refused, refused}},
		"GET /mentor/preferences":   {get("/mentor/preferences"), [...]int{see, refused, ok, ok, refused}},
		"POST /mentor/preferences":  {post("/mentor/preferences", nil), [...]int{see, refused, see, see, refused}},
		"GET /unsubscribe/{token}":  {fixtureGet(unsubPath), everyone},
		"POST /unsubscribe/{token}": {fixturePost(unsubPath, noForm), everyone},

		"GET /admin/events/{slug}/messages": {get("/admin/events/spring/messages"), adminPage},
		"POST /admin/events/{slug}/messages": {post("/admin/events/spring/messages", url.Values{"role": {"student", "mentor"},
			"status": {"confirmed"}, "subject": {"Hi"}, "body": {"Hello"}}), adminAction},
		"GET /admin/events/{slug}/messages/{id}": {fixtureGet(messagePath), adminPage},
		"GET /admin/events/{slug}/messages/{id}/preview.html": {fixtureGet(func(f *matrixFixture) string {
			return messagePath(f) + "/preview.html"
		}), adminPage},
		"POST /admin/events/{slug}/messages/{id}/send": {fixturePost(func(f *matrixFixture) string { return messagePath(f) + "/send" },
			func(f *matrixFixture) url.Values { return url.Values{"audience": {f.audience}} }), adminAction},
		"POST /admin/events/{slug}/messages/{id}/test": {fixturePost(func(f *matrixFixture) string {
			return messagePath(f) + "/test"
		}, noForm), adminAction},
		"POST /admin/events/{slug}/rules/{id}": {fixturePost(rulePath, func(*matrixFixture) url.Values { return rule }), adminAction},
		"GET /admin/events/{slug}/rules/{id}/preview.html": {fixtureGet(func(f *matrixFixture) string {
			return rulePath(f) + "/preview.html"
		}), adminPage},
	}
}
