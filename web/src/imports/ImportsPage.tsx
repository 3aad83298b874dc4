import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { EntityId } from '../../../src/standard/field';
import { ApiError } from '../api/client';
import { kindsInOrder } from '../records/kinds';
import { type ImportStatus, type ImportView, uploadFile, useImports } from './api';

const statusColour: Record<ImportStatus, string> = {
  validating: 'blue',
  validated: 'teal',
  rejected: 'red',
  committing: 'blue',
  committed: 'green',
  failed: 'red',
  cancelled: 'gray',
};

export function StatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    // A tint for the meaning, near-black text for contrast (WCAG AA at this size).
    <Badge color={statusColour[status]} variant="light" c="dark.9">
      {t(`imports.status_${status}`)}
    </Badge>
  );
}

/**
 * The import wizard's first step and the history of imports: choose a file (Excel or CSV in the HTCDS,
 * CTDC or Coral layout, JSON Lines, or any sheet to map), watch it upload, then follow it to its page.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const imports = useImports();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<EntityId | ''>('');
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async () => {
    if (!file) return;
    setError(null);
    setSent(0);
    try {
      const view = await uploadFile(file, kind ? { kind } : {}, setSent);
      await queryClient.invalidateQueries({ queryKey: ['imports'], exact: true });
      navigate(`/imports/${view.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('errors.generic'));
      setSent(null);
    }
  };

  return (
    <Stack>
      <Title order={2}>{t('imports.title')}</Title>
      <Card withBorder>
        <Stack>
          <Text size="sm">{t('imports.intro')}</Text>
          <Group align="end">
            <FileInput
              label={t('imports.file')}
              description={t('imports.choose')}
              accept=".xlsx,.csv,.txt,.tsv,.jsonl,.json"
              value={file}
              onChange={setFile}
              clearable
              clearButtonProps={{ 'aria-label': t('imports.clearFile') }}
              w={360}
            />
            <Select
              label={t('imports.kind')}
              description={t('imports.kindHelp')}
              data={[
                { value: '', label: t('imports.kindAuto') },
                ...kindsInOrder.map((k) => ({ value: k, label: t(`nav.${k}`) })),
              ]}
              value={kind}
              onChange={(value) => setKind((value ?? '') as EntityId | '')}
              allowDeselect={false}
              w={260}
            />
            <Button onClick={upload} disabled={!file} loading={sent !== null}>
              {t('imports.upload')}
            </Button>
          </Group>
          {sent !== null ? (
            <Progress value={Math.round(sent * 100)} aria-label={t('imports.uploading')} animated />
          ) : null}
          {error ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
        </Stack>
      </Card>
      <Title order={3}>{t('imports.history')}</Title>
      {imports.data && imports.data.length === 0 ? <Text c="dimmed">{t('imports.none')}</Text> : null}
      {imports.data && imports.data.length > 0 ? <History items={imports.data} /> : null}
    </Stack>
  );
}

function History({ items }: { items: ImportView[] }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  return (
    <Table striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('imports.file')}</Table.Th>
          <Table.Th>{t('imports.when')}</Table.Th>
          <Table.Th>{t('imports.who')}</Table.Th>
          <Table.Th>{t('imports.statusLabel')}</Table.Th>
          <Table.Th>{t('imports.rows')}</Table.Th>
          <Table.Th>{t('imports.outcome')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>
              <Link to={`/imports/${item.id}`}>{item.fileName}</Link>
            </Table.Td>
            <Table.Td>{when(item.createdAt)}</Table.Td>
            <Table.Td>{item.committedByName ?? item.createdByName ?? '—'}</Table.Td>
            <Table.Td>
              <StatusBadge status={item.status} />
            </Table.Td>
            <Table.Td>
              {t('imports.rowsCount', { rows: item.summary.rows, invalid: item.summary.invalid })}
            </Table.Td>
            <Table.Td>
              {item.summary.result && !item.summary.result.dryRun
                ? t('imports.resultShort', { ...item.summary.result })
                : '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
