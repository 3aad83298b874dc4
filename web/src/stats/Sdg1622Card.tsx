import { Badge, Box, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StatTableView } from './api';
import { countryLabel, useLanguage } from './labels';
import { CellFigure, SuppressionLegend } from './StatTable';
import { latestSdgYear, sdgRows } from './sdg-model';

/**
 * SDG indicator 16.2.2: detected victims of trafficking per 100,000 population, by country of
 * identification, for the latest year in the period. Rates come from the API, only for published cells
 * whose country and year have a known population.
 */
export function Sdg1622Card({ table }: { table: StatTableView }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const year = latestSdgYear(table);
  const rows = year ? sdgRows(table, year) : [];
  const rate = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const hidden = rows.some((row) => row.cell.status !== 'published');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sdg-heading">
      <Stack gap="sm">
        <Group gap="sm">
          <Badge variant="light" c="dark.9">
            SDG 16.2.2
          </Badge>
          <Title order={3} id="sdg-heading" size="h4">
            {year ? t('stats.sdgTitle', { year }) : t('stats.sdgTitleNoYear')}
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t('stats.sdgHelp')}
        </Text>
        {rows.length === 0 ? (
          <Text size="sm">{t('stats.sdgNone')}</Text>
        ) : (
          <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-labelledby="sdg-heading">
            <Table withTableBorder striped style={{ fontVariantNumeric: 'tabular-nums' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('stats.country')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('stats.victims')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('stats.per100k')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map(({ country, cell }) => (
                  <Table.Tr key={country}>
                    <Table.Th scope="row" fw={400}>
                      {countryLabel(country, language)}
                    </Table.Th>
                    <Table.Td ta="right">
                      <CellFigure cell={cell} threshold={table.threshold} />
                    </Table.Td>
                    <Table.Td ta="right">
                      {cell.per100k !== undefined ? rate.format(cell.per100k) : t('stats.noRate')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        )}
        {hidden ? <SuppressionLegend threshold={table.threshold} /> : null}
      </Stack>
    </Paper>
  );
}
