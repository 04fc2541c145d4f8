package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"tend/backend"
)

// Settings keys of the triage configuration; absent keys mean the shipped defaults.
const (
	keyEscalationKeywords = "escalation_keywords"
	keySLAPolicy          = "sla_policy"
)

// applyTriageSettings loads a workspace's stored keywords and SLA policy into t.
func applyTriageSettings(ctx context.Context, db *DB, t backend.Triager) error {
	keywords, policy, err := storedTriageSettings(ctx, db)
	if err != nil {
		return err
	}
	if keywords != nil {
		if err := t.SetKeywords(keywords); err != nil {
			return backend.Wrap(backend.EINTERNAL, err, "The stored escalation keywords are invalid.")
		}
	}
	if policy != nil {
		if err := t.SetPolicy(*policy); err != nil {
			return backend.Wrap(backend.EINTERNAL, err, "The stored SLA policy is invalid.")
		}
	}
	return nil
}

func storedTriageSettings(ctx context.Context, db *DB) ([]backend.Keyword, *backend.SLAPolicy, error) {
	var keywords []backend.Keyword
	var policy *backend.SLAPolicy
	for key, target := range map[string]any{keyEscalationKeywords: &keywords, keySLAPolicy: &policy} {
		var raw string
		err := db.read.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&raw)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, nil, mapError(err, "Cannot read the triage settings.")
		}
		if err := json.Unmarshal([]byte(raw), target); err != nil {
			return nil, nil, backend.Wrap(backend.EINTERNAL, fmt.Errorf("setting %s: %w", key, err), "The stored triage settings are damaged.")
		}
	}
	return keywords, policy, nil
}

// TriageSettings returns the keywords and SLA policy in force in the open workspace.
func (s *InboxService) TriageSettings(ctx context.Context) (backend.TriageSettings, error) {
	db, t, err := s.Triager(ctx)
	if err != nil {
		return backend.TriageSettings{}, err
	}
	_, policy, err := storedTriageSettings(ctx, db)
	if err != nil {
		return backend.TriageSettings{}, err
	}
	out := backend.TriageSettings{Keywords: t.Keywords(), SLA: backend.DefaultSLAPolicy()}
	if policy != nil {
		out.SLA = *policy
	}
	return out, nil
}

// UpdateTriageSettings validates and stores new keywords and SLA policy and applies them to the
// classifier once they are saved.
func (s *InboxService) UpdateTriageSettings(ctx context.Context, in backend.TriageSettings) (backend.TriageSettings, error) {
	if err := in.SLA.Validate(); err != nil {
		return backend.TriageSettings{}, err
	}
	if in.Keywords == nil {
		in.Keywords = []backend.Keyword{}
	}
	db, t, err := s.Triager(ctx)
	if err != nil {
		return backend.TriageSettings{}, err
	}
	previousKeywords := t.Keywords()
	_, previousPolicy, err := storedTriageSettings(ctx, db)
	if err != nil {
		return backend.TriageSettings{}, err
	}
	// Setting them on the classifier validates each keyword (its words must stem to something).
	if err := t.SetKeywords(in.Keywords); err != nil {
		return backend.TriageSettings{}, err
	}
	if err := t.SetPolicy(in.SLA); err != nil {
		_ = t.SetKeywords(previousKeywords)
		return backend.TriageSettings{}, err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		if err := putSetting(ctx, tx, keyEscalationKeywords, in.Keywords); err != nil {
			return err
		}
		if err := putSetting(ctx, tx, keySLAPolicy, in.SLA); err != nil {
			return err
		}
		tx.AfterCommit(func() { s.events.Publish(backend.EventTriageSettingsUpdated, in) })
		return nil
	})
	if err != nil {
		_ = t.SetKeywords(previousKeywords)
		policy := backend.DefaultSLAPolicy()
		if previousPolicy != nil {
			policy = *previousPolicy
		}
		_ = t.SetPolicy(policy)
		return backend.TriageSettings{}, err
	}
	return in, nil
}
