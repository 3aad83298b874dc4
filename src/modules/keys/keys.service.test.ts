import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { createServices } from '../../app.js';
import { createKeyring } from '../../crypto/keyring.js';
import { operatorContext } from '../../platform/actor.js';
import { createLogger } from '../../platform/logger.js';
import { describeEachStorage } from '../../testing/storages.js';
import { createTestApp, seedOrganisation } from '../../testing/test-app.js';

const operator = operatorContext('test');
const quiet = () => createLogger({ level: 'silent' });
const aCase = (name: string) => ({
  traffickingStatus: 'PossibleVictimOfTrafficking',
  victim: { givenNames: name },
});

describeEachStorage('master key rotation', (storage) => {
  it('re-wraps every data key so the new master key alone opens every record', async () => {
    const oldKey = randomBytes(32);
    const t = await createTestApp(await storage.open(), { keyring: createKeyring([oldKey]) });
    try {
      const orgs = [await seedOrganisation(t), await seedOrganisation(t)];
      const ids = [];
      for (const orgId of orgs)
        ids.push({
          orgId,
          id: (await t.services.records.create(operator, 'thbCase', orgId, aCase(`Person of ${orgId}`)))
            .stored.id,
        });
      const newKey = randomBytes(32);
      expect(await t.services.keys.rewrapAll(createKeyring([newKey, oldKey]))).toBeGreaterThanOrEqual(2);
      const fresh = createServices({
        database: t.database,
        keyring: createKeyring([newKey]),
        logger: quiet(),
      });
      await fresh.system.bindMasterKey(createKeyring([newKey]));
      for (const { orgId, id } of ids) {
        expect((await fresh.records.get(operator, 'thbCase', orgId, id)).record).toMatchObject({
          victim: { givenNames: `Person of ${orgId}` },
        });
      }
      const stale = createServices({
        database: t.database,
        keyring: createKeyring([oldKey]),
        logger: quiet(),
      });
      await expect(stale.system.bindMasterKey(createKeyring([oldKey]))).rejects.toThrow(
        /not the one this database was set up with/,
      );
    } finally {
      await t.close();
    }
  });

  it('lets a process started before a rotation reload its key file and read on', async () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const t = await createTestApp(await storage.open(), { keyring: createKeyring([a]) });
    try {
      const orgId = await seedOrganisation(t);
      const created = await t.services.records.create(operator, 'thbCase', orgId, aCase('Reloaded'));
      await createServices({
        database: t.database,
        keyring: createKeyring([b, a]),
        logger: quiet(),
      }).keys.rewrapAll(createKeyring([b, a]));
      const late = createServices({
        database: t.database,
        keyring: createKeyring([a]),
        reloadKeyring: () => createKeyring([b]),
        logger: quiet(),
      });
      expect((await late.records.get(operator, 'thbCase', orgId, created.stored.id)).record).toMatchObject({
        victim: { givenNames: 'Reloaded' },
      });
      const stuck = createServices({ database: t.database, keyring: createKeyring([a]), logger: quiet() });
      await expect(stuck.records.get(operator, 'thbCase', orgId, created.stored.id)).rejects.toThrow(
        /not loaded/,
      );
    } finally {
      await t.close();
    }
  });
});
