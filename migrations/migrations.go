// Package migrations embeds the goose SQL migrations. One set serves SQLite
// and PostgreSQL: the DDL sticks to types both understand, and times are
// stored as Unix microseconds so comparisons behave the same on both.
package migrations

import "embed"

//go:embed *.sql
var FS embed.FS
