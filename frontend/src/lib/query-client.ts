import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { toApiError } from './errors';
import { notifyError } from './notify';
import { rejectToken } from './token';
import { isDesktop } from './transport';

/** Every failed query or mutation is reported once, here; a refused token brings back the token screen. */
function reportFailure(error: unknown): void {
  const apiError = toApiError(error);
  if (apiError.code === 'EUNAUTHORIZED' && !isDesktop()) {
    rejectToken();
    return;
  }
  notifyError(apiError);
}

declare module '@tanstack/react-query' {
  interface Register {
    /** `inlineError`: the component shows the failure itself (e.g. a search query being typed). */
    queryMeta: { inlineError?: boolean };
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.meta?.inlineError !== true) reportFailure(error);
      },
    }),
    mutationCache: new MutationCache({ onError: reportFailure }),
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
