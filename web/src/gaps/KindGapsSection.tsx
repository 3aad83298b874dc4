import { Badge, Box, Group, List, Paper, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../src/standard/languages';
import { HeatMap, type HeatMapValue } from '../stats/charts/index';
import { inSentence, pick, useHeatMapLabels, useLanguage } from '../stats/labels';
import { EmptyNote } from '../stats/QueryState';
import type { FieldGap, KindGaps, Producible } from './api';

/**
 * The heat map's matrix: a row per field (HTCDS core ones marked), and two columns: the share of
 * records with the field filled in, and the share where it is known (filled, and not "unknown").
 */
export function completenessMatrix(
  fields: FieldGap[],
  language: Language,
  words: { filled: string; known: string; core: (label: string) => string },
) {
  const rows = fields.map((f) => ({
    code: f.path,
    label: f.core ? words.core(pick(f.label, language)) : pick(f.label, language),
  }));
  const columns = [
    { code: 'filled', label: words.filled },
    { code: 'known', label: words.known },
  ];
  const values: HeatMapValue[] = fields.flatMap((f) => [
    { row: f.path, column: 'filled', value: f.completeness },
    {
      row: f.path,
      column: 'known',
      value: f.completeness === null ? null : Math.max(0, f.completeness - (f.unknownShare ?? 0)),
    },
  ]);
  return { rows, columns, values };
}

const producibleColour: Record<Producible, string> = { yes: 'green', partly: 'yellow', no: 'red' };

/** Whether an indicator's breakdown can be produced: yes, partly, or no. */
function ProducibleBadge({ producible }: { producible: Producible }) {
  const { t } = useTranslation();
  return (
    <Badge color={producibleColour[producible]} variant="light" c="dark.9">
      {t(`gaps.producible_${producible}`)}
    </Badge>
  );
}

/**
 * One kind of record's assessment: how many records and how late they are entered, how complete each
 * field is (a heat map), which SDG and GCM breakdowns the records allow, and what to do next.
 */
export function KindGapsSection({ gaps, period }: { gaps: KindGaps; period: string }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [coreOnly, setCoreOnly] = useState(false);
  const hasCore = gaps.fields.some((f) => f.core);
  const fields = coreOnly ? gaps.fields.filter((f) => f.core) : gaps.fields;
  const kindLabel = t(`nav.${gaps.kind}`);
  const headingId = `gaps-${gaps.kind}`;
  const labels = useHeatMapLabels(t('gaps.field'), t('gaps.share'));
  const matrix = useMemo(
    () =>
      completenessMatrix(fields, language, {
        filled: t('gaps.filled'),
        known: t('gaps.known'),
        core: (label) => t('gaps.coreField', { label }),
      }),
    [fields, language, t],
  );
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack>
        <Title order={3} id={headingId}>
          {kindLabel}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={520}>
          <Figure
            label={t('gaps.records')}
            value={new Intl.NumberFormat(i18n.language).format(gaps.records)}
          />
          <Figure
            label={t('gaps.medianLag')}
            value={
              gaps.medianLagDays === null
                ? '—'
                : new Intl.NumberFormat(i18n.language).format(gaps.medianLagDays)
            }
            help={t('gaps.medianLagHelp')}
          />
        </SimpleGrid>
        {gaps.records === 0 ? (
          <EmptyNote>{t('gaps.noRecords', { period })}</EmptyNote>
        ) : (
          <>
            {hasCore ? (
              <Switch
                label={t('gaps.coreOnly')}
                checked={coreOnly}
                onChange={(event) => setCoreOnly(event.currentTarget.checked)}
              />
            ) : null}
            <Text size="sm" c="dimmed">
              {t('gaps.heatMapHelp')}
            </Text>
            <HeatMap
              title={t('gaps.heatMapTitle', { kind: inSentence(kindLabel), period })}
              rows={matrix.rows}
              columns={matrix.columns}
              values={matrix.values}
              labels={labels}
              fileName={`coral-completeness-${gaps.kind}-${period}`}
              locale={i18n.language}
            />
          </>
        )}
        <Title order={4}>{t('gaps.disaggregations')}</Title>
        {gaps.disaggregations.length === 0 ? (
          <Text size="sm">{t('gaps.noDisaggregations')}</Text>
        ) : (
          <Box
            style={{ overflowX: 'auto' }}
            tabIndex={0}
            role="region"
            aria-label={t('gaps.disaggregations')}
          >
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('gaps.framework')}</Table.Th>
                  <Table.Th scope="col">{t('gaps.breakdown')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('gaps.coverage')}
                  </Table.Th>
                  <Table.Th scope="col">{t('gaps.producible')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {gaps.disaggregations.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>{d.framework}</Table.Td>
                    <Table.Th scope="row" fw={400}>
                      {pick(d.label, language)}
                    </Table.Th>
                    <Table.Td ta="right">{d.coverage === null ? '—' : percent.format(d.coverage)}</Table.Td>
                    <Table.Td>
                      <ProducibleBadge producible={d.producible} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        )}
        <Title order={4}>{t('gaps.recommendations')}</Title>
        {gaps.recommendations.length === 0 ? (
          <Text size="sm">{t('gaps.noRecommendations')}</Text>
        ) : (
          <List spacing="xs" size="sm">
            {gaps.recommendations.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: recommendations have no id and never reorder
              <List.Item key={`${r.code}-${i}`}>{pick(r.message, language)}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}

function Figure({ label, value, help }: { label: string; value: string; help?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Group gap={4} align="baseline">
        <Text fz="xl" fw={700}>
          {value}
        </Text>
      </Group>
      {help ? (
        <Text size="xs" c="dimmed">
          {help}
        </Text>
      ) : null}
    </Paper>
  );
}
