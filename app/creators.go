package app

import (
	"context"

	"tend/backend"
)

// Creators is the creator tracker: creators and their pipeline, campaigns, codes, UTM links,
// usage rights and results.
type Creators struct {
	ctx context.Context
	svc backend.CreatorService
}

// List returns the creators the filter selects.
func (c *Creators) List(f backend.CreatorFilter) ([]backend.Creator, error) {
	return c.svc.ListCreators(c.ctx, f)
}

// Get returns a creator with codes, links, rights and campaigns.
func (c *Creators) Get(id int64) (backend.CreatorDetail, error) { return c.svc.GetCreator(c.ctx, id) }

// Create adds a creator, linking the inbox contacts their handles match.
func (c *Creators) Create(cr backend.Creator) (backend.Creator, error) {
	return c.svc.CreateCreator(c.ctx, cr)
}

// Update replaces a creator's profile.
func (c *Creators) Update(id int64, cr backend.Creator) (backend.Creator, error) {
	return c.svc.UpdateCreator(c.ctx, id, cr)
}

// Move moves a creator to a stage of the pipeline.
func (c *Creators) Move(id int64, stage backend.CreatorStage) (backend.Creator, error) {
	return c.svc.MoveCreator(c.ctx, id, stage)
}

// Delete erases a creator and everything attached to them.
func (c *Creators) Delete(id int64) error { return c.svc.DeleteCreator(c.ctx, id) }

// Campaigns returns every campaign.
func (c *Creators) Campaigns() ([]backend.Campaign, error) { return c.svc.ListCampaigns(c.ctx) }

// CreateCampaign adds a campaign.
func (c *Creators) CreateCampaign(cp backend.Campaign) (backend.Campaign, error) {
	return c.svc.CreateCampaign(c.ctx, cp)
}

// UpdateCampaign replaces a campaign.
func (c *Creators) UpdateCampaign(id int64, cp backend.Campaign) (backend.Campaign, error) {
	return c.svc.UpdateCampaign(c.ctx, id, cp)
}

// SetDeliverableDone ticks or unticks a campaign deliverable.
func (c *Creators) SetDeliverableDone(campaignID, deliverableID int64, done bool) (backend.Campaign, error) {
	return c.svc.SetDeliverableDone(c.ctx, campaignID, deliverableID, done)
}

// DeleteCampaign removes a campaign.
func (c *Creators) DeleteCampaign(id int64) error { return c.svc.DeleteCampaign(c.ctx, id) }

// Suggest proposes a code and UTM parameters for a creator in a campaign (0 for none).
func (c *Creators) Suggest(creatorID, campaignID int64) (backend.Suggestion, error) {
	return c.svc.Suggest(c.ctx, creatorID, campaignID)
}

// AddCode adds a discount code; an empty code is generated.
func (c *Creators) AddCode(nc backend.NewCode) (backend.CreatorCode, error) {
	return c.svc.AddCode(c.ctx, nc)
}

// DeleteCode removes a code.
func (c *Creators) DeleteCode(id int64) error { return c.svc.DeleteCode(c.ctx, id) }

// PreviewLink builds a UTM link without saving it.
func (c *Creators) PreviewLink(baseURL string, p backend.UTMParams) (backend.UTMLink, error) {
	return c.svc.PreviewLink(c.ctx, baseURL, p)
}

// AddLink builds and saves a UTM link.
func (c *Creators) AddLink(nl backend.NewLink) (backend.UTMLink, error) {
	return c.svc.AddLink(c.ctx, nl)
}

// DeleteLink removes a link.
func (c *Creators) DeleteLink(id int64) error { return c.svc.DeleteLink(c.ctx, id) }

// SaveRights adds or replaces a usage-rights checklist.
func (c *Creators) SaveRights(r backend.Rights) (backend.Rights, error) {
	return c.svc.SaveRights(c.ctx, r)
}

// DeleteRights removes a usage-rights checklist.
func (c *Creators) DeleteRights(id int64) error { return c.svc.DeleteRights(c.ctx, id) }

// CheckRights says whether a use of a creator's content is within their rights.
func (c *Creators) CheckRights(creatorID int64, use backend.RightsUse) (backend.RightsVerdict, error) {
	return c.svc.CheckRights(c.ctx, creatorID, use)
}

// Alerts lists the rights ending, or ended, within the alert window.
func (c *Creators) Alerts() ([]backend.RightsAlert, error) { return c.svc.RightsAlerts(c.ctx) }

// Performance gathers what a creator brought.
func (c *Creators) Performance(creatorID int64) (backend.CreatorPerformance, error) {
	return c.svc.Performance(c.ctx, creatorID)
}

// AddResult records orders and revenue by hand.
func (c *Creators) AddResult(r backend.CreatorResult) (backend.CreatorResult, error) {
	return c.svc.AddResult(c.ctx, r)
}

// DeleteResult removes a result.
func (c *Creators) DeleteResult(id int64) error { return c.svc.DeleteResult(c.ctx, id) }

// GetSettings returns the creator settings.
func (c *Creators) GetSettings() (backend.CreatorSettings, error) {
	return c.svc.GetCreatorSettings(c.ctx)
}

// UpdateSettings replaces the creator settings.
func (c *Creators) UpdateSettings(s backend.CreatorSettings) (backend.CreatorSettings, error) {
	return c.svc.UpdateCreatorSettings(c.ctx, s)
}
