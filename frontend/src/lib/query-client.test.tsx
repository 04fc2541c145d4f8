import { useQuery } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BackendRejection, installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { i18n } from './i18n';
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
