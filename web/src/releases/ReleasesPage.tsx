import { Alert, Anchor, Badge, Box, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionView } from '../api/session';
import { useFlash } from '../records/flash';
import { canComposeReleases } from '../stats/permissions';
import { EmptyNote, ErrorNote, Loading } from '../stats/QueryState';
import { type ReleaseStatus, type ReleaseSummary, useMyReleases } from './api';

/** A release's state: a draft (still private) or published (public, frozen). */
export function ReleaseStatusBadge({ status }: { status: ReleaseStatus }) {
  const { t } = useTranslation();
  return (
    // A tint for the meaning, near-black text for contrast.
    <Badge color={status === 'published' ? 'green' : 'yellow'} variant="light" c="dark.9">
      {t(`releases.status_${status}`)}
    </Badge>
  );
}

/** The organisation's releases, drafts and published versions, with the way to start a new one. */
export function ReleasesPage({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const releases = useMyReleases();
  const mayCompose = canComposeReleases(session);
  const deleted = useFlash<{ notice?: string }>()?.notice === 'deleted';
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('releases.title')}</Title>
          <Text size="sm" c="dimmed">
            {mayCompose ? t('releases.introComposer') : t('releases.introReader')}
          </Text>
        </div>
        {mayCompose ? (
          <Button component={Link} to="/releases/new">
            {t('releases.new')}
          </Button>
        ) : null}
      </Group>
      {deleted ? (
        <Alert color="green" role="status">
          {t('releases.notice_deleted')}
        </Alert>
      ) : null}
      {releases.error ? <ErrorNote error={releases.error} /> : null}
      {releases.isPending ? <Loading /> : null}
      {releases.data?.length === 0 ? (
        <EmptyNote>{mayCompose ? t('releases.noneComposer') : t('releases.none')}</EmptyNote>
      ) : null}
      {releases.data && releases.data.length > 0 ? <ReleaseList items={releases.data} /> : null}
    </Stack>
  );
}

function ReleaseList({ items }: { items: ReleaseSummary[] }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(i18n.language) : '—');
  return (
    <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('releases.title')}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('releases.titleLabel')}</Table.Th>
            <Table.Th scope="col">{t('releases.version')}</Table.Th>
            <Table.Th scope="col">{t('releases.statusLabel')}</Table.Th>
            <Table.Th scope="col">{t('releases.method')}</Table.Th>
            <Table.Th scope="col">{t('releases.tableCount')}</Table.Th>
            <Table.Th scope="col">{t('releases.updated')}</Table.Th>
            <Table.Th scope="col">{t('releases.published')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/releases/${item.id}`}>
                  {item.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{item.version}</Table.Td>
              <Table.Td>
                <ReleaseStatusBadge status={item.status} />
              </Table.Td>
              <Table.Td>{t(`releases.method_${item.method}`, { defaultValue: item.method })}</Table.Td>
              <Table.Td>{item.tables}</Table.Td>
              <Table.Td>{when(item.updatedAt)}</Table.Td>
              <Table.Td>{when(item.publishedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
