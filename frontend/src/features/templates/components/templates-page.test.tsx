import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { fakeTemplatesBackend, templateFixture } from '../testing/fixtures';
import { PREVIEW_DEBOUNCE_MS } from './template-preview';
import { TemplatesPage } from './templates-page';

const library = [
  templateFixture({ id: 'welcome.menu.fr', name: 'Bienvenue avec menu', category: 'welcome', language: 'fr', shipped: true, usage_count: 12 }),
  templateFixture({ id: 'faq.shipping.en', name: 'Shipping times', category: 'faq', language: 'en', channel: 'instagram', body: 'We ship in 48 h.', keywords: ['shipping'] }),
  templateFixture({ id: 'custom.old-promo', name: 'Old promo', category: 'reengagement', language: 'en', archived: true }),
];

function renderTemplates(url = '/templates') {
  const fake = installFakeDesktop(fakeTemplatesBackend(library));
  const router = createMemoryRouter([{ path: '/templates', element: <TemplatesPage /> }], { initialEntries: [url] });
  return { ...renderWithProviders(<RouterProvider router={router} />), router, fake };
}

const search = (router: ReturnType<typeof renderTemplates>['router']) => new URLSearchParams(router.state.location.search);

async function openNewTemplate(user: ReturnType<typeof renderTemplates>['user']) {
  await user.click(screen.getAllByRole('button', { name: 'New template' })[0]!);
  return screen.findByRole('dialog', { name: 'New template' });
}

describe('TemplatesPage', () => {
  it('groups the templates by category, with their language, platform, usage and badges', async () => {
    renderTemplates();
    const welcome = await screen.findByRole('region', { name: 'Welcome' });
    const row = within(welcome).getByRole('row', { name: /Bienvenue avec menu/ });
    expect(within(row).getByText('Built-in')).toBeInTheDocument();
    expect(within(row).getByText('FR')).toBeInTheDocument();
    expect(within(row).getByText('Any platform')).toBeInTheDocument();
    expect(within(row).getByText('12')).toBeInTheDocument();
    const faq = screen.getByRole('region', { name: 'FAQ' });
    expect(within(faq).getByText('Instagram')).toBeInTheDocument();
    // Archived templates are listed only on request.
    expect(screen.queryByText('Old promo')).not.toBeInTheDocument();
  });

  it('keeps the filters in the URL and sends them to the backend', async () => {
    const { user, router, fake } = renderTemplates('/templates?lang=en');
    await screen.findByText('Shipping times');
    expect(fake.Templates.List).toHaveBeenCalledWith({ category: '', language: 'en', channel: '', include_archived: false, query: '' });
    expect(screen.queryByText('Bienvenue avec menu')).not.toBeInTheDocument();

    await user.click(screen.getByRole('switch', { name: 'Show archived' }));
    await waitFor(() => expect(search(router).get('archived')).toBe('1'));
    expect(await screen.findByText('Old promo')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /Old promo/ })).getByText('Archived')).toBeInTheDocument();

    await user.click(screen.getByRole('textbox', { name: 'Category' }));
    await user.click(await screen.findByRole('option', { name: 'FAQ' }));
    await waitFor(() => expect(search(router).get('category')).toBe('faq'));
    await waitFor(() => expect(fake.Templates.List).toHaveBeenLastCalledWith({ category: 'faq', language: 'en', channel: '', include_archived: true, query: '' }));

    await user.type(screen.getByRole('textbox', { name: 'Search' }), 'ship');
    await waitFor(() => expect(search(router).get('q')).toBe('ship'));
    await waitFor(() => expect(fake.Templates.List).toHaveBeenLastCalledWith({ category: 'faq', language: 'en', channel: '', include_archived: true, query: 'ship' }));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('creates a template, showing in red each token it could not fill', async () => {
    const { user, router, fake } = renderTemplates();
    const editor = await openNewTemplate(user);
    await user.type(within(editor).getByRole('textbox', { name: 'Name' }), 'Order follow-up');
    const body = within(editor).getByRole('textbox', { name: 'Message' });
    await user.click(body);
    await user.paste('Hi {first_name}, about order {order_id}: {brand} is on it.');

    expect(await within(editor).findByText('{order_id} has no value and no fallback: this reply could not be sent.')).toBeInTheDocument();
    expect(within(editor).getByTestId('preview-text')).toHaveTextContent('Hi Camille, about order {order_id}: Maison Lumière is on it.');
    expect(within(editor).getByText('58 / 5,000 characters')).toBeInTheDocument();

    await user.click(within(editor).getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(fake.Templates.Create).toHaveBeenCalledWith({
        id: '',
        name: 'Order follow-up',
        category: 'welcome',
        language: 'en',
        channel: '',
        body: 'Hi {first_name}, about order {order_id}: {brand} is on it.',
        keywords: [],
      }),
    );
    expect(await screen.findByText('Template “Order follow-up” created.')).toBeInTheDocument();
    await waitFor(() => expect(search(router).get('template')).toBe('custom.order-follow-up'));
  });

  it('shows a mistake in the body with its line and character, and moves the caret there', async () => {
    const { user } = renderTemplates();
    const editor = await openNewTemplate(user);
    const body = within(editor).getByRole('textbox', { name: 'Message' });
    await user.click(body);
    await user.paste('Bonjour,\nmerci {first_name pour votre message');

    expect(await within(editor).findByText('Mistake at line 2, character 7')).toBeInTheDocument();
    expect(within(editor).getByText('The “{” at character 16 is not closed on its line: write “{{” for a literal brace.')).toBeInTheDocument();
    await user.click(within(editor).getByRole('button', { name: 'Show it in the message' }));
    expect(body).toHaveFocus();
    expect((body as HTMLTextAreaElement).selectionStart).toBe(15);
  });

  it('inserts a token where the caret is', async () => {
    const { user } = renderTemplates();
    const editor = await openNewTemplate(user);
    const body = within(editor).getByRole('textbox', { name: 'Message' });
    await user.click(body);
    await user.paste('Hello , thanks!');
    (body as HTMLTextAreaElement).setSelectionRange(6, 6);
    await user.click(within(editor).getByRole('button', { name: '{first_name}' }));
    expect(body).toHaveValue('Hello {first_name}, thanks!');
    await user.click(within(editor).getByRole('button', { name: '{custom.field}' }));
    expect(body).toHaveValue('Hello {first_name}{custom.field}, thanks!');
    // "field" is selected, so that typing the contact field's name replaces it.
    await user.keyboard('size');
    expect(body).toHaveValue('Hello {first_name}{custom.size}, thanks!');
  });

  it('asks for a preview only once typing pauses', async () => {
    const { user, fake } = renderTemplates();
    const editor = await openNewTemplate(user);
    const body = within(editor).getByRole('textbox', { name: 'Message' });
    // Keystrokes in a burst: one preview, of the last text.
    for (const text of ['B', 'Bo', 'Bon', 'Bonj', 'Bonjour']) fireEvent.change(body, { target: { value: text } });
    await waitFor(() => expect(within(editor).getByTestId('preview-text')).toHaveTextContent('Bonjour'));
    expect(fake.Templates.Preview.mock.calls).toEqual([['Bonjour', 1]]);

    fireEvent.change(body, { target: { value: 'Bonjour à tous' } });
    await new Promise((resolve) => setTimeout(resolve, PREVIEW_DEBOUNCE_MS / 2));
    expect(fake.Templates.Preview).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(within(editor).getByTestId('preview-text')).toHaveTextContent('Bonjour à tous'));
    expect(fake.Templates.Preview).toHaveBeenLastCalledWith('Bonjour à tous', 1);
    expect(fake.Templates.Preview).toHaveBeenCalledTimes(2);
  });

  it('shows a refused save next to the field it names, translated', async () => {
    const { user } = renderTemplates();
    const editor = await openNewTemplate(user);
    await user.click(within(editor).getByRole('textbox', { name: 'Message' }));
    await user.paste('Hello');
    await user.click(within(editor).getByRole('button', { name: 'Create' }));
    const name = within(editor).getByRole('textbox', { name: 'Name' });
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(name).toHaveAccessibleDescription('A template needs a name of at most 100 characters.');
    // Shown on the field, not notified as well.
    expect(screen.getAllByText('A template needs a name of at most 100 characters.')).toHaveLength(1);
  });

  it('duplicates and archives the template being edited', async () => {
    const { user, router, fake } = renderTemplates('/templates?template=welcome.menu.fr');
    const editor = await screen.findByRole('dialog', { name: 'Bienvenue avec menu' });
    expect(within(editor).getByRole('textbox', { name: 'Name' })).toHaveValue('Bienvenue avec menu');
    expect(within(editor).getByText('Sent 12 times')).toBeInTheDocument();

    await user.click(within(editor).getByRole('button', { name: 'Duplicate' }));
    await waitFor(() => expect(fake.Templates.Duplicate).toHaveBeenCalledWith('welcome.menu.fr'));
    await waitFor(() => expect(search(router).get('template')).toBe('welcome.menu.fr-2'));
    const copy = await screen.findByRole('dialog', { name: 'Bienvenue avec menu (copy)' });

    await user.click(within(copy).getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(fake.Templates.Archive).toHaveBeenCalledWith('welcome.menu.fr-2', true));
    expect(await within(copy).findByRole('button', { name: 'Restore' })).toBeInTheDocument();
    await user.click(within(copy).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(fake.Templates.Archive).toHaveBeenLastCalledWith('welcome.menu.fr-2', false));
  });

  it('archives from a row’s menu and saves an edit', async () => {
    const { user, fake } = renderTemplates();
    await user.click(await screen.findByRole('button', { name: 'Actions for Shipping times' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Archive' }));
    await waitFor(() => expect(fake.Templates.Archive).toHaveBeenCalledWith('faq.shipping.en', true));
    await waitFor(() => expect(screen.queryByText('Shipping times')).not.toBeInTheDocument());

    await user.click(screen.getByRole('link', { name: 'Bienvenue avec menu' }));
    const editor = await screen.findByRole('dialog', { name: 'Bienvenue avec menu' });
    const save = within(editor).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await user.click(within(editor).getByRole('textbox', { name: 'Keywords' }));
    await user.keyboard('menu{Enter}');
    await user.click(save);
    await waitFor(() =>
      expect(fake.Templates.Update).toHaveBeenCalledWith('welcome.menu.fr', {
        name: 'Bienvenue avec menu',
        category: 'welcome',
        language: 'fr',
        channel: '',
        body: 'Salut {first_name|à vous} ! Bienvenue chez {brand}.',
        keywords: ['menu'],
      }),
    );
    expect(await screen.findByText('Template “Bienvenue avec menu” saved.')).toBeInTheDocument();
  });
});
