// Package web serves Registrar's pages: thin handlers that parse a request,
// call one workflows use case and render a templ component or redirect.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/prometheus/client_golang/prometheus"

	"registrar/workflows"
)

// EventService lists and shows events.
type EventService interface {
	ListOpen(ctx context.Context) ([]workflows.EventSeats, error)
	Show(ctx context.Context, slug string) (workflows.EventSeats, bool, error)
}

// SignupService signs people up and confirms their addresses.
type SignupService interface {
	SignUp(ctx context.Context, in workflows.SignupInput) (workflows.SignupOutcome, error)
	Confirm(ctx context.Context, token string) (workflows.ConfirmResult, error)
	ConfirmLinkState(ctx context.Context, token string) (workflows.ConfirmResult, error)
}

// Mailbox reads the dev mailbox; nil when real email is configured.
type Mailbox interface {
	List(ctx context.Context, limit int) ([]MailboxMessage, error)
	Get(ctx context.Context, id string) (MailboxMessage, error)
}

// MailboxMessage is one message in the dev mailbox.
type MailboxMessage struct {
	ID, To, Subject, Kind, HTML, Text string
	Sent                              string
}

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Assets serves the static files under content-hashed names.
type Assets interface {
	Path(name string) string
	Handler() http.Handler
}

// AccountService signs people in and out and says who holds a session.
type AccountService interface {
	RequestLogin(ctx context.Context, email string) error
	Login(ctx context.Context, token string) (workflows.LoginResult, error)
	LoginLinkState(ctx context.Context, token string) (workflows.LoginOutcome, error)
	SetName(ctx context.Context, v workflows.Viewer, name string) error
	Viewer(ctx context.Context, signInID string) (workflows.Viewer, error)
	Logout(ctx context.Context, signInID string) error
	EndOtherSignIns(ctx context.Context, v workflows.Viewer) error
}

// HomeService serves students' and mentors' own pages.
type HomeService interface {
	Student(ctx context.Context, v workflows.Viewer) ([]workflows.MyRegistration, error)
	Mentor(ctx context.Context, v workflows.Viewer) ([]workflows.MyRegistration, error)
	MentorEvent(ctx context.Context, v workflows.Viewer, slug string) (workflows.MyRegistration, error)
	Withdraw(ctx context.Context, v workflows.Viewer, registrationID string) (workflows.SeatChange, error)
	ResendConfirmation(ctx context.Context, v workflows.Viewer, registrationID string) (workflows.RegistrationView, error)
}

// OverviewService is the organizers' dashboard.
type OverviewService interface {
	Dashboard(ctx context.Context, v workflows.Viewer) (workflows.Dashboard, error)
}

// EventAdminService creates, edits, closes and opens events.
type EventAdminService interface {
	Event(ctx context.Context, v workflows.Viewer, slug string) (workflows.EventSummary, error)
	CreateEvent(ctx context.Context, v workflows.Viewer, f workflows.EventForm) (workflows.Event, error)
	UpdateEvent(ctx context.Context, v workflows.Viewer, slug string, f workflows.EventForm) (workflows.SeatChange, error)
	SetEventClosed(ctx context.Context, v workflows.Viewer, slug string, closed bool) (workflows.Event, error)
}

// ReviewService lists an event's registrations and decides on them.
type ReviewService interface {
	Registrations(ctx context.Context, v workflows.Viewer, slug string, f workflows.RegistrationFilter) (workflows.RegistrationList, error)
	ExportRegistrations(ctx context.Context, v workflows.Viewer, slug string) (workflows.RegistrationExport, error)
	Accept(ctx context.Context, v workflows.Viewer, registrationID string) (workflows.SeatChange, error)
	Waitlist(ctx context.Context, v workflows.Viewer, registrationID string) (workflows.SeatChange, error)
	Withdraw(ctx context.Context, v workflows.Viewer, registrationID, reason string) (workflows.SeatChange, error)
	Bulk(ctx context.Context, v workflows.Viewer, slug string, in workflows.BulkInput) (workflows.BulkResult, error)
}

// PeopleAdminService shows, edits, exports and erases a person, resends
// their confirmation links and retries their sync jobs.
type PeopleAdminService interface {
	Person(ctx context.Context, v workflows.Viewer, personID string) (workflows.PersonRecord, error)
	EditPerson(ctx context.Context, v workflows.Viewer, personID string, in workflows.PersonEdit) ([]string, error)
	ResendConfirmation(ctx context.Context, v workflows.Viewer, registrationID string) (workflows.RegistrationView, error)
	ExportPerson(ctx context.Context, v workflows.Viewer, personID string) (workflows.PersonExport, error)
	Erase(ctx context.Context, v workflows.Viewer, personID, confirm string) (workflows.ErasureReport, error)
	RetryJob(ctx context.Context, v workflows.Viewer, kind workflows.JobKind, key string) (personID string, err error)
}

// PairingService gives accepted students mentors.
type PairingService interface {
	Board(ctx context.Context, v workflows.Viewer, slug string) (workflows.PairingBoard, error)
	Pair(ctx context.Context, v workflows.Viewer, studentID, mentorID string) (workflows.PairResult, error)
	PairAll(ctx context.Context, v workflows.Viewer, slug string) (workflows.PairAllResult, error)
	End(ctx context.Context, v workflows.Viewer, pairingID, reason string) (string, error)
	EventOf(ctx context.Context, v workflows.Viewer, registrationID string) (string, error)
}

// WatchService shows organizers how mentoring goes.
type WatchService interface {
	Progress(ctx context.Context, v workflows.Viewer, slug string, f workflows.ProgressFilter) (workflows.ProgressPage, error)
}

// AuditService reads the audit log.
type AuditService interface {
	Log(ctx context.Context, v workflows.Viewer, q workflows.AuditQuery) (workflows.AuditLog, error)
}

// ChecklistService ticks contributor steps and edits an event's steps.
type ChecklistService interface {
	MarkOwn(ctx context.Context, v workflows.Viewer, registrationID, key string, m workflows.StepMark) (workflows.StepOutcome, error)
	MarkMentee(ctx context.Context, v workflows.Viewer, pairingID, key string, m workflows.StepMark) (workflows.StepOutcome, error)
	EventSteps(ctx context.Context, v workflows.Viewer, slug string) (workflows.EventSteps, error)
	EditSteps(ctx context.Context, v workflows.Viewer, slug string, in workflows.StepsEdit) (workflows.EventSteps, error)
}

// CheckInService is the mentor dashboard and the weekly check-ins.
type CheckInService interface {
	Dashboard(ctx context.Context, v workflows.Viewer) (workflows.MentorDashboard, error)
	Pairing(ctx context.Context, v workflows.Viewer, id string) (workflows.PairingPage, error)
	Record(ctx context.Context, v workflows.Viewer, pairingID string, in workflows.CheckInInput) (workflows.CheckInOutcome, error)
}

// Config is what the server needs to know about its deployment.
type Config struct {
	BaseURL         string
	SignupRateLimit int            // public POSTs per minute per client; 0 turns the limit off
	LoginRateLimit  int            // sign-in requests per minute per client; 0 turns the limit off
	TrustedProxies  []netip.Prefix // peers whose X-Forwarded-For is believed
	MetricsAllow    []netip.Prefix // networks that may scrape /metrics, besides this machine
	Integrations    []Integration  // each vendor integration, on or off
	// LoginEmailsPerHour caps sign-in emails per address and client (and at
	// mailCeilingFactor times that per address); 0 turns the cap off.
	LoginEmailsPerHour int
	// LoginResponseFloor is the least time a sign-in request takes, so that a
	// known address (a token and an email written) and an unknown one
	// (nothing written) answer alike in time too; 0 turns it off.
	LoginResponseFloor time.Duration
}

// mailCeilingFactor is how many clients' worth of sign-in emails an address
// may receive in an hour.
const mailCeilingFactor = 4

// Server holds the handlers' dependencies.
type Server struct {
	Config   Config
	Log      *slog.Logger
	Events   EventService
	Signups  SignupService
	Mailbox  Mailbox
	DB       Pinger
	Assets   Assets
	Registry *prometheus.Registry
	Accounts AccountService
	Homes    HomeService
	// The organizers' admin area, one service per task.
	Overview    OverviewService
	EventAdmin  EventAdminService
	Reviews     ReviewService
	PeopleAdmin PeopleAdminService
	AuditTrail  AuditService
	// Mentoring: the checklist and the weekly check-ins.
	Checklists ChecklistService
	CheckIns   CheckInService
	// Mentoring: pairing and the progress board.
	Pairings PairingService
	Watch    WatchService
	// Reminders and messages, email preferences: server_reminders.go.
	Preferences PreferenceService
	Messages    MessageService
	Sessions    *scs.SessionManager // from NewSessions
	// Clock times sessions' idleness; nil is the wall clock.
	Clock workflows.Clock

	metrics      *httpMetrics
	hosts        hostNames                // the Host names requests may carry
	limiter      *rateLimiter[netip.Addr] // sign-up posts per client
	loginLimiter *rateLimiter[netip.Addr] // sign-in requests per client
	mailLimiter  *rateLimiter[mailKey]    // sign-in emails per address and client
	mailCeiling  *rateLimiter[[32]byte]   // sign-in emails per address, all clients
	// Integrations' webhooks; nil when the integration is off.
	Board      BoardHook
	Moves      BoardMoves
	Mail       MailHook
	MailEvents MailEvents
}

// UseServices plugs the workflows services into the server's ports.
func (s *Server) UseServices(svc workflows.Services) {
	s.Events, s.Signups, s.Accounts, s.Homes = svc.Events, svc.Signups, svc.Accounts, svc.Homes
	s.Overview, s.EventAdmin, s.Reviews = svc.Overview, svc.EventAdmin, svc.Reviews
	s.PeopleAdmin, s.AuditTrail = svc.PeopleAdmin, svc.AuditTrail
	s.Checklists, s.CheckIns = svc.Checklists, svc.CheckIns
	s.Pairings, s.Watch = svc.Pairings, svc.Watch
	s.Preferences, s.Messages = svc.Preferences, svc.Messages
}

// Handler returns the whole application with its middleware. It works on a
// copy of s, so calling it twice gives two independent handlers (metrics are
// registered once per registry) and s itself is left as it was.
func (s *Server) Handler() http.Handler {
	h := *s
	h.Log = slog.New(requestIDHandler{s.Log.Handler()})
	h.metrics = newHTTPMetrics(s.Registry)
	h.hosts = newHostNames(s.Config.BaseURL)
	h.limiter = newRateLimiter(s.Config.SignupRateLimit)
	h.loginLimiter = newRateLimiter(s.Config.LoginRateLimit)
	h.mailLimiter = newKeyedLimiter[mailKey](s.Config.LoginEmailsPerHour, time.Hour)
	h.mailCeiling = newKeyedLimiter[[32]byte](mailCeilingFactor*s.Config.LoginEmailsPerHour, time.Hour)
	if h.Sessions != nil {
		sessions := *s.Sessions
		sessions.ErrorFunc = h.sessionError
		h.Sessions = &sessions
	}
	mux := http.NewServeMux()
	h.routes(mux)
	return h.middleware(mux)
}
