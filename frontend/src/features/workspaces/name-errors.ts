/** Whether a backend error key is about a workspace name, so that it belongs on the name field. */
export function isWorkspaceNameKey(key: string): boolean {
  return key.startsWith('workspace_name_') || key === 'workspace_exists';
}
