import type { ReactNode } from 'react';
import { useTokenState } from '@/lib/token';
import { isDesktop } from '@/lib/transport';
import { TokenScreen } from './token-screen';

/** In a browser, the app needs the access token of `tend serve`; the desktop window needs none. */
export function AccessGate({ children }: { children: ReactNode }) {
  const { token, rejected } = useTokenState();
  if (isDesktop() || token !== null) return children;
  return <TokenScreen rejected={rejected} />;
}
