package sqlite

import "context"

// Exec runs a raw statement in its own write transaction, for tests that act as someone writing to
// the file behind Tend's back.
func (db *DB) Exec(ctx context.Context, query string, args ...any) error {
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	})
}
