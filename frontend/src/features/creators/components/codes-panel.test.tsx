import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { fakeCreatorsBackend, NOEL } from '../testing/fixtures';
import type { CreatorCode } from '../types';
import { CodesPanel } from './codes-panel';

const lea10: CreatorCode = { id: 1, creator_id: 1, campaign_id: NOEL.id, code: 'LEA10', discount_percent: 10, created_at: '2026-11-28T09:00:00Z' };

describe('CodesPanel', () => {
  it('copies a code in one click', async () => {
    installFakeDesktop(fakeCreatorsBackend({ codes: [lea10] }));
    const { user } = renderWithProviders(<CodesPanel creatorId={1} codes={[lea10]} campaigns={[NOEL]} />);
    const row = screen.getByTestId('code-row');
    expect(within(row).getByText('LEA10')).toBeInTheDocument();
    expect(within(row).getByText('10 % off')).toBeInTheDocument();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.click(within(row).getByRole('button', { name: 'Copy code LEA10' }));
    expect(writeText).toHaveBeenCalledWith('LEA10');
    await waitFor(() => expect(within(row).getByTestId('copy-code')).toHaveAttribute('data-copied', 'true'));
    await expect(navigator.clipboard.readText()).resolves.toBe('LEA10');
  });

  it('generates a code when none is typed, and says whose a taken code is', async () => {
    const fake = installFakeDesktop(fakeCreatorsBackend());
    const { user } = renderWithProviders(<CodesPanel creatorId={1} codes={[]} campaigns={[NOEL]} />);
    await user.click(screen.getByTestId('add-code'));
    await waitFor(() => expect(fake.Creators.AddCode).toHaveBeenCalledWith({ creator_id: 1, campaign_id: NOEL.id, code: '', discount_percent: 0 }));
    expect(await screen.findByText('Code LEA10 added.')).toBeInTheDocument();

    await user.type(screen.getByTestId('code-input'), 'lea10');
    await user.click(screen.getByTestId('add-code'));
    expect(await screen.findByText('The code LEA10 already belongs to Léa Martin.')).toBeInTheDocument();
    expect(screen.getByTestId('code-input')).toHaveValue('lea10');
  });

  it('fills the suggested code', async () => {
    installFakeDesktop(fakeCreatorsBackend());
    const { user } = renderWithProviders(<CodesPanel creatorId={1} codes={[]} campaigns={[NOEL]} />);
    await user.click(screen.getByRole('button', { name: 'Suggest a code' }));
    await waitFor(() => expect(screen.getByTestId('code-input')).toHaveValue('LEA10'));
  });
});
