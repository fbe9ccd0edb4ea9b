package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportWarnings(t *testing.T) {
	tests := []struct {
		name, log, want string
	}{
		{"quiet run", "", ""},
		{"two warnings", "level=WARN msg=\"job failed, will retry\" job_key=a\nlevel=ERROR msg=\"job runner\"\n",
			"registrar logged 2 warnings and errors, first:\n  level=WARN msg=\"job failed, will retry\" job_key=a\n  level=ERROR msg=\"job runner\"\n"},
		{"long line cut", strings.Repeat("x", 400) + "\n",
			"registrar logged 1 warnings and errors, first:\n  " + strings.Repeat("x", 300) + "…\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "registrar.log")
			if err := os.WriteFile(path, []byte(tt.log), 0o600); err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			if err := reportWarnings(&out, path); err != nil || out.String() != tt.want {
				t.Errorf("printed %q, %v; want %q", out.String(), err, tt.want)
			}
		})
	}
}
