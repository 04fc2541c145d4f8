package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"tend/backend"
	"tend/backend/importer"
)

// maxRejectionLines is how many rejected items the import summary lists.
const maxRejectionLines = 20

func importCommand() *command {
	var format, owner, zone string
	var asJSON bool
	return &command{
		name: "import",
		args: "--format telegram|meta|csv [--owner NAME] [--time-zone ZONE] FILE|DIR\n\n" +
			"Imports a platform's data export into the inbox: telegram is Telegram Desktop's JSON export (result.json\n" +
			"or its folder), meta is Meta's \"Download your information\" JSON (Messenger, Instagram), csv is Tend's CSV\n" +
			"layout. Progress goes to standard error, the summary to standard output. Each message is stored once:\n" +
			"importing the same file again imports 0 and counts the rest as duplicates. Rejected items (a bad row, a\n" +
			"message without text...) are listed with their location and reason but are not a failure: the exit code\n" +
			"is 0 when the import ran, 1 only when it could not (unreadable file, wrong format).",
		summary: "import a platform's data export (Telegram, Meta, CSV) into the inbox",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&format, "format", "", "the export's `FORMAT`: telegram, meta or csv (required)")
			fs.StringVar(&owner, "owner", "", "the account's own display `NAME` in the export, whose messages are outbound (default: worked out)")
			fs.StringVar(&zone, "time-zone", "", "read Telegram dates without a zone in `ZONE`, e.g. Europe/Paris (default: UTC)")
			fs.BoolVar(&asJSON, "json", false, "print the summary as JSON")
		},
		run: func(ctx context.Context, c *Config, g Globals, args []string) error {
			if len(args) != 1 {
				return usagef("import takes one FILE or DIR, got %d argument(s)", len(args))
			}
			if format == "" {
				return usagef("import needs --format: telegram, meta or csv")
			}
			if !slices.Contains(importer.Formats, importer.Format(format)) {
				return usagef("invalid --format %q: use telegram, meta or csv", format)
			}
			if zone != "" {
				if _, err := time.LoadLocation(zone); err != nil {
					return usagef("unknown --time-zone %q: use a zone name such as Europe/Paris", zone)
				}
			}
			if _, err := os.Stat(args[0]); err != nil {
				// Checked before the workspace opens, so that a mistyped path does not create one.
				return backend.Errorf(backend.ENOTFOUND, "%q does not exist.", args[0]).Localized("import_file_not_found", "file", args[0])
			}
			rt, err := open(ctx, c, g, "cli")
			if err != nil {
				return err
			}
			defer rt.Close()
			sub := rt.Events.Subscribe()
			done := make(chan struct{})
			terminal := writerIsTerminal(c.Stderr)
			go func() {
				defer close(done)
				for e := range sub.C {
					if p, ok := e.Payload.(backend.ImportProgressEvent); ok && e.Name == backend.EventImportProgress {
						showImportProgress(c.Stderr, p, terminal)
					}
				}
			}()
			sum, err := rt.Imports.Import(ctx, backend.ImportRequest{Format: format, Path: args[0], Owner: owner, TimeZone: zone})
			sub.Close()
			<-done
			if terminal && sum.Read > 0 {
				fmt.Fprintln(c.Stderr)
			}
			if err != nil {
				if sum.Imported > 0 {
					// Batches committed before the failure stay: say what they hold.
					_ = printImportSummary(c.Stdout, sum, asJSON)
				}
				return err
			}
			return printImportSummary(c.Stdout, sum, asJSON)
		},
	}
}

// showImportProgress shows a batch's progress: an updating line on a terminal, else one line.
func showImportProgress(w io.Writer, p backend.ImportProgressEvent, terminal bool) {
	if terminal {
		fmt.Fprintf(w, "\rImporting %s: %d of %d messages", p.Path, p.Done, p.Total)
		return
	}
	fmt.Fprintf(w, "import: %d of %d messages\n", p.Done, p.Total)
}

func printImportSummary(w io.Writer, sum backend.ImportSummary, asJSON bool) error {
	if asJSON {
		if sum.Rejected == nil {
			sum.Rejected = []backend.ImportRejection{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	rejected := len(sum.Rejected) + sum.MoreRejected
	fmt.Fprintf(w, "platform: %s\nread: %d\nimported: %d\nduplicates skipped: %d\nskipped: %d\ntruncated: %d\nrejected: %d\n",
		sum.Platform, sum.Read, sum.Imported, sum.Duplicates, sum.Skipped, sum.Truncated, rejected)
	for i, r := range sum.Rejected {
		if i == maxRejectionLines {
			break
		}
		fmt.Fprintf(w, "  %s: %s\n", r.Location, r.Reason)
	}
	if more := rejected - min(len(sum.Rejected), maxRejectionLines); more > 0 {
		fmt.Fprintf(w, "  … and %d more\n", more)
	}
	return nil
}

// writerIsTerminal tells whether w is an interactive terminal (for progress lines).
func writerIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}
