package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// csvFixture is a Tend CSV of three Instagram messages in two conversations, and one bad row.
const csvFixture = `message_id,thread,platform,kind,direction,author_id,author_handle,author_name,text,sent_at,reply_to,post_id,post_url
c-1001,post-77:c-1001,instagram,comment_thread,in,17841401,@julie.dupont,Julie Dupont,"Trop belle cette bougie 😍, elle existe en grand format ?",2024-05-01T14:03:00+02:00,,post-77,https://www.instagram.com/p/C6abc/
c-1002,post-77:c-1001,instagram,comment_thread,out,17841999,atelierlumiere,Atelier Lumière,"Merci Julie ! Oui, en 400 g.",2024-05-01T15:10:00Z,c-1001,post-77,https://www.instagram.com/p/C6abc/
dm-1,dm-julie,instagram,,in,17841401,julie.dupont,Julie Dupont,"Bonjour,
j'ai une question sur ma commande ""#4821"".",1714572000,,,
dm-2,dm-julie,instagram,,sideways,17841401,julie.dupont,Julie Dupont,Hello,1714572100,,,
`

func writeFixture(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportUsage(t *testing.T) {
	expect(t, tend(t, "", "import", "--help"), 0, "", "tend import [flags] --format telegram|meta|csv [--owner NAME] [--time-zone ZONE] FILE|DIR")
	expect(t, tend(t, "", "help", "import"), 0, "", "are not a failure")
	dir := t.TempDir()
	file := writeFixture(t, "messages.csv", csvFixture)
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"import", "--format", "csv"}, "import takes one FILE or DIR, got 0 argument(s)"},
		{[]string{"import", "--format", "csv", file, file}, "import takes one FILE or DIR, got 2 argument(s)"},
		{[]string{"import", file}, "import needs --format: telegram, meta or csv"},
		{[]string{"import", "--format", "xlsx", file}, `invalid --format "xlsx": use telegram, meta or csv`},
		{[]string{"import", "--format", "telegram", "--time-zone", "Mars/Olympus", file}, `unknown --time-zone "Mars/Olympus"`},
	} {
		expect(t, tend(t, "", append([]string{"--data-dir", dir}, tc.args...)...), 2, "", tc.stderr)
	}
	expect(t, tend(t, "", "--data-dir", dir, "import", "--format", "csv", filepath.Join(dir, "nope.csv")), 1, "", "nope.csv\" does not exist.")
	if _, err := os.Stat(filepath.Join(dir, "data", "workspaces", "default.db")); err == nil {
		t.Fatal("a usage error or a missing file created the workspace")
	}
	expect(t, tend(t, "", "--data-dir", dir, "import", "--format", "telegram", file), 1, "", `"messages.csv" is not a Telegram Desktop export`)
}

func TestImportCSVTwice(t *testing.T) {
	dir := t.TempDir()
	file := writeFixture(t, "messages.csv", csvFixture)
	r := tend(t, "", "--data-dir", dir, "import", "--format", "csv", file)
	want := "platform: instagram\nread: 3\nimported: 3\nduplicates skipped: 0\nskipped: 0\ntruncated: 0\nrejected: 1\n" +
		"  messages.csv:6: The direction must be in or out, not \"sideways\".\n"
	if r.code != 0 || r.stdout != want {
		t.Fatalf("first import: exit %d\n%s\nwant:\n%s\nstderr: %s", r.code, r.stdout, want, r.stderr)
	}
	// Not a terminal: one progress line per batch.
	if r.stderr != "import: 3 of 3 messages\n" {
		t.Fatalf("progress %q", r.stderr)
	}
	r = tend(t, "", "--data-dir", dir, "import", "--format", "csv", file)
	expect(t, r, 0, "read: 3\nimported: 0\nduplicates skipped: 3\n", "")

	r = tend(t, "", "--data-dir", dir, "import", "--format", "csv", "--json", file)
	var sum struct {
		Platform   string `json:"platform"`
		Read       int    `json:"read"`
		Imported   int    `json:"imported"`
		Duplicates int    `json:"duplicates"`
		Rejected   []struct {
			Location string `json:"location"`
			Reason   string `json:"reason"`
		} `json:"rejected"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil || r.code != 0 || sum.Platform != "instagram" || sum.Read != 3 ||
		sum.Imported != 0 || sum.Duplicates != 3 || len(sum.Rejected) != 1 || sum.Rejected[0].Location != "messages.csv:6" {
		t.Fatalf("--json: %v %+v\n%s", err, sum, r.stdout)
	}
	r = tend(t, "", "--data-dir", dir, "export", "messages")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 3 {
		t.Fatalf("messages after two imports: %s", r.stdout)
	}
}

func TestImportListsTwentyRejections(t *testing.T) {
	var b strings.Builder
	b.WriteString("platform,thread,message_id,direction,author_id,author_name,text,sent_at\n")
	b.WriteString("youtube,v1:c0,c0,in,UC0,Léa,Merci !,2024-03-03T10:00:00Z\n")
	for i := 1; i <= 25; i++ {
		fmt.Fprintf(&b, "youtube,v1:c%d,c%d,in,UC%d,Marc,,2024-03-03T10:00:00Z\n", i, i, i)
	}
	file := writeFixture(t, "bad.csv", b.String())
	r := tend(t, "", "--data-dir", t.TempDir(), "import", "--format", "csv", file)
	expect(t, r, 0, "imported: 1\n", "")
	expect(t, r, 0, "rejected: 25\n  bad.csv:3: The text column is empty.\n", "")
	expect(t, r, 0, "  bad.csv:22: The text column is empty.\n  … and 5 more\n", "")
	if strings.Count(r.stdout, "bad.csv:") != 20 || strings.Contains(r.stdout, "bad.csv:23") {
		t.Fatalf("want 20 rejection lines:\n%s", r.stdout)
	}
}
