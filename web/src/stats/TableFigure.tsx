import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../src/standard/languages';
import type { StatTableView } from './api';
import { downloadCsv } from './charts/download';
import { StatChart } from './charts/index';
import { inSentence, pick, useChartLabels, useLanguage } from './labels';
import { StatTable } from './StatTable';
import { chartKindFor, chartTable, fileNameOf, suppressionCounts, tableCsv } from './table-model';

/** A table's title: its own, or what it counts and by what. */
export function useTableTitle(table: StatTableView, language: Language): string {
  const { t } = useTranslation();
  if (table.title) return table.title;
  return t('stats.tableTitle', {
    measure: pick(table.measureLabel, language),
    dimensions: table.dimensions.map((d) => inSentence(pick(d.label, language))).join(' × '),
  });
}

export interface TableFigureProps {
  table: StatTableView;
  /** Heading level of the table's title (3 by default). */
  order?: 3 | 4;
  /** Says how many cells were hidden, and why (release previews). */
  showSuppression?: boolean;
}

/**
 * One table of a release: its chart (when it has one or two dimensions), the table itself with
 * suppressed cells marked, and a CSV of every cell with its totals.
 */
export function TableFigure({ table, order = 3, showSuppression = false }: TableFigureProps) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const title = useTableTitle(table, language);
  const kind = chartKindFor(table);
  const labels = useChartLabels(pick(table.measureLabel, language));
  const chart = useMemo(() => chartTable(table, { title, language }), [table, title, language]);
  const fileName = fileNameOf(title);
  const csv = () =>
    downloadCsv(
      tableCsv(table, language, {
        total: t('stats.total'),
        value: pick(table.measureLabel, language),
        status: t('stats.status'),
        perHundredThousand: t('stats.per100k'),
        statusLabel: (status) => t(`stats.status_${status}`),
      }),
      fileName,
    );
  const counts = suppressionCounts(table);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Title order={order} size="h4">
            {title}
          </Title>
          <Button
            variant="default"
            size="xs"
            onClick={csv}
            aria-label={`${t('stats.downloadTable')}: ${title}`}
          >
            {t('stats.downloadTable')}
          </Button>
        </Group>
        {showSuppression ? (
          <Text size="sm" role="note">
            {t('stats.suppressionSummary', counts)}
          </Text>
        ) : null}
        {table.roundingBase > 1 ? (
          <Text size="sm" c="dimmed">
            {t('stats.rounded', { base: table.roundingBase })}
          </Text>
        ) : null}
        {table.method === 'differential-privacy' ? (
          <Text size="sm" c="dimmed">
            {t('stats.noisy', { epsilon: table.epsilon ?? '' })}
          </Text>
        ) : null}
        {kind ? (
          <StatChart kind={kind} table={chart} labels={labels} fileName={fileName} locale={i18n.language} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('stats.noChart')}
          </Text>
        )}
        <StatTable table={table} caption={title} hideCaption />
      </Stack>
    </Paper>
  );
}
