import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validRecord } from '../testing/standard-arbitraries.js';
import { entities } from './entities/index.js';
import { entityIds, fieldsOf } from './field.js';
import {
  applyMergePatch,
  changedPaths,
  mergeIdentifying,
  mergePatchBetween,
  projectRecord,
  splitBySensitivity,
} from './sensitivity.js';

describe.each(entityIds)('sensitivity helpers on %s', (kind) => {
  const fields = fieldsOf(entities[kind]);

  it('split then merge gives the record back; the open part holds nothing identifying', () => {
    fc.assert(
      fc.property(validRecord(kind), (record) => {
        const { open, identifying } = splitBySensitivity(fields, record);
        expect(mergeIdentifying(open, identifying)).toEqual(record);
        expect(projectRecord(fields, open, new Set(['plain', 'quasi-identifying', 'identifying']))).toEqual(
          open,
        );
        expect(projectRecord(fields, record, new Set(['plain', 'quasi-identifying']))).toEqual(open);
      }),
      { numRuns: 100 },
    );
  });

  it('the merge patch between two records turns one into the other, and reports what changed', () => {
    fc.assert(
      fc.property(validRecord(kind), validRecord(kind), (before, after) => {
        expect(applyMergePatch(before, mergePatchBetween(before, after))).toEqual(after);
        expect(changedPaths(before, before)).toEqual([]);
        if (JSON.stringify(before) !== JSON.stringify(after))
          expect(changedPaths(before, after).length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});
