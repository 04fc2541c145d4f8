package backend

import (
	"context"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The creator tracker: creators and their handles, the pipeline, campaigns, discount codes and UTM
// links, the legal checklist of usage rights (the engagement guide's "liste de contrôle juridique":
// droits d'usage, durée, territoires, termes de compensation, consentement pour les modifications)
// and the results credited to each creator. The pure rules (normalisation, codes, links, fit score,
// rights checks) live in package backend/creator; the store in backend/sqlite.

// EventCreatorsChanged is published after any change of the creator tracker; payload
// CreatorsChangedEvent.
const EventCreatorsChanged = "creators:changed"

// CreatorsChangedEvent is the payload of creators:changed.
type CreatorsChangedEvent struct {
	CreatorIDs  []int64 `json:"creator_ids"`
	CampaignIDs []int64 `json:"campaign_ids"`
}

// Audit actions of the creator tracker. Snapshots never hold a creator's contact details or notes:
// the trail is append-only, and personal data must stay erasable.
const (
	AuditCreatorCreated      = "creator.created"
	AuditCreatorUpdated      = "creator.updated"
	AuditCreatorStageChanged = "creator.stage_changed" // a move on the pipeline board
	AuditCreatorDeleted      = "creator.deleted"
	AuditCreatorCodeAdded    = "creator.code_added"
	AuditCreatorCodeDeleted  = "creator.code_deleted"
	AuditCreatorLinkAdded    = "creator.link_added"
	AuditCreatorLinkDeleted  = "creator.link_deleted"
	AuditCreatorRightsSaved  = "creator.rights_saved"
	AuditCreatorRightsDelete = "creator.rights_deleted"
	AuditCreatorResultAdded  = "creator.result_added"
	AuditCreatorResultDelete = "creator.result_deleted"
	AuditCampaignCreated     = "campaign.created"
	AuditCampaignUpdated     = "campaign.updated"
	AuditCampaignDeleted     = "campaign.deleted"
	AuditCreatorSettings     = "creator.settings_changed"
	// AuditContactInfluencer records that a contact was flagged influencer because one of its
	// identities matches a creator's handle.
	AuditContactInfluencer = "contact.flagged_influencer"
)

// CreatorStage is a column of the pipeline board.
type CreatorStage string

// Pipeline stages, in board order.
const (
	StageProspect    CreatorStage = "prospect"
	StageContacted   CreatorStage = "contacted"
	StageNegotiating CreatorStage = "negotiating"
	StageContracted  CreatorStage = "contracted"
	StageLive        CreatorStage = "live"
	StageDone        CreatorStage = "done"
)

// CreatorStages lists the stages in board order.
var CreatorStages = []CreatorStage{StageProspect, StageContacted, StageNegotiating, StageContracted, StageLive, StageDone}

// Validate returns EINVALID unless s is a known stage.
func (s CreatorStage) Validate() error {
	if slices.Contains(CreatorStages, s) {
		return nil
	}
	return Errorf(EINVALID, "Unknown pipeline stage %q.", string(s)).Localized("creator_stage_unknown", "stage", string(s))
}

// Creator niches. Each has an engagement-rate benchmark (CreatorSettings.Benchmarks) the fit score
// compares a creator's rate with.
var CreatorNiches = []string{"home_decor", "beauty", "fashion", "food", "lifestyle", "wellness", "parenting", "travel", "tech", "other"}

// DefaultNicheBenchmarks are the engagement rates (percent of the audience engaging with a typical
// post) Tend starts from, per niche. They are rough starting points, not measurements: a workspace
// adjusts them in its creator settings to what it observes.
func DefaultNicheBenchmarks() map[string]float64 {
	return map[string]float64{
		"home_decor": 2.0, "beauty": 1.8, "fashion": 1.6, "food": 2.2, "lifestyle": 1.7,
		"wellness": 2.0, "parenting": 2.4, "travel": 1.9, "tech": 1.5, "other": 1.8,
	}
}

// Brand-safety assessments of a creator; "" means not assessed yet.
const (
	BrandSafetyClear = "clear" // nothing found
	BrandSafetyMinor = "minor" // minor concerns, written in the notes
	BrandSafetyMajor = "major" // serious concerns
)

// CreatorHandle is a creator's account on one platform. When a contact of the inbox has an
// identity with the same platform and handle (case-insensitive, "@" ignored), the two are linked
// and the contact is flagged influencer.
type CreatorHandle struct {
	Platform string `json:"platform"`
	Handle   string `json:"handle"` // without "@"
	// ContactID and ContactName name the linked inbox contact; read-only, nil when none matches.
	ContactID   *int64 `json:"contact_id"`
	ContactName string `json:"contact_name"`
}

// Fit factors, in display order.
const (
	FitAudience    = "audience"
	FitEngagement  = "engagement"
	FitTerritory   = "territory"
	FitBrandSafety = "brand_safety"
)

// FitInput is one factor of a fit score: the points it gave out of its maximum, and why.
type FitInput struct {
	Factor string `json:"factor"`
	Points int    `json:"points"`
	Max    int    `json:"max"`
	// Band says where the creator falls: for the audience "unknown", "starter", "nano", "micro",
	// "mid", "macro" or "mega"; for engagement "unknown", "below", "at" or "above" the benchmark;
	// for the territory "unknown", "no_target", "match" or "no_match"; for brand safety the
	// assessment, or "unknown".
	Band string `json:"band"`
	// Value is the input itself: the audience size, or the engagement rate in percent.
	Value float64 `json:"value"`
	// Benchmark is the niche's engagement rate the creator's is compared with (engagement only).
	Benchmark float64 `json:"benchmark"`
}

// Fit is a creator's fit score from 0 to 100 with its inputs (see package backend/creator).
type Fit struct {
	Score  int        `json:"score"`
	Inputs []FitInput `json:"inputs"`
}

// Creator is someone the brand works with, or may: their handles, audience and contact details
// (personal data kept locally), the stage they are at, and read-only summaries.
type Creator struct {
	ID      int64           `json:"id"`
	Name    string          `json:"name"`
	Stage   CreatorStage    `json:"stage"`
	Handles []CreatorHandle `json:"handles"`
	Niche   string          `json:"niche"` // one of CreatorNiches, "" when unknown
	// AudienceSize is the follower count on their main platform; nil when unknown.
	AudienceSize *int64 `json:"audience_size"`
	// EngagementRate is in percent (3.2 means 3.2 %); nil when unknown.
	EngagementRate *float64 `json:"engagement_rate"`
	// Territory is where most of their audience lives: an ISO 3166-1 alpha-2 code ("FR"), "" when unknown.
	Territory        string   `json:"territory"`
	Email            string   `json:"email"`
	Phone            string   `json:"phone"`
	Notes            string   `json:"notes"`
	Tags             []string `json:"tags"`
	BrandSafety      string   `json:"brand_safety"`
	BrandSafetyNotes string   `json:"brand_safety_notes"`

	// Read-only: computed by the store.
	Fit Fit `json:"fit"`
	// RightsStatus is the most pressing status of the creator's rights (see RightsStatus…), "none"
	// when there is no rights record.
	RightsStatus   string    `json:"rights_status"`
	Codes          []string  `json:"codes"`
	CampaignIDs    []int64   `json:"campaign_ids"`
	StageChangedAt time.Time `json:"stage_changed_at"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Limits on creator records.
const (
	MaxCreatorNameRunes  = 100
	MaxCreatorHandles    = 12
	MaxHandleBytes       = 100
	MaxCreatorNotesRunes = 5000
	MaxCreatorTags       = 20
	MaxEmailBytes        = 254
	MaxPhoneRunes        = 40
	MaxCreatorTextRunes  = 2000 // brief-length fields other than notes
	MaxCampaignBrief     = 5000
	MaxCampaignPosts     = 200
	MaxDeliverables      = 100
	MaxDiscountPercent   = 90
	MaxCreatorQueryRunes = 200
	MaxRevenueCents      = 1_000_000_000_000
)

var (
	countryPattern  = regexp.MustCompile(`^[A-Z]{2}$`)
	currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)
	phonePattern    = regexp.MustCompile(`^\+?[0-9 ().-]{4,40}$`)
)

// ValidCountry reports whether code looks like an ISO 3166-1 alpha-2 code ("FR").
func ValidCountry(code string) bool { return countryPattern.MatchString(code) }

// NormalizeHandle trims a handle and drops its leading "@"s.
func NormalizeHandle(h string) string {
	return strings.TrimLeft(strings.TrimSpace(h), "@")
}

// Validate returns EINVALID naming the first bad field of a creator as the user typed it (handles
// already normalised). Duplicate handles are the store's to refuse.
func (c Creator) Validate() error {
	switch {
	case strings.TrimSpace(c.Name) == "" || !utf8.ValidString(c.Name) || utf8.RuneCountInString(c.Name) > MaxCreatorNameRunes:
		return Errorf(EINVALID, "A creator needs a name of at most %d characters.", MaxCreatorNameRunes).Localized("creator_name_required")
	case c.Niche != "" && !slices.Contains(CreatorNiches, c.Niche):
		return Errorf(EINVALID, "Unknown niche %q.", c.Niche).Localized("creator_niche_unknown", "niche", c.Niche)
	case c.AudienceSize != nil && *c.AudienceSize < 0:
		return Errorf(EINVALID, "An audience size cannot be negative.").Localized("creator_audience_invalid")
	case c.EngagementRate != nil && !(*c.EngagementRate >= 0 && *c.EngagementRate <= 100):
		return Errorf(EINVALID, "An engagement rate is a percentage between 0 and 100.").Localized("creator_engagement_invalid")
	case c.Territory != "" && !ValidCountry(c.Territory):
		return Errorf(EINVALID, "Invalid territory %q: use a two-letter country code such as FR.", c.Territory).
			Localized("territory_invalid", "territory", c.Territory)
	case c.Email != "" && !validEmail(c.Email):
		return Errorf(EINVALID, "Invalid email address %q.", c.Email).Localized("creator_email_invalid", "email", c.Email)
	case c.Phone != "" && !phonePattern.MatchString(c.Phone):
		return Errorf(EINVALID, "Invalid phone number %q: digits, spaces and + ( ) . - only.", c.Phone).
			Localized("creator_phone_invalid", "phone", c.Phone)
	case !utf8.ValidString(c.Notes) || utf8.RuneCountInString(c.Notes) > MaxCreatorNotesRunes:
		return Errorf(EINVALID, "Notes have at most %d characters.", MaxCreatorNotesRunes).
			Localized("creator_notes_too_long", "limit", strconv.Itoa(MaxCreatorNotesRunes))
	case c.BrandSafety != "" && c.BrandSafety != BrandSafetyClear && c.BrandSafety != BrandSafetyMinor && c.BrandSafety != BrandSafetyMajor:
		return Errorf(EINVALID, "Unknown brand-safety assessment %q.", c.BrandSafety).Localized("creator_brand_safety_unknown", "value", c.BrandSafety)
	case !utf8.ValidString(c.BrandSafetyNotes) || utf8.RuneCountInString(c.BrandSafetyNotes) > MaxCreatorTextRunes:
		return Errorf(EINVALID, "Brand-safety notes have at most %d characters.", MaxCreatorTextRunes).
			Localized("creator_notes_too_long", "limit", strconv.Itoa(MaxCreatorTextRunes))
	case len(c.Tags) > MaxCreatorTags:
		return Errorf(EINVALID, "A creator has at most %d tags.", MaxCreatorTags).Localized("creator_tags_too_many", "limit", strconv.Itoa(MaxCreatorTags))
	case len(c.Handles) > MaxCreatorHandles:
		return Errorf(EINVALID, "A creator has at most %d handles.", MaxCreatorHandles).Localized("creator_handles_too_many", "limit", strconv.Itoa(MaxCreatorHandles))
	}
	if c.Stage != "" {
		if err := c.Stage.Validate(); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for _, h := range c.Handles {
		if !slices.Contains(Platforms, h.Platform) {
			return Errorf(EINVALID, "Unknown platform %q.", h.Platform).Localized("channel_platform_unknown", "platform", h.Platform)
		}
		if h.Handle == "" || len(h.Handle) > MaxHandleBytes || !utf8.ValidString(h.Handle) || strings.IndexFunc(h.Handle, unicode.IsSpace) >= 0 ||
			strings.HasPrefix(h.Handle, "@") {
			return Errorf(EINVALID, "Invalid handle %q: 1 to %d characters without spaces.", h.Handle, MaxHandleBytes).
				Localized("creator_handle_invalid", "handle", h.Handle)
		}
		key := h.Platform + "\x00" + strings.ToLower(h.Handle)
		if seen[key] {
			return Errorf(EINVALID, "The %s handle @%s is listed twice.", h.Platform, h.Handle).
				Localized("creator_handle_twice", "platform", h.Platform, "handle", h.Handle)
		}
		seen[key] = true
	}
	return nil
}

func validEmail(s string) bool {
	if len(s) > MaxEmailBytes || strings.ContainsAny(s, " <>,;\"") {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndex(s, "@")+1:], ".")
}

// CreatorFilter selects creators; empty fields do not filter.
type CreatorFilter struct {
	Stages     []CreatorStage `json:"stages"`
	Niche      string         `json:"niche"`
	Territory  string         `json:"territory"`
	Tag        string         `json:"tag"`
	CampaignID int64          `json:"campaign_id"`
	MinFit     int            `json:"min_fit"`
	// Query keeps creators whose name, handles, tags or notes contain it, ignoring case and accents.
	Query string `json:"query"`
}

// Validate returns EINVALID naming the first bad field.
func (f CreatorFilter) Validate() error {
	for _, s := range f.Stages {
		if err := s.Validate(); err != nil {
			return err
		}
	}
	switch {
	case f.Niche != "" && !slices.Contains(CreatorNiches, f.Niche):
		return Errorf(EINVALID, "Unknown niche %q.", f.Niche).Localized("creator_niche_unknown", "niche", f.Niche)
	case f.MinFit < 0 || f.MinFit > 100:
		return Errorf(EINVALID, "A minimum fit score is between 0 and 100.").Localized("creator_min_fit_range")
	case !utf8.ValidString(f.Query) || utf8.RuneCountInString(f.Query) > MaxCreatorQueryRunes:
		return Errorf(EINVALID, "Search for at most %d characters.", MaxCreatorQueryRunes).
			Localized("template_query_too_long", "limit", strconv.Itoa(MaxCreatorQueryRunes))
	}
	return nil
}

// CreatorCode is a discount code credited to a creator, unique in the workspace: upper-case A–Z
// and 0–9, 4 to 20 characters.
type CreatorCode struct {
	ID              int64     `json:"id"`
	CreatorID       int64     `json:"creator_id"`
	CampaignID      *int64    `json:"campaign_id"`
	Code            string    `json:"code"`
	DiscountPercent int       `json:"discount_percent"`
	CreatedAt       time.Time `json:"created_at"`
}

// NewCode asks for a code. An empty Code is generated from the creator's handle and the campaign
// (see backend/creator.GenerateCode); a typed one is normalised (trimmed, accents folded, upper-cased)
// and must then be valid.
type NewCode struct {
	CreatorID       int64  `json:"creator_id"`
	CampaignID      *int64 `json:"campaign_id"`
	Code            string `json:"code"`
	DiscountPercent int    `json:"discount_percent"`
}

// UTMParams are the four UTM parameters Tend sets on a link.
type UTMParams struct {
	Source   string `json:"source"`
	Medium   string `json:"medium"`
	Campaign string `json:"campaign"`
	Content  string `json:"content"`
}

// UTMLink is a landing-page address with UTM parameters, credited to a creator.
type UTMLink struct {
	ID         int64  `json:"id"`
	CreatorID  int64  `json:"creator_id"`
	CampaignID *int64 `json:"campaign_id"`
	BaseURL    string `json:"base_url"`
	// Params are the normalised values in the link; Original the values as typed.
	Params   UTMParams `json:"params"`
	Original UTMParams `json:"original"`
	// Changed names the parameters ("source", "medium", "campaign", "content") normalisation changed.
	Changed   []string  `json:"changed"`
	URL       string    `json:"url"`
	CreatedAt time.Time `json:"created_at"`
}

// NewLink asks for a UTM link.
type NewLink struct {
	CreatorID  int64     `json:"creator_id"`
	CampaignID *int64    `json:"campaign_id"`
	BaseURL    string    `json:"base_url"`
	Params     UTMParams `json:"params"`
}

// Suggestion is what Tend proposes for a creator's code and link in a campaign, generated the same
// way every time.
type Suggestion struct {
	Code    string    `json:"code"`
	BaseURL string    `json:"base_url"` // the campaign's landing page, "" when none
	Params  UTMParams `json:"params"`
}

// Usage-rights scopes: where the brand may use a creator's content.
const (
	ScopeOrganic      = "organic"      // the brand's own organic posts
	ScopePaidAds      = "paid_ads"     // paid ads from the brand's accounts
	ScopeWhitelisting = "whitelisting" // ads run from the creator's account (whitelisting, Spark Ads, partnership ads)
	ScopeWebsite      = "website"      // the brand's website and product pages
	ScopeEmail        = "email"        // newsletters and email
	ScopeOffline      = "offline"      // print, packaging, in store
)

// RightsScopes lists the scopes in display order.
var RightsScopes = []string{ScopeOrganic, ScopePaidAds, ScopeWhitelisting, ScopeWebsite, ScopeEmail, ScopeOffline}

// Territories a right may cover besides country codes.
const (
	TerritoryWorldwide = "WW" // everywhere
	TerritoryEU        = "EU" // the 27 member states of the European Union
)

// Rights statuses, from the most pressing.
const (
	RightsExpired    = "expired"     // the end date has passed
	RightsIncomplete = "incomplete"  // a checklist item other than the signature is missing
	RightsUnsigned   = "unsigned"    // complete but not signed
	RightsExpiring   = "expiring"    // signed, ending within the alert window
	RightsNotStarted = "not_started" // signed, starting later
	RightsActive     = "active"      // signed and in force
	RightsNone       = "none"        // no rights record (creator summaries only)
)

// Checklist items of the guide's legal checklist, in display order.
const (
	ChecklistScope        = "scope"
	ChecklistDuration     = "duration"
	ChecklistTerritories  = "territories"
	ChecklistCompensation = "compensation"
	ChecklistEditConsent  = "edit_consent"
	ChecklistSigned       = "signed"
)

// ChecklistItem is one line of the legal checklist and whether it is settled.
type ChecklistItem struct {
	Item string `json:"item"`
	Done bool   `json:"done"`
}

// Rights is the legal checklist of one agreement with a creator, for a campaign or in general:
// which uses of their content are allowed, for how long, where, against what, whether the brand
// may edit it, and when it was signed. Dates are "YYYY-MM-DD", "" when not set yet.
type Rights struct {
	ID                int64    `json:"id"`
	CreatorID         int64    `json:"creator_id"`
	CampaignID        *int64   `json:"campaign_id"`
	Scopes            []string `json:"scopes"`
	StartDate         string   `json:"start_date"`
	EndDate           string   `json:"end_date"`
	Territories       []string `json:"territories"` // country codes, "EU" or "WW"
	CompensationTerms string   `json:"compensation_terms"`
	// EditConsent says whether the creator agreed that the brand edits their content: nil while
	// not settled.
	EditConsent *bool  `json:"edit_consent"`
	SignedDate  string `json:"signed_date"`
	Notes       string `json:"notes"`

	// Read-only: computed by the store for today in the workspace's time zone.
	Status    string          `json:"status"`
	DaysLeft  *int            `json:"days_left"` // days until the end date (0: ends today), nil without one
	Checklist []ChecklistItem `json:"checklist"`
	CreatedAt time.Time       `json:"created_at"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// ValidDate reports whether s is a date written YYYY-MM-DD.
func ValidDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// ValidTerritory reports whether t may appear in a rights record or a target list: a country code,
// "EU" or "WW" (both have the shape of a country code).
func ValidTerritory(t string) bool { return ValidCountry(t) }

func checkDate(field, value string) error {
	if value != "" && !ValidDate(value) {
		return Errorf(EINVALID, "Invalid date %q for %s: use YYYY-MM-DD.", value, field).
			Localized("date_invalid", "field", field, "date", value)
	}
	return nil
}

// CheckDateOrder returns EINVALID when both dates are set and end comes before start.
func CheckDateOrder(start, end string) error {
	if start != "" && end != "" && end < start {
		return Errorf(EINVALID, "The end date %s comes before the start date %s.", end, start).
			Localized("dates_out_of_order", "start", start, "end", end)
	}
	return nil
}

// Validate returns EINVALID naming the first bad field.
func (r Rights) Validate() error {
	seen := map[string]bool{}
	for _, s := range r.Scopes {
		if !slices.Contains(RightsScopes, s) {
			return Errorf(EINVALID, "Unknown usage scope %q.", s).Localized("rights_scope_unknown", "scope", s)
		}
		if seen[s] {
			return Errorf(EINVALID, "The usage scope %q is listed twice.", s).Localized("rights_scope_unknown", "scope", s)
		}
		seen[s] = true
	}
	for _, t := range r.Territories {
		if !ValidTerritory(t) {
			return Errorf(EINVALID, "Invalid territory %q: use a two-letter country code such as FR, EU or WW.", t).
				Localized("territory_invalid", "territory", t)
		}
	}
	for _, d := range []struct{ field, value string }{{"start_date", r.StartDate}, {"end_date", r.EndDate}, {"signed_date", r.SignedDate}} {
		if err := checkDate(d.field, d.value); err != nil {
			return err
		}
	}
	if err := CheckDateOrder(r.StartDate, r.EndDate); err != nil {
		return err
	}
	for _, text := range []string{r.CompensationTerms, r.Notes} {
		if !utf8.ValidString(text) || utf8.RuneCountInString(text) > MaxCreatorTextRunes {
			return Errorf(EINVALID, "Terms and notes have at most %d characters.", MaxCreatorTextRunes).
				Localized("creator_notes_too_long", "limit", strconv.Itoa(MaxCreatorTextRunes))
		}
	}
	if r.CreatorID <= 0 {
		return Errorf(EINVALID, "Rights belong to a creator.").Localized("creator_required")
	}
	return nil
}

// RightsUse is a use of a creator's content to check against their rights: when (YYYY-MM-DD),
// where (a country code; "" when it cannot be narrowed down, which only worldwide rights cover)
// and how (a scope).
type RightsUse struct {
	Date      string `json:"date"`
	Territory string `json:"territory"`
	Scope     string `json:"scope"`
}

// Validate returns EINVALID naming the first bad field.
func (u RightsUse) Validate() error {
	switch {
	case !ValidDate(u.Date):
		return Errorf(EINVALID, "Invalid date %q for date: use YYYY-MM-DD.", u.Date).Localized("date_invalid", "field", "date", "date", u.Date)
	case u.Territory != "" && !ValidCountry(u.Territory):
		return Errorf(EINVALID, "Invalid territory %q: use a two-letter country code such as FR.", u.Territory).
			Localized("territory_invalid", "territory", u.Territory)
	case !slices.Contains(RightsScopes, u.Scope):
		return Errorf(EINVALID, "Unknown usage scope %q.", u.Scope).Localized("rights_scope_unknown", "scope", u.Scope)
	}
	return nil
}

// Problems a rights check finds.
const (
	ProblemNoRights   = "no_rights"   // the creator has no rights record at all
	ProblemInvalidUse = "invalid_use" // the use itself is malformed
	ProblemUnsigned   = "unsigned"    // the agreement is not signed
	ProblemScope      = "scope"       // the use's scope is not granted
	ProblemNotStarted = "not_started" // the use comes before the start date
	ProblemExpired    = "expired"     // the use comes after the end date
	ProblemNoEndDate  = "no_end_date" // the agreement has no end date, so no known duration
	ProblemTerritory  = "territory"   // the use's territory is not covered
)

// RightsProblem is one reason a use is outside a creator's rights. Params fill the frontend's
// message ("scope", "date", "start", "end", "territory").
type RightsProblem struct {
	Kind    string            `json:"kind"`
	Message string            `json:"message"` // English
	Params  map[string]string `json:"params"`
}

// RightsVerdict says whether a use is within a creator's rights. RightsID names the record that
// allows it, or the closest one when none does (nil when there is none).
type RightsVerdict struct {
	Allowed  bool            `json:"allowed"`
	RightsID *int64          `json:"rights_id"`
	Problems []RightsProblem `json:"problems"`
}

// RightsAlert is a signed rights record ending within the alert window, or ended within it.
type RightsAlert struct {
	Rights       Rights       `json:"rights"`
	CreatorID    int64        `json:"creator_id"`
	CreatorName  string       `json:"creator_name"`
	CreatorStage CreatorStage `json:"creator_stage"`
	CampaignName string       `json:"campaign_name"`
	DaysLeft     int          `json:"days_left"` // negative once expired
}

// Deliverable is something a campaign expects by a date, from one creator or from all.
type Deliverable struct {
	ID        int64      `json:"id"`
	CreatorID *int64     `json:"creator_id"`
	Title     string     `json:"title"`
	DueDate   string     `json:"due_date"` // YYYY-MM-DD, "" when open
	Done      bool       `json:"done"`
	DoneAt    *time.Time `json:"done_at"` // read-only
}

// Campaign is a collaboration with one or more creators: a brief, dates, deliverables,
// compensation, and the calendar posts it covers (by id only: the calendar owns them).
type Campaign struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Brief        string `json:"brief"`
	StartDate    string `json:"start_date"` // YYYY-MM-DD
	EndDate      string `json:"end_date"`
	Compensation string `json:"compensation"`
	// DiscountPercent is the discount of the campaign's codes; it ends generated codes (LEA10).
	DiscountPercent int `json:"discount_percent"`
	// UTMCampaign is the utm_campaign value of its links, normalised; "" makes it from the name.
	UTMCampaign string `json:"utm_campaign"`
	// LandingURL is the page its links point to by default; "" when none.
	LandingURL   string        `json:"landing_url"`
	CreatorIDs   []int64       `json:"creator_ids"`
	Deliverables []Deliverable `json:"deliverables"`
	PostIDs      []int64       `json:"post_ids"`
	CreatedAt    time.Time     `json:"created_at"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

// Validate returns EINVALID naming the first bad field (the landing URL and UTM value are checked
// by backend/creator, creators' existence by the store).
func (c Campaign) Validate() error {
	switch {
	case strings.TrimSpace(c.Name) == "" || !utf8.ValidString(c.Name) || utf8.RuneCountInString(c.Name) > MaxCreatorNameRunes:
		return Errorf(EINVALID, "A campaign needs a name of at most %d characters.", MaxCreatorNameRunes).Localized("campaign_name_required")
	case !utf8.ValidString(c.Brief) || utf8.RuneCountInString(c.Brief) > MaxCampaignBrief:
		return Errorf(EINVALID, "A brief has at most %d characters.", MaxCampaignBrief).
			Localized("creator_notes_too_long", "limit", strconv.Itoa(MaxCampaignBrief))
	case !utf8.ValidString(c.Compensation) || utf8.RuneCountInString(c.Compensation) > MaxCreatorTextRunes:
		return Errorf(EINVALID, "Compensation terms have at most %d characters.", MaxCreatorTextRunes).
			Localized("creator_notes_too_long", "limit", strconv.Itoa(MaxCreatorTextRunes))
	case c.DiscountPercent < 0 || c.DiscountPercent > MaxDiscountPercent:
		return Errorf(EINVALID, "A discount is between 0 and %d %%.", MaxDiscountPercent).
			Localized("discount_range", "limit", strconv.Itoa(MaxDiscountPercent))
	case len(c.PostIDs) > MaxCampaignPosts:
		return Errorf(EINVALID, "A campaign links at most %d posts.", MaxCampaignPosts).Localized("campaign_posts_too_many", "limit", strconv.Itoa(MaxCampaignPosts))
	case len(c.Deliverables) > MaxDeliverables:
		return Errorf(EINVALID, "A campaign has at most %d deliverables.", MaxDeliverables).
			Localized("campaign_deliverables_too_many", "limit", strconv.Itoa(MaxDeliverables))
	}
	for _, d := range []struct{ field, value string }{{"start_date", c.StartDate}, {"end_date", c.EndDate}} {
		if err := checkDate(d.field, d.value); err != nil {
			return err
		}
	}
	if err := CheckDateOrder(c.StartDate, c.EndDate); err != nil {
		return err
	}
	for _, id := range c.PostIDs {
		if id <= 0 {
			return Errorf(EINVALID, "Invalid post id %d.", id).Localized("campaign_post_invalid", "id", strconv.FormatInt(id, 10))
		}
	}
	for _, d := range c.Deliverables {
		if strings.TrimSpace(d.Title) == "" || !utf8.ValidString(d.Title) || utf8.RuneCountInString(d.Title) > 200 {
			return Errorf(EINVALID, "Each deliverable needs a title of at most 200 characters.").Localized("deliverable_title_required")
		}
		if err := checkDate("due_date", d.DueDate); err != nil {
			return err
		}
		if d.DueDate != "" && c.StartDate != "" && d.DueDate < c.StartDate {
			return Errorf(EINVALID, "The deliverable %q is due on %s, before the campaign starts on %s.", d.Title, d.DueDate, c.StartDate).
				Localized("deliverable_before_start", "title", d.Title, "due", d.DueDate, "start", c.StartDate)
		}
	}
	return nil
}

// CampaignSummary names a campaign in a creator's detail.
type CampaignSummary struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	StartDate string `json:"start_date"`
	EndDate   string `json:"end_date"`
}

// CreatorDetail is a creator with everything attached to them.
type CreatorDetail struct {
	Creator   Creator           `json:"creator"`
	Codes     []CreatorCode     `json:"codes"`
	Links     []UTMLink         `json:"links"`
	Rights    []Rights          `json:"rights"`
	Campaigns []CampaignSummary `json:"campaigns"`
}

// CreatorResult is a result entered by hand (until orders are imported): orders and revenue
// credited to a creator's code on a date.
type CreatorResult struct {
	ID           int64     `json:"id"`
	CreatorID    int64     `json:"creator_id"`
	CampaignID   *int64    `json:"campaign_id"`
	Code         string    `json:"code"` // one of the creator's codes, "" for results without a code
	Date         string    `json:"date"` // YYYY-MM-DD
	Orders       int       `json:"orders"`
	RevenueCents int64     `json:"revenue_cents"`
	Currency     string    `json:"currency"` // ISO 4217, "EUR" when empty
	Note         string    `json:"note"`
	CreatedAt    time.Time `json:"created_at"`
}

// Validate returns EINVALID naming the first bad field.
func (r CreatorResult) Validate() error {
	switch {
	case r.CreatorID <= 0:
		return Errorf(EINVALID, "A result belongs to a creator.").Localized("creator_required")
	case !ValidDate(r.Date):
		return Errorf(EINVALID, "Invalid date %q for date: use YYYY-MM-DD.", r.Date).Localized("date_invalid", "field", "date", "date", r.Date)
	case r.Orders < 0 || r.Orders > 1_000_000:
		return Errorf(EINVALID, "Orders are a number between 0 and 1,000,000.").Localized("result_orders_invalid")
	case r.RevenueCents < 0 || r.RevenueCents > MaxRevenueCents:
		return Errorf(EINVALID, "Revenue is an amount between 0 and 10 billion.").Localized("result_revenue_invalid")
	case !currencyPattern.MatchString(r.Currency):
		return Errorf(EINVALID, "Invalid currency %q: use a three-letter code such as EUR.", r.Currency).
			Localized("result_currency_invalid", "currency", r.Currency)
	case !utf8.ValidString(r.Note) || utf8.RuneCountInString(r.Note) > MaxCreatorTextRunes:
		return Errorf(EINVALID, "A note has at most %d characters.", MaxCreatorTextRunes).
			Localized("creator_notes_too_long", "limit", strconv.Itoa(MaxCreatorTextRunes))
	}
	return nil
}

// ResultTotal sums a creator's results in one currency.
type ResultTotal struct {
	Currency     string `json:"currency"`
	Orders       int    `json:"orders"`
	RevenueCents int64  `json:"revenue_cents"`
}

// MaxCodeMentions bounds how many inbox messages a mention count reads.
const MaxCodeMentions = 500

// CodeMention counts the inbox messages that mention one of a creator's codes.
type CodeMention struct {
	Code   string         `json:"code"`
	Count  int            `json:"count"`
	More   bool           `json:"more"`   // the count stopped at MaxCodeMentions
	Recent []SearchResult `json:"recent"` // the latest few
}

// PostSummary names a calendar post in a creator's performance.
type PostSummary struct {
	ID          int64      `json:"id"`
	Title       string     `json:"title"`
	Status      PostStatus `json:"status"`
	ScheduledAt *time.Time `json:"scheduled_at"` // nil while undated
	Local       string     `json:"local"`        // ScheduledAt on its zone's clock, "" when undated
	TimeZone    string     `json:"time_zone"`
	Channels    []string   `json:"channels"`
}

// CreatorPerformance is what a creator brought: conversations with their linked contacts, the
// calendar posts of their campaigns and those linked to them, mentions of their codes in the inbox
// and the results entered for them.
type CreatorPerformance struct {
	CreatorID         int64            `json:"creator_id"`
	Contacts          []ContactSummary `json:"contacts"`
	ConversationCount int              `json:"conversation_count"`
	Conversations     []Conversation   `json:"conversations"` // the latest few
	// PostIDs are the posts of the creator's campaigns and the posts linked to the creator, once
	// each, by id; Posts names them, dated ones by date, then undated ones.
	PostIDs  []int64         `json:"post_ids"`
	Posts    []PostSummary   `json:"posts"`
	Mentions []CodeMention   `json:"mentions"`
	Results  []CreatorResult `json:"results"`
	Totals   []ResultTotal   `json:"totals"`
}

// Limits on creator settings.
const (
	DefaultRightsAlertDays = 14
	MaxRightsAlertDays     = 365
)

// CreatorSettings tune the creator tracker of a workspace.
type CreatorSettings struct {
	// AlertDays is how many days before rights end the alert shows (1 to 365, default 14).
	AlertDays int `json:"alert_days"`
	// TargetTerritories are the countries the brand sells in ("EU" and "WW" allowed): the fit
	// score rewards creators whose audience lives there.
	TargetTerritories []string `json:"target_territories"`
	// Benchmarks are the engagement rates, in percent, per niche.
	Benchmarks map[string]float64 `json:"benchmarks"`
}

// DefaultCreatorSettings alert 14 days ahead, target no territory and use the default benchmarks.
func DefaultCreatorSettings() CreatorSettings {
	return CreatorSettings{AlertDays: DefaultRightsAlertDays, TargetTerritories: []string{}, Benchmarks: DefaultNicheBenchmarks()}
}

// Validate returns EINVALID naming the first bad field.
func (s CreatorSettings) Validate() error {
	if s.AlertDays < 1 || s.AlertDays > MaxRightsAlertDays {
		return Errorf(EINVALID, "Alerts come 1 to %d days before rights end.", MaxRightsAlertDays).
			Localized("creator_alert_days_range", "limit", strconv.Itoa(MaxRightsAlertDays))
	}
	for _, t := range s.TargetTerritories {
		if !ValidTerritory(t) {
			return Errorf(EINVALID, "Invalid territory %q: use a two-letter country code such as FR, EU or WW.", t).
				Localized("territory_invalid", "territory", t)
		}
	}
	for niche, rate := range s.Benchmarks {
		if !slices.Contains(CreatorNiches, niche) {
			return Errorf(EINVALID, "Unknown niche %q.", niche).Localized("creator_niche_unknown", "niche", niche)
		}
		if !(rate > 0 && rate <= 100) {
			return Errorf(EINVALID, "A benchmark is an engagement rate above 0 and at most 100 %%.").Localized("creator_benchmark_range", "niche", niche)
		}
	}
	return nil
}

// CreatorService is the creator tracker of the open workspace. Every change is audited and
// publishes creators:changed after commit.
type CreatorService interface {
	// ListCreators returns the creators f selects, by stage in board order, then by fit score
	// (highest first) and name. EINVALID for a bad filter.
	ListCreators(ctx context.Context, f CreatorFilter) ([]Creator, error)
	// GetCreator returns a creator with codes, links, rights and campaigns. ENOTFOUND if missing.
	GetCreator(ctx context.Context, id int64) (CreatorDetail, error)
	// CreateCreator adds a creator (stage prospect unless set). Handles are trimmed of spaces and
	// "@"; each one matching an inbox contact's identity links it and flags the contact influencer.
	// EINVALID names the first bad field; ECONFLICT names the creator who already has a handle.
	CreateCreator(ctx context.Context, c Creator) (Creator, error)
	// UpdateCreator replaces a creator's profile (every field but the stage, which MoveCreator
	// changes, and the read-only ones), with the same checks as CreateCreator. ENOTFOUND if missing.
	UpdateCreator(ctx context.Context, id int64, c Creator) (Creator, error)
	// MoveCreator moves a creator to a stage of the pipeline, audited. ENOTFOUND, EINVALID.
	MoveCreator(ctx context.Context, id int64, stage CreatorStage) (Creator, error)
	// DeleteCreator erases a creator with their codes, links, rights and results (personal data):
	// the audit trail keeps only that creator <id> was deleted. ENOTFOUND if missing.
	DeleteCreator(ctx context.Context, id int64) error

	// ListCampaigns returns every campaign, the latest start first.
	ListCampaigns(ctx context.Context) ([]Campaign, error)
	// CreateCampaign adds a campaign. EINVALID for a bad field, dates out of order or a malformed
	// landing URL; ENOTFOUND for an unknown creator.
	CreateCampaign(ctx context.Context, c Campaign) (Campaign, error)
	// UpdateCampaign replaces a campaign's fields, creators, deliverables and posts.
	UpdateCampaign(ctx context.Context, id int64, c Campaign) (Campaign, error)
	// SetDeliverableDone ticks or unticks a deliverable. ENOTFOUND if missing.
	SetDeliverableDone(ctx context.Context, campaignID, deliverableID int64, done bool) (Campaign, error)
	// DeleteCampaign removes a campaign; codes, links, rights and results stay with their creator.
	DeleteCampaign(ctx context.Context, id int64) error

	// Suggest proposes a free code and UTM parameters for a creator in a campaign (0 for none).
	Suggest(ctx context.Context, creatorID, campaignID int64) (Suggestion, error)
	// AddCode adds a discount code. EINVALID for a malformed code; ECONFLICT naming the creator
	// who has it.
	AddCode(ctx context.Context, c NewCode) (CreatorCode, error)
	// DeleteCode removes a code; results entered for it keep its text. ENOTFOUND if missing.
	DeleteCode(ctx context.Context, id int64) error
	// PreviewLink builds a UTM link without saving it: EINVALID for a base URL that is not an
	// absolute http(s) address with a host, or a required value empty after normalisation.
	PreviewLink(ctx context.Context, baseURL string, p UTMParams) (UTMLink, error)
	// AddLink builds and saves a UTM link, as PreviewLink checks it.
	AddLink(ctx context.Context, l NewLink) (UTMLink, error)
	// DeleteLink removes a link. ENOTFOUND if missing.
	DeleteLink(ctx context.Context, id int64) error

	// SaveRights adds (ID 0) or replaces a rights checklist. EINVALID for a bad field or dates out
	// of order; ENOTFOUND for an unknown creator, campaign or rights record.
	SaveRights(ctx context.Context, r Rights) (Rights, error)
	// DeleteRights removes a rights record. ENOTFOUND if missing.
	DeleteRights(ctx context.Context, id int64) error
	// CheckRights says whether a use of the creator's content is within one of their rights
	// records (backend/creator.CheckUse). EINVALID for a malformed use.
	CheckRights(ctx context.Context, creatorID int64, use RightsUse) (RightsVerdict, error)
	// RightsAlerts lists signed rights ending within the alert window or ended within it, the
	// soonest first.
	RightsAlerts(ctx context.Context) ([]RightsAlert, error)

	// Performance gathers what a creator brought. ENOTFOUND if missing.
	Performance(ctx context.Context, creatorID int64) (CreatorPerformance, error)
	// AddResult records a result by hand. EINVALID for a bad field or a code that is not the
	// creator's.
	AddResult(ctx context.Context, r CreatorResult) (CreatorResult, error)
	// DeleteResult removes a result. ENOTFOUND if missing.
	DeleteResult(ctx context.Context, id int64) error

	GetCreatorSettings(ctx context.Context) (CreatorSettings, error)
	// UpdateCreatorSettings replaces the settings. EINVALID names the first bad field.
	UpdateCreatorSettings(ctx context.Context, s CreatorSettings) (CreatorSettings, error)
}
