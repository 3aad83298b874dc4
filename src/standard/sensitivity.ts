import type { FieldDefinition, Sensitivity } from './field.js';
import { type CoralRecord, setPath } from './record-path.js';

/** A record cut in two by sensitivity: what may be stored open, and the identifying leaves by path. */
export interface SplitRecord {
  /** Plain and quasi-identifying fields, in the record's own shape (groups and lists kept). */
  open: CoralRecord;
  /** Identifying values by dotted path (`victim.givenNames`, `consents.0.recordedBy`). */
  identifying: Record<string, unknown>;
}

/**
 * Separates a record's identifying fields from the rest, driven by the standard's sensitivity classes,
 * so the identifying part can be sealed and the rest queried. Fields the standard does not define are
 * dropped (records are validated before this).
 *
 * @example
 * const { open, identifying } = splitBySensitivity(fieldsOf(thbCase), record);
 */
export function splitBySensitivity(fields: readonly FieldDefinition[], record: CoralRecord): SplitRecord {
  const identifying: Record<string, unknown> = {};
  const open = splitInto(fields, record, '', identifying);
  return { open, identifying };
}

function splitInto(
  fields: readonly FieldDefinition[],
  value: CoralRecord,
  prefix: string,
  identifying: Record<string, unknown>,
): CoralRecord {
  const open: CoralRecord = {};
  for (const field of fields) {
    const item = value[field.id];
    if (item === undefined) continue;
    const type = field.type;
    // The path is only made where it is needed: most fields are open leaves.
    if (type.kind === 'group' && isObject(item)) {
      open[field.id] = splitInto(type.fields, item, pathTo(prefix, field.id), identifying);
    } else if (type.kind === 'list' && Array.isArray(item)) {
      const path = pathTo(prefix, field.id);
      open[field.id] = item.map((entry, i) =>
        isObject(entry) ? splitInto(type.fields, entry, `${path}.${i}`, identifying) : {},
      );
    } else if (field.sensitivity === 'identifying') {
      identifying[pathTo(prefix, field.id)] = item;
    } else {
      open[field.id] = item;
    }
  }
  return open;
}

function pathTo(prefix: string, id: string): string {
  return prefix ? `${prefix}.${id}` : id;
}

/** Puts identifying values back into an open record: the inverse of `splitBySensitivity`. */
export function mergeIdentifying(open: CoralRecord, identifying: Record<string, unknown>): CoralRecord {
  const record = structuredClone(open);
  for (const [path, value] of Object.entries(identifying)) setPath(record, path, value);
  return record;
}

/**
 * A copy of a record holding only fields whose sensitivity is allowed: the allow-list every presenter
 * applies. Groups and lists are kept as containers; their fields are filtered one by one.
 */
export function projectRecord(
  fields: readonly FieldDefinition[],
  record: CoralRecord,
  allowed: ReadonlySet<Sensitivity>,
): CoralRecord {
  const out: CoralRecord = {};
  for (const field of fields) {
    const item = record[field.id];
    if (item === undefined) continue;
    const type = field.type;
    if (type.kind === 'group' && isObject(item)) out[field.id] = projectRecord(type.fields, item, allowed);
    else if (type.kind === 'list' && Array.isArray(item)) {
      out[field.id] = item.map((entry) =>
        isObject(entry) ? projectRecord(type.fields, entry, allowed) : {},
      );
    } else if (allowed.has(field.sensitivity)) out[field.id] = item;
  }
  return out;
}

/** The dotted paths of every value that differs between two records (lists compared item by item), sorted. */
export function changedPaths(before: CoralRecord, after: CoralRecord): string[] {
  return collectChanges(before, after, '').sort();
}

function collectChanges(before: CoralRecord, after: CoralRecord, prefix: string): string[] {
  // Nothing before (a new record): every key present is a change, as the general case below would find
  // one by one; imports create records by the million, so without serialising each value.
  if (Object.keys(before).length === 0) {
    return Object.keys(after)
      .filter((key) => after[key] !== undefined)
      .map((key) => (prefix ? `${prefix}.${key}` : key));
  }
  const changed: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const path = prefix ? `${prefix}.${key}` : key;
    const [a, b] = [before[key], after[key]];
    if (isObject(a) && isObject(b) && !isFlat(a) && !isFlat(b)) changed.push(...collectChanges(a, b, path));
    else if (Array.isArray(a) && Array.isArray(b) && (a.some(isObject) || b.some(isObject))) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const [x, y] = [a[i], b[i]];
        if (isObject(x) && isObject(y)) changed.push(...collectChanges(x, y, `${path}.${i}`));
        else if (JSON.stringify(x) !== JSON.stringify(y)) changed.push(`${path}.${i}`);
      }
    } else if (JSON.stringify(a) !== JSON.stringify(b)) changed.push(path);
  }
  return changed;
}

/**
 * Applies a JSON merge patch (RFC 7396): objects merge recursively, `null` removes a field, anything
 * else (arrays included) replaces.
 */
export function applyMergePatch(target: CoralRecord, patch: CoralRecord): CoralRecord {
  const result: CoralRecord = structuredClone(target);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (isObject(value) && isObject(result[key]))
      result[key] = applyMergePatch(result[key] as CoralRecord, value);
    else result[key] = structuredClone(value);
  }
  return result;
}

function isObject(value: unknown): value is CoralRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A flags object (code → boolean) is one value for history: its changes show as the field itself. */
function isFlat(value: CoralRecord): boolean {
  return Object.values(value).every((v) => typeof v === 'boolean');
}

/**
 * The JSON merge patch (RFC 7396) that turns `before` into `after`: changed fields with their new
 * values, removed fields as null, objects compared field by field, arrays replaced whole.
 */
export function mergePatchBetween(before: CoralRecord, after: CoralRecord): CoralRecord {
  const patch: CoralRecord = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [a, b] = [before[key], after[key]];
    if (b === undefined) patch[key] = null;
    else if (isObject(a) && isObject(b)) {
      const inner = mergePatchBetween(a, b);
      if (Object.keys(inner).length > 0) patch[key] = inner;
    } else if (JSON.stringify(a) !== JSON.stringify(b)) patch[key] = structuredClone(b);
  }
  return patch;
}
