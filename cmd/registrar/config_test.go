package main

import (
	"strings"
	"testing"
)

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name    string
		env     []string
		wantErr string
		check   func(t *testing.T, c Config)
	}{
		{name: "defaults", check: func(t *testing.T, c Config) {
			if c.Addr != "127.0.0.1:8080" || c.DatabaseURL != "sqlite:data/registrar.db" || c.BaseURL != "http://localhost:8080" || c.SignupRateLimit != 60 || c.LoginRateLimit != 60 {
				t.Errorf("defaults = %+v", c)
			}
		}},
		{name: "overrides", env: []string{"REGISTRAR_ADDR=:9000", "REGISTRAR_DATABASE_URL=postgres://u@h/db",
			"REGISTRAR_BASE_URL=https://reg.example.org/", "REGISTRAR_SIGNUP_RATE_LIMIT=0", "REGISTRAR_LOGIN_RATE_LIMIT=5", "REGISTRAR_TRUSTED_PROXIES=10.0.0.0/8, 192.0.2.1",
			"REGISTRAR_METRICS_ALLOW=10.9.0.0/16,2001:db8::7"},
			check: func(t *testing.T, c Config) {
				if c.Addr != ":9000" || c.BaseURL != "https://reg.example.org" || c.SignupRateLimit != 0 || c.LoginRateLimit != 5 || len(c.TrustedProxies) != 2 ||
					len(c.MetricsAllow) != 2 || c.MetricsAllow[1].Bits() != 128 {
					t.Errorf("config = %+v", c)
				}
			}},
		{name: "unrelated variables are ignored", env: []string{"HOME=/root", "REGISTRAR_TEST_DATABASE_URL=postgres://x"}},
		{name: "unknown setting", env: []string{"REGISTRAR_DATABSE_URL=sqlite:x"}, wantErr: "REGISTRAR_DATABSE_URL is not a setting"},
		{name: "bad database", env: []string{"REGISTRAR_DATABASE_URL=mysql://x"}, wantErr: "REGISTRAR_DATABASE_URL must start with"},
		{name: "relative base URL", env: []string{"REGISTRAR_BASE_URL=localhost:8080"}, wantErr: "REGISTRAR_BASE_URL must be an absolute"},
		{name: "negative rate limit", env: []string{"REGISTRAR_SIGNUP_RATE_LIMIT=-1"}, wantErr: "REGISTRAR_SIGNUP_RATE_LIMIT"},
		{name: "rate limit not a number", env: []string{"REGISTRAR_SIGNUP_RATE_LIMIT=lots"}, wantErr: "REGISTRAR_SIGNUP_RATE_LIMIT"},
		{name: "negative login rate limit", env: []string{"REGISTRAR_LOGIN_RATE_LIMIT=-1"}, wantErr: "REGISTRAR_LOGIN_RATE_LIMIT"},
		{name: "bad proxy", env: []string{"REGISTRAR_TRUSTED_PROXIES=proxy.local"}, wantErr: `"proxy.local" is not an address`},
		{name: "bad metrics network", env: []string{"REGISTRAR_METRICS_ALLOW=prometheus"}, wantErr: `REGISTRAR_METRICS_ALLOW: "prometheus" is not an address`},
		{name: "bad log level", env: []string{"REGISTRAR_LOG_LEVEL=loud"}, wantErr: "REGISTRAR_LOG_LEVEL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadConfig(tt.env)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to say %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

// TestGOGCFromTheEnvironmentWins: serve sets its own collector pace only when
// the operator did not set GOGC.
func TestGOGCFromTheEnvironmentWins(t *testing.T) {
	for _, tt := range []struct {
		env  []string
		want bool
	}{
		{nil, false},
		{[]string{"GOGC="}, false},
		{[]string{"GOGC=50"}, true},
		{[]string{"GOGC=off", "REGISTRAR_ADDR=127.0.0.1:9000"}, true},
	} {
		c, err := LoadConfig(tt.env)
		if err != nil {
			t.Fatal(err)
		}
		if c.GOGCSet != tt.want {
			t.Errorf("%q: GOGCSet = %v, want %v", tt.env, c.GOGCSet, tt.want)
		}
	}
}
