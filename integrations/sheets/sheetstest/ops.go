package sheetstest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

type valueRange struct {
	Range          string  `json:"range,omitempty"`
	MajorDimension string  `json:"majorDimension,omitempty"`
	Values         [][]any `json:"values,omitempty"`
}

type sheetProps struct {
	SheetID   int64  `json:"sheetId"`
	Title     string `json:"title"`
	Index     int    `json:"index"`
	SheetType string `json:"sheetType,omitempty"`
}

func (s *Server) getSpreadsheet() any {
	var sheets []map[string]any
	for i, t := range s.tabs {
		sheets = append(sheets, map[string]any{"properties": sheetProps{t.id, t.title, i, "GRID"}})
	}
	return map[string]any{"spreadsheetId": SpreadsheetID, "properties": map[string]any{"title": "Fake"}, "sheets": sheets}
}

// dimensionRange is a DimensionRange of the API: zero-based, end exclusive.
type dimensionRange struct {
	SheetID    int64  `json:"sheetId"`
	Dimension  string `json:"dimension"`
	StartIndex int    `json:"startIndex"`
	EndIndex   int    `json:"endIndex"`
}

// batchUpdate applies addSheet, deleteDimension (rows) and insertDimension
// (columns) requests atomically, as the real API does: on any error nothing
// changes.
func (s *Server) batchUpdate(body []byte) (any, *apiError) {
	var req struct {
		Requests []struct {
			AddSheet *struct {
				Properties struct{ Title string } `json:"properties"`
			} `json:"addSheet"`
			DeleteDimension *struct {
				Range dimensionRange `json:"range"`
			} `json:"deleteDimension"`
			InsertDimension *struct {
				Range             dimensionRange `json:"range"`
				InheritFromBefore bool           `json:"inheritFromBefore"`
			} `json:"insertDimension"`
		} `json:"requests"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, invalid("bad JSON: %v", err)
	}
	saved, savedID := s.snapshot(), s.nextID
	var replies []any
	for i, r := range req.Requests {
		switch {
		case r.AddSheet != nil:
			title := r.AddSheet.Properties.Title
			if title == "" || s.tab(title) != nil {
				s.tabs, s.nextID = saved, savedID
				return nil, invalid("Invalid requests[%d].addSheet: A sheet with the name %q already exists. Please enter another name.", i, title)
			}
			t := s.addTab(title)
			replies = append(replies, map[string]any{"addSheet": map[string]any{"properties": sheetProps{t.id, t.title, len(s.tabs) - 1, "GRID"}}})
		case r.DeleteDimension != nil:
			rg := r.DeleteDimension.Range
			t := s.tabByID(rg.SheetID)
			if t == nil || rg.Dimension != "ROWS" || rg.StartIndex < 0 || rg.EndIndex <= rg.StartIndex {
				s.tabs, s.nextID = saved, savedID
				return nil, invalid("Invalid requests[%d].deleteDimension", i)
			}
			s.touch(t, true)
			t.deleteRows(rg.StartIndex, rg.EndIndex)
			replies = append(replies, map[string]any{})
		case r.InsertDimension != nil:
			rg := r.InsertDimension.Range
			t := s.tabByID(rg.SheetID)
			if t == nil || rg.Dimension != "COLUMNS" || rg.StartIndex < 0 || rg.EndIndex <= rg.StartIndex ||
				(rg.StartIndex == 0 && r.InsertDimension.InheritFromBefore) {
				s.tabs, s.nextID = saved, savedID
				return nil, invalid("Invalid requests[%d].insertDimension", i)
			}
			s.touch(t, true)
			t.insertColumns(rg.StartIndex, rg.EndIndex)
			replies = append(replies, map[string]any{})
		default:
			s.tabs, s.nextID = saved, savedID
			return nil, invalid("Invalid requests[%d]: the fake supports addSheet, deleteDimension and insertDimension only", i)
		}
	}
	return map[string]any{"spreadsheetId": SpreadsheetID, "replies": replies}, nil
}

// snapshot deep-copies the tabs so that a failed batch can be undone.
func (s *Server) snapshot() []*tab {
	out := make([]*tab, len(s.tabs))
	for i, t := range s.tabs {
		rows := make([][]string, len(t.rows))
		for j, r := range t.rows {
			rows[j] = slices.Clone(r)
		}
		out[i] = &tab{id: t.id, title: t.title, rows: rows, version: t.version}
	}
	return out
}

// resolve parses an A1 range and finds its tab.
func (s *Server) resolve(rng string) (*tab, area, *apiError) {
	a, err := parseA1(rng)
	if err != nil {
		return nil, a, invalid("Unable to parse range: %s", rng)
	}
	t := s.tab(a.tab)
	if t == nil {
		return nil, a, invalid("Unable to parse range: %s", rng)
	}
	return t, a, nil
}

func (s *Server) getValues(rng, major string) (any, *apiError) {
	if major != "" && major != "ROWS" {
		return nil, invalid("the fake supports majorDimension=ROWS only")
	}
	t, a, aerr := s.resolve(rng)
	if aerr != nil {
		return nil, aerr
	}
	s.touch(t, false)
	vr := valueRange{Range: rng, MajorDimension: "ROWS"}
	for _, line := range t.read(a) {
		row := make([]any, len(line))
		for i, v := range line {
			row[i] = v
		}
		vr.Values = append(vr.Values, row)
	}
	return vr, nil
}

func (s *Server) batchGet(ranges []string, major string) (any, *apiError) {
	var out []any
	for _, rng := range ranges {
		vr, aerr := s.getValues(rng, major)
		if aerr != nil {
			return nil, aerr
		}
		out = append(out, vr)
	}
	return map[string]any{"spreadsheetId": SpreadsheetID, "valueRanges": out}, nil
}

func (s *Server) updateValues(rng, input string, body []byte) (any, *apiError) {
	var vr valueRange
	if err := json.Unmarshal(body, &vr); err != nil {
		return nil, invalid("bad JSON: %v", err)
	}
	if input == "" {
		return nil, invalid("'valueInputOption' is required but not specified")
	}
	return s.put(rng, vr.Values)
}

func (s *Server) batchUpdateValues(body []byte) (any, *apiError) {
	var req struct {
		ValueInputOption string       `json:"valueInputOption"`
		Data             []valueRange `json:"data"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, invalid("bad JSON: %v", err)
	}
	if req.ValueInputOption == "" {
		return nil, invalid("'valueInputOption' is required but not specified")
	}
	for _, vr := range req.Data { // validate all first: the batch is atomic
		if _, _, aerr := s.resolve(vr.Range); aerr != nil {
			return nil, aerr
		}
	}
	var responses []any
	for _, vr := range req.Data {
		resp, _ := s.put(vr.Range, vr.Values)
		responses = append(responses, resp)
	}
	return map[string]any{"spreadsheetId": SpreadsheetID, "totalUpdatedRows": len(req.Data), "responses": responses}, nil
}

func (s *Server) put(rng string, values [][]any) (any, *apiError) {
	t, a, aerr := s.resolve(rng)
	if aerr != nil {
		return nil, aerr
	}
	s.touch(t, true)
	t.write(a, cellValues(values))
	return map[string]any{"spreadsheetId": SpreadsheetID, "updatedRange": rng, "updatedRows": len(values)}, nil
}

func (s *Server) appendValues(rng, input, insert string, body []byte) (any, *apiError) {
	var vr valueRange
	if err := json.Unmarshal(body, &vr); err != nil {
		return nil, invalid("bad JSON: %v", err)
	}
	if input == "" {
		return nil, invalid("'valueInputOption' is required but not specified")
	}
	if insert != "" && insert != "INSERT_ROWS" {
		return nil, invalid("the fake supports insertDataOption=INSERT_ROWS only")
	}
	t, a, aerr := s.resolve(rng)
	if aerr != nil {
		return nil, aerr
	}
	s.touch(t, true)
	at := t.appendRows(a, cellValues(vr.Values))
	return map[string]any{"spreadsheetId": SpreadsheetID, "updates": map[string]any{
		"updatedRange": fmt.Sprintf("%s!A%d", rng, at+1), "updatedRows": len(vr.Values)}}, nil
}

// cellValues turns JSON cells into strings; null leaves a cell alone.
func cellValues(values [][]any) [][]*string {
	out := make([][]*string, len(values))
	for i, line := range values {
		out[i] = make([]*string, len(line))
		for j, v := range line {
			var s string
			switch v := v.(type) {
			case nil:
				continue
			case string:
				s = v
			case float64:
				s = strconv.FormatFloat(v, 'f', -1, 64)
			case bool:
				s = map[bool]string{true: "TRUE", false: "FALSE"}[v]
			default:
				s = fmt.Sprint(v)
			}
			out[i][j] = &s
		}
	}
	return out
}
