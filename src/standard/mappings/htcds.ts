import type { Codelist } from '../codelists/codelist.js';
import { entities } from '../entities/index.js';
import { type EntityId, type FieldDefinition, fieldsOf } from '../field.js';
import { type CoralRecord, getPath, setPath } from '../record-path.js';
import { codeOf, entryOf, type Mapped, type MappingProblem } from './lookup.js';

/** One HTCDS field and where Coral holds it. Built from the `htcds` notes of the standard's fields. */
export interface HtcdsField {
  /** HTCDS field name with prefix, as the Excel template's first header row writes it. */
  name: string;
  /** Where Coral holds it; the first entry of a list for fields HTCDS holds once. */
  path: string;
  field: FieldDefinition;
}

/** Misspellings met in official HTCDS files, and the field each means. */
export const htcdsAliases: Readonly<Record<string, string>> = {
  vic_TraffickinStatusDecisionMakingOrg: 'vic_TraffickingStatusDecisionMakingOrg',
  prs_First_Name: 'prs_FirstName',
  prs_Second_Name: 'prs_SecondName',
  vic_Methods_of_Control: 'vic_MethodsOfControl',
};

/** The HTCDS fields of an entity, derived from the field definitions. */
export function htcdsFields(entityId: EntityId): HtcdsField[] {
  const found: HtcdsField[] = [];
  const walk = (fields: readonly FieldDefinition[], prefix: string) => {
    for (const field of fields) {
      const path = prefix ? `${prefix}.${field.id}` : field.id;
      if (field.htcds) found.push({ name: field.htcds, path, field });
      if (field.type.kind === 'group') walk(field.type.fields, path);
      if (field.type.kind === 'list' && !field.htcds) walk(field.type.fields, `${path}.0`);
    }
  };
  walk(fieldsOf(entities[entityId]), '');
  return found;
}

/** An HTCDS row: field name → cell text (as read from the template or a CSV of it). */
export type HtcdsRow = Record<string, string>;

export interface HtcdsWriteOptions {
  /** Write picklist values as HTCDS value names (`ActualVictimOfTrafficking`, default) or labels as the Excel templates do. */
  values?: 'names' | 'labels';
}

/**
 * Maps an HTCDS row into a Coral record. Picklist cells may hold value names or labels (the official
 * templates use labels); multi-select cells separate values with ";". HTCDS holds one identity number,
 * referral, journey stage and support plan: they become the first entry of Coral's lists. Never throws.
 *
 * @example
 * const { record, problems } = fromHtcdsRow({ vic_TraffickingStatus: 'Actual victim of trafficking', ... });
 */
export function fromHtcdsRow(row: HtcdsRow, entityId: EntityId = 'thbCase'): Mapped {
  const record: CoralRecord =
    entityId === 'thbCase' ? { victim: {} } : entityId === 'offender' ? { person: {} } : {};
  const problems: MappingProblem[] = [];
  const byName = new Map(htcdsFields(entityId).map((f) => [f.name, f]));
  for (const [rawName, rawValue] of Object.entries(row)) {
    const mapped = byName.get(htcdsAliases[rawName] ?? rawName);
    const value = (rawValue ?? '').trim();
    if (!mapped || value === '') continue;
    const converted = readValue(mapped, value, rawName, problems);
    if (converted === undefined) continue;
    setPath(record, mapped.path, converted);
    if (mapped.name === 'prs_IdentityNumber')
      setPath(record, mapped.path.replace(/documentNumber$/, 'documentType'), 'Other');
  }
  return { record, problems };
}

/** Maps a Coral record onto an HTCDS row (only the fields HTCDS has; empty cells left out). */
export function toHtcdsRow(
  record: CoralRecord,
  entityId: EntityId = 'thbCase',
  options: HtcdsWriteOptions = {},
): HtcdsRow {
  const row: HtcdsRow = {};
  for (const mapped of htcdsFields(entityId)) {
    const text = writeValue(mapped, getPath(record, mapped.path), options.values ?? 'names');
    if (text !== undefined && text !== '') row[mapped.name] = text;
  }
  return row;
}

function readValue(mapped: HtcdsField, value: string, column: string, problems: MappingProblem[]): unknown {
  const type = mapped.field.type;
  const unknown = () => {
    problems.push({
      column,
      code: 'unknown_value',
      message: `Not a value of ${mapped.field.label.en}.`,
      value: value.slice(0, 50),
    });
    return undefined;
  };
  switch (type.kind) {
    case 'text':
      return value;
    case 'integer':
    case 'decimal': {
      const number = Number(value);
      if (Number.isFinite(number) && (type.kind === 'decimal' || Number.isInteger(number))) return number;
      problems.push({
        column,
        code: 'invalid_number',
        message: `${mapped.field.label.en}: expected a number.`,
      });
      return undefined;
    }
    case 'boolean': {
      const answer = parseBoolean(value);
      if (answer === undefined)
        problems.push({
          column,
          code: 'invalid_boolean',
          message: `${mapped.field.label.en}: expected yes or no.`,
          value: value.slice(0, 20),
        });
      return answer;
    }
    case 'date': {
      const date = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(value)?.[1];
      if (!date)
        problems.push({
          column,
          code: 'invalid_date',
          message: `${mapped.field.label.en}: expected a date YYYY-MM-DD.`,
        });
      return date;
    }
    case 'code':
      return codeOf(type.codelist, value, ['htcds', 'code', 'htcdsLabel', 'label']) ?? unknown();
    case 'codes':
    case 'flags': {
      const codes = readCodes(type.codelist, value);
      if (!codes) return unknown();
      return type.kind === 'codes' ? codes : Object.fromEntries(codes.map((code) => [code, true]));
    }
    case 'list':
      // con_Consent: HTCDS's one checkbox is consent to interview and assistance.
      if (mapped.name === 'con_Consent') {
        const given = parseBoolean(value);
        if (given === undefined) {
          problems.push({
            column,
            code: 'invalid_boolean',
            message: 'Consent: expected yes or no.',
            value: value.slice(0, 20),
          });
          return undefined;
        }
        return [{ purpose: 'Assistance', status: given ? 'Given' : 'Refused' }];
      }
      return undefined;
    default:
      return undefined;
  }
}

function writeValue(mapped: HtcdsField, value: unknown, style: 'names' | 'labels'): string | undefined {
  if (value === undefined || value === null) return undefined;
  const type = mapped.field.type;
  const spell = (codelist: Codelist, code: string) => {
    const entry = entryOf(codelist, code);
    if (entry && codelist.htcdsUsesCodes) return entry.code;
    if (!entry?.htcds) return undefined;
    return style === 'names' ? entry.htcds : (entry.htcdsLabel ?? entry.labels.en);
  };
  switch (type.kind) {
    case 'text':
    case 'date':
      return typeof value === 'string' ? value : undefined;
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? String(value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : undefined;
    case 'code':
      return typeof value === 'string' ? spell(type.codelist, value) : undefined;
    case 'codes':
      return Array.isArray(value)
        ? joinKnown(value.map((code) => spell(type.codelist, String(code))))
        : undefined;
    case 'flags': {
      if (typeof value !== 'object') return undefined;
      const yes = Object.entries(value as Record<string, unknown>).filter(([, flag]) => flag === true);
      const spelled = yes.map(([code]) => spell(type.codelist, code));
      // HTCDS's relationship to the trafficker is a single picklist: the first known value.
      return mapped.name === 'vic_RelationshipToTrafficker' ? spelled.find(Boolean) : joinKnown(spelled);
    }
    case 'list': {
      if (mapped.name !== 'con_Consent' || !Array.isArray(value)) return undefined;
      const assistance = value.filter(
        (c): c is CoralRecord =>
          typeof c === 'object' && c !== null && (c as CoralRecord).purpose === 'Assistance',
      );
      const latest = assistance.at(-1);
      return latest ? (latest.status === 'Given' ? 'TRUE' : 'FALSE') : undefined;
    }
    default:
      return undefined;
  }
}

function joinKnown(values: Array<string | undefined>): string {
  return values.filter((v): v is string => Boolean(v)).join(';');
}

/**
 * The codes of a multi-select cell: values separated by ";" (Salesforce, the Excel templates) or, when
 * the cell is not one known value, by spaces between value names (XLSForm). Undefined if any is unknown.
 */
function readCodes(list: Codelist, value: string): string[] | undefined {
  const spellings = ['htcds', 'code', 'htcdsLabel', 'label'] as const;
  const parse = (parts: string[]) => {
    const codes = parts.map((part) => codeOf(list, part, spellings));
    return codes.every((code) => code !== undefined) ? [...new Set(codes as string[])] : undefined;
  };
  const parts = value
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
  return parse(parts) ?? (parts.length === 1 && value.includes(' ') ? parse(value.split(/\s+/)) : undefined);
}

function parseBoolean(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (['true', 'yes', 'y', '1', 'sí', 'si', 'oui', 'ja', 'x'].includes(v)) return true;
  if (['false', 'no', 'n', '0', 'non', 'nee'].includes(v)) return false;
  return undefined;
}
