import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { BackendRejection, installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { useModelSettings } from '../api/get-model-settings';
import type { ModelCheck, ModelPreset, ModelSettings } from '../types';
import { ApiKeyCard } from './api-key-card';
import { ModelSettingsForm } from './model-settings-form';

const presets: ModelPreset[] = [
  { id: 'openai', name: 'OpenAI', base_url: 'https://api.openai.com/v1', model: 'gpt-4o-mini', needs_key: true },
  { id: 'ollama', name: 'Ollama', base_url: 'http://localhost:11434/v1', model: 'llama3.2', needs_key: false },
  { id: 'lmstudio', name: 'LM Studio', base_url: 'http://localhost:1234/v1', model: 'local-model', needs_key: false },
  { id: 'llamacpp', name: 'llama.cpp server', base_url: 'http://localhost:8080/v1', model: 'local-model', needs_key: false },
];

const ollama: ModelSettings = {
  enabled: false,
  preset: 'ollama',
  base_url: 'http://localhost:11434/v1',
  model: 'llama3.2',
  temperature: 0.4,
  timeout_seconds: 60,
  brand_voice: '',
  has_key: false,
};

const SECRET = 'sk-test-0123456789abcdef';
const KEYRING_HINT = 'No Secret Service is available: install and unlock gnome-keyring (or KWallet) in your desktop session.';

function fakeModelBackend(initial: ModelSettings, check: () => ModelCheck, keyring: 'available' | 'missing' = 'available') {
  let saved = { ...initial };
  return installFakeDesktop({
    Model: {
      Get: () => saved,
      Update: (settings: ModelSettings) => {
        if (!/^https?:\/\/[^/]+/.test(settings.base_url)) {
          throw new BackendRejection({ code: 'EINVALID', message: 'The server address must be an http(s) URL.', key: 'model_base_url_invalid', params: { url: settings.base_url } });
        }
        saved = { ...settings, has_key: saved.has_key };
        return saved;
      },
      SetKey: () => {
        if (keyring === 'missing') throw new BackendRejection({ code: 'EUNAVAILABLE', message: KEYRING_HINT, key: 'keyring_unavailable' });
        saved = { ...saved, has_key: true };
        return saved;
      },
      DeleteKey: () => {
        saved = { ...saved, has_key: false };
        return saved;
      },
      Check: check,
    },
  });
}

/** The key card on the settings as the backend last returned them, as the settings page shows it. */
function SavedKeyCard() {
  const settings = useModelSettings().data;
  return settings === undefined ? null : <ApiKeyCard settings={settings} preset={presets.find((preset) => preset.id === settings.preset)} />;
}

function renderModelSettings(settings: ModelSettings) {
  return renderWithProviders(
    <>
      <ModelSettingsForm settings={settings} presets={presets} />
      <ApiKeyCard settings={settings} preset={presets.find((preset) => preset.id === settings.preset)} />
    </>,
  );
}

describe('model settings', () => {
  it('fills the server address and model from a preset, and saves them', async () => {
    const fake = fakeModelBackend(ollama, () => ({ models: [], model_found: false }));
    const { user } = renderModelSettings(ollama);
    expect(screen.getByRole('radio', { name: 'Ollama' })).toBeChecked();

    await user.click(screen.getByRole('radio', { name: 'OpenAI' }));
    expect(screen.getByRole('textbox', { name: 'Server address' })).toHaveValue('https://api.openai.com/v1');
    expect(screen.getByRole('textbox', { name: 'Model' })).toHaveValue('gpt-4o-mini');

    await user.click(screen.getByRole('radio', { name: 'Custom' }));
    expect(screen.getByRole('textbox', { name: 'Server address' })).toHaveValue('https://api.openai.com/v1');
    await user.click(screen.getByRole('radio', { name: 'LM Studio' }));
    expect(screen.getByRole('textbox', { name: 'Server address' })).toHaveValue('http://localhost:1234/v1');

    await user.click(screen.getByRole('switch', { name: /^Draft replies with this model/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(fake.Model.Update).toHaveBeenCalledWith({
        enabled: true,
        preset: 'lmstudio',
        base_url: 'http://localhost:1234/v1',
        model: 'local-model',
        temperature: 0.4,
        timeout_seconds: 60,
        brand_voice: '',
        has_key: false,
      }),
    );
    expect(await screen.findByText('AI model settings saved.')).toBeInTheDocument();
  });

  it('shows a refused address on its field', async () => {
    fakeModelBackend(ollama, () => ({ models: [], model_found: false }));
    const { user } = renderModelSettings(ollama);
    const address = screen.getByRole('textbox', { name: 'Server address' });
    await user.clear(address);
    await user.type(address, 'localhost:11434');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(address).toHaveAttribute('aria-invalid', 'true'));
    expect(address).toHaveAccessibleDescription(expect.stringContaining('The server address must be an http(s) URL such as http://localhost:11434/v1.'));
  });

  it('stores the key in the keyring without ever showing it back', async () => {
    const fake = fakeModelBackend({ ...ollama, preset: 'openai' }, () => ({ models: [], model_found: false }));
    const { user } = renderWithProviders(<SavedKeyCard />);
    expect(await screen.findByText('No key is stored.')).toBeInTheDocument();
    expect(screen.getByText('OpenAI refuses requests without an API key.')).toBeInTheDocument();
    expect(screen.getByText(/never in the workspace file/)).toBeInTheDocument();

    const input = screen.getByLabelText('API key', { selector: 'input' });
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveValue('');
    await user.type(input, SECRET);
    await user.click(screen.getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(fake.Model.SetKey).toHaveBeenCalledWith(SECRET));
    expect(await screen.findByText('Key saved in the system keyring.')).toBeInTheDocument();
    await waitFor(() => expect(input).toHaveValue(''));

    // The settings now say a key is stored, and nothing more.
    expect(await screen.findByText('A key is stored in the system keyring.')).toBeInTheDocument();
    const replacement = screen.getByLabelText('New API key (replaces the stored one)');
    expect(replacement).toHaveValue('');
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(SECRET);

    await user.click(screen.getByRole('button', { name: 'Remove key' }));
    await waitFor(() => expect(fake.Model.DeleteKey).toHaveBeenCalled());
    expect(await screen.findByText('Key removed from the system keyring.')).toBeInTheDocument();
  });

  it('says when there is no keyring to store the key in, with what to install', async () => {
    fakeModelBackend({ ...ollama, preset: 'openai' }, () => ({ models: [], model_found: false }), 'missing');
    const { user } = renderWithProviders(<SavedKeyCard />);
    const input = await screen.findByLabelText('API key', { selector: 'input' });
    await user.type(input, SECRET);
    await user.click(screen.getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(input).toHaveAccessibleDescription(expect.stringContaining('The system keyring is not available.'));
    expect(screen.getByText(KEYRING_HINT)).toBeInTheDocument();
    expect(screen.getByText('No key is stored.')).toBeInTheDocument();
  });

  it('tests the connection: the models offered and whether the configured one is there', async () => {
    const fake = fakeModelBackend(ollama, () => ({ models: ['llama3.1', 'mistral'], model_found: false }));
    const { user } = renderModelSettings(ollama);
    await user.click(screen.getByRole('button', { name: 'Test the connection' }));
    expect(await screen.findByText('Connected, but the model is missing')).toBeInTheDocument();
    expect(screen.getByText('The server does not offer “llama3.2”. Pick one of its models:')).toBeInTheDocument();
    expect(screen.getByText('2 models offered')).toBeInTheDocument();
    expect(fake.Model.Update).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Use the model mistral' }));
    expect(screen.getByRole('textbox', { name: 'Model' })).toHaveValue('mistral');
    // Unsaved changes are saved before the test, which runs on the saved settings.
    fake.Model.Check.mockImplementation(() => Promise.resolve({ models: ['llama3.1', 'mistral'], model_found: true }));
    await user.click(screen.getByRole('button', { name: 'Save and test the connection' }));
    await waitFor(() => expect(fake.Model.Update).toHaveBeenCalledWith(expect.objectContaining({ model: 'mistral' })));
    expect(await screen.findByText('The server offers “mistral”.')).toBeInTheDocument();
    expect(screen.getByText('Connected')).toBeInTheDocument();
  });

  it('explains a failed connection test in the interface language', async () => {
    const unreachable = () => {
      throw new BackendRejection({
        code: 'EUNAVAILABLE',
        message: 'Is Ollama running at http://localhost:11434/v1?',
        key: 'model_unreachable',
        params: { server: 'Ollama', url: 'http://localhost:11434/v1' },
      });
    };
    fakeModelBackend(ollama, unreachable);
    const { user } = renderModelSettings(ollama);
    await user.click(screen.getByRole('button', { name: 'Test the connection' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Connection failed (Unavailable)')).toBeInTheDocument();
    expect(within(alert).getByText('Is Ollama running at http://localhost:11434/v1?')).toBeInTheDocument();

    await i18n.changeLanguage('fr');
    await user.click(screen.getByRole('button', { name: 'Tester la connexion' }));
    expect(await screen.findByText("Ollama est-il bien lancé à l'adresse http://localhost:11434/v1 ?")).toBeInTheDocument();
  });

  it('translates the other model errors from their key', async () => {
    fakeModelBackend({ ...ollama, preset: 'custom' }, () => {
      throw new BackendRejection({ code: 'ENOTFOUND', message: 'The server has no model named "x".', key: 'model_unknown', params: { model: 'x', url: 'http://10.0.0.2/v1' } });
    });
    await i18n.changeLanguage('fr');
    const { user } = renderModelSettings({ ...ollama, preset: 'custom' });
    await user.click(screen.getByRole('button', { name: 'Tester la connexion' }));
    expect(
      await screen.findByText("Le serveur http://10.0.0.2/v1 n'a aucun modèle nommé « x » : vérifiez le nom du modèle dans Paramètres → Modèle d'IA."),
    ).toBeInTheDocument();
    expect(screen.getByText('Échec de la connexion (Introuvable)')).toBeInTheDocument();
  });
});
