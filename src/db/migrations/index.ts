import { foundation } from './2026-11-29-0001-foundation.js';
import { records } from './2026-11-29-0002-records.js';
import { imports } from './2026-11-29-0003-imports.js';
import { releases } from './2026-11-29-0004-releases.js';
import { linkage } from './2026-11-29-0005-linkage.js';
import type { CoralMigration } from './migration.js';

/** Every migration, oldest first. Listed here rather than read from disk so the build and bundles need no files. */
export const migrations: readonly CoralMigration[] = [foundation, records, imports, releases, linkage];
