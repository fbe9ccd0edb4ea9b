package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"time"

	"registrar/integrations/trello"
)

func cmdTrelloRegisterWebhook(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("registrar trello register-webhook", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stdout, "Usage: registrar trello register-webhook\n\nAsks Trello to post the board's card moves to REGISTRAR_BASE_URL/webhooks/trello.\n"+
			"Registrar must be serving at that public URL: Trello checks it with a HEAD request first.")
	}
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	if !cfg.Trello.Enabled() {
		return usageError{"Trello is not configured: set REGISTRAR_TRELLO_KEY, REGISTRAR_TRELLO_TOKEN and REGISTRAR_TRELLO_BOARD_ID"}
	}
	if cfg.Trello.Secret == "" {
		return usageError{"set REGISTRAR_TRELLO_SECRET (the app secret Trello signs webhooks with): without it every webhook is refused"}
	}
	board := trello.New(cfg.Trello, &http.Client{Timeout: 30 * time.Second})
	url := trelloCallbackURL(cfg)
	if err := board.RegisterWebhook(ctx, url, "Registrar: card moves change registrations"); err != nil {
		return fmt.Errorf("register the Trello webhook: %w", err)
	}
	fmt.Fprintf(stdout, "Trello posts board %s's actions to %s\n", cfg.Trello.BoardID, url)
	return nil
}
