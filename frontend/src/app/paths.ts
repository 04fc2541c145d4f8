export const paths = {
  inbox: '/',
  home: '/home',
  approvals: '/approvals',
  templates: '/templates',
  triage: '/triage',
  audit: '/audit',
  settings: '/settings',
  settingsReplies: '/settings/replies',
  settingsModel: '/settings/model',
  workspaces: '/workspaces',
} as const;
