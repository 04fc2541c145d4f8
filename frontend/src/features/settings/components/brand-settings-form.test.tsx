import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BackendRejection, installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import type { Settings, SettingsUpdate } from '../types';
import { BrandSettingsForm } from './brand-settings-form';

const saved: Settings = {
  brand_name: 'Maison Lumière',
  languages: ['fr', 'en'],
  time_zone: 'Europe/Paris',
  theme: 'system',
  ui_language: '',
};

function fakeSettingsBackend() {
  return installFakeDesktop({
    Settings: {
      Get: () => saved,
      Update: (update: SettingsUpdate) => {
        if ((update.brand_name ?? '').length > 100) {
          throw new BackendRejection({ code: 'EINVALID', message: 'The brand name is too long.', key: 'settings_brand_name' });
        }
        return { ...saved, ...update };
      },
    },
  });
}

describe('BrandSettingsForm', () => {
  it('shows a validation error from the backend on its field', async () => {
    fakeSettingsBackend();
    const { user } = renderWithProviders(<BrandSettingsForm settings={saved} />);
    const brandName = screen.getByLabelText('Brand name');
    await user.clear(brandName);
    await user.click(brandName);
    await user.paste('x'.repeat(101));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const message = 'The brand name must be at most 100 characters, without control characters.';
    await waitFor(() => expect(brandName).toHaveAttribute('aria-invalid', 'true'));
    expect(brandName).toHaveAccessibleDescription(expect.stringContaining(message));

    await user.type(brandName, '{Backspace}');
    expect(brandName).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('saves the brand name, the languages in order and the time zone', async () => {
    const fake = fakeSettingsBackend();
    const { user } = renderWithProviders(<BrandSettingsForm settings={saved} />);
    const brandName = screen.getByLabelText('Brand name');
    await user.clear(brandName);
    await user.type(brandName, 'Atelier Nord');
    await user.click(screen.getByRole('checkbox', { name: 'Français' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    expect(fake.Settings.Update).toHaveBeenCalledWith({
      brand_name: 'Atelier Nord',
      languages: ['en'],
      time_zone: 'Europe/Paris',
    });
  });

  it('makes the default language the first one', async () => {
    const fake = fakeSettingsBackend();
    const { user } = renderWithProviders(<BrandSettingsForm settings={saved} />);
    await user.click(screen.getByRole('textbox', { name: 'Default language' }));
    await user.click(await screen.findByRole('option', { name: 'English' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Settings saved.');
    expect(fake.Settings.Update).toHaveBeenCalledWith(expect.objectContaining({ languages: ['en', 'fr'] }));
  });
});
