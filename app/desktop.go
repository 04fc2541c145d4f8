package app

import (
	"context"
	"log/slog"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"tend/backend/event"
	"tend/backend/prefs"
)

// Desktop is the window's lifecycle: it forwards backend events to the frontend and remembers the
// window geometry between runs. It is not bound: the frontend never calls it.
type Desktop struct {
	Events *event.Hub
	Prefs  *prefs.Store
	Logger *slog.Logger
	sub    *event.Subscription
}

// Startup runs when the window is created: it restores the position and starts forwarding events.
func (d *Desktop) Startup(ctx context.Context) {
	if p, err := d.Prefs.Load(); err == nil && p.Window.Positioned && !p.Window.Maximised {
		runtime.WindowSetPosition(ctx, p.Window.X, p.Window.Y)
	}
	d.sub = d.Events.Subscribe()
	go func() {
		for e := range d.sub.C {
			runtime.EventsEmit(ctx, e.Name, e.Payload)
		}
	}()
}

// BeforeClose saves the window geometry; it never prevents closing.
func (d *Desktop) BeforeClose(ctx context.Context) bool {
	p, err := d.Prefs.Load()
	if err != nil {
		d.Logger.Warn("preferences", "err", err)
	}
	p.Window.Maximised = runtime.WindowIsMaximised(ctx)
	if !p.Window.Maximised {
		p.Window.Width, p.Window.Height = runtime.WindowGetSize(ctx)
		p.Window.X, p.Window.Y = runtime.WindowGetPosition(ctx)
		p.Window.Positioned = true
	}
	if err := d.Prefs.Save(p); err != nil {
		d.Logger.Warn("cannot save the window geometry", "err", err)
	}
	return false
}

// Shutdown stops forwarding events.
func (d *Desktop) Shutdown(context.Context) {
	if d.sub != nil {
		d.sub.Close()
	}
}
