package sqlstore

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// dialect holds the few things that differ between SQLite and PostgreSQL.
type dialect struct {
	name string
	// forUpdate locks the selected rows; SQLite's single writer already does.
	forUpdate string
	// skipLocked lets several PostgreSQL workers claim different jobs at once.
	skipLocked string
	numbered   bool // $1, $2… instead of ?
	// writableCTEs: a WITH may hold INSERTs, so one statement can write
	// several tables (SQLite's WITH holds only SELECTs).
	writableCTEs bool
}

var (
	sqliteDialect   = dialect{name: "sqlite"}
	postgresDialect = dialect{name: "postgres", forUpdate: " FOR UPDATE", skipLocked: " FOR UPDATE SKIP LOCKED", numbered: true,
		writableCTEs: true}
)

// rebind rewrites ? placeholders as $n for PostgreSQL. Queries never hold a
// literal question mark.
func (d dialect) rebind(q string) string {
	if !d.numbered || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// rebound remembers the queries rebind rewrote, so that PostgreSQL's hot
// statements are rewritten once rather than on every call.
type rebound struct {
	d dialect
	m sync.Map     // query → its rewrite
	n atomic.Int32 // entries, bounded like a connection's prepared statements
}

func (r *rebound) query(q string) string {
	if !r.d.numbered {
		return q
	}
	if v, ok := r.m.Load(q); ok {
		return v.(string)
	}
	b := r.d.rebind(q)
	if r.n.Add(1) <= maxStmts {
		r.m.Store(q, b)
	}
	return b
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// Times are stored as Unix microseconds in UTC; zero means "not set".
func toMicros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromMicros(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// qualified prefixes each column of a list with a table alias, for joins.
func qualified(alias, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = alias + "." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}
