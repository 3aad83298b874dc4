import { z } from 'zod';
import { codesOf } from '../codelists/codelist.js';
import { entities } from '../entities/index.js';
import { type EntityId, type FieldDefinition, fieldsOf } from '../field.js';
import { earliestYear, latestYear } from '../schema.js';

/** Whether a value surely satisfies a field's (or a record's) schema. */
type Check = (value: unknown) => boolean;

/**
 * A quick check, compiled once per kind from the standard's field definitions, that a record certainly
 * passes its zod schema. It may answer false for a record the schema accepts (then the caller asks zod,
 * which says what is wrong), but never true for one it refuses: each test here is at least as strict as
 * the schema's. Imports validate records by the million, nearly all of them valid.
 */
export function surelyValid(entityId: EntityId, record: Record<string, unknown>): boolean {
  let check = compiled.get(entityId);
  if (!check) {
    check = objectCheck(fieldsOf(entities[entityId]));
    compiled.set(entityId, check);
  }
  return check(record);
}

const compiled = new Map<EntityId, Check>();

function objectCheck(fields: readonly FieldDefinition[]): Check {
  const known = new Set(fields.map((field) => field.id));
  const parts = fields.map((field) => ({ id: field.id, required: field.required, check: fieldCheck(field) }));
  return (value) => {
    if (!isPlainObject(value)) return false;
    for (const key in value) if (!known.has(key)) return false;
    for (const part of parts) {
      const item = value[part.id];
      if (item === undefined) {
        if (part.required) return false;
      } else if (!part.check(item)) return false;
    }
    return true;
  };
}

function fieldCheck(field: FieldDefinition): Check {
  const type = field.type;
  switch (type.kind) {
    case 'text': {
      const max = type.maxLength;
      return (value) =>
        typeof value === 'string' &&
        value.length >= 1 &&
        value.length <= max &&
        /\S/.test(value) &&
        !value.includes('\u0000');
    }
    case 'integer': {
      const { min, max } = type;
      return (value) => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
    }
    case 'decimal': {
      const { min, max } = type;
      return (value) => typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
    }
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'date':
      return isPlausibleDate;
    case 'code': {
      const codes = new Set<unknown>(codesOf(type.codelist));
      return (value) => typeof value === 'string' && codes.has(value);
    }
    case 'codes': {
      const codes = new Set<unknown>(codesOf(type.codelist));
      const max = codes.size;
      return (value) => {
        if (!Array.isArray(value) || value.length > max) return false;
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (typeof item !== 'string' || !codes.has(item)) return false;
        }
        return value.length < 2 || new Set(value).size === value.length;
      };
    }
    case 'flags': {
      const codes = new Set<string>(codesOf(type.codelist));
      return (value) => {
        if (!isPlainObject(value)) return false;
        for (const key in value) if (!codes.has(key) || typeof value[key] !== 'boolean') return false;
        return true;
      };
    }
    case 'reference':
      return (value) => typeof value === 'string' && uuid.safeParse(value).success;
    case 'references':
      return (value) => {
        if (!Array.isArray(value) || value.length > 500) return false;
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (typeof item !== 'string' || !uuid.safeParse(item).success) return false;
        }
        return value.length < 2 || new Set(value).size === value.length;
      };
    case 'group':
      return objectCheck(type.fields);
    case 'list': {
      const entry = objectCheck(type.fields);
      const max = type.maxItems;
      return (value) => {
        if (!Array.isArray(value) || value.length > max) return false;
        for (let i = 0; i < value.length; i++) if (!entry(value[i])) return false;
        return true;
      };
    }
  }
}

const uuid = z.uuid();

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A real calendar day written YYYY-MM-DD, in the years the standard accepts. */
function isPlausibleDate(value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 10) return false;
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!parts) return false;
  const year = Number(parts[1]);
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  if (year < earliestYear || year > latestYear || month < 1 || month > 12 || day < 1) return false;
  return day <= daysIn(year, month);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
