package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"registrar/workflows"
)

func cmdEventCreate(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("registrar event create", flag.ContinueOnError)
	var in workflows.EventInput
	fs.StringVar(&in.Slug, "slug", "", "short name used in the URL, e.g. upstream-2026 (required)")
	fs.StringVar(&in.Title, "title", "", "title shown to people (required)")
	fs.StringVar(&in.StartsOn, "starts", "", "first day, YYYY-MM-DD (required)")
	fs.StringVar(&in.EndsOn, "ends", "", "last day, YYYY-MM-DD (required)")
	fs.StringVar(&in.Location, "location", "", "where it happens, e.g. Berlin or Online")
	fs.StringVar(&in.Timezone, "timezone", "UTC", "IANA time zone of the event, e.g. Europe/Berlin")
	fs.IntVar(&in.StudentCapacity, "student-capacity", 0, "number of student seats (required, ≥ 1)")
	fs.IntVar(&in.MentorCapacity, "mentor-capacity", 0, "number of mentor seats")
	fs.StringVar(&in.Description, "description", "", "what the event page says about it: plain text, blank lines between paragraphs")
	fs.StringVar(&in.Agenda, "agenda", "", "the agenda, plain text")
	fs.StringVar(&in.Venue, "venue", "", "venue details: address, room, access")
	fs.StringVar(&in.Prerequisites, "prerequisites", "", "what to bring or set up before the first day")
	fs.StringVar(&in.ContactEmail, "contact-email", "", "address people write to with questions")
	fs.StringVar(&in.CodeOfConduct, "code-of-conduct", "", "https URL of the code of conduct sign-up must accept")
	fs.Usage = func() {
		fmt.Fprintln(stdout, "Usage: registrar event create --slug S --title T --starts YYYY-MM-DD --ends YYYY-MM-DD --location L --student-capacity N --mentor-capacity M [--timezone Z] [--description D --agenda A --venue V --prerequisites P --contact-email E --code-of-conduct URL]")
		fs.PrintDefaults()
	}
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q: every value needs a flag, e.g. --title %q", fs.Arg(0), fs.Arg(0))}
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	clock := workflows.ClockFunc(time.Now)
	events := &workflows.Events{Store: db, Clock: clock}
	e, err := events.Create(ctx, in)
	if fields := workflows.FieldErrors(err); fields != nil {
		return usageError{fieldProblems(fields)}
	}
	if workflows.KindOf(err) == workflows.Conflict {
		return usageError{fmt.Sprintf("an event with the slug %q exists already: choose another --slug", in.Slug)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created event %s (%s), sign-up at %s\n", e.Slug, workflows.FormatDates(e), links{cfg.BaseURL}.Event(e.Slug))
	if now := clock.Now(); !e.OpenAt(now) && !now.Before(e.RegistrationCloses()) {
		fmt.Fprintf(stderr, "warning: sign-up for %s closed already (at %s, the end of its last day): nobody can sign up. "+
			"For an event people can join, give future --starts and --ends dates.\n",
			e.Slug, e.RegistrationCloses().UTC().Format("2006-01-02 15:04 UTC"))
	}
	return nil
}

// fieldProblems names each flag that needs fixing, one per line.
func fieldProblems(fields map[string]string) string {
	flagName := map[string]string{"starts": "--starts", "ends": "--ends", "student_capacity": "--student-capacity",
		"mentor_capacity": "--mentor-capacity", "email": "EMAIL",
		"contact_email": "--contact-email", "code_of_conduct": "--code-of-conduct"}
	var lines []string
	for f, msg := range fields {
		name := flagName[f]
		if name == "" {
			name = "--" + f
		}
		lines = append(lines, name+": "+msg)
	}
	sort.Strings(lines)
	return "invalid input:\n  " + strings.Join(lines, "\n  ")
}
