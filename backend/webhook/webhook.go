// Package webhook receives platform webhooks for `tend serve`: GET|POST
// /webhooks/<platform>/<account-name>, outside the API's bearer auth, each authenticated by its
// platform's own scheme. A verified body is stored durably before the platform gets its 200, and
// processed from the store afterwards; a bad or missing signature gets 401 and nothing is stored.
package webhook

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"tend/backend"
)

// Route families: Meta signs Instagram and Facebook Page deliveries the same way.
const (
	FamilyMeta     = "meta"
	FamilyWhatsApp = "whatsapp"
	FamilyTelegram = "telegram"
)

// MaxBodyBytes bounds a delivery: Meta batches up to 1,000 entries.
const MaxBodyBytes = 8 << 20

// Accounts is what the handler needs of the account store.
type Accounts interface {
	AccountByName(ctx context.Context, name string) (backend.Account, error)
	WebhookSecrets(ctx context.Context, a backend.Account) (map[string]string, error)
	StoreWebhook(ctx context.Context, accountID int64, body []byte) error
}

// Scheme authenticates one family's deliveries.
type Scheme struct {
	// Platforms lists the account platforms the family serves.
	Platforms []string
	// Challenge answers a GET subscription check; ok false refuses it. Nil when the family has none.
	Challenge func(secrets map[string]string, query url.Values) (challenge string, ok bool)
	// Verify reports whether a POST is authentic, from its headers and exact body bytes.
	Verify func(secrets map[string]string, header http.Header, body []byte) bool
}

// Handler serves /webhooks/.
type Handler struct {
	Accounts Accounts
	Schemes  map[string]Scheme // by family
	Logger   *slog.Logger
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/webhooks/")
	family, name, ok2 := strings.Cut(rest, "/")
	scheme, known := h.Schemes[family]
	if !ok || !ok2 || !known || name == "" || strings.Contains(name, "/") {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	a, err := h.Accounts.AccountByName(ctx, name)
	if err != nil || !contains(scheme.Platforms, a.Platform) {
		// The same answer for an unknown account and a wrong family: nothing to probe.
		http.NotFound(w, r)
		return
	}
	secrets, err := h.Accounts.WebhookSecrets(ctx, a)
	if err != nil {
		h.Logger.Warn("webhook: no secrets", "account", a.Name, "err", err)
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	switch r.Method {
	case http.MethodGet:
		if scheme.Challenge == nil {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		challenge, ok := scheme.Challenge(secrets, r.URL.Query())
		if !ok {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, challenge)
	case http.MethodPost:
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			http.Error(w, "too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if !scheme.Verify(secrets, r.Header, body) {
			h.Logger.Warn("webhook: refused an unauthenticated delivery", "account", a.Name, "family", family)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if err := h.Accounts.StoreWebhook(ctx, a.ID, body); err != nil {
			// Not stored: the platform retries on a non-2xx answer.
			h.Logger.Error("webhook: cannot store a delivery", "account", a.Name, "err", err)
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "ok")
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
