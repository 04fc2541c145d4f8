package sqlite

import (
	"context"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/calendar"
)

// DraftCaption proposes a caption for one of a post's channels, or for the caption they share
// (within the strictest of their limits): written by the built-in drafter, or streamed by the
// configured model. Nothing is saved.
func (s *CalendarService) DraftCaption(ctx context.Context, req backend.CaptionRequest) (backend.CaptionDraft, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CaptionDraft{}, err
	}
	var brief backend.CaptionBrief
	err = db.Read(ctx, func(tx *Tx) error {
		p, err := findPost(ctx, tx, req.PostID)
		if err != nil {
			return err
		}
		if req.Channel != "" {
			if err := backend.CheckPostChannel(req.Channel); err != nil {
				return err
			}
		}
		settings, err := s.loadCalendarSettings(ctx, tx)
		if err != nil {
			return err
		}
		wc, err := s.workspace(ctx, tx)
		if err != nil {
			return err
		}
		brief = captionBrief(p, req.Channel, settings, wc)
		return nil
	})
	if err != nil {
		return backend.CaptionDraft{}, err
	}
	if !req.Model {
		return calendar.DraftCaption(brief), nil
	}
	if s.captions == nil {
		return backend.CaptionDraft{}, backend.Errorf(backend.EUNAVAILABLE, "No model client is available in this build.").Localized("model_disabled")
	}
	draft, usage, err := s.captions.StreamCaption(ctx, brief, req.StreamID)
	if err != nil {
		return backend.CaptionDraft{}, err
	}
	n := utf8.RuneCountInString(draft.Text)
	return backend.CaptionDraft{Channel: req.Channel, Text: draft.Text, Source: backend.DraftFromModel, Language: brief.Language,
		Length: n, Limit: brief.Limit, OverLimit: brief.Limit > 0 && n > brief.Limit, Explanation: draft.Explanation, Usage: &usage}, nil
}

// captionBrief gathers what a drafter needs to write p's caption on channel ("" for the shared one).
func captionBrief(p backend.CalendarPost, channel string, settings backend.CalendarSettings, wc calendarWorkspace) backend.CaptionBrief {
	b := backend.CaptionBrief{Title: p.Title, Format: p.Format, Goal: p.Goal, Channel: channel, Link: p.UTMLink, Brand: wc.brand,
		Language: backend.Language(wc.language), Notes: p.CaptionFor(channel)}
	for _, pillar := range settings.Pillars {
		if pillar.Key == p.Pillar {
			b.Pillar, b.PillarDescription = pillar.Name, pillar.Description
		}
	}
	withMedia := len(p.MediaPaths) > 0
	channels := p.Channels
	if channel != "" {
		channels = []string{channel}
	} else if len(channels) == 0 {
		channels = backend.PostChannels
	}
	for _, ch := range channels {
		if l := backend.CaptionLimit(ch, withMedia); b.Limit == 0 || l < b.Limit {
			b.Limit = l
		}
	}
	if b.Language != backend.LanguageFrench {
		b.Language = backend.LanguageEnglish
	}
	return b
}
