package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"tend/backend"
	"tend/backend/creator"
)

const rightsColumns = `SELECT id, creator_id, campaign_id, scopes, start_date, end_date, territories, compensation_terms, edit_consent,
	signed_date, notes, created_at, updated_at FROM creator_rights `

// findRights returns the rights records clause selects, without their status.
func findRights(ctx context.Context, tx *Tx, clause string, args ...any) ([]backend.Rights, error) {
	out := []backend.Rights{}
	err := eachRow(ctx, tx, rightsColumns+clause, args, func(r *sql.Rows) error {
		var x backend.Rights
		var campaign, consent sql.NullInt64
		var scopes, territories, created, updated string
		if err := r.Scan(&x.ID, &x.CreatorID, &campaign, &scopes, &x.StartDate, &x.EndDate, &territories, &x.CompensationTerms, &consent,
			&x.SignedDate, &x.Notes, &created, &updated); err != nil {
			return err
		}
		if campaign.Valid {
			x.CampaignID = &campaign.Int64
		}
		if consent.Valid {
			v := consent.Int64 == 1
			x.EditConsent = &v
		}
		if err := json.Unmarshal([]byte(scopes), &x.Scopes); err != nil {
			return fmt.Errorf("rights %d scopes: %w", x.ID, err)
		}
		if err := json.Unmarshal([]byte(territories), &x.Territories); err != nil {
			return fmt.Errorf("rights %d territories: %w", x.ID, err)
		}
		x.CreatedAt, _ = parseTime(created)
		x.UpdatedAt, _ = parseTime(updated)
		x.Checklist = creator.Checklist(x)
		out = append(out, x)
		return nil
	})
	return out, err
}

// rightsWithStatus returns rights records with their status for today.
func (s *CreatorService) rightsWithStatus(ctx context.Context, tx *Tx, clause string, args ...any) ([]backend.Rights, error) {
	list, err := findRights(ctx, tx, clause, args...)
	if err != nil {
		return nil, err
	}
	settings, err := loadCreatorSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	today, err := s.today(ctx, tx)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i].Status, list[i].DaysLeft = creator.Status(list[i], today, settings.AlertDays)
	}
	return list, nil
}

func rightsNotFound(id int64) error {
	return backend.Errorf(backend.ENOTFOUND, "There is no rights record %d.", id).Localized("rights_not_found", "id", strconv.FormatInt(id, 10))
}

// rightsSnapshot is what the audit trail keeps of a rights checklist.
func rightsSnapshot(r backend.Rights) map[string]any {
	return map[string]any{"campaign_id": r.CampaignID, "scopes": r.Scopes, "start_date": r.StartDate, "end_date": r.EndDate,
		"territories": r.Territories, "edit_consent": r.EditConsent, "signed_date": r.SignedDate}
}

// SaveRights adds or replaces a rights checklist.
func (s *CreatorService) SaveRights(ctx context.Context, r backend.Rights) (backend.Rights, error) {
	r.Territories = tidyTerritories(r.Territories)
	scopes := []string{}
	for _, sc := range r.Scopes {
		if sc = strings.TrimSpace(sc); !slices.Contains(scopes, sc) {
			scopes = append(scopes, sc)
		}
	}
	r.Scopes = scopes
	r.StartDate, r.EndDate, r.SignedDate = strings.TrimSpace(r.StartDate), strings.TrimSpace(r.EndDate), strings.TrimSpace(r.SignedDate)
	r.CompensationTerms, r.Notes = strings.TrimSpace(r.CompensationTerms), strings.TrimSpace(r.Notes)
	if err := r.Validate(); err != nil {
		return backend.Rights{}, err
	}
	var consent any
	if r.EditConsent != nil {
		consent = *r.EditConsent
	}
	var out backend.Rights
	err := s.write(ctx, func(tx *Tx, ch *changes) error {
		if err := requireRow(ctx, tx, "creators", r.CreatorID, creatorNotFound); err != nil {
			return err
		}
		if err := requireCampaign(ctx, tx, r.CampaignID); err != nil {
			return err
		}
		now := formatTime(tx.Now)
		var before any
		if r.ID == 0 {
			res, err := tx.exec(ctx, `INSERT INTO creator_rights (creator_id, campaign_id, scopes, start_date, end_date, territories,
				compensation_terms, edit_consent, signed_date, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				r.CreatorID, r.CampaignID, jsonText(r.Scopes), r.StartDate, r.EndDate, jsonText(r.Territories), r.CompensationTerms, consent,
				r.SignedDate, r.Notes, now, now)
			if err != nil {
				return err
			}
			if r.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		} else {
			current, err := findRights(ctx, tx, `WHERE id = ? AND creator_id = ?`, r.ID, r.CreatorID)
			if err != nil {
				return err
			}
			if len(current) == 0 {
				return rightsNotFound(r.ID)
			}
			before = rightsSnapshot(current[0])
			if _, err := tx.exec(ctx, `UPDATE creator_rights SET campaign_id = ?, scopes = ?, start_date = ?, end_date = ?, territories = ?,
				compensation_terms = ?, edit_consent = ?, signed_date = ?, notes = ?, updated_at = ? WHERE id = ?`, r.CampaignID,
				jsonText(r.Scopes), r.StartDate, r.EndDate, jsonText(r.Territories), r.CompensationTerms, consent, r.SignedDate, r.Notes,
				now, r.ID); err != nil {
				return err
			}
		}
		ch.creators = append(ch.creators, r.CreatorID)
		reason := "Rights " + strconv.FormatInt(r.ID, 10) + " saved."
		if err := s.audit(ctx, tx, ch, backend.AuditCreatorRightsSaved, creatorSubject(r.CreatorID), reason, before, rightsSnapshot(r)); err != nil {
			return err
		}
		list, err := s.rightsWithStatus(ctx, tx, `WHERE id = ?`, r.ID)
		if err != nil {
			return err
		}
		out = list[0]
		return nil
	})
	return out, err
}

// DeleteRights removes a rights record.
func (s *CreatorService) DeleteRights(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *Tx, ch *changes) error {
		current, err := findRights(ctx, tx, `WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if len(current) == 0 {
			return rightsNotFound(id)
		}
		if _, err := tx.exec(ctx, `DELETE FROM creator_rights WHERE id = ?`, id); err != nil {
			return err
		}
		ch.creators = append(ch.creators, current[0].CreatorID)
		return s.audit(ctx, tx, ch, backend.AuditCreatorRightsDelete, creatorSubject(current[0].CreatorID),
			"Rights "+strconv.FormatInt(id, 10)+" deleted.", rightsSnapshot(current[0]), nil)
	})
}

// CheckRights checks a use of a creator's content against their rights records.
func (s *CreatorService) CheckRights(ctx context.Context, creatorID int64, use backend.RightsUse) (backend.RightsVerdict, error) {
	use.Territory = strings.ToUpper(strings.TrimSpace(use.Territory))
	if err := use.Validate(); err != nil {
		return backend.RightsVerdict{}, err
	}
	var out backend.RightsVerdict
	err := s.read(ctx, func(tx *Tx) error {
		if err := requireRow(ctx, tx, "creators", creatorID, creatorNotFound); err != nil {
			return err
		}
		rights, err := findRights(ctx, tx, `WHERE creator_id = ? ORDER BY id`, creatorID)
		if err != nil {
			return err
		}
		out = creator.CheckUse(rights, use)
		return nil
	})
	return out, err
}

// RightsAlerts lists signed rights ending within the alert window, or ended within it, by end date.
func (s *CreatorService) RightsAlerts(ctx context.Context) ([]backend.RightsAlert, error) {
	out := []backend.RightsAlert{}
	err := s.read(ctx, func(tx *Tx) error {
		settings, err := loadCreatorSettings(ctx, tx)
		if err != nil {
			return err
		}
		today, err := s.today(ctx, tx)
		if err != nil {
			return err
		}
		list, err := s.rightsWithStatus(ctx, tx, `WHERE signed_date <> '' AND end_date <> '' ORDER BY end_date, id`)
		if err != nil {
			return err
		}
		for _, r := range list {
			days, ok := creator.DaysBetween(today, r.EndDate)
			if !ok || days > settings.AlertDays || days < -settings.AlertDays {
				continue
			}
			a := backend.RightsAlert{Rights: r, CreatorID: r.CreatorID, DaysLeft: days}
			if err := tx.queryRow(ctx, `SELECT name, stage FROM creators WHERE id = ?`, r.CreatorID).Scan(&a.CreatorName, &a.CreatorStage); err != nil {
				return err
			}
			if r.CampaignID != nil {
				if err := tx.queryRow(ctx, `SELECT name FROM campaigns WHERE id = ?`, *r.CampaignID).Scan(&a.CampaignName); err != nil {
					return err
				}
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}
