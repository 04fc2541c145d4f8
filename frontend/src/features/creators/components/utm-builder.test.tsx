import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { fakeCreatorsBackend, NOEL } from '../testing/fixtures';
import { UtmBuilder } from './utm-builder';


describe('UtmBuilder', () => {
  it('refuses a malformed base URL: says why, builds nothing and saves nothing', async () => {
    const fake = installFakeDesktop(fakeCreatorsBackend());
    const { user } = renderWithProviders(<UtmBuilder creatorId={1} links={[]} campaigns={[NOEL]} />);
    await user.type(screen.getByTestId('utm-base-url'), 'shop.example/noel');
    await user.type(screen.getByTestId('utm-source'), 'instagram');
    await user.type(screen.getByTestId('utm-medium'), 'influencer');
    await user.type(screen.getByTestId('utm-campaign'), 'noel');

    expect(await screen.findByText(/“shop.example\/noel” is not a web address/)).toBeInTheDocument();
    expect(screen.getByTestId('save-link')).toBeDisabled();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fake.Creators.PreviewLink).not.toHaveBeenCalled();
    expect(fake.Creators.AddLink).not.toHaveBeenCalled();
    expect(screen.queryByTestId('utm-preview-url')).not.toBeInTheDocument();

    for (const bad of ['ftp://shop.example/', 'https://', 'https://shop .example/']) {
      await user.clear(screen.getByTestId('utm-base-url'));
      await user.type(screen.getByTestId('utm-base-url'), bad);
      expect(screen.getByTestId('save-link')).toBeDisabled();
    }
  });

  it('builds the link as values are typed, shows how spaces and accents were normalised, and copies it in one click', async () => {
    const fake = installFakeDesktop(fakeCreatorsBackend());
    const { user } = renderWithProviders(<UtmBuilder creatorId={1} links={[]} campaigns={[NOEL]} />);
    await user.type(screen.getByTestId('utm-base-url'), 'https://shop.example/noel');
    await user.type(screen.getByTestId('utm-source'), 'instagram');
    await user.type(screen.getByTestId('utm-medium'), 'influencer');
    await user.type(screen.getByTestId('utm-campaign'), 'Noël Cosy 2026');

    const url = await screen.findByTestId('utm-preview-url');
    await waitFor(() => expect(url).toHaveTextContent('https://shop.example/noel?utm_source=instagram&utm_medium=influencer&utm_campaign=noel-cosy-2026'));
    expect(within(screen.getByTestId('utm-preview')).getByText('utm_campaign: “Noël Cosy 2026” became “noel-cosy-2026”')).toBeInTheDocument();

    // user-event stands in for the clipboard: the copy goes through it.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.click(screen.getByRole('button', { name: 'Copy this link' }));
    expect(writeText).toHaveBeenCalledWith('https://shop.example/noel?utm_source=instagram&utm_medium=influencer&utm_campaign=noel-cosy-2026');
    await waitFor(() => expect(screen.getByTestId('copy-preview')).toHaveAttribute('data-copied', 'true'));
    await expect(navigator.clipboard.readText()).resolves.toBe('https://shop.example/noel?utm_source=instagram&utm_medium=influencer&utm_campaign=noel-cosy-2026');

    await user.click(screen.getByTestId('save-link'));
    await waitFor(() =>
      expect(fake.Creators.AddLink).toHaveBeenCalledWith({
        creator_id: 1,
        campaign_id: null,
        base_url: 'https://shop.example/noel',
        params: { source: 'instagram', medium: 'influencer', campaign: 'Noël Cosy 2026', content: '' },
      }),
    );
  });

  it('fills the values Tend proposes for a campaign', async () => {
    installFakeDesktop(fakeCreatorsBackend());
    const { user } = renderWithProviders(<UtmBuilder creatorId={1} links={[]} campaigns={[NOEL]} />);
    await user.click(screen.getByTestId('fill-utm'));
    await waitFor(() => expect(screen.getByTestId('utm-campaign')).toHaveValue('noel-cosy-2026'));
    expect(screen.getByTestId('utm-base-url')).toHaveValue('https://shop.example/noel');
    expect(screen.getByTestId('utm-content')).toHaveValue('lea.cosy');
  });
});
