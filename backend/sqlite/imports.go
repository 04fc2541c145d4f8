package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tend/backend"
	"tend/backend/importer"
)

// importBatch is how many messages one ingest transaction of an import holds.
const importBatch = 2000

// ImportService implements backend.ImportService: platform data exports go into an import channel
// of their platform, in batches, each message stored once however often the file is imported.
type ImportService struct {
	workspaces *Workspaces
	inbox      *InboxService
	events     backend.Publisher
}

var _ backend.ImportService = (*ImportService)(nil)

// NewImportService returns the imports of whichever workspace is open in ws.
func NewImportService(ws *Workspaces, inbox *InboxService, events backend.Publisher) *ImportService {
	return &ImportService{workspaces: ws, inbox: inbox, events: events}
}

// Import reads the export at req.Path and ingests it.
func (s *ImportService) Import(ctx context.Context, req backend.ImportRequest) (backend.ImportSummary, error) {
	sum := backend.ImportSummary{Rejected: []backend.ImportRejection{}}
	path := strings.TrimSpace(req.Path)
	if path == "" {
		return sum, backend.Errorf(backend.EINVALID, "Choose the file or folder to import.").Localized("import_path_required")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return sum, backend.Errorf(backend.EINVALID, "%q is not a valid path.", path).Localized("import_path_invalid", "file", path)
	}
	if _, err := os.Stat(abs); err != nil {
		return sum, backend.Errorf(backend.ENOTFOUND, "%q does not exist.", path).Localized("import_file_not_found", "file", path)
	}
	opts := importer.Options{Owner: strings.TrimSpace(req.Owner)}
	if req.TimeZone != "" {
		loc, err := time.LoadLocation(req.TimeZone)
		if err != nil {
			return sum, backend.Errorf(backend.EINVALID, "Unknown time zone %q.", req.TimeZone).Localized("settings_time_zone_unknown", "time_zone", req.TimeZone)
		}
		opts.TimeZone = loc
	}
	result, err := importer.Parse(importer.Format(req.Format), os.DirFS(filepath.Dir(abs)), filepath.Base(abs), opts)
	if err != nil {
		return sum, err
	}
	sum.Platform, sum.Read, sum.Skipped, sum.Truncated, sum.MoreRejected = result.Platform, len(result.Messages), result.Skipped, result.Truncated, result.MoreRejected
	for _, r := range result.Rejected {
		sum.Rejected = append(sum.Rejected, backend.ImportRejection{Location: r.Location, Reason: r.Reason, Key: r.Key, Params: r.Params})
	}
	db, triager, err := s.inbox.Triager(ctx)
	if err != nil {
		return sum, err
	}
	if err := db.Write(ctx, func(tx *Tx) error {
		sum.ChannelID, err = ensureImportChannel(ctx, tx, result.Platform)
		return err
	}); err != nil {
		return sum, err
	}
	for start := 0; start < len(result.Messages); start += importBatch {
		batch := result.Messages[start:min(start+importBatch, len(result.Messages))]
		for i := range batch {
			batch[i].ChannelID = sum.ChannelID
		}
		prepared, err := prepareBatch(batch)
		if err != nil {
			return sum, err
		}
		err = db.Write(ctx, func(tx *Tx) error {
			res, err := s.inbox.ingestTx(ctx, tx, triager, prepared)
			sum.Imported += res.Received
			sum.Duplicates += res.Duplicates
			return err
		})
		if err != nil {
			return sum, err
		}
		s.events.Publish(backend.EventImportProgress, backend.ImportProgressEvent{Path: path, Done: start + len(batch), Total: len(result.Messages)})
	}
	return sum, nil
}

// ensureImportChannel returns the import channel of platform, creating it.
func ensureImportChannel(ctx context.Context, tx *Tx, platform string) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, `SELECT id FROM channels WHERE platform = ? AND account = 'import' AND kind = 'import'`, platform).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !isNoRows(err) {
		return 0, err
	}
	name := strings.ToUpper(platform[:1]) + platform[1:] + " (import)"
	res, err := tx.exec(ctx, `INSERT INTO channels (platform, account, name, kind, created_at) VALUES (?, 'import', ?, 'import', ?)`,
		platform, name, formatTime(tx.Now))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}
