import { Box, Table, Text, VisuallyHidden } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../src/standard/languages';
import type { StatCell, StatTableView } from './api';
import { pick, useLanguage } from './labels';
import { cellFinder, cellMark, suppressionCounts } from './table-model';

/** A figure as the table shows it: the number, "<5" when small, "x" when hidden to protect another. */
export function CellFigure({ cell, threshold }: { cell: StatCell | undefined; threshold: number }) {
  const { i18n } = useTranslation();
  const mark = cellMark(cell);
  if (!mark) return <>–</>;
  if (mark.kind === 'primary') return <>{`<${threshold}`}</>;
  if (mark.kind === 'secondary') return <>x</>;
  return <>{new Intl.NumberFormat(i18n.language).format(mark.value)}</>;
}

/** Says what "<5" and "x" mean; tables that hide cells point to it. */
export function SuppressionLegend({ id, threshold }: { id?: string; threshold: number }) {
  const { t } = useTranslation();
  return (
    <Box id={id} component="dl" fz="sm" m={0} className="suppression-legend">
      <Text component="dt" fw={700} fz="sm">{`<${threshold}`}</Text>
      <Text component="dd" fz="sm" m={0} mb={4}>
        {t('stats.legendPrimary', { threshold })}
      </Text>
      <Text component="dt" fw={700} fz="sm">
        x
      </Text>
      <Text component="dd" fz="sm" m={0}>
        {t('stats.legendSecondary')}
      </Text>
    </Box>
  );
}

export interface StatTableProps {
  table: StatTableView;
  /** The table's caption: what it counts. */
  caption: string;
  /** Keeps the caption for screen readers only, where a heading above already shows it. */
  hideCaption?: boolean;
}

/**
 * A statistics table as an HTML table people and screen readers can read: one dimension as a list with
 * its total, two as a cross-table with row and column totals, more as one row per combination. Suppressed
 * cells read "<5" or "x", explained by a legend the table is described by.
 */
export function StatTable({ table, caption, hideCaption = false }: StatTableProps) {
  const language = useLanguage();
  const legendId = useId();
  const { primary, secondary } = suppressionCounts(table);
  const hidden = primary + secondary > 0;
  const body =
    table.dimensions.length === 1 ? (
      <ListRows table={table} language={language} />
    ) : table.dimensions.length === 2 ? (
      <CrossRows table={table} language={language} />
    ) : (
      <LongRows table={table} language={language} />
    );
  return (
    <Box>
      {/* Focusable so that a table wider than the screen can be scrolled with the keyboard. */}
      <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={caption}>
        <Table
          striped
          withTableBorder
          withColumnBorders
          aria-describedby={hidden ? legendId : undefined}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
            {hideCaption ? <VisuallyHidden>{caption}</VisuallyHidden> : caption}
          </Table.Caption>
          {body}
        </Table>
      </Box>
      {hidden ? <SuppressionLegend id={legendId} threshold={table.threshold} /> : null}
    </Box>
  );
}

interface RowsProps {
  table: StatTableView;
  language: Language;
}

function Figure({ children }: { children: ReactNode }) {
  return <Table.Td ta="right">{children}</Table.Td>;
}

function ListRows({ table, language }: RowsProps) {
  const { t } = useTranslation();
  const find = cellFinder(table);
  const [dimension] = table.dimensions;
  return (
    <>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{pick(dimension?.label, language)}</Table.Th>
          <Table.Th scope="col" ta="right">
            {pick(table.measureLabel, language)}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(dimension?.categories ?? []).map((category) => (
          <Table.Tr key={category.code}>
            <Table.Th scope="row" fw={400}>
              {pick(category.label, language)}
            </Table.Th>
            <Figure>
              <CellFigure cell={find([category.code])} threshold={table.threshold} />
            </Figure>
          </Table.Tr>
        ))}
        <Table.Tr fw={700}>
          <Table.Th scope="row">{t('stats.total')}</Table.Th>
          <Figure>
            <CellFigure cell={find([null])} threshold={table.threshold} />
          </Figure>
        </Table.Tr>
      </Table.Tbody>
    </>
  );
}

function CrossRows({ table, language }: RowsProps) {
  const { t } = useTranslation();
  const find = cellFinder(table);
  const [rows, columns] = table.dimensions;
  const columnCodes: Array<string | null> = [...(columns?.categories ?? []).map((c) => c.code), null];
  const rowCodes: Array<string | null> = [...(rows?.categories ?? []).map((c) => c.code), null];
  const rowLabel = (code: string | null) =>
    code === null ? t('stats.total') : pick(rows?.categories.find((c) => c.code === code)?.label, language);
  return (
    <>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">
            {`${pick(rows?.label, language)} \\ ${pick(columns?.label, language)}`}
          </Table.Th>
          {(columns?.categories ?? []).map((c) => (
            <Table.Th key={c.code} scope="col" ta="right">
              {pick(c.label, language)}
            </Table.Th>
          ))}
          <Table.Th scope="col" ta="right">
            {t('stats.total')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rowCodes.map((row) => (
          <Table.Tr key={row ?? '\u0001'} fw={row === null ? 700 : undefined}>
            <Table.Th scope="row" fw={row === null ? 700 : 400}>
              {rowLabel(row)}
            </Table.Th>
            {columnCodes.map((column) => (
              <Figure key={column ?? '\u0001'}>
                <CellFigure cell={find([row, column])} threshold={table.threshold} />
              </Figure>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </>
  );
}

function LongRows({ table, language }: RowsProps) {
  const inner = table.cells.filter((cell) => cell.coordinates.every((c) => c !== null));
  const labelOf = (d: number, code: string | null) =>
    pick(table.dimensions[d]?.categories.find((c) => c.code === code)?.label, language);
  return (
    <>
      <Table.Thead>
        <Table.Tr>
          {table.dimensions.map((d) => (
            <Table.Th key={d.id} scope="col">
              {pick(d.label, language)}
            </Table.Th>
          ))}
          <Table.Th scope="col" ta="right">
            {pick(table.measureLabel, language)}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {inner.map((cell) => (
          <Table.Tr key={cell.coordinates.join('\u0000')}>
            {cell.coordinates.map((code, d) => (
              <Table.Td key={table.dimensions[d]?.id ?? d}>{labelOf(d, code)}</Table.Td>
            ))}
            <Figure>
              <CellFigure cell={cell} threshold={table.threshold} />
            </Figure>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </>
  );
}
