package backend

import "context"

// SecretStore keeps credentials (tokens, API keys) outside the database, in the OS keyring.
// Implementations never log or echo a secret value.
type SecretStore interface {
	// SetSecret stores value under key, replacing any previous value.
	SetSecret(ctx context.Context, key, value string) error
	// Secret returns the value stored under key, or ENOTFOUND.
	Secret(ctx context.Context, key string) (string, error)
	// DeleteSecret removes key; removing a missing key is not an error.
	DeleteSecret(ctx context.Context, key string) error
	// Probe returns nil when the store can be used, else EUNAVAILABLE saying what to install or start.
	Probe(ctx context.Context) error
}
