package sheets

import (
	"context"
	"fmt"
	"slices"

	sheetsapi "google.golang.org/api/sheets/v4"

	"registrar/workflows"
)

// UpsertRows makes tab hold one row per registration: header is the whole
// owned header row (column A's title first), each row's Values fill the
// columns after A. Rows whose ID is already in column A are rewritten in
// place, owned columns only, in one request; the others are appended in one
// request. Looking the IDs up first makes a retry after an unknown outcome
// rewrite rather than duplicate. Columns to the right of the owned range
// belong to organizers and are never written.
func (s *Sheet) UpsertRows(ctx context.Context, tab string, header []string, rows []workflows.SheetRow) error {
	ctx, unlock, err := s.lock(ctx, tab)
	if err != nil {
		return err
	}
	defer unlock()
	width := ownedWidth(header, rows)
	ids, head, err := s.openTab(ctx, tab, width)
	if err != nil {
		return err
	}
	if k, ok := grownHeader(head, header); ok {
		if err := s.insertColumns(ctx, tab, k, len(header)-k); err != nil {
			return err
		}
	}
	var updates []*sheetsapi.ValueRange
	if !slices.Equal(trimRow(head), trimRow(header)) {
		updates = append(updates, &sheetsapi.ValueRange{Range: rowRange(tab, 1, width), Values: [][]any{cells(header, width)}})
	}
	var appends [][]any
	for _, r := range latestByID(rows) {
		line := cells(append([]string{r.RegistrationID}, r.Values...), width)
		found := false
		for n, id := range ids {
			if n > 0 && id == r.RegistrationID { // n == 0 is the header row
				updates = append(updates, &sheetsapi.ValueRange{Range: rowRange(tab, n+1, width), Values: [][]any{line}})
				found = true
			}
		}
		if !found {
			appends = append(appends, line)
		}
	}
	if len(updates) > 0 {
		err := s.write(ctx, "values.batchUpdate", func() error {
			req := &sheetsapi.BatchUpdateValuesRequest{ValueInputOption: "RAW", Data: updates}
			_, err := s.api.Spreadsheets.Values.BatchUpdate(s.spreadsheetID, req).Context(ctx).Do()
			return err
		})
		if err != nil {
			return fmt.Errorf("update rows in tab %q: %w", tab, err)
		}
	}
	if len(appends) > 0 {
		err := s.write(ctx, "values.append", func() error {
			_, err := s.api.Spreadsheets.Values.Append(s.spreadsheetID, quoteTab(tab)+"!A1", &sheetsapi.ValueRange{Values: appends}).
				ValueInputOption("RAW").InsertDataOption("INSERT_ROWS").Context(ctx).Do()
			return err
		})
		if err != nil {
			return fmt.Errorf("append %d rows to tab %q: %w", len(appends), tab, err)
		}
	}
	return nil
}

// DeleteRows removes every row of tab whose column A holds one of ids, in one
// request, bottom-up so that each deletion leaves the others' indexes valid.
// A missing tab or ID is not an error: erasing twice is erasing.
func (s *Sheet) DeleteRows(ctx context.Context, tab string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	ctx, unlock, err := s.lock(ctx, tab)
	if err != nil {
		return err
	}
	defer unlock()
	sheetID, ok, err := s.findTab(ctx, tab)
	if err != nil || !ok {
		return err
	}
	col, _, err := s.readTab(ctx, tab, 1)
	if err != nil {
		return err
	}
	var doomed []int64 // zero-based row indexes, largest first
	for n := len(col) - 1; n > 0; n-- {
		if slices.Contains(ids, col[n]) {
			doomed = append(doomed, int64(n))
		}
	}
	if len(doomed) == 0 {
		return nil
	}
	reqs := make([]*sheetsapi.Request, 0, len(doomed))
	for _, n := range doomed {
		reqs = append(reqs, &sheetsapi.Request{DeleteDimension: &sheetsapi.DeleteDimensionRequest{
			Range: &sheetsapi.DimensionRange{SheetId: sheetID, Dimension: "ROWS", StartIndex: n, EndIndex: n + 1},
		}})
	}
	err = s.write(ctx, "spreadsheets.batchUpdate", func() error {
		_, err := s.api.Spreadsheets.BatchUpdate(s.spreadsheetID, &sheetsapi.BatchUpdateSpreadsheetRequest{Requests: reqs}).Context(ctx).Do()
		return err
	})
	if err != nil {
		return fmt.Errorf("delete %d rows from tab %q: %w", len(doomed), tab, err)
	}
	return nil
}

// latestByID keeps the last row given for each ID, in first-seen order.
func latestByID(rows []workflows.SheetRow) []workflows.SheetRow {
	at := map[string]int{}
	var out []workflows.SheetRow
	for _, r := range rows {
		if i, seen := at[r.RegistrationID]; seen {
			out[i] = r
			continue
		}
		at[r.RegistrationID] = len(out)
		out = append(out, r)
	}
	return out
}

// ownedWidth is the number of columns we own: the header's, or more when a
// row carries more values.
func ownedWidth(header []string, rows []workflows.SheetRow) int {
	w := max(len(header), 1)
	for _, r := range rows {
		w = max(w, 1+len(r.Values))
	}
	return w
}

// cells pads values with blanks to width, so a shorter row clears the owned
// cells it no longer uses.
func cells(values []string, width int) []any {
	out := make([]any, width)
	for i := range out {
		out[i] = ""
		if i < len(values) {
			out[i] = values[i]
		}
	}
	return out
}

func trimRow(row []string) []string {
	for len(row) > 0 && row[len(row)-1] == "" {
		row = row[:len(row)-1]
	}
	return row
}
