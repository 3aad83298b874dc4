import { Alert, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TableFigure } from '../stats/TableFigure';
import { suppressionCounts } from '../stats/table-model';
import type { ReleaseContent, ReleaseSpec } from './api';

/**
 * What a draft would publish, as computed a moment ago: every table with its suppressed cells marked,
 * and how many cells suppression hid (small ones, and those hidden to protect them).
 */
export function ReleasePreview({
  content,
  method,
}: {
  content: ReleaseContent;
  method: ReleaseSpec['method'];
}) {
  const { t, i18n } = useTranslation();
  const totals = content.tables.reduce(
    (sum, table) => {
      const counts = suppressionCounts(table);
      return { primary: sum.primary + counts.primary, secondary: sum.secondary + counts.secondary };
    },
    { primary: 0, secondary: 0 },
  );
  return (
    <Stack component="section" aria-labelledby="preview-heading">
      <Title order={3} id="preview-heading">
        {t('releases.previewTitle')}
      </Title>
      <Alert color="blue" role="status" title={t('releases.suppressionReport')}>
        <Text size="sm">{t('releases.previewTotals', { tables: content.tables.length, ...totals })}</Text>
        <Text size="sm">
          {t('releases.previewAt', { at: new Date(content.generatedAt).toLocaleString(i18n.language) })}
        </Text>
        {method === 'differential-privacy' ? <Text size="sm">{t('releases.previewDp')}</Text> : null}
      </Alert>
      {content.tables.map((table, index) => (
        // Tables have no id; their place in the release is what identifies them.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
        <TableFigure key={index} table={table} order={4} showSuppression />
      ))}
    </Stack>
  );
}
