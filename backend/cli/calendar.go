package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tend/backend"
	"tend/backend/calendar"
)

// maxCalendarProblemLines bounds the problems an import prints.
const maxCalendarProblemLines = 20

func calendarCommand() *command {
	var ics, csv, undated, asJSON bool
	var from, to string
	return &command{
		name: "calendar",
		args: "export (--ics | --csv) [--from DATE] [--to DATE] [--undated]\n" +
			"  tend calendar [flags] import [--json] FILE.ics|FILE.csv\n\n" +
			"export writes the content calendar to standard output: --ics an iCalendar file (RFC 5545) of the\n" +
			"dated posts, --csv the dated posts with the columns title, scheduled_at, time_zone, pillar, format,\n" +
			"channels, goal, tier, status, caption, id (plus utm_link, creator_id, media_paths, duration_minutes and\n" +
			"caption_<channel>). --from and --to (YYYY-MM-DD, read in the workspace's time zone; --to is\n" +
			"excluded) bound the posts' dates; --undated (csv) writes the ideas backlog instead.\n" +
			"import reads an .ics or .csv file (by its extension) and creates or updates posts by their id: importing\n" +
			"the same file again changes nothing. Bad rows or events are listed with their line and skipped; unknown\n" +
			"iCalendar properties are counted. The exit code is 0 when the import ran, 1 when it could not.",
		summary: "export the content calendar as iCalendar or CSV, or import posts from such a file",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&ics, "ics", false, "export: write an iCalendar (.ics) file")
			fs.BoolVar(&csv, "csv", false, "export: write CSV")
			fs.StringVar(&from, "from", "", "export: posts on or after `DATE` (YYYY-MM-DD)")
			fs.StringVar(&to, "to", "", "export: posts before `DATE` (YYYY-MM-DD)")
			fs.BoolVar(&undated, "undated", false, "export --csv: the undated posts (the ideas backlog) only")
			fs.BoolVar(&asJSON, "json", false, "import: print the report as JSON")
		},
		run: func(ctx context.Context, c *Config, g Globals, args []string) error {
			if len(args) == 0 {
				return usagef("calendar takes export or import")
			}
			switch args[0] {
			case "export":
				if len(args) != 1 {
					return usagef("calendar export takes no argument, got %d", len(args)-1)
				}
				if ics == csv {
					return usagef("calendar export needs one of --ics or --csv")
				}
				if undated && ics {
					return usagef("--undated applies to --csv only: an iCalendar file holds dated posts")
				}
				for _, d := range []struct{ flag, value string }{{"--from", from}, {"--to", to}} {
					if _, err := time.Parse(time.DateOnly, d.value); d.value != "" && err != nil {
						return usagef("invalid %s %q: use YYYY-MM-DD", d.flag, d.value)
					}
				}
				return exportCalendar(ctx, c, g, ics, calendarRange{from, to, undated})
			case "import":
				if len(args) != 2 {
					return usagef("calendar import takes one FILE, got %d argument(s)", len(args)-1)
				}
				ext := strings.ToLower(filepath.Ext(args[1]))
				if ext != ".ics" && ext != ".csv" {
					return usagef("calendar import reads .ics or .csv files, not %q", filepath.Base(args[1]))
				}
				return importCalendar(ctx, c, g, args[1], ext == ".ics", asJSON)
			}
			return usagef("unknown calendar action %q: use export or import", args[0])
		},
	}
}

type calendarRange struct {
	from, to string
	undated  bool
}

func exportCalendar(ctx context.Context, c *Config, g Globals, ics bool, r calendarRange) error {
	rt, err := c.Wire(ctx, g, "cli")
	if err != nil {
		return err
	}
	defer rt.Close()
	if err := openExistingWorkspace(ctx, rt, g); err != nil {
		return err
	}
	settings, err := rt.Calendar.GetCalendarSettings(ctx)
	if err != nil {
		return err
	}
	zone, err := calendar.LoadZone(settings.TimeZone)
	if err != nil {
		zone = time.UTC
	}
	f := backend.PostFilter{Undated: r.undated}
	for _, b := range []struct {
		value  string
		target **time.Time
	}{{r.from, &f.From}, {r.to, &f.To}} {
		if b.value != "" {
			day, _ := time.ParseInLocation(time.DateOnly, b.value, zone)
			*b.target = &day
		}
	}
	var text string
	if ics {
		text, err = rt.Calendar.ExportICS(ctx, f)
	} else {
		text, err = rt.Calendar.ExportCSV(ctx, f)
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(c.Stdout, text)
	return err
}

func importCalendar(ctx context.Context, c *Config, g Globals, path string, ics, asJSON bool) error {
	info, err := os.Stat(path)
	if err != nil {
		// Checked before the workspace opens, so that a mistyped path does not create one.
		return backend.Errorf(backend.ENOTFOUND, "%q does not exist.", path).Localized("import_file_not_found", "file", path)
	}
	if info.Size() > backend.MaxImportBytes {
		return backend.Errorf(backend.EINVALID, "%q is larger than %d MB.", path, backend.MaxImportBytes>>20).
			Localized("calendar_import_too_large", "file", path, "limit_mb", fmt.Sprint(backend.MaxImportBytes>>20))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return backend.Wrap(backend.EUNAVAILABLE, err, "%q cannot be read.", path).Localized("calendar_import_unreadable", "file", path)
	}
	rt, err := open(ctx, c, g, "cli")
	if err != nil {
		return err
	}
	defer rt.Close()
	var report backend.ImportReport
	if ics {
		report, err = rt.Calendar.ImportICS(ctx, string(data))
	} else {
		report, err = rt.Calendar.ImportCSV(ctx, string(data))
	}
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	fmt.Fprintf(c.Stdout, "format: %s\ncreated: %d\nupdated: %d\nunchanged: %d\nskipped: %d\n",
		report.Format, report.Created, report.Updated, report.Unchanged, report.Skipped)
	name := filepath.Base(path)
	for i, p := range report.Problems {
		if i == maxCalendarProblemLines {
			fmt.Fprintf(c.Stdout, "  … and %d more\n", len(report.Problems)-i)
			break
		}
		kind := "skipped"
		if p.Warning {
			kind = "warning"
		}
		fmt.Fprintf(c.Stdout, "  %s:%d: %s: %s\n", name, p.Line, kind, p.Message)
	}
	for _, ig := range report.Ignored {
		fmt.Fprintf(c.Stdout, "  ignored %s ×%d\n", ig.Name, ig.Count)
	}
	return nil
}
