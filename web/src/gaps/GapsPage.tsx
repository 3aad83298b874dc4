import { Alert, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../api/session';
import { canSeeGaps } from '../stats/permissions';
import { EmptyNote, ErrorNote, Loading } from '../stats/QueryState';
import { gapsReportUrl, useGaps } from './api';
import { KindGapsSection } from './KindGapsSection';

/** The years a period may start or end in: the last thirty, newest first. */
export function periodYears(now: Date = new Date()): string[] {
  const current = now.getFullYear();
  return Array.from({ length: 31 }, (_, i) => String(current - i));
}

/**
 * The data-gap assessment of the organisation's records: for trafficking cases and smuggling incidents
 * of a period (the last five years at first), completeness, timeliness and "unknown" answers field by
 * field, which SDG and GCM breakdowns can be produced, what to do next, and the report to download.
 */
export function GapsPage({ session }: { session: SessionView }) {
  const { t, i18n } = useTranslation();
  const years = useMemo(() => periodYears(), []);
  const current = Number(years[0]);
  const [from, setFrom] = useState(current - 4);
  const [to, setTo] = useState(current);
  const valid = from <= to;
  const allowed = canSeeGaps(session);
  const gaps = useGaps(from, to, allowed && valid);
  if (!allowed) return <EmptyNote>{t('gaps.forbidden')}</EmptyNote>;
  const period = `${gaps.data?.period.from ?? from}–${gaps.data?.period.to ?? to}`;
  const report = (format: 'markdown' | 'csv') => gapsReportUrl({ from, to, format, language: i18n.language });
  return (
    <Stack maw={1100}>
      <div>
        <Title order={2}>{t('gaps.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('gaps.intro')}
        </Text>
      </div>
      <Paper withBorder p="md">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('gaps.from')}
            data={years}
            value={String(from)}
            onChange={(value) => value && setFrom(Number(value))}
            allowDeselect={false}
            w={140}
          />
          <Select
            label={t('gaps.to')}
            data={years}
            value={String(to)}
            onChange={(value) => value && setTo(Number(value))}
            allowDeselect={false}
            w={140}
          />
          {valid ? (
            <>
              <Button component="a" href={report('markdown')} download variant="default">
                {t('gaps.downloadMarkdown')}
              </Button>
              <Button component="a" href={report('csv')} download variant="default">
                {t('gaps.downloadCsv')}
              </Button>
            </>
          ) : null}
        </Group>
        {valid ? null : (
          <Text c="red.8" size="sm" mt="xs" role="alert">
            {t('gaps.periodProblem')}
          </Text>
        )}
      </Paper>
      {gaps.error ? <ErrorNote error={gaps.error} /> : null}
      {gaps.isPending && valid ? <Loading label={t('gaps.loading')} /> : null}
      {gaps.isFetching && gaps.data ? (
        <Alert color="gray" role="status">
          {t('gaps.updating')}
        </Alert>
      ) : null}
      {gaps.data?.kinds.map((kind) => (
        <KindGapsSection key={kind.kind} gaps={kind} period={period} />
      ))}
    </Stack>
  );
}
