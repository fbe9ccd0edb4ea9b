package sheets

import (
	"context"
	"fmt"
	"slices"

	sheetsapi "google.golang.org/api/sheets/v4"
)

// grownHeader reports whether the owned header has grown since the tab was
// set up and the organizers' columns sit where the new owned columns go:
// head (the tab's header row) equals header's first k cells (2 ≤ k < len),
// and the cells in the new slots [k, len) hold something that is not one of
// our new names. Blank new slots mean there is room (or that an earlier
// insert succeeded and only the header write failed: a retry inserts no
// second time). A new name in those slots means the tail still lines up,
// which is a renamed middle column, not growth: the header is rewritten in
// place and nothing moves.
func grownHeader(head, header []string) (int, bool) {
	k := 0
	for k < len(head) && k < len(header) && head[k] == header[k] {
		k++
	}
	if k < 2 || k >= len(header) {
		return 0, false
	}
	filled := false
	for _, c := range head[k:min(len(head), len(header))] {
		if slices.Contains(header[k:], c) {
			return 0, false
		}
		filled = filled || c != ""
	}
	return k, filled
}

// insertColumns inserts n blank columns before the zero-based column at, so
// the columns from there on move right intact (formatting from the left).
func (s *Sheet) insertColumns(ctx context.Context, tab string, at, n int) error {
	sheetID, ok, err := s.findTab(ctx, tab)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("insert columns in tab %q: the tab is gone", tab)
	}
	req := &sheetsapi.BatchUpdateSpreadsheetRequest{Requests: []*sheetsapi.Request{{
		InsertDimension: &sheetsapi.InsertDimensionRequest{
			Range: &sheetsapi.DimensionRange{SheetId: sheetID, Dimension: "COLUMNS",
				StartIndex: int64(at), EndIndex: int64(at + n)},
			InheritFromBefore: true,
		},
	}}}
	err = s.write(ctx, "spreadsheets.batchUpdate", func() error {
		_, err := s.api.Spreadsheets.BatchUpdate(s.spreadsheetID, req).Context(ctx).Do()
		return err
	})
	if err != nil {
		return fmt.Errorf("insert %d columns in tab %q: %w", n, tab, err)
	}
	return nil
}
