package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tend/backend"
)

// AccountPublisher publishes calendar posts through the connected accounts whose connectors can
// (backend.Publishing): through the account a post chose for the channel, else the platform's
// oldest active account.
type AccountPublisher struct {
	accounts *AccountService
}

var _ backend.PostPublisher = (*AccountPublisher)(nil)

// Publisher returns the calendar's publisher over the connected accounts.
func (s *AccountService) Publisher() *AccountPublisher { return &AccountPublisher{accounts: s} }

// publishing returns the connector of account id on platform (0: the platform's default account).
func (p *AccountPublisher) publishing(ctx context.Context, platform string, id int64) (backend.Publishing, backend.Account, error) {
	db, err := p.accounts.workspaces.DB()
	if err != nil {
		return nil, backend.Account{}, err
	}
	var (
		acct  backend.Account
		found bool
	)
	err = db.Read(ctx, func(tx *Tx) error {
		if id != 0 {
			acct, err = findAccount(ctx, tx, `WHERE id = ? AND platform = ?`, id, platform)
		} else {
			acct, err = findAccount(ctx, tx, `WHERE platform = ? ORDER BY status = 'active' DESC, id`, platform)
		}
		if backend.ErrorCode(err) == backend.ENOTFOUND {
			return nil
		}
		found = err == nil
		return err
	})
	if err != nil {
		return nil, acct, err
	}
	switch {
	case !found && id != 0:
		return nil, acct, backend.PublishUnsupported(platform, backend.PublishReasonAccountRemoved,
			"The "+backend.PlatformName(platform)+" account chosen for this post is no longer connected: post it by hand, or choose another.")
	case !found:
		return nil, acct, backend.PublishUnsupported(platform, backend.PublishReasonNoAccount,
			"No "+backend.PlatformName(platform)+" account is connected: post it by hand, or connect one in Connections.")
	}
	if acct.Status == backend.AccountPaused || acct.Status == backend.AccountNeedsReconnect {
		return nil, acct, backend.PublishUnsupported(platform, backend.PublishReasonAccountInactive,
			fmt.Sprintf("The %s account %q is %s: post it by hand, or resume it.", backend.PlatformName(platform), acct.Name, strings.ReplaceAll(string(acct.Status), "_", " ")))
	}
	conn, err := p.accounts.connector(ctx, db, acct)
	if err != nil {
		return nil, acct, err
	}
	pub, ok := conn.(backend.Publishing)
	if !ok {
		return nil, acct, backend.PublishUnsupported(platform, backend.PublishReasonPlatform,
			backend.PlatformName(platform)+" cannot publish posts through its API: post it by hand.")
	}
	return pub, acct, nil
}

// request is what the connector receives for post on platform.
func request(post backend.CalendarPost, platform string, at *time.Time) backend.PublishRequest {
	return backend.PublishRequest{Caption: post.CaptionFor(platform), Format: post.Format, Media: post.MediaPaths, Link: post.UTMLink, At: at}
}

// CanPublish returns nil when the account post goes through on platform can publish it.
func (p *AccountPublisher) CanPublish(ctx context.Context, post backend.CalendarPost, platform string) error {
	pub, _, err := p.publishing(ctx, platform, post.Accounts[platform])
	if err != nil {
		return err
	}
	return pub.CanPublishPost(request(post, platform, nil))
}

// PublishPost publishes post on platform, now or (at) by the platform itself, and says through
// which account.
func (p *AccountPublisher) PublishPost(ctx context.Context, post backend.CalendarPost, platform string, at *time.Time) (backend.Publication, error) {
	pub, acct, err := p.publishing(ctx, platform, post.Accounts[platform])
	if err != nil {
		return backend.Publication{}, err
	}
	out, err := pub.PublishPost(ctx, request(post, platform, at))
	out.AccountID = acct.ID
	return out, err
}

// NativeWindow returns how far ahead platform holds posts, (0, 0) when it cannot or no account
// can publish there.
func (p *AccountPublisher) NativeWindow(platform string) (time.Duration, time.Duration) {
	pub, _, err := p.publishing(context.Background(), platform, 0)
	if err != nil {
		return 0, 0
	}
	return pub.NativeWindow()
}

// CancelScheduled deletes a post the platform holds for later, through the account holding it.
func (p *AccountPublisher) CancelScheduled(ctx context.Context, held backend.Publication) error {
	pub, _, err := p.publishing(ctx, held.Channel, held.AccountID)
	if err != nil {
		return err
	}
	return pub.CancelScheduledPost(ctx, held.ExternalID)
}
