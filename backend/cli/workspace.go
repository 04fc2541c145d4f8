package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"tend/backend"
)

func workspaceCommand() *command {
	var yes, asJSON bool
	return &command{
		name:    "workspace",
		args:    "list | create NAME | rename OLD NEW | delete NAME",
		summary: "list, create, rename or delete workspaces",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&yes, "yes", false, "delete without asking to type the name (scripts)")
			fs.BoolVar(&asJSON, "json", false, "list as JSON")
		},
		run: func(ctx context.Context, c *Config, g Globals, args []string) error {
			if len(args) == 0 {
				return usagef("workspace needs a subcommand: list, create, rename or delete")
			}
			want := map[string]int{"list": 0, "create": 1, "rename": 2, "delete": 1}
			n, ok := want[args[0]]
			if !ok {
				return usagef("unknown workspace subcommand %q: use list, create, rename or delete", args[0])
			}
			if len(args)-1 != n {
				return usagef("workspace %s takes %d argument(s), got %d", args[0], n, len(args)-1)
			}
			rt, err := c.Wire(ctx, g, "cli")
			if err != nil {
				return err
			}
			defer rt.Close()
			ws := rt.Workspaces
			switch args[0] {
			case "list":
				list, err := ws.ListWorkspaces(ctx)
				if err != nil {
					return err
				}
				return printWorkspaces(c, list, asJSON)
			case "create":
				w, err := ws.CreateWorkspace(ctx, args[1])
				if err == nil {
					fmt.Fprintf(c.Stdout, "Created workspace %q at %s\n", w.Name, w.Path)
				}
				return err
			case "rename":
				w, err := ws.RenameWorkspace(ctx, args[1], args[2])
				if err == nil {
					fmt.Fprintf(c.Stdout, "Renamed workspace %q to %q\n", args[1], w.Name)
				}
				return err
			default: // delete
				name := args[1]
				confirmation := name
				if !yes {
					if !isTerminal(c.Stdin) {
						return usagef("deleting a workspace needs --yes when not run from a terminal")
					}
					fmt.Fprintf(c.Stderr, "This deletes workspace %q and all its data. Type its name to confirm: ", name)
					line, _ := bufio.NewReader(c.Stdin).ReadString('\n')
					confirmation = strings.TrimRight(line, "\r\n")
				}
				if err := ws.DeleteWorkspace(ctx, name, confirmation); err != nil {
					return err
				}
				fmt.Fprintf(c.Stdout, "Deleted workspace %q\n", name)
				return nil
			}
		},
	}
}

func printWorkspaces(c *Config, list []backend.Workspace, asJSON bool) error {
	if asJSON {
		if list == nil {
			list = []backend.Workspace{}
		}
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSIZE\tMODIFIED\tPATH")
	for _, w := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", w.Name, humanSize(w.SizeBytes), w.ModifiedAt.Local().Format("2006-01-02 15:04"), w.Path)
	}
	return tw.Flush()
}

func humanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
