package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"tend/backend"
	"tend/backend/creator"
	"tend/backend/triage"
)

// keyCreatorSettings is the settings row holding backend.CreatorSettings as JSON.
const keyCreatorSettings = "creators"

// CodeSearcher finds inbox messages: the creator tracker counts the mentions of a code with it.
type CodeSearcher interface {
	Search(ctx context.Context, query string, cursor string, limit int) (backend.SearchPage, error)
}

// CreatorOptions are the CreatorService's collaborators.
type CreatorOptions struct {
	Events backend.Publisher
	// Settings gives the workspace's time zone, which says what "today" is for rights.
	Settings *SettingsService
	// Search counts code mentions in the inbox (the InboxService); nil counts none.
	Search CodeSearcher
	// Actor names the person using the app in the audit trail.
	Actor string
}

// CreatorService implements backend.CreatorService on the open workspace. Each public method is one
// transaction (Performance reads the inbox's search after its own); every change is audited in its
// transaction and publishes creators:changed and audit:appended after commit.
//
// Handles and contacts: a creator's handle is linked to the inbox contacts that have an identity on
// the same platform with the same handle, compared without case and without a leading "@". The
// link is read live, so a contact who writes later is linked at once; flagging the contact
// influencer is a write: the store flags the contacts that exist when the handle is saved (audited,
// with inbox:conversations_updated for their conversations), and the triggers of migration 8 flag
// the ones ingest, imports or merges bring later. The flag is never cleared by the tracker.
type CreatorService struct {
	workspaces *Workspaces
	events     backend.Publisher
	settings   *SettingsService
	search     CodeSearcher
	actor      string
}

var _ backend.CreatorService = (*CreatorService)(nil)

// NewCreatorService returns the creator tracker of whichever workspace is open in ws.
func NewCreatorService(ws *Workspaces, o CreatorOptions) *CreatorService {
	actor := strings.TrimSpace(o.Actor)
	if actor == "" {
		actor = "you"
	}
	return &CreatorService{workspaces: ws, events: o.Events, settings: o.Settings, search: o.Search, actor: actor}
}

// changes collects what a transaction changed, to publish once it commits.
type changes struct {
	creators, campaigns, conversations []int64
	audited                            bool
}

// publish registers the events of ch on tx's commit.
func (s *CreatorService) publish(tx *Tx, ch *changes) {
	tx.AfterCommit(func() {
		s.events.Publish(backend.EventCreatorsChanged, backend.CreatorsChangedEvent{
			CreatorIDs: nonNil(ch.creators), CampaignIDs: nonNil(ch.campaigns)})
		if len(ch.conversations) > 0 {
			s.events.Publish(backend.EventConversationsChanged, ch.conversations)
		}
		if ch.audited {
			s.events.Publish(backend.EventAuditAppended, nil)
		}
	})
}

func nonNil(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

// audit appends an entry about subject in tx.
func (s *CreatorService) audit(ctx context.Context, tx *Tx, ch *changes, action, subject, reason string, before, after any) error {
	e := backend.AuditEntry{Actor: s.actor, Action: action, Subject: subject, Reason: reason}
	if before != nil {
		e.Before = rawJSON(before)
	}
	if after != nil {
		e.After = rawJSON(after)
	}
	if _, err := tx.appendAudit(ctx, e); err != nil {
		return err
	}
	ch.audited = true
	return nil
}

// write runs fn in a write transaction of the open workspace and publishes what it changed.
func (s *CreatorService) write(ctx context.Context, fn func(tx *Tx, ch *changes) error) error {
	db, err := s.workspaces.DB()
	if err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		ch := &changes{}
		if err := fn(tx, ch); err != nil {
			return err
		}
		s.publish(tx, ch)
		return nil
	})
}

// read runs fn in a read transaction of the open workspace.
func (s *CreatorService) read(ctx context.Context, fn func(tx *Tx) error) error {
	db, err := s.workspaces.DB()
	if err != nil {
		return err
	}
	return db.Read(ctx, fn)
}

func creatorSubject(id int64) string { return "creator:" + strconv.FormatInt(id, 10) }

func campaignSubject(id int64) string { return "campaign:" + strconv.FormatInt(id, 10) }

func creatorNotFound(id int64) error {
	return backend.Errorf(backend.ENOTFOUND, "There is no creator %d.", id).Localized("creator_not_found", "id", strconv.FormatInt(id, 10))
}

func campaignNotFound(id int64) error {
	return backend.Errorf(backend.ENOTFOUND, "There is no campaign %d.", id).Localized("campaign_not_found", "id", strconv.FormatInt(id, 10))
}

// requireRow returns notFound unless table has a row with id.
func requireRow(ctx context.Context, tx *Tx, table string, id int64, notFound func(int64) error) error {
	var ok bool
	if err := tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+table+` WHERE id = ?)`, id).Scan(&ok); err != nil {
		return err
	}
	if !ok {
		return notFound(id)
	}
	return nil
}

// requireCampaign checks an optional campaign reference.
func requireCampaign(ctx context.Context, tx *Tx, id *int64) error {
	if id == nil {
		return nil
	}
	return requireRow(ctx, tx, "campaigns", *id, campaignNotFound)
}

// --- settings and today -------------------------------------------------------------------------

// loadCreatorSettings reads the creator settings over the defaults.
func loadCreatorSettings(ctx context.Context, tx *Tx) (backend.CreatorSettings, error) {
	out := backend.DefaultCreatorSettings()
	var raw string
	err := tx.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, keyCreatorSettings).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	var stored backend.CreatorSettings
	if err := json.Unmarshal([]byte(raw), &stored); err != nil {
		return out, fmt.Errorf("decode creator settings: %w", err)
	}
	if stored.AlertDays > 0 {
		out.AlertDays = stored.AlertDays
	}
	if stored.TargetTerritories != nil {
		out.TargetTerritories = stored.TargetTerritories
	}
	for niche, rate := range stored.Benchmarks {
		out.Benchmarks[niche] = rate
	}
	return out, nil
}

// today returns the date in the workspace's time zone (UTC when it has none or an unknown one).
func (s *CreatorService) today(ctx context.Context, tx *Tx) (string, error) {
	var loc *time.Location
	if s.settings != nil {
		st, err := s.settings.load(ctx, tx)
		if err != nil {
			return "", err
		}
		if l, err := time.LoadLocation(st.TimeZone); err == nil && st.TimeZone != "" {
			loc = l
		}
	}
	return creator.Today(tx.Now, loc), nil
}

// GetCreatorSettings returns the creator settings.
func (s *CreatorService) GetCreatorSettings(ctx context.Context) (backend.CreatorSettings, error) {
	var out backend.CreatorSettings
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = loadCreatorSettings(ctx, tx)
		return err
	})
	return out, err
}

// UpdateCreatorSettings replaces the creator settings.
func (s *CreatorService) UpdateCreatorSettings(ctx context.Context, st backend.CreatorSettings) (backend.CreatorSettings, error) {
	st.TargetTerritories = tidyTerritories(st.TargetTerritories)
	if st.Benchmarks == nil {
		st.Benchmarks = map[string]float64{}
	}
	if err := st.Validate(); err != nil {
		return backend.CreatorSettings{}, err
	}
	var out backend.CreatorSettings
	err := s.write(ctx, func(tx *Tx, ch *changes) error {
		before, err := loadCreatorSettings(ctx, tx)
		if err != nil {
			return err
		}
		if err := putSetting(ctx, tx, keyCreatorSettings, st); err != nil {
			return err
		}
		if out, err = loadCreatorSettings(ctx, tx); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, backend.AuditCreatorSettings, "settings", "", before, out)
	})
	return out, err
}

// tidyTerritories upper-cases and trims territory codes and drops repeats and blanks.
func tidyTerritories(in []string) []string {
	out := []string{}
	for _, t := range in {
		t = strings.ToUpper(strings.TrimSpace(t))
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// --- creators -----------------------------------------------------------------------------------

const creatorColumns = `SELECT id, name, stage, niche, audience_size, engagement_rate, territory, email, phone, notes, tags,
	brand_safety, brand_safety_notes, stage_changed_at, created_at, updated_at FROM creators `

func scanCreator(row interface{ Scan(...any) error }) (backend.Creator, error) {
	var c backend.Creator
	var audience sql.NullInt64
	var engagement sql.NullFloat64
	var tags, changed, created, updated string
	err := row.Scan(&c.ID, &c.Name, &c.Stage, &c.Niche, &audience, &engagement, &c.Territory, &c.Email, &c.Phone, &c.Notes, &tags,
		&c.BrandSafety, &c.BrandSafetyNotes, &changed, &created, &updated)
	if err != nil {
		return c, err
	}
	if audience.Valid {
		c.AudienceSize = &audience.Int64
	}
	if engagement.Valid {
		c.EngagementRate = &engagement.Float64
	}
	if err := json.Unmarshal([]byte(tags), &c.Tags); err != nil {
		return c, fmt.Errorf("creator %d tags: %w", c.ID, err)
	}
	c.StageChangedAt, _ = parseTime(changed)
	c.CreatedAt, _ = parseTime(created)
	c.UpdatedAt, _ = parseTime(updated)
	c.Handles, c.Codes, c.CampaignIDs = []backend.CreatorHandle{}, []string{}, []int64{}
	return c, nil
}

// loadCreators returns the creators clause selects with their handles (and linked contacts),
// codes, campaigns, rights status and fit score.
func (s *CreatorService) loadCreators(ctx context.Context, tx *Tx, clause string, args ...any) ([]backend.Creator, error) {
	rows, err := tx.QueryContext(ctx, creatorColumns+clause, args...)
	if err != nil {
		return nil, err
	}
	var list []backend.Creator
	index := map[int64]int{}
	for rows.Next() {
		c, err := scanCreator(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		index[c.ID] = len(list)
		list = append(list, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return []backend.Creator{}, nil
	}
	ids := make([]int64, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	idList := jsonText(ids)

	handles, err := creatorHandles(ctx, tx, idList)
	if err != nil {
		return nil, err
	}
	for id, hs := range handles {
		list[index[id]].Handles = hs
	}
	err = eachRow(ctx, tx, `SELECT creator_id, code FROM creator_codes WHERE creator_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
		[]any{idList}, func(r *sql.Rows) error {
			var id int64
			var code string
			if err := r.Scan(&id, &code); err != nil {
				return err
			}
			list[index[id]].Codes = append(list[index[id]].Codes, code)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, `SELECT creator_id, campaign_id FROM campaign_creators WHERE creator_id IN (SELECT value FROM json_each(?))
		ORDER BY campaign_id`, []any{idList}, func(r *sql.Rows) error {
		var id, campaign int64
		if err := r.Scan(&id, &campaign); err != nil {
			return err
		}
		list[index[id]].CampaignIDs = append(list[index[id]].CampaignIDs, campaign)
		return nil
	})
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
	rights, err := findRights(ctx, tx, `WHERE creator_id IN (SELECT value FROM json_each(?))`, idList)
	if err != nil {
		return nil, err
	}
	statuses := map[int64][]string{}
	for _, r := range rights {
		status, _ := creator.Status(r, today, settings.AlertDays)
		statuses[r.CreatorID] = append(statuses[r.CreatorID], status)
	}
	for i := range list {
		list[i].RightsStatus = creator.MostPressing(statuses[list[i].ID])
		list[i].Fit = creator.ScoreFit(list[i], settings)
	}
	return list, nil
}

// eachRow runs query and calls fn on each row.
func eachRow(ctx context.Context, tx *Tx, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := tx.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// creatorHandles returns the handles of the creators in idList (a JSON array), each with the first
// inbox contact it links to.
func creatorHandles(ctx context.Context, tx *Tx, idList string) (map[int64][]backend.CreatorHandle, error) {
	out := map[int64][]backend.CreatorHandle{}
	err := eachRow(ctx, tx, `SELECT h.creator_id, h.platform, h.handle,
		(SELECT i.contact_id FROM contact_identities i WHERE i.platform = h.platform
			AND (i.handle = h.handle COLLATE NOCASE OR i.handle = '@' || h.handle COLLATE NOCASE) ORDER BY i.id LIMIT 1)
		FROM creator_handles h WHERE h.creator_id IN (SELECT value FROM json_each(?)) ORDER BY h.creator_id, h.position, h.id`,
		[]any{idList}, func(r *sql.Rows) error {
			var id int64
			var h backend.CreatorHandle
			var contact sql.NullInt64
			if err := r.Scan(&id, &h.Platform, &h.Handle, &contact); err != nil {
				return err
			}
			if contact.Valid {
				h.ContactID = &contact.Int64
			}
			out[id] = append(out[id], h)
			return nil
		})
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, hs := range out {
		for _, h := range hs {
			if h.ContactID != nil {
				names[*h.ContactID] = ""
			}
		}
	}
	for id := range names {
		var name string
		if err := tx.queryRow(ctx, `SELECT display_name FROM contacts WHERE id = ?`, id).Scan(&name); err != nil {
			return nil, err
		}
		names[id] = name
	}
	for _, hs := range out {
		for i := range hs {
			if hs[i].ContactID != nil {
				hs[i].ContactName = names[*hs[i].ContactID]
			}
		}
	}
	return out, nil
}

// findCreator returns one creator, or ENOTFOUND.
func (s *CreatorService) findCreator(ctx context.Context, tx *Tx, id int64) (backend.Creator, error) {
	list, err := s.loadCreators(ctx, tx, `WHERE id = ?`, id)
	if err != nil {
		return backend.Creator{}, err
	}
	if len(list) == 0 {
		return backend.Creator{}, creatorNotFound(id)
	}
	return list[0], nil
}

// ListCreators returns the creators f selects, by stage, then fit score (highest first), then name.
func (s *CreatorService) ListCreators(ctx context.Context, f backend.CreatorFilter) ([]backend.Creator, error) {
	f.Territory = strings.ToUpper(strings.TrimSpace(f.Territory))
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var all []backend.Creator
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		all, err = s.loadCreators(ctx, tx, "")
		return err
	})
	if err != nil {
		return nil, err
	}
	tag := ""
	if f.Tag != "" {
		tag, _ = backend.NormalizeTag(f.Tag)
	}
	// A workspace works with tens or hundreds of creators: filtering here folds accents the way
	// the rest of Tend does.
	query := strings.TrimSpace(triage.Normalize(f.Query))
	out := []backend.Creator{}
	for _, c := range all {
		switch {
		case len(f.Stages) > 0 && !slices.Contains(f.Stages, c.Stage),
			f.Niche != "" && c.Niche != f.Niche,
			f.Territory != "" && c.Territory != f.Territory,
			tag != "" && !slices.Contains(c.Tags, tag),
			f.CampaignID != 0 && !slices.Contains(c.CampaignIDs, f.CampaignID),
			c.Fit.Score < f.MinFit,
			query != "" && !strings.Contains(searchableCreator(c), query):
			continue
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b backend.Creator) int {
		if d := slices.Index(backend.CreatorStages, a.Stage) - slices.Index(backend.CreatorStages, b.Stage); d != 0 {
			return d
		}
		if d := b.Fit.Score - a.Fit.Score; d != 0 {
			return d
		}
		if d := strings.Compare(triage.Normalize(a.Name), triage.Normalize(b.Name)); d != 0 {
			return d
		}
		return int(a.ID - b.ID)
	})
	return out, nil
}

// searchableCreator is the folded text a creator search looks in.
func searchableCreator(c backend.Creator) string {
	parts := []string{c.Name, c.Notes, c.Email, strings.Join(c.Tags, " "), strings.Join(c.Codes, " ")}
	for _, h := range c.Handles {
		parts = append(parts, h.Handle, "@"+h.Handle)
	}
	return triage.Normalize(strings.Join(parts, "\n"))
}

// GetCreator returns a creator with codes, links, rights and campaigns.
func (s *CreatorService) GetCreator(ctx context.Context, id int64) (backend.CreatorDetail, error) {
	var out backend.CreatorDetail
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = s.detail(ctx, tx, id)
		return err
	})
	return out, err
}

func (s *CreatorService) detail(ctx context.Context, tx *Tx, id int64) (backend.CreatorDetail, error) {
	var d backend.CreatorDetail
	var err error
	if d.Creator, err = s.findCreator(ctx, tx, id); err != nil {
		return d, err
	}
	if d.Codes, err = findCodes(ctx, tx, `WHERE creator_id = ? ORDER BY id`, id); err != nil {
		return d, err
	}
	if d.Links, err = findLinks(ctx, tx, `WHERE creator_id = ? ORDER BY id`, id); err != nil {
		return d, err
	}
	if d.Rights, err = s.rightsWithStatus(ctx, tx, `WHERE creator_id = ? ORDER BY id`, id); err != nil {
		return d, err
	}
	d.Campaigns = []backend.CampaignSummary{}
	err = eachRow(ctx, tx, `SELECT c.id, c.name, c.start_date, c.end_date FROM campaigns c
		JOIN campaign_creators cc ON cc.campaign_id = c.id WHERE cc.creator_id = ? ORDER BY c.start_date DESC, c.id DESC`,
		[]any{id}, func(r *sql.Rows) error {
			var c backend.CampaignSummary
			if err := r.Scan(&c.ID, &c.Name, &c.StartDate, &c.EndDate); err != nil {
				return err
			}
			d.Campaigns = append(d.Campaigns, c)
			return nil
		})
	return d, err
}

// tidyCreator trims what people type around names, handles and codes.
func tidyCreator(c backend.Creator) (backend.Creator, error) {
	c.Name = strings.TrimSpace(c.Name)
	c.Territory = strings.ToUpper(strings.TrimSpace(c.Territory))
	c.Email = strings.TrimSpace(c.Email)
	c.Phone = strings.TrimSpace(c.Phone)
	c.BrandSafetyNotes = strings.TrimSpace(c.BrandSafetyNotes)
	handles := make([]backend.CreatorHandle, 0, len(c.Handles))
	for _, h := range c.Handles {
		handles = append(handles, backend.CreatorHandle{Platform: h.Platform, Handle: backend.NormalizeHandle(h.Handle)})
	}
	c.Handles = handles
	tags := []string{}
	for _, t := range c.Tags {
		norm, err := backend.NormalizeTag(t)
		if err != nil {
			return c, err
		}
		if !slices.Contains(tags, norm) {
			tags = append(tags, norm)
		}
	}
	c.Tags = tags
	return c, c.Validate()
}

// checkHandles returns ECONFLICT when another creator than self has one of the handles.
func checkHandles(ctx context.Context, tx *Tx, handles []backend.CreatorHandle, self int64) error {
	for _, h := range handles {
		var otherID int64
		var other string
		err := tx.queryRow(ctx, `SELECT c.id, c.name FROM creator_handles h JOIN creators c ON c.id = h.creator_id
			WHERE h.platform = ? AND h.handle = ? COLLATE NOCASE AND h.creator_id <> ?`, h.Platform, h.Handle, self).Scan(&otherID, &other)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return err
		}
		return backend.Errorf(backend.ECONFLICT, "The %s handle @%s already belongs to %s.", h.Platform, h.Handle, other).
			Localized("creator_handle_taken", "platform", h.Platform, "handle", h.Handle, "creator", other, "id", strconv.FormatInt(otherID, 10))
	}
	return nil
}

// saveHandles replaces a creator's handles, then flags the inbox contacts they match.
func (s *CreatorService) saveHandles(ctx context.Context, tx *Tx, ch *changes, id int64, handles []backend.CreatorHandle) error {
	if _, err := tx.exec(ctx, `DELETE FROM creator_handles WHERE creator_id = ?`, id); err != nil {
		return err
	}
	for i, h := range handles {
		if _, err := tx.exec(ctx, `INSERT INTO creator_handles (creator_id, platform, handle, position) VALUES (?, ?, ?, ?)`,
			id, h.Platform, h.Handle, i); err != nil {
			return err
		}
	}
	return s.flagContacts(ctx, tx, ch, id)
}

// flagContacts flags influencer the contacts matching the creator's handles that are not yet,
// auditing each and collecting their conversations for inbox:conversations_updated.
func (s *CreatorService) flagContacts(ctx context.Context, tx *Tx, ch *changes, creatorID int64) error {
	type match struct {
		contact          int64
		platform, handle string
	}
	var matches []match
	err := eachRow(ctx, tx, `SELECT i.contact_id, h.platform, h.handle FROM creator_handles h
		JOIN contact_identities i ON i.platform = h.platform AND (i.handle = h.handle COLLATE NOCASE OR i.handle = '@' || h.handle COLLATE NOCASE)
		JOIN contacts c ON c.id = i.contact_id
		WHERE h.creator_id = ? AND c.influencer = 0 ORDER BY i.contact_id`, []any{creatorID}, func(r *sql.Rows) error {
		var m match
		if err := r.Scan(&m.contact, &m.platform, &m.handle); err != nil {
			return err
		}
		matches = append(matches, m)
		return nil
	})
	if err != nil {
		return err
	}
	for _, m := range matches {
		res, err := tx.exec(ctx, `UPDATE contacts SET influencer = 1, updated_at = ? WHERE id = ? AND influencer = 0`, formatTime(tx.Now), m.contact)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // two handles matched the same contact
		}
		reason := fmt.Sprintf("Its %s handle @%s is creator %d's.", m.platform, m.handle, creatorID)
		if err := s.audit(ctx, tx, ch, backend.AuditContactInfluencer, "contact:"+strconv.FormatInt(m.contact, 10), reason,
			map[string]any{"influencer": false}, map[string]any{"influencer": true, "creator_id": creatorID}); err != nil {
			return err
		}
		err = eachRow(ctx, tx, `SELECT id FROM conversations WHERE contact_id = ?`, []any{m.contact}, func(r *sql.Rows) error {
			var id int64
			if err := r.Scan(&id); err != nil {
				return err
			}
			ch.conversations = append(ch.conversations, id)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// creatorSnapshot is what the audit trail keeps of a creator: no name, contact details nor notes
// (personal data must stay erasable from an append-only trail).
func creatorSnapshot(c backend.Creator) map[string]any {
	return map[string]any{"stage": c.Stage, "niche": c.Niche, "territory": c.Territory, "handles": len(c.Handles), "tags": c.Tags}
}

// CreateCreator adds a creator, linking and flagging the contacts its handles match.
func (s *CreatorService) CreateCreator(ctx context.Context, c backend.Creator) (backend.Creator, error) {
	if c.Stage == "" {
		c.Stage = backend.StageProspect
	}
	c, err := tidyCreator(c)
	if err != nil {
		return backend.Creator{}, err
	}
	var out backend.Creator
	err = s.write(ctx, func(tx *Tx, ch *changes) error {
		if err := checkHandles(ctx, tx, c.Handles, 0); err != nil {
			return err
		}
		now := formatTime(tx.Now)
		res, err := tx.exec(ctx, `INSERT INTO creators (name, stage, niche, audience_size, engagement_rate, territory, email, phone, notes,
			tags, brand_safety, brand_safety_notes, stage_changed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.Name, string(c.Stage), c.Niche, c.AudienceSize, c.EngagementRate, c.Territory, c.Email, c.Phone, c.Notes, jsonText(c.Tags),
			c.BrandSafety, c.BrandSafetyNotes, now, now, now)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		ch.creators = append(ch.creators, id)
		if err := s.audit(ctx, tx, ch, backend.AuditCreatorCreated, creatorSubject(id), "", nil, creatorSnapshot(c)); err != nil {
			return err
		}
		if err := s.saveHandles(ctx, tx, ch, id, c.Handles); err != nil {
			return err
		}
		out, err = s.findCreator(ctx, tx, id)
		return err
	})
	return out, err
}

// UpdateCreator replaces a creator's profile; the stage stays.
func (s *CreatorService) UpdateCreator(ctx context.Context, id int64, c backend.Creator) (backend.Creator, error) {
	var out backend.Creator
	err := s.write(ctx, func(tx *Tx, ch *changes) error {
		current, err := s.findCreator(ctx, tx, id)
		if err != nil {
			return err
		}
		c.ID, c.Stage = id, current.Stage
		if c, err = tidyCreator(c); err != nil {
			return err
		}
		if err := checkHandles(ctx, tx, c.Handles, id); err != nil {
			return err
		}
		fields := changedFields(current, c)
		if len(fields) == 0 {
			out = current
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE creators SET name = ?, niche = ?, audience_size = ?, engagement_rate = ?, territory = ?, email = ?,
			phone = ?, notes = ?, tags = ?, brand_safety = ?, brand_safety_notes = ?, updated_at = ? WHERE id = ?`,
			c.Name, c.Niche, c.AudienceSize, c.EngagementRate, c.Territory, c.Email, c.Phone, c.Notes, jsonText(c.Tags),
			c.BrandSafety, c.BrandSafetyNotes, formatTime(tx.Now), id); err != nil {
			return err
		}
		ch.creators = append(ch.creators, id)
		if err := s.audit(ctx, tx, ch, backend.AuditCreatorUpdated, creatorSubject(id), "Changed: "+strings.Join(fields, ", ")+".",
			creatorSnapshot(current), creatorSnapshot(c)); err != nil {
			return err
		}
		if slices.Contains(fields, "handles") {
			if err := s.saveHandles(ctx, tx, ch, id, c.Handles); err != nil {
				return err
			}
		}
		out, err = s.findCreator(ctx, tx, id)
		return err
	})
	return out, err
}

// changedFields names the profile fields that differ between a and b.
func changedFields(a, b backend.Creator) []string {
	var out []string
	add := func(name string, differ bool) {
		if differ {
			out = append(out, name)
		}
	}
	add("name", a.Name != b.Name)
	add("handles", !slices.EqualFunc(a.Handles, b.Handles, func(x, y backend.CreatorHandle) bool {
		return x.Platform == y.Platform && x.Handle == y.Handle
	}))
	add("niche", a.Niche != b.Niche)
	add("audience_size", !equalPtr(a.AudienceSize, b.AudienceSize))
	add("engagement_rate", !equalPtr(a.EngagementRate, b.EngagementRate))
	add("territory", a.Territory != b.Territory)
	add("email", a.Email != b.Email)
	add("phone", a.Phone != b.Phone)
	add("notes", a.Notes != b.Notes)
	add("tags", !slices.Equal(a.Tags, b.Tags))
	add("brand_safety", a.BrandSafety != b.BrandSafety)
	add("brand_safety_notes", a.BrandSafetyNotes != b.BrandSafetyNotes)
	return out
}

func equalPtr[T comparable](a, b *T) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// MoveCreator moves a creator to another stage of the pipeline.
func (s *CreatorService) MoveCreator(ctx context.Context, id int64, stage backend.CreatorStage) (backend.Creator, error) {
	if err := stage.Validate(); err != nil {
		return backend.Creator{}, err
	}
	var out backend.Creator
	err := s.write(ctx, func(tx *Tx, ch *changes) error {
		current, err := s.findCreator(ctx, tx, id)
		if err != nil {
			return err
		}
		if current.Stage == stage {
			out = current
			return nil
		}
		now := formatTime(tx.Now)
		if _, err := tx.exec(ctx, `UPDATE creators SET stage = ?, stage_changed_at = ?, updated_at = ? WHERE id = ?`, string(stage), now, now, id); err != nil {
			return err
		}
		ch.creators = append(ch.creators, id)
		reason := fmt.Sprintf("Moved from %s to %s.", current.Stage, stage)
		if err := s.audit(ctx, tx, ch, backend.AuditCreatorStageChanged, creatorSubject(id), reason,
			map[string]any{"stage": current.Stage}, map[string]any{"stage": stage}); err != nil {
			return err
		}
		out, err = s.findCreator(ctx, tx, id)
		return err
	})
	return out, err
}

// DeleteCreator erases a creator and everything attached to them.
func (s *CreatorService) DeleteCreator(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *Tx, ch *changes) error {
		var campaigns []int64
		err := eachRow(ctx, tx, `SELECT campaign_id FROM campaign_creators WHERE creator_id = ?`, []any{id}, func(r *sql.Rows) error {
			var c int64
			if err := r.Scan(&c); err != nil {
				return err
			}
			campaigns = append(campaigns, c)
			return nil
		})
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM creators WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return creatorNotFound(id)
		}
		ch.creators, ch.campaigns = []int64{id}, campaigns
		return s.audit(ctx, tx, ch, backend.AuditCreatorDeleted, creatorSubject(id), "Erased with their codes, links, rights and results.", nil, nil)
	})
}
