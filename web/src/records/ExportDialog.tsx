import { Alert, Button, Checkbox, Modal, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityId } from '../../../src/standard/field';
import { layoutsFor } from '../../../src/standard/mappings/layouts';
import type { SessionView } from '../api/session';

const listOnly = new Set(['cursor', 'limit', 'sort', 'order', 'deleted']);

/**
 * Exports the records the list shows (its filters, all pages) as a file the browser downloads: Coral
 * CSV, JSON Lines, the CTDC layout (trafficking cases) or the HTCDS Excel layout. Identifying fields only
 * when asked for and allowed; the server audits every export.
 */
export function ExportDialog({
  kind,
  session,
  filters,
}: {
  kind: EntityId;
  session: SessionView;
  filters: URLSearchParams;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [format, setFormat] = useState('coral-csv');
  const [identifying, setIdentifying] = useState(false);
  const permissions = session.permissions[kind];
  const layouts = layoutsFor(kind);
  if (!permissions?.export) return null;
  const formats = [
    { value: 'coral-csv', label: t('exports.format_coral-csv') },
    { value: 'jsonl', label: t('exports.format_jsonl') },
    ...(layouts.ctdc ? [{ value: 'ctdc', label: t('exports.format_ctdc') }] : []),
    ...(layouts.htcds ? [{ value: 'htcds-xlsx', label: t('exports.format_htcds-xlsx') }] : []),
  ];
  const params = new URLSearchParams();
  for (const [name, value] of filters) if (!listOnly.has(name) && value) params.set(name, value);
  params.set('kind', kind);
  params.set('format', format);
  params.set('identifying', String(identifying && format !== 'ctdc'));
  return (
    <>
      <Button variant="default" onClick={open}>
        {t('exports.open')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('exports.title', { kind: t(`nav.${kind}`) })}>
        <Stack>
          <Text size="sm">{t('exports.intro')}</Text>
          <Select
            label={t('exports.format')}
            data={formats}
            value={format}
            onChange={(value) => setFormat(value ?? 'coral-csv')}
            allowDeselect={false}
          />
          {permissions.exportIdentifying && format !== 'ctdc' ? (
            <Checkbox
              label={t('exports.identifying')}
              description={t('exports.identifyingHelp')}
              checked={identifying}
              onChange={(event) => setIdentifying(event.currentTarget.checked)}
            />
          ) : null}
          {format === 'ctdc' ? <Alert color="blue">{t('exports.ctdcNote')}</Alert> : null}
          <Button component="a" href={`/api/v1/exports?${params}`} download onClick={close}>
            {t('exports.download')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
