package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"registrar/integrations/jobs"
	"registrar/integrations/sqlstore"
	"registrar/static"
	"registrar/web"
	"registrar/web/emails"
	"registrar/workflows"
)

// App is the whole application wired together, shared by `serve` and by the
// end-to-end tests that start it on a free port.
type App struct {
	Config  Config
	Log     *slog.Logger
	Clock   workflows.Clock
	DB      *sqlstore.DB
	Runner  *jobs.Runner
	Handler http.Handler
	// Reminders plans and sends scheduled reminders; Serve runs a pass
	// every SchedulerEvery.
	Reminders      *workflows.Reminders
	SchedulerEvery time.Duration
	// Signups expires unconfirmed sign-ups on each scheduler pass.
	Signups *workflows.Signups
}

// AppOptions are the knobs tests turn; the zero value is production.
type AppOptions struct {
	Runner     jobs.Options
	HTTPClient *http.Client // for the vendor APIs; nil means a client with a 20 s timeout
	// MailRetry is the first retry delay of an email (default 10 s): Mailgun
	// needs that long before an accepted message shows up to a look-up.
	MailRetry time.Duration
	// SchedulerEvery is the wait between reminder passes (default a minute;
	// negative: no scheduler).
	SchedulerEvery time.Duration
}

// NewApp opens and migrates the database and wires services, workers and web.
func NewApp(ctx context.Context, cfg Config, log *slog.Logger, clock workflows.Clock, opts AppOptions) (*App, error) {
	db, err := openDB(ctx, cfg)
	if err != nil {
		return nil, err
	}
	assets, err := static.New()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("static files: %w", err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	lk := links{cfg.BaseURL}

	ints, err := wireIntegrations(ctx, cfg, db, clock, opts.HTTPClient, newAPICalls(reg))
	if err != nil {
		db.Close()
		return nil, err
	}

	renderer := emails.New(cfg.BaseURL)
	svc := workflows.NewServices(workflows.Deps{Store: db, Clock: clock, Emails: renderer, Links: lk,
		Mirrors: ints.mirrors})
	runner := jobs.New(db, clock, log, jobs.NewMetrics(reg, func(ctx context.Context) ([]jobs.Stats, error) {
		return db.Stats(ctx, clock.Now())
	}), opts.Runner)
	reminders := &workflows.Reminders{Store: db, Clock: clock, Emails: renderer, Links: lk, Mailer: ints.batch}
	ints.register(runner, db, clock, opts.MailRetry, renderer, reminders)

	srv := &web.Server{
		Config: web.Config{BaseURL: cfg.BaseURL, SignupRateLimit: cfg.SignupRateLimit, LoginRateLimit: cfg.LoginRateLimit,
			TrustedProxies: cfg.TrustedProxies, MetricsAllow: cfg.MetricsAllow, Integrations: ints.states, LoginEmailsPerHour: 5,
			LoginResponseFloor: 50 * time.Millisecond},
		Log:      log,
		DB:       db,
		Assets:   assets,
		Registry: reg,
		Sessions: web.NewSessions(db.Sessions(clock), cfg.BaseURL),
	}
	srv.UseServices(svc)
	if ints.devMailbox() {
		srv.Mailbox = devMailbox{db}
	}
	if ints.board != nil && cfg.Trello.Secret != "" {
		srv.Board, srv.Moves = trelloHook{secret: string(cfg.Trello.Secret), callbackURL: trelloCallbackURL(cfg)}, svc.Reviews
	}
	if !ints.devMailbox() && cfg.Mailgun.WebhookKey != "" {
		srv.Mail, srv.MailEvents = mailgunHook{key: string(cfg.Mailgun.WebhookKey)}, svc.MailEvents
	}
	ints.log(log)
	every := opts.SchedulerEvery
	if every == 0 {
		every = time.Minute
	}
	return &App{Config: cfg, Log: log, Clock: clock, DB: db, Runner: runner, Handler: srv.Handler(),
		Reminders: reminders, SchedulerEvery: every, Signups: svc.Signups}, nil
}

// Serve runs the web server on ln and the workers until ctx ends, then shuts
// down gently: requests in flight finish, workers stop claiming and finish
// their batch, and only then is the database closed.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{Handler: a.Handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	var wg sync.WaitGroup
	wg.Go(func() { a.Runner.Run(workCtx) })
	if a.SchedulerEvery > 0 {
		wg.Go(func() { a.schedule(workCtx) })
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()

	select {
	case err := <-errc:
		stopWork()
		wg.Wait()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	a.Log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := hs.Shutdown(shutCtx)
	if werr := a.Runner.Shutdown(shutCtx); werr != nil {
		err = errors.Join(err, fmt.Errorf("workers: %w", werr))
	}
	stopWork()
	wg.Wait()
	return err
}

// Close releases the database.
func (a *App) Close() error { return a.DB.Close() }

// devMailbox adapts the store's dev mailbox to the web's view of it.
type devMailbox struct{ db *sqlstore.DB }

func (m devMailbox) List(ctx context.Context, limit int) ([]web.MailboxMessage, error) {
	msgs, err := m.db.DevMessages(ctx, limit)
	out := make([]web.MailboxMessage, 0, len(msgs))
	for _, msg := range msgs {
		out = append(out, mailboxMessage(msg))
	}
	return out, err
}

func (m devMailbox) Get(ctx context.Context, id string) (web.MailboxMessage, error) {
	msg, err := m.db.DevMessage(ctx, id)
	return mailboxMessage(msg), err
}

func mailboxMessage(m sqlstore.DevMessage) web.MailboxMessage {
	return web.MailboxMessage{ID: m.EmailID, To: m.To, Subject: m.Subject, Kind: m.Kind, HTML: m.HTML, Text: m.Text,
		Sent: m.Created.Format("2 Jan 2006 15:04 MST")}
}
