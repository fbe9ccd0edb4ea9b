package sqlstore

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// openGroupTest opens a fresh SQLite database with a table of numbered rows.
func openGroupTest(t *testing.T, path string) *DB {
	t.Helper()
	d, err := Open(t.Context(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.inTx(t.Context(), func(tx *tx) error {
		_, err := tx.exec(t.Context(), `CREATE TABLE IF NOT EXISTS gc (k TEXT PRIMARY KEY, v INTEGER NOT NULL)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return d
}

func put(ctx context.Context, d *DB, k string, v int) error {
	return d.inTx(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `INSERT INTO gc (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v`, k, v)
		return err
	})
}

func keys(t *testing.T, d *DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	err := d.view(t.Context(), func(tx *tx) error {
		rows, err := tx.query(t.Context(), `SELECT k, v FROM gc`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				k string
				v int
			)
			if err := rows.Scan(&k, &v); err != nil {
				return err
			}
			out[k] = v
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// batchBehind holds the writer's turn with an open transaction until release
// is closed, so that the requests started meanwhile share the next commit.
func batchBehind(t *testing.T, d *DB, release chan struct{}) <-chan error {
	t.Helper()
	done := make(chan error, 1)
	started := make(chan struct{})
	go func() {
		done <- d.inTx(t.Context(), func(tx *tx) error {
			close(started)
			<-release
			_, err := tx.exec(t.Context(), `INSERT INTO gc (k, v) VALUES ('holder', 1)`)
			return err
		})
	}()
	<-started
	return done
}

func waitWaiting(t *testing.T, d *DB, n int32) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); d.writer.waiting.Load() < n; {
		if time.Now().After(deadline) {
			t.Fatalf("%d callers waiting, want %d", d.writer.waiting.Load(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestGroupCommitFailingRequestRollsBackAlone(t *testing.T) {
	d := openGroupTest(t, filepath.Join(t.TempDir(), "gc.db"))
	release := make(chan struct{})
	holder := batchBehind(t, d, release)
	before := d.writer.commits.Load()

	errBoom := errors.New("boom")
	ctx, cancel := context.WithCancel(t.Context())
	reqs := map[string]func() error{
		"ok1": func() error { return put(t.Context(), d, "ok1", 1) },
		"failing": func() error {
			return d.inTx(t.Context(), func(tx *tx) error {
				if _, err := tx.exec(t.Context(), `INSERT INTO gc (k, v) VALUES ('failing', 1)`); err != nil {
					return err
				}
				return errBoom // after writing: the savepoint must undo the row
			})
		},
		"duplicate": func() error { // a constraint violation half-way
			return d.inTx(t.Context(), func(tx *tx) error {
				if _, err := tx.exec(t.Context(), `INSERT INTO gc (k, v) VALUES ('dup-first', 1)`); err != nil {
					return err
				}
				_, err := tx.exec(t.Context(), `INSERT INTO gc (k, v) VALUES ('holder', 2)`)
				return err
			})
		},
		"cancelled": func() error { // its client went away while it ran
			return d.inTx(ctx, func(tx *tx) error {
				if _, err := tx.exec(ctx, `INSERT INTO gc (k, v) VALUES ('cancelled', 1)`); err != nil {
					return err
				}
				cancel()
				_, err := tx.exec(ctx, `INSERT INTO gc (k, v) VALUES ('cancelled-2', 1)`)
				return err
			})
		},
		"panicking": func() (err error) {
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("panicked: %v", p)
				}
			}()
			return d.inTx(t.Context(), func(tx *tx) error {
				if _, err := tx.exec(t.Context(), `INSERT INTO gc (k, v) VALUES ('panicking', 1)`); err != nil {
					return err
				}
				panic("bug")
			})
		},
		"ok2": func() error { return put(t.Context(), d, "ok2", 2) },
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs = map[string]error{}
	)
	for name, fn := range reqs {
		wg.Go(func() {
			err := fn()
			mu.Lock()
			errs[name] = err
			mu.Unlock()
		})
	}
	waitWaiting(t, d, int32(len(reqs)))
	close(release)
	wg.Wait()
	if err := <-holder; err != nil {
		t.Fatalf("holder: %v", err)
	}
	for name, err := range errs {
		failing := name == "failing" || name == "duplicate" || name == "cancelled" || name == "panicking"
		if failing != (err != nil) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	if !errors.Is(errs["failing"], errBoom) || !errors.Is(errs["cancelled"], context.Canceled) {
		t.Errorf("errors: failing %v, cancelled %v", errs["failing"], errs["cancelled"])
	}
	got := keys(t, d)
	want := map[string]int{"holder": 1, "ok1": 1, "ok2": 2}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows = %v, want %v", got, want)
	}
	// The requests that queued behind the holder joined its open batch.
	if n := d.writer.commits.Load() - before; n != 1 {
		t.Errorf("%d commits, want 1 (the requests that queued share it)", n)
	}
}

// A person's writes land in the order they were made, and each is visible
// to reads once answered, whatever else shares the commits.
func TestGroupCommitKeepsOrderAndReadsOwnWrites(t *testing.T) {
	d := openGroupTest(t, filepath.Join(t.TempDir(), "gc.db"))
	ctx, stop := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for n := 0; ctx.Err() == nil; n++ {
				_ = put(ctx, d, fmt.Sprintf("noise-%d-%d", i, n%10), n)
			}
		})
	}
	for v := 1; v <= 50; v++ {
		if err := put(t.Context(), d, "mine", v); err != nil {
			t.Fatal(err)
		}
		var got int
		if err := d.view(t.Context(), func(tx *tx) error {
			return tx.queryRow(t.Context(), `SELECT v FROM gc WHERE k = 'mine'`).Scan(&got)
		}); err != nil {
			t.Fatal(err)
		}
		if got != v {
			t.Fatalf("after writing %d, a read sees %d", v, got)
		}
	}
	stop()
	wg.Wait()
}

// A process killed between (or during) batches loses nothing it answered:
// the child prints a key only after InTx returned nil; the parent kills it
// mid-load and finds every printed key.
func TestGroupCommitSurvivesKill(t *testing.T) {
	if path := os.Getenv("GROUPCOMMIT_CHILD_DB"); path != "" {
		groupCommitChild(t, path)
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "gc.db")
	openGroupTest(t, path).Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestGroupCommitSurvivesKill$", "-test.v")
	cmd.Env = append(os.Environ(), "GROUPCOMMIT_CHILD_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	answered := map[string]bool{}
	sc := bufio.NewScanner(out)
	for sc.Scan() && len(answered) < 2000 {
		if k, ok := strings.CutPrefix(sc.Text(), "answered "); ok {
			answered[k] = true
		}
	}
	_ = cmd.Process.Kill()
	for sc.Scan() { // what was printed before the kill counts too
		if k, ok := strings.CutPrefix(sc.Text(), "answered "); ok {
			answered[k] = true
		}
	}
	_ = cmd.Wait()
	if len(answered) < 2000 {
		t.Fatalf("child answered only %d writes", len(answered))
	}
	got := keys(t, openGroupTest(t, path))
	for k := range answered {
		if _, ok := got[k]; !ok {
			t.Errorf("answered %s is missing after the kill", k)
		}
	}
}

func groupCommitChild(t *testing.T, path string) {
	d := openGroupTest(t, path)
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	w := bufio.NewWriter(os.Stdout)
	for i := range 32 {
		wg.Go(func() {
			for n := 0; ; n++ {
				k := fmt.Sprintf("k%d-%d", i, n)
				if err := put(context.Background(), d, k, n); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				fmt.Fprintln(w, "answered", k)
				w.Flush()
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}
