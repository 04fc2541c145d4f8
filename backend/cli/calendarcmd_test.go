package cli_test

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestCalendarUsage(t *testing.T) {
	expect(t, tend(t, "", "calendar", "--help"), 0, "", "tend calendar [flags] export (--ics | --csv)")
	dir := t.TempDir()
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"calendar"}, "calendar takes export or import"},
		{[]string{"calendar", "publish"}, `unknown calendar action "publish"`},
		{[]string{"calendar", "export"}, "calendar export needs one of --ics or --csv"},
		{[]string{"calendar", "--ics", "--csv", "export"}, "calendar export needs one of --ics or --csv"},
		{[]string{"calendar", "--ics", "--undated", "export"}, "--undated applies to --csv only"},
		{[]string{"calendar", "--csv", "--from", "28/11/2026", "export"}, `invalid --from "28/11/2026": use YYYY-MM-DD`},
		{[]string{"calendar", "import"}, "calendar import takes one FILE, got 0 argument(s)"},
		{[]string{"calendar", "import", "plan.xlsx"}, `calendar import reads .ics or .csv files, not "plan.xlsx"`},
	} {
		expect(t, tend(t, "", append([]string{"--data-dir", dir}, tc.args...)...), 2, "", tc.stderr)
	}
	expect(t, tend(t, "", "--data-dir", dir, "calendar", "import", filepath.Join(dir, "nope.csv")), 1, "", `nope.csv" does not exist.`)
	expect(t, tend(t, "", "--data-dir", dir, "calendar", "--ics", "export"), 1, "", `There is no workspace named "default".`)
}

// The demo's planned month goes out as iCalendar that Debian's python3-icalendar reads, and as CSV
// that another workspace imports once: the second import changes nothing.
func TestCalendarExportImport(t *testing.T) {
	dir := t.TempDir()
	expect(t, tend(t, "", "--data-dir", dir, "demo"), 0, "", "")
	ics := tend(t, "", "--data-dir", dir, "--workspace", "demo", "calendar", "--ics", "export")
	if ics.code != 0 || !strings.HasPrefix(ics.stdout, "BEGIN:VCALENDAR\r\n") {
		t.Fatalf("%+v", ics)
	}
	if _, err := exec.LookPath("/usr/bin/python3"); err == nil {
		cmd := exec.Command("/usr/bin/python3", "-c",
			"import icalendar, sys\ncal = icalendar.Calendar.from_ical(sys.stdin.read())\nprint(len(cal.walk('VEVENT')))")
		cmd.Stdin = strings.NewReader(ics.stdout)
		out, err := cmd.Output()
		if err != nil || strings.TrimSpace(string(out)) == "0" {
			t.Fatalf("python3-icalendar: %q %v", out, err)
		}
		if n := strings.Count(ics.stdout, "BEGIN:VEVENT"); strings.TrimSpace(string(out)) != strconv.Itoa(n) {
			t.Fatalf("python3-icalendar read %s events of %d", out, n)
		}
	}

	csv := tend(t, "", "--data-dir", dir, "--workspace", "demo", "calendar", "--csv", "--from", "2026-11-01", "--to", "2027-01-01", "export")
	if csv.code != 0 || !strings.HasPrefix(csv.stdout, "title,scheduled_at,time_zone,pillar,format,channels,goal,tier,status,caption,id") {
		t.Fatalf("%+v", csv)
	}
	rows := strings.Count(csv.stdout, "@tend,")
	file := writeFixture(t, "plan.csv", csv.stdout)
	expect(t, tend(t, "", "--data-dir", dir, "workspace", "create", "copy"), 0, "", "")
	first := tend(t, "", "--data-dir", dir, "--workspace", "copy", "calendar", "import", file)
	if first.code != 0 || !strings.Contains(first.stdout, "format: csv\ncreated: ") || strings.Contains(first.stdout, "created: 0\n") {
		t.Fatalf("%+v", first)
	}
	again := tend(t, "", "--data-dir", dir, "--workspace", "copy", "calendar", "import", file)
	if again.code != 0 || !strings.Contains(again.stdout, "created: 0\nupdated: 0\n") {
		t.Fatalf("%+v (%d rows)", again, rows)
	}

	// Unknown iCalendar properties are counted, not fatal.
	other := writeFixture(t, "other.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\nUID:other-1@example.com\r\n"+
		"DTSTAMP:20261128T090000Z\r\nDTSTART:20261205T100000Z\r\nSUMMARY:Atelier de Noël\r\nX-OTHER-COLOR:red\r\nGEO:48.85;2.35\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	r := tend(t, "", "--data-dir", dir, "--workspace", "copy", "calendar", "import", other)
	if r.code != 0 || !strings.Contains(r.stdout, "created: 1\n") || !strings.Contains(r.stdout, "ignored GEO ×1") {
		t.Fatalf("%+v", r)
	}
}
