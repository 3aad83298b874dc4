import { Button, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityId } from '../../../src/standard/field';
import { getPath } from '../../../src/standard/record-path';
import { changedPaths } from '../../../src/standard/sensitivity';
import { api } from '../api/client';
import { fieldOf, formatValue, standardLanguage } from '../standard-ui/describe';
import { type RecordView, recordsPath } from './api';

/**
 * Shown when a save meets a newer version (HTTP 412). Nothing is lost: reload theirs and drop mine,
 * compare field by field, or apply my changes on top of theirs and review before saving again.
 */
export function ConflictModal({
  kind,
  id,
  mine,
  onReload,
  onKeepMine,
}: {
  kind: EntityId;
  id: string;
  mine: Record<string, unknown>;
  onReload: (latest: RecordView) => void;
  onKeepMine: (latest: RecordView, patch: Record<string, unknown>) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = standardLanguage(i18n.language);
  const [comparing, setComparing] = useState(false);
  const latest = useQuery({
    queryKey: ['records', kind, 'conflict', id],
    queryFn: () => api<RecordView>('GET', `${recordsPath(kind)}/${id}`),
    staleTime: 0,
  });
  const show = (path: string, record: Record<string, unknown>) => {
    const field = fieldOf(kind, path.replace(/\.\d+(?=\.|$)/g, ''));
    const value = getPath(record, path);
    return field && value !== undefined ? formatValue(field, value, language, t) : '—';
  };
  const paths = latest.data ? changedPaths({}, mine).filter((path) => !/\.\d+$/.test(path)) : [];
  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      title={t('records.conflictTitle')}
      size="lg"
      centered
    >
      <Stack>
        <Text>{t('records.conflictText')}</Text>
        {!latest.data ? (
          <Loader />
        ) : (
          <>
            {comparing ? (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('records.field')}</Table.Th>
                    <Table.Th>{t('records.mine')}</Table.Th>
                    <Table.Th>{t('records.theirs')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {paths.map((path) => (
                    <Table.Tr key={path}>
                      <Table.Td>
                        {fieldOf(kind, path.replace(/\.\d+(?=\.|$)/g, ''))?.label[language] ?? path}
                      </Table.Td>
                      <Table.Td>{show(path, mine)}</Table.Td>
                      <Table.Td>{show(path, latest.data.record)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
            <Group>
              <Button variant="default" onClick={() => onReload(latest.data)}>
                {t('records.reload')}
              </Button>
              <Button variant="default" onClick={() => setComparing(true)} disabled={comparing}>
                {t('records.compare')}
              </Button>
              <Button onClick={() => onKeepMine(latest.data, mine)}>{t('records.keepMine')}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
