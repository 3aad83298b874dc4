import { type CoralDeps, createServices, type Services } from './app.js';
import type { CoralConfig } from './config.js';
import { createKeyring, type Keyring, loadMasterKey, readKeyFile } from './crypto/keyring.js';
import type { Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { openPGliteStorage } from './db/pglite/pglite-storage.js';
import { checkPostgresDurability, openPostgresStorage } from './db/postgres/postgres-storage.js';
import { AppError } from './platform/errors.js';
import type { Logger } from './platform/logger.js';

/** An opened Coral: storage migrated, master key checked, services wired. */
export interface Runtime {
  config: CoralConfig;
  database: Database;
  keyring: Keyring;
  services: Services;
  deps: CoralDeps;
  /** Things the operator should read once: a new key file to back up, unsafe database settings. */
  notices: string[];
  close(): Promise<void>;
}

/**
 * Opens the configured storage for one purpose (shown to anyone who finds the data folder locked),
 * brings its schema up to date, loads and checks the master key, and wires the services.
 *
 * @example
 * const runtime = await openRuntime(loadConfig(process.env), { purpose: 'coral migrate', logger });
 * await runtime.close();
 */
export async function openRuntime(
  config: CoralConfig,
  options: { purpose: string; logger: Logger },
): Promise<Runtime> {
  const database = await openStorage(config, options.purpose);
  try {
    const notices = await checkStorage(database, config);
    const report = await migrateToLatest(database.executor);
    if (!report.ok) throw new AppError('unavailable', `Database migration failed: ${report.error}`);
    if (report.applied.length > 0) options.logger.info({ applied: report.applied }, 'database migrated');
    const { keyring, createdFile } = loadMasterKey(config.masterKey);
    if (createdFile) {
      notices.push(
        `A new master key was written to ${createdFile}. Back it up apart from the data folder: ` +
          'without it, the identifying details of case records and two-factor set-ups cannot be read.',
      );
    }
    const { file, value } = config.masterKey;
    const deps: CoralDeps = {
      database,
      keyring,
      logger: options.logger,
      authSettings: config.auth,
      importSettings: config.imports,
      // Keys in a file can be rotated by `coral keys rotate` while a server runs: reread it when needed.
      ...(value ? {} : { reloadKeyring: () => createKeyring(readKeyFile(file)) }),
    };
    const services = createServices(deps);
    await services.system.bindMasterKey(keyring);
    return { config, database, keyring, services, deps, notices, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Opens the configured storage (locking a PGlite data folder for `purpose`), without migrating. */
export async function openStorage(config: CoralConfig, purpose: string): Promise<Database> {
  return config.storage.kind === 'pglite'
    ? openPGliteStorage({ folder: config.storage.folder, purpose })
    : openPostgresStorage({ url: config.storage.url });
}

async function checkStorage(database: Database, config: CoralConfig): Promise<string[]> {
  if (database.kind !== 'postgres') return [];
  let unsafe: string[];
  try {
    unsafe = await checkPostgresDurability(database);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('unavailable', `Cannot reach ${database.location}: ${reason}`);
  }
  if (unsafe.length === 0) return [];
  const message = `PostgreSQL may lose committed data in a crash: ${unsafe.join(', ')}.`;
  if (config.production)
    throw new AppError('unavailable', `${message} Coral refuses to run so in production.`);
  return [message];
}
