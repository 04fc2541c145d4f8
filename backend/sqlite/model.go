package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/reply"
)

// keyWorkspaceID names the settings row holding the workspace's own id: the keyring entry of its
// model key is named after it, so that renaming the workspace keeps the key.
const keyWorkspaceID = "workspace_id"

// workspaceID returns the open workspace's id, making it on first use.
func workspaceID(ctx context.Context, db *DB) (string, error) {
	var id string
	var raw string
	err := db.Read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, keyWorkspaceID).Scan(&raw)
	})
	if err == nil {
		return id, json.Unmarshal([]byte(raw), &id)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		var raw string
		err := tx.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, keyWorkspaceID).Scan(&raw)
		if err == nil {
			return json.Unmarshal([]byte(raw), &id)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var b [12]byte
		if _, err := rand.Read(b[:]); err != nil {
			return err
		}
		id = hex.EncodeToString(b[:])
		_, err = tx.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)`, keyWorkspaceID, jsonText(id), formatTime(tx.Now))
		return err
	})
	return id, err
}

// modelSecretKey is the keyring entry of the open workspace's model API key.
func (s *ReplyService) modelSecretKey(ctx context.Context, db *DB) (string, error) {
	id, err := workspaceID(ctx, db)
	return "model-api-key/" + id, err
}

// GetModelSettings returns the model settings and whether a key is stored.
func (s *ReplyService) GetModelSettings(ctx context.Context) (backend.ModelSettings, error) {
	db, err := s.db(ctx)
	if err != nil {
		return backend.ModelSettings{}, err
	}
	var out backend.ModelSettings
	if err := db.Read(ctx, func(tx *Tx) error {
		_, out, err = loadReplySettings(ctx, tx)
		return err
	}); err != nil {
		return out, err
	}
	_, has, err := s.modelKey(ctx, db)
	out.HasKey = has
	return out, err
}

// modelKey reads the stored key; a keyring that cannot be reached counts as no key here, and is
// reported when the key is written.
func (s *ReplyService) modelKey(ctx context.Context, db *DB) (string, bool, error) {
	name, err := s.modelSecretKey(ctx, db)
	if err != nil {
		return "", false, err
	}
	key, err := s.secrets.Secret(ctx, name)
	if err != nil {
		var be *backend.Error
		if errors.As(err, &be) && (be.Code == backend.ENOTFOUND || be.Code == backend.EUNAVAILABLE) {
			return "", false, nil
		}
		return "", false, err
	}
	return key, true, nil
}

// UpdateModelSettings validates and saves the model settings, audited.
func (s *ReplyService) UpdateModelSettings(ctx context.Context, m backend.ModelSettings) (backend.ModelSettings, error) {
	m.BaseURL = strings.TrimRight(strings.TrimSpace(m.BaseURL), "/")
	m.Model = strings.TrimSpace(m.Model)
	if err := m.Validate(); err != nil {
		return backend.ModelSettings{}, err
	}
	db, err := s.db(ctx)
	if err != nil {
		return backend.ModelSettings{}, err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		rs, before, err := loadReplySettings(ctx, tx)
		if err != nil {
			return err
		}
		if err := saveReplySettings(ctx, tx, rs, m); err != nil {
			return err
		}
		_, err = tx.appendAudit(ctx, backend.AuditEntry{Actor: s.actor, Action: backend.AuditModelChanged, Subject: "model_settings",
			Before: rawJSON(before), After: rawJSON(m)})
		return err
	})
	if err != nil {
		return backend.ModelSettings{}, err
	}
	return s.publishModel(ctx)
}

func (s *ReplyService) publishModel(ctx context.Context) (backend.ModelSettings, error) {
	out, err := s.GetModelSettings(ctx)
	if err == nil {
		s.events.Publish(backend.EventModelSettingsUpdated, out)
		s.events.Publish(backend.EventAuditAppended, nil)
	}
	return out, err
}

// SetModelKey stores the API key in the OS keyring; the audit trail records that it changed.
func (s *ReplyService) SetModelKey(ctx context.Context, key string) (backend.ModelSettings, error) {
	key = strings.TrimSpace(key)
	if key == "" || !utf8.ValidString(key) || len(key) > 4096 || strings.ContainsAny(key, " \t\r\n") {
		return backend.ModelSettings{}, backend.Errorf(backend.EINVALID, "Paste the API key as the provider shows it, without spaces.").Localized("model_key_invalid")
	}
	return s.changeKey(ctx, "API key stored in the keyring", func(name string) error { return s.secrets.SetSecret(ctx, name, key) })
}

// DeleteModelKey removes the API key from the keyring.
func (s *ReplyService) DeleteModelKey(ctx context.Context) (backend.ModelSettings, error) {
	return s.changeKey(ctx, "API key removed from the keyring", func(name string) error { return s.secrets.DeleteSecret(ctx, name) })
}

func (s *ReplyService) changeKey(ctx context.Context, what string, change func(name string) error) (backend.ModelSettings, error) {
	db, err := s.db(ctx)
	if err != nil {
		return backend.ModelSettings{}, err
	}
	name, err := s.modelSecretKey(ctx, db)
	if err != nil {
		return backend.ModelSettings{}, err
	}
	if err := s.secrets.Probe(ctx); err != nil {
		return backend.ModelSettings{}, err
	}
	if err := change(name); err != nil {
		return backend.ModelSettings{}, err
	}
	if err := db.Write(ctx, func(tx *Tx) error {
		_, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: s.actor, Action: backend.AuditModelChanged, Subject: "model_key", Reason: what})
		return err
	}); err != nil {
		return backend.ModelSettings{}, err
	}
	return s.publishModel(ctx)
}

// modelClient builds the configured model's client, or says why it cannot.
func (s *ReplyService) modelClient(ctx context.Context, db *DB, requireEnabled bool) (ModelClient, backend.ModelSettings, error) {
	var m backend.ModelSettings
	if err := db.Read(ctx, func(tx *Tx) error {
		var err error
		_, m, err = loadReplySettings(ctx, tx)
		return err
	}); err != nil {
		return nil, m, err
	}
	if requireEnabled && !m.Enabled {
		return nil, m, backend.Errorf(backend.EUNAVAILABLE, "Drafting with a model is off: turn it on in Settings → AI model.").Localized("model_disabled")
	}
	key, has, err := s.modelKey(ctx, db)
	if err != nil {
		return nil, m, err
	}
	needsKey := slices.ContainsFunc(backend.ModelPresets, func(p backend.ModelPreset) bool { return p.ID == m.Preset && p.NeedsKey })
	if needsKey && !has {
		if perr := s.secrets.Probe(ctx); perr != nil {
			return nil, m, perr
		}
		return nil, m, backend.Errorf(backend.EUNAUTHORIZED, "This server needs an API key: add it in Settings → AI model.").Localized("model_key_missing")
	}
	if s.newModel == nil {
		return nil, m, backend.Errorf(backend.EUNAVAILABLE, "No model client is available in this build.").Localized("model_disabled")
	}
	client, err := s.newModel(m, key)
	return client, m, err
}

// CheckModel asks the server which models it offers.
func (s *ReplyService) CheckModel(ctx context.Context) (backend.ModelCheck, error) {
	out := backend.ModelCheck{Models: []string{}}
	db, err := s.db(ctx)
	if err != nil {
		return out, err
	}
	client, m, err := s.modelClient(ctx, db, false)
	if err != nil {
		return out, err
	}
	models, err := client.ListModels(ctx)
	if err != nil {
		return out, err
	}
	out.Models = models
	out.ModelFound = slices.Contains(models, m.Model)
	return out, nil
}

// maxStreamID bounds a caller's stream id.
const maxStreamID = 100

// createModelDraft streams a model draft and saves it.
func (s *ReplyService) createModelDraft(ctx context.Context, d backend.NewDraft) (backend.Reply, error) {
	if err := checkStreamID(d.StreamID); err != nil {
		return backend.Reply{}, err
	}
	db, err := s.db(ctx)
	if err != nil {
		return backend.Reply{}, err
	}
	client, m, err := s.modelClient(ctx, db, true)
	if err != nil {
		return backend.Reply{}, err
	}
	req, err := s.modelRequest(ctx, db, d.ConversationID, m)
	if err != nil {
		return backend.Reply{}, err
	}
	draft, usage, err := s.stream(ctx, client, req, d.StreamID)
	if err != nil {
		return backend.Reply{}, err
	}
	return s.insertDraft(ctx, d.ConversationID, backend.SourceModel, draft, &usage)
}

// StreamCaption drafts a post caption with the configured model, streaming draft:delta events
// under streamID (CancelDraft stops it).
func (s *ReplyService) StreamCaption(ctx context.Context, brief backend.CaptionBrief, streamID string) (backend.Draft, backend.ModelUsage, error) {
	if err := checkStreamID(streamID); err != nil {
		return backend.Draft{}, backend.ModelUsage{}, err
	}
	db, err := s.db(ctx)
	if err != nil {
		return backend.Draft{}, backend.ModelUsage{}, err
	}
	client, m, err := s.modelClient(ctx, db, true)
	if err != nil {
		return backend.Draft{}, backend.ModelUsage{}, err
	}
	draft, usage, err := s.stream(ctx, client, backend.ModelDraftRequest{BrandVoice: m.BrandVoice, Caption: &brief}, streamID)
	draft.Language = brief.Language
	return draft, usage, err
}

func checkStreamID(id string) error {
	if id == "" || len(id) > maxStreamID || !utf8.ValidString(id) {
		return backend.Errorf(backend.EINVALID, "A model draft needs a stream id of 1 to %d characters.", maxStreamID).Localized("draft_stream_id")
	}
	return nil
}

// stream runs a model draft under streamID, cancellable by CancelDraft, publishing its pieces.
func (s *ReplyService) stream(ctx context.Context, client ModelClient, req backend.ModelDraftRequest, streamID string) (backend.Draft, backend.ModelUsage, error) {
	streamCtx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	if _, busy := s.streams[streamID]; busy {
		s.mu.Unlock()
		cancel()
		return backend.Draft{}, backend.ModelUsage{}, backend.Errorf(backend.ECONFLICT, "This draft is already being written.").Localized("draft_stream_busy")
	}
	s.streams[streamID] = cancel
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.streams, streamID)
		s.mu.Unlock()
		cancel()
	}()
	return client.StreamDraft(streamCtx, req, func(delta string) {
		s.events.Publish(backend.EventDraftDelta, backend.DraftDeltaEvent{StreamID: streamID, Delta: delta})
	})
}

// modelRequest gathers the prompt's material: the conversation's last messages, the contact's
// facts and the templates the built-in drafter finds most relevant.
func (s *ReplyService) modelRequest(ctx context.Context, db *DB, conversationID int64, m backend.ModelSettings) (backend.ModelDraftRequest, error) {
	req := backend.ModelDraftRequest{BrandVoice: m.BrandVoice}
	err := db.Read(ctx, func(tx *Tx) error {
		var err error
		if req.DraftRequest, err = s.templates.draftRequest(ctx, tx, conversationID); err != nil {
			return err
		}
		history, err := findMessages(ctx, tx, `WHERE m.conversation_id = ? AND m.deleted = 0 ORDER BY m.sent_at DESC, m.id DESC LIMIT ?`,
			conversationID, backend.MaxModelHistory)
		if err != nil {
			return err
		}
		slices.Reverse(history)
		req.History = history
		templates, err := findTemplates(ctx, tx, `WHERE archived = 0`)
		if err != nil {
			return err
		}
		drafter, err := reply.NewDrafter(templates)
		if err != nil {
			return backend.Wrap(backend.EINTERNAL, err, "A stored template cannot be read.")
		}
		req.Grounding = drafter.Relevant(req.DraftRequest, backend.MaxModelGrounding)
		return nil
	})
	if err == nil && req.Message.ID == 0 {
		err = backend.Errorf(backend.ENOTFOUND, "There is no message from the contact to answer.").Localized("draft_no_inbound", "id", "")
	}
	return req, err
}

// CancelDraft stops the model draft streaming under streamID.
func (s *ReplyService) CancelDraft(_ context.Context, streamID string) error {
	s.mu.Lock()
	cancel := s.streams[streamID]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	return nil
}
