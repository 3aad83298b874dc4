import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aeadOpen, aeadSeal } from './aead.js';
import { createKeyring, keyIdOf, loadMasterKey, readKeyFile, writeKeyFile } from './keyring.js';
import {
  createPasswordHasher,
  defaultArgon2Parameters,
  minimumArgon2Parameters,
  parseArgon2Parameters,
} from './password-hasher.js';
import { createTotp } from './totp.js';

describe('master keys and sealing', () => {
  it('opens what it sealed, for any bytes and context', () => {
    const key = randomBytes(32);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.string(), (bytes, context) => {
        expect(
          aeadOpen(key, aeadSeal(key, Buffer.from(bytes), context), context).equals(Buffer.from(bytes)),
        ).toBe(true);
      }),
    );
  });

  it('refuses a sealed value moved to another context, opened with another key, or tampered with', () => {
    const key = randomBytes(32);
    const sealed = aeadSeal(key, Buffer.from('JBSWY3DPEHPK3PXP'), 'totp:user-1');
    expect(() => aeadOpen(key, sealed, 'totp:user-2')).toThrow();
    expect(() => aeadOpen(randomBytes(32), sealed, 'totp:user-1')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[2] = body.toString('base64url');
    expect(() => aeadOpen(key, parts.join('.'), 'totp:user-1')).toThrow();
  });

  it('wraps data keys under the primary master key and unwraps with any key it holds', () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const dataKey = randomBytes(32);
    const before = createKeyring([oldKey]);
    const wrapped = before.wrap(dataKey, 'org:1');
    const after = createKeyring([newKey, oldKey]);
    expect(after.unwrap(wrapped, 'org:1').equals(dataKey)).toBe(true);
    expect(after.wrap(dataKey, 'org:1').startsWith(`${keyIdOf(newKey)}:`)).toBe(true);
    expect(() => createKeyring([newKey]).unwrap(wrapped, 'org:1')).toThrow(/not loaded/);
    expect(() => after.unwrap(wrapped, 'org:2')).toThrow();
  });

  it('creates a key file readable by its owner only, then reuses it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'coral-key-')), 'master.key');
    const first = loadMasterKey({ file, createIfMissing: true });
    expect(first.createdFile).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadMasterKey({ file, createIfMissing: true });
    expect(second.createdFile).toBeUndefined();
    expect(second.keyring.primaryId).toBe(first.keyring.primaryId);
    expect(readFileSync(file, 'utf8').trim()).toHaveLength(44);
  });

  it('replaces a key file atomically with several keys, the primary first', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'coral-key-')), 'master.key');
    const keys = [randomBytes(32), randomBytes(32)];
    writeKeyFile(file, keys);
    expect(readKeyFile(file).map((k) => k.toString('hex'))).toEqual(keys.map((k) => k.toString('hex')));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadMasterKey({ file, createIfMissing: false }).keyring.ids).toEqual(keys.map(keyIdOf));
  });

  it('prefers CORAL_MASTER_KEY, refuses malformed keys, and will not invent one when told not to', () => {
    const value = randomBytes(32).toString('base64');
    expect(loadMasterKey({ value, file: '/nonexistent/key', createIfMissing: false }).keyring.primaryId).toBe(
      keyIdOf(Buffer.from(value, 'base64')),
    );
    expect(() => loadMasterKey({ value: 'too-short', file: '/x', createIfMissing: false })).toThrow(
      /32 bytes/,
    );
    expect(() => loadMasterKey({ file: '/nonexistent/key', createIfMissing: false })).toThrow(
      /CORAL_MASTER_KEY/,
    );
    const bad = join(mkdtempSync(join(tmpdir(), 'coral-key-')), 'bad.key');
    writeFileSync(bad, 'not base64 at all!');
    expect(() => loadMasterKey({ file: bad, createIfMissing: true })).toThrow(/base64/);
  });
});

describe('password hasher', () => {
  it('uses argon2id at or above the OWASP / ASVS 5.0 minimum', async () => {
    expect(defaultArgon2Parameters.memoryCost).toBeGreaterThanOrEqual(minimumArgon2Parameters.memoryCost);
    expect(defaultArgon2Parameters.timeCost).toBeGreaterThanOrEqual(minimumArgon2Parameters.timeCost);
    const stored = await createPasswordHasher().hash('a passphrase of some length');
    expect(stored).toMatch(/^\$argon2id\$v=19\$/);
    expect(parseArgon2Parameters(stored)).toEqual(defaultArgon2Parameters);
  });

  it('verifies the right password only, and never throws on garbage', async () => {
    const hasher = createPasswordHasher();
    const stored = await hasher.hash('right password here');
    expect(await hasher.verify(stored, 'right password here')).toBe(true);
    expect(await hasher.verify(stored, 'wrong password here')).toBe(false);
    expect(await hasher.verify('not a hash', 'anything')).toBe(false);
  });

  it('asks for a rehash of hashes made with weaker parameters', async () => {
    const weak = await createPasswordHasher(minimumArgon2Parameters).hash('upgrade me please');
    const hasher = createPasswordHasher();
    expect(hasher.needsRehash(weak)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('already strong'))).toBe(false);
  });
});

describe('TOTP', () => {
  const totp = createTotp();

  it('accepts the current code and the neighbouring steps only', async () => {
    const secret = totp.newSecret();
    const at = new Date('2026-03-01T12:00:10Z');
    const code = await totp.codeAt(secret, at);
    expect((await totp.check(secret, code, at)).valid).toBe(true);
    expect((await totp.check(secret, code, new Date(at.getTime() + 30_000))).valid).toBe(true);
    expect((await totp.check(secret, code, new Date(at.getTime() + 90_000))).valid).toBe(false);
  });

  it('refuses a code from a step already used, and malformed codes without throwing', async () => {
    const secret = totp.newSecret();
    const at = new Date('2026-03-01T12:00:10Z');
    const code = await totp.codeAt(secret, at);
    const first = await totp.check(secret, code, at);
    expect((await totp.check(secret, code, at, first.step)).valid).toBe(false);
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 456'])
      expect((await totp.check(secret, bad, at)).valid).toBe(false);
  });

  it('gives an otpauth URI an authenticator app can read', () => {
    expect(totp.enrolmentUri('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'a@b.example')).toMatch(
      /^otpauth:\/\/totp\/Coral:a%40b\.example\?secret=/,
    );
  });
});
