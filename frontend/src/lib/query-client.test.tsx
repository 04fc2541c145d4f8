import { useMutation, useQuery } from '@tanstack/react-query';
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendRejection, installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { i18n } from './i18n';
import { getToken, setToken } from './token';
import { call } from './transport';

function FailingQuery() {
  useQuery({ queryKey: ['failing'], queryFn: () => call('Workspaces', 'Open', 'missing') });
  return null;
}

function failingBackend() {
  installFakeDesktop({
    Workspaces: {
      Open: () => {
        throw new BackendRejection({ code: 'ENOTFOUND', message: 'No workspace "missing".', key: 'workspace_not_found' });
      },
    },
  });
}

describe('a failed query', () => {
  it('shows a notification titled with the translated code and the translated message', async () => {
    failingBackend();
    renderWithProviders(<FailingQuery />);
    expect(await screen.findByText('Not found')).toBeInTheDocument();
    expect(screen.getByText('This workspace does not exist (any more).')).toBeInTheDocument();
  });

  it('is notified in French when the interface is in French', async () => {
    await i18n.changeLanguage('fr');
    failingBackend();
    renderWithProviders(<FailingQuery />);
    expect(await screen.findByText('Introuvable')).toBeInTheDocument();
    expect(screen.getByText("Cet espace de travail n'existe pas (ou plus).")).toBeInTheDocument();
  });
});

describe('a call the server answers with EUNAUTHORIZED', () => {
  afterEach(() => vi.unstubAllGlobals());

  function refusing(body: object) {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status: 401 }))));
  }

  function FailingMutation() {
    const mutation = useMutation({ mutationFn: () => call('Model', 'Check'), meta: { inlineError: true } });
    return (
      <button type="button" onClick={() => mutation.mutate()}>
        check
      </button>
    );
  }

  it('brings back the token screen when the token was refused, even where errors show inline', async () => {
    setToken('expired');
    refusing({ code: 'EUNAUTHORIZED', message: 'A valid access token is required.', key: 'token_required' });
    const { user } = renderWithProviders(<FailingMutation />);
    await user.click(screen.getByRole('button', { name: 'check' }));
    await waitFor(() => expect(getToken()).toBeNull());
  });

  it('keeps the session when something else refused a key (a model server)', async () => {
    setToken('valid');
    refusing({ code: 'EUNAUTHORIZED', message: 'The server refused the API key.', key: 'model_bad_key', params: { url: 'https://api.openai.com/v1' } });
    renderWithProviders(<FailingQuery />);
    expect(await screen.findByText('The server at https://api.openai.com/v1 refused the API key: check it in Settings → AI model.')).toBeInTheDocument();
    expect(getToken()).toBe('valid');
  });
});
