import type { backend } from '../../../wailsjs/go/models';

export type ModelPreset = Omit<backend.ModelPreset, 'convertValues'>;

/** `has_key` is read-only: whether an API key is stored in the OS keyring. The key itself never comes back. */
export type ModelSettings = Omit<backend.ModelSettings, 'convertValues'>;

export interface ModelCheck {
  /** The models the server offers, when it says. */
  models: string[] | null;
  model_found: boolean;
}

/** The preset id for settings filled by hand. */
export const CUSTOM_PRESET = 'custom';

/** Limits of backend/model.go. */
export const MAX_BRAND_VOICE_CHARS = 2000;
export const MAX_TIMEOUT_SECONDS = 600;
