import { Group, NumberInput, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeasureView } from '../stats/api';
import type { FormProblems, ReleaseForm } from './release-form';
import { TableListEditor } from './TableListEditor';

export interface ReleaseFormFieldsProps {
  form: ReleaseForm;
  measures: MeasureView[];
  onChange: (patch: Partial<ReleaseForm>) => void;
  /** Problems to show, by field; translation keys. */
  problems: FormProblems;
  disabled?: boolean;
}

/**
 * A draft release's fields: its title; how figures are protected (suppression with a threshold and
 * rounding, or differential privacy with ε per table and a budget); the years it covers; the note
 * readers see about the method; and its tables.
 */
export function ReleaseFormFields({ form, measures, onChange, problems, disabled }: ReleaseFormFieldsProps) {
  const { t } = useTranslation();
  const problem = (field: string) => (problems[field] ? t(problems[field]) : undefined);
  const dp = form.method === 'differential-privacy';
  return (
    <Stack>
      <TextInput
        label={t('releases.titleLabel')}
        description={t('releases.titleHelp')}
        value={form.title}
        onChange={(event) => onChange({ title: event.currentTarget.value })}
        error={problem('title')}
        required
        maxLength={200}
        disabled={disabled}
      />
      <Paper withBorder p="md" component="section" aria-labelledby="method-heading">
        <Stack gap="sm">
          <Title order={3} size="h4" id="method-heading">
            {t('releases.protection')}
          </Title>
          <Radio.Group
            label={t('releases.method')}
            value={form.method}
            onChange={(value) =>
              onChange({ method: value === 'differential-privacy' ? value : 'suppression' })
            }
          >
            <Stack gap="xs" mt="xs">
              <Radio
                value="suppression"
                label={t('releases.method_suppression')}
                description={t('releases.suppressionHelp')}
                disabled={disabled}
              />
              <Radio
                value="differential-privacy"
                label={t('releases.method_differential-privacy')}
                description={t('releases.dpHelp')}
                disabled={disabled}
              />
            </Stack>
          </Radio.Group>
          <Group align="flex-start" wrap="wrap">
            {dp ? (
              <>
                <TextInput
                  label={t('releases.epsilonPerTable')}
                  description={t('releases.epsilonPerTableHelp')}
                  placeholder="0.5"
                  value={form.epsilonPerTable}
                  onChange={(event) => onChange({ epsilonPerTable: event.currentTarget.value })}
                  error={problem('epsilonPerTable')}
                  disabled={disabled}
                  w={220}
                />
                <TextInput
                  label={t('releases.epsilonBudget')}
                  description={t('releases.epsilonBudgetHelp')}
                  placeholder="2"
                  value={form.epsilonBudget}
                  onChange={(event) => onChange({ epsilonBudget: event.currentTarget.value })}
                  error={problem('epsilonBudget')}
                  disabled={disabled}
                  w={220}
                />
              </>
            ) : (
              <NumberInput
                label={t('releases.threshold')}
                description={t('releases.thresholdHelp')}
                min={3}
                max={100}
                allowDecimal={false}
                value={form.threshold}
                onChange={(value) => onChange({ threshold: value })}
                error={problem('threshold')}
                disabled={disabled}
                w={220}
              />
            )}
            <NumberInput
              label={t('releases.roundingBase')}
              description={t('releases.roundingHelp')}
              min={1}
              max={100}
              allowDecimal={false}
              value={form.roundingBase}
              onChange={(value) => onChange({ roundingBase: value })}
              error={problem('roundingBase')}
              disabled={disabled}
              w={220}
            />
          </Group>
          <Group align="flex-start" wrap="wrap">
            <NumberInput
              label={t('releases.periodFrom')}
              min={1900}
              max={2100}
              allowDecimal={false}
              value={form.periodFrom}
              onChange={(value) => onChange({ periodFrom: value })}
              error={problem('period')}
              disabled={disabled}
              w={160}
            />
            <NumberInput
              label={t('releases.periodTo')}
              min={1900}
              max={2100}
              allowDecimal={false}
              value={form.periodTo}
              onChange={(value) => onChange({ periodTo: value })}
              disabled={disabled}
              w={160}
            />
            <Text size="sm" c="dimmed" maw={360} mt={28}>
              {t('releases.periodHelp')}
            </Text>
          </Group>
          <Textarea
            label={t('releases.methodNote')}
            description={t('releases.methodNoteHelp')}
            value={form.methodNote}
            onChange={(event) => onChange({ methodNote: event.currentTarget.value })}
            autosize
            minRows={3}
            maxLength={10_000}
            disabled={disabled}
          />
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="tables-heading">
        <Stack gap="sm">
          <Title order={3} size="h4" id="tables-heading">
            {t('releases.tables')}
          </Title>
          <TableListEditor
            tables={form.tables}
            measures={measures}
            onChange={(tables) => onChange({ tables })}
            problems={problems}
            disabled={disabled}
          />
        </Stack>
      </Paper>
    </Stack>
  );
}
