package sheetstest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// tab is one sheet: a ragged grid of strings, row-major.
type tab struct {
	id      int64
	title   string
	rows    [][]string
	version int // writes so far, for StaleWrites
}

// area is a parsed A1 range; ends are exclusive, -1 when unbounded.
type area struct {
	tab            string
	r0, c0, r1, c1 int
}

// parseA1 parses "'My tab'!A1:F3", "Tab!A:A", "Tab!1:1" and "Tab".
func parseA1(s string) (area, error) {
	a := area{r1: -1, c1: -1}
	rest := ""
	if strings.HasPrefix(s, "'") {
		var b strings.Builder
		i := 1
		for ; i < len(s); i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					b.WriteByte('\'')
					i++
					continue
				}
				break
			}
			b.WriteByte(s[i])
		}
		if i >= len(s) {
			return a, fmt.Errorf("unterminated quote in %q", s)
		}
		a.tab, rest = b.String(), s[i+1:]
		if rest != "" && !strings.HasPrefix(rest, "!") {
			return a, fmt.Errorf("bad range %q", s)
		}
		rest = strings.TrimPrefix(rest, "!")
	} else if name, cellsPart, ok := strings.Cut(s, "!"); ok {
		a.tab, rest = name, cellsPart
	} else {
		a.tab = s
	}
	if rest == "" {
		if strings.HasSuffix(s, "!") {
			return a, fmt.Errorf("bad range %q", s)
		}
		return a, nil
	}
	from, to, hasTo := strings.Cut(rest, ":")
	c, r, err := parseCell(from)
	if err != nil {
		return a, fmt.Errorf("bad range %q: %w", s, err)
	}
	a.c0, a.r0 = max(c, 0), max(r, 0)
	if !hasTo {
		a.c1, a.r1 = a.c0+1, a.r0+1
		if c < 0 {
			a.c1 = -1
		}
		if r < 0 {
			a.r1 = -1
		}
		return a, nil
	}
	c, r, err = parseCell(to)
	if err != nil {
		return a, fmt.Errorf("bad range %q: %w", s, err)
	}
	if c >= 0 {
		a.c1 = c + 1
	}
	if r >= 0 {
		a.r1 = r + 1
	}
	return a, nil
}

// parseCell parses "B3" to (1, 2); a missing column or row is -1.
func parseCell(s string) (col, row int, err error) {
	i := 0
	col = 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A'+1)
		i++
	}
	col--
	row = -1
	if i < len(s) {
		n, err := strconv.Atoi(s[i:])
		if err != nil || n < 1 {
			return 0, 0, fmt.Errorf("bad cell %q", s)
		}
		row = n - 1
	}
	if i == 0 && row < 0 {
		return 0, 0, fmt.Errorf("bad cell %q", s)
	}
	return col, row, nil
}

// read returns the values in a, without trailing blank cells and rows, as
// the real API does.
func (t *tab) read(a area) [][]string {
	var out [][]string
	for r := a.r0; r < len(t.rows) && (a.r1 < 0 || r < a.r1); r++ {
		row := t.rows[r]
		var line []string
		for c := a.c0; c < len(row) && (a.c1 < 0 || c < a.c1); c++ {
			line = append(line, row[c])
		}
		for len(line) > 0 && line[len(line)-1] == "" {
			line = line[:len(line)-1]
		}
		out = append(out, line)
	}
	for len(out) > 0 && len(out[len(out)-1]) == 0 {
		out = out[:len(out)-1]
	}
	return out
}

// write puts values at a's top-left corner; nil cells are left alone.
func (t *tab) write(a area, values [][]*string) {
	for i, line := range values {
		for j, v := range line {
			if v != nil {
				t.set(a.r0+i, a.c0+j, *v)
			}
		}
	}
}

func (t *tab) set(r, c int, v string) {
	for len(t.rows) <= r {
		t.rows = append(t.rows, nil)
	}
	for len(t.rows[r]) <= c {
		t.rows[r] = append(t.rows[r], "")
	}
	t.rows[r][c] = v
}

// appendRows inserts values after the last row that has data in the columns
// from a.c0 on, shifting anything below down (INSERT_ROWS). It returns the
// zero-based index of the first new row.
func (t *tab) appendRows(a area, values [][]*string) int {
	last := a.r0 - 1
	for r := a.r0; r < len(t.rows); r++ {
		for c := a.c0; c < len(t.rows[r]); c++ {
			if t.rows[r][c] != "" {
				last = r
				break
			}
		}
	}
	at := last + 1
	if at < len(t.rows) {
		t.rows = append(t.rows[:at], append(make([][]string, len(values)), t.rows[at:]...)...)
	}
	t.write(area{r0: at, c0: a.c0}, values)
	return at
}

// deleteRows removes rows [start, end).
func (t *tab) deleteRows(start, end int) {
	if start >= len(t.rows) {
		return
	}
	end = min(end, len(t.rows))
	t.rows = append(t.rows[:start], t.rows[end:]...)
}

// insertColumns inserts blank columns [start, end) in every row that reaches
// start, shifting the cells from start on to the right.
func (t *tab) insertColumns(start, end int) {
	for r, row := range t.rows {
		if len(row) > start {
			t.rows[r] = slices.Insert(row, start, make([]string, end-start)...)
		}
	}
}
