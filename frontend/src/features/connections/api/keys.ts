export const connectionKeys = {
  all: ['connections'] as const,
  /** The platforms the backend can connect; they never change while the app runs. */
  platforms: () => [...connectionKeys.all, 'platforms'] as const,
  accounts: () => [...connectionKeys.all, 'accounts'] as const,
};
