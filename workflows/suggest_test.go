package workflows_test

import (
	"fmt"
	"slices"
	"testing"

	"registrar/workflows"
)

// TestSuggestKeepsTheBest: the few suggestions kept are the head of the
// full ranking (shared project, then hours, then free places, then name),
// whatever order the mentors come in, full mentors never among them.
func TestSuggestKeepsTheBest(t *testing.T) {
	day, _ := workflows.ParseDate("2027-03-20")
	e := workflows.Event{ID: "e", StartsOn: day, EndsOn: day}
	zones := []string{"Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/Paris"}
	projects := []string{"nova", "Cinder", "oslo.config, Nova", "swift"}
	var mentors []workflows.MentorLoad
	for i := range 40 {
		m := workflows.RegistrationView{Registration: workflows.Registration{ID: fmt.Sprintf("m%02d", i), EventID: "e",
			Role: workflows.RoleMentor, Status: workflows.StatusAccepted,
			Answers: workflows.Answers{Projects: projects[i%len(projects)], MaxMentees: 1 + i%3}},
			Person: workflows.Person{Name: fmt.Sprintf("Mentor %d", i%7), Timezone: zones[i%len(zones)]}}
		mentors = append(mentors, workflows.MentorLoad{Mentor: m, Load: i % 4})
	}
	student := workflows.RegistrationView{Registration: workflows.Registration{ID: "s", EventID: "e",
		Answers: workflows.Answers{Project: "NOVA"}}, Person: workflows.Person{Timezone: "Europe/Berlin"}}
	ids := func(s []workflows.Suggestion) []string {
		var out []string
		for _, sg := range s {
			out = append(out, sg.Mentor.ID)
		}
		return out
	}
	all := workflows.NewSuggester(e).Suggest(student, mentors, len(mentors))
	for i, sg := range all {
		if sg.Free() <= 0 {
			t.Errorf("%s is full but suggested", sg.Mentor.ID)
		}
		if i > 0 {
			prev := all[i-1]
			if prev.Score < sg.Score || prev.Score == sg.Score && prev.Mentor.Person.Name > sg.Mentor.Person.Name {
				t.Errorf("%s (%d) ranked before %s (%d)", prev.Mentor.ID, prev.Score, sg.Mentor.ID, sg.Score)
			}
		}
	}
	reversed := slices.Clone(mentors)
	slices.Reverse(reversed)
	for _, n := range []int{0, 1, 3, 7} {
		want := ids(all[:n])
		for name, list := range map[string][]workflows.MentorLoad{"given order": mentors, "reversed": reversed} {
			if got := ids(workflows.NewSuggester(e).Suggest(student, list, n)); !slices.Equal(got, want) {
				t.Errorf("%s, top %d = %v, want %v", name, n, got, want)
			}
		}
	}
}
