package keyring_test

import (
	"context"
	"os"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/keyring"
)

// These tests talk to a real Secret Service. `make test` runs them inside dbus-run-session with an
// unlocked gnome-keyring-daemon; elsewhere they are skipped unless TEND_KEYRING_TEST=1 demands them.
func requireKeyring(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := (keyring.Store{}).Probe(ctx); err != nil {
		if os.Getenv("TEND_KEYRING_TEST") == "1" {
			t.Fatalf("keyring required but unavailable: %v", err)
		}
		t.Skipf("no Secret Service: %v", err)
	}
}

func TestStore(t *testing.T) {
	requireKeyring(t)
	ctx := context.Background()
	s := keyring.Store{}
	key := "test-" + time.Now().Format("150405.000000")
	t.Cleanup(func() { _ = s.DeleteSecret(ctx, key) })

	if _, err := s.Secret(ctx, key); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Fatalf("missing secret: got %v, want ENOTFOUND", err)
	}
	if err := s.SetSecret(ctx, key, "s3cr3t é"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Secret(ctx, key); err != nil || got != "s3cr3t é" {
		t.Fatalf("got %q, %v", got, err)
	}
	if err := s.SetSecret(ctx, key, "rotated"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Secret(ctx, key); got != "rotated" {
		t.Fatalf("after overwrite got %q", got)
	}
	if err := s.DeleteSecret(ctx, key); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSecret(ctx, key); err != nil {
		t.Fatalf("deleting a missing secret: %v", err)
	}
	if _, err := s.Secret(ctx, key); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Fatalf("after delete: got %v, want ENOTFOUND", err)
	}
	if err := s.SetSecret(ctx, "", "x"); backend.ErrorCode(err) != backend.EINVALID {
		t.Fatalf("empty key: got %v, want EINVALID", err)
	}
}

func TestUnavailableWithoutSessionBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	err := (keyring.Store{}).Probe(context.Background())
	if backend.ErrorCode(err) != backend.EUNAVAILABLE {
		t.Fatalf("got %v, want EUNAVAILABLE", err)
	}
}
