export const paths = {
  home: '/',
  settings: '/settings',
  workspaces: '/workspaces',
} as const;
