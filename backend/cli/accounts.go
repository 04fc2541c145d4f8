package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"tend/backend"
)

// accountPlatform is what `tend accounts add` knows of a platform: its id flags and its secrets.
type accountPlatform struct {
	ids      []string // id flags that apply
	required []string // id flags it needs
	secrets  []string // secret names; the first is the token --token-stdin reads
}

var accountPlatforms = map[string]accountPlatform{
	backend.PlatformTelegram:  {secrets: []string{"bot_token", "webhook_secret"}},
	backend.PlatformInstagram: {ids: []string{"page-id", "ig-user-id"}, required: []string{"page-id", "ig-user-id"}, secrets: []string{"access_token", "app_secret", "verify_token"}},
	backend.PlatformFacebook:  {ids: []string{"page-id"}, required: []string{"page-id"}, secrets: []string{"access_token", "app_secret", "verify_token"}},
	backend.PlatformWhatsApp:  {ids: []string{"phone-number-id", "waba-id"}, required: []string{"phone-number-id"}, secrets: []string{"access_token", "app_secret", "verify_token"}},
	backend.PlatformYouTube:   {ids: []string{"channel-id", "video-ids", "live-chat-id"}, required: []string{"channel-id"}, secrets: []string{"access_token", "api_key"}},
}

// accountIDFlags are the id flags of `tend accounts add`, with the account id each one sets.
var accountIDFlags = []struct{ flag, id, usage string }{
	{"page-id", "page_id", "the Facebook Page `ID` (instagram, facebook)"},
	{"ig-user-id", "ig_user_id", "the Instagram professional account `ID` (instagram)"},
	{"phone-number-id", "phone_number_id", "the business phone number `ID` (whatsapp)"},
	{"waba-id", "waba_id", "the WhatsApp Business Account `ID` (whatsapp, optional)"},
	{"channel-id", "channel_id", "the channel `ID`, UC… (youtube)"},
	{"video-ids", "video_ids", "comma-separated video `IDS` to read instead of the whole channel (youtube, optional)"},
	{"live-chat-id", "live_chat_id", "the live chat `ID` of a broadcast to read and answer (youtube, optional)"},
	{"publish-chat", "publish_chat", "the channel calendar posts go to, @username or -100… `ID`; the bot must be its administrator (telegram, optional)"},
}

// argvSecretFlags are the flags a secret might be tried with: they exist only to refuse it.
var argvSecretFlags = []string{"token", "bot-token", "access-token", "secret"}

// maxSecretsInput bounds what --secrets-stdin and --token-stdin read.
const maxSecretsInput = 64 << 10

// refusedFlag is a flag that must never carry a value: it records that it was used and drops the
// value, so that the secret is neither kept nor echoed in an error.
type refusedFlag struct{ used *string }

func (f refusedFlag) String() string   { return "" }
func (f refusedFlag) IsBoolFlag() bool { return true } // "--token" alone and "--token VALUE" are caught as well
func (f refusedFlag) Set(string) error {
	*f.used = "given"
	return nil
}

func accountsCommand() *command {
	var (
		asJSON, yes, secretsStdin, tokenStdin bool
		name, baseURL                         string
		ids                                   = map[string]*string{}
		refused                               = map[string]*string{}
	)
	return &command{
		name: "accounts",
		args: "list [--json]\n" +
			"  tend accounts [flags] add PLATFORM --name NAME (--token-stdin | --secrets-stdin) [--base-url URL] [id flags]\n" +
			"  tend accounts [flags] test NAME | pause NAME | resume NAME\n" +
			"  tend accounts [flags] remove NAME [--yes]\n\n" +
			"PLATFORM is telegram, instagram, facebook, whatsapp or youtube. Secrets are read from standard input,\n" +
			"never from the command line, which stays in the shell history and the process list:\n" +
			"  --token-stdin    one line, the main token: telegram's bot_token, the others' access_token\n" +
			"  --secrets-stdin  a JSON object: telegram {\"bot_token\", \"webhook_secret\"}; instagram, facebook and\n" +
			"                   whatsapp {\"access_token\", \"app_secret\", \"verify_token\"}; youtube {\"access_token\", \"api_key\"}\n" +
			"Example: tend accounts add telegram --name shop-bot --token-stdin < bot-token.txt\n" +
			"add tests the credentials first and keeps nothing when the platform refuses them (exit 1).",
		summary: "connect platform accounts, list, test, pause, resume or remove them",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "list: print the accounts as JSON")
			fs.BoolVar(&yes, "yes", false, "remove: do not ask to type the account's name (scripts)")
			fs.StringVar(&name, "name", "", "add: the account's `NAME` in Tend: lower-case letters, digits, - and _")
			fs.StringVar(&baseURL, "base-url", "", "add: the platform API's `URL` (a self-hosted Bot API server, a proxy); default: the platform's")
			fs.BoolVar(&tokenStdin, "token-stdin", false, "add: read the main token, one line, from standard input")
			fs.BoolVar(&secretsStdin, "secrets-stdin", false, "add: read the platform's secrets as a JSON object from standard input")
			for _, f := range accountIDFlags {
				ids[f.flag] = fs.String(f.flag, "", "add: "+f.usage)
			}
			for _, f := range argvSecretFlags {
				refused[f] = new(string)
				fs.Var(refusedFlag{refused[f]}, f, "refused: secrets are read from standard input (--token-stdin, --secrets-stdin)")
			}
		},
		run: func(ctx context.Context, c *Config, g Globals, args []string) error {
			for _, f := range argvSecretFlags {
				if *refused[f] != "" {
					return usagef("--%s: secrets are never taken from the command line; pipe them in with --token-stdin "+
						"(one line) or --secrets-stdin (a JSON object)", f)
				}
			}
			if len(args) == 0 {
				return usagef("accounts needs a subcommand: list, add, test, pause, resume or remove")
			}
			sub, rest := args[0], args[1:]
			switch {
			case !slices.Contains([]string{"list", "add", "test", "pause", "resume", "remove"}, sub):
				return usagef("unknown accounts subcommand %q: use list, add, test, pause, resume or remove", sub)
			case sub == "list" && len(rest) > 0:
				return usagef("accounts list takes no arguments, got %q", rest[0])
			case sub == "add" && len(rest) == 0:
				return usagef("accounts add needs the platform: %s", strings.Join(connectable(), ", "))
			case sub == "add" && len(rest) > 1:
				// The extra argument may be a secret: it is not repeated.
				return usagef("accounts add takes the platform only, got %d arguments: secrets are read from standard input "+
					"(--token-stdin or --secrets-stdin), never from arguments", len(rest))
			case sub != "list" && sub != "add" && len(rest) != 1:
				return usagef("accounts %s takes the account's name, got %d argument(s)", sub, len(rest))
			}
			switch {
			case asJSON && sub != "list":
				return usagef("--json applies to accounts list only")
			case yes && sub != "remove":
				return usagef("--yes applies to accounts remove only")
			}
			if sub != "add" {
				given := map[string]bool{"name": name != "", "base-url": baseURL != "", "token-stdin": tokenStdin, "secrets-stdin": secretsStdin}
				for _, f := range []string{"name", "base-url", "token-stdin", "secrets-stdin"} {
					if given[f] {
						return usagef("--%s applies to accounts add only", f)
					}
				}
				for _, f := range accountIDFlags {
					if *ids[f.flag] != "" {
						return usagef("--%s applies to accounts add only", f.flag)
					}
				}
			}
			if sub == "add" {
				na, err := newAccountFromFlags(c, rest[0], name, baseURL, tokenStdin, secretsStdin, ids)
				if err != nil {
					return err
				}
				rt, err := open(ctx, c, g, "cli")
				if err != nil {
					return err
				}
				defer rt.Close()
				return addAccount(ctx, c, rt, na)
			}
			rt, err := c.Wire(ctx, g, "cli")
			if err != nil {
				return err
			}
			defer rt.Close()
			if err := openExistingWorkspace(ctx, rt, g); err != nil {
				return err
			}
			if sub == "list" {
				list, err := rt.Accounts.ListAccounts(ctx)
				if err != nil {
					return err
				}
				return printAccounts(c, list, asJSON)
			}
			a, err := accountNamed(ctx, rt, rest[0])
			if err != nil {
				return err
			}
			switch sub {
			case "test":
				info, err := rt.Accounts.TestAccount(ctx, a.ID)
				if err != nil {
					return err
				}
				fmt.Fprintf(c.Stdout, "Account %q works: %s\n", a.Name, displayName(info.DisplayName, a.Name))
			case "pause", "resume":
				out, err := rt.Accounts.PauseAccount(ctx, a.ID, sub == "pause")
				if err != nil {
					return err
				}
				verb := map[string]string{"pause": "Paused", "resume": "Resumed"}[sub]
				fmt.Fprintf(c.Stdout, "%s account %q: status %s\n", verb, out.Name, out.Status)
			default: // remove
				if !yes {
					if !isTerminal(c.Stdin) {
						return usagef("removing an account needs --yes when not run from a terminal")
					}
					fmt.Fprintf(c.Stderr, "This disconnects account %q and deletes its secrets from the keyring; its conversations stay. "+
						"Type its name to confirm: ", a.Name)
					line, _ := bufio.NewReader(c.Stdin).ReadString('\n')
					if strings.TrimRight(line, "\r\n") != a.Name {
						return backend.Errorf(backend.EINVALID, "The name typed does not match: account %q was not removed.", a.Name)
					}
				}
				if err := rt.Accounts.RemoveAccount(ctx, a.ID); err != nil {
					return err
				}
				fmt.Fprintf(c.Stdout, "Removed account %q; its conversations stay in the inbox.\n", a.Name)
			}
			return nil
		},
	}
}

// connectable lists the platforms accounts add knows, in the order of backend.ConnectorPlatforms.
func connectable() []string {
	var out []string
	for _, p := range backend.ConnectorPlatforms {
		if _, ok := accountPlatforms[p]; ok {
			out = append(out, p)
		}
	}
	return out
}

// newAccountFromFlags checks the command line of `accounts add` and reads the secrets from stdin.
func newAccountFromFlags(c *Config, platform, name, baseURL string, tokenStdin, secretsStdin bool, ids map[string]*string) (backend.NewAccount, error) {
	p, ok := accountPlatforms[platform]
	if !ok {
		return backend.NewAccount{}, usagef("unknown platform %q: use %s", platform, strings.Join(connectable(), ", "))
	}
	if strings.TrimSpace(name) == "" {
		return backend.NewAccount{}, usagef("accounts add needs --name NAME: the account's name in Tend")
	}
	if tokenStdin == secretsStdin {
		return backend.NewAccount{}, usagef("accounts add needs exactly one of --token-stdin (one line) or --secrets-stdin (a JSON object): " +
			"secrets are read from standard input")
	}
	na := backend.NewAccount{Name: name, Platform: platform, BaseURL: baseURL, IDs: map[string]string{}}
	for _, f := range accountIDFlags {
		v := strings.TrimSpace(*ids[f.flag])
		if v == "" {
			continue
		}
		if !slices.Contains(p.ids, f.flag) {
			return na, usagef("--%s does not apply to %s accounts", f.flag, platform)
		}
		na.IDs[f.id] = v
	}
	for _, f := range p.required {
		if strings.TrimSpace(*ids[f]) == "" {
			return na, usagef("%s accounts need --%s", platform, f)
		}
	}
	var err error
	if tokenStdin {
		var token string
		token, err = readToken(c)
		na.Secrets = map[string]string{p.secrets[0]: token}
	} else {
		na.Secrets, err = readSecrets(c, platform, p.secrets)
	}
	return na, err
}

// readToken reads one line from stdin, without its line end.
func readToken(c *Config) (string, error) {
	var line string
	if isTerminal(c.Stdin) {
		fmt.Fprint(c.Stderr, "Paste the token, then press Enter: ")
		s, err := bufio.NewReaderSize(c.Stdin, maxSecretsInput).ReadString('\n')
		if err != nil && err != io.EOF {
			return "", usagef("cannot read the token from standard input: %v", err)
		}
		line = s
	} else {
		raw, err := io.ReadAll(io.LimitReader(c.Stdin, maxSecretsInput+1))
		if err != nil {
			return "", usagef("cannot read the token from standard input: %v", err)
		}
		if len(raw) > maxSecretsInput {
			return "", usagef("standard input is too long for a token")
		}
		line = string(raw)
	}
	token := strings.TrimSpace(strings.TrimRight(line, "\r\n"))
	switch {
	case token == "":
		return "", usagef("--token-stdin read no token: pipe it in, e.g. tend accounts add telegram --name bot --token-stdin < token.txt")
	case strings.ContainsAny(token, "\r\n"):
		return "", usagef("--token-stdin reads one line, the token; for several secrets use --secrets-stdin with a JSON object")
	}
	return token, nil
}

// readSecrets reads a JSON object of string secrets from stdin and checks its names.
func readSecrets(c *Config, platform string, names []string) (map[string]string, error) {
	if isTerminal(c.Stdin) {
		fmt.Fprintln(c.Stderr, "Type the secrets as a JSON object, then press Ctrl-D:")
	}
	raw, err := io.ReadAll(io.LimitReader(c.Stdin, maxSecretsInput+1))
	if err != nil {
		return nil, usagef("cannot read the secrets from standard input: %v", err)
	}
	if len(raw) > maxSecretsInput {
		return nil, usagef("standard input is too long for secrets")
	}
	var values map[string]any
	if err := json.Unmarshal(raw, &values); err != nil || values == nil {
		// The decoder's message may quote the input, which holds secrets: it is not shown.
		return nil, usagef("--secrets-stdin needs a JSON object on standard input, such as {%q: \"...\"}; what was read is not one", names[0])
	}
	out := make(map[string]string, len(values))
	for k, v := range values {
		s, ok := v.(string)
		if !slices.Contains(names, k) {
			return nil, usagef("unknown secret %q for %s accounts: use %s", k, platform, strings.Join(names, ", "))
		}
		if !ok {
			return nil, usagef("the secret %q must be a JSON string", k)
		}
		if s = strings.TrimSpace(s); s != "" {
			out[k] = s
		}
	}
	if len(out) == 0 {
		return nil, usagef("--secrets-stdin read no secret: give at least %q", names[0])
	}
	return out, nil
}

func addAccount(ctx context.Context, c *Config, rt *Runtime, na backend.NewAccount) error {
	a, err := rt.Accounts.AddAccount(ctx, na)
	if err != nil {
		return err
	}
	display := a.Name
	if channels, err := rt.Inbox.ListChannels(ctx); err == nil {
		for _, ch := range channels {
			if ch.ID == a.Channels[a.Platform] {
				display = ch.Name
			}
		}
	}
	fmt.Fprintf(c.Stdout, "Connected %s account %q: %s\n", a.Platform, a.Name, display)
	return nil
}

// accountNamed finds an account by its name.
func accountNamed(ctx context.Context, rt *Runtime, name string) (backend.Account, error) {
	a, err := rt.Accounts.AccountByName(ctx, name)
	if backend.ErrorCode(err) == backend.ENOTFOUND {
		return a, backend.Errorf(backend.ENOTFOUND, "There is no account named %q (see 'tend accounts list').", name).
			Localized("account_not_found")
	}
	return a, err
}

func displayName(display, name string) string {
	if strings.TrimSpace(display) == "" {
		return name
	}
	return display
}

func printAccounts(c *Config, list []backend.Account, asJSON bool) error {
	if asJSON {
		if list == nil {
			list = []backend.Account{}
		}
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	if len(list) == 0 {
		fmt.Fprintln(c.Stderr, "No account is connected: add one with 'tend accounts add'.")
		return nil
	}
	tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tPLATFORM\tSTATUS\tLAST SUCCESS\tNEXT SYNC\tLAST ERROR")
	for _, a := range list {
		lastErr := "-"
		if a.LastError != nil && a.LastError.Message != "" {
			lastErr = strings.Join(strings.Fields(a.LastError.Message), " ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", a.Name, a.Platform, a.Status, shortTime(a.LastSuccessAt), shortTime(a.NextSyncAt), lastErr)
	}
	return tw.Flush()
}

// shortTime shows a time in the local zone, "-" when there is none.
func shortTime(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04:05")
}
