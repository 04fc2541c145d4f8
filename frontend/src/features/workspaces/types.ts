import type { backend } from '../../../wailsjs/go/models';

/** A workspace as the backend sends it: `modified_at` is RFC 3339 text. */
export type Workspace = Omit<backend.Workspace, 'convertValues' | 'modified_at'> & { modified_at: string };
