export const modelKeys = {
  all: ['model'] as const,
  settings: () => [...modelKeys.all, 'settings'] as const,
  presets: () => [...modelKeys.all, 'presets'] as const,
};
