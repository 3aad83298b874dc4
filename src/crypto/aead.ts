import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const format = 'v1';

/**
 * AES-256-GCM with a random 96-bit nonce; `context` is bound as associated data, so a sealed value
 * moved to another record or purpose fails to open. Output: `v1.<nonce>.<ciphertext>.<tag>`, base64url.
 *
 * @example
 * const sealed = aeadSeal(key, Buffer.from('Ana'), 'org-1:thbCase:rec-9');
 */
export function aeadSeal(key: Buffer, plaintext: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [
    format,
    iv.toString('base64url'),
    body.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

/** Opens what `aeadSeal` produced with the same key and context; throws on any tampering. */
export function aeadOpen(key: Buffer, sealed: string, context: string): Buffer {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== format || iv === undefined || body === undefined || tag === undefined) {
    throw new Error('A sealed value has an unknown format.');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
}
