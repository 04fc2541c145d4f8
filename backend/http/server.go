// Package http serves Tend's bound services as a JSON API with an event stream, plus the built
// frontend, so the unchanged React app runs in a browser (`tend serve`).
//
//	GET  /api/health                 no auth: {"status":"ok","version":...}
//	POST /api/<Struct>/<Method>      body: JSON array of arguments; answer: the JSON result
//	GET  /api/events                 Server-Sent Events: the events the desktop window gets
//	GET  /*                          the frontend
//
// Every /api route but health needs "Authorization: Bearer <token>". Errors are
// {"code","message"} with the status from one table.
package http

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"path"
	"strings"
	"time"

	"tend/backend"
	"tend/backend/event"
)

// DefaultMaxBodyBytes bounds API request bodies.
const DefaultMaxBodyBytes = 4 << 20

// heartbeat keeps event streams open through proxies and lets the server notice gone clients.
const heartbeat = 15 * time.Second

// statusOf is the one table from error codes to HTTP statuses.
var statusOf = map[string]int{
	backend.EINVALID:      http.StatusBadRequest,
	backend.ENOTFOUND:     http.StatusNotFound,
	backend.ECONFLICT:     http.StatusConflict,
	backend.EUNAUTHORIZED: http.StatusUnauthorized,
	backend.EFORBIDDEN:    http.StatusForbidden,
	backend.ERATELIMITED:  http.StatusTooManyRequests,
	backend.EUNAVAILABLE:  http.StatusServiceUnavailable,
	backend.EINTERNAL:     http.StatusInternalServerError,
}

// Config is what a Server serves.
type Config struct {
	Bindings     []any      // the app structs, exactly as bound in the desktop window
	Token        string     // bearer token every /api route but health requires
	Events       *event.Hub // the events to stream
	Frontend     fs.FS      // the built frontend (index.html at its root); nil serves none
	Version      string     // reported by /api/health
	Logger       *slog.Logger
	MaxBodyBytes int64 // 0 means DefaultMaxBodyBytes
	// Webhooks, when set, serves /webhooks/: platform deliveries, outside the bearer auth since
	// each platform authenticates its own.
	Webhooks http.Handler
}

// Server is the HTTP adapter.
type Server struct {
	cfg       Config
	methods   map[string]map[string]*method
	tokenHash [sha256.Size]byte
	mux       *http.ServeMux
}

// NewServer indexes the bindings and builds the routes.
func NewServer(cfg Config) (*Server, error) {
	if cfg.Token == "" {
		return nil, errors.New("http: a token is required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	methods, err := bind(cfg.Bindings)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, methods: methods, tokenHash: sha256.Sum256([]byte(cfg.Token)), mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /api/health", s.health)
	s.mux.Handle("POST /api/{struct}/{method}", s.authenticated(http.HandlerFunc(s.invoke)))
	s.mux.Handle("GET /api/events", s.authenticated(http.HandlerFunc(s.stream)))
	s.mux.Handle("/api/", s.authenticated(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, backend.Errorf(backend.ENOTFOUND, "No API route %s %s.", r.Method, r.URL.Path))
	})))
	if cfg.Webhooks != nil {
		s.mux.Handle("/webhooks/", cfg.Webhooks)
	}
	if cfg.Frontend != nil {
		s.mux.Handle("/", s.frontend())
	}
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.mux.ServeHTTP(w, r)
}

// Serve answers on ln until ctx is cancelled, then shuts down gracefully; event streams end with ctx.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ErrorLog:          slog.NewLogLogger(s.cfg.Logger.Handler(), slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return srv.Close()
	}
	return nil
}

func (s *Server) health(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.cfg.Version})
}

// authenticated lets a request through only with the right bearer token, compared in constant time.
func (s *Server) authenticated(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		given := sha256.Sum256([]byte(token))
		if !ok || subtle.ConstantTimeCompare(given[:], s.tokenHash[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tend"`)
			s.fail(w, r, backend.Errorf(backend.EUNAUTHORIZED, "A valid access token is required.").Localized("token_required"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) invoke(w http.ResponseWriter, r *http.Request) {
	m, ok := s.methods[r.PathValue("struct")][r.PathValue("method")]
	if !ok {
		s.fail(w, r, backend.Errorf(backend.ENOTFOUND, "No method %s.%s.", r.PathValue("struct"), r.PathValue("method")))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		writeJSON(w, http.StatusRequestEntityTooLarge, backend.Public(backend.Errorf(backend.EINVALID,
			"The request body is larger than %d bytes.", s.cfg.MaxBodyBytes).Localized("body_too_large")))
		return
	}
	if err != nil {
		s.fail(w, r, backend.Wrap(backend.EINVALID, err, "Cannot read the request body."))
		return
	}
	args, err := m.decodeArgs(body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	result, err := m.call(args)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, result)
}

// stream sends every published event as an SSE message named after the event.
func (s *Server) stream(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok || s.cfg.Events == nil {
		s.fail(w, r, backend.Errorf(backend.EUNAVAILABLE, "Event streaming is not available."))
		return
	}
	sub := s.cfg.Events.Subscribe()
	defer sub.Close()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": connected\n\n")
	flusher.Flush()
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			fmt.Fprint(w, ": heartbeat\n\n")
		case e, open := <-sub.C:
			if !open {
				return
			}
			if missed := sub.Missed(); missed > 0 {
				// Tell the client it lagged so it refetches instead of trusting a partial stream.
				fmt.Fprintf(w, "event: stream:lagged\ndata: {\"missed\":%d}\n\n", missed)
			}
			data, err := json.Marshal(e.Payload)
			if err != nil {
				s.cfg.Logger.Error("cannot encode event", "event", e.Name, "err", err)
				continue
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.Name, data)
		}
		flusher.Flush()
	}
}

// frontend serves the built app; unknown paths without an extension get index.html so that
// client-side routes survive a reload.
func (s *Server) frontend() http.Handler {
	files := http.FileServerFS(s.cfg.Frontend)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			s.fail(w, r, backend.Errorf(backend.ENOTFOUND, "No route %s %s.", r.Method, r.URL.Path))
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if _, err := fs.Stat(s.cfg.Frontend, name); name != "" && err != nil && path.Ext(name) == "" {
			r2 := r.Clone(r.Context())
			r2.URL.Path = "/"
			r = r2
		}
		if strings.HasPrefix(name, "assets/") {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable") // hashed file names
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})
}

// fail writes err as {"code","message"}; internal errors are logged and shown as "Internal error.".
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := backend.ErrorCode(err)
	if code == backend.EINTERNAL {
		s.cfg.Logger.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	writeJSON(w, status, backend.Public(err))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client may be gone; nothing to do about it
}
