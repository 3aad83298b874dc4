import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { aeadOpen, aeadSeal } from '../../crypto/aead.js';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { SystemService } from '../system/system.service.js';
import type { KeysRepository } from './keys.repository.js';

/** Whose data key: one organisation's, or the platform's (for secrets not owned by a tenant, such as TOTP). */
export type KeyScope = { orgId: string } | 'platform';

export interface KeysServiceDeps {
  database: Database;
  keys: KeysRepository;
  system: SystemService;
  clock: Clock;
  /** The current keyring; called again after an unwrap fails, so a rotated key file is picked up. */
  keyring: () => Keyring;
  /** Reloads the keyring from its source (the key file); absent when keys come from the environment. */
  reloadKeyring?: () => Keyring;
}

const platformSetting = 'platform_data_key';

/**
 * Envelope encryption: every organisation has a random 256-bit data key, stored wrapped by the master
 * key; identifying data is sealed with the data key (AES-256-GCM, bound to its record). Rotating the
 * master key re-wraps data keys only, so no record has to be rewritten and nothing stops meanwhile.
 */
export class KeysService {
  private readonly cache = new Map<string, Buffer>();
  private keyring: Keyring;

  constructor(private readonly deps: KeysServiceDeps) {
    this.keyring = deps.keyring();
  }

  /** Seals bytes with the scope's data key; `context` (a record id, a purpose) must be given again to open. */
  async seal(scope: KeyScope, plaintext: Buffer, context: string): Promise<string> {
    return aeadSeal(await this.dataKey(scope), plaintext, context);
  }

  /** Opens what `seal` sealed for the same scope and context. */
  async open(scope: KeyScope, sealed: string, context: string): Promise<Buffer> {
    return aeadOpen(await this.dataKey(scope), sealed, context);
  }

  /**
   * Blind-index tokens: a keyed hash (HMAC-SHA-256, 64 bits kept) of each normalised token under a key
   * derived from the organisation's data key. Equal names give equal tokens within one organisation,
   * and nothing outside it; the tokens reveal no name without the key.
   */
  async blindTokens(orgId: string, tokens: readonly string[]): Promise<string[]> {
    const key = Buffer.from(
      hkdfSync('sha256', await this.dataKey({ orgId }), Buffer.alloc(0), 'coral/blind-index', 32),
    );
    return [...new Set(tokens)].map((token) =>
      createHmac('sha256', key).update(token).digest('hex').slice(0, 16),
    );
  }

  /**
   * Re-wraps every data key under the keyring's primary master key, in one transaction, and records the
   * new key id. The data keys themselves do not change. Returns how many keys were re-wrapped.
   */
  async rewrapAll(next: Keyring): Promise<number> {
    const now = this.deps.clock.now();
    const count = await this.deps.database.transaction(async () => {
      const wrapped = await this.deps.keys.list();
      for (const key of wrapped) {
        const raw = this.unwrap(key.wrappedKey, `org:${key.orgId}`);
        await this.deps.keys.rewrap(
          { orgId: key.orgId, wrappedKey: next.wrap(raw, `org:${key.orgId}`), masterKeyId: next.primaryId },
          now,
        );
      }
      const platform = await this.deps.system.getSetting(platformSetting);
      if (platform) {
        await this.deps.system.setSetting(
          platformSetting,
          next.wrap(this.unwrap(platform, 'platform'), 'platform'),
        );
      }
      await this.deps.system.setSetting('master_key_id', next.primaryId);
      return wrapped.length + (platform ? 1 : 0);
    });
    this.keyring = next;
    return count;
  }

  private async dataKey(scope: KeyScope): Promise<Buffer> {
    const id = scope === 'platform' ? 'platform' : scope.orgId;
    const cached = this.cache.get(id);
    if (cached) return cached;
    const key = scope === 'platform' ? await this.loadPlatformKey() : await this.loadOrgKey(scope.orgId);
    this.cache.set(id, key);
    return key;
  }

  private async loadOrgKey(orgId: string): Promise<Buffer> {
    const context = `org:${orgId}`;
    let stored = await this.deps.keys.get(orgId);
    if (!stored) {
      const fresh = randomBytes(32);
      await this.deps.keys.insertIfAbsent(
        { orgId, wrappedKey: this.keyring.wrap(fresh, context), masterKeyId: this.keyring.primaryId },
        this.deps.clock.now(),
      );
      stored = await this.deps.keys.get(orgId);
    }
    if (!stored) throw new Error(`data key of organisation ${orgId} could not be stored`);
    return this.unwrap(stored.wrappedKey, context);
  }

  private async loadPlatformKey(): Promise<Buffer> {
    const wrapped = await this.deps.system.putSettingIfAbsent(
      platformSetting,
      this.keyring.wrap(randomBytes(32), 'platform'),
    );
    return this.unwrap(wrapped, 'platform');
  }

  /** Unwraps, reloading the keyring once if the key that wrapped it was added after start (a rotation). */
  private unwrap(wrapped: string, context: string): Buffer {
    try {
      return this.keyring.unwrap(wrapped, context);
    } catch (error) {
      if (!this.deps.reloadKeyring) throw error;
      this.keyring = this.deps.reloadKeyring();
      return this.keyring.unwrap(wrapped, context);
    }
  }
}
