package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

type listedAccount struct {
	Name     string            `json:"name"`
	Platform string            `json:"platform"`
	Status   string            `json:"status"`
	IDs      map[string]string `json:"ids"`
}

func (a *app) accounts() []listedAccount {
	a.t.Helper()
	r := a.run("", "accounts", "list", "--json")
	var list []listedAccount
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &list) != nil {
		a.t.Fatalf("accounts list --json: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	return list
}

// connect adds the Telegram bot "bot" on the fake server.
func (a *app) connect() {
	a.t.Helper()
	expect(a.t, a.run(goodToken+"\n", "accounts", "add", "telegram", "--name", "bot", "--base-url", a.tg.URL, "--token-stdin"),
		0, `Connected telegram account "bot": Tend Test (@tend_test_bot)`, "")
}

func TestAccountsUsage(t *testing.T) {
	expect(t, tend(t, "", "accounts", "--help"), 0, "", "tend accounts [flags] add PLATFORM --name NAME (--token-stdin | --secrets-stdin)")
	expect(t, tend(t, "", "help", "accounts"), 0, "", "Secrets are read from standard input")
	expect(t, tend(t, "", "--help"), 0, "", "accounts   connect platform accounts")

	a := newApp(t)
	for _, tc := range []struct {
		stdin  string
		args   []string
		stderr string
	}{
		{"", []string{"accounts"}, "accounts needs a subcommand"},
		{"", []string{"accounts", "frob"}, `unknown accounts subcommand "frob"`},
		{"", []string{"accounts", "list", "extra"}, `accounts list takes no arguments, got "extra"`},
		{"", []string{"accounts", "add"}, "accounts add needs the platform: telegram, instagram, facebook, whatsapp, youtube"},
		{"", []string{"accounts", "test"}, "accounts test takes the account's name, got 0 argument(s)"},
		{"", []string{"accounts", "remove", "a", "b"}, "accounts remove takes the account's name, got 2 argument(s)"},
		{goodToken, []string{"accounts", "add", "myspace", "--name", "x", "--token-stdin"}, `unknown platform "myspace": use telegram, instagram`},
		{goodToken, []string{"accounts", "add", "telegram", "--token-stdin"}, "accounts add needs --name NAME"},
		{goodToken, []string{"accounts", "add", "telegram", "--name", "bot"}, "exactly one of --token-stdin (one line) or --secrets-stdin"},
		{goodToken, []string{"accounts", "add", "telegram", "--name", "bot", "--token-stdin", "--secrets-stdin"}, "exactly one of --token-stdin"},
		{goodToken, []string{"accounts", "add", "telegram", "--name", "bot", "--token-stdin", "--page-id", "1"}, "--page-id does not apply to telegram accounts"},
		{goodToken, []string{"accounts", "add", "instagram", "--name", "ig", "--token-stdin", "--page-id", "1"}, "instagram accounts need --ig-user-id"},
		{goodToken, []string{"accounts", "add", "whatsapp", "--name", "wa", "--token-stdin"}, "whatsapp accounts need --phone-number-id"},
		{"", []string{"accounts", "add", "telegram", "--name", "bot", "--token-stdin"}, "--token-stdin read no token"},
		{"\n\n", []string{"accounts", "add", "telegram", "--name", "bot", "--token-stdin"}, "--token-stdin read no token"},
		{"a\nb\n", []string{"accounts", "add", "telegram", "--name", "bot", "--token-stdin"}, "--token-stdin reads one line"},
		{"{not json " + goodToken, []string{"accounts", "add", "telegram", "--name", "bot", "--secrets-stdin"}, "--secrets-stdin needs a JSON object"},
		{`["` + goodToken + `"]`, []string{"accounts", "add", "telegram", "--name", "bot", "--secrets-stdin"}, "--secrets-stdin needs a JSON object"},
		{`{"token": "x"}`, []string{"accounts", "add", "telegram", "--name", "bot", "--secrets-stdin"}, `unknown secret "token" for telegram accounts: use bot_token, webhook_secret`},
		{`{"bot_token": 42}`, []string{"accounts", "add", "telegram", "--name", "bot", "--secrets-stdin"}, `the secret "bot_token" must be a JSON string`},
		{`{"bot_token": " "}`, []string{"accounts", "add", "telegram", "--name", "bot", "--secrets-stdin"}, `--secrets-stdin read no secret`},
		{strings.Repeat("x", 70<<10), []string{"accounts", "add", "telegram", "--name", "bot", "--token-stdin"}, "too long"},
		{"", []string{"accounts", "test", "bot", "--json"}, "--json applies to accounts list only"},
		{"", []string{"accounts", "list", "--yes"}, "--yes applies to accounts remove only"},
		{"", []string{"accounts", "pause", "bot", "--name", "x"}, "--name applies to accounts add only"},
		{"", []string{"accounts", "resume", "bot", "--channel-id", "UC1"}, "--channel-id applies to accounts add only"},
	} {
		r := a.run(tc.stdin, tc.args...)
		expect(t, r, 2, "", tc.stderr)
		if strings.Contains(r.stderr, goodToken) {
			t.Errorf("%v: the secret is echoed: %s", tc.args, r.stderr)
		}
	}
	if s := a.secrets.all(); len(s) != 0 {
		t.Fatalf("usage errors stored secrets: %v", s)
	}
}

// A secret on the command line is refused whichever way it is written, and never echoed.
func TestAccountsRefuseSecretsInArguments(t *testing.T) {
	a := newApp(t)
	for _, args := range [][]string{
		{"--token", goodToken},
		{"--token=" + goodToken},
		{"--bot-token", goodToken},
		{"--access-token=" + goodToken},
		{"--secret", goodToken},
		{"--token"},
	} {
		r := a.run("", append([]string{"accounts", "add", "telegram", "--name", "bot", "--base-url", a.tg.URL}, args...)...)
		expect(t, r, 2, "", "secrets are never taken from the command line; pipe them in with --token-stdin")
		if strings.Contains(r.stderr+r.stdout, goodToken) {
			t.Errorf("%v: the secret is echoed: %s", args, r.stderr)
		}
	}
	// As a positional argument, too.
	r := a.run("", "accounts", "add", "telegram", goodToken, "--name", "bot", "--token-stdin")
	expect(t, r, 2, "", "accounts add takes the platform only, got 2 arguments: secrets are read from standard input")
	if strings.Contains(r.stderr, goodToken) {
		t.Errorf("the secret is echoed: %s", r.stderr)
	}
	if s := a.secrets.all(); len(s) != 0 {
		t.Fatalf("secrets stored: %v", s)
	}
	if a.tg.Calls("getMe") != 0 {
		t.Fatal("Telegram was called")
	}
	// Through the real binary too.
	expect(t, tend(t, "", "--data-dir", t.TempDir(), "accounts", "add", "telegram", "--name", "bot", "--token", goodToken), 2, "", "never taken from the command line")
}

func TestAccountsAddTelegram(t *testing.T) {
	a := newApp(t)
	// A refused token: exit 1 with Telegram's reason, nothing kept.
	r := a.run("999:wrong\n", "accounts", "add", "telegram", "--name", "bot", "--base-url", a.tg.URL, "--token-stdin")
	expect(t, r, 1, "", "Telegram refused the bot token: it is wrong or was revoked.")
	if list := a.accounts(); len(list) != 0 {
		t.Fatalf("an account was left: %+v", list)
	}
	if s := a.secrets.all(); len(s) != 0 {
		t.Fatalf("secrets were left: %v", s)
	}
	// An invalid account name is the backend's refusal: exit 1.
	expect(t, a.run(goodToken, "accounts", "add", "telegram", "--name", "Bad Name", "--base-url", a.tg.URL, "--token-stdin"),
		1, "", `Invalid account name "Bad Name"`)

	a.connect()
	secrets := a.secrets.all()
	if len(secrets) != 1 {
		t.Fatalf("secrets %v", secrets)
	}
	for _, v := range secrets {
		if v != `{"bot_token":"`+goodToken+`"}` {
			t.Fatalf("the stored token keeps its line end or more: %q", v)
		}
	}
	list := a.accounts()
	if len(list) != 1 || list[0].Name != "bot" || list[0].Platform != "telegram" || list[0].Status != "active" ||
		list[0].IDs["username"] != "tend_test_bot" {
		t.Fatalf("list %+v", list)
	}
	r = a.run("", "accounts", "list")
	expect(t, r, 0, "NAME  PLATFORM  STATUS  LAST SUCCESS  NEXT SYNC", "")
	expect(t, r, 0, "bot   telegram  active  -", "")
	for _, out := range []string{r.stdout, a.run("", "accounts", "list", "--json").stdout} {
		if strings.Contains(out, goodToken) {
			t.Fatalf("a listing shows the token: %s", out)
		}
	}
	expect(t, a.run(goodToken, "accounts", "add", "telegram", "--name", "bot", "--base-url", a.tg.URL, "--token-stdin"),
		1, "", `An account is already named "bot".`)

	expect(t, a.run("", "accounts", "test", "bot"), 0, `Account "bot" works: Tend Test (@tend_test_bot)`, "")
	expect(t, a.run("", "accounts", "pause", "bot"), 0, `Paused account "bot": status paused`, "")
	expect(t, a.run("", "accounts", "resume", "bot"), 0, `Resumed account "bot": status active`, "")
	for _, args := range [][]string{{"test", "nope"}, {"pause", "nope"}, {"resume", "nope"}, {"remove", "nope", "--yes"}} {
		expect(t, a.run("", append([]string{"accounts"}, args...)...), 1, "", `There is no account named "nope" (see 'tend accounts list').`)
	}
	expect(t, a.run("bot\n", "accounts", "remove", "bot"), 2, "", "removing an account needs --yes when not run from a terminal")
	expect(t, a.run("", "accounts", "remove", "bot", "--yes"), 0, `Removed account "bot"; its conversations stay in the inbox.`, "")
	if list := a.accounts(); len(list) != 0 {
		t.Fatalf("after remove: %+v", list)
	}
	if s := a.secrets.all(); len(s) != 0 {
		t.Fatalf("the keyring keeps %v", s)
	}
	expect(t, a.run("", "accounts", "list"), 0, "", "No account is connected")

	// --secrets-stdin stores every secret given.
	expect(t, a.run(`{"bot_token": "`+goodToken+`", "webhook_secret": "hook_secret-1"}`, "accounts", "add", "telegram",
		"--name", "bot2", "--base-url", a.tg.URL, "--secrets-stdin"), 0, `Connected telegram account "bot2"`, "")
	for _, v := range a.secrets.all() {
		var got map[string]string
		if json.Unmarshal([]byte(v), &got) != nil || got["bot_token"] != goodToken || got["webhook_secret"] != "hook_secret-1" {
			t.Fatalf("stored %q", v)
		}
	}
}

func TestAccountsNeedAWorkspace(t *testing.T) {
	a := newApp(t)
	for _, args := range [][]string{{"list"}, {"test", "bot"}, {"pause", "bot"}, {"remove", "bot", "--yes"}} {
		expect(t, a.run("", append([]string{"--workspace", "nope", "accounts"}, args...)...), 1, "", `There is no workspace named "nope".`)
	}
	// The real binary has no keyring here: adding says so and keeps nothing.
	dir := t.TempDir()
	expect(t, tend(t, goodToken, "--data-dir", dir, "accounts", "add", "telegram", "--name", "bot", "--token-stdin"), 1, "", "No Secret Service is available")
	expect(t, tend(t, "", "--data-dir", dir, "accounts", "list", "--json"), 0, "[]", "")
}
