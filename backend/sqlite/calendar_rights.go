package sqlite

import (
	"context"
	"slices"
	"time"

	"tend/backend"
	"tend/backend/creator"
)

// setPostRights sets the Rights verdict of every dated post with a creator (backend/creator.CheckPost:
// organic use on the post's local date, in each of the workspace's target territories) and clears
// it on the others.
func setPostRights(ctx context.Context, tx *Tx, posts []backend.CalendarPost) error {
	var creators []int64
	for i := range posts {
		posts[i].Rights = nil
		if id := posts[i].CreatorID; id != nil && posts[i].ScheduledAt != nil && !slices.Contains(creators, *id) {
			creators = append(creators, *id)
		}
	}
	if len(creators) == 0 {
		return nil
	}
	verdict, err := rightsJudge(ctx, tx, creators)
	if err != nil {
		return err
	}
	for i := range posts {
		p := &posts[i]
		if p.CreatorID == nil || p.ScheduledAt == nil {
			continue
		}
		v := verdict(*p.CreatorID, postDate(*p))
		p.Rights = &v
	}
	return nil
}

// rightsJudge reads the creator settings and, in one query, the rights of creators, and returns
// the verdict for a post of one of them on a date. A creator who no longer exists has no rights.
func rightsJudge(ctx context.Context, tx *Tx, creators []int64) (func(creatorID int64, date string) backend.RightsVerdict, error) {
	settings, err := loadCreatorSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	list, err := findRights(ctx, tx, `WHERE creator_id IN (SELECT value FROM json_each(?)) ORDER BY id`, jsonText(creators))
	if err != nil {
		return nil, err
	}
	rights := map[int64][]backend.Rights{}
	for _, r := range list {
		rights[r.CreatorID] = append(rights[r.CreatorID], r)
	}
	return func(creatorID int64, date string) backend.RightsVerdict {
		return creator.CheckPost(rights[creatorID], date, settings.TargetTerritories)
	}, nil
}

// CheckRights returns the verdict a post of creatorID on date would carry.
func (s *CalendarService) CheckRights(ctx context.Context, creatorID int64, date string) (backend.RightsVerdict, error) {
	if creatorID <= 0 {
		return backend.RightsVerdict{}, backend.Errorf(backend.EINVALID, "Invalid creator id.").Localized("post_creator_invalid")
	}
	if err := (backend.RightsUse{Date: date, Scope: backend.ScopeOrganic}).Validate(); err != nil { // a post is organic use
		return backend.RightsVerdict{}, err
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.RightsVerdict{}, err
	}
	var out backend.RightsVerdict
	err = db.Read(ctx, func(tx *Tx) error {
		verdict, err := rightsJudge(ctx, tx, []int64{creatorID})
		if err == nil {
			out = verdict(creatorID, date)
		}
		return err
	})
	return out, err
}

// postDate is the date of a dated post on its zone's clock, YYYY-MM-DD.
func postDate(p backend.CalendarPost) string {
	if len(p.Local) >= len(time.DateOnly) && backend.ValidDate(p.Local[:len(time.DateOnly)]) {
		return p.Local[:len(time.DateOnly)]
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return creator.Today(*p.ScheduledAt, loc)
}
