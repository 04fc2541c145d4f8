package backend

import (
	"context"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The content calendar, after the engagement guide: posts planned by pillar, format, channel and
// goal; weekly cadence targets per format; the 70/20/10 mix of core, experimental and high-risk
// content; lives announced 48 hours ahead; batch-filming days; every caption approved by a person
// before its post can be scheduled.

// PostFormat is what kind of content a post is (the guide's format playbook).
type PostFormat string

// Post formats.
const (
	FormatShortVideo   PostFormat = "short_video"   // Reels, Shorts, TikTok
	FormatMicroArticle PostFormat = "micro_article" // a caption-led post or a thread
	FormatLive         PostFormat = "live"          // a live session
	FormatStory        PostFormat = "story"         // an ephemeral story
	FormatCarousel     PostFormat = "carousel"      // several images or slides
	FormatDMTouchpoint PostFormat = "dm_touchpoint" // a planned private-message touchpoint (welcome, VIP check-in)
)

// PostFormats lists every format in display order.
var PostFormats = []PostFormat{FormatShortVideo, FormatMicroArticle, FormatLive, FormatStory, FormatCarousel, FormatDMTouchpoint}

// Validate reports whether f is a known format.
func (f PostFormat) Validate() error {
	if slices.Contains(PostFormats, f) {
		return nil
	}
	return Errorf(EINVALID, "Unknown post format %q.", string(f)).Localized("post_format_unknown", "format", string(f))
}

// PostGoal is what a post is for.
type PostGoal string

// Post goals.
const (
	GoalAwareness  PostGoal = "awareness"
	GoalCommunity  PostGoal = "community"
	GoalConversion PostGoal = "conversion"
	GoalRetention  PostGoal = "retention"
)

// PostGoals lists every goal in display order.
var PostGoals = []PostGoal{GoalAwareness, GoalCommunity, GoalConversion, GoalRetention}

// Validate reports whether g is a known goal.
func (g PostGoal) Validate() error {
	if slices.Contains(PostGoals, g) {
		return nil
	}
	return Errorf(EINVALID, "Unknown post goal %q.", string(g)).Localized("post_goal_unknown", "goal", string(g))
}

// MixTier places a post in the 70/20/10 mix.
type MixTier string

// Mix tiers.
const (
	TierCore       MixTier = "core"       // reliable content (70 %)
	TierExperiment MixTier = "experiment" // experimental formats (20 %)
	TierHighRisk   MixTier = "high_risk"  // new, high-risk features: AR, emerging networks (10 %)
)

// MixTiers lists every tier in display order.
var MixTiers = []MixTier{TierCore, TierExperiment, TierHighRisk}

// Validate reports whether m is a known tier.
func (m MixTier) Validate() error {
	if slices.Contains(MixTiers, m) {
		return nil
	}
	return Errorf(EINVALID, "Unknown mix tier %q.", string(m)).Localized("post_tier_unknown", "tier", string(m))
}

// PostStatus is where a post is in its life.
//
//	idea → draft → in_review → approved → scheduled → published
//	                   ↓ rejected: back to draft       ↘ publishing → published | due | failed
//	                                                   ↘ missed (its time passed while Tend was closed)
//
// Only a caption a person approved reaches approved, scheduled, publishing, due or missed: the
// schema refuses anything else. Changing an approved caption sends the post back to in_review.
type PostStatus string

// Post statuses.
const (
	PostIdea       PostStatus = "idea"       // in the backlog, no date
	PostDraft      PostStatus = "draft"      // being written; may have a date
	PostInReview   PostStatus = "in_review"  // its caption waits for a person's approval
	PostApproved   PostStatus = "approved"   // caption approved, not scheduled yet
	PostScheduled  PostStatus = "scheduled"  // goes out at its time while Tend runs
	PostPublishing PostStatus = "publishing" // being handed to the platforms
	PostDue        PostStatus = "due"        // its time came and a person must post it by hand (no publishing API)
	PostPublished  PostStatus = "published"  // out
	PostFailed     PostStatus = "failed"     // a platform refused it, or publishing was interrupted
	PostMissed     PostStatus = "missed"     // its time passed while Tend was not running
)

// PostStatuses lists every status in display order.
var PostStatuses = []PostStatus{PostIdea, PostDraft, PostInReview, PostApproved, PostScheduled, PostPublishing, PostDue,
	PostPublished, PostFailed, PostMissed}

// Validate reports whether s is a known status.
func (s PostStatus) Validate() error {
	if slices.Contains(PostStatuses, s) {
		return nil
	}
	return Errorf(EINVALID, "Unknown post status %q.", string(s)).Localized("post_status_unknown", "status", string(s))
}

// PostChannels are the platforms posts are planned for, in display order.
var PostChannels = []string{PlatformInstagram, PlatformFacebook, PlatformTikTok, PlatformYouTube, PlatformLinkedIn,
	PlatformTelegram, PlatformWhatsApp}

// CaptionLimits are the platforms' caption limits in characters (Unicode code points): Instagram
// 2,200; Facebook 63,206; TikTok 2,200; a YouTube description 5,000; Telegram 4,096 (1,024 under
// a photo or video, TelegramMediaCaptionLimit); LinkedIn 3,000; WhatsApp 4,096.
var CaptionLimits = map[string]int{
	PlatformInstagram: 2200,
	PlatformFacebook:  63206,
	PlatformTikTok:    2200,
	PlatformYouTube:   5000,
	PlatformTelegram:  4096,
	PlatformLinkedIn:  3000,
	PlatformWhatsApp:  4096,
}

// TelegramMediaCaptionLimit is Telegram's limit for the caption of a photo, video or document.
const TelegramMediaCaptionLimit = 1024

// CaptionLimit returns platform's caption limit, for a post with media files or without.
func CaptionLimit(platform string, withMedia bool) int {
	if platform == PlatformTelegram && withMedia {
		return TelegramMediaCaptionLimit
	}
	return CaptionLimits[platform]
}

// CheckCaption returns EINVALID naming the platform and its limit when caption is too long there.
func CheckCaption(platform, caption string, withMedia bool) error {
	limit := CaptionLimit(platform, withMedia)
	if n := utf8.RuneCountInString(caption); limit > 0 && n > limit {
		return Errorf(EINVALID, "The %s caption is %d characters long; %s allows %d.", PlatformName(platform), n, PlatformName(platform), limit).
			Localized("post_caption_too_long", "platform", platform, "length", strconv.Itoa(n), "limit", strconv.Itoa(limit))
	}
	return nil
}

// PlatformName is a platform's name as people write it.
func PlatformName(platform string) string {
	switch platform {
	case PlatformInstagram:
		return "Instagram"
	case PlatformFacebook:
		return "Facebook"
	case PlatformMessenger:
		return "Messenger"
	case PlatformTikTok:
		return "TikTok"
	case PlatformYouTube:
		return "YouTube"
	case PlatformWhatsApp:
		return "WhatsApp"
	case PlatformTelegram:
		return "Telegram"
	case PlatformLinkedIn:
		return "LinkedIn"
	}
	return platform
}

// SessionRole is a post's part in a live or batch-filming session.
type SessionRole string

// Session roles.
const (
	RoleNone         SessionRole = ""
	RoleLive         SessionRole = "live"         // the live broadcast itself
	RoleAnnouncement SessionRole = "announcement" // announces the live ahead (48 h by default)
	RoleReminder     SessionRole = "reminder"     // reminds followers shortly before the live
	RoleFilmed       SessionRole = "filmed"       // filmed during a batch-filming session
)

// Limits on posts and the calendar settings.
const (
	MaxPostTitleRunes     = 200
	MaxPostMediaPaths     = 20
	MaxPostMediaPathBytes = 1024
	MaxPostURLBytes       = 2048
	MaxDecisionNoteRunes  = 1000
	DefaultPostMinutes    = 15 // how long a post occupies the calendar
	MaxPostMinutes        = 24 * 60
	MinPillars            = 3
	MaxPillars            = 5
	MaxPillarNameRunes    = 60
	MaxCadenceTargets     = 50
	MaxCadencePerWeek     = 50
	MaxRoleRunes          = 200
	MaxSessionDrafts      = 30
	DefaultAnnounceHours  = 48
	DefaultReminderMins   = 60
	MaxAnnounceHours      = 14 * 24
	MaxImportBytes        = 10 << 20
	MaxImportRows         = 5000
	MaxPostUIDBytes       = 255
)

// PublishGrace is how late a scheduled post may still go out: a post whose time passed longer ago
// than this when the scheduler first sees it was due while Tend was not running, and is missed.
const PublishGrace = 15 * time.Minute

// LocalLayout is how wall-clock times travel: "2026-03-29T18:00", read in a time zone.
const LocalLayout = "2006-01-02T15:04"

// CalendarPost is one planned post.
type CalendarPost struct {
	ID int64 `json:"id"`
	// UID identifies the post across exports and imports (the iCalendar UID and the CSV "id"
	// column), so that importing a file again updates the posts it came from.
	UID   string `json:"uid"`
	Title string `json:"title"`
	// Caption goes out on every channel that has no caption of its own in ChannelCaptions.
	Caption         string            `json:"caption"`
	ChannelCaptions map[string]string `json:"channel_captions"`
	// CaptionSource says who wrote the captions: "" a person, or the drafter a person started
	// from (and may have edited since). Whoever approves the post sees it; the audit trail keeps it.
	CaptionSource DraftSource `json:"caption_source"`
	Pillar        string      `json:"pillar"` // a Pillar key, "" for none
	Format        PostFormat  `json:"format"`
	Channels      []string    `json:"channels"` // platforms among PostChannels
	// Accounts names the connected account a channel publishes through (channel → account id); a
	// channel not listed uses its platform's oldest active account.
	Accounts map[string]int64 `json:"accounts"`
	Goal     PostGoal         `json:"goal"`
	Tier     MixTier          `json:"tier"`
	Status   PostStatus       `json:"status"`
	// ScheduledAt is when the post goes out, nil while undated; TimeZone the IANA zone it was
	// planned in, and Local the same time on that zone's clock ("2026-03-29T18:00").
	ScheduledAt     *time.Time `json:"scheduled_at"`
	TimeZone        string     `json:"time_zone"`
	Local           string     `json:"local"`
	DurationMinutes int        `json:"duration_minutes"`
	// MediaPaths are local files (videos, images) to post with it.
	MediaPaths []string `json:"media_paths"`
	// CreatorID links a creator collaboration; UTMLink is the tracked link the post carries.
	CreatorID   *int64      `json:"creator_id"`
	UTMLink     string      `json:"utm_link"`
	SessionID   *int64      `json:"session_id"`
	SessionRole SessionRole `json:"session_role"`
	// Rights says whether the post's date is within its creator's usage rights (read-only; nil
	// without a creator or a date).
	Rights *RightsVerdict `json:"rights"`

	SubmittedBy  string     `json:"submitted_by"`
	SubmittedAt  *time.Time `json:"submitted_at"`
	Approved     bool       `json:"approved"`
	DecidedBy    string     `json:"decided_by"` // who approved or last rejected the caption
	DecidedAt    *time.Time `json:"decided_at"`
	DecisionNote string     `json:"decision_note"`

	PublishedAt  *time.Time    `json:"published_at"`
	Publications []Publication `json:"publications"`
	LastError    string        `json:"last_error"`
	CreatedBy    string        `json:"created_by"`
	CreatedAt    time.Time     `json:"created_at"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

// CaptionFor returns the caption that goes out on channel.
func (p CalendarPost) CaptionFor(channel string) string {
	if c, ok := p.ChannelCaptions[channel]; ok && strings.TrimSpace(c) != "" {
		return c
	}
	return p.Caption
}

// Publication is what happened on one channel when a post's time came.
type Publication struct {
	Channel string `json:"channel"`
	// State is "published" (through the platform's API), "reminder" (a person must post it by
	// hand; Error says why no API could), "failed", or one of the native-scheduling states.
	State      string    `json:"state"`
	At         time.Time `json:"at"`
	ExternalID string    `json:"external_id,omitempty"`
	URL        string    `json:"url,omitempty"`
	// AccountID is the connected account that published it, or holds it; 0 for reminders.
	AccountID int64  `json:"account_id,omitempty"`
	Error     string `json:"error,omitempty"`
	// Reason is Error with its translation key, when known.
	Reason *Error `json:"reason,omitempty"`
}

// Publication states.
const (
	PublicationPublished = "published"
	PublicationReminder  = "reminder"
	PublicationFailed    = "failed"
	// PublicationPlatformScheduled: the platform holds the post and publishes it itself at its
	// time (Facebook's scheduled_publish_time), even with Tend closed.
	PublicationPlatformScheduled = "platform_scheduled"
	// PublicationHandingOver: Tend is giving the post to the platform to hold; a crash here
	// leaves it unknown whether the platform has it (the post fails, for a person to check).
	PublicationHandingOver = "handing_over"
	// PublicationPlatformDeclined: the platform refused to hold the post (Error says why); Tend
	// publishes it itself at its time.
	PublicationPlatformDeclined = "platform_declined"
)

// PostInput is a new post, or a post read from an import.
type PostInput struct {
	Title           string            `json:"title"`
	Caption         string            `json:"caption"`
	ChannelCaptions map[string]string `json:"channel_captions"`
	CaptionSource   DraftSource       `json:"caption_source"` // "" when a person wrote it
	Accounts        map[string]int64  `json:"accounts"`       // channel → account id, for the channels not on the default
	Pillar          string            `json:"pillar"`
	Format          PostFormat        `json:"format"`
	Channels        []string          `json:"channels"`
	Goal            PostGoal          `json:"goal"` // "" for awareness
	Tier            MixTier           `json:"tier"` // "" for core
	// Local is the wall-clock time in TimeZone ("2026-03-29T18:00"), "" for an undated idea.
	// TimeZone "" is the workspace's. At, when set, is the instant instead of Local (imports).
	Local           string     `json:"local"`
	TimeZone        string     `json:"time_zone"`
	At              *time.Time `json:"at,omitempty"`
	DurationMinutes int        `json:"duration_minutes"` // 0 for DefaultPostMinutes
	MediaPaths      []string   `json:"media_paths"`
	CreatorID       *int64     `json:"creator_id"`
	UTMLink         string     `json:"utm_link"`
	// Force accepts another post on the same channel at the same minute.
	Force bool `json:"force"`
}

// PostUpdate changes the fields that are set. Status moves only through the workflow methods,
// except that setting a date on an idea makes it a draft.
type PostUpdate struct {
	Title           *string            `json:"title,omitempty"`
	Caption         *string            `json:"caption,omitempty"`
	ChannelCaptions *map[string]string `json:"channel_captions,omitempty"`
	// CaptionSource, when set, says who wrote the new captions; when not, an edited caption keeps
	// the source it had (a person edited a drafted caption), and no caption at all has none.
	CaptionSource *DraftSource `json:"caption_source,omitempty"`
	Pillar        *string      `json:"pillar,omitempty"`
	Format        *PostFormat  `json:"format,omitempty"`
	Channels      *[]string    `json:"channels,omitempty"`
	// Accounts replaces the accounts chosen per channel (an empty map: every channel on its default).
	Accounts *map[string]int64 `json:"accounts,omitempty"`
	Goal     *PostGoal         `json:"goal,omitempty"`
	Tier     *MixTier          `json:"tier,omitempty"`
	// Local sets the time on TimeZone's clock ("" makes the post undated); TimeZone alone moves
	// the post to another zone keeping its instant.
	Local           *string   `json:"local,omitempty"`
	TimeZone        *string   `json:"time_zone,omitempty"`
	DurationMinutes *int      `json:"duration_minutes,omitempty"`
	MediaPaths      *[]string `json:"media_paths,omitempty"`
	// CreatorID: a pointer to 0 removes the link.
	CreatorID *int64  `json:"creator_id,omitempty"`
	UTMLink   *string `json:"utm_link,omitempty"`
	Force     bool    `json:"force"`
}

// CaptionChanged reports whether u changes what a post says on some channel.
func (u PostUpdate) CaptionChanged(p CalendarPost) bool {
	if u.Caption == nil && u.ChannelCaptions == nil && u.Channels == nil && u.MediaPaths == nil {
		return false
	}
	next := p
	if u.Caption != nil {
		next.Caption = *u.Caption
	}
	if u.ChannelCaptions != nil {
		next.ChannelCaptions = *u.ChannelCaptions
	}
	if u.Channels != nil {
		next.Channels = *u.Channels
	}
	for _, ch := range next.Channels {
		if next.CaptionFor(ch) != p.CaptionFor(ch) || !slices.Contains(p.Channels, ch) {
			return true
		}
	}
	return false
}

// Reschedule moves a post to Local, a wall-clock time read in TimeZone ("" for the post's own
// zone); the post keeps its own zone. Force accepts another post on the same channel at that
// minute.
type Reschedule struct {
	Local    string `json:"local"`
	TimeZone string `json:"time_zone"`
	Force    bool   `json:"force"`
}

// PostFilter selects posts; empty fields do not filter.
type PostFilter struct {
	// From and To bound the scheduled time, [From, To). Undated posts are listed only when
	// Undated is set, and then only them.
	From     *time.Time   `json:"from,omitempty"`
	To       *time.Time   `json:"to,omitempty"`
	Undated  bool         `json:"undated"`
	Statuses []PostStatus `json:"statuses"`
	Pillars  []string     `json:"pillars"`
	Channels []string     `json:"channels"`
	Formats  []PostFormat `json:"formats"`
}

// Validate returns EINVALID naming the first bad criterion.
func (f PostFilter) Validate() error {
	for _, s := range f.Statuses {
		if err := s.Validate(); err != nil {
			return err
		}
	}
	for _, fm := range f.Formats {
		if err := fm.Validate(); err != nil {
			return err
		}
	}
	for _, ch := range f.Channels {
		if !slices.Contains(PostChannels, ch) {
			return errChannel(ch)
		}
	}
	if f.From != nil && f.To != nil && !f.From.Before(*f.To) {
		return Errorf(EINVALID, "The end of the period must come after its start.").Localized("post_filter_range")
	}
	return nil
}

// CheckPostChannel returns EINVALID when posts cannot be planned for ch.
func CheckPostChannel(ch string) error {
	if slices.Contains(PostChannels, ch) {
		return nil
	}
	return errChannel(ch)
}

// ErrPostAccountUnknown says that the account chosen for a post's channel does not exist.
func ErrPostAccountUnknown(channel string, id int64) error {
	return Errorf(EINVALID, "There is no connected account %d to publish on %s: choose another, or the default.", id, PlatformName(channel)).
		Localized("post_account_unknown", "channel", channel, "id", strconv.FormatInt(id, 10))
}

func errChannel(ch string) error {
	return Errorf(EINVALID, "Posts cannot be planned for %q: choose among %s.", ch, strings.Join(PostChannels, ", ")).
		Localized("post_channel_unknown", "channel", ch)
}

// Pillar is a content pillar: a theme the brand keeps coming back to.
type Pillar struct {
	Key         string `json:"key"`   // stable id posts refer to ("education")
	Name        string `json:"name"`  // shown to people
	Color       string `json:"color"` // "#rrggbb", the pillar's colour on the calendar
	Description string `json:"description"`
}

var (
	pillarKeyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)
	colorPattern     = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// CadenceTarget is how many posts of a format a week should have, on a channel or on any.
type CadenceTarget struct {
	Format  PostFormat `json:"format"`
	Channel string     `json:"channel"` // "" for any channel
	PerWeek int        `json:"per_week"`
}

// MixTarget is the share of each tier in a month's posts, in percent; they add up to 100.
type MixTarget struct {
	Core       int `json:"core"`
	Experiment int `json:"experiment"`
	HighRisk   int `json:"high_risk"`
}

// ChannelRole is a platform's place in the channel-goal matrix: its primary goal, the others it
// serves, and its role in a few words ("discovery and product storytelling").
type ChannelRole struct {
	Channel string     `json:"channel"`
	Primary PostGoal   `json:"primary"`
	Goals   []PostGoal `json:"goals"`
	Role    string     `json:"role"`
}

// CalendarSettings are a workspace's pillars, cadence, mix target, channel-goal matrix and
// live-session defaults.
type CalendarSettings struct {
	Pillars []Pillar        `json:"pillars"`
	Cadence []CadenceTarget `json:"cadence"`
	Mix     MixTarget       `json:"mix"`
	Matrix  []ChannelRole   `json:"matrix"`
	// LiveAnnounceHours is how long before a live its announcement goes out; LiveReminderMinutes
	// how long before it the reminder does.
	LiveAnnounceHours   int `json:"live_announce_hours"`
	LiveReminderMinutes int `json:"live_reminder_minutes"`
	// TimeZone is the workspace's (read-only here: it is a workspace setting).
	TimeZone string `json:"time_zone"`
}

// DefaultCalendarSettings follow the guide: four pillars (product education, customer stories,
// behind the scenes, promotions); short videos three times a week and micro-articles twice (lives
// are every other week, which a weekly target cannot say, so they have none); a 70/20/10 mix;
// Instagram Reels for discovery, TikTok for trend-led reach, lives for conversion, private
// messaging for 1:1 support and VIP offers, community platforms for retention; lives announced
// 48 hours ahead with a reminder an hour before.
func DefaultCalendarSettings() CalendarSettings {
	return CalendarSettings{
		Pillars: []Pillar{
			{Key: "education", Name: "Product education", Color: "#1c7ed6"},
			{Key: "stories", Name: "Customer stories", Color: "#37b24d"},
			{Key: "behind_scenes", Name: "Behind the scenes", Color: "#f59f00"},
			{Key: "promotions", Name: "Promotions", Color: "#e03131"},
		},
		Cadence: []CadenceTarget{
			{Format: FormatShortVideo, PerWeek: 3},
			{Format: FormatMicroArticle, PerWeek: 2},
		},
		Mix: MixTarget{Core: 70, Experiment: 20, HighRisk: 10},
		Matrix: []ChannelRole{
			{Channel: PlatformInstagram, Primary: GoalAwareness, Goals: []PostGoal{GoalCommunity}, Role: "Discovery and product storytelling (Reels)"},
			{Channel: PlatformTikTok, Primary: GoalAwareness, Goals: []PostGoal{}, Role: "Trend-led reach and creator demos"},
			{Channel: PlatformYouTube, Primary: GoalConversion, Goals: []PostGoal{GoalAwareness}, Role: "Live events and product launches"},
			{Channel: PlatformWhatsApp, Primary: GoalConversion, Goals: []PostGoal{GoalRetention}, Role: "1:1 support, cart recovery and VIP offers"},
			{Channel: PlatformTelegram, Primary: GoalRetention, Goals: []PostGoal{GoalCommunity}, Role: "Community, retention and product feedback"},
			{Channel: PlatformFacebook, Primary: GoalCommunity, Goals: []PostGoal{GoalRetention}, Role: "Community groups"},
			{Channel: PlatformLinkedIn, Primary: GoalAwareness, Goals: []PostGoal{}, Role: "Thought leadership"},
		},
		LiveAnnounceHours:   DefaultAnnounceHours,
		LiveReminderMinutes: DefaultReminderMins,
	}
}

// Validate returns EINVALID naming the first bad setting.
func (s CalendarSettings) Validate() error {
	if len(s.Pillars) < MinPillars || len(s.Pillars) > MaxPillars {
		return Errorf(EINVALID, "Choose %d to %d content pillars.", MinPillars, MaxPillars).
			Localized("calendar_pillars_count", "min", strconv.Itoa(MinPillars), "max", strconv.Itoa(MaxPillars))
	}
	for i, p := range s.Pillars {
		switch {
		case !pillarKeyPattern.MatchString(p.Key):
			return Errorf(EINVALID, "Invalid pillar key %q: 1 to 32 lower-case letters, digits, dashes or underscores.", p.Key).
				Localized("calendar_pillar_key_invalid", "key", p.Key)
		case slices.IndexFunc(s.Pillars, func(q Pillar) bool { return q.Key == p.Key }) != i:
			return Errorf(EINVALID, "Pillar %q is listed twice.", p.Key).Localized("calendar_pillar_duplicate", "key", p.Key)
		case strings.TrimSpace(p.Name) == "" || !utf8.ValidString(p.Name) || utf8.RuneCountInString(p.Name) > MaxPillarNameRunes:
			return Errorf(EINVALID, "Each pillar needs a name of at most %d characters.", MaxPillarNameRunes).
				Localized("calendar_pillar_name_required", "limit", strconv.Itoa(MaxPillarNameRunes))
		case !colorPattern.MatchString(p.Color):
			return Errorf(EINVALID, "The colour of pillar %q must look like #1c7ed6.", p.Name).
				Localized("calendar_pillar_color_invalid", "name", p.Name)
		case !utf8.ValidString(p.Description) || utf8.RuneCountInString(p.Description) > MaxRoleRunes:
			return Errorf(EINVALID, "A pillar's description has at most %d characters.", MaxRoleRunes).
				Localized("calendar_pillar_description_too_long", "limit", strconv.Itoa(MaxRoleRunes))
		}
		for j := range i {
			if strings.EqualFold(strings.TrimSpace(s.Pillars[j].Name), strings.TrimSpace(p.Name)) {
				return Errorf(EINVALID, "Two pillars are named %q.", p.Name).Localized("calendar_pillar_name_duplicate", "name", p.Name)
			}
		}
	}
	if len(s.Cadence) > MaxCadenceTargets {
		return Errorf(EINVALID, "At most %d cadence targets.", MaxCadenceTargets).Localized("calendar_cadence_too_many", "limit", strconv.Itoa(MaxCadenceTargets))
	}
	for i, c := range s.Cadence {
		if err := c.Format.Validate(); err != nil {
			return err
		}
		if c.Channel != "" && !slices.Contains(PostChannels, c.Channel) {
			return errChannel(c.Channel)
		}
		if c.PerWeek < 1 || c.PerWeek > MaxCadencePerWeek {
			return Errorf(EINVALID, "A cadence target is 1 to %d posts a week.", MaxCadencePerWeek).
				Localized("calendar_cadence_range", "limit", strconv.Itoa(MaxCadencePerWeek))
		}
		if slices.IndexFunc(s.Cadence, func(d CadenceTarget) bool { return d.Format == c.Format && d.Channel == c.Channel }) != i {
			return Errorf(EINVALID, "There are two cadence targets for %s on %s.", string(c.Format), channelOrAny(c.Channel)).
				Localized("calendar_cadence_duplicate", "format", string(c.Format), "channel", c.Channel)
		}
	}
	m := s.Mix
	if m.Core < 0 || m.Experiment < 0 || m.HighRisk < 0 || m.Core+m.Experiment+m.HighRisk != 100 {
		return Errorf(EINVALID, "The mix target's shares must add up to 100 %% (now %d).", m.Core+m.Experiment+m.HighRisk).
			Localized("calendar_mix_sum", "sum", strconv.Itoa(m.Core+m.Experiment+m.HighRisk))
	}
	for i, r := range s.Matrix {
		if !slices.Contains(PostChannels, r.Channel) {
			return errChannel(r.Channel)
		}
		if slices.IndexFunc(s.Matrix, func(q ChannelRole) bool { return q.Channel == r.Channel }) != i {
			return Errorf(EINVALID, "%s has two rows in the channel-goal matrix.", PlatformName(r.Channel)).
				Localized("calendar_matrix_duplicate", "channel", r.Channel)
		}
		if err := r.Primary.Validate(); err != nil {
			return err
		}
		for _, g := range r.Goals {
			if err := g.Validate(); err != nil {
				return err
			}
		}
		if !utf8.ValidString(r.Role) || utf8.RuneCountInString(r.Role) > MaxRoleRunes {
			return Errorf(EINVALID, "A channel's role has at most %d characters.", MaxRoleRunes).
				Localized("calendar_matrix_role_too_long", "limit", strconv.Itoa(MaxRoleRunes))
		}
	}
	if s.LiveAnnounceHours < 1 || s.LiveAnnounceHours > MaxAnnounceHours {
		return Errorf(EINVALID, "Announce a live 1 to %d hours ahead.", MaxAnnounceHours).
			Localized("calendar_announce_range", "limit", strconv.Itoa(MaxAnnounceHours))
	}
	if s.LiveReminderMinutes < 0 || s.LiveReminderMinutes > 24*60 || s.LiveReminderMinutes >= s.LiveAnnounceHours*60 {
		return Errorf(EINVALID, "The reminder goes out 0 to 1,440 minutes before a live, after its announcement.").
			Localized("calendar_reminder_range")
	}
	return nil
}

func channelOrAny(ch string) string {
	if ch == "" {
		return "any channel"
	}
	return PlatformName(ch)
}

// PillarName returns the name of the pillar key, or key itself when there is no such pillar.
func (s CalendarSettings) PillarName(key string) string {
	for _, p := range s.Pillars {
		if p.Key == key {
			return p.Name
		}
	}
	return key
}

// CalendarSettingsUpdate changes the parts that are set.
type CalendarSettingsUpdate struct {
	Pillars             *[]Pillar        `json:"pillars,omitempty"`
	Cadence             *[]CadenceTarget `json:"cadence,omitempty"`
	Mix                 *MixTarget       `json:"mix,omitempty"`
	Matrix              *[]ChannelRole   `json:"matrix,omitempty"`
	LiveAnnounceHours   *int             `json:"live_announce_hours,omitempty"`
	LiveReminderMinutes *int             `json:"live_reminder_minutes,omitempty"`
}

// Apply returns s with u's set parts copied in.
func (u CalendarSettingsUpdate) Apply(s CalendarSettings) CalendarSettings {
	if u.Pillars != nil {
		s.Pillars = slices.Clone(*u.Pillars)
	}
	if u.Cadence != nil {
		s.Cadence = slices.Clone(*u.Cadence)
	}
	if u.Mix != nil {
		s.Mix = *u.Mix
	}
	if u.Matrix != nil {
		s.Matrix = slices.Clone(*u.Matrix)
	}
	if u.LiveAnnounceHours != nil {
		s.LiveAnnounceHours = *u.LiveAnnounceHours
	}
	if u.LiveReminderMinutes != nil {
		s.LiveReminderMinutes = *u.LiveReminderMinutes
	}
	return s
}

// ValidatePost returns EINVALID naming the first bad field of p, the limits of each channel's
// caption included. Ideas may lack channels and captions; a post submitted for review may not
// (see ValidateForReview).
func ValidatePost(p CalendarPost) error {
	switch {
	case strings.TrimSpace(p.Title) == "" || !utf8.ValidString(p.Title) || utf8.RuneCountInString(p.Title) > MaxPostTitleRunes:
		return Errorf(EINVALID, "A post needs a title of at most %d characters.", MaxPostTitleRunes).
			Localized("post_title_required", "limit", strconv.Itoa(MaxPostTitleRunes))
	case !utf8.ValidString(p.Caption):
		return Errorf(EINVALID, "The caption is not valid text.").Localized("post_caption_invalid")
	case p.DurationMinutes < 1 || p.DurationMinutes > MaxPostMinutes:
		return Errorf(EINVALID, "A post lasts 1 to %d minutes on the calendar.", MaxPostMinutes).
			Localized("post_duration_range", "limit", strconv.Itoa(MaxPostMinutes))
	case len(p.MediaPaths) > MaxPostMediaPaths:
		return Errorf(EINVALID, "A post has at most %d media files.", MaxPostMediaPaths).
			Localized("post_media_too_many", "limit", strconv.Itoa(MaxPostMediaPaths))
	case p.CreatorID != nil && *p.CreatorID <= 0:
		return Errorf(EINVALID, "Invalid creator id.").Localized("post_creator_invalid")
	case len(p.UID) > MaxPostUIDBytes || !utf8.ValidString(p.UID) || strings.ContainsAny(p.UID, "\r\n"):
		return Errorf(EINVALID, "A post's id has at most %d characters on one line.", MaxPostUIDBytes).Localized("post_uid_invalid")
	}
	for _, check := range []func() error{p.Format.Validate, p.Goal.Validate, p.Tier.Validate, p.Status.Validate, p.CaptionSource.validateForCaption} {
		if err := check(); err != nil {
			return err
		}
	}
	if _, err := time.LoadLocation(p.TimeZone); err != nil || p.TimeZone == "" || strings.EqualFold(p.TimeZone, "local") {
		return Errorf(EINVALID, "Unknown time zone %q.", p.TimeZone).Localized("post_time_zone_unknown", "time_zone", p.TimeZone)
	}
	for i, ch := range p.Channels {
		if !slices.Contains(PostChannels, ch) {
			return errChannel(ch)
		}
		if slices.Index(p.Channels, ch) != i {
			return Errorf(EINVALID, "%s is listed twice.", PlatformName(ch)).Localized("post_channel_duplicate", "channel", ch)
		}
	}
	for ch, c := range p.ChannelCaptions {
		if !slices.Contains(PostChannels, ch) {
			return errChannel(ch)
		}
		if !utf8.ValidString(c) {
			return Errorf(EINVALID, "The caption is not valid text.").Localized("post_caption_invalid")
		}
	}
	for ch, id := range p.Accounts {
		if !slices.Contains(PostChannels, ch) {
			return errChannel(ch)
		}
		if id <= 0 {
			return ErrPostAccountUnknown(ch, id)
		}
	}
	withMedia := len(p.MediaPaths) > 0
	for _, ch := range p.Channels {
		if err := CheckCaption(ch, p.CaptionFor(ch), withMedia); err != nil {
			return err
		}
	}
	for _, m := range p.MediaPaths {
		if strings.TrimSpace(m) == "" || len(m) > MaxPostMediaPathBytes || !utf8.ValidString(m) || strings.ContainsAny(m, "\r\n\x00") {
			return Errorf(EINVALID, "Invalid media file path %q.", m).Localized("post_media_invalid", "path", m)
		}
	}
	if p.UTMLink != "" {
		u, err := url.Parse(p.UTMLink)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(p.UTMLink) > MaxPostURLBytes {
			return Errorf(EINVALID, "The tracked link must be an http(s) address such as https://example.com/?utm_source=instagram.").
				Localized("post_utm_invalid", "url", p.UTMLink)
		}
	}
	if p.Status == PostIdea && p.ScheduledAt != nil {
		return Errorf(EINVALID, "An idea has no date: give it one to make it a draft.").Localized("post_idea_dated")
	}
	return nil
}

// ValidateForReview returns EINVALID when p cannot go to review: it needs channels and, on each of
// them, a caption within that platform's limit.
func ValidateForReview(p CalendarPost) error {
	if len(p.Channels) == 0 {
		return Errorf(EINVALID, "Choose at least one channel before asking for review.").Localized("post_channels_required")
	}
	for _, ch := range p.Channels {
		if strings.TrimSpace(p.CaptionFor(ch)) == "" {
			return Errorf(EINVALID, "Write the %s caption before asking for review.", PlatformName(ch)).
				Localized("post_caption_required", "platform", ch)
		}
	}
	return ValidatePost(p)
}

// CalendarChangedEvent is the payload of calendar:changed: the posts added, changed or deleted.
type CalendarChangedEvent struct {
	IDs []int64 `json:"ids"`
}

// Calendar events.
const (
	EventCalendarChanged         = "calendar:changed"          // payload: CalendarChangedEvent
	EventCalendarSettingsUpdated = "calendar:settings_updated" // payload: CalendarSettings
)

// Audit actions of the calendar.
const (
	AuditPostSubmitted     = "post.submitted"     // a caption went to review (asked, or edited after approval)
	AuditPostApproved      = "post.approved"      // a person approved a caption
	AuditPostRejected      = "post.rejected"      // a person rejected a caption, with a reason
	AuditPostScheduled     = "post.scheduled"     // an approved post was scheduled to go out
	AuditPostUnscheduled   = "post.unscheduled"   // a scheduled post was taken off the schedule
	AuditPostPublished     = "post.published"     // a post went out (through an API, or a person said so)
	AuditPostDue           = "post.due"           // its time came and a person must post it by hand
	AuditPostFailed        = "post.failed"        // a platform refused it, or publishing was interrupted
	AuditPostMissed        = "post.missed"        // its time passed while Tend was not running
	AuditPostDeleted       = "post.deleted"       // a post was deleted
	AuditPostHeld          = "post.platform_held" // a platform took the post to publish it itself at its time
	AuditPostDeclined      = "post.platform_declined"
	AuditPostTakenBack     = "post.platform_cancelled" // the copy a platform held was deleted there
	AuditCalendarImported  = "calendar.imported"       // posts were imported from a CSV or iCalendar file
	AuditCalendarSettings  = "calendar.settings"       // pillars, cadence, mix target or matrix changed
	AuditCalendarSession   = "calendar.session"        // a live or batch-filming session was created
	AuditCalendarSessionRm = "calendar.session_rm"     // a session and its unpublished posts were deleted
)

// Actor of the publishing worker.
const ActorScheduler = "tend:scheduler"

// SessionKind tells a live from a batch-filming session.
type SessionKind string

// Session kinds.
const (
	SessionLive    SessionKind = "live"
	SessionFilming SessionKind = "filming"
)

// CalendarSession is a live broadcast or a batch-filming session, with the posts it made.
type CalendarSession struct {
	ID              int64       `json:"id"`
	Kind            SessionKind `json:"kind"`
	Title           string      `json:"title"`
	StartsAt        time.Time   `json:"starts_at"`
	TimeZone        string      `json:"time_zone"`
	Local           string      `json:"local"`
	DurationMinutes int         `json:"duration_minutes"`
	Channels        []string    `json:"channels"`
	Location        string      `json:"location"`
	Notes           string      `json:"notes"`
	PostIDs         []int64     `json:"post_ids"`
	CreatedBy       string      `json:"created_by"`
	CreatedAt       time.Time   `json:"created_at"`
}

// LiveInput plans a live: the live post itself, its announcement AnnounceHours before (the
// settings' when nil) and a reminder ReminderMinutes before (none when 0).
type LiveInput struct {
	Title           string     `json:"title"`
	Local           string     `json:"local"`
	TimeZone        string     `json:"time_zone"`
	DurationMinutes int        `json:"duration_minutes"` // 0 for 60
	Channels        []string   `json:"channels"`
	Pillar          string     `json:"pillar"`
	Goal            PostGoal   `json:"goal"` // "" for conversion, the guide's goal of lives
	Tier            MixTier    `json:"tier"`
	AnnounceHours   *int       `json:"announce_hours,omitempty"`
	ReminderMinutes *int       `json:"reminder_minutes,omitempty"`
	AnnounceFormat  PostFormat `json:"announce_format"` // "" for a short video
	Notes           string     `json:"notes"`
	Force           bool       `json:"force"`
}

// FilmingInput plans a batch-filming session and the drafts it produces, at once.
type FilmingInput struct {
	Title           string         `json:"title"`
	Local           string         `json:"local"`
	TimeZone        string         `json:"time_zone"`
	DurationMinutes int            `json:"duration_minutes"` // 0 for 240
	Location        string         `json:"location"`
	Notes           string         `json:"notes"`
	Drafts          []FilmingDraft `json:"drafts"`
	// Force accepts a dated draft on the same channel and minute as another post.
	Force bool `json:"force"`
}

// FilmingDraft is one post a filming session produces, as a draft (it is filmed: more than an
// idea). Local "" leaves it undated, in the backlog, to be placed on the calendar later.
type FilmingDraft struct {
	Title    string     `json:"title"`
	Format   PostFormat `json:"format"` // "" for a short video
	Pillar   string     `json:"pillar"`
	Channels []string   `json:"channels"`
	Goal     PostGoal   `json:"goal"`
	Tier     MixTier    `json:"tier"`
	Local    string     `json:"local"`
}

// CadenceProgress is one target's progress in a week.
type CadenceProgress struct {
	Format  PostFormat `json:"format"`
	Channel string     `json:"channel"`
	Target  int        `json:"target"`
	// Planned counts the week's posts that match (drafts to published; not ideas, failed or
	// missed ones), Published those already out; Gap is what is left to plan, 0 when met.
	Planned   int  `json:"planned"`
	Published int  `json:"published"`
	Gap       int  `json:"gap"`
	Met       bool `json:"met"`
}

// CadenceReport is a week's progress against every cadence target.
type CadenceReport struct {
	WeekStart string            `json:"week_start"` // the Monday, "2006-01-02", in TimeZone
	TimeZone  string            `json:"time_zone"`
	Items     []CadenceProgress `json:"items"`
}

// MixCounts counts posts per tier.
type MixCounts struct {
	Core       int `json:"core"`
	Experiment int `json:"experiment"`
	HighRisk   int `json:"high_risk"`
}

// MixReport is a month's 70/20/10 mix against the target.
type MixReport struct {
	Month  string    `json:"month"` // "2006-01" in TimeZone
	Target MixTarget `json:"target"`
	Counts MixCounts `json:"counts"`
	Total  int       `json:"total"`
	// Shares are the counts in percent of Total, rounded to the nearest integer (0 when empty).
	Shares MixTarget `json:"shares"`
	// OffTarget lists the tiers whose share is more than 5 points from the target.
	OffTarget []MixTier `json:"off_target"`
}

// ImportProblem is one row or event an import could not take, or took with a warning.
type ImportProblem struct {
	Line    int               `json:"line"` // 1-based line of the file
	Message string            `json:"message"`
	Key     string            `json:"key,omitempty"`
	Params  map[string]string `json:"params,omitempty"`
	Warning bool              `json:"warning"` // the row was imported anyway, normalised as Message says
}

// IgnoredProperty counts properties (or components) an iCalendar import did not use.
type IgnoredProperty struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// ImportReport says what an import did.
type ImportReport struct {
	Format    string            `json:"format"` // "csv" or "ics"
	Created   int               `json:"created"`
	Updated   int               `json:"updated"`
	Unchanged int               `json:"unchanged"`
	Skipped   int               `json:"skipped"` // rows with a problem, and cancelled events
	Problems  []ImportProblem   `json:"problems"`
	Ignored   []IgnoredProperty `json:"ignored"`
	IDs       []int64           `json:"ids"` // posts created or updated
}

// PostPublisher publishes posts through the connected accounts' APIs (sqlite.AccountPublisher).
// Without one, every channel's post becomes a reminder for a person to post by hand.
type PostPublisher interface {
	// CanPublish returns nil when a connected account can publish p on platform through its API,
	// else why a person must post it by hand (no account, a format or media the API cannot take).
	CanPublish(ctx context.Context, p CalendarPost, platform string) error
	// PublishPost publishes p on platform with p.CaptionFor(platform), its media and link, now
	// (at nil) or, when the platform schedules posts itself, at that time. EUNAVAILABLE and
	// ERATELIMITED are temporary; any other error is the platform's refusal.
	PublishPost(ctx context.Context, p CalendarPost, platform string, at *time.Time) (Publication, error)
	// NativeWindow returns how far ahead platform accepts a post to publish itself at its time,
	// (0, 0) when it cannot.
	NativeWindow(platform string) (earliest, latest time.Duration)
	// CancelScheduled deletes a post the platform holds for later (a Publication in state
	// PublicationPlatformScheduled), through the account that holds it.
	CancelScheduled(ctx context.Context, held Publication) error
}

// Reasons a post goes to a person instead of a platform's API (param "reason" of the error key
// post_publish_unsupported), besides the connectors' own (backend/publishing.go).
const (
	PublishReasonNoAccount       = "no_account"       // no account of the platform is connected
	PublishReasonAccountRemoved  = "account_removed"  // the account the post chose is no longer connected
	PublishReasonAccountInactive = "account_inactive" // the account is paused or needs reconnecting
	PublishReasonPlatform        = "platform"         // the platform's connector cannot publish posts
)

// PublishRequest is one post to publish on one platform, as a connector receives it.
type PublishRequest struct {
	Caption string     `json:"caption"`
	Format  PostFormat `json:"format"`
	// Media are local file paths or public https addresses, in order.
	Media []string `json:"media"`
	// Link is the post's tracked link, "" for none.
	Link string `json:"link"`
	// At asks the platform to publish the post itself at that time; nil publishes now.
	At *time.Time `json:"at,omitempty"`
}

// Publishing is implemented by the connectors whose platform can publish posts (Facebook Page
// feed and photos, Instagram containers, Telegram channel posts).
type Publishing interface {
	// CanPublishPost returns nil when the API can publish req, else an EINVALID error (key
	// post_publish_unsupported, params "platform" and "reason") saying why a person must post it.
	CanPublishPost(req PublishRequest) error
	// PublishPost publishes req and returns the platform's post id and, when known, its address.
	PublishPost(ctx context.Context, req PublishRequest) (Publication, error)
	// NativeWindow returns how far ahead the platform accepts req.At, (0, 0) when it cannot
	// schedule posts itself.
	NativeWindow() (earliest, latest time.Duration)
	// CancelScheduledPost deletes a post the platform holds for later.
	CancelScheduledPost(ctx context.Context, externalID string) error
}

// CalendarService keeps the open workspace's content calendar.
//
// Every method that changes a post publishes calendar:changed after commit; workflow steps append
// an audit entry (post.submitted, post.approved, ...). Errors: ENOTFOUND for a missing post or
// session; ECONFLICT (key post_wrong_state) when the post's status does not allow the step;
// EINVALID naming the bad field, a caption over its platform's limit (post_caption_too_long with
// platform and limit), or a local time that does not exist in the time zone (post_time_gap,
// with the next valid time); ECONFLICT (post_time_conflict, with the other post's title) when
// another post of the same channel is at the same minute, unless forced.
type CalendarService interface {
	// ListPosts returns the posts f selects, by time (undated ones by creation), at most 5,000.
	ListPosts(ctx context.Context, f PostFilter) ([]CalendarPost, error)
	GetPost(ctx context.Context, id int64) (CalendarPost, error)
	// CreatePost adds an idea (no date) or a draft (dated).
	CreatePost(ctx context.Context, in PostInput) (CalendarPost, error)
	// UpdatePost changes the set fields. Changing what an approved or scheduled post says sends
	// it back to in_review; a published post cannot change.
	UpdatePost(ctx context.Context, id int64, upd PostUpdate) (CalendarPost, error)
	// ReschedulePost moves a post (an idea becomes a draft; a missed or due post is scheduled
	// again when approved).
	ReschedulePost(ctx context.Context, id int64, r Reschedule) (CalendarPost, error)
	// UnschedulePost takes a post off the calendar, back to the backlog.
	UnschedulePost(ctx context.Context, id int64) (CalendarPost, error)
	DeletePost(ctx context.Context, id int64) error
	// SubmitPost sends an idea or a draft to review (ValidateForReview).
	SubmitPost(ctx context.Context, id int64) (CalendarPost, error)
	// ApprovePost approves an in-review caption; RejectPost sends it back to draft, with a reason.
	ApprovePost(ctx context.Context, id int64, note string) (CalendarPost, error)
	RejectPost(ctx context.Context, id int64, reason string) (CalendarPost, error)
	// SchedulePost schedules an approved, dated post. A post whose time passed longer than
	// PublishGrace ago becomes missed at once.
	SchedulePost(ctx context.Context, id int64) (CalendarPost, error)
	// PublishNow publishes a scheduled, due, missed or failed post now (a reminder where no API
	// can publish it).
	PublishNow(ctx context.Context, id int64) (CalendarPost, error)
	// MarkPublished records that a person posted it by hand.
	MarkPublished(ctx context.Context, id int64) (CalendarPost, error)

	CreateLive(ctx context.Context, in LiveInput) (CalendarSession, error)
	CreateFilming(ctx context.Context, in FilmingInput) (CalendarSession, error)
	// ListSessions returns the sessions starting in [from, to).
	ListSessions(ctx context.Context, from, to time.Time) ([]CalendarSession, error)
	// DeleteSession deletes a session and its posts that are not published.
	DeleteSession(ctx context.Context, id int64) error

	GetCalendarSettings(ctx context.Context) (CalendarSettings, error)
	// UpdateCalendarSettings changes the set parts. ECONFLICT when a removed pillar still has posts.
	UpdateCalendarSettings(ctx context.Context, upd CalendarSettingsUpdate) (CalendarSettings, error)
	// Cadence reports the week that contains day ("2006-01-02"; "" for this week).
	Cadence(ctx context.Context, day string) (CadenceReport, error)
	// Mix reports the month ("2006-01"; "" for this month).
	Mix(ctx context.Context, month string) (MixReport, error)

	// CheckRights says whether a post on date ("2006-01-02", the post's own clock) may use
	// creator's content, as every read post's Rights does: for the editor, before the post is
	// saved. EINVALID for a malformed date or creator id; a creator who does not exist has no
	// rights.
	CheckRights(ctx context.Context, creatorID int64, date string) (RightsVerdict, error)

	// DraftCaption proposes a caption for a post's channel, within its limit, by the built-in
	// drafter or the configured model (EUNAVAILABLE model_disabled when it is off).
	DraftCaption(ctx context.Context, req CaptionRequest) (CaptionDraft, error)

	// ExportICS returns the dated posts f selects as an iCalendar file (RFC 5545).
	ExportICS(ctx context.Context, f PostFilter) (string, error)
	// ImportICS creates or updates posts from an iCalendar file, by UID.
	ImportICS(ctx context.Context, text string) (ImportReport, error)
	// ExportCSV returns the posts f selects as CSV (calendar.CSVColumns).
	ExportCSV(ctx context.Context, f PostFilter) (string, error)
	// ImportCSV creates or updates posts from CSV, by the id column. EINVALID for missing or
	// unknown columns; bad rows are reported with their line and skipped.
	ImportCSV(ctx context.Context, text string) (ImportReport, error)
}

// CaptionLimitInfo is one channel's caption limit, for the editor's live counters.
type CaptionLimitInfo struct {
	Channel string `json:"channel"`
	Limit   int    `json:"limit"`
	// MediaLimit is the limit under a photo or video, when it differs (Telegram).
	MediaLimit int `json:"media_limit"`
}

// CaptionLimitTable lists PostChannels' caption limits in display order.
func CaptionLimitTable() []CaptionLimitInfo {
	out := make([]CaptionLimitInfo, 0, len(PostChannels))
	for _, ch := range PostChannels {
		out = append(out, CaptionLimitInfo{Channel: ch, Limit: CaptionLimit(ch, false), MediaLimit: CaptionLimit(ch, true)})
	}
	return out
}

// CaptionBrief is what a caption drafter knows of a post, for one channel.
type CaptionBrief struct {
	Title             string     `json:"title"`
	Pillar            string     `json:"pillar"` // the pillar's name, "" for none
	PillarDescription string     `json:"pillar_description"`
	Format            PostFormat `json:"format"`
	Goal              PostGoal   `json:"goal"`
	Channel           string     `json:"channel"` // "" when the caption serves every channel
	Limit             int        `json:"limit"`   // characters the caption may use
	Language          Language   `json:"language"`
	Link              string     `json:"link"`
	Brand             string     `json:"brand"`
	// Notes is what the post already says (its caption), for the writer to start from.
	Notes string `json:"notes"`
}

// CaptionRequest asks for a caption for one of a post's channels ("" for the caption every
// channel shares, within the strictest of their limits), by the built-in drafter or the
// configured model (Model), whose text streams as draft:delta events under StreamID.
type CaptionRequest struct {
	PostID   int64  `json:"post_id"`
	Channel  string `json:"channel"`
	Model    bool   `json:"model"`
	StreamID string `json:"stream_id"`
}

// CaptionDraft is a proposed caption. It is not saved: a person puts it in the post, edits it
// and submits it for approval like any caption.
type CaptionDraft struct {
	Channel     string      `json:"channel"`
	Text        string      `json:"text"`
	Source      DraftSource `json:"source"`
	Language    Language    `json:"language"`
	Length      int         `json:"length"` // characters (Unicode code points)
	Limit       int         `json:"limit"`
	OverLimit   bool        `json:"over_limit"` // a model may overrun: shown, never cut silently
	Explanation Explanation `json:"explanation"`
	Usage       *ModelUsage `json:"usage,omitempty"`
}

// CaptionModel writes captions with the configured model (the replies' model settings and key).
type CaptionModel interface {
	// StreamCaption drafts a caption for brief, publishing draft:delta events under streamID;
	// the model errors of ModelDrafter.
	StreamCaption(ctx context.Context, brief CaptionBrief, streamID string) (Draft, ModelUsage, error)
}
