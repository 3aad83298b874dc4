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
   * Records which master key wraps this database's data keys, on first start, and refuses a keyring
   * without that key later: a lost or swapped key file is reported at start, not as failures on every
   * record. After a rotation the bound key is the new primary; older keys may stay in the keyring.
   */
  async bindMasterKey(keyring: Keyring): Promise<void> {
    const bound = await this.deps.system.putSettingIfAbsent('master_key_id', keyring.primaryId);
    if (!keyring.ids.includes(bound)) {
      throw new AppError(
        'unavailable',
        `The master key (id ${keyring.primaryId}) is not the one this database was set up with (id ${bound}). ` +
          'Restore the original key file or CORAL_MASTER_KEY; without it, sealed data cannot be opened.',
      );
    }
  }

  /** A platform setting, or undefined. Not an entry point: for the keys module. */
  getSetting(key: string): Promise<string | undefined> {
    return this.deps.system.getSetting(key);
  }

  /** Stores a setting unless it exists; returns the stored value. Not an entry point. */
  putSettingIfAbsent(key: string, value: string): Promise<string> {
    return this.deps.system.putSettingIfAbsent(key, value);
  }

  /** Sets a setting. Not an entry point. */
  setSetting(key: string, value: string): Promise<void> {
    return this.deps.system.setSetting(key, value);
  }
}
