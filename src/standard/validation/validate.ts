import type { z } from 'zod';
import { entities } from '../entities/index.js';
import { type EntityId, fieldAt } from '../field.js';
import type { Language } from '../languages.js';
import { entitySchemas } from '../schema.js';
import { surelyValid } from './fast-check.js';
import { formatMessage, type ProblemCode, typeNames } from './messages.js';
import { crossFieldRules, type JsonObject, type Report } from './rules.js';

/** One problem with a record: where, what, how bad, and a message in the reader's language. */
export interface Problem {
  /** Dotted path to the field; list items by index: `migrantGroups.2.count`. */
  path: string;
  code: ProblemCode;
  /** Errors block saving; warnings inform (a minor, a missing closure reason). */
  severity: 'error' | 'warning';
  message: string;
}

/** What validation found. `ok` means no errors; warnings may remain. */
export interface ValidationResult {
  ok: boolean;
  /** The record, when it has no errors. */
  value: JsonObject | undefined;
  problems: Problem[];
}

export interface ValidationOptions {
  language?: Language;
}

/**
 * Validates a record of an entity against the Coral Data Standard: every field's type, codelist and
 * limits, unknown fields, and the cross-field rules. Returns every problem; never throws on bad data.
 *
 * @example
 * const result = validateRecord('thbCase', input, { language: 'es' });
 * if (!result.ok) showProblems(result.problems);
 */
export function validateRecord(
  entityId: EntityId,
  input: unknown,
  options: ValidationOptions = {},
): ValidationResult {
  return validate(entityId, input, options.language ?? 'en', true);
}

/**
 * `validateRecord` without its quick check: every record through zod. The reference the quick path is
 * tested against; the results are the same.
 */
export function validateRecordByZod(
  entityId: EntityId,
  input: unknown,
  options: ValidationOptions = {},
): ValidationResult {
  return validate(entityId, input, options.language ?? 'en', false);
}

function validate(entityId: EntityId, input: unknown, language: Language, quick: boolean): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, value: undefined, problems: [problem('', 'not_an_object', language, {}, 'error')] };
  }
  const record = input as JsonObject; // checked: a non-null, non-array object
  const problems: Problem[] = [];
  // Nearly every record passes; the quick check says so without zod, which then only explains failures.
  if (!quick || !surelyValid(entityId, record)) {
    const parsed = entitySchemas[entityId].safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(...fromZodIssue(entityId, record, issue, language));
    }
  }
  const report: Report = (path, code, values, severity = 'error') => {
    problems.push(
      values === undefined || isEmpty(values)
        ? ruleProblem(entityId, path, code, language, severity)
        : problem(path, code, language, { field: labelOf(entityId, path, language), ...values }, severity),
    );
  };
  for (const rule of crossFieldRules[entityId]) rule(record, report);
  const ok = !problems.some((p) => p.severity === 'error');
  return { ok, value: ok ? record : undefined, problems };
}

/** Validates a trafficking case. */
export const validateThbCase = (input: unknown, options?: ValidationOptions) =>
  validateRecord('thbCase', input, options);
/** Validates a smuggling incident. */
export const validateSomIncident = (input: unknown, options?: ValidationOptions) =>
  validateRecord('somIncident', input, options);
/** Validates a suspect or offender. */
export const validateOffender = (input: unknown, options?: ValidationOptions) =>
  validateRecord('offender', input, options);
/** Validates a criminal proceeding. */
export const validateProceeding = (input: unknown, options?: ValidationOptions) =>
  validateRecord('proceeding', input, options);

function problem(
  path: string,
  code: ProblemCode,
  language: Language,
  values: Record<string, string | number>,
  severity: 'error' | 'warning',
): Problem {
  return { path, code, severity, message: formatMessage(code, language, values) };
}

/**
 * A cross-field rule's problem without values of its own: its message depends only on the kind, path,
 * code and language, so it is made once (rules report on every row of an import; warnings are common).
 */
function ruleProblem(
  entityId: EntityId,
  path: string,
  code: ProblemCode,
  language: Language,
  severity: 'error' | 'warning',
): Problem {
  const key = `${entityId}\u0000${language}\u0000${code}\u0000${path}`;
  let message = ruleMessages.get(key);
  if (message === undefined) {
    message = formatMessage(code, language, { field: labelOf(entityId, path, language) });
    if (ruleMessages.size < 10_000) ruleMessages.set(key, message);
  }
  return { path, code, severity, message };
}

const ruleMessages = new Map<string, string>();

function isEmpty(values: Record<string, string | number>): boolean {
  for (const _ in values) return false;
  return true;
}

/**
 * The label of the field at a path, in a language, with the list entry it belongs to
 * ("Consents (2) › Date"); the path itself for fields the standard lacks.
 */
export function labelOf(entityId: EntityId, path: string, language: Language): string {
  const parts = path
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const field = fieldAt(entities[entityId], parts);
  if (!field) return path;
  const trail: string[] = [];
  parts.forEach((part, i) => {
    const next = parts[i + 1];
    if (typeof part === 'number' || typeof next !== 'number') return;
    const list = fieldAt(entities[entityId], parts.slice(0, i + 1));
    if (list) trail.push(`${list.label[language]} (${next + 1})`);
  });
  const last = parts.at(-1);
  if (typeof last !== 'number') trail.push(field.label[language]);
  return trail.join(' › ');
}

function fromZodIssue(
  entityId: EntityId,
  record: JsonObject,
  issue: z.core.$ZodIssue,
  language: Language,
): Problem[] {
  const path = issue.path.map(String).join('.');
  const make = (code: ProblemCode, values: Record<string, string | number> = {}, at = path) =>
    problem(at, code, language, { field: labelOf(entityId, at, language), ...values }, 'error');
  switch (issue.code) {
    case 'invalid_type': {
      if (valueAt(record, issue.path) === undefined) return [make('required')];
      if (issue.expected === 'int') return [make('not_whole_number')];
      return [make('invalid_type', { expected: typeNames[issue.expected]?.[language] ?? issue.expected })];
    }
    case 'invalid_value':
      return [make('invalid_code')];
    case 'invalid_format':
      if (issue.format === 'regex') return [make('empty')];
      return [make(issue.format === 'uuid' ? 'invalid_id' : 'invalid_date')];
    case 'too_big':
      if (issue.origin === 'string') return [make('too_long', { maximum: Number(issue.maximum) })];
      if (issue.origin === 'array') return [make('too_many', { maximum: Number(issue.maximum) })];
      return [make('too_big', { maximum: Number(issue.maximum) })];
    case 'too_small':
      if (issue.origin === 'string') return [make('empty')];
      return [make('too_small', { minimum: Number(issue.minimum) })];
    case 'unrecognized_keys':
      return issue.keys.map((key) => make('unknown_field', {}, path ? `${path}.${key}` : key));
    case 'custom': {
      const code = issue.params?.code;
      return [
        make(
          code === 'duplicate' || code === 'implausible_date' || code === 'control_character'
            ? code
            : 'invalid_code',
        ),
      ];
    }
    default:
      return [make('invalid_code')];
  }
}

function valueAt(record: JsonObject, path: readonly PropertyKey[]): unknown {
  let current: unknown = record;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key]; // checked: an object, read by key
  }
  return current;
}
