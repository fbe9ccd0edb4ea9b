package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"registrar/workflows"
)

// matching is the WHERE clause of a registration query, without paging. The
// search runs over the folded name (sort_name) and address, company and
// projects (search) kept on the registration (fold.go): one table, no join.
func matching(eventID string, q workflows.RegistrationQuery) (string, []any) {
	where, args := []string{"r.event_id = ?"}, []any{eventID}
	if q.Role != "" {
		where, args = append(where, "r.role = ?"), append(args, string(q.Role))
	}
	if q.Status != "" {
		where, args = append(where, "r.status = ?"), append(args, string(q.Status))
	}
	if strings.TrimSpace(q.Search) != "" {
		p := likePattern(strings.TrimSpace(q.Search))
		where = append(where, `(r.sort_name LIKE ? ESCAPE '\' OR r.search LIKE ? ESCAPE '\')`)
		args = append(args, p, p)
	}
	return strings.Join(where, " AND "), args
}

// sortColumn is the column each sort key but status pages by. Sign-up order
// and name walk an index (event_id, column, id): registrations_event_created
// and registrations_event_name. Confirmation time has none since 00071 (its
// bytes on every sign-up, for a rare sort): each page sorts the event's rows.
func sortColumn(k workflows.SortKey) string {
	switch k {
	case workflows.SortConfirmed:
		return "confirmed_at"
	case workflows.SortName:
		return "sort_name"
	}
	return "created_at"
}

// RegistrationPage reads one page by keyset on (sort column, id), walking
// the sort's index; sorted by status, it reads status by status (statusPage).
func (t *tx) RegistrationPage(ctx context.Context, eventID string, q workflows.RegistrationQuery) ([]workflows.RegistrationDetail, error) {
	if q.Sort == workflows.SortStatus {
		return t.statusPage(ctx, eventID, q)
	}
	col := sortColumn(q.Sort)
	cmp, dir := ">", ""
	if q.Desc {
		cmp, dir = "<", " DESC"
	}
	where, args := matching(eventID, q)
	if q.After != "" {
		where += fmt.Sprintf(" AND (r.%[1]s, r.id) %[2]s (SELECT a.%[1]s, a.id FROM registrations a WHERE a.id = ?)", col, cmp)
		args = append(args, q.After)
	}
	return t.detailRows(ctx, where+fmt.Sprintf(" ORDER BY r.%s%s, r.id%s LIMIT ?", col, dir, dir), append(args, q.Limit)...)
}

// statusPage reads a page sorted by status (workflows.StatusSortOrder), then
// sign-up order: one query per status, each walking
// registrations_event_status, until the page is full. A sort expression
// (CASE on the status) would sort every registration of the event per page.
func (t *tx) statusPage(ctx context.Context, eventID string, q workflows.RegistrationQuery) ([]workflows.RegistrationDetail, error) {
	order := workflows.StatusSortOrder()
	cmp, dir := ">", ""
	if q.Desc {
		slices.Reverse(order)
		cmp, dir = "<", " DESC"
	}
	if q.Status != "" {
		order = []workflows.Status{q.Status}
	}
	var after struct {
		status  string
		created int64
	}
	if q.After != "" {
		err := t.queryRow(ctx, `SELECT status, created_at FROM registrations WHERE id = ?`, q.After).Scan(&after.status, &after.created)
		if err != nil {
			return nil, fmt.Errorf("registration page: after %s: %w", q.After, classify(t.d, err))
		}
		i := slices.Index(order, workflows.Status(after.status))
		if i < 0 {
			return nil, nil
		}
		order = order[i:]
	}
	var out []workflows.RegistrationDetail
	for _, st := range order {
		sq := q
		sq.Status = st
		where, args := matching(eventID, sq)
		if q.After != "" && string(st) == after.status {
			where += " AND (r.created_at, r.id) " + cmp + " (?, ?)"
			args = append(args, after.created, q.After)
		}
		rows, err := t.detailRows(ctx, where+" ORDER BY r.created_at"+dir+", r.id"+dir+" LIMIT ?", append(args, q.Limit-len(out))...)
		if err != nil {
			return nil, err
		}
		if out = append(out, rows...); len(out) >= q.Limit {
			break
		}
	}
	return out, nil
}

// detailRows reads registrations with their event and person.
func (t *tx) detailRows(ctx context.Context, where string, args ...any) ([]workflows.RegistrationDetail, error) {
	var out []workflows.RegistrationDetail
	err := t.eachDetail(ctx, where, args, func(d workflows.RegistrationDetail) error {
		out = append(out, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("registration page: %w", err)
	}
	return out, nil
}

// EachRegistration reads the event's registrations through one cursor, in
// the order registrations_event_created keeps them.
func (t *tx) EachRegistration(ctx context.Context, eventID string, fn func(workflows.RegistrationDetail) error) error {
	return t.eachDetail(ctx, `r.event_id = ? ORDER BY r.created_at, r.id`, []any{eventID}, fn)
}

// eachDetail calls fn with each registration the clause selects (WHERE on,
// with its ORDER and LIMIT), with its event and person, as it reads them;
// fn's error is returned as is.
func (t *tx) eachDetail(ctx context.Context, clause string, args []any, fn func(workflows.RegistrationDetail) error) error {
	rows, err := t.query(ctx, `SELECT `+registrationColumns+`, r.withdraw_reason, r.confirmed_at, r.waitlisted_at, `+
		qualified("e", eventColumns)+`, `+qualified("p", personColumns)+`
		FROM registrations r JOIN events e ON e.id = r.event_id JOIN people p ON p.id = r.person_id WHERE `+clause, args...)
	if err != nil {
		return fmt.Errorf("read registrations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			d         workflows.RegistrationDetail
			confirmed int64
			waited    int64
			er        eventRow
			pr        personRow
		)
		dest := append([]any{&d.WithdrawReason, &confirmed, &waited}, append(er.dest(), pr.dest()...)...)
		if d.Registration, err = scanRegistration(rows, dest...); err != nil {
			return fmt.Errorf("scan registration: %w", err)
		}
		if d.Event, err = er.event(); err != nil {
			return err
		}
		d.Confirmed, d.Waitlisted, d.Person = fromMicros(confirmed), fromMicros(waited), pr.person()
		if err := fn(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (t *tx) CountMatching(ctx context.Context, eventID string, q workflows.RegistrationQuery) (int, error) {
	where, args := matching(eventID, q)
	var n int
	err := t.queryRow(ctx, `SELECT COUNT(*) FROM registrations r WHERE `+where, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count registrations: %w", classify(t.d, err))
	}
	return n, nil
}

// waitlistOrder orders as workflows.WaitlistOrder does: by the time the
// registration joined the waitlist, then sign-up order; registrations_queue
// holds it, so the line is read in order without a sort.
const waitlistOrder = `r.waitlisted_at, r.created_at, r.id`

// onWaitlist selects an event's waitlisted registrations of a role. The
// status is written out, not bound: registrations_queue holds only
// waitlisted rows, and a planner uses such a partial index only when the
// query itself says the status.
const onWaitlist = `r.event_id = ? AND r.role = ? AND r.status = 'waitlisted'`

const waitlistQuery = `SELECT r.id FROM registrations r WHERE ` + onWaitlist + ` ORDER BY ` + waitlistOrder

func (t *tx) WaitlistIDs(ctx context.Context, eventID string, role workflows.Role) ([]string, error) {
	ids, err := t.strings(ctx, waitlistQuery, eventID, string(role))
	if err != nil {
		return nil, fmt.Errorf("waitlist: %w", err)
	}
	return ids, nil
}

// WaitlistPlaces walks the queue in order (from its index) and stops at the
// last of ids: a page near the front of the queue reads a few entries, not
// all of them, and nothing is sorted.
func (t *tx) WaitlistPlaces(ctx context.Context, eventID string, role workflows.Role, ids []string) (map[string]int, error) {
	out := map[string]int{}
	if len(ids) == 0 {
		return out, nil
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	rows, err := t.query(ctx, waitlistQuery, eventID, string(role))
	if err != nil {
		return nil, fmt.Errorf("waitlist places: %w", err)
	}
	defer rows.Close()
	for place := 1; len(out) < len(want) && rows.Next(); place++ {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("waitlist places: %w", err)
		}
		if want[id] {
			out[id] = place
		}
	}
	return out, rows.Err()
}
