import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openMemoryPGlite } from '../../db/pglite/pglite-storage.js';
import { operatorContext } from '../../platform/actor.js';
import { testStorages } from '../../testing/storages.js';
import { createTestApp, seedOrganisation } from '../../testing/test-app.js';

/** Values that must never be stored in the clear. Distinctive, so a hit is never a coincidence. */
const secrets = {
  givenNames: 'Xiomara Quetzalli',
  familyNames: 'Vandersloot-Kwabena',
  birthDate: '1987-11-23',
  documentNumber: 'PX7734219Q',
  email: 'xiomara.q@unlikely-mail.example',
  notes: 'Disclosed a safe house on Zinnia Crescent',
};

async function storeCase(database: Database): Promise<void> {
  const t = await createTestApp(database);
  const orgId = await seedOrganisation(t);
  await t.services.records.create(operatorContext('test'), 'thbCase', orgId, {
    traffickingStatus: 'ActualVictimOfTrafficking',
    caseStatus: 'Active',
    formsOfExploitation: { ForcedLabour: true },
    notes: secrets.notes,
    victim: {
      givenNames: secrets.givenNames,
      familyNames: secrets.familyNames,
      birthDate: secrets.birthDate,
      email: secrets.email,
      identityDocuments: [
        { documentType: 'Passport', documentNumber: secrets.documentNumber, issuingCountry: 'VE' },
      ],
    },
  });
  await t.app.close();
}

/** Every row of every table of the database, as text. */
async function dumpTables(database: Database): Promise<string> {
  const tables = await database.executor.introspection.getTables();
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await sql`SELECT t::text AS row FROM ${sql.table(table.name)} t`.execute(database.executor);
    parts.push(...rows.rows.map((r) => String((r as { row: string }).row)));
  }
  return parts.join('\n');
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('encryption at rest', () => {
  it('leaves no identifying value readable in the PGlite data folder, its WAL included', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'coral-at-rest-'));
    cpSync(inject('pgliteTemplate'), folder, { recursive: true });
    const database = await openMemoryPGlite(folder);
    await storeCase(database);
    const dump = await dumpTables(database);
    await sql`CHECKPOINT`.execute(database.executor);
    await database.close();
    for (const value of Object.values(secrets))
      expect({ value, inDump: dump.includes(value) }).toEqual({ value, inDump: false });
    const needles = Object.values(secrets).map((value) => Buffer.from(value));
    for (const file of filesUnder(folder)) {
      const bytes = readFileSync(file);
      for (const needle of needles)
        expect({ file, value: needle.toString(), found: bytes.includes(needle) }).toEqual({
          file,
          value: needle.toString(),
          found: false,
        });
    }
    // The test would catch plaintext: the same search finds an organisation name stored in the clear.
    expect(dump).toContain('Test organisation');
  });

  it('leaves no identifying value readable in any PostgreSQL table', async () => {
    const postgres = testStorages().find((s) => s.name === 'postgres');
    const database = await (postgres ?? testStorages()[0])?.open();
    if (!database) throw new Error('no storage');
    try {
      await storeCase(database);
      const dump = await dumpTables(database);
      for (const value of Object.values(secrets))
        expect({ value, inDump: dump.includes(value) }).toEqual({ value, inDump: false });
    } finally {
      await database.close();
    }
  });
});
