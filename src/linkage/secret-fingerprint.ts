import { scryptSync } from 'node:crypto';
import { AppError } from '../platform/errors.js';

/**
 * A one-way fingerprint of a linkage secret, so the hub can tell parties that they encoded under
 * different secrets (their encodings would never match) without ever holding the secret. scrypt makes
 * guessing a weak secret from its fingerprint slow; secrets must be long anyway (see
 * {@link checkLinkageSecret}), and `coral link secret` makes a random one.
 *
 * @example
 * secretFingerprint('correct horse battery staple'); // 'p3Jv…' (43 characters, base64url)
 */
export function secretFingerprint(secret: string | Uint8Array): string {
  checkLinkageSecret(secret);
  return scryptSync(secret, 'coral linkage secret fingerprint v1', 32, {
    N: 2 ** 15,
    r: 8,
    p: 1,
    maxmem: 64 * 2 ** 20,
  }).toString('base64url');
}

/** The fewest characters (or bytes) a linkage secret may have. */
export const minimumSecretLength = 16;

/** Refuses a secret too short to resist guessing, with a message that says what to do. */
export function checkLinkageSecret(secret: string | Uint8Array): void {
  if (secret.length < minimumSecretLength) {
    throw new AppError(
      'bad_request',
      `The linkage secret is too short: use at least ${minimumSecretLength} characters (coral link secret makes a random one).`,
    );
  }
}
