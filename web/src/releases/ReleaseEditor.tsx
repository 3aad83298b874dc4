import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMeasures } from '../stats/api';
import { ErrorNote, Loading } from '../stats/QueryState';
import {
  type ReleaseView,
  useCreateRelease,
  useDeleteRelease,
  usePreviewRelease,
  usePublishRelease,
  useUpdateRelease,
} from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { ReleaseFormFields } from './ReleaseFormFields';
import { ReleasePreview } from './ReleasePreview';
import { ReleaseStatusBadge } from './ReleasesPage';
import { type FormProblems, formOf, formProblems, inputOf, type ReleaseForm } from './release-form';

/**
 * Composing a release: a new one (saved as a draft) or a draft (saved, previewed, published or
 * deleted). Preview and publish save unsaved changes first, so what is previewed is what is stored.
 */
export function ReleaseEditor({ release }: { release?: ReleaseView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const measures = useMeasures();
  const [form, setForm] = useState<ReleaseForm>(() => formOf(release));
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<FormProblems>({});
  const [saved, setSaved] = useState(false);
  const [dialog, setDialog] = useState<'publish' | 'delete' | null>(null);
  const id = release?.id ?? '';
  const create = useCreateRelease();
  const update = useUpdateRelease(id);
  const preview = usePreviewRelease(id);
  const publish = usePublishRelease(id);
  const remove = useDeleteRelease(id);
  const busy =
    create.isPending || update.isPending || preview.isPending || publish.isPending || remove.isPending;
  const failure = create.error ?? update.error ?? preview.error ?? publish.error ?? remove.error;

  const change = (patch: Partial<ReleaseForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setDirty(true);
    setSaved(false);
    preview.reset();
  };

  /** Saves when needed; false when the form has problems or the server refused it. */
  const save = async (): Promise<boolean> => {
    const found = formProblems(form);
    setProblems(found);
    if (Object.keys(found).length > 0) return false;
    try {
      if (!release) {
        const created = await create.mutateAsync(inputOf(form));
        navigate(`/releases/${created.id}`, { replace: true, state: { notice: 'created' } });
        return false;
      }
      if (dirty) await update.mutateAsync(inputOf(form));
      setDirty(false);
      return true;
    } catch {
      return false;
    }
  };

  const run = (action: () => Promise<unknown>) => async () => {
    setSaved(false);
    if (await save()) await action().catch(() => undefined);
  };

  const confirmPublish = async () => {
    setSaved(false);
    try {
      if (await save()) {
        await publish.mutateAsync();
        navigate(`/releases/${id}`, { replace: true, state: { notice: 'published' } });
      }
    } catch {
      // Shown by ErrorNote from the mutation's error.
    }
    setDialog(null);
  };

  const confirmDelete = async () => {
    try {
      await remove.mutateAsync();
      navigate('/releases', { replace: true, state: { notice: 'deleted' } });
    } catch {
      setDialog(null);
    }
  };

  return (
    <Stack maw={1100}>
      <Anchor component={Link} to="/releases" size="sm">
        {t('releases.back')}
      </Anchor>
      <Group justify="space-between" align="center">
        <Title order={2}>{release ? release.title : t('releases.newTitle')}</Title>
        {release ? (
          <Group gap="xs">
            <ReleaseStatusBadge status={release.status} />
            <Text size="sm">{t('releases.versionN', { version: release.version })}</Text>
          </Group>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {release ? t('releases.draftHelp') : t('releases.newHelp')}
      </Text>
      {measures.error ? <ErrorNote error={measures.error} /> : null}
      {measures.isPending ? <Loading /> : null}
      {measures.data ? (
        <ReleaseFormFields
          form={form}
          measures={measures.data}
          onChange={change}
          problems={problems}
          disabled={busy}
        />
      ) : null}
      {Object.keys(problems).length > 0 ? (
        <Alert color="red" role="alert">
          {t('releases.problems')}
        </Alert>
      ) : null}
      {failure ? <ErrorNote error={failure} /> : null}
      {saved ? (
        <Alert color="green" role="status">
          {t('releases.saved')}
        </Alert>
      ) : null}
      <Group>
        <Button
          onClick={async () => setSaved(await save())}
          loading={create.isPending || update.isPending}
          disabled={busy}
        >
          {release ? t('releases.save') : t('releases.saveDraft')}
        </Button>
        {release ? (
          <>
            <Button
              variant="default"
              onClick={run(() => preview.mutateAsync())}
              loading={preview.isPending}
              disabled={busy}
            >
              {t('releases.preview')}
            </Button>
            <Button variant="filled" color="green.9" onClick={() => setDialog('publish')} disabled={busy}>
              {t('releases.publish')}
            </Button>
            <Button variant="subtle" color="red.8" onClick={() => setDialog('delete')} disabled={busy}>
              {t('releases.deleteDraft')}
            </Button>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('releases.saveFirst')}
          </Text>
        )}
      </Group>
      {preview.data ? <ReleasePreview content={preview.data} method={form.method} /> : null}
      <ConfirmDialog
        opened={dialog === 'publish'}
        title={t('releases.publishTitle')}
        confirm={t('releases.publishConfirm')}
        busy={publish.isPending || update.isPending}
        onClose={() => setDialog(null)}
        onConfirm={confirmPublish}
      >
        <Text size="sm">{t('releases.publishWarning')}</Text>
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === 'delete'}
        title={t('releases.deleteTitle')}
        confirm={t('releases.deleteConfirm')}
        busy={remove.isPending}
        danger
        onClose={() => setDialog(null)}
        onConfirm={confirmDelete}
      >
        <Text size="sm">{t('releases.deleteWarning')}</Text>
      </ConfirmDialog>
    </Stack>
  );
}
