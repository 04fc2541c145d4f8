import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { UTMLink, UTMParams } from '../types';
import { creatorKeys } from './keys';

/** Builds a UTM link without saving it; the backend normalises the values and refuses a malformed base URL. */
export function previewLink(baseUrl: string, params: UTMParams): Promise<UTMLink> {
  return call<UTMLink>('Creators', 'PreviewLink', baseUrl, params);
}

/**
 * The builder shows a failure itself, next to the field; it is not retried, since the same input
 * fails the same way. Nothing is asked while `enabled` is false (a URL the page already refuses).
 */
export function useLinkPreview(baseUrl: string, params: UTMParams, enabled: boolean) {
  return useQuery({
    queryKey: creatorKeys.linkPreview(baseUrl, params),
    queryFn: () => previewLink(baseUrl, params),
    enabled,
    retry: false,
    placeholderData: keepPreviousData,
    meta: { inlineError: true },
  });
}
