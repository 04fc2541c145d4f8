/** The query parameter naming the account whose reconnect dialog is open (the shell's banner links to it). */
export const RECONNECT_PARAM = 'reconnect';
