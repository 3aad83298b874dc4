import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../releases/ConfirmDialog';
import { type ProjectView, useCloseProject, useRespond, useRunMatching } from './api';
import { LinkageError } from './LinkageParts';

/**
 * The organisation's invitation to a project: those who manage accept or decline it (once; declining
 * is asked about first), the others are told who answers.
 */
export function Invitation({ project }: { project: ProjectView }) {
  const { t } = useTranslation();
  const respond = useRespond(project.id);
  const [declining, setDeclining] = useState(false);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="invitation-heading">
      <Stack gap="sm">
        <Title order={3} id="invitation-heading">
          {t('linkage.invitationTitle')}
        </Title>
        <Text size="sm">{t('linkage.invitationHelp', { owner: project.owner.name })}</Text>
        {project.allowed.manage ? (
          <Group>
            <Button onClick={() => respond.mutate(true)} loading={respond.isPending && respond.variables}>
              {t('linkage.accept')}
            </Button>
            <Button variant="default" onClick={() => setDeclining(true)} disabled={respond.isPending}>
              {t('linkage.decline')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('linkage.invitationManagers')}
          </Text>
        )}
        {respond.error ? <LinkageError error={respond.error} /> : null}
      </Stack>
      <ConfirmDialog
        opened={declining}
        title={t('linkage.declineTitle')}
        confirm={t('linkage.decline')}
        danger
        busy={respond.isPending}
        onClose={() => setDeclining(false)}
        onConfirm={() => respond.mutate(false, { onSettled: () => setDeclining(false) })}
      >
        {t('linkage.declineWarning')}
      </ConfirmDialog>
    </Paper>
  );
}

/**
 * What those who manage a project do with it: run matching (asked first), and — the organisation that
 * set it up only — close it, which deletes every party's encodings (asked first).
 */
export function ProjectActions({ project, owner }: { project: ProjectView; owner: boolean }) {
  const { t } = useTranslation();
  const match = useRunMatching(project.id);
  const close = useCloseProject(project.id);
  const [dialog, setDialog] = useState<'match' | 'close' | null>(null);
  const ready = project.parties.filter((p) => p.status === 'accepted' && p.encodings > 0).length;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="manage-heading">
      <Stack gap="sm">
        <Title order={3} id="manage-heading">
          {t('linkage.manageTitle')}
        </Title>
        <Text size="sm">{t('linkage.matchHelp', { ready })}</Text>
        {match.data ? (
          <Alert color="green" role="status">
            {t('linkage.matchDone', { groups: match.data.groups })}
          </Alert>
        ) : null}
        {match.error ? <LinkageError error={match.error} /> : null}
        {close.error ? <LinkageError error={close.error} /> : null}
        <Group>
          <Button onClick={() => setDialog('match')} disabled={ready < 2}>
            {t('linkage.findMatches')}
          </Button>
          {owner ? (
            <Button variant="default" color="red.8" onClick={() => setDialog('close')}>
              {t('linkage.close')}
            </Button>
          ) : null}
        </Group>
      </Stack>
      <ConfirmDialog
        opened={dialog === 'match'}
        title={t('linkage.matchTitle')}
        confirm={t('linkage.matchConfirm')}
        busy={match.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() => match.mutate(undefined, { onSettled: () => setDialog(null) })}
      >
        {t('linkage.matchWarning')}
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === 'close'}
        title={t('linkage.closeTitle')}
        confirm={t('linkage.closeConfirm')}
        danger
        busy={close.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() => close.mutate(undefined, { onSettled: () => setDialog(null) })}
      >
        {t('linkage.closeWarning')}
      </ConfirmDialog>
    </Paper>
  );
}
