package workflows_test

import (
	"strconv"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// asPosted is the steps form as the page fills it: every step unchanged.
func asPosted(steps []workflows.Step, agreement workflows.Agreement) workflows.StepsEdit {
	in := workflows.StepsEdit{Agreement: string(agreement)}
	for _, s := range steps {
		in.Steps = append(in.Steps, workflows.StepEdit{Key: s.Key, Title: s.Title, DocURL: s.DocURL,
			Position: strconv.Itoa(s.Position), Optional: s.Optional, Evidence: string(s.Evidence)})
	}
	return in
}

func TestEditSteps(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		m := newMentoring(t, newFixture(t, db), "spring", "UTC")
		ctx, c := t.Context(), m.svc.Checklists
		cur, err := c.EventSteps(ctx, m.organizer, "spring")
		if err != nil || len(cur.Steps) != 10 || cur.Agreement != workflows.AgreementDCO {
			t.Fatalf("steps of a new event: %d steps, agreement %q, %v; want the OpenStack template with the DCO", len(cur.Steps), cur.Agreement, err)
		}
		if _, err := c.EventSteps(ctx, m.mentor, "spring"); workflows.KindOf(err) != workflows.Forbidden {
			t.Errorf("a mentor reads the steps: %v, want Forbidden", err)
		}

		in := asPosted(cur.Steps, workflows.AgreementICLA)
		in.Steps[0].Title = "Become a Foundation member"      // rename
		in.Steps[0].Position = "10"                           // move last
		in.Steps[2].Optional = true                           // irc-and-lists optional
		in.Steps[3].DocURL = "https://example.org/git-config" // doc link
		in.Steps[6].Evidence = string(workflows.EvidenceChange)
		in.Add = &workflows.StepEdit{Key: "blog-post", Title: "Write a blog post", Position: "", Evidence: ""}
		out, err := c.EditSteps(ctx, m.organizer, "spring", in)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := c.EventSteps(ctx, m.organizer, "spring")
		keys := make([]string, len(got.Steps))
		for i, s := range got.Steps {
			keys[i] = s.Key
			if s.Position != i+1 {
				t.Errorf("%s at position %d, want %d", s.Key, s.Position, i+1)
			}
		}
		if keys[0] != workflows.StepLaunchpadAccount || keys[9] != workflows.StepFoundationMember || keys[10] != "blog-post" {
			t.Errorf("order after the edit: %v", keys)
		}
		if got.Agreement != workflows.AgreementICLA || out.Agreement != workflows.AgreementICLA {
			t.Errorf("agreement = %q, want icla", got.Agreement)
		}
		for _, s := range got.Steps {
			switch s.Key {
			case workflows.StepFoundationMember:
				if s.Title != "Become a Foundation member" {
					t.Errorf("renamed title = %q", s.Title)
				}
			case workflows.StepIRCAndLists:
				if !s.Optional {
					t.Error("irc-and-lists is not optional")
				}
			case workflows.StepContributionAgreement:
				if s.Title != workflows.AgreementStep(workflows.AgreementICLA).Title {
					t.Errorf("agreement step title = %q, want the ICLA's", s.Title)
				}
			case workflows.StepGitReview:
				if s.Evidence != workflows.EvidenceChange {
					t.Errorf("git-review evidence = %q", s.Evidence)
				}
			}
		}

		// A bad form changes nothing and says which field to fix.
		bad := asPosted(got.Steps, workflows.AgreementICLA)
		bad.Steps[1].Title = ""
		bad.Steps[2].DocURL = "javascript:alert(1)"
		bad.Add = &workflows.StepEdit{Key: "blog-post", Title: "Again"}
		_, err = c.EditSteps(ctx, m.organizer, "spring", bad)
		fields := workflows.FieldErrors(err)
		for _, f := range []string{"title." + got.Steps[1].Key, "doc_url." + got.Steps[2].Key, "new_key"} {
			if fields[f] == "" {
				t.Errorf("no error on %s: %v", f, fields)
			}
		}
		again, _ := c.EventSteps(ctx, m.organizer, "spring")
		if len(again.Steps) != 11 || again.Steps[1].Title != got.Steps[1].Title {
			t.Error("a refused edit changed the steps")
		}
	})
}
