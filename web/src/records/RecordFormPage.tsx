import { Alert, Button, Group, List, Loader, Stack, Title } from '@mantine/core';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate } from 'react-router';
import { entities } from '../../../src/standard/entities/index';
import type { EntityId } from '../../../src/standard/field';
import { recordKinds } from '../../../src/standard/record-views';
import { applyMergePatch, mergePatchBetween } from '../../../src/standard/sensitivity';
import { validateRecord } from '../../../src/standard/validation/validate';
import { ApiError } from '../api/client';
import { standardLanguage } from '../standard-ui/describe';
import { type RecordView, useCreateRecord, useRecord, useUpdateRecord } from './api';
import { ConflictModal } from './ConflictModal';
import { FieldList, type Issues } from './form/FieldInput';
import { UnsavedChangesModal } from './UnsavedChangesModal';

type Value = Record<string, unknown>;

/** Removes what a person left empty: blank text, empty lists, empty groups (the person stays). */
export function cleanRecord(value: Value, keep: ReadonlySet<string> = new Set()): Value {
  const out: Value = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === '' || (Array.isArray(item) && item.length === 0)) continue;
    if (Array.isArray(item)) {
      const items = item
        .map((entry) => (typeof entry === 'object' && entry !== null ? cleanRecord(entry as Value) : entry))
        .filter((entry) => typeof entry !== 'object' || Object.keys(entry as Value).length > 0);
      if (items.length) out[key] = items;
    } else if (typeof item === 'object' && item !== null) {
      const inner = cleanRecord(item as Value);
      if (Object.keys(inner).length > 0 || keep.has(key)) out[key] = inner;
    } else out[key] = item;
  }
  return out;
}

/** Creates (no id) or edits a record, with the standard's own validation, and no lost updates. */
export function RecordFormPage({ kind, id }: { kind: EntityId; id?: string }) {
  const existing = useRecord(kind, id);
  if (id && existing.isPending) return <Loader />;
  if (id && !existing.data) return <Alert color="red">{existing.error?.message}</Alert>;
  return <RecordForm kind={kind} initial={existing.data} />;
}

function RecordForm({ kind, initial }: { kind: EntityId; initial: RecordView | undefined }) {
  const { t, i18n } = useTranslation();
  const language = standardLanguage(i18n.language);
  const navigate = useNavigate();
  const entity = entities[kind];
  const required = useMemo(
    () =>
      new Set(
        entity.sections
          .flatMap((s) => s.fields)
          .filter((f) => f.required && f.type.kind === 'group')
          .map((f) => f.id),
      ),
    [entity],
  );
  const [base, setBase] = useState<{ record: Value; version: number }>({
    record: initial?.record ?? {},
    version: initial?.version ?? 0,
  });
  const [value, setValue] = useState<Value>(
    initial?.record ?? Object.fromEntries([...required].map((key) => [key, {}])),
  );
  const [issues, setIssues] = useState<Issues>({});
  const [warnings, setWarnings] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  // Set just before navigating away after a save, so the unsaved-changes guard lets that navigation through.
  const leaving = useRef(false);
  const create = useCreateRecord(kind);
  const update = useUpdateRecord(kind, initial?.id ?? '');
  const dirty =
    JSON.stringify(cleanRecord(value, required)) !== JSON.stringify(cleanRecord(base.record, required));
  const blocker = useBlocker(() => dirty && !leaving.current);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const record = cleanRecord(value, required);
    const result = validateRecord(kind, record, { language });
    const errors = result.problems.filter((p) => p.severity === 'error');
    setIssues(Object.fromEntries(errors.map((p) => [p.path, p.message])));
    setWarnings(result.problems.filter((p) => p.severity === 'warning').map((p) => p.message));
    if (errors.length) return;
    const done = (savedView: RecordView) => {
      leaving.current = true;
      navigate(`/records/${recordKinds[kind].segment}/${savedView.id}`, {
        state: { notice: initial ? 'saved' : 'created' },
      });
    };
    const failed = (error: Error) => {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else if (error instanceof ApiError) setIssues(error.fieldIssues);
    };
    if (!initial) create.mutate(record, { onSuccess: done, onError: failed });
    else
      update.mutate(
        { patch: mergePatchBetween(cleanRecord(base.record, required), record), version: base.version },
        { onSuccess: done, onError: failed },
      );
  };

  const problemList = Object.entries(issues);
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={960}>
        <Title order={2}>
          {initial
            ? `${t('records.edit')}: ${entity.label[language]}`
            : `${t('records.new')}: ${entity.label[language]}`}
        </Title>
        {problemList.length ? (
          <Alert color="red" role="alert" title={t('records.fixProblems')}>
            <List size="sm">
              {problemList.map(([path, message]) => (
                <List.Item key={path}>{message}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {warnings.length ? (
          <Alert color="yellow" title={t('records.warnings')}>
            {warnings.join(' ')}
          </Alert>
        ) : null}
        {entity.sections.map((section) => (
          <Stack key={section.id} component="section" aria-labelledby={`section-${section.id}`}>
            <Title order={3} id={`section-${section.id}`}>
              {section.label[language]}
            </Title>
            <FieldList
              fields={section.fields}
              prefix=""
              value={value}
              onChange={setValue}
              issues={issues}
              language={language}
            />
          </Stack>
        ))}
        <Group>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {t('records.save')}
          </Button>
          <Button variant="default" onClick={() => navigate(-1)}>
            {t('records.cancel')}
          </Button>
        </Group>
      </Stack>
      {conflict && initial ? (
        <ConflictModal
          kind={kind}
          id={initial.id}
          mine={mergePatchBetween(cleanRecord(base.record, required), cleanRecord(value, required))}
          onReload={(latest) => {
            setBase({ record: latest.record, version: latest.version });
            setValue(latest.record);
            setIssues({});
            setConflict(false);
          }}
          onKeepMine={(latest, patch) => {
            setBase({ record: latest.record, version: latest.version });
            setValue(applyMergePatch(latest.record, patch));
            setConflict(false);
          }}
        />
      ) : null}
      <UnsavedChangesModal blocker={blocker} />
    </form>
  );
}
