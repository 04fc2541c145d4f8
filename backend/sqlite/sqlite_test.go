package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"tend/backend"
	"tend/backend/sqlite"
)

// fixedNow is the clock of every test database.
var fixedNow = time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC)

func openDB(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{Create: true, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestOpen(t *testing.T) {
	ctx := context.Background()

	t.Run("CreatesPrivateFileInPrivateFolder", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nested", "w.db")
		db := openDB(t, path)
		if v, err := db.SchemaVersion(ctx); err != nil || v < 1 {
			t.Fatalf("schema version %d, %v", v, err)
		}
		for p, mode := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
			info, err := os.Stat(p)
			if err != nil || info.Mode().Perm() != mode {
				t.Errorf("%s: mode %v (%v), want %v", p, info.Mode().Perm(), err, mode)
			}
		}
	})

	t.Run("MigrationsAppliedOnce", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "w.db")
		openDB(t, path).Close()
		openDB(t, path).Close()
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		var n, distinct int
		if err := raw.QueryRow(`SELECT count(*), count(DISTINCT version) FROM schema_migrations`).Scan(&n, &distinct); err != nil {
			t.Fatal(err)
		}
		if n != distinct || n == 0 {
			t.Fatalf("%d migration rows for %d versions", n, distinct)
		}
		var applied string
		if err := raw.QueryRow(`SELECT applied_at FROM schema_migrations WHERE version = 1`).Scan(&applied); err != nil || applied != "2026-11-28T09:30:00.000000000Z" {
			t.Fatalf("applied_at %q, %v: want the injected clock", applied, err)
		}
	})

	t.Run("ErrMissingWithoutCreate", func(t *testing.T) {
		_, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "none.db"), sqlite.Options{})
		if backend.ErrorCode(err) != backend.ENOTFOUND {
			t.Fatalf("got %v, want ENOTFOUND", err)
		}
	})

	t.Run("ErrNotSQLiteLeavesFileUntouched", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.db")
		content := []byte("these are my notes, not a database\n")
		writeFile(t, path, content)
		_, err := sqlite.Open(ctx, path, sqlite.Options{Create: true})
		if backend.ErrorCode(err) != backend.EINVALID || backend.ErrorMessage(err) != path+" is not a Tend workspace: it is not an SQLite database." {
			t.Fatalf("got %v", err)
		}
		assertUnchanged(t, path, content)
	})

	t.Run("ErrCorruptLeavesFileUntouched", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "w.db")
		openDB(t, path).Close()
		content, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// Keep the header, wreck the page that follows it (the schema).
		for i := 100; i < len(content); i++ {
			content[i] = 0xA5
		}
		writeFile(t, path, content)
		_, err = sqlite.Open(ctx, path, sqlite.Options{})
		if backend.ErrorCode(err) != backend.EINVALID {
			t.Fatalf("got %v, want EINVALID", err)
		}
		if want := path + " is damaged and cannot be opened. Restore it from a backup."; backend.ErrorMessage(err) != want {
			t.Fatalf("message %q, want %q", backend.ErrorMessage(err), want)
		}
		assertUnchanged(t, path, content)
		assertNoCompanions(t, path)
	})

	t.Run("ErrNewerSchemaLeavesFileUntouched", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "w.db")
		openDB(t, path).Close()
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(`INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 'x'); PRAGMA journal_mode=DELETE`); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		content, _ := os.ReadFile(path)
		_, err = sqlite.Open(ctx, path, sqlite.Options{})
		if backend.ErrorCode(err) != backend.ECONFLICT {
			t.Fatalf("got %v, want ECONFLICT", err)
		}
		assertUnchanged(t, path, content)
	})

	t.Run("EmptyFileIsANewDatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "w.db")
		writeFile(t, path, nil)
		openDB(t, path)
	})

	t.Run("PathWithURISyntax", func(t *testing.T) {
		openDB(t, filepath.Join(t.TempDir(), "a?b#c%20d", "w.db"))
	})
}

func TestTransactions(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "w.db"))

	t.Run("AfterCommitRunsOnlyOnCommit", func(t *testing.T) {
		ran := 0
		err := db.Write(ctx, func(tx *sqlite.Tx) error {
			tx.AfterCommit(func() { ran++ })
			return backend.Errorf(backend.EINVALID, "no")
		})
		if backend.ErrorCode(err) != backend.EINVALID || ran != 0 {
			t.Fatalf("rollback: err %v, hook ran %d", err, ran)
		}
		err = db.Write(ctx, func(tx *sqlite.Tx) error {
			tx.AfterCommit(func() { ran++ })
			return nil
		})
		if err != nil || ran != 1 {
			t.Fatalf("commit: err %v, hook ran %d", err, ran)
		}
	})

	t.Run("ClockFixedPerTransaction", func(t *testing.T) {
		err := db.Read(ctx, func(tx *sqlite.Tx) error {
			if !tx.Now.Equal(fixedNow) {
				t.Errorf("tx.Now = %v", tx.Now)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ReadOnlyRefusesWrites", func(t *testing.T) {
		err := db.Read(ctx, func(tx *sqlite.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO settings VALUES ('k', '1', 'x')`)
			return err
		})
		if err == nil {
			t.Fatal("a write succeeded in a read transaction")
		}
	})

	t.Run("ErrorsMappedByCode", func(t *testing.T) {
		for name, tc := range map[string]struct {
			sql  string
			code string
		}{
			"Unique": {`INSERT INTO settings VALUES ('dup', '1', 'x'); INSERT INTO settings VALUES ('dup', '2', 'x')`, backend.ECONFLICT},
			"Check":  {`INSERT INTO settings VALUES ('bad', 'not json', 'x')`, backend.EINVALID},
			"Syntax": {`INSERT INTO nowhere VALUES (1)`, backend.EINTERNAL},
		} {
			t.Run(name, func(t *testing.T) {
				err := db.Write(ctx, func(tx *sqlite.Tx) error {
					_, err := tx.ExecContext(ctx, tc.sql)
					return err
				})
				if backend.ErrorCode(err) != tc.code {
					t.Fatalf("got %v, want %s", err, tc.code)
				}
			})
		}
	})
}

func writeFile(t *testing.T, path string, content []byte) {
	t.Helper()
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
}

func assertUnchanged(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != string(want) {
		t.Fatalf("%s was modified (%v)", path, err)
	}
}

func assertNoCompanions(t *testing.T, path string) {
	t.Helper()
	for _, suffix := range []string{"-wal", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("%s%s was created", path, suffix)
		}
	}
}

func asError(err error, target **backend.Error) bool { return errors.As(err, target) }
