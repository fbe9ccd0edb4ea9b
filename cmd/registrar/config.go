package main

import (
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// Config is every setting, read once from REGISTRAR_* variables.
type Config struct {
	Addr            string
	DatabaseURL     string
	BaseURL         string
	MailFrom        string
	SignupRateLimit int
	TrustedProxies  []netip.Prefix
	LogLevel        string
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
		{"REGISTRAR_TRUSTED_PROXIES", "", "comma-separated addresses or CIDRs whose X-Forwarded-For is trusted"},
		{"REGISTRAR_LOG_LEVEL", "info", "debug, info, warn or error"},
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
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
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
	c := Config{Addr: env["REGISTRAR_ADDR"], DatabaseURL: env["REGISTRAR_DATABASE_URL"], MailFrom: env["REGISTRAR_MAIL_FROM"]}
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
	for _, p := range strings.Split(env["REGISTRAR_TRUSTED_PROXIES"], ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		prefix, err := parsePrefix(p)
		if err != nil {
			problems = append(problems, fmt.Sprintf("REGISTRAR_TRUSTED_PROXIES: %q is not an address or CIDR", p))
			continue
		}
		c.TrustedProxies = append(c.TrustedProxies, prefix)
	}
	switch c.LogLevel = env["REGISTRAR_LOG_LEVEL"]; c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		problems = append(problems, "REGISTRAR_LOG_LEVEL must be debug, info, warn or error")
	}
	if len(problems) > 0 {
		return c, fmt.Errorf("configuration:\n  %s", strings.Join(problems, "\n  "))
	}
	return c, nil
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
