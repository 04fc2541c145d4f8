import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { cadenceFixture } from '../testing/fixtures';
import { CadencePanel } from './cadence-panel';

describe('CadencePanel', () => {
  it('says how far each target is this week and highlights the gaps', async () => {
    const fake = installFakeDesktop({ Calendar: { Cadence: () => cadenceFixture() } });
    renderWithProviders(<CadencePanel day="2026-12-02" />);
    const videos = await screen.findByTestId('cadence-row-short_video-any');
    expect(videos).toHaveTextContent('2 of 3 short videos this week');
    expect(within(videos).getByText('1 to plan')).toBeInTheDocument();
    expect(videos).toHaveAttribute('data-met', 'false');
    const dm = screen.getByTestId('cadence-row-dm_touchpoint-whatsapp');
    expect(dm).toHaveTextContent('1 of 1 DM touchpoint this week on WhatsApp');
    expect(within(dm).getByText('On target')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: '2 of 3 short videos this week' })).toHaveAttribute('aria-valuenow', '67');
    expect(fake.Calendar.Cadence).toHaveBeenCalledWith('2026-12-02');
  });

  it('speaks French', async () => {
    await i18n.changeLanguage('fr');
    installFakeDesktop({ Calendar: { Cadence: () => cadenceFixture() } });
    renderWithProviders(<CadencePanel day="" />);
    expect(await screen.findByTestId('cadence-row-short_video-any')).toHaveTextContent('2 sur 3 vidéos courtes cette semaine');
    expect(screen.getByText('1 à prévoir')).toBeInTheDocument();
  });

  it('invites to set targets when there are none', async () => {
    installFakeDesktop({ Calendar: { Cadence: () => cadenceFixture({ items: [] }) } });
    renderWithProviders(<CadencePanel day="" />);
    expect(await screen.findByText('No cadence target yet: add some in the plan settings.')).toBeInTheDocument();
  });
});
