import { randomBytes, randomFillSync } from 'node:crypto';

/** Where Coral gets identifiers and secrets. Injected so tests can make them predictable. */
export interface Ids {
  /** A new record id: a UUID version 7, so ids sort by creation time and keep indexes compact. */
  uuid(): string;
  /** A new unguessable secret of `bytes` random bytes, base64url-encoded (sessions, tokens, CSRF). */
  secret(bytes?: number): string;
}

/**
 * Ids from the operating system's cryptographic random source.
 *
 * @example
 * const ids = createRandomIds();
 * ids.uuid(); // '019a7c1e-...'
 */
export function createRandomIds(now: () => number = Date.now): Ids {
  // Random bytes for ids drawn 4 KiB at a time: one system call per 409 ids rather than one per id
  // (bulk imports make two ids a row). Secrets are drawn on their own.
  const pool = Buffer.alloc(4096);
  let used = pool.length;
  const tenRandomBytes = () => {
    if (used + 10 > pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    used += 10;
    return pool.subarray(used - 10, used);
  };
  return {
    uuid: () => uuidV7(now(), tenRandomBytes()),
    secret: (bytes = 32) => randomBytes(bytes).toString('base64url'),
  };
}

/** Lays out a UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, version, 74 random bits, variant. */
export function uuidV7(milliseconds: number, random: Uint8Array): string {
  const bytes = new Uint8Array(16);
  let time = BigInt(milliseconds);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = Number(time & 0xffn);
    time >>= 8n;
  }
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether text is a UUID as Coral writes them (lower or upper case hex, dashed), so safe to compare. */
export function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
