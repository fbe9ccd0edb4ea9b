package workflows

import "time"

// FunnelStage is one stage of the contributor funnel: how many students of
// the event reached it.
type FunnelStage struct {
	Label string
	N     int
}

// funnel counts students from sign-up to a merged change. Each stage counts
// those who reached it, whatever happened after (a completed student was
// also accepted and paired).
func funnel(counts []RegistrationCount, stepsDone map[string]int) []FunnelStage {
	var signed, confirmed, accepted, paired int
	for _, c := range counts {
		if c.Role != RoleStudent {
			continue
		}
		signed += c.N
		switch c.Status {
		case StatusConfirmed, StatusWaitlisted:
			confirmed += c.N
		case StatusAccepted:
			confirmed, accepted = confirmed+c.N, accepted+c.N
		case StatusActive, StatusCompleted:
			confirmed, accepted, paired = confirmed+c.N, accepted+c.N, paired+c.N
		}
	}
	gerrit, submitted, merged := stepsDone[StepGerritAccount], stepsDone[StepFirstChangeSubmitted], stepsDone[StepFirstChangeMerged]
	return []FunnelStage{{"Signed up", signed}, {"Confirmed", confirmed}, {"Accepted", accepted}, {"Paired", paired},
		{"Gerrit account", gerrit}, {"First change submitted", submitted}, {"Merged", merged}}
}

// WeekBar is one ISO week of activity.
type WeekBar struct {
	Week     ISOWeek
	CheckIns int
	Steps    int
}

// WeekBars lays the activity out as the n weeks up to and including last,
// empty weeks included, so gaps show as gaps.
func WeekBars(activity []WeekActivity, last ISOWeek, n int) []WeekBar {
	if _, ok := ParseWeek(string(last)); !ok || n <= 0 {
		return nil
	}
	out := make([]WeekBar, n)
	index := map[ISOWeek]int{}
	monday := last.Monday().In(time.UTC)
	for i := range n {
		w := WeekOf(monday.AddDate(0, 0, -7*(n-1-i)), time.UTC)
		out[i].Week, index[w] = w, i
	}
	for _, a := range activity {
		i, ok := index[a.Week]
		if !ok {
			continue
		}
		if a.Kind == ActivityCheckIn {
			out[i].CheckIns += a.N
		} else {
			out[i].Steps += a.N
		}
	}
	return out
}
