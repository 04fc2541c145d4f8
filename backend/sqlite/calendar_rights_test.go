package sqlite_test

import (
	"context"
	"slices"
	"testing"

	"tend/backend"
	"tend/backend/sqlite"
)

// newCalendarCreators opens a creator tracker (Paris time, today 2026-11-28) and a content calendar
// on the same workspace.
func newCalendarCreators(t *testing.T) (*creatorsEnv, *sqlite.CalendarService) {
	t.Helper()
	env := newCreators(t)
	cal := sqlite.NewCalendarService(env.ws, sqlite.CalendarOptions{Events: env.events, Settings: env.settings, Actor: "Camille"})
	return env, cal
}

func problemKinds(v *backend.RightsVerdict) []string {
	out := []string{}
	for _, p := range v.Problems {
		out = append(out, p.Kind)
	}
	return out
}

func TestCalendarRightsWarning(t *testing.T) {
	ctx := context.Background()
	env, cal := newCalendarCreators(t)
	yes := true
	signed := func(creatorID int64, scopes ...string) backend.Rights {
		return backend.Rights{CreatorID: creatorID, Scopes: scopes, StartDate: "2026-12-01", EndDate: "2026-12-31",
			Territories: []string{"FR", "BE"}, CompensationTerms: "300 € + products", EditConsent: &yes, SignedDate: "2026-11-20"}
	}
	lea := env.create(t, backend.Creator{Name: "Léa"})
	leaRights, err := env.creators.SaveRights(ctx, signed(lea.ID, "organic", "paid_ads"))
	if err != nil {
		t.Fatal(err)
	}
	ads := env.create(t, backend.Creator{Name: "Inès"}) // paid ads only
	if _, err := env.creators.SaveRights(ctx, signed(ads.ID, "paid_ads")); err != nil {
		t.Fatal(err)
	}
	sam := env.create(t, backend.Creator{Name: "Sam"}) // no rights at all

	post := func(title, local string, creatorID *int64) backend.CalendarPost {
		t.Helper()
		p, err := cal.CreatePost(ctx, backend.PostInput{Title: title, Caption: "Caption of " + title, Channels: []string{"instagram"},
			Local: local, CreatorID: creatorID})
		if err != nil {
			t.Fatalf("%s: %v", title, err)
		}
		return p
	}
	within := post("Within", "2026-12-10T10:00", &lea.ID)
	// 00:30 on 1 January in Paris is still 31 December in UTC: the post's local date counts.
	newYear := post("New year", "2027-01-01T00:30", &lea.ID)
	early := post("Early", "2026-11-30T18:00", &lea.ID)
	lastDay := post("Last day", "2026-12-31T23:30", &lea.ID)
	paid := post("Paid only", "2026-12-10T11:00", &ads.ID)
	none := post("No rights", "2026-12-10T12:00", &sam.ID)
	undated := post("Undated", "", &lea.ID)
	own := post("Our own", "2026-12-10T13:00", nil)

	if within.Rights == nil || !within.Rights.Allowed || within.Rights.RightsID == nil || *within.Rights.RightsID != leaRights.ID ||
		len(within.Rights.Problems) != 0 {
		t.Errorf("within, as created: %+v", within.Rights)
	}
	if undated.Rights != nil || own.Rights != nil {
		t.Errorf("undated %+v, without a creator %+v: want no verdict", undated.Rights, own.Rights)
	}

	check := func(label string, want map[int64][]string) {
		t.Helper()
		list, err := cal.ListPosts(ctx, backend.PostFilter{})
		if err != nil {
			t.Fatal(err)
		}
		undatedList, err := cal.ListPosts(ctx, backend.PostFilter{Undated: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range append(list, undatedList...) {
			one, err := cal.GetPost(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			kinds, ok := want[p.ID]
			// The editor's check before saving says what the saved post says.
			if ok {
				live, err := cal.CheckRights(ctx, *p.CreatorID, p.Local[:10])
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(problemKinds(&live), kinds) || live.Allowed != (len(kinds) == 0) {
					t.Errorf("%s: checked before saving, %q problems %v (allowed %v), want %v", label, p.Title, problemKinds(&live), live.Allowed, kinds)
				}
			}
			for _, got := range []backend.CalendarPost{p, one} {
				switch {
				case !ok && got.Rights != nil:
					t.Errorf("%s: %q has a verdict %+v, want none", label, p.Title, got.Rights)
				case ok && got.Rights == nil:
					t.Errorf("%s: %q has no verdict, want %v", label, p.Title, kinds)
				case ok && (!slices.Equal(problemKinds(got.Rights), kinds) || got.Rights.Allowed != (len(kinds) == 0)):
					t.Errorf("%s: %q problems %v (allowed %v), want %v", label, p.Title, problemKinds(got.Rights), got.Rights.Allowed, kinds)
				}
			}
		}
	}
	// No target territory: the territory is not checked.
	check("no target", map[int64][]string{
		within.ID:  {},
		newYear.ID: {"expired"},
		early.ID:   {"not_started"},
		lastDay.ID: {},
		paid.ID:    {"scope"},
		none.ID:    {"no_rights"},
	})
	got, err := cal.GetPost(ctx, newYear.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p := got.Rights.Problems[0]; p.Params["date"] != "2027-01-01" || p.Params["end"] != "2026-12-31" || got.Rights.RightsID == nil {
		t.Errorf("expired: %+v", got.Rights)
	}

	// Target territories: the post must be covered in each.
	if _, err := env.creators.UpdateCreatorSettings(ctx, backend.CreatorSettings{AlertDays: 14, TargetTerritories: []string{"FR", "BE"}}); err != nil {
		t.Fatal(err)
	}
	check("France and Belgium", map[int64][]string{
		within.ID: {}, newYear.ID: {"expired"}, early.ID: {"not_started"}, lastDay.ID: {}, paid.ID: {"scope"}, none.ID: {"no_rights"},
	})
	if _, err := env.creators.UpdateCreatorSettings(ctx, backend.CreatorSettings{AlertDays: 14, TargetTerritories: []string{"FR", "DE"}}); err != nil {
		t.Fatal(err)
	}
	check("France and Germany", map[int64][]string{
		within.ID: {"territory"}, newYear.ID: {"expired", "territory"}, early.ID: {"not_started", "territory"}, lastDay.ID: {"territory"},
		paid.ID: {"scope", "territory"}, none.ID: {"no_rights"},
	})
	got, err = cal.GetPost(ctx, within.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p := got.Rights.Problems[0]; p.Params["territory"] != "DE" {
		t.Errorf("territory: %+v", got.Rights)
	}

	// The verdict follows the rights and the post as they change.
	wider := leaRights
	wider.Territories = []string{"EU"}
	if _, err := env.creators.SaveRights(ctx, wider); err != nil {
		t.Fatal(err)
	}
	zero := int64(0)
	updated, err := cal.UpdatePost(ctx, paid.ID, backend.PostUpdate{CreatorID: &zero})
	if err != nil {
		t.Fatal(err)
	}
	if updated.Rights != nil {
		t.Errorf("creator removed: %+v", updated.Rights)
	}
	moved, err := cal.UpdatePost(ctx, none.ID, backend.PostUpdate{CreatorID: &lea.ID})
	if err != nil || moved.Rights == nil || !moved.Rights.Allowed {
		t.Errorf("moved to Léa: %+v, %v", moved.Rights, err)
	}
	check("EU rights", map[int64][]string{
		within.ID: {}, newYear.ID: {"expired"}, early.ID: {"not_started"}, lastDay.ID: {}, none.ID: {},
	})
	if err := env.creators.DeleteRights(ctx, leaRights.ID); err != nil {
		t.Fatal(err)
	}
	check("rights deleted", map[int64][]string{
		within.ID: {"no_rights"}, newYear.ID: {"no_rights"}, early.ID: {"no_rights"}, lastDay.ID: {"no_rights"}, none.ID: {"no_rights"},
	})
}

func TestCalendarCheckRightsBadInput(t *testing.T) {
	ctx := context.Background()
	_, cal := newCalendarCreators(t)
	_, err := cal.CheckRights(ctx, 1, "20/12/2026")
	wantError(t, err, backend.EINVALID, "date_invalid")
	_, err = cal.CheckRights(ctx, 0, "2026-12-20")
	wantError(t, err, backend.EINVALID, "post_creator_invalid")
	// A creator who does not exist (deleted while the editor was open) has no rights.
	v, err := cal.CheckRights(ctx, 999, "2026-12-20")
	if err != nil || v.Allowed || !slices.Equal(problemKinds(&v), []string{"no_rights"}) {
		t.Errorf("%+v %v", v, err)
	}
}
