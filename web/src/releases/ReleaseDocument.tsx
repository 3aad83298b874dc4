import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { countryLabel, useLanguage } from '../stats/labels';
import { TableFigure } from '../stats/TableFigure';
import { glotipUrl, microdataUrl, type ReleaseView } from './api';

/** Who published a release and where, when the page knows it. */
export interface ReleasePublisher {
  name: string;
  country: string;
}

/**
 * A published release as readers see it: what it is, who published it and when, how its figures were
 * made and protected (the method note), then every table as a chart and a table with downloads.
 */
export function ReleaseDocument({
  release,
  publisher,
}: {
  release: ReleaseView;
  publisher?: ReleasePublisher;
}) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const by = publisher ?? release.organisation;
  const published = release.publishedAt
    ? new Date(release.publishedAt).toLocaleDateString(i18n.language)
    : null;
  const tables = release.content?.tables ?? [];
  return (
    <Stack>
      <Group gap="lg" wrap="wrap">
        {by ? (
          <Text size="sm">
            {t('publicStats.publishedBy', {
              organisation: by.name,
              country: countryLabel(by.country, language),
            })}
          </Text>
        ) : null}
        {published ? <Text size="sm">{t('publicStats.publishedOn', { date: published })}</Text> : null}
        <Text size="sm">{t('releases.versionN', { version: release.version })}</Text>
        <Text size="sm">{t(`releases.method_${release.spec.method}`)}</Text>
        {release.status === 'published' ? (
          <Button component="a" href={glotipUrl(release.id)} download variant="default" size="xs">
            {t('publicStats.glotipDownload')}
          </Button>
        ) : null}
      </Group>
      <Paper withBorder p="md" component="section" aria-labelledby="method-note-heading">
        <Title order={3} size="h4" id="method-note-heading" mb="xs">
          {t('publicStats.methodNote')}
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {release.spec.methodNote || t('publicStats.noMethodNote')}
        </Text>
        <Text size="sm" c="dimmed" mt="xs">
          {release.spec.method === 'suppression'
            ? t('publicStats.suppressionExplained', { threshold: release.spec.threshold })
            : t('publicStats.dpExplained')}
        </Text>
        {release.content?.populationSource ? (
          <Text size="xs" c="dimmed" mt="xs">
            {t('publicStats.populationSource', { source: release.content.populationSource })}
          </Text>
        ) : null}
      </Paper>
      {release.content?.microdata ? (
        <Paper withBorder p="md" component="section" aria-labelledby="microdata-heading">
          <Title order={3} size="h4" id="microdata-heading" mb="xs">
            {t('publicStats.microdata')}
          </Title>
          <Text size="sm">
            {t('publicStats.microdataHelp', {
              rows: release.content.microdata.report.releasedRows,
              k: release.content.microdata.report.k,
            })}
          </Text>
          <Button component="a" href={microdataUrl(release.id)} download variant="default" size="xs" mt="xs">
            {t('publicStats.microdataDownload')}
          </Button>
        </Paper>
      ) : null}
      {tables.map((table, index) => (
        // A release's tables are frozen: their place is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list never changes order
        <TableFigure key={index} table={table} />
      ))}
    </Stack>
  );
}
