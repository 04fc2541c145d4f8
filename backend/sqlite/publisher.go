package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tend/backend"
)

// AccountPublisher publishes calendar posts through the connected accounts whose connectors can
// (backend.Publishing): a platform's posts go through its oldest active account of that platform.
type AccountPublisher struct {
	accounts *AccountService
}

var _ backend.PostPublisher = (*AccountPublisher)(nil)

// Publisher returns the calendar's publisher over the connected accounts.
func (s *AccountService) Publisher() *AccountPublisher { return &AccountPublisher{accounts: s} }

// publishing returns the connector that publishes on platform.
func (p *AccountPublisher) publishing(ctx context.Context, platform string) (backend.Publishing, error) {
	db, err := p.accounts.workspaces.DB()
	if err != nil {
		return nil, err
	}
	var (
		acct  backend.Account
		found bool
	)
	err = db.Read(ctx, func(tx *Tx) error {
		acct, err = findAccount(ctx, tx, `WHERE platform = ? ORDER BY status = 'active' DESC, id`, platform)
		if backend.ErrorCode(err) == backend.ENOTFOUND {
			return nil
		}
		found = err == nil
		return err
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, backend.PublishUnsupported(platform, backend.PublishReasonNoAccount,
			"No "+backend.PlatformName(platform)+" account is connected: post it by hand, or connect one in Connections.")
	}
	if acct.Status == backend.AccountPaused || acct.Status == backend.AccountNeedsReconnect {
		return nil, backend.PublishUnsupported(platform, backend.PublishReasonAccountInactive,
			fmt.Sprintf("The %s account %q is %s: post it by hand, or resume it.", backend.PlatformName(platform), acct.Name, strings.ReplaceAll(string(acct.Status), "_", " ")))
	}
	conn, err := p.accounts.connector(ctx, db, acct)
	if err != nil {
		return nil, err
	}
	pub, ok := conn.(backend.Publishing)
	if !ok {
		return nil, backend.PublishUnsupported(platform, backend.PublishReasonPlatform,
			backend.PlatformName(platform)+" cannot publish posts through its API: post it by hand.")
	}
	return pub, nil
}

// request is what the connector receives for post on platform.
func request(post backend.CalendarPost, platform string, at *time.Time) backend.PublishRequest {
	return backend.PublishRequest{Caption: post.CaptionFor(platform), Format: post.Format, Media: post.MediaPaths, Link: post.UTMLink, At: at}
}

// CanPublish returns nil when a connected account can publish post on platform.
func (p *AccountPublisher) CanPublish(ctx context.Context, post backend.CalendarPost, platform string) error {
	pub, err := p.publishing(ctx, platform)
	if err != nil {
		return err
	}
	return pub.CanPublishPost(request(post, platform, nil))
}

// PublishPost publishes post on platform, now or (at) by the platform itself.
func (p *AccountPublisher) PublishPost(ctx context.Context, post backend.CalendarPost, platform string, at *time.Time) (backend.Publication, error) {
	pub, err := p.publishing(ctx, platform)
	if err != nil {
		return backend.Publication{}, err
	}
	return pub.PublishPost(ctx, request(post, platform, at))
}

// NativeWindow returns how far ahead platform holds posts, (0, 0) when it cannot or no account
// can publish there.
func (p *AccountPublisher) NativeWindow(platform string) (time.Duration, time.Duration) {
	pub, err := p.publishing(context.Background(), platform)
	if err != nil {
		return 0, 0
	}
	return pub.NativeWindow()
}

// CancelScheduled deletes a post the platform holds for later.
func (p *AccountPublisher) CancelScheduled(ctx context.Context, platform, externalID string) error {
	pub, err := p.publishing(ctx, platform)
	if err != nil {
		return err
	}
	return pub.CancelScheduledPost(ctx, externalID)
}
