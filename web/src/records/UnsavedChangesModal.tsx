import { Button, Group, Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Blocker } from 'react-router';

/** Asks before leaving a form with unsaved changes. */
export function UnsavedChangesModal({ blocker }: { blocker: Blocker }) {
  const { t } = useTranslation();
  if (blocker.state !== 'blocked') return null;
  return (
    <Modal opened onClose={() => blocker.reset()} title={t('records.unsaved')} centered>
      <Group>
        <Button color="red.8" onClick={() => blocker.proceed()}>
          {t('records.leave')}
        </Button>
        <Button variant="default" onClick={() => blocker.reset()}>
          {t('records.stay')}
        </Button>
      </Group>
    </Modal>
  );
}
