package backend

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ModelPreset fills the model settings for a known OpenAI-compatible server.
type ModelPreset struct {
	ID      string `json:"id"` // "openai", "ollama", "lmstudio", "llamacpp"
	Name    string `json:"name"`
	BaseURL string `json:"base_url"`
	Model   string `json:"model"` // a sensible default the user may change
	// NeedsKey is set when the server refuses requests without an API key.
	NeedsKey bool `json:"needs_key"`
}

// ModelPresets are the servers the settings page offers. Local servers listen on their documented
// default ports.
var ModelPresets = []ModelPreset{
	{ID: "openai", Name: "OpenAI", BaseURL: "https://api.openai.com/v1", Model: "gpt-4o-mini", NeedsKey: true},
	{ID: "ollama", Name: "Ollama", BaseURL: "http://localhost:11434/v1", Model: "llama3.2"},
	{ID: "lmstudio", Name: "LM Studio", BaseURL: "http://localhost:1234/v1", Model: "local-model"},
	{ID: "llamacpp", Name: "llama.cpp server", BaseURL: "http://localhost:8080/v1", Model: "local-model"},
}

// Limits on the model settings.
const (
	MaxBrandVoiceRunes   = 2000
	MaxModelNameRunes    = 200
	MaxModelTimeout      = 600 // seconds
	DefaultModelTimeout  = 60  // seconds, for a whole streamed draft
	DefaultModelTemp     = 0.4
	MaxModelHistory      = 20 // conversation messages in a prompt
	MaxModelGrounding    = 5  // templates in a prompt
	DefaultModelMaxToken = 400
)

// ModelSettings configure the optional OpenAI-compatible drafter of a workspace. The API key is not
// here: it lives in the OS keyring.
type ModelSettings struct {
	Enabled     bool    `json:"enabled"`
	Preset      string  `json:"preset"` // a ModelPreset id, or "custom"
	BaseURL     string  `json:"base_url"`
	Model       string  `json:"model"`
	Temperature float64 `json:"temperature"` // 0..2
	// TimeoutSeconds bounds a whole draft, streaming included.
	TimeoutSeconds int `json:"timeout_seconds"`
	// BrandVoice describes how the brand writes ("tutoiement, chaleureux, pas d'emoji"); it opens
	// every prompt.
	BrandVoice string `json:"brand_voice"`
	// HasKey tells whether an API key is stored in the keyring for this workspace; read-only.
	HasKey bool `json:"has_key"`
}

// DefaultModelSettings is a disabled model on the Ollama preset: the built-in drafter stays the
// default, and turning the model on needs no account.
func DefaultModelSettings() ModelSettings {
	p := ModelPresets[1]
	return ModelSettings{Preset: p.ID, BaseURL: p.BaseURL, Model: p.Model, Temperature: DefaultModelTemp, TimeoutSeconds: DefaultModelTimeout}
}

// Validate returns EINVALID naming the first bad field.
func (m ModelSettings) Validate() error {
	if m.Preset != "custom" && !slices.ContainsFunc(ModelPresets, func(p ModelPreset) bool { return p.ID == m.Preset }) {
		return Errorf(EINVALID, "Unknown model preset %q.", m.Preset).Localized("model_preset_unknown", "preset", m.Preset)
	}
	u, err := url.Parse(m.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return Errorf(EINVALID, "The server address must be an http(s) URL such as http://localhost:11434/v1.").
			Localized("model_base_url_invalid", "url", m.BaseURL)
	}
	switch {
	case strings.TrimSpace(m.Model) == "" || !utf8.ValidString(m.Model) || utf8.RuneCountInString(m.Model) > MaxModelNameRunes:
		return Errorf(EINVALID, "Name the model to use (at most %d characters).", MaxModelNameRunes).Localized("model_name_required")
	case !(m.Temperature >= 0 && m.Temperature <= 2):
		return Errorf(EINVALID, "The temperature must be between 0 and 2.").Localized("model_temperature_range")
	case m.TimeoutSeconds < 1 || m.TimeoutSeconds > MaxModelTimeout:
		return Errorf(EINVALID, "The timeout must be between 1 and %d seconds.", MaxModelTimeout).
			Localized("model_timeout_range", "limit", strconv.Itoa(MaxModelTimeout))
	case !utf8.ValidString(m.BrandVoice) || utf8.RuneCountInString(m.BrandVoice) > MaxBrandVoiceRunes:
		return Errorf(EINVALID, "The brand voice has at most %d characters.", MaxBrandVoiceRunes).
			Localized("model_brand_voice_too_long", "limit", strconv.Itoa(MaxBrandVoiceRunes))
	}
	return nil
}

// ModelUsage is the token count a model reported for one draft.
type ModelUsage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// ModelDraftRequest is what a model is told to draft a reply: the DraftRequest plus the conversation
// so far and the templates most relevant to it, as grounding.
type ModelDraftRequest struct {
	DraftRequest
	// History holds the conversation's last messages, oldest first, at most MaxModelHistory.
	History []Message `json:"history"`
	// Grounding holds the templates the built-in drafter finds most relevant, at most MaxModelGrounding.
	Grounding  []Template `json:"grounding"`
	BrandVoice string     `json:"brand_voice"`
	// Caption, when set, asks for a post caption instead of a reply: DraftRequest, History and
	// Grounding are then unused.
	Caption *CaptionBrief `json:"caption,omitempty"`
}

// ModelDrafter drafts replies with a language model, streaming the text as it comes.
type ModelDrafter interface {
	// StreamDraft calls onDelta with each piece of text as the model writes it, then returns the
	// whole draft (Source DraftFromModel) and the usage the server reported. Cancelling ctx stops
	// the request. Errors carry specific keys: a bad key (EUNAUTHORIZED), an unknown model
	// (ENOTFOUND), a rate limit (ERATELIMITED), an unreachable server, a timeout, or an answer that
	// is not the API's (EUNAVAILABLE, naming the server address).
	StreamDraft(ctx context.Context, req ModelDraftRequest, onDelta func(delta string)) (Draft, ModelUsage, error)
}

// ModelCheck is the result of trying the configured model server.
type ModelCheck struct {
	// Models lists the models the server offers (GET /models), when it says.
	Models []string `json:"models"`
	// ModelFound tells whether the configured model is among them.
	ModelFound bool `json:"model_found"`
}

// ModelService keeps the open workspace's model settings, and its API key in the OS keyring.
type ModelService interface {
	GetModelSettings(ctx context.Context) (ModelSettings, error)
	// UpdateModelSettings saves the settings (HasKey is ignored). EINVALID naming the bad field.
	UpdateModelSettings(ctx context.Context, s ModelSettings) (ModelSettings, error)
	// SetModelKey stores the API key in the keyring; EUNAVAILABLE when there is no keyring, saying
	// what to install. The key is never stored anywhere else nor returned.
	SetModelKey(ctx context.Context, key string) (ModelSettings, error)
	// DeleteModelKey removes the key from the keyring.
	DeleteModelKey(ctx context.Context) (ModelSettings, error)
	// CheckModel asks the server which models it offers, with the model errors' keys on failure.
	CheckModel(ctx context.Context) (ModelCheck, error)
}
