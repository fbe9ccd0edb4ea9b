package sheets_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"registrar/integrations/sheets"
	"registrar/integrations/sheets/sheetstest"
	"registrar/workflows"
)

// With a service-account key, requests carry the token the key's token_uri
// hands out, and still go through the caller's client to the endpoint.
func TestNewWithServiceAccount(t *testing.T) {
	tokens := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"fake-token","token_type":"Bearer","expires_in":3600}`))
	}))
	t.Cleanup(tokens.Close)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	account, err := json.Marshal(map[string]string{
		"type":           "service_account",
		"project_id":     "registrar-test",
		"private_key_id": "k1",
		"private_key":    string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		"client_email":   "registrar@registrar-test.iam.gserviceaccount.com",
		"client_id":      "1",
		"token_uri":      tokens.URL,
	})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "key.json")
	if err := os.WriteFile(file, account, 0o600); err != nil {
		t.Fatal(err)
	}

	fake := sheetstest.New(t)
	cfg := sheets.Config{SpreadsheetID: sheetstest.SpreadsheetID, CredentialsFile: file, Endpoint: fake.Endpoint()}
	s, err := sheets.New(t.Context(), cfg, fake.Client(), sheets.WithRate(rate.Inf, 1))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := s.UpsertRows(t.Context(), "students", header, []workflows.SheetRow{row("r1", "Ada", "pending")}); err != nil {
		t.Fatalf("UpsertRows: %v", err)
	}
	if got := fake.LastAuthorization(); got != "Bearer fake-token" {
		t.Errorf("Authorization = %q, want the service account's bearer token", got)
	}
}

func TestNewWithMissingCredentials(t *testing.T) {
	cfg := sheets.Config{SpreadsheetID: "x", CredentialsFile: t.TempDir() + "/missing.json"}
	if _, err := sheets.New(t.Context(), cfg, &http.Client{Timeout: time.Second}); err == nil {
		t.Error("New with a missing credentials file succeeded")
	}
}

func TestConfigEnabled(t *testing.T) {
	tests := []struct {
		cfg  sheets.Config
		want bool
	}{
		{sheets.Config{}, false},
		{sheets.Config{SpreadsheetID: "x"}, false},
		{sheets.Config{SpreadsheetID: "x", CredentialsFile: "key.json"}, true},
		{sheets.Config{SpreadsheetID: "x", Endpoint: "http://localhost:9/"}, true},
		{sheets.Config{CredentialsFile: "key.json"}, false},
	}
	for _, tt := range tests {
		if got := tt.cfg.Enabled(); got != tt.want {
			t.Errorf("%+v.Enabled() = %v, want %v", tt.cfg, got, tt.want)
		}
	}
}
