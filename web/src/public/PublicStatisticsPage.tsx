import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ReleaseSummary, usePublishedReleases } from '../releases/api';
import { countryLabel, useLanguage } from '../stats/labels';
import { EmptyNote, ErrorNote, Loading } from '../stats/QueryState';
import { RegionalView } from '../stats/RegionalView';

/**
 * Published statistics, for anyone: every organisation's published releases (what, who, where, when,
 * and how the figures were protected), and the regional map drawn from them.
 */
export function PublicStatisticsPage() {
  const { t } = useTranslation();
  const releases = usePublishedReleases();
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t('publicStats.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('publicStats.intro')}
        </Text>
      </div>
      <Stack component="section" aria-labelledby="releases-heading" gap="sm">
        <Title order={3} id="releases-heading">
          {t('publicStats.releases')}
        </Title>
        {releases.error ? <ErrorNote error={releases.error} /> : null}
        {releases.isPending ? <Loading /> : null}
        {releases.data?.length === 0 ? <EmptyNote>{t('publicStats.none')}</EmptyNote> : null}
        {releases.data && releases.data.length > 0 ? (
          <SimpleGrid cols={{ base: 1, md: 2 }} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {releases.data.map((release) => (
              <ReleaseCard key={release.id} release={release} />
            ))}
          </SimpleGrid>
        ) : null}
      </Stack>
      <Stack component="section" aria-labelledby="regional-heading" gap="sm">
        <Title order={3} id="regional-heading">
          {t('regional.title')}
        </Title>
        <RegionalView releaseLink={(id) => `/public/statistics/${id}`} />
      </Stack>
    </Stack>
  );
}

function ReleaseCard({ release }: { release: ReleaseSummary }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const published = release.publishedAt
    ? new Date(release.publishedAt).toLocaleDateString(i18n.language)
    : '';
  return (
    <Paper withBorder p="md" component="li">
      <Stack gap={6}>
        <Anchor component={Link} to={`/public/statistics/${release.id}`} fw={700}>
          {release.title}
        </Anchor>
        <Text size="sm">
          {release.organisation
            ? t('publicStats.publishedBy', {
                organisation: release.organisation.name,
                country: countryLabel(release.organisation.country, language),
              })
            : null}
        </Text>
        <Group gap="xs">
          <Text size="sm">{t('publicStats.publishedOn', { date: published })}</Text>
          <Badge variant="light" c="dark.9">
            {t('releases.versionN', { version: release.version })}
          </Badge>
          <Badge variant="light" color="gray" c="dark.9">
            {t('publicStats.tableCount', { tables: release.tables })}
          </Badge>
        </Group>
        {release.methodNote ? (
          <Text size="sm" c="dimmed" lineClamp={3}>
            {release.methodNote}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
