package sheets

import (
	"context"
	"fmt"
	"strings"

	sheetsapi "google.golang.org/api/sheets/v4"

	"registrar/workflows"
)

// openTab makes sure tab exists and reads its column A and header row. A tab
// we remembered but an organizer has since deleted is looked up afresh once.
func (s *Sheet) openTab(ctx context.Context, tab string, width int) (ids, head []string, err error) {
	for attempt := 0; ; attempt++ {
		if err := s.ensureTab(ctx, tab); err != nil {
			return nil, nil, err
		}
		ids, head, err = s.readTab(ctx, tab, width)
		if err == nil || attempt > 0 || workflows.KindOf(err) != workflows.Invalid {
			return ids, head, err
		}
		delete(s.tabs, tab)
	}
}

// ensureTab creates tab when the spreadsheet lacks it. The header is written
// by the caller, which checks it on every upsert anyway.
func (s *Sheet) ensureTab(ctx context.Context, tab string) error {
	_, ok, err := s.findTab(ctx, tab)
	if err != nil || ok {
		return err
	}
	var sheetID int64
	err = s.write(ctx, "spreadsheets.batchUpdate", func() error {
		req := &sheetsapi.BatchUpdateSpreadsheetRequest{Requests: []*sheetsapi.Request{
			{AddSheet: &sheetsapi.AddSheetRequest{Properties: &sheetsapi.SheetProperties{Title: tab}}},
		}}
		resp, err := s.api.Spreadsheets.BatchUpdate(s.spreadsheetID, req).Context(ctx).Do()
		if err == nil && len(resp.Replies) == 1 && resp.Replies[0].AddSheet != nil {
			sheetID = resp.Replies[0].AddSheet.Properties.SheetId
		}
		return err
	})
	if workflows.KindOf(err) == workflows.Invalid {
		// Most likely another instance added it a moment ago.
		delete(s.tabs, tab)
		if _, ok, ferr := s.findTab(ctx, tab); ferr == nil && ok {
			return nil
		}
	}
	if err != nil {
		return fmt.Errorf("add tab %q: %w", tab, err)
	}
	s.tabs[tab] = sheetID
	return nil
}

// findTab returns tab's sheet ID, listing the spreadsheet's tabs when tab is
// not one we know.
func (s *Sheet) findTab(ctx context.Context, tab string) (int64, bool, error) {
	if id, ok := s.tabs[tab]; ok {
		return id, true, nil
	}
	var got *sheetsapi.Spreadsheet
	err := s.read(ctx, "spreadsheets.get", func() error {
		var err error
		got, err = s.api.Spreadsheets.Get(s.spreadsheetID).Fields("sheets.properties(sheetId,title)").Context(ctx).Do()
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("list tabs: %w", err)
	}
	clear(s.tabs)
	for _, sh := range got.Sheets {
		if sh.Properties != nil {
			s.tabs[sh.Properties.Title] = sh.Properties.SheetId
		}
	}
	id, ok := s.tabs[tab]
	return id, ok, nil
}

// readTab returns column A (index 0 is row 1) and the first width cells of
// the header row, in one request.
func (s *Sheet) readTab(ctx context.Context, tab string, width int) (ids, head []string, err error) {
	var got *sheetsapi.BatchGetValuesResponse
	err = s.read(ctx, "values.batchGet", func() error {
		var err error
		got, err = s.api.Spreadsheets.Values.BatchGet(s.spreadsheetID).
			Ranges(quoteTab(tab)+"!A:A", rowRange(tab, 1, width)).MajorDimension("ROWS").Context(ctx).Do()
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read tab %q: %w", tab, err)
	}
	if len(got.ValueRanges) != 2 {
		return nil, nil, fmt.Errorf("read tab %q: got %d ranges, want 2", tab, len(got.ValueRanges))
	}
	for _, row := range got.ValueRanges[0].Values {
		id := ""
		if len(row) > 0 {
			id = fmt.Sprint(row[0])
		}
		ids = append(ids, id)
	}
	if rows := got.ValueRanges[1].Values; len(rows) > 0 {
		for _, c := range rows[0] {
			head = append(head, fmt.Sprint(c))
		}
	}
	return ids, head, nil
}

// quoteTab quotes a tab name for A1 notation: always in single quotes, with
// quotes inside doubled, which is valid for every name.
func quoteTab(tab string) string {
	return "'" + strings.ReplaceAll(tab, "'", "''") + "'"
}

// rowRange is the owned part of one row: columns A to the width-th, 1-based row n.
func rowRange(tab string, n, width int) string {
	return fmt.Sprintf("%s!A%d:%s%d", quoteTab(tab), n, column(width), n)
}

// column is the A1 letter name of the 1-based column n: 1 → A, 27 → AA.
func column(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}
