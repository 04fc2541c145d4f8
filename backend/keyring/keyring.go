// Package keyring implements backend.SecretStore with the OS keyring through zalando/go-keyring:
// the Secret Service (GNOME Keyring, KWallet) on Linux, Credential Manager on Windows and the
// Keychain on macOS. There is deliberately no plaintext fallback.
package keyring

import (
	"context"
	"errors"
	"os"
	"runtime"

	gokeyring "github.com/zalando/go-keyring"

	"tend/backend"
)

// Service is the keyring service name every Tend entry is stored under.
const Service = "tend"

// probeKey is looked up, never written, to learn whether the keyring answers.
const probeKey = "tend-probe"

// Store is the OS keyring. The zero value is ready to use.
type Store struct{}

var _ backend.SecretStore = Store{}

// unavailable explains what is missing, since a keyring failure is about the desktop, not Tend.
func unavailable(err error) error {
	hint := "The OS keyring cannot be used."
	if runtime.GOOS == "linux" {
		hint = "No Secret Service is available: install and unlock gnome-keyring (or KWallet) in your desktop session, " +
			"or start one with `dbus-run-session` and `gnome-keyring-daemon --unlock` on a server."
	}
	return backend.Wrap(backend.EUNAVAILABLE, err, "%s", hint).Localized("keyring_unavailable")
}

// call runs fn with the context's deadline: a keyring that hangs (a locked collection waiting for
// a prompt no one will see) must not hang Tend.
func call(ctx context.Context, fn func() error) error {
	if runtime.GOOS == "linux" && os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		// Without a session bus, godbus would try to launch one and leave stray daemons behind.
		return unavailable(errors.New("DBUS_SESSION_BUS_ADDRESS is not set"))
	}
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return unavailable(ctx.Err())
	}
}

// SetSecret stores value under key.
func (Store) SetSecret(ctx context.Context, key, value string) error {
	if key == "" {
		return backend.Errorf(backend.EINVALID, "A secret needs a name.")
	}
	err := call(ctx, func() error { return gokeyring.Set(Service, key, value) })
	if err != nil && backend.ErrorCode(err) != backend.EUNAVAILABLE {
		return unavailable(err)
	}
	return err
}

// Secret returns the value stored under key, or ENOTFOUND.
func (Store) Secret(ctx context.Context, key string) (string, error) {
	var value string
	err := call(ctx, func() (err error) {
		value, err = gokeyring.Get(Service, key)
		return err
	})
	switch {
	case errors.Is(err, gokeyring.ErrNotFound):
		return "", backend.Errorf(backend.ENOTFOUND, "No secret named %q is in the keyring.", key).Localized("secret_not_found", "name", key)
	case err != nil && backend.ErrorCode(err) != backend.EUNAVAILABLE:
		return "", unavailable(err)
	}
	return value, err
}

// DeleteSecret removes key; a missing key is fine.
func (Store) DeleteSecret(ctx context.Context, key string) error {
	err := call(ctx, func() error { return gokeyring.Delete(Service, key) })
	switch {
	case err == nil, errors.Is(err, gokeyring.ErrNotFound):
		return nil
	case backend.ErrorCode(err) == backend.EUNAVAILABLE:
		return err
	}
	return unavailable(err)
}

// Probe looks up an entry that never exists: "not found" proves the keyring answers.
func (s Store) Probe(ctx context.Context) error {
	_, err := s.Secret(ctx, probeKey)
	if backend.ErrorCode(err) == backend.ENOTFOUND {
		return nil
	}
	return err
}
