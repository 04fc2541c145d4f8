import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { toApiError } from './errors';
import { notifyError } from './notify';
import { rejectToken } from './token';
import { isDesktop } from './transport';

/**
 * Whether the server refused the browser's access token. Other EUNAUTHORIZED errors are answers
 * about something else (a model server refusing its API key) and must not end the session.
 */
function isTokenRefused(error: unknown): boolean {
  const apiError = toApiError(error);
  return apiError.code === 'EUNAUTHORIZED' && !isDesktop() && (apiError.key === undefined || apiError.key === 'token_required');
}

/** Every failed query or mutation is reported once, here; a refused token brings back the token screen. */
function reportFailure(error: unknown): void {
  const apiError = toApiError(error);
  if (isTokenRefused(apiError)) {
    rejectToken();
    return;
  }
  notifyError(apiError);
}

declare module '@tanstack/react-query' {
  interface Register {
    /** `inlineError`: the component shows the failure itself (e.g. a search query being typed). */
    queryMeta: { inlineError?: boolean };
    /** `inlineError`: the component shows the failure itself (e.g. next to the form field it names). */
    mutationMeta: { inlineError?: boolean };
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.meta?.inlineError !== true || isTokenRefused(error)) reportFailure(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.inlineError !== true || isTokenRefused(error)) reportFailure(error);
      },
    }),
    defaultOptions: {
      queries: {
        // Only an unreachable backend is worth retrying; other errors are answers.
        retry: (failureCount, error) => toApiError(error).code === 'EUNAVAILABLE' && failureCount < 2,
        // Events keep the data fresh; the stream reports when it may have missed some.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}
