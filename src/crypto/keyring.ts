import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../platform/errors.js';
import { aeadOpen, aeadSeal } from './aead.js';

/**
 * Coral's master keys. They only wrap data keys (envelope encryption): records and secrets are sealed
 * with data keys, which the database stores wrapped. The first key wraps; earlier keys stay to unwrap
 * what they wrapped until `coral keys rotate` has re-wrapped everything. No master key is ever written
 * to the database: it keeps only key ids, so Coral can refuse the wrong key at start.
 */
export interface Keyring {
  /** Id of the key that wraps new data keys (a fingerprint, not the key). */
  readonly primaryId: string;
  /** Ids of every key this keyring can unwrap with, primary first. */
  readonly ids: readonly string[];
  /** Wraps a data key under the primary master key: `<keyId>:<sealed>`. */
  wrap(dataKey: Buffer, context: string): string;
  /** Unwraps with whichever master key wrapped it; throws when this keyring lacks that key. */
  unwrap(wrapped: string, context: string): Buffer;
}

const keyBytes = 32;

/** A master key's id: the first 16 hex digits of SHA-256 over a label and the key. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('coral-master-key-id').update(key).digest('hex').slice(0, 16);
}

/**
 * Builds a keyring from raw 32-byte master keys, the primary first.
 *
 * @example
 * const keyring = createKeyring([randomBytes(32)]);
 * const wrapped = keyring.wrap(dataKey, 'org:…');
 */
export function createKeyring(keys: readonly Buffer[]): Keyring {
  const [primary] = keys;
  if (!primary) throw new AppError('bad_request', 'A keyring needs at least one master key.');
  for (const key of keys) {
    if (key.length !== keyBytes)
      throw new AppError('bad_request', `A master key must be ${keyBytes} bytes (base64: 44 characters).`);
  }
  const byId = new Map(keys.map((key) => [keyIdOf(key), key]));
  const primaryId = keyIdOf(primary);
  return {
    primaryId,
    ids: [...byId.keys()],
    wrap: (dataKey, context) => `${primaryId}:${aeadSeal(primary, dataKey, `wrap:${context}`)}`,
    unwrap(wrapped, context) {
      const separator = wrapped.indexOf(':');
      const id = wrapped.slice(0, separator);
      const key = byId.get(id);
      if (!key)
        throw new AppError(
          'unavailable',
          `Master key ${id} is not loaded; add it to the key file (see coral keys rotate).`,
        );
      return aeadOpen(key, wrapped.slice(separator + 1), `wrap:${context}`);
    },
  };
}

export interface MasterKeySource {
  /** Base64 keys from CORAL_MASTER_KEY, comma-separated, the primary first. Wins over the file. */
  value?: string | undefined;
  /** A file with one base64 key per line, the primary first (CORAL_KEY_FILE, or beside the data folder). */
  file: string;
  /** Create the file with a new random key when neither exists (embedded mode only). */
  createIfMissing: boolean;
}

export interface LoadedMasterKey {
  keyring: Keyring;
  /** Set when this call generated a new key file: the operator must back it up. */
  createdFile?: string;
}

/**
 * Loads the master keys from the environment or a key file, creating the file on first start when asked.
 *
 * @example
 * const { keyring, createdFile } = loadMasterKey({ file: './coral-data.key', createIfMissing: true });
 */
export function loadMasterKey(source: MasterKeySource): LoadedMasterKey {
  if (source.value)
    return { keyring: createKeyring(decodeKeys(source.value.split(','), 'CORAL_MASTER_KEY')) };
  if (existsSync(source.file)) return { keyring: createKeyring(readKeyFile(source.file)) };
  if (!source.createIfMissing) {
    throw new AppError(
      'unavailable',
      'No master key: set CORAL_MASTER_KEY (base64 of 32 random bytes) or CORAL_KEY_FILE (a file holding it). ' +
        `Expected a key file at ${source.file}.`,
    );
  }
  const key = randomBytes(keyBytes);
  mkdirSync(dirname(source.file), { recursive: true });
  writeFileSync(source.file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(source.file, 0o600);
  return { keyring: createKeyring([key]), createdFile: source.file };
}

/** The keys of a key file, primary first. */
export function readKeyFile(file: string): Buffer[] {
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return decodeKeys(lines, file);
}

/** Replaces a key file atomically (write beside, then rename), readable by its owner only. */
export function writeKeyFile(file: string, keys: readonly Buffer[]): void {
  const temporary = `${file}.new-${process.pid}`;
  writeFileSync(temporary, `${keys.map((key) => key.toString('base64')).join('\n')}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

function decodeKeys(texts: readonly string[], where: string): Buffer[] {
  if (texts.length === 0) throw new AppError('bad_request', `No master key in ${where}.`);
  return texts.map((text) => {
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== keyBytes || key.toString('base64') !== text.trim()) {
      throw new AppError('bad_request', `The master key in ${where} is not base64 of ${keyBytes} bytes.`);
    }
    return key;
  });
}
