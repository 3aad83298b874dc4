import { Anchor, Box, Grid, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Language } from '../../../src/standard/languages';
import { type RegionalFigure, useMeasures, useRegional, useRegionalYears } from './api';
import { CaribbeanMap, type MapFigure } from './charts/index';
import { countryLabel, pick, useLanguage, useMapLabels } from './labels';
import { EmptyNote, ErrorNote, Loading } from './QueryState';

/** The years the regional view offers when nothing is published yet: the last twelve, newest first. */
export function regionalYears(now: Date = new Date()): string[] {
  const current = now.getFullYear();
  return Array.from({ length: 12 }, (_, i) => String(current - i));
}

/** The regional figures as the map takes them: by country code, named in the page's language. */
export function mapValues(figures: RegionalFigure[], language: Language): Record<string, MapFigure> {
  return Object.fromEntries(
    figures.map((f) => [
      f.country,
      { value: f.value, suppressed: f.suppressed, label: countryLabel(f.country, language) },
    ]),
  );
}

/**
 * The Caribbean at a glance: for a measure and a year, each country's latest published figure on a
 * map, and the same figures in a table beside it (for keyboards and screen readers), each linked to the
 * release it comes from. Only published releases feed it, so it needs no sign-in.
 */
export function RegionalView({ releaseLink }: { releaseLink: (releaseId: string) => string }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const measures = useMeasures();
  const [measureId, setMeasureId] = useState('victims');
  const published = useRegionalYears(measureId);
  // The years that have published figures, else the last twelve; the newest with figures first.
  const years = useMemo(() => (published.data?.length ? published.data : regionalYears()), [published.data]);
  const [chosenYear, setYear] = useState<string | null>(null);
  const year = chosenYear && years.includes(chosenYear) ? chosenYear : (years[0] ?? '');
  const regional = useRegional(measureId, year);
  const measure = measures.data?.find((m) => m.id === measureId);
  const measureLabel = pick(measure?.label, language);
  const labels = useMapLabels(measureLabel);
  const figures = regional.data ?? [];
  const values = useMemo(() => mapValues(regional.data ?? [], language), [regional.data, language]);
  const title = t('regional.mapTitle', { measure: measureLabel, year });
  return (
    <Stack gap="sm">
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('stats.measure')}
          data={(measures.data ?? []).map((m) => ({ value: m.id, label: pick(m.label, language) }))}
          value={measureId}
          onChange={(value) => value && setMeasureId(value)}
          allowDeselect={false}
          w={{ base: '100%', sm: 360 }}
        />
        <Select
          label={t('regional.year')}
          data={years}
          value={year}
          onChange={(value) => value && setYear(value)}
          allowDeselect={false}
          w={140}
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('regional.note')}
      </Text>
      {regional.error ? <ErrorNote error={regional.error} /> : null}
      {regional.isPending ? <Loading /> : null}
      {regional.data && figures.length === 0 ? <EmptyNote>{t('regional.empty', { year })}</EmptyNote> : null}
      {regional.data ? (
        <Grid>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <CaribbeanMap
              title={title}
              values={values}
              labels={labels}
              fileName={`coral-${measureId}-${year}`}
              locale={i18n.language}
              height={440}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <RegionalTable figures={figures} caption={title} releaseLink={releaseLink} />
          </Grid.Col>
        </Grid>
      ) : null}
    </Stack>
  );
}

interface RegionalTableProps {
  figures: RegionalFigure[];
  caption: string;
  releaseLink: (releaseId: string) => string;
}

/** The map's figures as a table: country, figure ("suppressed" where hidden) and its source. */
function RegionalTable({ figures, caption, releaseLink }: RegionalTableProps) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const number = new Intl.NumberFormat(i18n.language);
  const sorted = [...figures].sort((a, b) =>
    countryLabel(a.country, language).localeCompare(countryLabel(b.country, language), language),
  );
  return (
    <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={caption}>
      <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('stats.country')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('regional.figure')}
            </Table.Th>
            <Table.Th scope="col">{t('regional.source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={3}>{t('stats.noData')}</Table.Td>
            </Table.Tr>
          ) : null}
          {sorted.map((figure) => (
            <Table.Tr key={figure.country}>
              <Table.Th scope="row" fw={400}>
                {countryLabel(figure.country, language)}
              </Table.Th>
              <Table.Td ta="right">
                {figure.suppressed || figure.value === null
                  ? t('stats.suppressed')
                  : number.format(figure.value)}
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={releaseLink(figure.releaseId)} size="sm">
                  {figure.organisation}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
