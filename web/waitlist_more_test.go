package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestLongWaitlistSaysHowManyMore: the event page lists the first
// workflows.WaitlistShown in line and says how many more wait, with a link
// to the list of all of them.
func TestLongWaitlistSaysHowManyMore(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		waiting := workflows.WaitlistShown + 1
		for i := range waiting + 1 { // the first takes the one seat
			app.register(t, "spring", workflows.RoleStudent, fmt.Sprintf("Student %d", i), fmt.Sprintf("s%d@example.org", i))
		}
		org := app.signInOrganizer(t, "olga@example.org")
		page := doc(t, org.get(t, "/admin/events/spring"))
		if n := page.Find(`[data-testid="waitlist-row"]`).Length(); n != workflows.WaitlistShown {
			t.Fatalf("the page lists %d in line, want %d", n, workflows.WaitlistShown)
		}
		more := page.Find(`[data-testid="waitlist-more"]`)
		want := fmt.Sprintf("The first %d of %d students waiting are shown here.", workflows.WaitlistShown, waiting)
		if more.Length() != 1 || !strings.Contains(more.Text(), want) {
			t.Fatalf("waitlist note %q, want %q", more.Text(), want)
		}
		href, _ := more.Find("a").Attr("href")
		if href != "/admin/events/spring?role=student&status=waitlisted" {
			t.Fatalf("link to the whole line: %q", href)
		}
		w := org.get(t, href)
		if w.Code != http.StatusOK || doc(t, w).Find(`[data-testid="registration-row"]`).Length() == 0 {
			t.Fatalf("the whole line: status %d", w.Code)
		}
	})
}
