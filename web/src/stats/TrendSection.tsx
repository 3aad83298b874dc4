import { Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatTableView } from './api';
import { StatChart } from './charts/index';
import { inSentence, pick, useChartLabels, useLanguage } from './labels';
import { StatTable } from './StatTable';
import { chartTable, fileNameOf } from './table-model';

/**
 * The dashboard's trend: the measure by year (line) and, when the table splits it by sex, by year and
 * sex (stacked bars), then the same figures as a table.
 */
export function TrendSection({ table }: { table: StatTableView }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const measure = pick(table.measureLabel, language);
  const labels = useChartLabels(measure);
  const split = table.dimensions[1];
  const byYearTitle = t('stats.byYear', { measure });
  const bySplitTitle = t('stats.byYearAnd', { measure, dimension: inSentence(pick(split?.label, language)) });
  const byYear = useMemo(
    () => chartTable(table, { title: byYearTitle, language, keep: [0] }),
    [table, byYearTitle, language],
  );
  const bySplit = useMemo(
    () => (split ? chartTable(table, { title: bySplitTitle, language, keep: [0, 1] }) : null),
    [table, split, bySplitTitle, language],
  );
  return (
    <Stack component="section" aria-labelledby="trend-heading" gap="sm">
      <Title order={3} id="trend-heading">
        {t('stats.trend')}
      </Title>
      <SimpleGrid cols={{ base: 1, lg: bySplit ? 2 : 1 }}>
        <Paper withBorder p="sm">
          <StatChart
            kind="line"
            table={byYear}
            labels={labels}
            fileName={fileNameOf(byYearTitle)}
            locale={i18n.language}
          />
        </Paper>
        {bySplit ? (
          <Paper withBorder p="sm">
            <StatChart
              kind="stacked"
              table={bySplit}
              labels={labels}
              fileName={fileNameOf(bySplitTitle)}
              locale={i18n.language}
            />
          </Paper>
        ) : null}
      </SimpleGrid>
      <StatTable table={table} caption={split ? bySplitTitle : byYearTitle} />
    </Stack>
  );
}
