import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';

/**
 * Guards closing an editor whose changes are not saved: the editor reports whether it has any
 * (onDirtyChange); requestClose closes at once when it has none, else asks (confirming).
 */
export function useDiscardGuard(onClose: () => void) {
  const dirty = useRef(false);
  const [confirming, setConfirming] = useState(false);
  const onDirtyChange = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);
  return {
    onDirtyChange,
    confirming,
    requestClose: () => {
      if (dirty.current) setConfirming(true);
      else onClose();
    },
    keepEditing: () => setConfirming(false),
    discard: () => {
      setConfirming(false);
      dirty.current = false;
      onClose();
    },
  };
}

export interface DiscardChangesModalProps {
  guard: ReturnType<typeof useDiscardGuard>;
  /** The editor's own words: what is lost, and the two choices. */
  text: { title: string; message: string; keepEditing: string; discard: string };
}

/** Asks whether to drop an editor's unsaved changes, over the drawer it sits in. */
export function DiscardChangesModal({ guard, text }: DiscardChangesModalProps) {
  return (
    <Modal opened={guard.confirming} onClose={guard.keepEditing} title={text.title} centered size="sm" zIndex={400}>
      <Stack gap="md">
        <Text size="sm">{text.message}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={guard.keepEditing} data-autofocus>
            {text.keepEditing}
          </Button>
          <Button color="red" onClick={guard.discard}>
            {text.discard}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
