export const paths = {
  inbox: '/',
  home: '/home',
  triage: '/triage',
  settings: '/settings',
  workspaces: '/workspaces',
} as const;
