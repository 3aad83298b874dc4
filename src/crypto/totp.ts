import { generate, generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 time-based one-time passwords: 6 digits, 30-second steps, SHA-1, as authenticator apps expect. */
export interface Totp {
  /** A new base32 secret (160 bits). */
  newSecret(): string;
  /** The otpauth:// URI an authenticator app reads from a QR code. */
  enrolmentUri(secret: string, account: string): string;
  /**
   * Checks a code at time `at`, accepting the step before and after for clock drift. `afterStep` rejects a
   * code from that step or earlier, so an accepted code cannot be replayed. Never throws on bad input.
   */
  check(
    secret: string,
    code: string,
    at: Date,
    afterStep?: number | null,
  ): Promise<{ valid: boolean; step?: number }>;
  /** The code for time `at` (for tests and the demo's own checks). */
  codeAt(secret: string, at: Date): Promise<string>;
}

/**
 * @example
 * const totp = createTotp('Coral');
 * const secret = totp.newSecret();
 * const { valid, step } = await totp.check(secret, '123456', clock.now(), lastStep);
 */
export function createTotp(issuer = 'Coral'): Totp {
  return {
    newSecret: () => generateSecret(),
    enrolmentUri: (secret, account) => generateURI({ issuer, label: account, secret }),
    async check(secret, code, at, afterStep) {
      if (!/^\d{6}$/.test(code)) return { valid: false };
      const result = await verify({
        secret,
        token: code,
        epoch: Math.floor(at.getTime() / 1000),
        epochTolerance: 30,
        ...(afterStep == null ? {} : { afterTimeStep: afterStep }),
      });
      return result.valid && 'timeStep' in result ? { valid: true, step: result.timeStep } : { valid: false };
    },
    codeAt: (secret, at) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) }),
  };
}
