package web

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// route is one entry of the route table: a ServeMux pattern, who may use it
// and its handler. The authorization matrix test enumerates this table, so
// a route cannot be added without saying who may use it.
type route struct {
	pattern string
	access  access
	handler http.HandlerFunc
}

// routeTable lists every route of the app in one place.
func (s *Server) routeTable() []route {
	rs := []route{
		{"GET /{$}", anyone, s.handleHomeIndex},
		{"GET /events/{slug}", anyone, s.handleEventShow},
		{"POST /events/{slug}/{role}", anyone, s.limited(s.handleSignupCreate)},
		{"GET /events/{slug}/check-email", anyone, s.handleSignupCheckEmail},
		{"GET /confirm/{token}", anyone, s.handleConfirmShow},
		{"POST /confirm/{token}", anyone, s.handleConfirmCreate},

		{"GET /login", anyone, s.handleLoginNew},
		{"POST /login", anyone, s.loginLimited(s.handleLoginCreate)},
		{"GET /login/check-email", anyone, s.handleLoginCheckEmail},
		{"GET /login/{token}", anyone, s.handleLoginShow},
		{"POST /login/{token}", anyone, s.handleLoginLinkCreate},
		{"POST /logout", anyone, s.handleLogout},
		{"POST /logout/others", anyone, s.handleLogoutOthers},

		{"GET /account", signedIn, s.handleAccountShow},
		{"POST /account", signedIn, s.handleAccountUpdate},
		{"GET /me", students, s.handleMeShow},
		{"POST /me/registrations/{id}/withdraw", students, s.handleMeWithdraw},
		// Any signed-in person: a mentor's pending registration is listed on /mentor.
		{"POST /me/registrations/{id}/resend", signedIn, s.limitedBy(s.limiter, func(*http.Request) {}, s.handleMeResend)},
		{"POST /me/registrations/{id}/steps/{key}", students, s.handleMeStepUpdate},
		{"GET /me/preferences", students, s.handlePreferencesShow},
		{"POST /me/preferences", students, s.handlePreferencesUpdate},
		{"GET /mentor/preferences", mentors, s.handlePreferencesShow},
		{"POST /mentor/preferences", mentors, s.handlePreferencesUpdate},
		{"GET /unsubscribe/{token}", anyone, s.handleUnsubscribeShow},
		// No session: RFC 8058's POST carries no cookie, the token is the proof.
		{"POST /unsubscribe/{token}", bare, s.handleUnsubscribeCreate},
		{"GET /mentor", mentors, s.handleMentorShow},
		{"GET /mentor/events/{slug}", mentors, s.handleMentorEventShow},
		{"GET /mentor/pairings/{id}", mentoring, s.handleMentorPairingShow},
		{"POST /mentor/pairings/{id}/steps/{key}", mentoring, s.handleMentorStepUpdate},
		{"POST /mentor/pairings/{id}/check-ins", mentoring, s.handleMentorCheckInCreate},

		{"GET /admin", organizers, s.handleAdminDashboard},
		{"GET /admin/events/new", organizers, s.handleAdminEventNew},
		{"POST /admin/events", organizers, s.handleAdminEventCreate},
		{"GET /admin/events/{slug}", organizers, s.handleAdminRegistrationsIndex},
		{"GET /admin/events/{slug}/edit", organizers, s.handleAdminEventEdit},
		{"POST /admin/events/{slug}", organizers, s.handleAdminEventUpdate},
		{"POST /admin/events/{slug}/close", organizers, s.handleAdminEventClose},
		{"POST /admin/events/{slug}/open", organizers, s.handleAdminEventOpen},
		{"GET /admin/events/{slug}/registrations.csv", organizers, s.handleAdminRegistrationsCSV},
		{"POST /admin/events/{slug}/registrations/bulk", organizers, s.handleAdminRegistrationsBulk},
		{"GET /admin/events/{slug}/steps", organizers, s.handleAdminStepsShow},
		{"POST /admin/events/{slug}/steps", organizers, s.handleAdminStepsUpdate},
		{"POST /admin/registrations/{id}/accept", organizers, s.handleAdminRegistrationAccept},
		{"POST /admin/registrations/{id}/waitlist", organizers, s.handleAdminRegistrationWaitlist},
		{"POST /admin/registrations/{id}/withdraw", organizers, s.handleAdminRegistrationWithdraw},
		{"POST /admin/registrations/{id}/resend", organizers, s.handleAdminRegistrationResend},
		{"GET /admin/events/{slug}/pairings", organizers, s.handleAdminPairingsIndex},
		{"POST /admin/events/{slug}/pairings", organizers, s.handleAdminPairingsPairAll},
		{"POST /admin/pairings", organizers, s.handleAdminPairingCreate},
		{"POST /admin/pairings/{id}/end", organizers, s.handleAdminPairingEnd},
		{"GET /admin/events/{slug}/progress", organizers, s.handleAdminProgressIndex},
		{"GET /admin/people/{id}", organizers, s.handleAdminPersonShow},
		{"GET /admin/people/{id}/export.json", organizers, s.handleAdminPersonExport},
		{"GET /admin/people/{id}/edit", organizers, s.handleAdminPersonEdit},
		{"POST /admin/people/{id}", organizers, s.handleAdminPersonUpdate},
		{"POST /admin/people/{id}/erase", organizers, s.handleAdminPersonErase},
		{"POST /admin/jobs/{kind}/{key}/retry", organizers, s.handleAdminJobRetry},
		{"GET /admin/audit", organizers, s.handleAdminAuditIndex},
		{"GET /admin/events/{slug}/messages", organizers, s.handleAdminMessagesIndex},
		{"POST /admin/events/{slug}/messages", organizers, s.handleAdminMessageCreate},
		{"GET /admin/events/{slug}/messages/{id}", organizers, s.handleAdminMessageShow},
		{"GET /admin/events/{slug}/messages/{id}/preview.html", organizers, s.handleAdminMessagePreviewHTML},
		{"POST /admin/events/{slug}/messages/{id}/send", organizers, s.handleAdminMessageSend},
		{"POST /admin/events/{slug}/messages/{id}/test", organizers, s.handleAdminMessageTest},
		{"POST /admin/events/{slug}/rules/{id}", organizers, s.handleAdminRuleUpdate},
		{"GET /admin/events/{slug}/rules/{id}/preview.html", organizers, s.handleAdminRulePreviewHTML},

		{"GET /healthz", bare, s.handleHealth},
		{"GET /metrics", bare, s.scrapersOnly(promhttp.HandlerFor(s.Registry, promhttp.HandlerOpts{}).ServeHTTP)},
		{"GET /static/", bare, s.Assets.Handler().ServeHTTP},
		{"/", anyone, s.handleNotFound},
	}
	if s.Mailbox != nil {
		rs = append(rs,
			route{"GET /dev/mailbox", anyone, s.localOnly(s.handleMailboxIndex)},
			route{"GET /dev/mailbox/{id}", anyone, s.localOnly(s.handleMailboxShow)},
			route{"GET /dev/mailbox/{id}/html", anyone, s.localOnly(s.handleMailboxHTML)})
	}
	if s.Board != nil {
		rs = append(rs,
			route{"HEAD /webhooks/trello", bare, s.handleTrelloWebhookCheck},
			route{"POST /webhooks/trello", bare, s.handleTrelloWebhook})
	}
	if s.Mail != nil {
		rs = append(rs, route{"POST /webhooks/mailgun", bare, s.handleMailgunWebhook})
	}
	return rs
}

// routes registers the route table, each route behind its session and
// access check.
func (s *Server) routes(mux *http.ServeMux) {
	for _, rt := range s.routeTable() {
		var h http.Handler = rt.handler
		if rt.access != anyone && rt.access != bare {
			h = s.require(rt.access, rt.handler)
		}
		if rt.access != bare {
			h = s.withSession(h)
		}
		mux.Handle(rt.pattern, noteRoute(h))
	}
}

// RoutePatterns lists the pattern of every route, for the authorization
// matrix test.
func (s *Server) RoutePatterns() []string {
	var out []string
	for _, rt := range s.routeTable() {
		out = append(out, rt.pattern)
	}
	return out
}
