import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validRecord, wellTypedRecord } from '../testing/standard-arbitraries.js';
import { codelists } from './codelists/index.js';
import { entities } from './entities/index.js';
import { entityIds, type FieldDefinition, fieldsOf, walkFields } from './field.js';
import { languages } from './languages.js';
import { entityJsonSchema } from './publish/json-schema.js';
import type { CoralRecord } from './record-path.js';
import { entitySchemas } from './schema.js';
import { problemMessages } from './validation/messages.js';
import { validateRecord } from './validation/validate.js';

const severityRank = { plain: 0, 'quasi-identifying': 1, identifying: 2 } as const;

describe('the standard itself', () => {
  it('labels and explains every field in English, Spanish, French and Dutch, with unique ids per level', () => {
    for (const entity of Object.values(entities)) {
      const check = (fields: readonly FieldDefinition[]) => {
        expect(new Set(fields.map((f) => f.id)).size).toBe(fields.length);
        for (const field of fields) {
          for (const language of languages) {
            expect({
              field: field.id,
              language,
              label: field.label[language].length > 0,
              help: field.help[language].length > 0,
            }).toEqual({
              field: field.id,
              language,
              label: true,
              help: true,
            });
          }
          if (field.type.kind === 'group' || field.type.kind === 'list') check(field.type.fields);
        }
      };
      check(fieldsOf(entity));
    }
  });

  it('labels every code of every codelist in the four languages, codes unique', () => {
    for (const list of Object.values(codelists)) {
      expect(new Set(list.entries.map((e) => e.code)).size).toBe(list.entries.length);
      for (const entry of list.entries)
        for (const language of languages) expect(entry.labels[language].trim()).not.toBe('');
    }
  });

  it('classes free text as identifying, and each group as its most sensitive field', () => {
    for (const entity of Object.values(entities)) {
      walkFields(fieldsOf(entity), (field, path) => {
        if (field.type.kind === 'text' && field.type.multiline)
          expect({ path, sensitivity: field.sensitivity }).toEqual({ path, sensitivity: 'identifying' });
        if (field.type.kind === 'group' || field.type.kind === 'list') {
          const strongest = Math.max(...field.type.fields.map((f) => severityRank[f.sensitivity]));
          expect({ path, rank: severityRank[field.sensitivity] }).toEqual({ path, rank: strongest });
        }
      });
    }
  });

  it('words every validation problem in every language', () => {
    for (const [code, messages] of Object.entries(problemMessages)) {
      for (const language of languages)
        expect({ code, language, ok: messages[language].length > 10 }).toEqual({ code, language, ok: true });
    }
  });
});

describe.each(entityIds)('validation of %s', (entityId) => {
  it('accepts every generated valid record without errors', () => {
    fc.assert(
      fc.property(validRecord(entityId), (record) => {
        const errors = validateRecord(entityId, record).problems.filter((p) => p.severity === 'error');
        expect(errors).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('reports a broken field at its own path', () => {
    fc.assert(
      fc.property(validRecord(entityId), fc.nat(), (record, pick) => {
        const leaves = leafPaths(record);
        fc.pre(leaves.length > 0);
        const path = leaves[pick % leaves.length] ?? [];
        const broken = structuredClone(record);
        setAt(broken, path, wrongValueFor(valueAt(record, path)));
        const problems = validateRecord(entityId, broken).problems.filter((p) => p.severity === 'error');
        expect(problems.map((p) => p.path)).toContain(path.join('.'));
      }),
      { numRuns: 150 },
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = validateRecord(entityId, input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('publishes a JSON Schema 2020-12 that accepts every record the zod validator accepts', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(entityJsonSchema(entityId));
    fc.assert(
      fc.property(wellTypedRecord(entityId), (record) => {
        fc.pre(entitySchemas[entityId].safeParse(record).success);
        const valid = validate(record);
        expect(valid ? [] : validate.errors).toEqual([]);
      }),
      { numRuns: 150 },
    );
    expect(validate({ notAField: 1 })).toBe(false);
  });
});

/** Paths to every scalar in a record (arrays of codes count as one value). */
function leafPaths(record: CoralRecord, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [];
  for (const [key, value] of Object.entries(record)) {
    const path = [...prefix, key];
    if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object') {
      value.forEach((item, i) => {
        paths.push(...leafPaths(item as CoralRecord, [...path, i]));
      });
    } else if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.values(value).some((v) => typeof v !== 'boolean')
    ) {
      paths.push(...leafPaths(value as CoralRecord, path));
    } else {
      paths.push(path);
    }
  }
  return paths;
}

/** A value of the wrong kind for whatever is there now. */
function wrongValueFor(current: unknown): unknown {
  if (typeof current === 'string') return 12_345;
  if (typeof current === 'number' || typeof current === 'boolean' || Array.isArray(current))
    return 'not valid here';
  return 'not an object';
}

function valueAt(record: CoralRecord, path: Array<string | number>): unknown {
  return path.reduce<unknown>((current, key) => (current as Record<string | number, unknown>)[key], record);
}

function setAt(record: CoralRecord, path: Array<string | number>, value: unknown): void {
  let current: Record<string | number, unknown> = record;
  path.forEach((key, i) => {
    if (i === path.length - 1) current[key] = value;
    else current = current[key] as Record<string | number, unknown>;
  });
}
