package workflows_test

import (
	"fmt"
	"testing"

	"registrar/integrations/sqlstore/sqlstoretest"
)

// BenchmarkSignUp measures one sign-up through the use case on real SQLite:
// validation, the person, the registration, the token, the rendered email
// and its outbox rows in one transaction.
func BenchmarkSignUp(b *testing.B) {
	f := newFixture(b, sqlstoretest.Open(b)) // benchmarks measure the default database, SQLite
	f.event(b, "bench", 10_000, 10)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if _, err := f.signups.SignUp(b.Context(), student("bench", fmt.Sprintf("student%d@example.org", i))); err != nil {
			b.Fatal(err)
		}
	}
}
