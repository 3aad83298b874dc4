import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import { openMemoryPGlite } from '../db/pglite/pglite-storage.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data folder with every migration applied; tests copy it instead of running initdb. */
    pgliteTemplate: string;
  }
}

/**
 * Prepares, once per set of migrations, a migrated PGlite folder. Creating a PGlite database takes
 * seconds; copying a prepared one takes a fraction of that.
 */
export async function setup(project: TestProject): Promise<void> {
  const fingerprint = createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
  const template = join(tmpdir(), `coral-test-pglite-${fingerprint}`);
  if (!existsSync(template)) {
    const building = `${template}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    const database = await openMemoryPGlite(building);
    const report = await migrateToLatest(database.executor);
    await database.close();
    if (!report.ok) throw new Error(`test template migration failed: ${report.error}`);
    try {
      renameSync(building, template);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another run made it first
    }
  }
  project.provide('pgliteTemplate', template);
}
