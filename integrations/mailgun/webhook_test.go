package mailgun_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"registrar/integrations/mailgun"
	"registrar/integrations/mailgun/mailguntest"
	"registrar/workflows"
)

func TestVerifyWebhook(t *testing.T) {
	const key = "signing-key"
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	ts := strconv.FormatInt(now.Unix(), 10)
	token := "5a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a"
	good := mailguntest.Sign(key, ts, token)
	at := func(d time.Duration) (string, string) {
		ts := strconv.FormatInt(now.Add(d).Unix(), 10)
		return ts, mailguntest.Sign(key, ts, token)
	}
	oldTS, oldSig := at(-16 * time.Minute)
	futureTS, futureSig := at(16 * time.Minute)
	recentTS, recentSig := at(-14 * time.Minute)
	tests := []struct {
		name, key, timestamp, token, signature string
		want                                   error
	}{
		{"good", key, ts, token, good, nil},
		{"14 minutes old", key, recentTS, token, recentSig, nil},
		{"wrong key", "other", ts, token, good, mailgun.ErrBadSignature},
		{"another token", key, ts, token + "x", good, mailgun.ErrBadSignature},
		{"another timestamp", key, recentTS, token, good, mailgun.ErrBadSignature},
		{"stale", key, oldTS, token, oldSig, mailgun.ErrStale},
		{"from the future", key, futureTS, token, futureSig, mailgun.ErrStale},
		{"empty signature", key, ts, token, "", mailgun.ErrBadSignature},
		{"empty key", "", ts, token, mailguntest.Sign("", ts, token), mailgun.ErrBadSignature},
		{"not hex", key, ts, token, "zz", mailgun.ErrBadSignature},
	}
	for _, tt := range tests {
		err := mailgun.VerifyWebhook(tt.key, tt.timestamp, tt.token, tt.signature, now)
		if !errors.Is(err, tt.want) || (err != nil && workflows.KindOf(err) != workflows.Forbidden) {
			t.Errorf("%s: VerifyWebhook = %v (%v), want %v", tt.name, err, workflows.KindOf(err), tt.want)
		}
	}
}

func TestParseEvent(t *testing.T) {
	at := time.Date(2026, 3, 2, 10, 0, 0, 500_000_000, time.UTC)
	vars := map[string]string{mailgun.VariableEmailID: "e1"}
	tests := []struct {
		name string
		in   mailguntest.WebhookEvent
		want mailgun.Event
	}{
		{"delivered", mailguntest.WebhookEvent{Event: "delivered", MessageID: "20260302.1@mg.example.org",
			Recipient: "ada@example.org", Variables: vars, At: at},
			mailgun.Event{Event: "delivered", MessageID: "20260302.1@mg.example.org", Recipient: "ada@example.org", EmailID: "e1", At: at}},
		{"failed for good", mailguntest.WebhookEvent{Event: "failed", Severity: "permanent", Reason: "bounce",
			MessageID: "<20260302.2@mg.example.org>", Recipient: "bob@example.org", Variables: vars, At: at},
			mailgun.Event{Event: "failed", Severity: "permanent", Reason: "bounce", MessageID: "20260302.2@mg.example.org",
				Recipient: "bob@example.org", EmailID: "e1", At: at}},
		{"complained without variables", mailguntest.WebhookEvent{Event: "complained", MessageID: "m3", Recipient: "cy@example.org", At: at},
			mailgun.Event{Event: "complained", MessageID: "m3", Recipient: "cy@example.org", At: at}},
	}
	for _, tt := range tests {
		got, err := mailgun.ParseEvent(mailguntest.Webhook(mailguntest.WebhookKey, tt.in))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if err := mailgun.VerifyWebhook(mailguntest.WebhookKey, got.Timestamp, got.Token, got.Signature, at.Add(time.Minute)); err != nil {
			t.Errorf("%s: the parsed signature does not verify: %v", tt.name, err)
		}
		got.Timestamp, got.Token, got.Signature = "", "", ""
		if !got.At.Equal(tt.want.At) {
			t.Errorf("%s: At = %v, want %v", tt.name, got.At, tt.want.At)
		}
		got.At = tt.want.At
		if got != tt.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
	for _, bad := range []string{``, `<html>`, `{}`, `{"signature":{"signature":"x"}}`} {
		if _, err := mailgun.ParseEvent([]byte(bad)); workflows.KindOf(err) != workflows.Invalid {
			t.Errorf("ParseEvent(%q) = %v, want invalid", bad, err)
		}
	}
	unsigned := `{"event-data":{"event":"delivered"}}`
	if _, err := mailgun.ParseEvent([]byte(unsigned)); workflows.KindOf(err) != workflows.Forbidden || !errors.Is(err, mailgun.ErrBadSignature) {
		t.Errorf("ParseEvent(%q) = %v, want forbidden: bad signature", unsigned, err)
	}
}

func TestSecretsAreNotPrinted(t *testing.T) {
	cfg := mailgun.Config{Domain: "mg.example.org", APIKey: "key-123", WebhookKey: "whk-456", From: "a@mg.example.org"}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "mailgun", cfg, "key", cfg.APIKey)
	printed := fmt.Sprintf("%v %+v %#v %s %d %q", cfg, cfg, cfg, cfg.APIKey, cfg.APIKey, cfg.WebhookKey)
	for _, out := range []string{logged.String(), printed} {
		if strings.Contains(out, "key-123") || strings.Contains(out, "whk-456") {
			t.Errorf("a secret leaked: %s", out)
		}
	}
}
