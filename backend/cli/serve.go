package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"net"
	"net/netip"

	"tend/backend"
	tendhttp "tend/backend/http"
)

// DefaultAddr is where `tend serve` listens unless told otherwise: loopback only.
const DefaultAddr = "127.0.0.1:7878"

func serveCommand() *command {
	var addr, token string
	return &command{
		name:    "serve",
		summary: "serve the app and its API over HTTP for a browser",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&addr, "addr", DefaultAddr, "listen on `HOST:PORT` (a non-loopback address exposes Tend to the network)")
			fs.StringVar(&token, "token", "", "access `TOKEN` for the API (default: $TEND_TOKEN, else a random one printed at start)")
		},
		run: func(ctx context.Context, c *Config, g Globals, args []string) error {
			if len(args) > 0 {
				return usagef("serve takes no arguments, got %q", args[0])
			}
			if token == "" {
				token = c.Getenv("TEND_TOKEN")
			}
			if token == "" {
				token = randomToken()
			}
			return serve(ctx, c, g, addr, token)
		},
	}
}

func serve(ctx context.Context, c *Config, g Globals, addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("invalid --addr %q: %v", addr, err)
	}
	rt, err := open(ctx, c, g, "server")
	if err != nil {
		return err
	}
	defer rt.Close()
	srv, err := tendhttp.NewServer(tendhttp.Config{
		Bindings: rt.Bindings, Token: token, Events: rt.Events, Frontend: c.Frontend,
		Version: c.Version, Logger: rt.Logger, Webhooks: rt.Webhooks,
	})
	if err != nil {
		return backend.Wrap(backend.EINTERNAL, err, "Cannot start the server.")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return backend.Wrap(backend.EUNAVAILABLE, err, "Cannot listen on %s: %v", addr, err)
	}
	if !isLoopback(host) {
		fmt.Fprintf(c.Stderr, "tend: warning: listening on %s, reachable from the network; anyone with the token can use this workspace\n", ln.Addr())
	}
	ws, err := rt.Workspaces.CurrentWorkspace(ctx)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(c.Stdout, "Tend %s is serving workspace %q at %s\n", c.Version, ws.Name, url)
	fmt.Fprintf(c.Stdout, "Open: %s#token=%s\n", url, token)
	fmt.Fprintf(c.Stdout, "Token: %s\n", token)
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	go rt.runBackground(ctx)
	return srv.Serve(ctx, ln)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

func randomToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b)
}
