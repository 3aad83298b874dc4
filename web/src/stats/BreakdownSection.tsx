import { Group, Paper, Select, Stack, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeasureView, StatTableView } from './api';
import { StatChart } from './charts/index';
import { breakdownDimensionsOf } from './dashboard-model';
import { inSentence, pick, useChartLabels, useLanguage } from './labels';
import { ErrorNote, Loading } from './QueryState';
import { StatTable } from './StatTable';
import { chartTable, fileNameOf } from './table-model';

export interface BreakdownSectionProps {
  measure: MeasureView;
  dimension: string;
  onDimension: (dimension: string) => void;
  table: StatTableView | undefined;
  pending: boolean;
  error: unknown;
}

/** The measure by one chosen dimension (form of exploitation first): bars, then the same as a table. */
export function BreakdownSection({
  measure,
  dimension,
  onDimension,
  table,
  pending,
  error,
}: BreakdownSectionProps) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const measureLabel = pick(measure.label, language);
  const dimensionLabel = inSentence(
    pick(measure.dimensions.find((d) => d.id === dimension)?.label, language),
  );
  const title = t('stats.byDimension', { measure: measureLabel, dimension: dimensionLabel });
  const labels = useChartLabels(measureLabel);
  const chart = useMemo(
    () => (table ? chartTable(table, { title, language }) : null),
    [table, title, language],
  );
  return (
    <Stack component="section" aria-labelledby="breakdown-heading" gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={3} id="breakdown-heading">
          {t('stats.breakdown')}
        </Title>
        <Select
          label={t('stats.breakdownBy')}
          data={breakdownDimensionsOf(measure).map((d) => ({ value: d.id, label: pick(d.label, language) }))}
          value={dimension}
          onChange={(value) => value && onDimension(value)}
          allowDeselect={false}
          w={{ base: '100%', sm: 300 }}
        />
      </Group>
      {error ? <ErrorNote error={error} /> : null}
      {pending && !table ? <Loading /> : null}
      {table && chart ? (
        <>
          <Paper withBorder p="sm">
            <StatChart
              kind="bar"
              table={chart}
              labels={labels}
              fileName={fileNameOf(title)}
              locale={i18n.language}
            />
          </Paper>
          <StatTable table={table} caption={title} />
        </>
      ) : null}
    </Stack>
  );
}
