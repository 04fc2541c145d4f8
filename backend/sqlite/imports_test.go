package sqlite_test

import (
	"context"
	"testing"

	"tend/backend"
	"tend/backend/sqlite"
)

// TestImportExportsIntoTheInbox imports the importer's fixtures of a Telegram Desktop export and of
// a Meta "Download your information" folder through the service, twice.
func TestImportExportsIntoTheInbox(t *testing.T) {
	env := newInbox(t)
	ctx := context.Background()
	imports := sqlite.NewImportService(env.ws, env.inbox, env.events)
	for _, tc := range []struct {
		format, path, platform string
	}{
		{"telegram", "../importer/testdata/telegram/single-new", backend.PlatformTelegram},
		{"meta", "../importer/testdata/meta/instagram-atelierlumiere-2024-06-01", backend.PlatformInstagram},
		{"csv", "../importer/testdata/csv/good.csv", ""},
	} {
		first, err := imports.Import(ctx, backend.ImportRequest{Format: tc.format, Path: tc.path})
		if err != nil {
			t.Fatalf("%s: %v", tc.format, err)
		}
		if first.Imported == 0 || first.Imported+first.Duplicates != first.Read || first.ChannelID == 0 ||
			(tc.platform != "" && first.Platform != tc.platform) {
			t.Fatalf("%s first import: %+v", tc.format, first)
		}
		again, err := imports.Import(ctx, backend.ImportRequest{Format: tc.format, Path: tc.path})
		if err != nil {
			t.Fatal(err)
		}
		if again.Imported != 0 || again.Duplicates != first.Read || again.ChannelID != first.ChannelID {
			t.Fatalf("%s second import: %+v (first %+v)", tc.format, again, first)
		}
		conversations := env.list(t, backend.ConversationFilter{ChannelIDs: []int64{first.ChannelID},
			Statuses: []string{backend.StatusOpen, backend.StatusPending, backend.StatusSnoozed, backend.StatusResolved}})
		if len(conversations) == 0 {
			t.Fatalf("%s: nothing in the inbox", tc.format)
		}
	}
	if _, err := imports.Import(ctx, backend.ImportRequest{Format: "telegram", Path: "../importer/testdata/csv/good.csv"}); backend.ErrorCode(err) != backend.EINVALID {
		t.Errorf("a CSV read as a Telegram export: %v", err)
	}
	if _, err := imports.Import(ctx, backend.ImportRequest{Format: "csv", Path: "missing.csv"}); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Errorf("a missing file: %v", err)
	}
}
