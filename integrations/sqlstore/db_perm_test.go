package sqlstore_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"registrar/integrations/sqlstore"
)

// TestSQLiteFilesPrivate: the database holds personal data and live
// sessions, so its file and the directory made for it are the owner's only,
// whatever the umask.
func TestSQLiteFilesPrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "registrar.db")
	openSQLiteFile(t, path)
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600, path + "-wal": 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", filepath.Base(p), got, want)
		}
	}
}

// TestSQLiteNewFileSettings checks the settings a new file must get before
// anything fixes them: 2 KB pages, then WAL (which fixes the page size, so
// the driver must not turn it on first), and that a file made with other
// pages still opens with them.
func TestSQLiteNewFileSettings(t *testing.T) {
	settings := func(t *testing.T, path string) (pageSize int, mode string) {
		t.Helper()
		db := openSQLiteFile(t, path)
		if err := db.SQL().QueryRowContext(t.Context(), `PRAGMA page_size`).Scan(&pageSize); err != nil {
			t.Fatal(err)
		}
		if err := db.SQL().QueryRowContext(t.Context(), `PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		return pageSize, mode
	}
	if size, mode := settings(t, filepath.Join(t.TempDir(), "new.db")); size != 2048 || mode != "wal" {
		t.Errorf("new file: %d-byte pages in %s mode, want 2048 in wal", size, mode)
	}

	old := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+old+"?_pragma=page_size(4096)&_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(t.Context(), `CREATE TABLE before_us (x)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if size, mode := settings(t, old); size != 4096 || mode != "wal" {
		t.Errorf("existing file: %d-byte pages in %s mode, want its 4096 in wal", size, mode)
	}
}

// openSQLiteFile opens and migrates the SQLite database at path, closed
// when the test ends.
func openSQLiteFile(t *testing.T, path string) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.Open(t.Context(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return db
}
