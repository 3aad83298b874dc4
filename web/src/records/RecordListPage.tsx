import {
  Alert,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { EntityId } from '../../../src/standard/field';
import { recordKinds } from '../../../src/standard/record-views';
import type { SessionView } from '../api/session';
import { fieldOf, formatValue, standardLanguage } from '../standard-ui/describe';
import { type RecordSummary, useRecordList, useRestoreRecord } from './api';
import { ExportDialog } from './ExportDialog';
import { useFlash } from './flash';
import { canDelete, canWrite } from './permissions';
import { SavedViews } from './SavedViews';

/**
 * A list of records of one kind: filters from the standard, free text, name search, saved views, pages.
 * Those who may restore records can switch to the deleted ones and bring them back, and undo a deletion
 * they just made.
 */
export function RecordListPage({ kind, session }: { kind: EntityId; session: SessionView }) {
  const { t, i18n } = useTranslation();
  const language = standardLanguage(i18n.language);
  const [params, setParams] = useSearchParams();
  const mayRestore = canDelete(session, kind);
  const showingDeleted = mayRestore && params.get('deleted') === 'true';
  const query = useMemo(() => {
    const next = new URLSearchParams(params);
    if (!showingDeleted) next.delete('deleted');
    return next;
  }, [params, showingDeleted]);
  const list = useRecordList(kind, query);
  const restore = useRestoreRecord(kind);
  const navigate = useNavigate();
  const justDeleted = useFlash<{ notice?: string; id?: string }>() ?? {};
  const config = recordKinds[kind];
  const restoreAndOpen = (id: string) =>
    restore.mutate(id, {
      onSuccess: (restored) =>
        navigate(`/records/${config.segment}/${restored.id}`, { state: { notice: 'restored' } }),
    });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t(`nav.${kind}`)}</Title>
        <Group>
          {showingDeleted ? null : <ExportDialog kind={kind} session={session} filters={query} />}
          {canWrite(session, kind) ? (
            <Button component={Link} to={`/records/${config.segment}/new`}>
              {t('records.new')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {justDeleted.notice === 'deleted' ? (
        <Alert color="green" role="status">
          <Group justify="space-between">
            <Text size="sm">{t('records.deleted')}</Text>
            {mayRestore && justDeleted.id ? (
              <Button
                size="xs"
                variant="white"
                loading={restore.isPending}
                onClick={() => justDeleted.id && restoreAndOpen(justDeleted.id)}
              >
                {t('records.undo')}
              </Button>
            ) : null}
          </Group>
        </Alert>
      ) : null}
      {restore.isError ? (
        <Alert color="red" role="alert">
          {t('records.restoreFailed')}
        </Alert>
      ) : null}
      {mayRestore ? (
        <SegmentedControl
          aria-label={t('records.listMode')}
          w="fit-content"
          value={showingDeleted ? 'deleted' : 'current'}
          onChange={(value) => {
            restore.reset();
            setParam('deleted', value === 'deleted' ? 'true' : null);
          }}
          data={[
            { value: 'current', label: t('records.current') },
            { value: 'deleted', label: t('records.deletedRecords') },
          ]}
        />
      ) : null}
      <Filters
        kind={kind}
        params={params}
        setParam={setParam}
        onClear={() => setParams(new URLSearchParams(), { replace: true })}
      />
      <SavedViews
        kind={kind}
        userId={session.user.id}
        params={params}
        onApply={(query) => setParams(new URLSearchParams(query), { replace: true })}
      />
      {list.isPending ? (
        <Loader aria-label={t('app.name')} />
      ) : list.isError ? (
        <Alert color="red" role="alert">
          {t('errors.generic')}
        </Alert>
      ) : items.length === 0 ? (
        <Text>{t('records.noResults')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  {config.summaryFields.map((path) => (
                    <Table.Th key={path}>{fieldOf(kind, path)?.label[language] ?? path}</Table.Th>
                  ))}
                  {showingDeleted ? (
                    <>
                      <Table.Th>{t('records.deletedOn')}</Table.Th>
                      <Table.Th>{t('records.deleteReason')}</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>{t('records.restore')}</VisuallyHidden>
                      </Table.Th>
                    </>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr
                    key={item.id}
                    {...(showingDeleted
                      ? {}
                      : {
                          onClick: () => navigate(`/records/${config.segment}/${item.id}`),
                          style: { cursor: 'pointer' },
                        })}
                  >
                    {config.summaryFields.map((path, column) => {
                      const field = fieldOf(kind, path);
                      const text = field ? formatValue(field, item.summary[path], language, t) : '';
                      return (
                        <Table.Td key={path}>
                          {column === 0 && !showingDeleted ? (
                            <Link to={`/records/${config.segment}/${item.id}`}>
                              {text || item.id.slice(0, 8)}
                            </Link>
                          ) : column === 0 ? (
                            text || item.id.slice(0, 8)
                          ) : (
                            text
                          )}
                        </Table.Td>
                      );
                    })}
                    {showingDeleted ? (
                      <DeletedCells
                        item={item}
                        restoring={restore.isPending && restore.variables === item.id}
                        onRestore={() => restoreAndOpen(item.id)}
                      />
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group>
            <Text size="sm" c="dimmed">
              {t('records.count', { count: items.length })}
            </Text>
            {list.hasNextPage ? (
              <Button
                variant="default"
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
              >
                {t('records.loadMore')}
              </Button>
            ) : null}
          </Group>
        </>
      )}
    </Stack>
  );
}

/** When and why a record was deleted, and the button that brings it back. */
function DeletedCells({
  item,
  restoring,
  onRestore,
}: {
  item: RecordSummary;
  restoring: boolean;
  onRestore: () => void;
}) {
  const { t, i18n } = useTranslation();
  const reason = item.deleted?.reason;
  return (
    <>
      <Table.Td>{item.deleted ? new Date(item.deleted.at).toLocaleString(i18n.language) : ''}</Table.Td>
      <Table.Td>{reason ? t(`records.reasons.${reason}`, { defaultValue: reason }) : ''}</Table.Td>
      <Table.Td>
        <Button size="xs" variant="default" loading={restoring} onClick={onRestore}>
          {t('records.restore')}
        </Button>
      </Table.Td>
    </>
  );
}

function Filters({
  kind,
  params,
  setParam,
  onClear,
}: {
  kind: EntityId;
  params: URLSearchParams;
  setParam: (name: string, value: string | null) => void;
  onClear: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = standardLanguage(i18n.language);
  const config = recordKinds[kind];
  const [text, setText] = useState(params.get('q') ?? '');
  const [name, setName] = useState(params.get('name') ?? '');
  const selects = useMemo(
    () =>
      config.listFilters.flatMap((path) => {
        const field = fieldOf(kind, path);
        const type = field?.type;
        if (!field || !type || !('codelist' in type)) return [];
        return [
          {
            path,
            label: field.label[language],
            data: type.codelist.entries.map((e) => ({ value: e.code, label: e.labels[language] })),
          },
        ];
      }),
    [config, kind, language],
  );
  const dateField = config.dateField ? fieldOf(kind, config.dateField) : undefined;
  const submitText = (event: FormEvent) => {
    event.preventDefault();
    setParam('q', text.trim().length >= 2 ? text.trim() : null);
    setParam('name', name.trim().length >= 2 ? name.trim() : null);
  };

  return (
    <Stack gap="xs" component="section" aria-label={t('records.filters')}>
      <Group align="flex-end" wrap="wrap">
        {selects.map((select) => (
          <Select
            key={select.path}
            label={select.label}
            data={select.data}
            value={params.get(select.path)}
            onChange={(value) => setParam(select.path, value)}
            clearable
            searchable
            w={220}
          />
        ))}
        {dateField ? (
          <>
            <TextInput
              type="date"
              label={`${dateField.label[language]}: ${t('records.from')}`}
              value={params.get(`${config.dateField}From`) ?? ''}
              onChange={(e) => setParam(`${config.dateField}From`, e.currentTarget.value || null)}
              w={220}
            />
            <TextInput
              type="date"
              label={`${dateField.label[language]}: ${t('records.to')}`}
              value={params.get(`${config.dateField}To`) ?? ''}
              onChange={(e) => setParam(`${config.dateField}To`, e.currentTarget.value || null)}
              w={220}
            />
          </>
        ) : null}
      </Group>
      <form onSubmit={submitText}>
        <Group align="flex-end">
          <TextInput
            label={t('records.search')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={260}
          />
          {config.nameFields.length ? (
            <TextInput
              label={t('records.searchName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              w={260}
              autoComplete="off"
            />
          ) : null}
          <Button type="submit" variant="default">
            {t('records.search')}
          </Button>
          <Button
            variant="subtle"
            onClick={() => {
              setText('');
              setName('');
              onClear();
            }}
          >
            {t('records.clear')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
