package web_test

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"registrar/integrations/sqlstore/sqlstoretest"
)

// BenchmarkSignupCreate posts sign-up forms through the whole handler stack
// (middleware, parsing, validation, one transaction, the 303) on real SQLite,
// from parallel clients.
func BenchmarkSignupCreate(b *testing.B) {
	app := newTestApp(b, sqlstoretest.Open(b), 0) // benchmarks measure the default database, SQLite
	var n atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			form := studentForm(set("email", fmt.Sprintf("s%d@example.org", n.Add(1))))
			if w := app.post(b, "/events/big/students", form); w.Code != http.StatusSeeOther {
				b.Fatalf("status %d", w.Code)
			}
		}
	})
}
