package sqlite

import (
	"context"
	"time"

	"tend/backend"
	"tend/backend/creator"
)

// setPostRights sets the Rights verdict of every dated post with a creator (backend/creator.CheckPost:
// organic use on the post's local date, in each of the workspace's target territories) and clears
// it on the others. It reads the creator settings and, in one query, the rights of the posts'
// creators; a creator who no longer exists has no rights.
func setPostRights(ctx context.Context, tx *Tx, posts []backend.CalendarPost) error {
	var creators []int64
	seen := map[int64]bool{}
	for i := range posts {
		posts[i].Rights = nil
		if id := posts[i].CreatorID; id != nil && posts[i].ScheduledAt != nil && !seen[*id] {
			seen[*id] = true
			creators = append(creators, *id)
		}
	}
	if len(creators) == 0 {
		return nil
	}
	settings, err := loadCreatorSettings(ctx, tx)
	if err != nil {
		return err
	}
	list, err := findRights(ctx, tx, `WHERE creator_id IN (SELECT value FROM json_each(?)) ORDER BY id`, jsonText(creators))
	if err != nil {
		return err
	}
	rights := map[int64][]backend.Rights{}
	for _, r := range list {
		rights[r.CreatorID] = append(rights[r.CreatorID], r)
	}
	for i := range posts {
		p := &posts[i]
		if p.CreatorID == nil || p.ScheduledAt == nil {
			continue
		}
		v := creator.CheckPost(rights[*p.CreatorID], postDate(*p), settings.TargetTerritories)
		p.Rights = &v
	}
	return nil
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
