import type { Keyring } from '../../crypto/keyring.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';
import type { SystemRepository } from './system.repository.js';

export interface Health {
  status: 'ok' | 'degraded';
  version: string;
  storage: 'pglite' | 'postgres';
}

/** Facts about this Coral instance: health, and the guard that ties the master key to the database. */
export class SystemService {
  constructor(private readonly deps: { database: Database; system: SystemRepository; version: string }) {}

  /** Public: no personal data, no configuration beyond the storage kind. */
  async health(): Promise<Health> {
    try {
      await this.deps.system.ping();
      return { status: 'ok', version: this.deps.version, storage: this.deps.database.kind };
    } catch {
      return { status: 'degraded', version: this.deps.version, storage: this.deps.database.kind };
    }
  }

  /**
   * Records which master key this database's secrets are sealed with, on first start, and refuses a
   * different key later: a lost or swapped key file is reported at start, not as failures on every record.
   */
  async bindMasterKey(keyring: Keyring): Promise<void> {
    const bound = await this.deps.system.putSettingIfAbsent('master_key_id', keyring.keyId);
    if (bound !== keyring.keyId) {
      throw new AppError(
        'unavailable',
        `The master key (id ${keyring.keyId}) is not the one this database was set up with (id ${bound}). ` +
          'Restore the original key file or CORAL_MASTER_KEY; without it, sealed secrets cannot be opened.',
      );
    }
  }
}
