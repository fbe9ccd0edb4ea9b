package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"registrar/integrations/devmail"
	"registrar/integrations/jobs"
	"registrar/integrations/mailgun"
	"registrar/integrations/quota"
	"registrar/integrations/sheets"
	"registrar/integrations/sqlstore"
	"registrar/integrations/trello"
	"registrar/web"
	"registrar/workflows"
)

// sheetBatch is how many due rows one Sheets write carries at most: big
// enough that a rush of sign-ups costs a handful of calls.
const sheetBatch = 500

// Emails go in batches of up to mailBatch: one write claims a batch, one
// read loads it, and one write records it (emails sent and jobs done
// together), rather than three writes an email on the writer sign-ups need.
// mailWorkers batches are in flight at once, each with up to mailSends
// requests: a request hanging until its timeout holds up only its own email
// and its batch's record, while the other workers go on.
const (
	mailBatch   = 32
	mailWorkers = 4
	mailSends   = 8
)

// integrations are the vendor adapters that are configured, and what the
// rest of the app needs to know about them.
type integrations struct {
	mailer  workflows.Mailer
	batch   workflows.BatchMailer // the same provider, for reminders and sign-up emails in batches
	sheet   *sheets.Sheet
	board   *trello.Board
	mirrors []workflows.JobKind // sync jobs each registration change enqueues
	states  []web.Integration   // for the log, /healthz and the dashboard
}

// wireIntegrations builds the configured adapters; what is not configured is
// off and says so. Each adapter gets a copy of httpClient (which must have a
// timeout) whose requests are counted in calls.
func wireIntegrations(ctx context.Context, cfg Config, db *sqlstore.DB, clock workflows.Clock, httpClient *http.Client, calls *apiCalls) (*integrations, error) {
	if httpClient == nil {
		httpClient = &http.Client{Timeout: 20 * time.Second}
	}
	in := &integrations{}
	if cfg.Mailgun.Enabled() {
		mg := mailgun.New(cfg.Mailgun, calls.client(mailClient(httpClient), "mailgun"))
		in.mailer, in.batch = mg, mg
		in.states = append(in.states, web.Integration{Name: "mailgun", On: true, Target: "domain " + cfg.Mailgun.Domain})
	} else {
		dev := &devmail.Mailer{Store: db, Clock: clock}
		in.mailer, in.batch = dev, dev
		in.states = append(in.states, web.Integration{Name: "mailgun", Instead: "email goes to the dev mailbox at " + cfg.BaseURL + "/dev/mailbox",
			Missing: []string{"REGISTRAR_MAILGUN_DOMAIN", "REGISTRAR_MAILGUN_API_KEY"}})
	}
	if cfg.Sheets.Enabled() {
		// Every instance on the database draws from the same budgets and
		// takes the same tab locks (issue 13).
		id := cfg.Sheets.SpreadsheetID
		s, err := sheets.New(ctx, cfg.Sheets, calls.client(httpClient, "sheets"),
			sheets.WithPacers(quota.NewBudget(db, clock, quota.Name("sheets.reads", id), cfg.SheetsBudget),
				quota.NewBudget(db, clock, quota.Name("sheets.writes", id), cfg.SheetsBudget)),
			sheets.WithTabLock(quota.NewLocks(db, clock)))
		if err != nil {
			return nil, fmt.Errorf("google sheets: %w", err)
		}
		in.sheet = s
		in.mirrors = append(in.mirrors, workflows.JobSheetRow)
		in.states = append(in.states, web.Integration{Name: "sheets", On: true, Target: "spreadsheet " + cfg.Sheets.SpreadsheetID})
	} else {
		in.states = append(in.states, web.Integration{Name: "sheets",
			Missing: []string{"REGISTRAR_SHEETS_SPREADSHEET_ID", "REGISTRAR_SHEETS_CREDENTIALS"}})
	}
	if cfg.Trello.Enabled() {
		in.board = trello.New(cfg.Trello, calls.client(httpClient, "trello"),
			trello.WithPacer(quota.NewBudget(db, clock, quota.Name("trello", string(cfg.Trello.Token)), cfg.TrelloBudget)))
		in.mirrors = append(in.mirrors, workflows.JobTrelloCard)
		in.states = append(in.states, web.Integration{Name: "trello", On: true, Target: "board " + cfg.Trello.BoardID})
	} else {
		in.states = append(in.states, web.Integration{Name: "trello",
			Missing: []string{"REGISTRAR_TRELLO_KEY", "REGISTRAR_TRELLO_TOKEN", "REGISTRAR_TRELLO_BOARD_ID"}})
	}
	return in, nil
}

// mailClient is httpClient keeping an idle connection for every send that
// may be in flight: with the default two per host, most sends would dial
// Mailgun anew (a TLS handshake each) and drop the connection after.
func mailClient(c *http.Client) *http.Client {
	if c.Transport != nil {
		return c
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = mailWorkers * mailSends
	mc := *c
	mc.Transport = t
	return &mc
}

// devMailbox reports whether email goes to the dev mailbox.
func (in *integrations) devMailbox() bool {
	_, ok := in.mailer.(*devmail.Mailer)
	return ok
}

// register gives the runner a worker per target.
func (in *integrations) register(runner *jobs.Runner, db *sqlstore.DB, clock workflows.Clock, mailRetry time.Duration,
	renderer workflows.EmailRenderer, reminders *workflows.Reminders) {
	if mailRetry <= 0 {
		mailRetry = 10 * time.Second
	}
	delivery := &workflows.Delivery{Store: db, Mailer: in.mailer, Batch: in.batch, Clock: clock, Emails: renderer, Parallel: mailSends}
	// Mailgun reports an accepted message some seconds late, so a retry
	// waits long enough for the look-before-resending to see it. The longest
	// wait scales with the first (a minute by default), so that a shorter
	// mailRetry shortens every wait, not only the first few.
	runner.RegisterBatch(workflows.JobSendEmail, mailBatch, delivery.SendAll, jobs.WithBackoff(mailRetry, 6*mailRetry), jobs.WithConcurrency(mailWorkers))
	// A batch is one call for up to 1,000 people: the same patient backoff,
	// so the look-up before a resend sees an accepted batch.
	runner.Register(workflows.JobSendBatch, 1, workflows.OneAtATime(reminders.SendBatch), jobs.WithBackoff(mailRetry, 6*mailRetry), jobs.WithConcurrency(2))
	sync := &workflows.Sync{Store: db, Sheets: in.sheet, Board: in.board}
	if in.sheet != nil {
		runner.Register(workflows.JobSheetRow, sheetBatch, sync.Rows)
		runner.Register(workflows.JobSheetErase, sheetBatch, sync.EraseRows)
	}
	if in.board != nil {
		runner.Register(workflows.JobTrelloCard, 1, workflows.OneAtATime(sync.Card))
		runner.Register(workflows.JobTrelloErase, 1, workflows.OneAtATime(sync.EraseCard))
	}
}

// log says which integrations are on.
func (in *integrations) log(log *slog.Logger) {
	for _, st := range in.states {
		log.Info("integration", "name", st.Name, "on", st.On, "state", st.Summary())
	}
}
