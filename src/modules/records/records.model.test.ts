import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { operatorContext } from '../../platform/actor.js';
import type { CoralRecord } from '../../standard/record-path.js';
import { mergePatchBetween } from '../../standard/sensitivity.js';
import { validRecord } from '../../testing/standard-arbitraries.js';
import { describeEachStorage } from '../../testing/storages.js';
import { createTestApp, seedOrganisation, type TestApp } from '../../testing/test-app.js';

/** A valid trafficking case without links (links must point at records that exist). */
const caseRecord = validRecord('thbCase').map((record) => {
  const { relatedIncidents: _incidents, relatedOffenders: _offenders, ...rest } = record;
  return rest as CoralRecord;
});

type Step =
  | { op: 'create'; record: CoralRecord }
  | { op: 'update'; pick: number; record: CoralRecord }
  | { op: 'race'; pick: number; a: CoralRecord; b: CoralRecord }
  | { op: 'delete'; pick: number }
  | { op: 'restore'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: caseRecord.map((record) => ({ op: 'create' as const, record })) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('update' as const), pick: fc.nat(), record: caseRecord }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('race' as const), pick: fc.nat(), a: caseRecord, b: caseRecord }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restore' as const), pick: fc.nat() }) },
);

/**
 * Random sequences of create, edit (one at a time and two at once on one version), delete and restore,
 * against a plain in-memory model: after every step the stored records, versions and lists agree with
 * the model, and of two simultaneous edits of one version exactly one wins.
 */
describeEachStorage('case records against an in-memory model', (storage) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(await storage.open());
  });
  afterAll(() => t.close());

  it('agrees with the model after every step of any sequence', async () => {
    const operator = operatorContext('model');
    const records = t.services.records;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const orgId = await seedOrganisation(t);
        const model = new Map<string, { record: CoralRecord; version: number; deleted: boolean }>();
        const ids = () => [...model.keys()];
        for (const s of steps) {
          const id = ids().length ? ids()[('pick' in s ? s.pick : 0) % ids().length] : undefined;
          const entry = id ? model.get(id) : undefined;
          if (s.op === 'create') {
            const created = await records.create(operator, 'thbCase', orgId, s.record);
            model.set(created.stored.id, { record: s.record, version: 1, deleted: false });
          } else if (s.op === 'update' && id && entry) {
            const attempt = records.update(
              operator,
              'thbCase',
              orgId,
              id,
              entry.version,
              mergePatchBetween(entry.record, s.record),
            );
            if (entry.deleted) await expect(attempt).rejects.toThrow();
            else {
              const saved = await attempt;
              const changed = JSON.stringify(entry.record) !== JSON.stringify(s.record);
              model.set(id, { record: s.record, version: entry.version + (changed ? 1 : 0), deleted: false });
              expect(saved.stored.version).toBe(model.get(id)?.version);
            }
          } else if (s.op === 'race' && id && entry && !entry.deleted) {
            const patches = [s.a, s.b].map((next) => mergePatchBetween(entry.record, next));
            if (patches.some((p) => Object.keys(p).length === 0)) continue;
            const results = await Promise.allSettled(
              patches.map((patch) => records.update(operator, 'thbCase', orgId, id, entry.version, patch)),
            );
            const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
            expect(won).toHaveLength(1);
            for (const r of results)
              if (r.status === 'rejected')
                expect((r.reason as { code?: string }).code).toBe('precondition_failed');
            model.set(id, { record: won[0] === 0 ? s.a : s.b, version: entry.version + 1, deleted: false });
          } else if (s.op === 'delete' && id && entry) {
            const attempt = records.remove(operator, 'thbCase', orgId, id, 'EnteredInError');
            if (entry.deleted) await expect(attempt).rejects.toThrow();
            else {
              await attempt;
              model.set(id, { ...entry, version: entry.version + 1, deleted: true });
            }
          } else if (s.op === 'restore' && id && entry) {
            const attempt = records.restore(operator, 'thbCase', orgId, id);
            if (!entry.deleted) await expect(attempt).rejects.toThrow();
            else {
              await attempt;
              model.set(id, { ...entry, version: entry.version + 1, deleted: false });
            }
          }
          // The database agrees with the model.
          for (const [key, expected] of model) {
            const read = records.get(operator, 'thbCase', orgId, key);
            if (expected.deleted) await expect(read).rejects.toThrow();
            else {
              const found = await read;
              expect(found.record).toEqual(expected.record);
              expect(found.stored.version).toBe(expected.version);
            }
          }
          const listed = await records.list(operator, 'thbCase', orgId, {
            filters: [],
            sort: { by: 'updatedAt', order: 'desc' },
            limit: 200,
          });
          expect(listed.map((r) => r.id).sort()).toEqual(
            [...model]
              .filter(([, e]) => !e.deleted)
              .map(([k]) => k)
              .sort(),
          );
        }
      }),
      { numRuns: 15 },
    );
  });
});
