import {
  Alert,
  Anchor,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EntityId } from '../../../src/standard/field';
import { ApiError } from '../api/client';
import { kindsInOrder } from '../records/kinds';
import {
  type ColumnMapping,
  type ImportView,
  running,
  useCancel,
  useCommit,
  useConfigure,
  useDeleteMapping,
  useImport,
  usePreview,
  useProblems,
  useSavedMappings,
  useSaveMapping,
  useSuggestion,
} from './api';
import { StatusBadge } from './ImportsPage';

/**
 * One import from upload to commit: live progress while the file is read, what Coral found (format,
 * counts), a column mapping for layouts it does not know, a preview of the first rows, every problem
 * with its row and column (and a report to download), then a dry run or the commit itself.
 */
export function ImportDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const query = useImport(id);
  const view = query.data;
  if (query.isError) {
    return (
      <Alert color="red" role="alert">
        {query.error instanceof ApiError ? query.error.message : t('errors.generic')}
      </Alert>
    );
  }
  if (!view) return <Loader aria-label={t('imports.title')} />;
  const ready = view.status === 'validated' && view.fileKept;
  return (
    <Stack>
      <Anchor component={Link} to="/imports" size="sm">
        ← {t('imports.title')}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{view.fileName}</Title>
        <StatusBadge status={view.status} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('imports.uploadedBy', {
          name: view.createdByName ?? '—',
          date: new Date(view.createdAt).toLocaleString(i18n.language),
        })}
        {view.committedAt
          ? ` ${t('imports.committedBy', {
              name: view.committedByName ?? '—',
              date: new Date(view.committedAt).toLocaleString(i18n.language),
            })}`
          : ''}
      </Text>
      {running(view.status) ? <Running view={view} /> : null}
      {view.failure ? (
        <Alert color="red" role="alert" title={t(`imports.status_${view.status}`)}>
          {view.failure}
        </Alert>
      ) : null}
      {view.summary.sameFileAs ? (
        <Alert color="yellow" role="status">
          {t('imports.sameFile', { date: view.summary.sameFileAs.committedAt.slice(0, 10) })}
        </Alert>
      ) : null}
      {!running(view.status) && view.summary.detected && !view.summary.needsMapping ? (
        <Summary view={view} />
      ) : null}
      {ready && view.summary.needsMapping ? <MappingEditor view={view} /> : null}
      {(view.status === 'rejected' || view.status === 'validated') && view.fileKept ? (
        <ReadAgain view={view} />
      ) : null}
      {ready && !view.summary.needsMapping ? <Preview id={id} /> : null}
      {!running(view.status) && view.summary.problems > 0 ? <Problems view={view} /> : null}
      {ready && !view.summary.needsMapping ? <CommitPanel view={view} /> : null}
      {view.status === 'committed' && view.summary.result ? (
        <Alert color="green" role="status" title={t('imports.done')}>
          {t('imports.result', { ...view.summary.result })}
        </Alert>
      ) : null}
    </Stack>
  );
}

function Running({ view }: { view: ImportView }) {
  const { t } = useTranslation();
  const progress = view.progress;
  const percent = progress ? Math.round((100 * progress.bytes) / Math.max(progress.totalBytes, 1)) : 0;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text>{t(`imports.phase_${progress?.phase ?? 'reading'}`)}</Text>
        <Progress value={percent} animated aria-label={t(`imports.phase_${progress?.phase ?? 'reading'}`)} />
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('imports.rowsSoFar', { rows: progress?.rows ?? 0, percent })}
        </Text>
      </Stack>
    </Card>
  );
}

function Summary({ view }: { view: ImportView }) {
  const { t } = useTranslation();
  const s = view.summary;
  const plan = s.result?.dryRun ? s.result : s.plan;
  const cells: Array<[string, string | number]> = [
    [
      t('imports.format'),
      `${t(`imports.format_${s.detected?.format ?? view.format}`)} · ${t(`nav.${view.kind}`)}`,
    ],
    [t('imports.rows'), s.rows],
    [t('imports.valid'), s.valid],
    [t('imports.invalid'), s.invalid],
  ];
  if (plan) {
    cells.push([t('imports.wouldCreate'), plan.created], [t('imports.wouldUpdate'), plan.updated]);
    cells.push([t('imports.unchanged'), plan.unchanged + plan.skipped]);
  }
  return (
    <Card withBorder>
      {s.result?.dryRun ? (
        <Text size="sm" mb="xs">
          {t('imports.dryRunDone')}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {cells.map(([label, value]) => (
          <div key={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={600}>{value}</Text>
          </div>
        ))}
      </SimpleGrid>
      {s.detected?.encoding ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t('imports.read', {
            encoding: s.detected.encoding,
            delimiter: s.detected.delimiter === '\t' ? 'tab' : (s.detected.delimiter ?? '—'),
          })}
        </Text>
      ) : null}
    </Card>
  );
}

function Preview({ id }: { id: string }) {
  const { t } = useTranslation();
  const preview = usePreview(id, true);
  if (!preview.data || preview.data.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        {t('imports.preview')}
      </Title>
      <Table.ScrollContainer minWidth={600}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.row')}</Table.Th>
              <Table.Th>{t('imports.record')}</Table.Th>
              <Table.Th>{t('imports.problemsTitle')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.data.map((row) => (
              <Table.Tr key={row.row}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" lineClamp={4}>
                    {flatten(row.record).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {row.problems.length === 0
                    ? '—'
                    : row.problems.map((p) => (
                        <Text
                          key={`${p.column}-${p.code}`}
                          size="sm"
                          c={p.severity === 'error' ? 'red.9' : undefined}
                        >
                          {p.message}
                        </Text>
                      ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function Problems({ view }: { view: ImportView }) {
  const { t } = useTranslation();
  const problems = useProblems(view.id, true);
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          {t('imports.problemsCount', { count: view.summary.problems })}
        </Title>
        <Button component="a" href={`/api/v1/imports/${view.id}/problems.csv`} variant="default" size="xs">
          {t('imports.downloadReport')}
        </Button>
      </Group>
      <Box mah={360} style={{ overflow: 'auto' }} tabIndex={0} aria-label={t('imports.problemsTitle')}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.row')}</Table.Th>
              <Table.Th>{t('imports.column')}</Table.Th>
              <Table.Th>{t('imports.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(problems.data ?? []).map((p) => (
              <Table.Tr key={p.seq}>
                <Table.Td>{p.row}</Table.Td>
                <Table.Td>{p.column || '—'}</Table.Td>
                <Table.Td c={p.severity === 'error' ? 'red.9' : undefined}>{p.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Card>
  );
}

/** A record as `path: value` pairs, for a compact preview. */
function flatten(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    return value.every((item) => typeof item !== 'object')
      ? [`${path}: ${value.join(', ')}`]
      : value.flatMap((item, i) => flatten(item, `${path}.${i + 1}`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => flatten(inner, path ? `${path}.${key}` : key));
  }
  return [`${path}: ${String(value)}`];
}

function CommitPanel({ view }: { view: ImportView }) {
  const { t } = useTranslation();
  const commit = useCommit(view.id);
  const cancel = useCancel(view.id);
  const [strategy, setStrategy] = useState('upsert');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const blocked = view.summary.invalid > 0 && !skipInvalid;
  const error = commit.error ?? cancel.error;
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h4">
          {t('imports.commitTitle')}
        </Title>
        <Select
          label={t('imports.strategy')}
          data={['upsert', 'create', 'update'].map((value) => ({
            value,
            label: t(`imports.strategy_${value}`),
          }))}
          value={strategy}
          onChange={(value) => setStrategy(value ?? 'upsert')}
          allowDeselect={false}
          w={420}
        />
        {view.summary.invalid > 0 ? (
          <Checkbox
            label={t('imports.skipInvalid', { count: view.summary.invalid })}
            checked={skipInvalid}
            onChange={(event) => setSkipInvalid(event.currentTarget.checked)}
          />
        ) : null}
        {blocked ? <Text size="sm">{t('imports.blocked')}</Text> : null}
        {error ? (
          <Alert color="red" role="alert">
            {error instanceof ApiError ? error.message : t('errors.generic')}
          </Alert>
        ) : null}
        <Group>
          <Button
            variant="default"
            onClick={() => commit.mutate({ strategy, skipInvalid, dryRun: true })}
            loading={commit.isPending && commit.variables?.dryRun}
          >
            {t('imports.dryRun')}
          </Button>
          <Button
            onClick={() => commit.mutate({ strategy, skipInvalid, dryRun: false })}
            disabled={blocked}
            loading={commit.isPending && !commit.variables?.dryRun}
          >
            {t('imports.commit', { count: view.summary.valid })}
          </Button>
          <Button
            variant="subtle"
            color="red"
            onClick={() => cancel.mutate(undefined)}
            loading={cancel.isPending}
          >
            {t('imports.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Reads the file again another way: a text encoding or delimiter sniffing got wrong, another sheet. */
function ReadAgain({ view }: { view: ImportView }) {
  const { t } = useTranslation();
  const configure = useConfigure(view.id);
  const [encoding, setEncoding] = useState<string | null>(null);
  const [delimiter, setDelimiter] = useState<string | null>(null);
  const [sheet, setSheet] = useState('');
  const isText = view.summary.detected?.container !== 'xlsx';
  const choices = {
    ...(encoding ? { encoding } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(sheet.trim() ? { sheet: sheet.trim() } : {}),
  };
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h4">
          {t('imports.readAgain')}
        </Title>
        <Text size="sm">{t('imports.readAgainIntro')}</Text>
        <Group align="end">
          {isText ? (
            <>
              <Select
                label={t('imports.encoding')}
                data={[
                  { value: 'utf-8', label: 'UTF-8' },
                  { value: 'windows-1252', label: 'Windows-1252 (Excel “CSV”)' },
                  { value: 'utf-16le', label: 'UTF-16 LE' },
                  { value: 'utf-16be', label: 'UTF-16 BE' },
                ]}
                value={encoding}
                onChange={setEncoding}
                placeholder={view.summary.detected?.encoding ?? t('imports.asFound')}
                clearable
              />
              <Select
                label={t('imports.delimiter')}
                data={[
                  { value: ',', label: t('imports.delimiter_comma') },
                  { value: ';', label: t('imports.delimiter_semicolon') },
                  { value: '\t', label: t('imports.delimiter_tab') },
                  { value: '|', label: '|' },
                ]}
                value={delimiter}
                onChange={setDelimiter}
                placeholder={t('imports.asFound')}
                clearable
              />
            </>
          ) : (
            <TextInput
              label={t('imports.sheet')}
              value={sheet}
              onChange={(event) => setSheet(event.currentTarget.value)}
              maxLength={100}
            />
          )}
          <Button
            variant="default"
            onClick={() => configure.mutate(choices)}
            disabled={Object.keys(choices).length === 0}
            loading={configure.isPending}
          >
            {t('imports.readAgainButton')}
          </Button>
        </Group>
        {configure.error ? (
          <Alert color="red" role="alert">
            {configure.error instanceof ApiError ? configure.error.message : t('errors.generic')}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

/** Maps the columns of a sheet Coral does not know, starting from its suggestion; can be saved by name. */
function MappingEditor({ view }: { view: ImportView }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<EntityId>(view.kind);
  const suggestion = useSuggestion(view.id, kind, true);
  const configure = useConfigure(view.id);
  const save = useSaveMapping();
  const saved = useSavedMappings();
  const remove = useDeleteMapping();
  const [savedChoice, setSavedChoice] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, string | null>>({});
  const [externalId, setExternalId] = useState<string | null>(null);
  const [dateOrder, setDateOrder] = useState<'DMY' | 'MDY'>('DMY');
  const [name, setName] = useState('');
  useEffect(() => {
    if (!suggestion.data) return;
    setChoices(
      Object.fromEntries(suggestion.data.columns.filter((c) => c.column).map((c) => [c.column, c.field])),
    );
    setExternalId(suggestion.data.externalIdColumn);
  }, [suggestion.data]);
  if (!suggestion.data) return <Loader aria-label={t('imports.mappingTitle')} />;
  const fields = suggestion.data.fields.map((f) => ({ value: f.field, label: f.label }));
  const mapping = (): ColumnMapping => ({
    kind,
    headerRow: 1,
    dateOrder,
    ...(externalId ? { externalIdColumn: externalId } : {}),
    columns: suggestion.data.columns
      .filter((c) => c.column && choices[c.column] && c.column !== externalId)
      .map((c) => {
        const values = Object.fromEntries(
          Object.entries(c.values ?? {}).filter((entry): entry is [string, string] => entry[1] !== null),
        );
        return {
          column: c.column,
          field: choices[c.column] ?? '',
          ...(choices[c.column] === c.field && Object.keys(values).length > 0 ? { values } : {}),
        };
      }),
  });
  const apply = async () => {
    const chosen = mapping();
    if (name.trim()) await save.mutateAsync({ name: name.trim(), mapping: chosen });
    configure.mutate({ mapping: chosen });
  };
  const error = configure.error ?? save.error ?? remove.error;
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h4">
          {t('imports.mappingTitle')}
        </Title>
        <Text size="sm">{t('imports.mappingIntro')}</Text>
        {saved.data && saved.data.length > 0 ? (
          <Group align="end">
            <Select
              label={t('imports.savedMappings')}
              data={saved.data.map((m) => ({ value: m.id, label: m.name }))}
              value={savedChoice}
              onChange={setSavedChoice}
              w={300}
            />
            <Button
              variant="default"
              disabled={!savedChoice}
              loading={configure.isPending}
              onClick={() => {
                const chosen = saved.data?.find((m) => m.id === savedChoice);
                if (chosen) configure.mutate({ mappingName: chosen.name });
              }}
            >
              {t('imports.useSaved')}
            </Button>
            <Button
              variant="subtle"
              color="red"
              disabled={!savedChoice}
              loading={remove.isPending}
              onClick={() =>
                savedChoice && remove.mutate(savedChoice, { onSuccess: () => setSavedChoice(null) })
              }
            >
              {t('imports.deleteSaved')}
            </Button>
          </Group>
        ) : null}
        <Group>
          <Select
            label={t('imports.kind')}
            data={kindsInOrder.map((k) => ({ value: k, label: t(`nav.${k}`) }))}
            value={kind}
            onChange={(value) => value && setKind(value as EntityId)}
            allowDeselect={false}
          />
          <Select
            label={t('imports.externalId')}
            description={t('imports.externalIdHelp')}
            data={suggestion.data.header.filter(Boolean)}
            value={externalId}
            onChange={setExternalId}
            clearable
          />
          <Select
            label={t('imports.dateOrder')}
            data={[
              { value: 'DMY', label: '31/01/2024' },
              { value: 'MDY', label: '01/31/2024' },
            ]}
            value={dateOrder}
            onChange={(value) => setDateOrder(value === 'MDY' ? 'MDY' : 'DMY')}
            allowDeselect={false}
          />
        </Group>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.column')}</Table.Th>
              <Table.Th>{t('imports.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {suggestion.data.columns
              .filter((c) => c.column)
              .map((c) => (
                <Table.Tr key={c.column}>
                  <Table.Td>{c.column}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('imports.fieldFor', { column: c.column })}
                      data={fields}
                      value={choices[c.column] ?? null}
                      onChange={(value) => setChoices((old) => ({ ...old, [c.column]: value }))}
                      placeholder={t('imports.ignore')}
                      searchable
                      clearable
                      disabled={c.column === externalId}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
        <TextInput
          label={t('imports.saveAs')}
          description={t('imports.saveAsHelp')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          maxLength={100}
          w={360}
        />
        {error ? (
          <Alert color="red" role="alert">
            {error instanceof ApiError
              ? [error.message, ...Object.values(error.fieldIssues)].join(' ')
              : t('errors.generic')}
          </Alert>
        ) : null}
        <Group>
          <Button onClick={apply} loading={configure.isPending || save.isPending}>
            {t('imports.applyMapping')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
