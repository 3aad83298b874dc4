import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../platform/errors.js';

/**
 * Seals and opens small secrets with keys derived from Coral's master key. The master key never leaves
 * this object and is never written to the database; the database keeps only its id, so Coral can refuse
 * to start with the wrong key instead of failing later on every record.
 */
export interface Keyring {
  /** A short fingerprint of the master key (not the key). */
  readonly keyId: string;
  /** AES-256-GCM under a key derived for `purpose`; `context` (e.g. a record id) is bound as associated data. */
  seal(purpose: string, plaintext: Buffer, context: string): string;
  /** Opens what `seal` produced for the same purpose and context; throws on any tampering. */
  open(purpose: string, sealed: string, context: string): Buffer;
}

const masterKeyBytes = 32;
const format = 'v1';

/**
 * Builds a keyring from 32 raw key bytes.
 *
 * @example
 * const keyring = createKeyring(randomBytes(32));
 * const sealed = keyring.seal('totp', Buffer.from(secret), userId);
 */
export function createKeyring(masterKey: Buffer): Keyring {
  if (masterKey.length !== masterKeyBytes) {
    throw new AppError(
      'bad_request',
      `The master key must be ${masterKeyBytes} bytes (base64: 44 characters).`,
    );
  }
  const derived = new Map<string, Buffer>();
  const keyFor = (purpose: string): Buffer => {
    let key = derived.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `coral/${purpose}`, 32));
      derived.set(purpose, key);
    }
    return key;
  };
  return {
    keyId: createHash('sha256').update('coral-master-key-id').update(masterKey).digest('hex').slice(0, 16),
    seal(purpose, plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyFor(purpose), iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return [
        format,
        iv.toString('base64url'),
        body.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.');
    },
    open(purpose, sealed, context) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== format || iv === undefined || body === undefined || tag === undefined) {
        throw new AppError('internal', 'A sealed value has an unknown format.');
      }
      const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose), Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    },
  };
}

export interface MasterKeySource {
  /** Base64 of 32 bytes, from CORAL_MASTER_KEY. Wins over the file. */
  value?: string | undefined;
  /** Path of a file holding the base64 key, from CORAL_KEY_FILE or the default beside the data folder. */
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
 * Loads the master key from the environment or a key file, creating the file on first start when asked.
 *
 * @example
 * const { keyring, createdFile } = loadMasterKey({ file: './coral-master.key', createIfMissing: true });
 */
export function loadMasterKey(source: MasterKeySource): LoadedMasterKey {
  if (source.value) return { keyring: createKeyring(decodeKey(source.value, 'CORAL_MASTER_KEY')) };
  if (existsSync(source.file)) {
    return { keyring: createKeyring(decodeKey(readFileSync(source.file, 'utf8').trim(), source.file)) };
  }
  if (!source.createIfMissing) {
    throw new AppError(
      'unavailable',
      `No master key: set CORAL_MASTER_KEY (base64 of 32 random bytes) or CORAL_KEY_FILE (a file holding it). ` +
        `Expected a key file at ${source.file}.`,
    );
  }
  const key = randomBytes(masterKeyBytes);
  mkdirSync(dirname(source.file), { recursive: true });
  writeFileSync(source.file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(source.file, 0o600);
  return { keyring: createKeyring(key), createdFile: source.file };
}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== masterKeyBytes || key.toString('base64') !== text) {
    throw new AppError('bad_request', `The master key in ${where} is not base64 of ${masterKeyBytes} bytes.`);
  }
  return key;
}
