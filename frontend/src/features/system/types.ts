import type { backend } from '../../../wailsjs/go/models';

export type Transport = 'desktop' | 'server';

export type SystemInfo = Omit<backend.SystemInfo, 'convertValues' | 'paths' | 'transport'> & {
  transport: Transport;
  paths: backend.Paths;
};
