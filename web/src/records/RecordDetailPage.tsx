import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { entities } from '../../../src/standard/entities/index';
import type { EntityId, FieldDefinition } from '../../../src/standard/field';
import type { Language } from '../../../src/standard/languages';
import { deleteReasons, recordKinds } from '../../../src/standard/record-views';
import { validateRecord } from '../../../src/standard/validation/validate';
import type { SessionView } from '../api/session';
import { isLinkageKind, RecordLinks } from '../linkage/RecordLinks';
import { fieldOf, formatValue, standardLanguage } from '../standard-ui/describe';
import { useDeleteRecord, useHistory, useRecord } from './api';
import { useFlash } from './flash';
import { referenceField } from './kinds';
import { canDelete, canWrite } from './permissions';

/** One record: its fields by section (identifying ones only for roles that see them), links and history. */
export function RecordDetailPage({
  kind,
  id,
  session,
}: {
  kind: EntityId;
  id: string;
  session: SessionView;
}) {
  const { t, i18n } = useTranslation();
  const language = standardLanguage(i18n.language);
  const record = useRecord(kind, id);
  const notice = useFlash<{ notice?: string }>()?.notice;
  const segment = recordKinds[kind].segment;
  if (record.isPending) return <Loader aria-label={t('app.name')} />;
  if (!record.data) {
    return (
      <Alert color="red" role="alert">
        {t('records.notFound')}
      </Alert>
    );
  }
  const view = record.data;
  const warnings = validateRecord(kind, view.record, { language }).problems.filter(
    (p) => p.severity === 'warning',
  );
  const title = String(view.record[referenceField(kind)] ?? entities[kind].label[language]);
  return (
    <Stack maw={960}>
      {notice ? (
        <Alert color="green" role="status">
          {t(`records.${notice}`)}
        </Alert>
      ) : null}
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {entities[kind].label[language]}
          </Text>
          <Title order={2}>{title}</Title>
          <Text size="sm" c="dimmed">
            {t('records.version', { version: view.version })} · {t('records.updatedAt')}{' '}
            {new Date(view.updatedAt).toLocaleString(i18n.language)}
          </Text>
        </Stack>
        <Group>
          {canWrite(session, kind) ? (
            <Button component={Link} to={`/records/${segment}/${id}/edit`}>
              {t('records.edit')}
            </Button>
          ) : null}
          {canDelete(session, kind) ? <DeleteButton kind={kind} id={id} version={view.version} /> : null}
        </Group>
      </Group>
      {!view.identifyingShown ? <Alert color="gray">{t('records.identifyingHidden')}</Alert> : null}
      {isLinkageKind(kind) ? <RecordLinks kind={kind} recordId={id} session={session} /> : null}
      {warnings.length ? (
        <Alert color="yellow" title={t('records.warnings')}>
          {warnings.map((w) => w.message).join(' ')}
        </Alert>
      ) : null}
      <Tabs defaultValue="details" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details">{t('records.details')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('records.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <Stack>
            {entities[kind].sections.map((section) => {
              const rows = section.fields.filter((field) => view.record[field.id] !== undefined);
              if (rows.length === 0) return null;
              return (
                <Stack key={section.id} gap="xs" component="section" aria-labelledby={`view-${section.id}`}>
                  <Title order={3} id={`view-${section.id}`}>
                    {section.label[language]}
                  </Title>
                  <FieldTable
                    fields={rows.filter((f) => f.type.kind !== 'group')}
                    value={view.record}
                    language={language}
                  />
                  {rows.map((group) =>
                    group.type.kind === 'group' ? (
                      <FieldTable
                        key={group.id}
                        fields={group.type.fields}
                        value={(view.record[group.id] ?? {}) as Record<string, unknown>}
                        language={language}
                      />
                    ) : null,
                  )}
                </Stack>
              );
            })}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <History kind={kind} id={id} language={language} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function FieldTable({
  fields,
  value,
  language,
}: {
  fields: readonly FieldDefinition[];
  value: Record<string, unknown>;
  language: Language;
}) {
  const { t } = useTranslation();
  return (
    <Table withRowBorders variant="vertical" layout="fixed">
      <Table.Tbody>
        {fields
          .filter((field) => value[field.id] !== undefined)
          .map((field) => (
            <Table.Tr key={field.id}>
              <Table.Th w="35%">{field.label[language]}</Table.Th>
              <Table.Td>
                <FieldValue field={field} value={value[field.id]} language={language} t={t} />
              </Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  );
}

function FieldValue({
  field,
  value,
  language,
  t,
}: {
  field: FieldDefinition;
  value: unknown;
  language: Language;
  t: ReturnType<typeof useTranslation>['t'];
}) {
  const type = field.type;
  if (type.kind === 'group')
    return (
      <FieldTable fields={type.fields} value={(value ?? {}) as Record<string, unknown>} language={language} />
    );
  if (type.kind === 'list') {
    const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
    return (
      <Stack gap="xs">
        {items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: list entries have no identity of their own; every input is controlled
          <FieldTable key={`${field.id}-${index}`} fields={type.fields} value={item} language={language} />
        ))}
      </Stack>
    );
  }
  if (type.kind === 'references' || type.kind === 'reference') {
    const ids = Array.isArray(value) ? (value as string[]) : [String(value)];
    return (
      <Group gap="xs">
        {ids.map((linked) => (
          <Anchor key={linked} component={Link} to={`/records/${recordKinds[type.entity].segment}/${linked}`}>
            <Badge variant="light">{linked.slice(0, 8)}</Badge>
          </Anchor>
        ))}
      </Group>
    );
  }
  return <Text size="sm">{formatValue(field, value, language, t)}</Text>;
}

function History({ kind, id, language }: { kind: EntityId; id: string; language: Language }) {
  const { t, i18n } = useTranslation();
  const history = useHistory(kind, id);
  if (!history.data) return <Loader />;
  const label = (path: string) => fieldOf(kind, path.replace(/\.\d+(?=\.|$)/g, ''))?.label[language] ?? path;
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('records.updatedAt')}</Table.Th>
          <Table.Th>{t('records.history')}</Table.Th>
          <Table.Th>{t('records.field')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {history.data.map((entry) => (
          <Table.Tr key={entry.version}>
            <Table.Td>{new Date(entry.changedAt).toLocaleString(i18n.language)}</Table.Td>
            <Table.Td>
              {t(`records.action_${entry.action}`)} · {t('records.version', { version: entry.version })}
            </Table.Td>
            <Table.Td>{[...new Set(entry.changedFields.map(label))].join(', ')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DeleteButton({ kind, id, version }: { kind: EntityId; id: string; version: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<string | null>(null);
  const remove = useDeleteRecord(kind, id);
  const navigate = useNavigate();
  return (
    <>
      <Button variant="default" color="red.8" onClick={() => setOpen(true)}>
        {t('records.delete')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('records.deleteTitle')} centered>
        <Stack>
          <Select
            label={t('records.deleteReason')}
            data={deleteReasons.map((value) => ({ value, label: t(`records.reasons.${value}`) }))}
            value={reason}
            onChange={setReason}
          />
          <Group>
            <Button
              color="red.8"
              disabled={!reason}
              loading={remove.isPending}
              onClick={() =>
                reason &&
                remove.mutate(
                  { reason, version },
                  {
                    onSuccess: () =>
                      navigate(`/records/${recordKinds[kind].segment}`, {
                        state: { notice: 'deleted', id },
                      }),
                  },
                )
              }
            >
              {t('records.delete')}
            </Button>
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('records.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
