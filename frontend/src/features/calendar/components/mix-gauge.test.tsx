import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { mixFixture } from '../testing/fixtures';
import { MixGauge } from './mix-gauge';

describe('MixGauge', () => {
  it('shows the month’s shares against the 70/20/10 target, flagging what strays', async () => {
    const fake = installFakeDesktop({
      Calendar: {
        Mix: () =>
          mixFixture({ counts: { core: 7, experiment: 2, high_risk: 3 }, total: 12, shares: { core: 58, experiment: 17, high_risk: 25 }, off_target: ['core', 'high_risk'] }),
      },
    });
    renderWithProviders(<MixGauge month="2026-12" />);
    expect(await screen.findByText('12 posts')).toBeInTheDocument();
    expect(screen.getByTestId('mix-row-core')).toHaveTextContent('Core58 % (7 posts) · target 70 %');
    expect(screen.getByTestId('mix-row-core')).toHaveAttribute('data-off-target', 'true');
    expect(screen.getByTestId('mix-row-experiment')).toHaveTextContent('17 % (2 posts) · target 20 %');
    expect(screen.getByTestId('mix-row-experiment')).not.toHaveAttribute('data-off-target');
    expect(screen.getByTestId('mix-row-high_risk')).toHaveAttribute('data-off-target', 'true');
    expect(screen.getByLabelText('Core 58 %')).toBeInTheDocument();
    expect(screen.getByLabelText('High risk 25 %')).toBeInTheDocument();
    expect(fake.Calendar.Mix).toHaveBeenCalledWith('2026-12');
  });

  it('says when nothing is planned', async () => {
    installFakeDesktop({ Calendar: { Mix: () => mixFixture({ counts: { core: 0, experiment: 0, high_risk: 0 }, total: 0, shares: { core: 0, experiment: 0, high_risk: 0 }, off_target: [] }) } });
    renderWithProviders(<MixGauge month="2026-12" />);
    expect(await screen.findByText('No post planned this month yet.')).toBeInTheDocument();
    expect(screen.getByTestId('mix-row-core')).not.toHaveAttribute('data-off-target');
  });
});
