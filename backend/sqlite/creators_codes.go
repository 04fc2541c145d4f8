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

	"tend/backend"
	"tend/backend/creator"
)

// maxCodeVariants bounds the search for a free generated code.
const maxCodeVariants = 500

func findCodes(ctx context.Context, tx *Tx, clause string, args ...any) ([]backend.CreatorCode, error) {
	out := []backend.CreatorCode{}
	err := eachRow(ctx, tx, `SELECT id, creator_id, campaign_id, code, discount_percent, created_at FROM creator_codes `+clause, args,
		func(r *sql.Rows) error {
			var c backend.CreatorCode
			var campaign sql.NullInt64
			var created string
			if err := r.Scan(&c.ID, &c.CreatorID, &campaign, &c.Code, &c.DiscountPercent, &created); err != nil {
				return err
			}
			if campaign.Valid {
				c.CampaignID = &campaign.Int64
			}
			c.CreatedAt, _ = parseTime(created)
			out = append(out, c)
			return nil
		})
	return out, err
}

func findLinks(ctx context.Context, tx *Tx, clause string, args ...any) ([]backend.UTMLink, error) {
	out := []backend.UTMLink{}
	err := eachRow(ctx, tx, `SELECT id, creator_id, campaign_id, base_url, utm_source, utm_medium, utm_campaign, utm_content, original,
		url, created_at FROM creator_links `+clause, args, func(r *sql.Rows) error {
		var l backend.UTMLink
		var campaign sql.NullInt64
		var original, created string
		if err := r.Scan(&l.ID, &l.CreatorID, &campaign, &l.BaseURL, &l.Params.Source, &l.Params.Medium, &l.Params.Campaign,
			&l.Params.Content, &original, &l.URL, &created); err != nil {
			return err
		}
		if campaign.Valid {
			l.CampaignID = &campaign.Int64
		}
		if err := json.Unmarshal([]byte(original), &l.Original); err != nil {
			return fmt.Errorf("link %d: %w", l.ID, err)
		}
		_, l.Changed = creator.NormalizeParams(l.Original)
		l.CreatedAt, _ = parseTime(created)
		out = append(out, l)
		return nil
	})
	return out, err
}

// codeOwner returns the name of the creator who has code, "" when it is free.
func codeOwner(ctx context.Context, tx *Tx, code string) (string, error) {
	var name string
	err := tx.queryRow(ctx, `SELECT c.name FROM creator_codes k JOIN creators c ON c.id = k.creator_id WHERE k.code = ?`, code).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return name, err
}

// freeCode returns code, or the first of its variants no creator has.
func freeCode(ctx context.Context, tx *Tx, code string) (string, error) {
	candidate := code
	for n := 2; n <= maxCodeVariants+1; n++ {
		owner, err := codeOwner(ctx, tx, candidate)
		if err != nil {
			return "", err
		}
		if owner == "" {
			return candidate, nil
		}
		candidate = creator.Variant(code, n)
	}
	return "", backend.Errorf(backend.ECONFLICT, "No free code is left near %s: type one.", code).Localized("code_none_free", "code", code)
}

// suggestionFor loads what Suggest and AddCode need: the creator and the campaign (nil for none).
func (s *CreatorService) suggestionFor(ctx context.Context, tx *Tx, creatorID, campaignID int64) (backend.Creator, *backend.Campaign, error) {
	c, err := s.findCreator(ctx, tx, creatorID)
	if err != nil {
		return c, nil, err
	}
	if campaignID == 0 {
		return c, nil, nil
	}
	campaign, err := findCampaign(ctx, tx, campaignID)
	if err != nil {
		return c, nil, err
	}
	return c, &campaign, nil
}

// Suggest proposes a free code and UTM parameters for a creator in a campaign.
func (s *CreatorService) Suggest(ctx context.Context, creatorID, campaignID int64) (backend.Suggestion, error) {
	var out backend.Suggestion
	err := s.read(ctx, func(tx *Tx) error {
		c, campaign, err := s.suggestionFor(ctx, tx, creatorID, campaignID)
		if err != nil {
			return err
		}
		if out.Code, err = freeCode(ctx, tx, creator.GenerateCode(c, campaign)); err != nil {
			return err
		}
		out.Params = creator.Suggest(c, campaign)
		if campaign != nil {
			out.BaseURL = campaign.LandingURL
		}
		return nil
	})
	return out, err
}

// AddCode adds a discount code, generating it when none is typed.
func (s *CreatorService) AddCode(ctx context.Context, nc backend.NewCode) (backend.CreatorCode, error) {
	if nc.DiscountPercent < 0 || nc.DiscountPercent > backend.MaxDiscountPercent {
		return backend.CreatorCode{}, backend.Errorf(backend.EINVALID, "A discount is between 0 and %d %%.", backend.MaxDiscountPercent).
			Localized("discount_range", "limit", strconv.Itoa(backend.MaxDiscountPercent))
	}
	typed := strings.TrimSpace(nc.Code) != ""
	code := ""
	if typed {
		var err error
		if code, err = creator.NormalizeCode(nc.Code); err != nil {
			return backend.CreatorCode{}, err
		}
	}
	var out backend.CreatorCode
	err := s.write(ctx, func(tx *Tx, ch *changes) error {
		var campaignID int64
		if nc.CampaignID != nil {
			campaignID = *nc.CampaignID
		}
		c, campaign, err := s.suggestionFor(ctx, tx, nc.CreatorID, campaignID)
		if err != nil {
			return err
		}
		if typed {
			owner, err := codeOwner(ctx, tx, code)
			if err != nil {
				return err
			}
			if owner != "" {
				return backend.Errorf(backend.ECONFLICT, "The code %s already belongs to %s.", code, owner).
					Localized("code_taken", "code", code, "creator", owner)
			}
		} else if code, err = freeCode(ctx, tx, creator.GenerateCode(c, campaign)); err != nil {
			return err
		}
		discount := nc.DiscountPercent
		if discount == 0 && campaign != nil {
			discount = campaign.DiscountPercent
		}
		res, err := tx.exec(ctx, `INSERT INTO creator_codes (creator_id, campaign_id, code, discount_percent, created_at) VALUES (?, ?, ?, ?, ?)`,
			c.ID, nc.CampaignID, code, discount, formatTime(tx.Now))
		if err != nil {
			return err
		}
		out = backend.CreatorCode{CreatorID: c.ID, CampaignID: nc.CampaignID, Code: code, DiscountPercent: discount, CreatedAt: tx.Now}
		if out.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		ch.creators = append(ch.creators, c.ID)
		return s.audit(ctx, tx, ch, backend.AuditCreatorCodeAdded, creatorSubject(c.ID), "", nil,
			map[string]any{"code": code, "campaign_id": nc.CampaignID, "discount_percent": discount})
	})
	return out, err
}

// DeleteCode removes a code.
func (s *CreatorService) DeleteCode(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *Tx, ch *changes) error {
		codes, err := findCodes(ctx, tx, `WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if len(codes) == 0 {
			return backend.Errorf(backend.ENOTFOUND, "There is no code %d.", id).Localized("code_not_found", "id", strconv.FormatInt(id, 10))
		}
		if _, err := tx.exec(ctx, `DELETE FROM creator_codes WHERE id = ?`, id); err != nil {
			return err
		}
		ch.creators = append(ch.creators, codes[0].CreatorID)
		return s.audit(ctx, tx, ch, backend.AuditCreatorCodeDeleted, creatorSubject(codes[0].CreatorID), "",
			map[string]any{"code": codes[0].Code}, nil)
	})
}

// PreviewLink builds a UTM link without saving it.
func (s *CreatorService) PreviewLink(_ context.Context, baseURL string, p backend.UTMParams) (backend.UTMLink, error) {
	return creator.BuildLink(baseURL, p)
}

// AddLink builds and saves a UTM link.
func (s *CreatorService) AddLink(ctx context.Context, nl backend.NewLink) (backend.UTMLink, error) {
	link, err := creator.BuildLink(nl.BaseURL, nl.Params)
	if err != nil {
		return backend.UTMLink{}, err
	}
	link.CreatorID, link.CampaignID = nl.CreatorID, nl.CampaignID
	err = s.write(ctx, func(tx *Tx, ch *changes) error {
		if err := requireRow(ctx, tx, "creators", nl.CreatorID, creatorNotFound); err != nil {
			return err
		}
		if err := requireCampaign(ctx, tx, nl.CampaignID); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `INSERT INTO creator_links (creator_id, campaign_id, base_url, utm_source, utm_medium, utm_campaign,
			utm_content, original, url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, nl.CreatorID, nl.CampaignID, link.BaseURL,
			link.Params.Source, link.Params.Medium, link.Params.Campaign, link.Params.Content, jsonText(link.Original), link.URL, formatTime(tx.Now))
		if err != nil {
			return err
		}
		if link.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		link.CreatedAt = tx.Now
		ch.creators = append(ch.creators, nl.CreatorID)
		return s.audit(ctx, tx, ch, backend.AuditCreatorLinkAdded, creatorSubject(nl.CreatorID), "", nil,
			map[string]any{"url": link.URL, "campaign_id": nl.CampaignID})
	})
	if err != nil {
		return backend.UTMLink{}, err
	}
	return link, nil
}

// DeleteLink removes a link.
func (s *CreatorService) DeleteLink(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *Tx, ch *changes) error {
		links, err := findLinks(ctx, tx, `WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if len(links) == 0 {
			return backend.Errorf(backend.ENOTFOUND, "There is no link %d.", id).Localized("link_not_found", "id", strconv.FormatInt(id, 10))
		}
		if _, err := tx.exec(ctx, `DELETE FROM creator_links WHERE id = ?`, id); err != nil {
			return err
		}
		ch.creators = append(ch.creators, links[0].CreatorID)
		return s.audit(ctx, tx, ch, backend.AuditCreatorLinkDeleted, creatorSubject(links[0].CreatorID), "",
			map[string]any{"url": links[0].URL}, nil)
	})
}

// --- results and performance --------------------------------------------------------------------

func findResults(ctx context.Context, tx *Tx, clause string, args ...any) ([]backend.CreatorResult, error) {
	out := []backend.CreatorResult{}
	err := eachRow(ctx, tx, `SELECT id, creator_id, campaign_id, code, date, orders, revenue_cents, currency, note, created_at
		FROM creator_results `+clause, args, func(r *sql.Rows) error {
		var x backend.CreatorResult
		var campaign sql.NullInt64
		var created string
		if err := r.Scan(&x.ID, &x.CreatorID, &campaign, &x.Code, &x.Date, &x.Orders, &x.RevenueCents, &x.Currency, &x.Note, &created); err != nil {
			return err
		}
		if campaign.Valid {
			x.CampaignID = &campaign.Int64
		}
		x.CreatedAt, _ = parseTime(created)
		out = append(out, x)
		return nil
	})
	return out, err
}

// AddResult records orders and revenue by hand.
func (s *CreatorService) AddResult(ctx context.Context, r backend.CreatorResult) (backend.CreatorResult, error) {
	r.Currency = strings.ToUpper(strings.TrimSpace(r.Currency))
	if r.Currency == "" {
		r.Currency = "EUR"
	}
	r.Note = strings.TrimSpace(r.Note)
	r.Date = strings.TrimSpace(r.Date)
	if strings.TrimSpace(r.Code) != "" {
		code, err := creator.NormalizeCode(r.Code)
		if err != nil {
			return backend.CreatorResult{}, err
		}
		r.Code = code
	} else {
		r.Code = ""
	}
	if err := r.Validate(); err != nil {
		return backend.CreatorResult{}, err
	}
	err := s.write(ctx, func(tx *Tx, ch *changes) error {
		if err := requireRow(ctx, tx, "creators", r.CreatorID, creatorNotFound); err != nil {
			return err
		}
		if err := requireCampaign(ctx, tx, r.CampaignID); err != nil {
			return err
		}
		if r.Code != "" {
			var ok bool
			if err := tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM creator_codes WHERE creator_id = ? AND code = ?)`, r.CreatorID, r.Code).Scan(&ok); err != nil {
				return err
			}
			if !ok {
				return backend.Errorf(backend.EINVALID, "%s is not one of this creator's codes.", r.Code).Localized("result_code_unknown", "code", r.Code)
			}
		}
		res, err := tx.exec(ctx, `INSERT INTO creator_results (creator_id, campaign_id, code, date, orders, revenue_cents, currency, note,
			created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.CreatorID, r.CampaignID, r.Code, r.Date, r.Orders, r.RevenueCents, r.Currency,
			r.Note, formatTime(tx.Now))
		if err != nil {
			return err
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		r.CreatedAt = tx.Now
		ch.creators = append(ch.creators, r.CreatorID)
		return s.audit(ctx, tx, ch, backend.AuditCreatorResultAdded, creatorSubject(r.CreatorID), "", nil,
			map[string]any{"id": r.ID, "code": r.Code, "date": r.Date, "orders": r.Orders, "revenue_cents": r.RevenueCents, "currency": r.Currency})
	})
	if err != nil {
		return backend.CreatorResult{}, err
	}
	return r, nil
}

// DeleteResult removes a result.
func (s *CreatorService) DeleteResult(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *Tx, ch *changes) error {
		results, err := findResults(ctx, tx, `WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if len(results) == 0 {
			return backend.Errorf(backend.ENOTFOUND, "There is no result %d.", id).Localized("result_not_found", "id", strconv.FormatInt(id, 10))
		}
		if _, err := tx.exec(ctx, `DELETE FROM creator_results WHERE id = ?`, id); err != nil {
			return err
		}
		r := results[0]
		ch.creators = append(ch.creators, r.CreatorID)
		return s.audit(ctx, tx, ch, backend.AuditCreatorResultDelete, creatorSubject(r.CreatorID), "",
			map[string]any{"id": r.ID, "code": r.Code, "date": r.Date, "orders": r.Orders, "revenue_cents": r.RevenueCents, "currency": r.Currency}, nil)
	})
}

// Limits of a performance summary.
const (
	performanceConversations = 10
	mentionsShown            = 5
	mentionPage              = 200
)

// Performance gathers what a creator brought: conversations of the contacts their handles link
// to, the calendar posts of their campaigns and those linked to them (creator_id), once each,
// mentions of their codes in the inbox and their results.
func (s *CreatorService) Performance(ctx context.Context, creatorID int64) (backend.CreatorPerformance, error) {
	out := backend.CreatorPerformance{CreatorID: creatorID, Contacts: []backend.ContactSummary{}, Conversations: []backend.Conversation{},
		PostIDs: []int64{}, Posts: []backend.PostSummary{}, Mentions: []backend.CodeMention{}, Results: []backend.CreatorResult{}, Totals: []backend.ResultTotal{}}
	var codes []string
	err := s.read(ctx, func(tx *Tx) error {
		if err := requireRow(ctx, tx, "creators", creatorID, creatorNotFound); err != nil {
			return err
		}
		var contactIDs []int64
		err := eachRow(ctx, tx, `SELECT DISTINCT c.id, c.display_name, i.handle, c.influencer, c.vip FROM creator_handles h
			JOIN contact_identities i ON i.platform = h.platform AND (i.handle = h.handle COLLATE NOCASE OR i.handle = '@' || h.handle COLLATE NOCASE)
			JOIN contacts c ON c.id = i.contact_id WHERE h.creator_id = ? ORDER BY c.id`, []any{creatorID}, func(r *sql.Rows) error {
			var c backend.ContactSummary
			if err := r.Scan(&c.ID, &c.DisplayName, &c.Handle, &c.Influencer, &c.VIP); err != nil {
				return err
			}
			if len(contactIDs) == 0 || contactIDs[len(contactIDs)-1] != c.ID {
				contactIDs = append(contactIDs, c.ID)
				out.Contacts = append(out.Contacts, c)
			}
			return nil
		})
		if err != nil {
			return err
		}
		ids := jsonText(nonNil(contactIDs))
		if err := tx.queryRow(ctx, `SELECT count(*) FROM conversations WHERE contact_id IN (SELECT value FROM json_each(?))`, ids).
			Scan(&out.ConversationCount); err != nil {
			return err
		}
		var convIDs []int64
		err = eachRow(ctx, tx, `SELECT id FROM conversations WHERE contact_id IN (SELECT value FROM json_each(?))
			ORDER BY last_message_at DESC, id DESC LIMIT ?`, []any{ids, performanceConversations}, func(r *sql.Rows) error {
			var id int64
			if err := r.Scan(&id); err != nil {
				return err
			}
			convIDs = append(convIDs, id)
			return nil
		})
		if err != nil {
			return err
		}
		conversations, err := findConversations(ctx, tx, nonNil(convIDs))
		if err != nil {
			return err
		}
		for _, id := range convIDs {
			out.Conversations = append(out.Conversations, conversations[id])
		}
		err = eachRow(ctx, tx, `SELECT p.post_id FROM campaign_posts p JOIN campaign_creators cc ON cc.campaign_id = p.campaign_id
			WHERE cc.creator_id = ? UNION SELECT id FROM calendar_posts WHERE creator_id = ? ORDER BY 1`, []any{creatorID, creatorID},
			func(r *sql.Rows) error {
				var id int64
				if err := r.Scan(&id); err != nil {
					return err
				}
				out.PostIDs = append(out.PostIDs, id)
				return nil
			})
		if err != nil {
			return err
		}
		if out.Posts, err = postSummaries(ctx, tx, out.PostIDs); err != nil {
			return err
		}
		if out.Results, err = findResults(ctx, tx, `WHERE creator_id = ? ORDER BY date DESC, id DESC`, creatorID); err != nil {
			return err
		}
		totals := map[string]*backend.ResultTotal{}
		for _, r := range out.Results {
			t, ok := totals[r.Currency]
			if !ok {
				t = &backend.ResultTotal{Currency: r.Currency}
				totals[r.Currency] = t
			}
			t.Orders += r.Orders
			t.RevenueCents += r.RevenueCents
		}
		for _, t := range totals {
			out.Totals = append(out.Totals, *t)
		}
		slices.SortFunc(out.Totals, func(a, b backend.ResultTotal) int { return strings.Compare(a.Currency, b.Currency) })
		list, err := findCodes(ctx, tx, `WHERE creator_id = ? ORDER BY id`, creatorID)
		for _, c := range list {
			codes = append(codes, c.Code)
		}
		return err
	})
	if err != nil {
		return out, err
	}
	for _, code := range codes {
		m, err := s.mentions(ctx, code)
		if err != nil {
			return out, err
		}
		out.Mentions = append(out.Mentions, m)
	}
	return out, nil
}

// mentions counts the inbox messages whose text contains code as a word (full-text search of the
// quoted code), up to backend.MaxCodeMentions.
func (s *CreatorService) mentions(ctx context.Context, code string) (backend.CodeMention, error) {
	m := backend.CodeMention{Code: code, Recent: []backend.SearchResult{}}
	if s.search == nil {
		return m, nil
	}
	cursor := ""
	for {
		page, err := s.search.Search(ctx, `"`+code+`"`, cursor, mentionPage)
		if err != nil {
			return m, err
		}
		for _, r := range page.Results {
			if len(m.Recent) < mentionsShown {
				m.Recent = append(m.Recent, r)
			}
		}
		m.Count += len(page.Results)
		if page.NextCursor == "" {
			return m, nil
		}
		if m.Count >= backend.MaxCodeMentions {
			m.More = true
			return m, nil
		}
		cursor = page.NextCursor
	}
}

// postSummaries names the calendar posts among ids that exist, dated ones by date, then undated ones.
func postSummaries(ctx context.Context, tx *Tx, ids []int64) ([]backend.PostSummary, error) {
	out := []backend.PostSummary{}
	err := eachRow(ctx, tx, `SELECT `+postColumns+` FROM calendar_posts WHERE id IN (SELECT value FROM json_each(?))
		ORDER BY scheduled_at IS NULL, scheduled_at, id`, []any{jsonText(nonNil(ids))}, func(r *sql.Rows) error {
		p, err := scanPost(r)
		if err != nil {
			return err
		}
		out = append(out, backend.PostSummary{ID: p.ID, Title: p.Title, Status: p.Status, ScheduledAt: p.ScheduledAt, Local: p.Local,
			TimeZone: p.TimeZone, Channels: p.Channels})
		return nil
	})
	return out, err
}
