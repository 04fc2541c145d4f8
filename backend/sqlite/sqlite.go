// Package sqlite is Tend's store: one SQLite file per workspace, through modernc.org/sqlite (pure
// Go, no cgo). One writer connection serialises writes; a pool of read-only connections serves
// queries concurrently thanks to WAL.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"tend/backend"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// pragmas apply to every connection. busy_timeout comes first so that the others wait for a lock
// instead of failing; WAL lets readers run while the writer writes; NORMAL sync is durable across
// application crashes in WAL mode (only an OS crash may lose the last transactions).
var pragmas = []string{
	"busy_timeout(5000)",
	"journal_mode(WAL)",
	"synchronous(NORMAL)",
	"foreign_keys(ON)",
}

// sqliteHeader starts every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// DB is an open workspace database.
type DB struct {
	path  string
	write *sql.DB // one connection: SQLite allows one writer at a time anyway
	read  *sql.DB // read-only pool
	// Now is the clock every transaction reads its time from; tests replace it.
	Now func() time.Time

	// Statements prepared once per pool and reused by every transaction: parsing a statement
	// costs SQLite more than running most of them.
	mu    sync.Mutex
	cache map[*sql.DB]map[string]*sql.Stmt
}

// maxCachedStatements bounds each pool's statement cache; queries beyond it are prepared per
// transaction, as they always could be.
const maxCachedStatements = 512

// Options tune Open.
type Options struct {
	// Create makes the file when it does not exist; otherwise a missing file is ENOTFOUND.
	Create bool
	// Now replaces the wall clock (tests).
	Now func() time.Time
}

// Open opens the workspace database at path and brings its schema up to date. A file that is not
// a SQLite database, is corrupt, or was written by a newer Tend is refused before anything is
// written to it.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	if err := preflight(ctx, path, opts.Create); err != nil {
		return nil, err
	}
	db := &DB{path: path, Now: opts.Now}
	if db.Now == nil {
		db.Now = time.Now
	}
	var err error
	// The writer gets a large page cache: ingest updates conversations all over the table and
	// every miss is a system call. Readers share the OS page cache and keep SQLite's default.
	if db.write, err = openPool(path, 1, "_txlock=immediate&_pragma=cache_size(-65536)"); err != nil {
		return nil, err
	}
	if db.read, err = openPool(path, max(4, runtime.NumCPU()), "_pragma=query_only(1)"); err != nil {
		db.write.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func openPool(path string, conns int, extra string) (*sql.DB, error) {
	q := make([]string, 0, len(pragmas)+1)
	for _, p := range pragmas {
		q = append(q, "_pragma="+url.QueryEscape(p))
	}
	q = append(q, extra)
	pool, err := sql.Open("sqlite", fileURI(path)+"?"+strings.Join(q, "&"))
	if err != nil {
		return nil, backend.Wrap(backend.EINTERNAL, err, "Cannot open the database %s.", path)
	}
	pool.SetMaxOpenConns(conns)
	pool.SetMaxIdleConns(conns)
	pool.SetConnMaxLifetime(0)
	return pool, nil
}

// fileURI turns a path into an SQLite URI so that characters such as '?' or '#' in folder names
// cannot be read as URI syntax.
func fileURI(path string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if filepath.VolumeName(path) != "" { // Windows: file:///C:/...
		u.Path = "/" + u.Path
	}
	return u.String()
}

// preflight checks an existing file read-only: it must be an SQLite database whose schema this
// build understands. A missing file is created empty, 0600 in a 0700 folder, when create is set.
func preflight(ctx context.Context, path string, create bool) error {
	f, err := os.Open(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !create {
			return backend.Errorf(backend.ENOTFOUND, "There is no database at %s.", path)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return backend.Wrap(backend.EUNAVAILABLE, err, "Cannot create the folder %s.", filepath.Dir(path))
		}
		nf, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return backend.Wrap(backend.EUNAVAILABLE, err, "Cannot create the database %s.", path)
		}
		return nf.Close()
	case err != nil:
		return backend.Wrap(backend.EUNAVAILABLE, err, "Cannot read %s.", path)
	}
	header := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, header)
	f.Close()
	if n == 0 && errors.Is(err, io.EOF) {
		return nil // an empty file is an empty database
	}
	if err != nil || !bytes.Equal(header, sqliteHeader) {
		return backend.Errorf(backend.EINVALID, "%s is not a Tend workspace: it is not an SQLite database.", path).
			Localized("db_not_sqlite", "path", path)
	}

	// immutable=1 reads without creating -wal or -shm files; when a WAL already exists it may hold
	// the latest commits, so read through it instead.
	mode := "immutable=1"
	if _, err := os.Stat(path + "-wal"); err == nil {
		mode = "mode=ro"
	}
	ro, err := sql.Open("sqlite", fileURI(path)+"?"+mode+"&_pragma=busy_timeout(5000)")
	if err != nil {
		return backend.Wrap(backend.EINTERNAL, err, "Cannot open the database %s.", path)
	}
	defer ro.Close()
	var hasMigrations int
	err = ro.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&hasMigrations)
	if err == nil && hasMigrations > 0 {
		var version sql.NullInt64
		if err = ro.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&version); err == nil {
			if latest := latestMigration(); version.Int64 > int64(latest) {
				return backend.Errorf(backend.ECONFLICT,
					"%s was written by a newer version of Tend (schema %d; this version knows up to %d). Update Tend to open it.",
					path, version.Int64, latest).Localized("db_newer_schema", "path", path)
			}
		}
	}
	if err != nil {
		if code := sqliteCode(err); code == sqlite3.SQLITE_CORRUPT || code == sqlite3.SQLITE_NOTADB {
			return backend.Wrap(backend.EINVALID, err, "%s is damaged and cannot be opened. Restore it from a backup.", path).
				Localized("db_corrupt", "path", path)
		}
		return mapError(err, "Cannot read %s.", path)
	}
	return nil
}

// Close optimises, checkpoints the WAL into the main file and closes every connection.
func (db *DB) Close() error {
	if db.write != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		// Best effort: a failure here loses nothing, the WAL stays valid.
		_, _ = db.write.ExecContext(ctx, `PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);`)
	}
	var errs []error
	db.mu.Lock()
	for _, stmts := range db.cache {
		for _, stmt := range stmts {
			errs = append(errs, stmt.Close())
		}
	}
	db.cache = nil
	db.mu.Unlock()
	for _, pool := range []*sql.DB{db.read, db.write} {
		if pool != nil {
			errs = append(errs, pool.Close())
		}
	}
	return errors.Join(errs...)
}

// Path returns the database file.
func (db *DB) Path() string { return db.path }

type migration struct {
	version int
	name    string
}

func migrations() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	var out []migration
	for _, e := range entries {
		prefix, _, ok := strings.Cut(e.Name(), "_")
		version, err := strconv.Atoi(prefix)
		if !ok || err != nil {
			panic(fmt.Sprintf("migration %s: name must start with a number and an underscore", e.Name()))
		}
		out = append(out, migration{version: version, name: e.Name()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out
}

func latestMigration() int {
	all := migrations()
	return all[len(all)-1].version
}

// migrate applies, in order and each in its own transaction, the migrations not yet recorded.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TEXT NOT NULL
	) STRICT`); err != nil {
		return mapError(err, "Cannot prepare the database %s.", db.path)
	}
	for _, m := range migrations() {
		if err := db.applyMigration(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) applyMigration(ctx context.Context, m migration) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return mapError(err, "Cannot update the database %s.", db.path)
	}
	defer tx.Rollback()
	var applied int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&applied); err != nil {
		return mapError(err, "Cannot update the database %s.", db.path)
	}
	if applied > 0 {
		return nil
	}
	body, err := migrationFiles.ReadFile("migrations/" + m.name)
	if err != nil {
		return backend.Wrap(backend.EINTERNAL, err, "Cannot read migration %s.", m.name)
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return mapError(fmt.Errorf("migration %s: %w", m.name, err), "Cannot update the database %s.", db.path)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, formatTime(db.Now())); err != nil {
		return mapError(err, "Cannot update the database %s.", db.path)
	}
	if err := tx.Commit(); err != nil {
		return mapError(err, "Cannot update the database %s.", db.path)
	}
	return nil
}

// SchemaVersion returns the latest migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.read.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, mapError(err, "Cannot read the database version.")
	}
	return v, nil
}

// Tx is a transaction whose clock is fixed when it begins, so every row it writes carries the same
// time, and which runs its after-commit hooks (event publishing) only once the data is durable.
type Tx struct {
	*sql.Tx
	Now         time.Time
	afterCommit []func()
	// stmts are this transaction's prepared statements by query text: a batch runs the same
	// statements thousands of times, and parsing costs more than running them.
	stmts map[string]*sql.Stmt
	db    *DB
	pool  *sql.DB
	// missed lists the queries this transaction prepared for itself, to be cached on the pool
	// once it ends (a pool statement cannot be prepared while the transaction holds the only
	// writer connection).
	missed []string
}

// stmt returns query prepared once in this transaction (the statement closes with it), from the
// pool's statement cache when it is there.
func (tx *Tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if stmt, ok := tx.stmts[query]; ok {
		return stmt, nil
	}
	var stmt *sql.Stmt
	if cached := tx.db.cached(tx.pool, query); cached != nil {
		stmt = tx.StmtContext(ctx, cached)
	} else {
		var err error
		if stmt, err = tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		tx.missed = append(tx.missed, query)
	}
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	tx.stmts[query] = stmt
	return stmt, nil
}

// cached returns pool's statement for query, or nil.
func (db *DB) cached(pool *sql.DB, query string) *sql.Stmt {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.cache[pool][query]
}

// remember prepares queries on pool for the transactions to come, while the cache has room.
func (db *DB) remember(ctx context.Context, pool *sql.DB, queries []string) {
	for _, q := range queries {
		db.mu.Lock()
		_, have := db.cache[pool][q]
		full := len(db.cache[pool]) >= maxCachedStatements
		db.mu.Unlock()
		if have || full {
			continue
		}
		stmt, err := pool.PrepareContext(ctx, q)
		if err != nil {
			continue // the transaction prepared it fine; caching is only an optimisation
		}
		db.mu.Lock()
		if db.cache == nil {
			db.cache = map[*sql.DB]map[string]*sql.Stmt{}
		}
		if db.cache[pool] == nil {
			db.cache[pool] = map[string]*sql.Stmt{}
		}
		if _, have := db.cache[pool][q]; have {
			stmt.Close()
		} else {
			db.cache[pool][q] = stmt
		}
		db.mu.Unlock()
	}
}

// exec runs a statement prepared once per transaction.
func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	stmt, err := tx.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return stmt.ExecContext(ctx, args...)
}

// query runs a query prepared once per transaction.
func (tx *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	stmt, err := tx.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return stmt.QueryContext(ctx, args...)
}

// row is a single-row result whose preparation error surfaces at Scan, like *sql.Row.
type row struct {
	*sql.Row
	err error
}

func (r row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	return r.Row.Scan(dest...)
}

// queryRow runs a single-row query prepared once per transaction.
func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) row {
	stmt, err := tx.stmt(ctx, query)
	if err != nil {
		return row{err: err}
	}
	return row{Row: stmt.QueryRowContext(ctx, args...)}
}

// AfterCommit registers fn to run after a successful commit.
func (tx *Tx) AfterCommit(fn func()) { tx.afterCommit = append(tx.afterCommit, fn) }

// Write runs fn in a write transaction and commits when it returns nil.
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) error {
	return db.run(ctx, db.write, nil, fn)
}

// Read runs fn in a read-only transaction: a consistent snapshot.
func (db *DB) Read(ctx context.Context, fn func(tx *Tx) error) error {
	return db.run(ctx, db.read, &sql.TxOptions{ReadOnly: true}, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(tx *Tx) error) error {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return mapError(err, "Cannot start a database transaction.")
	}
	tx := &Tx{Tx: sqlTx, Now: db.Now().UTC(), db: db, pool: pool}
	defer func() {
		_ = sqlTx.Rollback() // a no-op after Commit
		if len(tx.missed) > 0 && ctx.Err() == nil {
			db.remember(ctx, pool, tx.missed)
		}
	}()
	if err := fn(tx); err != nil {
		return mapError(err, "Database error.")
	}
	if err := sqlTx.Commit(); err != nil {
		return mapError(err, "Cannot save the change.")
	}
	for _, hook := range tx.afterCommit {
		hook()
	}
	return nil
}

// timeLayout stores times as sortable UTC text with fixed-width fractional seconds.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) { return time.Parse(timeLayout, s) }

func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// mapError turns SQLite failures into backend errors by their result codes (never their text);
// errors that already are *backend.Error pass through. message describes what was being done.
func mapError(err error, message string, args ...any) error {
	if err == nil {
		return nil
	}
	var be *backend.Error
	if errors.As(err, &be) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return backend.Wrap(backend.ENOTFOUND, err, "Not found.")
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return backend.Wrap(backend.EUNAVAILABLE, err, "The operation was cancelled or timed out.")
	}
	code := sqliteCode(err)
	switch code {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return backend.Wrap(backend.ECONFLICT, err, "This already exists.")
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return backend.Wrap(backend.ENOTFOUND, err, "It refers to something that does not exist.")
	case sqlite3.SQLITE_CONSTRAINT_TRIGGER:
		// The schema's own guards (append-only audit, consent, approval) refuse the change.
		return backend.Wrap(backend.ECONFLICT, err, "This change is not allowed.")
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL, sqlite3.SQLITE_CONSTRAINT_DATATYPE,
		sqlite3.SQLITE_TOOBIG:
		return backend.Wrap(backend.EINVALID, err, "The value is not allowed.")
	}
	switch code & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return backend.Wrap(backend.EUNAVAILABLE, err, "The workspace is busy; try again.")
	case sqlite3.SQLITE_FULL:
		return backend.Wrap(backend.EUNAVAILABLE, err, "The disk is full.")
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
		return backend.Wrap(backend.EUNAVAILABLE, err, "The workspace file cannot be written.")
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return backend.Wrap(backend.EINTERNAL, err, "The workspace file is damaged.")
	}
	return backend.Wrap(backend.EINTERNAL, err, message, args...)
}
