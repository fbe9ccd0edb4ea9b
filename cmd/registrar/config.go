package main

import (
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"registrar/integrations/mailgun"
	"registrar/integrations/quota"
	"registrar/integrations/sheets"
	"registrar/integrations/trello"
	"registrar/integrations/vendorapi"
)

// Config is every setting, read once from REGISTRAR_* variables.
type Config struct {
	Addr            string
	DatabaseURL     string
	BaseURL         string
	MailFrom        string
	SignupRateLimit int
	LoginRateLimit  int
	TrustedProxies  []netip.Prefix
	MetricsAllow    []netip.Prefix
	LogLevel        string
	Sheets          sheets.Config
	Trello          trello.Config
	Mailgun         mailgun.Config
	// TrelloBudget and SheetsBudget are shared by every instance on the
	// database: Trello's per token, Sheets' reads and writes each.
	TrelloBudget quota.Rate
	SheetsBudget quota.Rate
	// GOGCSet says the operator chose the collector's pace with GOGC; when
	// not, serve sets its own (serveGCPercent).
	GOGCSet bool
}

type setting struct{ name, def, help string }

// settings documents each variable; LoadConfig rejects any other REGISTRAR_ name.
func settings() []setting {
	return []setting{
		{"REGISTRAR_ADDR", "127.0.0.1:8080", "address to listen on"},
		{"REGISTRAR_DATABASE_URL", "sqlite:data/registrar.db", "sqlite:PATH or postgres://…"},
		{"REGISTRAR_BASE_URL", "http://localhost:8080", "public URL, used in emailed links"},
		{"REGISTRAR_MAIL_FROM", "Registrar <registrar@localhost>", "sender of every email"},
		{"REGISTRAR_SIGNUP_RATE_LIMIT", "60", "public form posts per minute per client address; 0 turns the limit off"},
		{"REGISTRAR_LOGIN_RATE_LIMIT", "60", "sign-in requests per minute per client address; 0 turns the limit off"},
		{"REGISTRAR_TRUSTED_PROXIES", "", "comma-separated addresses or CIDRs whose X-Forwarded-For is trusted"},
		{"REGISTRAR_METRICS_ALLOW", "", "comma-separated addresses or CIDRs that may scrape /metrics, besides this machine"},
		{"REGISTRAR_LOG_LEVEL", "info", "debug, info, warn or error"},
		{"REGISTRAR_SHEETS_SPREADSHEET_ID", "", "the spreadsheet registrations are mirrored to"},
		{"REGISTRAR_SHEETS_CREDENTIALS", "", "service-account JSON key file with access to the spreadsheet"},
		{"REGISTRAR_SHEETS_ENDPOINT", "", "Sheets API base override, e.g. http://127.0.0.1:9001/ (no auth without credentials)"},
		{"REGISTRAR_TRELLO_KEY", "", "Trello API key"},
		{"REGISTRAR_TRELLO_TOKEN", "", "Trello token with write access to the board"},
		{"REGISTRAR_TRELLO_BOARD_ID", "", "the board registrations are mirrored to"},
		{"REGISTRAR_TRELLO_API_BASE", "", "Trello API base override, e.g. http://127.0.0.1:9002/1"},
		{"REGISTRAR_TRELLO_SECRET", "", "Trello app secret that signs webhooks"},
		{"REGISTRAR_TRELLO_BUDGET", "88/10s", "Trello requests per window per token, shared by every instance on the database (Trello allows 100/10s)"},
		{"REGISTRAR_SHEETS_BUDGET", "59/1m", "Sheets reads, and writes, per window, each shared by every instance on the database (Google allows 60/1m)"},
		{"REGISTRAR_MAILGUN_DOMAIN", "", "Mailgun sending domain"},
		{"REGISTRAR_MAILGUN_API_KEY", "", "Mailgun API key"},
		{"REGISTRAR_MAILGUN_API_BASE", "", "Mailgun API base override, e.g. https://api.eu.mailgun.net or http://127.0.0.1:9003"},
		{"REGISTRAR_MAILGUN_WEBHOOK_KEY", "", "Mailgun webhook signing key"},
	}
}

// LoadConfig reads the environment. Every problem is reported at once, each
// saying what to fix.
func LoadConfig(environ []string) (Config, error) {
	env := map[string]string{}
	var problems []string
	known := map[string]bool{}
	for _, s := range settings() {
		known[s.name] = true
		env[s.name] = s.def
	}
	gogc := false
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		gogc = gogc || name == "GOGC" && value != ""
		if !strings.HasPrefix(name, "REGISTRAR_") || strings.HasPrefix(name, "REGISTRAR_TEST_") {
			continue
		}
		if !known[name] {
			problems = append(problems, fmt.Sprintf("%s is not a setting Registrar knows: remove it or fix its name (see README)", name))
			continue
		}
		if value != "" {
			env[name] = value
		}
	}
	c := Config{Addr: env["REGISTRAR_ADDR"], DatabaseURL: env["REGISTRAR_DATABASE_URL"], MailFrom: env["REGISTRAR_MAIL_FROM"], GOGCSet: gogc}
	if !strings.HasPrefix(c.DatabaseURL, "sqlite:") && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		problems = append(problems, "REGISTRAR_DATABASE_URL must start with sqlite: or postgres://")
	}
	base, err := url.Parse(env["REGISTRAR_BASE_URL"])
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		problems = append(problems, "REGISTRAR_BASE_URL must be an absolute http(s) URL such as https://registrar.example.org")
	} else {
		c.BaseURL = strings.TrimRight(base.String(), "/")
	}
	if n, err := strconv.Atoi(env["REGISTRAR_SIGNUP_RATE_LIMIT"]); err != nil || n < 0 {
		problems = append(problems, "REGISTRAR_SIGNUP_RATE_LIMIT must be a whole number ≥ 0 (0 turns the limit off)")
	} else {
		c.SignupRateLimit = n
	}
	if n, err := strconv.Atoi(env["REGISTRAR_LOGIN_RATE_LIMIT"]); err != nil || n < 0 {
		problems = append(problems, "REGISTRAR_LOGIN_RATE_LIMIT must be a whole number ≥ 0 (0 turns the limit off)")
	} else {
		c.LoginRateLimit = n
	}
	var bad []string
	c.TrustedProxies, bad = parsePrefixes("REGISTRAR_TRUSTED_PROXIES", env["REGISTRAR_TRUSTED_PROXIES"])
	problems = append(problems, bad...)
	c.MetricsAllow, bad = parsePrefixes("REGISTRAR_METRICS_ALLOW", env["REGISTRAR_METRICS_ALLOW"])
	problems = append(problems, bad...)
	switch c.LogLevel = env["REGISTRAR_LOG_LEVEL"]; c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		problems = append(problems, "REGISTRAR_LOG_LEVEL must be debug, info, warn or error")
	}
	problems = append(problems, c.loadIntegrations(env)...)
	if len(problems) > 0 {
		return c, fmt.Errorf("configuration:\n  %s", strings.Join(problems, "\n  "))
	}
	return c, nil
}

// parsePrefixes reads a comma-separated list of addresses and CIDRs, with a
// problem for each entry that is neither.
func parsePrefixes(name, list string) (out []netip.Prefix, problems []string) {
	for _, p := range strings.Split(list, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		prefix, err := parsePrefix(p)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %q is not an address or CIDR", name, p))
			continue
		}
		out = append(out, prefix)
	}
	return out, problems
}

func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		return netip.ParsePrefix(s)
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// loadIntegrations reads the optional integrations. One that is half set up
// is a mistake worth stopping for, not a silent "off".
func (c *Config) loadIntegrations(env map[string]string) []string {
	c.Sheets = sheets.Config{SpreadsheetID: env["REGISTRAR_SHEETS_SPREADSHEET_ID"],
		CredentialsFile: env["REGISTRAR_SHEETS_CREDENTIALS"], Endpoint: env["REGISTRAR_SHEETS_ENDPOINT"]}
	c.Trello = trello.Config{Key: env["REGISTRAR_TRELLO_KEY"], Token: vendorapi.Secret(env["REGISTRAR_TRELLO_TOKEN"]),
		BoardID: env["REGISTRAR_TRELLO_BOARD_ID"], APIBase: env["REGISTRAR_TRELLO_API_BASE"], Secret: vendorapi.Secret(env["REGISTRAR_TRELLO_SECRET"])}
	c.Mailgun = mailgun.Config{Domain: env["REGISTRAR_MAILGUN_DOMAIN"], APIKey: vendorapi.Secret(env["REGISTRAR_MAILGUN_API_KEY"]),
		APIBase: env["REGISTRAR_MAILGUN_API_BASE"], WebhookKey: vendorapi.Secret(env["REGISTRAR_MAILGUN_WEBHOOK_KEY"]), From: c.MailFrom}
	var problems []string
	for _, b := range []struct {
		name string
		to   *quota.Rate
	}{{"REGISTRAR_TRELLO_BUDGET", &c.TrelloBudget}, {"REGISTRAR_SHEETS_BUDGET", &c.SheetsBudget}} {
		r, err := quota.ParseRate(env[b.name])
		if err != nil {
			problems = append(problems, b.name+" must be calls/window such as 88/10s (a whole number ≥ 1, a Go duration)")
			continue
		}
		*b.to = r
	}
	partial := func(name string, set []string, need string) {
		n := 0
		for _, v := range set {
			if env[v] != "" {
				n++
			}
		}
		if n > 0 && n < len(set) {
			problems = append(problems, fmt.Sprintf("%s is half configured: set %s (or none of them)", name, need))
		}
	}
	if env["REGISTRAR_SHEETS_SPREADSHEET_ID"] == "" && (env["REGISTRAR_SHEETS_CREDENTIALS"] != "" || env["REGISTRAR_SHEETS_ENDPOINT"] != "") {
		problems = append(problems, "Google Sheets is half configured: set REGISTRAR_SHEETS_SPREADSHEET_ID too")
	}
	if env["REGISTRAR_SHEETS_SPREADSHEET_ID"] != "" && !c.Sheets.Enabled() {
		problems = append(problems, "Google Sheets is half configured: set REGISTRAR_SHEETS_CREDENTIALS (a service-account key file)")
	}
	partial("Trello", []string{"REGISTRAR_TRELLO_KEY", "REGISTRAR_TRELLO_TOKEN", "REGISTRAR_TRELLO_BOARD_ID"},
		"REGISTRAR_TRELLO_KEY, REGISTRAR_TRELLO_TOKEN and REGISTRAR_TRELLO_BOARD_ID")
	partial("Mailgun", []string{"REGISTRAR_MAILGUN_DOMAIN", "REGISTRAR_MAILGUN_API_KEY"},
		"REGISTRAR_MAILGUN_DOMAIN and REGISTRAR_MAILGUN_API_KEY")
	for _, v := range []string{"REGISTRAR_SHEETS_ENDPOINT", "REGISTRAR_TRELLO_API_BASE", "REGISTRAR_MAILGUN_API_BASE"} {
		if raw := env[v]; raw != "" {
			if u, err := url.Parse(raw); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				problems = append(problems, v+" must be an absolute http(s) URL")
			}
		}
	}
	return problems
}
