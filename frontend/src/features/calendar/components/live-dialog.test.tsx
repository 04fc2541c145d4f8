import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { settingsFixture } from '../testing/fixtures';
import { LiveDialog } from './live-dialog';

describe('LiveDialog', () => {
  it('plans a live with its announcement 48 h ahead and a reminder', async () => {
    const fake = installFakeDesktop({
      Calendar: {
        CreateLive: () => ({ id: 1, kind: 'live', title: 'Q&A', post_ids: [1, 2, 3] }),
      },
    });
    const { user } = renderWithProviders(<LiveDialog opened settings={settingsFixture()} initialLocal="2026-12-10T19:00" onClose={() => undefined} />);
    const dialog = await screen.findByTestId('live-dialog');
    await user.type(within(dialog).getByRole('textbox', { name: 'Live title' }), 'Q&A');
    await user.click(within(dialog).getByRole('checkbox', { name: 'YouTube' }));
    expect(within(dialog).getByTestId('live-preview')).toHaveTextContent(
      'The announcement goes out Dec 8, 2026, 7:00 PM (48 h before). The reminder, Dec 10, 2026, 6:00 PM.',
    );
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Announce it this many hours ahead' }), { target: { value: '72' } });
    expect(within(dialog).getByTestId('live-preview')).toHaveTextContent('The announcement goes out Dec 7, 2026, 7:00 PM (72 h before).');
    await user.click(within(dialog).getByRole('button', { name: 'Plan the live' }));
    await waitFor(() =>
      expect(fake.Calendar.CreateLive).toHaveBeenCalledWith(
        expect.objectContaining({ title: 'Q&A', local: '2026-12-10T19:00', time_zone: 'Europe/Paris', channels: ['youtube'], announce_hours: 72, reminder_minutes: 60 }),
      ),
    );
  });
});
