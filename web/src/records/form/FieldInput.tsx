import {
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EntityId, FieldDefinition } from '../../../../src/standard/field';
import type { Language } from '../../../../src/standard/languages';
import { recordKinds } from '../../../../src/standard/record-views';
import { useRecordList } from '../api';

/** Problems by dotted path, as validation and the server report them. */
export type Issues = Record<string, string>;

interface FieldInputProps {
  field: FieldDefinition;
  path: string;
  value: unknown;
  onChange: (value: unknown) => void;
  issues: Issues;
  language: Language;
}

/** An input for one field of the standard, chosen by its type; labels, help and codes in the reader's language. */
export function FieldInput({ field, path, value, onChange, issues, language }: FieldInputProps) {
  const { t } = useTranslation();
  const type = field.type;
  const label = field.label[language];
  const description =
    field.sensitivity === 'identifying'
      ? `${field.help[language]} ${t('records.encrypted')}`
      : field.help[language];
  const error = issues[path];
  const common = { label, description, error, withAsterisk: field.required === true };
  const codes =
    'codelist' in type
      ? type.codelist.entries.map((e) => ({ value: e.code, label: e.labels[language] }))
      : [];

  switch (type.kind) {
    case 'text':
      return type.multiline ? (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxLength={type.maxLength}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value || undefined)}
        />
      ) : (
        <TextInput
          {...common}
          maxLength={type.maxLength}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value || undefined)}
        />
      );
    case 'integer':
    case 'decimal':
      return (
        <NumberInput
          {...common}
          min={type.min}
          max={type.max}
          allowDecimal={type.kind === 'decimal'}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value || undefined)}
        />
      );
    case 'boolean':
      return (
        <Stack gap={4}>
          <Text size="sm" fw={500} id={`${path}-label`}>
            {label}
          </Text>
          <SegmentedControl
            aria-labelledby={`${path}-label`}
            data={[
              { value: '', label: t('records.notRecorded') },
              { value: 'true', label: t('records.yes') },
              { value: 'false', label: t('records.no') },
            ]}
            value={value === true ? 'true' : value === false ? 'false' : ''}
            onChange={(next) => onChange(next === '' ? undefined : next === 'true')}
          />
          {error ? (
            <Text size="xs" c="red.8">
              {error}
            </Text>
          ) : null}
        </Stack>
      );
    case 'code':
      return (
        <Select
          {...common}
          data={codes}
          searchable
          clearable
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next ?? undefined)}
        />
      );
    case 'codes':
      return (
        <MultiSelect
          {...common}
          data={codes}
          searchable
          clearable
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(next) => onChange(next.length ? next : undefined)}
        />
      );
    case 'flags':
      return (
        <FlagsInput
          {...common}
          codes={codes}
          value={(value ?? {}) as Record<string, boolean>}
          onChange={onChange}
        />
      );
    case 'reference':
    case 'references':
      return (
        <LinkPicker
          {...common}
          kind={type.entity}
          many={type.kind === 'references'}
          value={value}
          onChange={onChange}
          language={language}
        />
      );
    case 'group':
      return (
        <Fieldset legend={label}>
          <FieldList
            fields={type.fields}
            prefix={path}
            value={(value ?? {}) as Record<string, unknown>}
            onChange={onChange}
            issues={issues}
            language={language}
          />
        </Fieldset>
      );
    case 'list': {
      const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      return (
        <Fieldset legend={label}>
          <Stack>
            <Text size="sm" c="dimmed">
              {field.help[language]}
            </Text>
            {items.map((item, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: list entries have no identity of their own; every input is controlled
              <Fieldset key={`${path}.${index}`} legend={`${label} ${index + 1}`} variant="filled">
                <FieldList
                  fields={type.fields}
                  prefix={`${path}.${index}`}
                  value={item}
                  onChange={(next) => onChange(items.map((old, i) => (i === index ? next : old)))}
                  issues={issues}
                  language={language}
                />
                <Button
                  mt="sm"
                  variant="subtle"
                  color="red.8"
                  onClick={() => onChange(items.filter((_, i) => i !== index))}
                >
                  {t('records.remove')}
                </Button>
              </Fieldset>
            ))}
            {items.length < type.maxItems ? (
              <Button variant="default" onClick={() => onChange([...items, {}])} w="fit-content">
                {t('records.add')}: {label}
              </Button>
            ) : null}
          </Stack>
        </Fieldset>
      );
    }
  }
}

/** The fields of a group or list entry, each bound to its key of `value`. */
export function FieldList({
  fields,
  prefix,
  value,
  onChange,
  issues,
  language,
}: {
  fields: readonly FieldDefinition[];
  prefix: string;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  issues: Issues;
  language: Language;
}) {
  return (
    <Stack>
      {fields.map((field) => (
        <FieldInput
          key={field.id}
          field={field}
          path={prefix ? `${prefix}.${field.id}` : field.id}
          value={value[field.id]}
          onChange={(next) => {
            const copy = { ...value };
            if (next === undefined) delete copy[field.id];
            else copy[field.id] = next;
            onChange(copy);
          }}
          issues={issues}
          language={language}
        />
      ))}
    </Stack>
  );
}

/** Yes / no / not recorded for each code: two lists, so "not recorded" stays distinct from "no". */
function FlagsInput({
  label,
  description,
  error,
  codes,
  value,
  onChange,
}: {
  label: string;
  description: string;
  error: string | undefined;
  codes: Array<{ value: string; label: string }>;
  value: Record<string, boolean>;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation();
  const yes = Object.entries(value)
    .filter(([, flag]) => flag)
    .map(([code]) => code);
  const no = Object.entries(value)
    .filter(([, flag]) => !flag)
    .map(([code]) => code);
  const update = (nextYes: string[], nextNo: string[]) => {
    const next = {
      ...Object.fromEntries(nextNo.map((c) => [c, false])),
      ...Object.fromEntries(nextYes.map((c) => [c, true])),
    };
    onChange(Object.keys(next).length ? next : undefined);
  };
  return (
    <Group grow align="flex-start">
      <MultiSelect
        label={`${label}: ${t('records.yes')}`}
        description={description}
        error={error}
        data={codes.filter((c) => !no.includes(c.value))}
        value={yes}
        onChange={(next) => update(next, no)}
        searchable
        clearable
      />
      <MultiSelect
        label={`${label}: ${t('records.no')}`}
        data={codes.filter((c) => !yes.includes(c.value))}
        value={no}
        onChange={(next) => update(yes, next)}
        searchable
        clearable
      />
    </Group>
  );
}

/** Links to other records of the organisation, chosen by their reference. */
function LinkPicker({
  label,
  description,
  error,
  kind,
  many,
  value,
  onChange,
}: {
  label: string;
  description: string;
  error: string | undefined;
  kind: EntityId;
  many: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
  language: Language;
}) {
  const { t } = useTranslation();
  const list = useRecordList(kind, new URLSearchParams());
  const reference = recordKinds[kind].summaryFields[0] ?? '';
  const options = (list.data?.pages.flatMap((page) => page.items) ?? []).map((item) => ({
    value: item.id,
    label: String(item.summary[reference] ?? item.id.slice(0, 8)),
  }));
  const selected = many
    ? Array.isArray(value)
      ? (value as string[])
      : []
    : typeof value === 'string'
      ? [value]
      : [];
  for (const id of selected)
    if (!options.some((o) => o.value === id)) options.push({ value: id, label: id.slice(0, 8) });
  return (
    <MultiSelect
      label={label}
      description={description}
      error={error}
      placeholder={t('records.selectLinks')}
      data={options}
      value={selected}
      maxValues={many ? undefined : 1}
      searchable
      clearable
      onChange={(next) => onChange(many ? (next.length ? next : undefined) : (next[0] ?? undefined))}
    />
  );
}
