import type { Codelist } from './codelists/codelist.js';
import type { Labels } from './languages.js';

/**
 * How sensitive a field is, which decides how Coral treats it:
 * - `identifying`: names, birth dates, document numbers, contacts, addresses, free text. Encrypted at
 *   rest, never logged, shown only to roles that need it, never in statistics or exports by default.
 * - `quasi-identifying`: sex, age, citizenship, dates, places. Leave the organisation only through
 *   disclosure control.
 * - `plain`: codes about the case, not the person.
 */
export type Sensitivity = 'identifying' | 'quasi-identifying' | 'plain';

/** The kinds of value a field can hold. */
export type FieldType =
  | { kind: 'text'; maxLength: number; multiline: boolean }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'decimal'; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'date' }
  /** One code of a codelist. */
  | { kind: 'code'; codelist: Codelist }
  /** Several codes of a codelist, each at most once. */
  | { kind: 'codes'; codelist: Codelist }
  /**
   * Yes, no or not recorded for each code of a codelist: `{ "DebtBondage": true, "Other": false }`.
   * A code left out was not recorded, which is not the same as `false`.
   */
  | { kind: 'flags'; codelist: Codelist }
  /** The id of another record. */
  | { kind: 'reference'; entity: EntityId }
  | { kind: 'references'; entity: EntityId }
  /** A set of fields kept together (a person). */
  | { kind: 'group'; fields: readonly FieldDefinition[] }
  /** Repeated sets of fields (consents, identity documents, referrals). */
  | { kind: 'list'; fields: readonly FieldDefinition[]; maxItems: number };

/** One field of the Coral Data Standard. */
export interface FieldDefinition {
  /** Stable id, camelCase; the JSON property name. */
  id: string;
  type: FieldType;
  label: Labels;
  help: Labels;
  required?: boolean;
  sensitivity: Sensitivity;
  /** The HTCDS 2.0 field name (with prefix) this field holds, where there is one. */
  htcds?: string;
  /** The CTDC global-dataset column(s) this field holds, where there are any. */
  ctdc?: string;
  /** The UNODC reporting variable family (VRS-SoM or GLOTIP) this field serves. */
  unodc?: string;
}

/** The record kinds of the standard. */
export const entityIds = ['thbCase', 'somIncident', 'offender', 'proceeding'] as const;

export type EntityId = (typeof entityIds)[number];

/** A part of a form: fields shown together under a heading. */
export interface SectionDefinition {
  id: string;
  label: Labels;
  fields: readonly FieldDefinition[];
}

/** A record kind: its sections of fields. Cross-field rules live in `validation/rules.ts`. */
export interface EntityDefinition {
  id: EntityId;
  label: Labels;
  help: Labels;
  sections: readonly SectionDefinition[];
}

/** Field-type shorthands, so field lists read as tables. */
export const types = {
  text: (maxLength = 200): FieldType => ({ kind: 'text', maxLength, multiline: false }),
  longText: (maxLength = 10_000): FieldType => ({ kind: 'text', maxLength, multiline: true }),
  integer: (min = 0, max = 1_000_000): FieldType => ({ kind: 'integer', min, max }),
  decimal: (min = 0, max = 1e12): FieldType => ({ kind: 'decimal', min, max }),
  boolean: (): FieldType => ({ kind: 'boolean' }),
  date: (): FieldType => ({ kind: 'date' }),
  code: (codelist: Codelist): FieldType => ({ kind: 'code', codelist }),
  codes: (codelist: Codelist): FieldType => ({ kind: 'codes', codelist }),
  flags: (codelist: Codelist): FieldType => ({ kind: 'flags', codelist }),
  reference: (entity: EntityId): FieldType => ({ kind: 'reference', entity }),
  references: (entity: EntityId): FieldType => ({ kind: 'references', entity }),
  group: (fields: readonly FieldDefinition[]): FieldType => ({ kind: 'group', fields }),
  list: (fields: readonly FieldDefinition[], maxItems = 50): FieldType => ({
    kind: 'list',
    fields,
    maxItems,
  }),
};

/** Every field of an entity, depth first, with its dotted path (list items are not indexed). */
export function walkFields(
  fields: readonly FieldDefinition[],
  visit: (field: FieldDefinition, path: string) => void,
  prefix = '',
): void {
  for (const field of fields) {
    const path = prefix ? `${prefix}.${field.id}` : field.id;
    visit(field, path);
    if (field.type.kind === 'group' || field.type.kind === 'list') walkFields(field.type.fields, visit, path);
  }
}

/** All top-level fields of an entity, across its sections. */
export function fieldsOf(entity: EntityDefinition): readonly FieldDefinition[] {
  let fields = flattened.get(entity);
  if (!fields) {
    fields = Object.freeze(entity.sections.flatMap((section) => section.fields));
    flattened.set(entity, fields);
  }
  return fields;
}

// Entities are constants; their flattened fields are asked for on every record validated and stored.
const flattened = new WeakMap<EntityDefinition, readonly FieldDefinition[]>();

/** The field at a dotted path (numeric list indexes are skipped), or undefined. */
export function fieldAt(
  entity: EntityDefinition,
  path: readonly (string | number)[],
): FieldDefinition | undefined {
  let fields: readonly FieldDefinition[] = fieldsOf(entity);
  let found: FieldDefinition | undefined;
  for (const part of path) {
    if (typeof part === 'number') continue;
    found = fields.find((field) => field.id === part);
    if (!found) return undefined;
    fields = found.type.kind === 'group' || found.type.kind === 'list' ? found.type.fields : [];
  }
  return found;
}
