package web

import (
	"fmt"
	"strconv"
	"strings"

	"registrar/web/views"
	"registrar/workflows"
)

// Charts are drawn on the server as SVG in a fixed viewBox that scales to
// the page: labels sit above bars, so a 390 px screen still reads them.

const chartWidth = 600

// funnelChart draws the contributor funnel as horizontal bars, one stage
// per row, each labelled with its count and its share of sign-ups.
func funnelChart(stages []workflows.FunnelStage) views.Chart {
	const rowH, barH, top = 46, 18, 8
	c := views.Chart{Title: "Contributor funnel", Width: chartWidth, Height: top + rowH*len(stages), TestID: "funnel-chart",
		Columns: []string{"Stage", "Students", "Share of sign-ups"}}
	first := 0
	if len(stages) > 0 {
		first = stages[0].N
	}
	peak := max(first, 1)
	for i, st := range stages {
		y := top + i*rowH
		w := st.N * chartWidth / peak
		share := pct(st.N, first)
		c.Bars = append(c.Bars,
			views.Bar{X: 0, Y: y + 20, W: chartWidth, H: barH, Class: "bar-track"},
			views.Bar{X: 0, Y: y + 20, W: w, H: barH, Class: "bar-funnel",
				Label: fmt.Sprintf("%s: %d (%s)", st.Label, st.N, share), LX: 0, LY: y + 14, Anchor: "start", LabelClass: "chart-label"})
		c.Table = append(c.Table, []string{st.Label, strconv.Itoa(st.N), share})
	}
	if len(stages) > 0 {
		last := stages[len(stages)-1]
		c.Summary = fmt.Sprintf("Of %d students who signed up, %d reached “%s” (%s).", first, last.N, strings.ToLower(last.Label), pct(last.N, first))
	}
	return c
}

func pct(n, of int) string {
	if of == 0 {
		return "0%"
	}
	return strconv.Itoa(n*100/of) + "%"
}

// weeklyChart draws check-ins and steps done per ISO week as pairs of
// vertical bars, the week under each pair.
func weeklyChart(weeks []workflows.WeekBar) views.Chart {
	const plotH, top, bottom = 150, 22, 30
	c := views.Chart{Title: "Weekly activity", Width: chartWidth, Height: top + plotH + bottom, TestID: "weekly-chart",
		Columns: []string{"Week", "Check-ins", "Steps done"},
		Legend:  []views.LegendItem{{Class: "bar-checkins", Label: "Check-ins"}, {Class: "bar-steps", Label: "Steps done"}}}
	peak, checkIns, steps := 1, 0, 0
	for _, w := range weeks {
		peak = max(peak, w.CheckIns, w.Steps)
		checkIns, steps = checkIns+w.CheckIns, steps+w.Steps
	}
	if len(weeks) == 0 {
		return c
	}
	slot := chartWidth / len(weeks)
	barW := max(4, slot*2/5)
	base := top + plotH
	c.Bars = append(c.Bars, views.Bar{X: 0, Y: base, W: chartWidth, H: 1, Class: "bar-axis"})
	for i, w := range weeks {
		x := i*slot + (slot-2*barW)/2
		for j, v := range []int{w.CheckIns, w.Steps} {
			h := v * plotH / peak
			b := views.Bar{X: x + j*barW, Y: base - h, W: barW - 1, H: h, Class: []string{"bar-checkins", "bar-steps"}[j]}
			if v > 0 {
				b.Label, b.LX, b.LY, b.Anchor, b.LabelClass = strconv.Itoa(v), x+j*barW+barW/2, base-h-4, "middle", "chart-value"
			}
			c.Bars = append(c.Bars, b)
		}
		if i%2 == len(weeks)%2 || len(weeks) <= 6 { // every other week, so labels never collide
			c.Bars = append(c.Bars, views.Bar{Label: "W" + string(w.Week)[6:], LX: i*slot + slot/2, LY: base + 20, Anchor: "middle", LabelClass: "chart-axis"})
		}
		c.Table = append(c.Table, []string{string(w.Week), strconv.Itoa(w.CheckIns), strconv.Itoa(w.Steps)})
	}
	c.Summary = fmt.Sprintf("In the last %d weeks: %d check-ins and %d steps done; the busiest week had %d.", len(weeks), checkIns, steps, peak)
	return c
}
