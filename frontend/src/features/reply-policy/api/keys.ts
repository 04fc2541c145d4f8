export const replySettingsKeys = {
  all: ['reply-settings'] as const,
  current: () => [...replySettingsKeys.all, 'current'] as const,
};
