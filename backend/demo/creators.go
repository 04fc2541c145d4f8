package demo

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"tend/backend"
)

// CreatorsSummary says what LoadCreators created.
type CreatorsSummary struct {
	Creators  int
	Campaigns int
	Codes     int
	Links     int
	Rights    int
	Results   int
	// IDs are the creators' ids by their key in creators.json, for the calendar's posts.
	IDs map[string]int64
}

// creatorsFile is assets/demo/creators.json. Dates are days relative to the day the demo is loaded
// ("end_days": 9 is nine days from now), so that the rights alert always has something to show.
type creatorsFile struct {
	Campaigns []struct {
		Key             string   `json:"key"`
		Name            string   `json:"name"`
		Brief           string   `json:"brief"`
		StartDays       int      `json:"start_days"`
		EndDays         int      `json:"end_days"`
		Compensation    string   `json:"compensation"`
		DiscountPercent int      `json:"discount_percent"`
		UTMCampaign     string   `json:"utm_campaign"`
		LandingURL      string   `json:"landing_url"`
		Creators        []string `json:"creators"`
		Deliverables    []struct {
			Title   string `json:"title"`
			Creator string `json:"creator"`
			DueDays int    `json:"due_days"`
			Done    bool   `json:"done"`
		} `json:"deliverables"`
	} `json:"campaigns"`
	Creators []struct {
		Key              string                  `json:"key"`
		Name             string                  `json:"name"`
		Stage            backend.CreatorStage    `json:"stage"`
		Niche            string                  `json:"niche"`
		AudienceSize     *int64                  `json:"audience_size"`
		EngagementRate   *float64                `json:"engagement_rate"`
		Territory        string                  `json:"territory"`
		Email            string                  `json:"email"`
		Phone            string                  `json:"phone"`
		Notes            string                  `json:"notes"`
		Tags             []string                `json:"tags"`
		BrandSafety      string                  `json:"brand_safety"`
		BrandSafetyNotes string                  `json:"brand_safety_notes"`
		Handles          []backend.CreatorHandle `json:"handles"`
		Codes            []struct {
			Code     string `json:"code"`
			Campaign string `json:"campaign"`
		} `json:"codes"`
		Links []struct {
			Campaign    string `json:"campaign"`
			BaseURL     string `json:"base_url"`
			Source      string `json:"source"`
			Medium      string `json:"medium"`
			UTMCampaign string `json:"utm_campaign"`
			Content     string `json:"content"`
		} `json:"links"`
		Rights []struct {
			Campaign          string   `json:"campaign"`
			Scopes            []string `json:"scopes"`
			StartDays         *int     `json:"start_days"`
			EndDays           *int     `json:"end_days"`
			Territories       []string `json:"territories"`
			CompensationTerms string   `json:"compensation_terms"`
			EditConsent       *bool    `json:"edit_consent"`
			SignedDays        *int     `json:"signed_days"`
			Notes             string   `json:"notes"`
		} `json:"rights"`
		Results []struct {
			Code         string `json:"code"`
			Days         int    `json:"days"`
			Orders       int    `json:"orders"`
			RevenueCents int64  `json:"revenue_cents"`
			Note         string `json:"note"`
		} `json:"results"`
	} `json:"creators"`
}

// LoadCreators gives the open workspace (after Load, so that handles link to the demo's contacts)
// the demo's creators at every stage of the pipeline, two campaigns, codes, UTM links, rights
// checklists (one ending within the default alert window) and results, through the service so
// that the audit trail records them.
func LoadCreators(ctx context.Context, fsys fs.FS, svc backend.CreatorService, now time.Time) (CreatorsSummary, error) {
	var sum CreatorsSummary
	var file creatorsFile
	if err := decode(fsys, "creators.json", &file); err != nil {
		return sum, err
	}
	day := func(offset int) string { return now.AddDate(0, 0, offset).Format(time.DateOnly) }
	optionalDay := func(offset *int) string {
		if offset == nil {
			return ""
		}
		return day(*offset)
	}

	creators := map[string]int64{}
	for _, c := range file.Creators {
		created, err := svc.CreateCreator(ctx, backend.Creator{Name: c.Name, Stage: c.Stage, Niche: c.Niche, AudienceSize: c.AudienceSize,
			EngagementRate: c.EngagementRate, Territory: c.Territory, Email: c.Email, Phone: c.Phone, Notes: c.Notes, Tags: c.Tags,
			BrandSafety: c.BrandSafety, BrandSafetyNotes: c.BrandSafetyNotes, Handles: c.Handles})
		if err != nil {
			return sum, fmt.Errorf("creators.json creator %s: %w", c.Key, err)
		}
		creators[c.Key] = created.ID
		sum.Creators++
	}

	campaigns := map[string]int64{}
	for _, c := range file.Campaigns {
		campaign := backend.Campaign{Name: c.Name, Brief: c.Brief, StartDate: day(c.StartDays), EndDate: day(c.EndDays),
			Compensation: c.Compensation, DiscountPercent: c.DiscountPercent, UTMCampaign: c.UTMCampaign, LandingURL: c.LandingURL}
		for _, key := range c.Creators {
			id, ok := creators[key]
			if !ok {
				return sum, fmt.Errorf("creators.json campaign %s: unknown creator %q", c.Key, key)
			}
			campaign.CreatorIDs = append(campaign.CreatorIDs, id)
		}
		for _, d := range c.Deliverables {
			deliverable := backend.Deliverable{Title: d.Title, DueDate: day(d.DueDays), Done: d.Done}
			if d.Creator != "" {
				id, ok := creators[d.Creator]
				if !ok {
					return sum, fmt.Errorf("creators.json campaign %s: unknown creator %q", c.Key, d.Creator)
				}
				deliverable.CreatorID = &id
			}
			campaign.Deliverables = append(campaign.Deliverables, deliverable)
		}
		created, err := svc.CreateCampaign(ctx, campaign)
		if err != nil {
			return sum, fmt.Errorf("creators.json campaign %s: %w", c.Key, err)
		}
		campaigns[c.Key] = created.ID
		sum.Campaigns++
	}
	campaignOf := func(key string) (*int64, error) {
		if key == "" {
			return nil, nil
		}
		id, ok := campaigns[key]
		if !ok {
			return nil, fmt.Errorf("unknown campaign %q", key)
		}
		return &id, nil
	}

	for _, c := range file.Creators {
		id := creators[c.Key]
		for _, code := range c.Codes {
			campaign, err := campaignOf(code.Campaign)
			if err == nil {
				_, err = svc.AddCode(ctx, backend.NewCode{CreatorID: id, CampaignID: campaign, Code: code.Code})
			}
			if err != nil {
				return sum, fmt.Errorf("creators.json creator %s code %s: %w", c.Key, code.Code, err)
			}
			sum.Codes++
		}
		for i, l := range c.Links {
			campaign, err := campaignOf(l.Campaign)
			if err == nil {
				_, err = svc.AddLink(ctx, backend.NewLink{CreatorID: id, CampaignID: campaign, BaseURL: l.BaseURL,
					Params: backend.UTMParams{Source: l.Source, Medium: l.Medium, Campaign: l.UTMCampaign, Content: l.Content}})
			}
			if err != nil {
				return sum, fmt.Errorf("creators.json creator %s link %d: %w", c.Key, i+1, err)
			}
			sum.Links++
		}
		for i, r := range c.Rights {
			campaign, err := campaignOf(r.Campaign)
			if err == nil {
				_, err = svc.SaveRights(ctx, backend.Rights{CreatorID: id, CampaignID: campaign, Scopes: r.Scopes,
					StartDate: optionalDay(r.StartDays), EndDate: optionalDay(r.EndDays), Territories: r.Territories,
					CompensationTerms: r.CompensationTerms, EditConsent: r.EditConsent, SignedDate: optionalDay(r.SignedDays), Notes: r.Notes})
			}
			if err != nil {
				return sum, fmt.Errorf("creators.json creator %s rights %d: %w", c.Key, i+1, err)
			}
			sum.Rights++
		}
		for i, r := range c.Results {
			campaign := (*int64)(nil)
			for _, code := range c.Codes {
				if code.Code == r.Code && code.Campaign != "" {
					campaign, _ = campaignOf(code.Campaign)
				}
			}
			if _, err := svc.AddResult(ctx, backend.CreatorResult{CreatorID: id, CampaignID: campaign, Code: r.Code, Date: day(r.Days),
				Orders: r.Orders, RevenueCents: r.RevenueCents, Currency: "EUR", Note: r.Note}); err != nil {
				return sum, fmt.Errorf("creators.json creator %s result %d: %w", c.Key, i+1, err)
			}
			sum.Results++
		}
	}
	sum.IDs = creators
	return sum, nil
}
