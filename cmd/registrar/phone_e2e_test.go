package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"registrar/integrations/sqlstore/sqlstoretest"
)

// layoutFaults lists what a reader would see as broken at the current
// width: a page wider than the screen, and words split across two lines
// that would have fit on one, anywhere but after a hyphen or slash (the
// places browsers break words themselves), and form controls squeezed too
// small to use. Hidden text, such as a closed <details>, is skipped.
const layoutFaults = `(() => {
  const faults = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width) {
    faults.push("page is " + document.documentElement.scrollWidth + " px wide on a " + width + " px screen");
  }
  const range = document.createRange();
  const lineOf = (node, i) => {
    range.setStart(node, i); range.setEnd(node, i + 1);
    const r = [...range.getClientRects()].find(r => r.width > 0);
    return r ? Math.round(r.top) : null;
  };
  const blockWidth = (el) => {
    while (el && getComputedStyle(el).display.startsWith("inline")) el = el.parentElement;
    const cs = getComputedStyle(el);
    return el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT,
    (n) => n.parentElement.checkVisibility() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const words = /\S{2,}/g;
    for (let m; (m = words.exec(node.nodeValue)); ) {
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (new Set(rects.map(r => Math.round(r.top))).size < 2) continue;
      if (rects.reduce((w, r) => w + r.width, 0) > blockWidth(node.parentElement)) continue; // cannot fit on any line
      for (let i = m.index + 1; i < m.index + m[0].length; i++) {
        const before = lineOf(node, i - 1), here = lineOf(node, i);
        if (before !== null && here !== null && before !== here && !"-/\u2013\u2014".includes(node.nodeValue[i - 1])) {
          faults.push("word broken mid-way: " + JSON.stringify(m[0]));
          break;
        }
      }
    }
  }
  for (const el of document.querySelectorAll("input:not([type=hidden]), select, button, textarea")) {
    const r = el.getBoundingClientRect();
    if (el.checkVisibility() && (r.width < 12 || r.height < 12)) {
      faults.push("control squeezed to " + Math.round(r.width) + "x" + Math.round(r.height) + " px: " + (el.id || el.name || el.outerHTML.slice(0, 60)));
    }
  }
  return faults;
})()`

// TestBrowserPagesFitAPhone opens every admin page, and the personal pages,
// at 390 and 1280 px with a cohort in mid-programme, and fails on a page
// wider than the screen or a word broken mid-way. With
// REGISTRAR_SCREENSHOTS set it also saves each page.
func TestBrowserPagesFitAPhone(t *testing.T) {
	ctx := browser(t)
	dbURL := sqlstoretest.URL(t)
	app := startApp(t, dbURL)
	seedEvent(t, app)
	seedMentoringCohort(t, app)
	link := adminAdd(t, dbURL, app.URL, "olga@example.org")
	review(t, app, "olga@example.org")
	ada := mustPerson(t, app, "ada@example.org")
	type page struct{ who, path, name string }
	opens := map[string]string{"phone-admin-close-asks": `[data-testid="close-event-toggle"]`} // a disclosure to open first
	pages := []page{
		{"olga@example.org", "/admin", "phone-admin"},
		{"olga@example.org", "/admin/events/new", "phone-admin-event-new"},
		{"olga@example.org", "/admin/events/upstream-2027", "phone-admin-registrations"},
		{"olga@example.org", "/admin/events/upstream-2027?status=waitlisted", "phone-admin-waitlist"},
		{"olga@example.org", "/admin/events/upstream-2027?select=page", "phone-admin-bulk"},
		{"olga@example.org", "/admin/events/upstream-2027/edit", "phone-admin-event-edit"},
		{"olga@example.org", "/admin/events/upstream-2027/steps", "phone-admin-steps"},
		{"olga@example.org", "/admin/events/upstream-2027/messages", "phone-admin-messages"},
		{"olga@example.org", "/admin/events/cohort-2027", "phone-admin-cohort"},
		{"olga@example.org", "/admin/events/cohort-2027/pairings", "phone-admin-pairings"},
		{"olga@example.org", "/admin/events/cohort-2027/progress", "phone-admin-progress"},
		{"olga@example.org", "/admin/people/" + ada, "phone-admin-person"},
		{"olga@example.org", "/admin/people/" + ada + "/edit", "phone-admin-person-edit"},
		{"olga@example.org", "/admin/events/upstream-2027", "phone-admin-close-asks"},
		{"olga@example.org", "/admin/audit", "phone-admin-audit"},
		{"olga@example.org", "/account", "phone-account"},
		{"olga@example.org", "/events/upstream-2027", "phone-event"},
		{"linus@example.org", "/me", "phone-me"},
		{"grace@example.org", "/mentor", "phone-mentor"},
		{"grace@example.org", "/mentor/events/upstream-2027", "phone-mentor-event"},
	}
	signedIn := ""
	for _, p := range pages {
		if p.who != signedIn {
			l := link
			if signedIn != "" {
				l = signInLink(t, app, p.who)
			}
			if err := chromedp.Do(ctx, followLink(l, "login-link-form"),
				chromedp.WaitNotPresent(`[data-testid="login-link-form"]`), chromedp.WaitVisible(`main h1`)); err != nil {
				t.Fatalf("sign in as %s: %v", p.who, err)
			}
			signedIn = p.who
		}
		for _, width := range []int64{390, 1280} {
			var faults []string
			open := chromedp.Action[chromedp.Void](chromedp.WaitVisible(`main h1`))
			if sel := opens[p.name]; sel != "" {
				open = chromedp.Click(sel)
			}
			err := chromedp.Do(ctx,
				chromedp.EmulateViewport(width, 900),
				chromedp.Navigate(app.URL+p.path),
				chromedp.WaitVisible(`main h1`),
				open,
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) (err error) {
					faults, err = chromedp.Evaluate[[]string](layoutFaults)(ctx, tg)
					return err
				}),
				screenshot(fmt.Sprintf("%s-%d", p.name, width)))
			if err != nil {
				t.Fatalf("%s at %d px: %v", p.path, width, err)
			}
			if len(faults) > 0 {
				t.Errorf("%s at %d px:\n  %s", p.path, width, strings.Join(faults, "\n  "))
			}
		}
	}
}
