import { Group, Paper, Select, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeasureView } from './api';
import { pick, useLanguage } from './labels';

/** What the dashboard shows: a measure, a range of years, and (for some) exact small counts. */
export interface DashboardChoice {
  measure: string;
  from: string | null;
  to: string | null;
  exact: boolean;
}

export interface DashboardFiltersProps {
  measures: MeasureView[];
  /** The years with records of the measure, oldest first. */
  years: string[];
  choice: DashboardChoice;
  onChange: (change: Partial<DashboardChoice>) => void;
  /** Offers the exact-counts switch (data officers and analysts). */
  mayShowExact: boolean;
}

/** The dashboard's controls: measure (with what it counts), years from and to, and exact counts. */
export function DashboardFilters({ measures, years, choice, onChange, mayShowExact }: DashboardFiltersProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const measure = measures.find((m) => m.id === choice.measure);
  const yearOptions = years.map((y) => ({ value: y, label: y }));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('stats.measure')}
            data={measures.map((m) => ({ value: m.id, label: pick(m.label, language) }))}
            value={choice.measure}
            onChange={(value) => value && onChange({ measure: value, from: null, to: null })}
            allowDeselect={false}
            w={{ base: '100%', sm: 360 }}
          />
          <Select
            label={t('stats.fromYear')}
            placeholder={t('stats.firstYear')}
            data={yearOptions}
            value={choice.from}
            onChange={(value) => onChange({ from: value })}
            clearable
            disabled={years.length === 0}
            w={140}
          />
          <Select
            label={t('stats.toYear')}
            placeholder={t('stats.lastYear')}
            data={yearOptions}
            value={choice.to}
            onChange={(value) => onChange({ to: value })}
            clearable
            disabled={years.length === 0}
            w={140}
          />
        </Group>
        {measure ? (
          <Text size="sm" c="dimmed">
            {pick(measure.help, language)}
          </Text>
        ) : null}
        {mayShowExact ? (
          <Switch
            label={t('stats.exactToggle')}
            description={t('stats.exactToggleHelp')}
            checked={choice.exact}
            onChange={(event) => onChange({ exact: event.currentTarget.checked })}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}
