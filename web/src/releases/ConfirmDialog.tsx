import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  /** The confirming button's words, e.g. "Publish". */
  confirm: string;
  onConfirm: () => void;
  onClose: () => void;
  /** Shown while the action runs: the dialog stays open and its buttons wait. */
  busy?: boolean;
  /** Red for actions that destroy something. */
  danger?: boolean;
}

/**
 * Asks before an action that cannot be undone (publishing, deleting). Cancel is focused first, so a
 * stray Enter does not confirm; Escape closes.
 */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirm,
  onConfirm,
  onClose,
  busy = false,
  danger = false,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={busy ? () => undefined : onClose} title={title} centered>
      <Stack>
        <Text size="sm" component="div">
          {children}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
            {t('releases.cancel')}
          </Button>
          <Button color={danger ? 'red.8' : undefined} onClick={onConfirm} loading={busy}>
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
