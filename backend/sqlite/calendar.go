package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"tend/backend"
	"tend/backend/calendar"
)

// CalendarService implements backend.CalendarService on the open workspace: planned posts, their
// caption approval, live and batch-filming sessions, the calendar settings, the iCalendar and CSV
// interchange, and the publishing worker (RunScheduler).
//
// Approval is held twice, as for replies: by this code, and by the schema (migration 7), whose
// CHECK constraints refuse an approved, scheduled or outgoing post without a person's approval and
// whose trigger refuses a change of an approved caption that does not withdraw the approval.
type CalendarService struct {
	workspaces *Workspaces
	events     backend.Publisher
	settings   *SettingsService
	publisher  backend.PostPublisher
	captions   backend.CaptionModel
	actor      string
	log        *slog.Logger

	mu    sync.Mutex
	ready *DB // the database publishing was last recovered on
	wake  chan struct{}
}

// CalendarOptions are the CalendarService's collaborators.
type CalendarOptions struct {
	Events backend.Publisher
	// Settings gives the workspace's time zone, languages and brand name.
	Settings *SettingsService
	// Publisher publishes posts through platform APIs; nil makes every post a reminder for a
	// person to post by hand when its time comes.
	Publisher backend.PostPublisher
	// Captions drafts captions with the configured model; nil offers the built-in drafter only.
	Captions backend.CaptionModel
	Actor    string
	Logger   *slog.Logger
}

var _ backend.CalendarService = (*CalendarService)(nil)

// NewCalendarService returns the content calendar of whichever workspace is open in ws.
func NewCalendarService(ws *Workspaces, o CalendarOptions) *CalendarService {
	actor := strings.TrimSpace(o.Actor)
	if actor == "" {
		actor = "you"
	}
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	return &CalendarService{workspaces: ws, events: o.Events, settings: o.Settings, publisher: o.Publisher, captions: o.Captions, actor: actor, log: log,
		wake: make(chan struct{}, 1)}
}

// maxListedPosts bounds one ListPosts answer.
const maxListedPosts = 5000

const postColumns = `id, uid, title, caption, channel_captions, pillar, format, channels, goal, tier, status, scheduled_at,
	time_zone, duration_minutes, media_paths, creator_id, utm_link, session_id, session_role, submitted_by, submitted_at,
	approved, decided_by, decided_at, decision_note, published_at, publications, last_error, created_by, created_at, updated_at,
	caption_source, accounts`

func scanPost(row interface{ Scan(...any) error }) (backend.CalendarPost, error) {
	var p backend.CalendarPost
	var captions, channels, media, publications, accounts, created, updated string
	var scheduled, submitted, decided, published, utm sql.NullString
	var creator, session sql.NullInt64
	err := row.Scan(&p.ID, &p.UID, &p.Title, &p.Caption, &captions, &p.Pillar, &p.Format, &channels, &p.Goal, &p.Tier, &p.Status,
		&scheduled, &p.TimeZone, &p.DurationMinutes, &media, &creator, &utm, &session, &p.SessionRole, &p.SubmittedBy, &submitted,
		&p.Approved, &p.DecidedBy, &decided, &p.DecisionNote, &published, &publications, &p.LastError, &p.CreatedBy, &created, &updated,
		&p.CaptionSource, &accounts)
	if err != nil {
		return p, err
	}
	p.ChannelCaptions, p.Channels, p.MediaPaths, p.Publications = map[string]string{}, []string{}, []string{}, []backend.Publication{}
	p.Accounts = map[string]int64{}
	for _, js := range []struct {
		src string
		dst any
	}{{captions, &p.ChannelCaptions}, {channels, &p.Channels}, {media, &p.MediaPaths}, {publications, &p.Publications}, {accounts, &p.Accounts}} {
		if err := json.Unmarshal([]byte(js.src), js.dst); err != nil {
			return p, fmt.Errorf("calendar post %d: %w", p.ID, err)
		}
	}
	if creator.Valid {
		p.CreatorID = &creator.Int64
	}
	if session.Valid {
		p.SessionID = &session.Int64
	}
	p.UTMLink = utm.String
	p.ScheduledAt, p.SubmittedAt, p.DecidedAt, p.PublishedAt = nullTime(scheduled), nullTime(submitted), nullTime(decided), nullTime(published)
	p.CreatedAt, _ = parseTime(created)
	p.UpdatedAt, _ = parseTime(updated)
	p.Local = localOf(p)
	return p, nil
}

// localOf is p's time on its zone's clock, "" when undated.
func localOf(p backend.CalendarPost) string {
	if p.ScheduledAt == nil {
		return ""
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return calendar.Local(*p.ScheduledAt, loc)
}

func errPostNotFound(id int64) error {
	return backend.Errorf(backend.ENOTFOUND, "There is no post %d.", id).Localized("post_not_found", "id", strconv.FormatInt(id, 10))
}

func findPost(ctx context.Context, tx *Tx, id int64) (backend.CalendarPost, error) {
	p, err := scanPost(tx.queryRow(ctx, `SELECT `+postColumns+` FROM calendar_posts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, errPostNotFound(id)
	}
	if err != nil {
		return p, err
	}
	one := []backend.CalendarPost{p}
	err = setPostRights(ctx, tx, one)
	return one[0], err
}

// findPostByUID returns the post with uid, ok false when there is none.
func findPostByUID(ctx context.Context, tx *Tx, uid string) (backend.CalendarPost, bool, error) {
	p, err := scanPost(tx.queryRow(ctx, `SELECT `+postColumns+` FROM calendar_posts WHERE uid = ?`, uid))
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	}
	return p, err == nil, err
}

func postNullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func postNullInt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func postNullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return formatTime(*t)
}

// newPostUID makes a UID that no other calendar will have.
func newPostUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return "tend-" + hex.EncodeToString(b[:]) + "@tend"
}

func insertPost(ctx context.Context, tx *Tx, p backend.CalendarPost) (int64, error) {
	res, err := tx.exec(ctx, `INSERT INTO calendar_posts (uid, title, caption, channel_captions, pillar, format, channels, goal, tier,
		status, scheduled_at, time_zone, duration_minutes, media_paths, creator_id, utm_link, session_id, session_role, submitted_by,
		submitted_at, approved, decided_by, decided_at, decision_note, published_at, publications, last_error, created_by, created_at,
		updated_at, caption_source, accounts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.UID, p.Title, p.Caption, jsonText(postCaptions(p.ChannelCaptions)), p.Pillar, p.Format, jsonText(postList(p.Channels)),
		p.Goal, p.Tier, p.Status, postNullTime(p.ScheduledAt), p.TimeZone, p.DurationMinutes, jsonText(postList(p.MediaPaths)),
		postNullInt(p.CreatorID), postNullText(p.UTMLink), postNullInt(p.SessionID), p.SessionRole, p.SubmittedBy, postNullTime(p.SubmittedAt),
		p.Approved, p.DecidedBy, postNullTime(p.DecidedAt), p.DecisionNote, postNullTime(p.PublishedAt),
		jsonText(postPublications(p.Publications)), p.LastError, p.CreatedBy, formatTime(p.CreatedAt), formatTime(p.UpdatedAt),
		p.CaptionSource, jsonText(postAccounts(p.Accounts)))
	if err != nil {
		if sqliteCode(err) == 2067 { // SQLITE_CONSTRAINT_UNIQUE: the uid
			return 0, backend.Wrap(backend.ECONFLICT, err, "Another post has the id %q.", p.UID).Localized("post_uid_taken", "uid", p.UID)
		}
		return 0, err
	}
	return res.LastInsertId()
}

// savePost writes every mutable column of p.
func savePost(ctx context.Context, tx *Tx, p backend.CalendarPost) error {
	_, err := tx.exec(ctx, `UPDATE calendar_posts SET title = ?, caption = ?, channel_captions = ?, pillar = ?, format = ?, channels = ?,
		goal = ?, tier = ?, status = ?, scheduled_at = ?, time_zone = ?, duration_minutes = ?, media_paths = ?, creator_id = ?,
		utm_link = ?, session_id = ?, session_role = ?, submitted_by = ?, submitted_at = ?, approved = ?, decided_by = ?,
		decided_at = ?, decision_note = ?, published_at = ?, publications = ?, last_error = ?, updated_at = ?, caption_source = ?,
		accounts = ? WHERE id = ?`,
		p.Title, p.Caption, jsonText(postCaptions(p.ChannelCaptions)), p.Pillar, p.Format, jsonText(postList(p.Channels)),
		p.Goal, p.Tier, p.Status, postNullTime(p.ScheduledAt), p.TimeZone, p.DurationMinutes, jsonText(postList(p.MediaPaths)),
		postNullInt(p.CreatorID), postNullText(p.UTMLink), postNullInt(p.SessionID), p.SessionRole, p.SubmittedBy, postNullTime(p.SubmittedAt),
		p.Approved, p.DecidedBy, postNullTime(p.DecidedAt), p.DecisionNote, postNullTime(p.PublishedAt),
		jsonText(postPublications(p.Publications)), p.LastError, formatTime(tx.Now), p.CaptionSource, jsonText(postAccounts(p.Accounts)), p.ID)
	return err
}

func postAccounts(m map[string]int64) map[string]int64 {
	if m == nil {
		return map[string]int64{}
	}
	return m
}

func postCaptions(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func postList(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

func postPublications(l []backend.Publication) []backend.Publication {
	if l == nil {
		return []backend.Publication{}
	}
	return l
}

// calendarWorkspace is what the calendar reads of the workspace's settings.
type calendarWorkspace struct {
	zone     string
	language string // the brand's first language
	brand    string
}

func (s *CalendarService) workspace(ctx context.Context, tx *Tx) (calendarWorkspace, error) {
	wc := calendarWorkspace{zone: "UTC", language: "en"}
	if s.settings == nil {
		return wc, nil
	}
	st, err := s.settings.load(ctx, tx)
	if err != nil {
		return wc, err
	}
	if _, err := calendar.LoadZone(st.TimeZone); err == nil {
		wc.zone = st.TimeZone
	}
	if len(st.Languages) > 0 {
		wc.language = st.Languages[0]
	}
	wc.brand = st.BrandName
	return wc, nil
}

// loadCalendarSettings reads the settings, the defaults when none were saved.
func (s *CalendarService) loadCalendarSettings(ctx context.Context, tx *Tx) (backend.CalendarSettings, error) {
	out := backend.DefaultCalendarSettings()
	var raw string
	err := tx.queryRow(ctx, `SELECT value FROM calendar_settings WHERE id = 1`).Scan(&raw)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return out, err
	default:
		var stored backend.CalendarSettings
		if err := json.Unmarshal([]byte(raw), &stored); err != nil {
			return out, fmt.Errorf("calendar settings: %w", err)
		}
		out = stored
	}
	wc, err := s.workspace(ctx, tx)
	if err != nil {
		return out, err
	}
	out.TimeZone = wc.zone
	for i := range out.Matrix {
		if out.Matrix[i].Goals == nil {
			out.Matrix[i].Goals = []backend.PostGoal{}
		}
	}
	return out, nil
}

// GetCalendarSettings returns the pillars, cadence, mix target and matrix.
func (s *CalendarService) GetCalendarSettings(ctx context.Context) (backend.CalendarSettings, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarSettings{}, err
	}
	var out backend.CalendarSettings
	err = db.Read(ctx, func(tx *Tx) error {
		out, err = s.loadCalendarSettings(ctx, tx)
		return err
	})
	return out, err
}

// UpdateCalendarSettings validates and saves the changed parts, audited.
func (s *CalendarService) UpdateCalendarSettings(ctx context.Context, upd backend.CalendarSettingsUpdate) (backend.CalendarSettings, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarSettings{}, err
	}
	var out backend.CalendarSettings
	err = db.Write(ctx, func(tx *Tx) error {
		before, err := s.loadCalendarSettings(ctx, tx)
		if err != nil {
			return err
		}
		out = upd.Apply(before)
		for i := range out.Pillars {
			out.Pillars[i].Name = strings.TrimSpace(out.Pillars[i].Name)
			out.Pillars[i].Color = strings.ToLower(out.Pillars[i].Color)
		}
		for i := range out.Matrix {
			out.Matrix[i].Role = strings.TrimSpace(out.Matrix[i].Role)
			if out.Matrix[i].Goals == nil {
				out.Matrix[i].Goals = []backend.PostGoal{}
			}
		}
		if err := out.Validate(); err != nil {
			return err
		}
		for _, p := range before.Pillars {
			if slices.ContainsFunc(out.Pillars, func(q backend.Pillar) bool { return q.Key == p.Key }) {
				continue
			}
			var n int
			if err := tx.queryRow(ctx, `SELECT count(*) FROM calendar_posts WHERE pillar = ?`, p.Key).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return backend.Errorf(backend.ECONFLICT, "%d post(s) belong to the pillar %q: move them to another pillar first.", n, p.Name).
					Localized("calendar_pillar_in_use", "name", p.Name, "count", strconv.Itoa(n))
			}
		}
		stored := out
		stored.TimeZone = ""
		if _, err := tx.exec(ctx, `INSERT INTO calendar_settings (id, value, updated_at) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, jsonText(stored), formatTime(tx.Now)); err != nil {
			return err
		}
		if _, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: s.actor, Action: backend.AuditCalendarSettings, Subject: "calendar_settings",
			Before: rawJSON(before), After: rawJSON(out)}); err != nil {
			return err
		}
		settings := out
		tx.AfterCommit(func() {
			s.events.Publish(backend.EventCalendarSettingsUpdated, settings)
			s.events.Publish(backend.EventAuditAppended, nil)
		})
		return nil
	})
	return out, err
}

// ListPosts returns the posts f selects.
func (s *CalendarService) ListPosts(ctx context.Context, f backend.PostFilter) ([]backend.CalendarPost, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return nil, err
	}
	var out []backend.CalendarPost
	err = db.Read(ctx, func(tx *Tx) error {
		out, err = listPosts(ctx, tx, f)
		return err
	})
	return out, err
}

func listPosts(ctx context.Context, tx *Tx, f backend.PostFilter) ([]backend.CalendarPost, error) {
	w := &where{}
	if f.Undated {
		w.add("scheduled_at IS NULL")
	} else {
		if f.From != nil {
			w.add("scheduled_at >= ?", formatTime(*f.From))
		}
		if f.To != nil {
			w.add("scheduled_at < ?", formatTime(*f.To))
		}
	}
	in(w, "status", f.Statuses)
	in(w, "pillar", f.Pillars)
	in(w, "format", f.Formats)
	if len(f.Channels) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(f.Channels)), ", ")
		args := make([]any, len(f.Channels))
		for i, ch := range f.Channels {
			args[i] = ch
		}
		w.add("EXISTS (SELECT 1 FROM json_each(calendar_posts.channels) WHERE value IN ("+marks+"))", args...)
	}
	order := " ORDER BY scheduled_at IS NULL, scheduled_at, id"
	if f.Undated {
		order = " ORDER BY created_at, id"
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+postColumns+` FROM calendar_posts`+w.sql()+order+` LIMIT ?`, append(w.args, maxListedPosts)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []backend.CalendarPost{}
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	return out, setPostRights(ctx, tx, out)
}

// GetPost returns one post.
func (s *CalendarService) GetPost(ctx context.Context, id int64) (backend.CalendarPost, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarPost{}, err
	}
	var out backend.CalendarPost
	err = db.Read(ctx, func(tx *Tx) error {
		out, err = findPost(ctx, tx, id)
		return err
	})
	return out, err
}

// tidyPost trims what people type and drops empty channel captions. The caption of a channel the
// post is no longer on is kept: adding the channel back brings it back; its account choice is not.
// A post with no caption at all has no caption source.
func tidyPost(p backend.CalendarPost) backend.CalendarPost {
	p.Title = strings.TrimSpace(p.Title)
	p.UTMLink = strings.TrimSpace(p.UTMLink)
	p.Pillar = strings.TrimSpace(p.Pillar)
	captions := map[string]string{}
	for ch, c := range p.ChannelCaptions {
		if strings.TrimSpace(c) != "" {
			captions[ch] = c
		}
	}
	p.ChannelCaptions = captions
	if strings.TrimSpace(p.Caption) == "" && len(captions) == 0 {
		p.CaptionSource = "" // nothing written, by anyone
	}
	media := []string{}
	for _, m := range p.MediaPaths {
		if m = strings.TrimSpace(m); m != "" {
			media = append(media, m)
		}
	}
	p.MediaPaths = media
	if p.Channels == nil {
		p.Channels = []string{}
	}
	// A channel taken off the post takes its account choice with it.
	accounts := map[string]int64{}
	for ch, id := range p.Accounts {
		if slices.Contains(p.Channels, ch) {
			accounts[ch] = id
		}
	}
	p.Accounts = accounts
	if p.CreatorID != nil && *p.CreatorID == 0 {
		p.CreatorID = nil
	}
	return p
}

// resolveTime returns the instant of in (At, else Local in the zone), nil when undated.
func resolvePostTime(local string, at *time.Time, zone string) (*time.Time, error) {
	if at != nil {
		t := at.UTC()
		return &t, nil
	}
	if strings.TrimSpace(local) == "" {
		return nil, nil
	}
	loc, err := calendar.LoadZone(zone)
	if err != nil {
		return nil, err
	}
	t, err := calendar.Resolve(local, loc)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// postFromInput builds a new post from in, with the workspace's zone and the defaults.
func postFromInput(in backend.PostInput, wc calendarWorkspace) (backend.CalendarPost, error) {
	p := backend.CalendarPost{
		Title: in.Title, Caption: in.Caption, ChannelCaptions: maps.Clone(in.ChannelCaptions), CaptionSource: in.CaptionSource,
		Accounts: maps.Clone(in.Accounts), Pillar: in.Pillar, Format: in.Format,
		Channels: slices.Clone(in.Channels), Goal: in.Goal, Tier: in.Tier, TimeZone: strings.TrimSpace(in.TimeZone),
		DurationMinutes: in.DurationMinutes, MediaPaths: slices.Clone(in.MediaPaths), CreatorID: in.CreatorID, UTMLink: in.UTMLink,
	}
	if p.Format == "" {
		p.Format = backend.FormatShortVideo
	}
	if p.Goal == "" {
		p.Goal = backend.GoalAwareness
	}
	if p.Tier == "" {
		p.Tier = backend.TierCore
	}
	if p.TimeZone == "" {
		p.TimeZone = wc.zone
	}
	if p.DurationMinutes == 0 {
		p.DurationMinutes = backend.DefaultPostMinutes
		if p.Format == backend.FormatLive {
			p.DurationMinutes = 60
		}
	}
	if _, err := calendar.LoadZone(p.TimeZone); err != nil {
		return p, err
	}
	at, err := resolvePostTime(in.Local, in.At, p.TimeZone)
	if err != nil {
		return p, err
	}
	p.ScheduledAt = at
	p.Status = backend.PostIdea
	if at != nil {
		p.Status = backend.PostDraft
	}
	return tidyPost(p), nil
}

// checkPostAccounts returns EINVALID when an account chosen for one of p's channels is not a
// connected account of that channel's platform.
func checkPostAccounts(ctx context.Context, tx *Tx, p backend.CalendarPost) error {
	for _, ch := range slices.Sorted(maps.Keys(p.Accounts)) {
		id := p.Accounts[ch]
		acct, err := findAccount(ctx, tx, `WHERE id = ?`, id)
		if backend.ErrorCode(err) == backend.ENOTFOUND {
			return backend.ErrPostAccountUnknown(ch, id)
		}
		if err != nil {
			return err
		}
		if acct.Platform != ch {
			return backend.Errorf(backend.EINVALID, "%q is a %s account: it cannot publish on %s.", acct.Name, backend.PlatformName(acct.Platform), backend.PlatformName(ch)).
				Localized("post_account_platform", "channel", ch, "id", strconv.FormatInt(id, 10), "name", acct.Name, "platform", acct.Platform)
		}
	}
	return nil
}

// checkPost validates p and its pillar.
func checkPost(p backend.CalendarPost, settings backend.CalendarSettings) error {
	if err := backend.ValidatePost(p); err != nil {
		return err
	}
	if p.Pillar != "" && !slices.ContainsFunc(settings.Pillars, func(q backend.Pillar) bool { return q.Key == p.Pillar }) {
		return backend.Errorf(backend.EINVALID, "Unknown pillar %q.", p.Pillar).Localized("post_pillar_unknown", "pillar", p.Pillar)
	}
	return nil
}

// conflict returns ECONFLICT when another post is on one of p's channels at p's minute.
func postConflict(ctx context.Context, tx *Tx, p backend.CalendarPost) error {
	if p.ScheduledAt == nil || len(p.Channels) == 0 {
		return nil
	}
	from := p.ScheduledAt.UTC().Truncate(time.Minute)
	rows, err := tx.query(ctx, `SELECT p.id, p.title, j.value FROM calendar_posts p, json_each(p.channels) j
		WHERE p.scheduled_at >= ? AND p.scheduled_at < ? AND p.id <> ? AND p.status NOT IN ('failed', 'missed')
		ORDER BY p.id`, formatTime(from), formatTime(from.Add(time.Minute)), p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var title, channel string
		if err := rows.Scan(&id, &title, &channel); err != nil {
			return err
		}
		if slices.Contains(p.Channels, channel) {
			local := localOf(p)
			return backend.Errorf(backend.ECONFLICT, "%q is already planned on %s at %s (%s). Move one of them, or keep both.",
				title, backend.PlatformName(channel), strings.Replace(local, "T", " ", 1), p.TimeZone).
				Localized("post_time_conflict", "title", title, "channel", channel, "local", local, "time_zone", p.TimeZone,
					"id", strconv.FormatInt(id, 10))
		}
	}
	return rows.Err()
}

// publishPosts publishes calendar:changed (and audit:appended when audited) after commit.
func (s *CalendarService) publishPosts(tx *Tx, audited bool, ids ...int64) {
	tx.AfterCommit(func() {
		s.events.Publish(backend.EventCalendarChanged, backend.CalendarChangedEvent{IDs: ids})
		if audited {
			s.events.Publish(backend.EventAuditAppended, nil)
		}
	})
}

// postSnapshot is what the audit trail keeps of a post.
func postSnapshot(p backend.CalendarPost) map[string]any {
	snap := map[string]any{"status": p.Status, "title": p.Title, "caption": p.Caption, "channels": p.Channels}
	if len(p.ChannelCaptions) > 0 {
		snap["channel_captions"] = p.ChannelCaptions
	}
	if p.CaptionSource != "" {
		snap["caption_source"] = p.CaptionSource
	}
	if len(p.Accounts) > 0 {
		snap["accounts"] = p.Accounts
	}
	if p.ScheduledAt != nil {
		snap["scheduled_at"] = p.ScheduledAt.UTC().Format(time.RFC3339)
		snap["time_zone"] = p.TimeZone
	}
	return snap
}

// audit appends an entry about post p.
func (s *CalendarService) audit(ctx context.Context, tx *Tx, actor, action string, before, after backend.CalendarPost, reason string) error {
	e := backend.AuditEntry{Actor: actor, Action: action, Subject: "post:" + strconv.FormatInt(after.ID, 10), Reason: reason,
		Before: rawJSON(postSnapshot(before)), After: rawJSON(postSnapshot(after))}
	_, err := tx.appendAudit(ctx, e)
	return err
}

// CreatePost adds an idea or a draft.
func (s *CalendarService) CreatePost(ctx context.Context, in backend.PostInput) (backend.CalendarPost, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarPost{}, err
	}
	var out backend.CalendarPost
	err = db.Write(ctx, func(tx *Tx) error {
		out, err = s.createPost(ctx, tx, in, "", "")
		return err
	})
	return out, err
}

// createPost inserts a post from in, with uid ("" for a new one) and status ("" for idea or draft
// by its date).
func (s *CalendarService) createPost(ctx context.Context, tx *Tx, in backend.PostInput, uid string, status backend.PostStatus) (backend.CalendarPost, error) {
	wc, err := s.workspace(ctx, tx)
	if err != nil {
		return backend.CalendarPost{}, err
	}
	settings, err := s.loadCalendarSettings(ctx, tx)
	if err != nil {
		return backend.CalendarPost{}, err
	}
	p, err := postFromInput(in, wc)
	if err != nil {
		return p, err
	}
	if status != "" {
		p.Status = status
	}
	p.UID = uid
	if p.UID == "" {
		p.UID = newPostUID()
	}
	p.CreatedBy, p.CreatedAt, p.UpdatedAt = s.actor, tx.Now, tx.Now
	if p.Status == backend.PostPublished {
		at := tx.Now
		if p.ScheduledAt != nil {
			at = *p.ScheduledAt
		}
		p.PublishedAt = &at
	}
	if err := checkPost(p, settings); err != nil {
		return p, err
	}
	if err := checkPostAccounts(ctx, tx, p); err != nil {
		return p, err
	}
	if !in.Force && p.Status != backend.PostPublished {
		if err := postConflict(ctx, tx, p); err != nil {
			return p, err
		}
	}
	if p.ID, err = insertPost(ctx, tx, p); err != nil {
		return p, err
	}
	s.publishPosts(tx, false, p.ID)
	return findPost(ctx, tx, p.ID)
}

// mutable reports whether a post in status st may still change.
func postMutable(st backend.PostStatus) bool {
	return st != backend.PostPublished && st != backend.PostPublishing
}

func wrongPostState(p backend.CalendarPost) error {
	return backend.Errorf(backend.ECONFLICT, "Post %q is %s: this cannot be done now.", p.Title, strings.ReplaceAll(string(p.Status), "_", " ")).
		Localized("post_wrong_state", "title", p.Title, "status", string(p.Status))
}

// applyChange saves next, a changed copy of current, following the workflow's rules: a date makes
// an idea a draft; no date takes a post off the schedule; a caption that changes withdraws its
// approval and sends the post back to review; a scheduled post moves only to a time to come. It
// checks next and, unless force, that no other post is on its channels at its minute.
func (s *CalendarService) applyChange(ctx context.Context, tx *Tx, current, next backend.CalendarPost, force bool, why string) (backend.CalendarPost, bool, error) {
	if !postMutable(current.Status) {
		return current, false, wrongPostState(current)
	}
	settings, err := s.loadCalendarSettings(ctx, tx)
	if err != nil {
		return current, false, err
	}
	next = tidyPost(next)
	if held := heldChannels(current); len(held) > 0 && platformSees(current, next) {
		return current, false, errPlatformHolds(current, held[0])
	}
	timeChanged := !samePostTime(current.ScheduledAt, next.ScheduledAt)
	audited := false
	var actions []func() error
	switch {
	case next.ScheduledAt == nil:
		switch current.Status {
		case backend.PostScheduled, backend.PostDue, backend.PostMissed, backend.PostFailed:
			next.Status = backend.PostApproved
			actions = append(actions, func() error {
				return s.audit(ctx, tx, s.actor, backend.AuditPostUnscheduled, current, next, "taken off the schedule")
			})
		}
	case current.Status == backend.PostIdea:
		next.Status = backend.PostDraft
	case timeChanged:
		switch current.Status {
		case backend.PostScheduled, backend.PostDue, backend.PostMissed, backend.PostFailed:
			if next.ScheduledAt.Before(tx.Now.Add(-backend.PublishGrace)) {
				return current, false, backend.Errorf(backend.EINVALID, "That time has passed: pick a time to come for a scheduled post.").
					Localized("post_time_past")
			}
			if current.Status != backend.PostScheduled {
				next.Status, next.LastError = backend.PostScheduled, ""
				actions = append(actions, func() error {
					return s.audit(ctx, tx, s.actor, backend.AuditPostScheduled, current, next, "rescheduled after it was "+string(current.Status))
				})
			}
		}
	}
	if current.Approved && captionChanged(current, next) {
		next.Approved, next.Status = false, backend.PostInReview
		next.SubmittedBy, next.SubmittedAt = s.actor, &tx.Now
		reason := "the caption changed after approval; it needs a new approval"
		if why != "" {
			reason += " (" + why + ")"
		}
		actions = append(actions, func() error {
			return s.audit(ctx, tx, s.actor, backend.AuditPostSubmitted, current, next, reason)
		})
	}
	if err := checkPost(next, settings); err != nil {
		return current, false, err
	}
	if !maps.Equal(current.Accounts, next.Accounts) {
		if err := checkPostAccounts(ctx, tx, next); err != nil {
			return current, false, err
		}
	}
	if next.Status == backend.PostInReview && current.Status != backend.PostInReview {
		if err := backend.ValidateForReview(next); err != nil {
			return current, false, err
		}
	}
	if !force && (timeChanged || !slices.Equal(current.Channels, next.Channels)) {
		if err := postConflict(ctx, tx, next); err != nil {
			return current, false, err
		}
	}
	if err := savePost(ctx, tx, next); err != nil {
		return current, false, err
	}
	for _, a := range actions {
		if err := a(); err != nil {
			return current, false, err
		}
		audited = true
	}
	s.publishPosts(tx, audited, next.ID)
	if next.Status == backend.PostScheduled {
		tx.AfterCommit(s.Wake)
	}
	out, err := findPost(ctx, tx, next.ID)
	return out, audited, err
}

// captionChanged reports whether next says something that was not approved in current: another
// caption, or a channel whose caption was not part of the approval.
func captionChanged(current, next backend.CalendarPost) bool {
	// Another account is another audience: the approval was for the account it named.
	if current.Caption != next.Caption || !maps.Equal(current.ChannelCaptions, next.ChannelCaptions) || !maps.Equal(current.Accounts, next.Accounts) {
		return true
	}
	for _, ch := range next.Channels {
		if !slices.Contains(current.Channels, ch) {
			return true
		}
	}
	return false
}

func samePostTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

// UpdatePost changes upd's set fields.
func (s *CalendarService) UpdatePost(ctx context.Context, id int64, upd backend.PostUpdate) (backend.CalendarPost, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarPost{}, err
	}
	var out backend.CalendarPost
	err = s.takingBack(ctx, db, id, func() error {
		return db.Write(ctx, func(tx *Tx) error {
			current, err := findPost(ctx, tx, id)
			if err != nil {
				return err
			}
			next := current
			setIfGiven(&next.Title, upd.Title)
			setIfGiven(&next.Caption, upd.Caption)
			setIfGiven(&next.ChannelCaptions, upd.ChannelCaptions)
			setIfGiven(&next.CaptionSource, upd.CaptionSource)
			setIfGiven(&next.Accounts, upd.Accounts)
			setIfGiven(&next.Pillar, upd.Pillar)
			setIfGiven(&next.Format, upd.Format)
			setIfGiven(&next.Channels, upd.Channels)
			setIfGiven(&next.Goal, upd.Goal)
			setIfGiven(&next.Tier, upd.Tier)
			setIfGiven(&next.DurationMinutes, upd.DurationMinutes)
			setIfGiven(&next.MediaPaths, upd.MediaPaths)
			setIfGiven(&next.UTMLink, upd.UTMLink)
			if upd.CreatorID != nil {
				next.CreatorID = upd.CreatorID
			}
			if upd.TimeZone != nil {
				if _, err := calendar.LoadZone(strings.TrimSpace(*upd.TimeZone)); err != nil {
					return err
				}
				next.TimeZone = strings.TrimSpace(*upd.TimeZone)
			}
			if upd.Local != nil {
				if next.ScheduledAt, err = resolvePostTime(*upd.Local, nil, next.TimeZone); err != nil {
					return err
				}
			}
			out, _, err = s.applyChange(ctx, tx, current, next, upd.Force, "")
			return err
		})
	})
	return out, err
}

// setIfGiven sets *dst to *v when the update gives v. Maps and slices are not copied: nothing
// edits a post's in place, and tidyPost (which applyChange runs first) rebuilds the captions,
// accounts and media.
func setIfGiven[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// ReschedulePost moves a post to r.Local, read on r.TimeZone's clock (the post's own zone when
// empty); the post keeps its zone.
func (s *CalendarService) ReschedulePost(ctx context.Context, id int64, r backend.Reschedule) (backend.CalendarPost, error) {
	if strings.TrimSpace(r.Local) == "" {
		return backend.CalendarPost{}, backend.Errorf(backend.EINVALID, "Give the new date and time.").Localized("post_time_required")
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarPost{}, err
	}
	var out backend.CalendarPost
	err = s.takingBack(ctx, db, id, func() error {
		return db.Write(ctx, func(tx *Tx) error {
			current, err := findPost(ctx, tx, id)
			if err != nil {
				return err
			}
			zone := strings.TrimSpace(r.TimeZone)
			if zone == "" {
				zone = current.TimeZone
			}
			next := current
			if next.ScheduledAt, err = resolvePostTime(r.Local, nil, zone); err != nil {
				return err
			}
			out, _, err = s.applyChange(ctx, tx, current, next, r.Force, "")
			return err
		})
	})
	return out, err
}

// UnschedulePost takes a post off the calendar, back to the backlog.
func (s *CalendarService) UnschedulePost(ctx context.Context, id int64) (backend.CalendarPost, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarPost{}, err
	}
	var out backend.CalendarPost
	err = s.takingBack(ctx, db, id, func() error {
		return db.Write(ctx, func(tx *Tx) error {
			current, err := findPost(ctx, tx, id)
			if err != nil {
				return err
			}
			next := current
			next.ScheduledAt = nil
			out, _, err = s.applyChange(ctx, tx, current, next, true, "")
			return err
		})
	})
	return out, err
}

// DeletePost deletes a post that is not being published.
func (s *CalendarService) DeletePost(ctx context.Context, id int64) error {
	db, err := s.workspaces.DB()
	if err != nil {
		return err
	}
	if err := s.takeBack(ctx, db, id); err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		p, err := findPost(ctx, tx, id)
		if err != nil {
			return err
		}
		if p.Status == backend.PostPublishing {
			return wrongPostState(p)
		}
		if held := heldChannels(p); len(held) > 0 {
			return errPlatformHolds(p, held[0])
		}
		if _, err := tx.exec(ctx, `DELETE FROM calendar_posts WHERE id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: s.actor, Action: backend.AuditPostDeleted,
			Subject: "post:" + strconv.FormatInt(id, 10), Before: rawJSON(postSnapshot(p))}); err != nil {
			return err
		}
		s.publishPosts(tx, true, id)
		return nil
	})
}
