package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"tend/backend"
	"tend/backend/creator"
)

const campaignColumns = `SELECT id, name, brief, start_date, end_date, compensation, discount_percent, utm_campaign, landing_url,
	created_at, updated_at FROM campaigns `

// findCampaigns returns the campaigns clause selects with their creators, deliverables and posts.
func findCampaigns(ctx context.Context, tx *Tx, clause string, args ...any) ([]backend.Campaign, error) {
	var list []backend.Campaign
	index := map[int64]int{}
	err := eachRow(ctx, tx, campaignColumns+clause, args, func(r *sql.Rows) error {
		var c backend.Campaign
		var created, updated string
		if err := r.Scan(&c.ID, &c.Name, &c.Brief, &c.StartDate, &c.EndDate, &c.Compensation, &c.DiscountPercent, &c.UTMCampaign,
			&c.LandingURL, &created, &updated); err != nil {
			return err
		}
		c.CreatedAt, _ = parseTime(created)
		c.UpdatedAt, _ = parseTime(updated)
		c.CreatorIDs, c.Deliverables, c.PostIDs = []int64{}, []backend.Deliverable{}, []int64{}
		index[c.ID] = len(list)
		list = append(list, c)
		return nil
	})
	if err != nil || len(list) == 0 {
		return []backend.Campaign{}, err
	}
	ids := make([]int64, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	idList := jsonText(ids)
	err = eachRow(ctx, tx, `SELECT campaign_id, creator_id FROM campaign_creators WHERE campaign_id IN (SELECT value FROM json_each(?))
		ORDER BY campaign_id, creator_id`, []any{idList}, func(r *sql.Rows) error {
		var id, creatorID int64
		if err := r.Scan(&id, &creatorID); err != nil {
			return err
		}
		list[index[id]].CreatorIDs = append(list[index[id]].CreatorIDs, creatorID)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, `SELECT campaign_id, id, creator_id, title, due_date, done, done_at FROM campaign_deliverables
		WHERE campaign_id IN (SELECT value FROM json_each(?)) ORDER BY campaign_id, position, id`, []any{idList}, func(r *sql.Rows) error {
		var id int64
		var d backend.Deliverable
		var creatorID sql.NullInt64
		var doneAt sql.NullString
		if err := r.Scan(&id, &d.ID, &creatorID, &d.Title, &d.DueDate, &d.Done, &doneAt); err != nil {
			return err
		}
		if creatorID.Valid {
			d.CreatorID = &creatorID.Int64
		}
		d.DoneAt = nullTime(doneAt)
		list[index[id]].Deliverables = append(list[index[id]].Deliverables, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, `SELECT campaign_id, post_id FROM campaign_posts WHERE campaign_id IN (SELECT value FROM json_each(?))
		ORDER BY campaign_id, post_id`, []any{idList}, func(r *sql.Rows) error {
		var id, post int64
		if err := r.Scan(&id, &post); err != nil {
			return err
		}
		list[index[id]].PostIDs = append(list[index[id]].PostIDs, post)
		return nil
	})
	return list, err
}

func findCampaign(ctx context.Context, tx *Tx, id int64) (backend.Campaign, error) {
	list, err := findCampaigns(ctx, tx, `WHERE id = ?`, id)
	if err != nil {
		return backend.Campaign{}, err
	}
	if len(list) == 0 {
		return backend.Campaign{}, campaignNotFound(id)
	}
	return list[0], nil
}

// ListCampaigns returns every campaign, the latest start first.
func (s *CreatorService) ListCampaigns(ctx context.Context) ([]backend.Campaign, error) {
	var out []backend.Campaign
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = findCampaigns(ctx, tx, `ORDER BY start_date DESC, id DESC`)
		return err
	})
	return out, err
}

// tidyCampaign trims a campaign, normalises its UTM value and checks it, landing URL included.
func tidyCampaign(c backend.Campaign) (backend.Campaign, error) {
	c.Name = strings.TrimSpace(c.Name)
	c.Brief = strings.TrimSpace(c.Brief)
	c.Compensation = strings.TrimSpace(c.Compensation)
	c.LandingURL = strings.TrimSpace(c.LandingURL)
	c.UTMCampaign = creator.NormalizeUTM(c.UTMCampaign)
	creators := []int64{}
	for _, id := range c.CreatorIDs {
		if !slices.Contains(creators, id) {
			creators = append(creators, id)
		}
	}
	c.CreatorIDs = creators
	posts := []int64{}
	for _, id := range c.PostIDs {
		if !slices.Contains(posts, id) {
			posts = append(posts, id)
		}
	}
	c.PostIDs = posts
	deliverables := make([]backend.Deliverable, len(c.Deliverables))
	for i, d := range c.Deliverables {
		d.Title = strings.TrimSpace(d.Title)
		deliverables[i] = d
	}
	c.Deliverables = deliverables
	if err := c.Validate(); err != nil {
		return c, err
	}
	if c.LandingURL != "" {
		if _, err := creator.CheckBaseURL(c.LandingURL); err != nil {
			return c, err
		}
	}
	return c, nil
}

// campaignSnapshot is what the audit trail keeps of a campaign.
func campaignSnapshot(c backend.Campaign) map[string]any {
	return map[string]any{"name": c.Name, "start_date": c.StartDate, "end_date": c.EndDate, "discount_percent": c.DiscountPercent,
		"creator_ids": c.CreatorIDs, "deliverables": len(c.Deliverables), "post_ids": c.PostIDs}
}

// CreateCampaign adds a campaign.
func (s *CreatorService) CreateCampaign(ctx context.Context, c backend.Campaign) (backend.Campaign, error) {
	c, err := tidyCampaign(c)
	if err != nil {
		return backend.Campaign{}, err
	}
	var out backend.Campaign
	err = s.write(ctx, func(tx *Tx, ch *changes) error {
		now := formatTime(tx.Now)
		res, err := tx.exec(ctx, `INSERT INTO campaigns (name, brief, start_date, end_date, compensation, discount_percent, utm_campaign,
			landing_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.Name, c.Brief, c.StartDate, c.EndDate,
			c.Compensation, c.DiscountPercent, c.UTMCampaign, c.LandingURL, now, now)
		if err != nil {
			return err
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := s.saveCampaignParts(ctx, tx, ch, c, nil); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, ch, backend.AuditCampaignCreated, campaignSubject(c.ID), "", nil, campaignSnapshot(c)); err != nil {
			return err
		}
		out, err = findCampaign(ctx, tx, c.ID)
		return err
	})
	return out, err
}

// UpdateCampaign replaces a campaign's fields, creators, deliverables and posts. Deliverables
// keep their id (and the time they were done) when they name one of the campaign's.
func (s *CreatorService) UpdateCampaign(ctx context.Context, id int64, c backend.Campaign) (backend.Campaign, error) {
	c.ID = id
	c, err := tidyCampaign(c)
	if err != nil {
		return backend.Campaign{}, err
	}
	var out backend.Campaign
	err = s.write(ctx, func(tx *Tx, ch *changes) error {
		current, err := findCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE campaigns SET name = ?, brief = ?, start_date = ?, end_date = ?, compensation = ?,
			discount_percent = ?, utm_campaign = ?, landing_url = ?, updated_at = ? WHERE id = ?`, c.Name, c.Brief, c.StartDate, c.EndDate,
			c.Compensation, c.DiscountPercent, c.UTMCampaign, c.LandingURL, formatTime(tx.Now), id); err != nil {
			return err
		}
		if err := s.saveCampaignParts(ctx, tx, ch, c, &current); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, ch, backend.AuditCampaignUpdated, campaignSubject(id), "", campaignSnapshot(current), campaignSnapshot(c)); err != nil {
			return err
		}
		out, err = findCampaign(ctx, tx, id)
		return err
	})
	return out, err
}

// saveCampaignParts replaces a campaign's creators, deliverables and posts (current is the campaign
// before the change, nil for a new one).
func (s *CreatorService) saveCampaignParts(ctx context.Context, tx *Tx, ch *changes, c backend.Campaign, current *backend.Campaign) error {
	ch.campaigns = append(ch.campaigns, c.ID)
	for _, id := range c.CreatorIDs {
		if err := requireRow(ctx, tx, "creators", id, creatorNotFound); err != nil {
			return err
		}
	}
	for _, d := range c.Deliverables {
		if d.CreatorID != nil {
			if err := requireRow(ctx, tx, "creators", *d.CreatorID, creatorNotFound); err != nil {
				return err
			}
		}
	}
	if current != nil {
		ch.creators = append(ch.creators, current.CreatorIDs...)
	}
	ch.creators = append(ch.creators, c.CreatorIDs...)
	for _, stmt := range []string{`DELETE FROM campaign_creators WHERE campaign_id = ?`, `DELETE FROM campaign_posts WHERE campaign_id = ?`} {
		if _, err := tx.exec(ctx, stmt, c.ID); err != nil {
			return err
		}
	}
	for _, id := range c.CreatorIDs {
		if _, err := tx.exec(ctx, `INSERT INTO campaign_creators (campaign_id, creator_id) VALUES (?, ?)`, c.ID, id); err != nil {
			return err
		}
	}
	for _, id := range c.PostIDs {
		if _, err := tx.exec(ctx, `INSERT INTO campaign_posts (campaign_id, post_id) VALUES (?, ?)`, c.ID, id); err != nil {
			return err
		}
	}
	previous := map[int64]backend.Deliverable{}
	if current != nil {
		for _, d := range current.Deliverables {
			previous[d.ID] = d
		}
	}
	var kept []int64
	for i, d := range c.Deliverables {
		var doneAt any
		if d.Done {
			doneAt = formatTime(tx.Now)
			if p, ok := previous[d.ID]; ok && p.Done && p.DoneAt != nil {
				doneAt = formatTime(*p.DoneAt)
			}
		}
		if _, ok := previous[d.ID]; ok && d.ID != 0 {
			if _, err := tx.exec(ctx, `UPDATE campaign_deliverables SET creator_id = ?, title = ?, due_date = ?, done = ?, done_at = ?,
				position = ? WHERE id = ?`, d.CreatorID, d.Title, d.DueDate, d.Done, doneAt, i, d.ID); err != nil {
				return err
			}
			kept = append(kept, d.ID)
			continue
		}
		res, err := tx.exec(ctx, `INSERT INTO campaign_deliverables (campaign_id, creator_id, title, due_date, done, done_at, position)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ID, d.CreatorID, d.Title, d.DueDate, d.Done, doneAt, i)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		kept = append(kept, id)
	}
	_, err := tx.exec(ctx, `DELETE FROM campaign_deliverables WHERE campaign_id = ? AND id NOT IN (SELECT value FROM json_each(?))`,
		c.ID, jsonText(nonNil(kept)))
	return err
}

// SetDeliverableDone ticks or unticks a deliverable.
func (s *CreatorService) SetDeliverableDone(ctx context.Context, campaignID, deliverableID int64, done bool) (backend.Campaign, error) {
	var out backend.Campaign
	err := s.write(ctx, func(tx *Tx, ch *changes) error {
		var doneAt any
		if done {
			doneAt = formatTime(tx.Now)
		}
		res, err := tx.exec(ctx, `UPDATE campaign_deliverables SET done = ?, done_at = CASE WHEN done = ? THEN done_at ELSE ? END
			WHERE id = ? AND campaign_id = ?`, done, done, doneAt, deliverableID, campaignID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return backend.Errorf(backend.ENOTFOUND, "Campaign %d has no deliverable %d.", campaignID, deliverableID).
				Localized("deliverable_not_found", "id", strconv.FormatInt(deliverableID, 10))
		}
		ch.campaigns = append(ch.campaigns, campaignID)
		reason := "Deliverable " + strconv.FormatInt(deliverableID, 10) + " marked not done."
		if done {
			reason = "Deliverable " + strconv.FormatInt(deliverableID, 10) + " marked done."
		}
		if err := s.audit(ctx, tx, ch, backend.AuditCampaignUpdated, campaignSubject(campaignID), reason,
			nil, map[string]any{"deliverable_id": deliverableID, "done": done}); err != nil {
			return err
		}
		out, err = findCampaign(ctx, tx, campaignID)
		return err
	})
	return out, err
}

// DeleteCampaign removes a campaign; what was credited to its creators stays with them.
func (s *CreatorService) DeleteCampaign(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *Tx, ch *changes) error {
		current, err := findCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM campaigns WHERE id = ?`, id); err != nil {
			return err
		}
		ch.campaigns, ch.creators = []int64{id}, current.CreatorIDs
		return s.audit(ctx, tx, ch, backend.AuditCampaignDeleted, campaignSubject(id), "", campaignSnapshot(current), nil)
	})
}
