import { Button, Group, MultiSelect, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeasureView } from '../stats/api';
import { pick, useLanguage } from '../stats/labels';
import { type FormProblems, maxDimensions, maxTables, newTable, type TableDraft } from './release-form';

export interface TableListEditorProps {
  tables: TableDraft[];
  measures: MeasureView[];
  onChange: (tables: TableDraft[]) => void;
  problems: FormProblems;
  disabled?: boolean;
}

/**
 * The tables of a release: for each, what it counts (a measure), by what (one to four of the measure's
 * dimensions, in order: the first is the chart's axis), and an optional title; tables can be added and
 * removed.
 */
export function TableListEditor({ tables, measures, onChange, problems, disabled }: TableListEditorProps) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<TableDraft>) =>
    onChange(tables.map((table, i) => (i === index ? { ...table, ...patch } : table)));
  return (
    <Stack gap="sm">
      {problems.tables ? (
        <Text c="red.8" size="sm" role="alert">
          {t(problems.tables)}
        </Text>
      ) : null}
      {tables.map((table, index) => (
        <TableRow
          key={table.key}
          index={index}
          table={table}
          measures={measures}
          problems={problems}
          disabled={disabled}
          onChange={(patch) => change(index, patch)}
          onRemove={tables.length > 1 ? () => onChange(tables.filter((_, i) => i !== index)) : undefined}
        />
      ))}
      <Group>
        <Button
          variant="default"
          onClick={() => onChange([...tables, newTable()])}
          disabled={disabled || tables.length >= maxTables}
        >
          {t('releases.addTable')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('releases.tablesHelp', { max: maxTables })}
        </Text>
      </Group>
    </Stack>
  );
}

interface TableRowProps {
  index: number;
  table: TableDraft;
  measures: MeasureView[];
  problems: FormProblems;
  disabled?: boolean;
  onChange: (patch: Partial<TableDraft>) => void;
  onRemove?: () => void;
}

function TableRow({ index, table, measures, problems, disabled, onChange, onRemove }: TableRowProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const measure = measures.find((m) => m.id === table.measure);
  const number = index + 1;
  const headingId = useId();
  const problem = (field: string) => {
    const key = problems[`tables.${index}.${field}`];
    return key ? t(key, { max: maxDimensions }) : undefined;
  };
  return (
    <Paper withBorder p="sm" role="group" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4} size="h5" id={headingId}>
            {t('releases.tableNumber', { number })}
          </Title>
          {onRemove ? (
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={onRemove}
              disabled={disabled}
              aria-label={t('releases.removeTableNumber', { number })}
            >
              {t('releases.removeTable')}
            </Button>
          ) : null}
        </Group>
        <Group align="flex-start" grow wrap="wrap">
          <Select
            label={t('releases.tableMeasure', { number })}
            data={measures.map((m) => ({ value: m.id, label: pick(m.label, language) }))}
            value={table.measure || null}
            onChange={(value) => value && onChange({ measure: value, by: ['year'], filters: undefined })}
            allowDeselect={false}
            error={problem('measure')}
            disabled={disabled}
            miw={240}
          />
          <MultiSelect
            label={t('releases.tableDimensions', { number })}
            description={t('releases.dimensionsHelp', { max: maxDimensions })}
            data={(measure?.dimensions ?? []).map((d) => ({ value: d.id, label: pick(d.label, language) }))}
            value={table.by}
            onChange={(by) => onChange({ by })}
            maxValues={maxDimensions}
            error={problem('by')}
            disabled={disabled}
            miw={260}
          />
        </Group>
        <TextInput
          label={t('releases.tableTitle', { number })}
          description={t('releases.tableTitleHelp')}
          value={table.title}
          onChange={(event) => onChange({ title: event.currentTarget.value })}
          maxLength={200}
          disabled={disabled}
        />
      </Stack>
    </Paper>
  );
}
