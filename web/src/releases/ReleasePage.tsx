import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SessionView } from '../api/session';
import { useFlash } from '../records/flash';
import { canComposeReleases } from '../stats/permissions';
import { EmptyNote, ErrorNote, Loading } from '../stats/QueryState';
import { type ReleaseView, useMyReleases, useRelease, useReviseRelease } from './api';
import { ReleaseDocument } from './ReleaseDocument';
import { ReleaseEditor } from './ReleaseEditor';
import { ReleaseStatusBadge } from './ReleasesPage';

/**
 * A release of the organisation: a draft opens in the editor (for those who compose releases); a
 * published version is read-only, with the way to start its next version.
 */
export function ReleasePage({ id, session }: { id: string | undefined; session: SessionView }) {
  const { t } = useTranslation();
  const mayCompose = canComposeReleases(session);
  const release = useRelease(id);
  if (!id) {
    return mayCompose ? <ReleaseEditor /> : <EmptyNote>{t('releases.composeForbidden')}</EmptyNote>;
  }
  if (release.isPending) return <Loading />;
  if (release.error || !release.data) {
    return (
      <Stack>
        <Anchor component={Link} to="/releases" size="sm">
          {t('releases.back')}
        </Anchor>
        <ErrorNote error={release.error} />
      </Stack>
    );
  }
  if (release.data.status === 'draft') {
    return (
      <Stack>
        <Notice />
        {mayCompose ? (
          <ReleaseEditor key={release.data.id} release={release.data} />
        ) : (
          <EmptyNote>{t('releases.composeForbidden')}</EmptyNote>
        )}
      </Stack>
    );
  }
  return <PublishedRelease release={release.data} mayCompose={mayCompose} />;
}

/** What just happened, passed on by the page that sent us here. */
function Notice() {
  const { t } = useTranslation();
  const notice = useFlash<{ notice?: string }>()?.notice;
  if (notice !== 'created' && notice !== 'published' && notice !== 'revised') return null;
  return (
    <Alert color="green" role="status">
      {t(`releases.notice_${notice}`)}
    </Alert>
  );
}

function PublishedRelease({ release, mayCompose }: { release: ReleaseView; mayCompose: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mine = useMyReleases();
  const revise = useReviseRelease(release.id);
  const own = mine.data?.some((r) => r.id === release.id) ?? false;
  const newerDraft = mine.data?.find((r) => r.series === release.series && r.status === 'draft');
  const startRevision = () =>
    revise.mutate(undefined, {
      onSuccess: (draft) => navigate(`/releases/${draft.id}`, { state: { notice: 'revised' } }),
    });
  return (
    <Stack maw={1100}>
      <Anchor component={Link} to="/releases" size="sm">
        {t('releases.back')}
      </Anchor>
      <Notice />
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Title order={2}>{release.title}</Title>
          <ReleaseStatusBadge status={release.status} />
        </Group>
        <Group gap="sm">
          <Button component={Link} to={`/public/statistics/${release.id}`} variant="default">
            {t('releases.viewPublic')}
          </Button>
          {mayCompose && own && !newerDraft ? (
            <Button onClick={startRevision} loading={revise.isPending}>
              {t('releases.revise')}
            </Button>
          ) : null}
          {mayCompose && newerDraft ? (
            <Button component={Link} to={`/releases/${newerDraft.id}`} variant="default">
              {t('releases.openDraft', { version: newerDraft.version })}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {mayCompose && own ? t('releases.publishedHelp') : t('releases.publishedReadOnly')}
      </Text>
      {revise.error ? <ErrorNote error={revise.error} /> : null}
      <ReleaseDocument release={release} />
    </Stack>
  );
}
