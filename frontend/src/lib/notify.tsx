import { Button, Group, Text } from '@mantine/core';
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

/** A success with an action that takes it back (the notification closes when it is clicked). */
export function notifyUndoable(message: string, undoLabel: string, onUndo: () => void): void {
  const id = notifications.show({
    color: 'teal',
    autoClose: 8_000,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{message}</Text>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => {
            notifications.hide(id);
            onUndo();
          }}
        >
          {undoLabel}
        </Button>
      </Group>
    ),
  });
}
