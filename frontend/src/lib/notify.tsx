import { notifications } from '@mantine/notifications';
import { describeError } from './errors';
import { i18n } from './i18n';

/** Shows a failed call as a notification: the translated code as title, the translated message. */
export function notifyError(error: unknown): void {
  const { title, message } = describeError(error, i18n);
  notifications.show({ color: 'red', title, message, autoClose: 8_000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4_000 });
}
