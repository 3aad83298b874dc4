import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelimitedParser } from '../../interchange/delimited.js';
import { ctdcRowMapper } from '../../interchange/standard-tables.js';
import { referenceFile } from '../../testing/reference.js';
import { validRecord, wellTypedRecord } from '../../testing/standard-arbitraries.js';
import { codesOf } from '../codelists/codelist.js';
import { entities } from '../entities/index.js';
import { type EntityId, entityIds, type FieldDefinition, fieldsOf } from '../field.js';
import type { CoralRecord } from '../record-path.js';
import { entitySchemas } from '../schema.js';
import { surelyValid } from './fast-check.js';
import { validateRecord, validateRecordByZod } from './validate.js';

/** Values near and past every limit of a field, and of the wrong type. */
function edgeValue(field: FieldDefinition): fc.Arbitrary<unknown> {
  const type = field.type;
  const wrong = fc.constantFrom<unknown>(
    null,
    undefined,
    '',
    ' ',
    'x',
    0,
    -0,
    1.5,
    NaN,
    Infinity,
    true,
    [],
    {},
  );
  switch (type.kind) {
    case 'text':
      return fc.oneof(
        wrong,
        fc.string({ maxLength: 8 }),
        fc.constantFrom('a\u0000', '\t\n', 'x'.repeat(type.maxLength), 'x'.repeat(type.maxLength + 1)),
      );
    case 'integer':
    case 'decimal':
      return fc.oneof(
        wrong,
        fc.constantFrom(type.min, type.max, type.min - 1, type.max + 1, type.min + 0.5, 2 ** 53, -(2 ** 53)),
        fc.double({ min: type.min - 2, max: Math.min(type.max + 2, 1e6) }),
      );
    case 'date':
      return fc.oneof(
        wrong,
        fc.constantFrom(
          '1899-12-31',
          '1900-01-01',
          '1900-02-29',
          '2000-02-29',
          '2023-02-29',
          '2024-02-29',
          '2024-04-31',
          '2100-12-31',
          '2101-01-01',
          '2024-13-01',
          '2024-00-10',
          '2024-01-00',
          '2024-1-01',
          '2024-01-01T00:00:00Z',
          ' 2024-01-01',
          '0000-01-01',
        ),
        fc
          .tuple(
            fc.integer({ min: 0, max: 9999 }),
            fc.integer({ min: 0, max: 13 }),
            fc.integer({ min: 0, max: 32 }),
          )
          .map(
            ([y, m, d]) =>
              `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
          ),
      );
    case 'code':
      return fc.oneof(wrong, fc.constantFrom(...codesOf(type.codelist)), fc.string({ maxLength: 4 }));
    case 'codes': {
      const codes = codesOf(type.codelist);
      return fc.oneof(
        wrong,
        fc.array(fc.oneof(fc.constantFrom<unknown>(...codes), wrong), { maxLength: 4 }),
        fc.constant([...codes, codes[0]]),
        fc.constant([codes[0], codes[0]]),
      );
    }
    case 'flags':
      return fc.oneof(
        wrong,
        fc.dictionary(
          fc.oneof(fc.constantFrom(...codesOf(type.codelist)), fc.string({ maxLength: 3 })),
          fc.oneof(fc.boolean(), wrong),
          { maxKeys: 3 },
        ),
      );
    case 'reference':
      return fc.oneof(
        wrong,
        fc.uuid(),
        fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid'),
      );
    case 'references':
      return fc.oneof(
        wrong,
        fc.array(fc.oneof(fc.uuid(), fc.constant('x'), fc.constant(7)), { maxLength: 3 }),
      );
    case 'boolean':
    case 'group':
    case 'list':
      return wrong;
  }
}

/** Every field with its path in a record: `victim.gender`, `consents.0.date`. */
function fieldPaths(fields: readonly FieldDefinition[], prefix: (string | number)[] = []) {
  const paths: Array<{ path: (string | number)[]; field: FieldDefinition }> = [];
  for (const field of fields) {
    const path = [...prefix, field.id];
    paths.push({ path, field });
    if (field.type.kind === 'group') paths.push(...fieldPaths(field.type.fields, path));
    if (field.type.kind === 'list') paths.push(...fieldPaths(field.type.fields, [...path, 0]));
  }
  return paths;
}

function setAt(record: CoralRecord, path: readonly (string | number)[], value: unknown): void {
  let current: Record<string | number, unknown> = record;
  for (const key of path.slice(0, -1)) {
    const next = current[key];
    if (typeof next !== 'object' || next === null) current[key] = typeof key === 'number' ? {} : {};
    current = current[key] as Record<string | number, unknown>;
  }
  current[path.at(-1) as string | number] = value;
}

/** A well-typed or valid record with a few fields changed to edge values, and sometimes an unknown key. */
function mutatedRecord(kind: EntityId): fc.Arbitrary<CoralRecord> {
  const paths = fieldPaths(fieldsOf(entities[kind]));
  const change = fc
    .integer({ min: 0, max: paths.length - 1 })
    .chain((i) => edgeValue(paths[i]?.field as FieldDefinition).map((value) => ({ i, value })));
  return fc
    .tuple(
      fc.oneof(wellTypedRecord(kind), validRecord(kind)),
      fc.array(change, { maxLength: 3 }),
      fc.option(fc.string({ maxLength: 6 }), { freq: 5 }),
    )
    .map(([record, changes, unknown]) => {
      const copy = structuredClone(record);
      for (const { i, value } of changes) setAt(copy, paths[i]?.path ?? [], value);
      if (unknown !== null) copy[unknown] = 'x';
      return copy;
    });
}

describe('quick validation', () => {
  for (const kind of entityIds) {
    it(`gives exactly zod's result for ${kind} records, valid or not`, () => {
      fc.assert(
        fc.property(fc.oneof(validRecord(kind), wellTypedRecord(kind), mutatedRecord(kind)), (record) => {
          // Sound: never passes what zod refuses.
          if (surelyValid(kind, record)) expect(entitySchemas[kind].safeParse(record).success).toBe(true);
          for (const language of ['en', 'fr'] as const)
            expect(validateRecord(kind, record, { language })).toEqual(
              validateRecordByZod(kind, record, { language }),
            );
        }),
        { numRuns: 600 },
      );
    });

    it(`gives exactly zod's result for every field of ${kind} at its edges`, () => {
      const paths = fieldPaths(fieldsOf(entities[kind]));
      for (const { path, field } of paths) {
        fc.assert(
          fc.property(validRecord(kind), edgeValue(field), (record, value) => {
            const copy = structuredClone(record);
            setAt(copy, path, value);
            expect(validateRecord(kind, copy)).toEqual(validateRecordByZod(kind, copy));
          }),
          { numRuns: 40 },
        );
      }
    });

    it(`passes ${kind} records zod accepts (the quick path is taken)`, () => {
      fc.assert(
        fc.property(wellTypedRecord(kind), (record) => {
          expect(surelyValid(kind, record)).toBe(true);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('gives the same result on the CTDC sample', () => {
    const parser = new DelimitedParser(';', { maxCellChars: 100_000, maxColumns: 1_000 });
    const text = readFileSync(referenceFile('ctdc', 'ctdc-global-k-anon-sample.csv'), 'utf8');
    const [header, ...rows] = [...parser.push(text), ...parser.end()].map((row) => row.cells);
    const mapper = ctdcRowMapper(header ?? [], { language: 'en' });
    let quick = 0;
    for (const cells of rows) {
      const { record } = mapper.map(cells);
      if (surelyValid('thbCase', record)) quick++;
      expect(validateRecord('thbCase', record)).toEqual(validateRecordByZod('thbCase', record));
    }
    expect(quick).toBe(rows.length);
  });
});
