package creator

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"tend/backend"
)

// Checklist returns the guide's legal checklist for r: usage scope, duration (start and end
// dates), territories, compensation terms, consent for edits (settled either way) and signature.
func Checklist(r backend.Rights) []backend.ChecklistItem {
	return []backend.ChecklistItem{
		{Item: backend.ChecklistScope, Done: len(r.Scopes) > 0},
		{Item: backend.ChecklistDuration, Done: r.StartDate != "" && r.EndDate != ""},
		{Item: backend.ChecklistTerritories, Done: len(r.Territories) > 0},
		{Item: backend.ChecklistCompensation, Done: r.CompensationTerms != ""},
		{Item: backend.ChecklistEditConsent, Done: r.EditConsent != nil},
		{Item: backend.ChecklistSigned, Done: r.SignedDate != ""},
	}
}

// DaysBetween returns the whole days from one date (YYYY-MM-DD) to another, negative when to comes
// first, and false when either is malformed.
func DaysBetween(from, to string) (int, bool) {
	a, errA := time.Parse(time.DateOnly, from)
	b, errB := time.Parse(time.DateOnly, to)
	if errA != nil || errB != nil {
		return 0, false
	}
	return int(b.Sub(a).Hours() / 24), true
}

// Today returns the date of now in loc (UTC when nil), as YYYY-MM-DD.
func Today(now time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return now.In(loc).Format(time.DateOnly)
}

// Status returns r's status on the date today with an alert window of alertDays, and the days
// left until its end date (nil without one). Statuses, from the most pressing: expired (the end
// date has passed), incomplete (a checklist item other than the signature is missing), unsigned,
// not_started, expiring (ending within the window), active.
func Status(r backend.Rights, today string, alertDays int) (string, *int) {
	var daysLeft *int
	if r.EndDate != "" {
		if d, ok := DaysBetween(today, r.EndDate); ok {
			daysLeft = &d
		}
	}
	switch {
	case daysLeft != nil && *daysLeft < 0:
		return backend.RightsExpired, daysLeft
	case !complete(r):
		return backend.RightsIncomplete, daysLeft
	case r.SignedDate == "":
		return backend.RightsUnsigned, daysLeft
	case r.StartDate > today:
		return backend.RightsNotStarted, daysLeft
	case daysLeft != nil && *daysLeft <= alertDays:
		return backend.RightsExpiring, daysLeft
	}
	return backend.RightsActive, daysLeft
}

// complete reports whether every checklist item but the signature is done.
func complete(r backend.Rights) bool {
	for _, item := range Checklist(r) {
		if !item.Done && item.Item != backend.ChecklistSigned {
			return false
		}
	}
	return true
}

// statusRank orders statuses from the most pressing.
var statusRank = []string{backend.RightsExpired, backend.RightsExpiring, backend.RightsIncomplete, backend.RightsUnsigned,
	backend.RightsNotStarted, backend.RightsActive, backend.RightsNone}

// MostPressing returns the status among statuses that needs attention first, "none" for none.
func MostPressing(statuses []string) string {
	best := len(statusRank) - 1
	for _, s := range statuses {
		if i := slices.Index(statusRank, s); i >= 0 && i < best {
			best = i
		}
	}
	return statusRank[best]
}

func problem(kind, message string, params ...string) backend.RightsProblem {
	p := backend.RightsProblem{Kind: kind, Message: message, Params: map[string]string{}}
	for i := 0; i+1 < len(params); i += 2 {
		p.Params[params[i]] = params[i+1]
	}
	return p
}

// RightsCheck lists what puts use outside the rights record r: not signed, scope not granted,
// before the start date, after the end date (the last day allowed), no end date, territory not
// covered (an empty territory is covered only by worldwide rights). No problem means the use is
// allowed. A malformed use gives the single problem invalid_use.
func RightsCheck(r backend.Rights, use backend.RightsUse) backend.RightsVerdict {
	id := r.ID
	verdict := backend.RightsVerdict{RightsID: &id, Problems: []backend.RightsProblem{}}
	if err := use.Validate(); err != nil {
		verdict.Problems = append(verdict.Problems, problem(backend.ProblemInvalidUse, backend.ErrorMessage(err)))
		return verdict
	}
	if r.SignedDate == "" {
		verdict.Problems = append(verdict.Problems, problem(backend.ProblemUnsigned, "The agreement is not signed."))
	}
	if !slices.Contains(r.Scopes, use.Scope) {
		verdict.Problems = append(verdict.Problems, problem(backend.ProblemScope,
			fmt.Sprintf("The rights do not cover %s use.", use.Scope), "scope", use.Scope))
	}
	if r.StartDate != "" && use.Date < r.StartDate {
		verdict.Problems = append(verdict.Problems, problem(backend.ProblemNotStarted,
			fmt.Sprintf("The rights start on %s.", r.StartDate), "date", use.Date, "start", r.StartDate))
	}
	switch {
	case r.EndDate == "":
		verdict.Problems = append(verdict.Problems, problem(backend.ProblemNoEndDate, "The rights have no end date."))
	case use.Date > r.EndDate:
		verdict.Problems = append(verdict.Problems, problem(backend.ProblemExpired,
			fmt.Sprintf("The rights ended on %s.", r.EndDate), "date", use.Date, "end", r.EndDate))
	}
	if !Covers(r.Territories, use.Territory) {
		verdict.Problems = append(verdict.Problems, problem(backend.ProblemTerritory,
			fmt.Sprintf("The rights do not cover the territory %q.", use.Territory), "territory", use.Territory))
	}
	verdict.Allowed = len(verdict.Problems) == 0
	return verdict
}

// CheckUse checks use against every rights record of a creator: allowed when one record allows
// it (that record's id is given), else the problems of the record with the fewest, the first such
// on a tie; no record at all is the problem no_rights.
func CheckUse(rights []backend.Rights, use backend.RightsUse) backend.RightsVerdict {
	if err := use.Validate(); err != nil {
		return backend.RightsVerdict{Problems: []backend.RightsProblem{problem(backend.ProblemInvalidUse, backend.ErrorMessage(err))}}
	}
	if len(rights) == 0 {
		return backend.RightsVerdict{Problems: []backend.RightsProblem{problem(backend.ProblemNoRights, "The creator has granted no usage rights.")}}
	}
	var best backend.RightsVerdict
	for i, r := range rights {
		v := RightsCheck(r, use)
		if v.Allowed {
			return v
		}
		if i == 0 || len(v.Problems) < len(best.Problems) {
			best = v
		}
	}
	return best
}

// CheckPost checks a calendar post using a creator's content on date (YYYY-MM-DD, the post's local
// date) against the creator's rights: a post is organic social use (backend.ScopeOrganic), and it
// must be covered in each of the workspace's target territories (EU and WW as CheckUse reads
// them). Each territory is checked with CheckUse, so different records may cover different
// territories; the post is allowed when every territory is. Otherwise the verdict lists the
// problems of every territory that is not allowed, each problem once, and names the record closest
// to allowing the first of them. Without a target territory the territory is not checked: each
// record counts as worldwide.
func CheckPost(rights []backend.Rights, date string, territories []string) backend.RightsVerdict {
	use := backend.RightsUse{Date: date, Scope: backend.ScopeOrganic}
	if len(territories) == 0 {
		anywhere := make([]backend.Rights, len(rights))
		for i, r := range rights {
			r.Territories = []string{backend.TerritoryWorldwide}
			anywhere[i] = r
		}
		return CheckUse(anywhere, use)
	}
	var out *backend.RightsVerdict
	var allowed backend.RightsVerdict
	seen := map[string]bool{}
	for i, t := range territories {
		use.Territory = t
		v := CheckUse(rights, use)
		if i == 0 {
			allowed = v
		}
		if v.Allowed {
			continue
		}
		if out == nil {
			out = &backend.RightsVerdict{RightsID: v.RightsID, Problems: []backend.RightsProblem{}}
		}
		for _, p := range v.Problems {
			if key := problemKey(p); !seen[key] {
				seen[key] = true
				out.Problems = append(out.Problems, p)
			}
		}
	}
	if out == nil {
		return allowed
	}
	return *out
}

// problemKey identifies a problem by its kind and parameters.
func problemKey(p backend.RightsProblem) string {
	keys := slices.Sorted(maps.Keys(p.Params))
	var b strings.Builder
	b.WriteString(p.Kind)
	for _, k := range keys {
		b.WriteString("\x00" + k + "=" + p.Params[k])
	}
	return b.String()
}
