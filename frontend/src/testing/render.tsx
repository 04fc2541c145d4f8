import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '@/lib/i18n';
import { createQueryClient } from '@/lib/query-client';

export interface RenderWithProvidersResult extends RenderResult {
  user: UserEvent;
  queryClient: QueryClient;
}

/** Renders ui inside the app's providers (the real query client, so failures notify as in the app). */
export function renderWithProviders(ui: ReactElement): RenderWithProvidersResult {
  const queryClient = createQueryClient();
  const result = render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <Notifications />
        <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>,
  );
  return { ...result, user: userEvent.setup(), queryClient };
}
