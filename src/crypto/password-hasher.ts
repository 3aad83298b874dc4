import { hash, verify } from '@node-rs/argon2';

/** argon2id cost parameters. */
export interface Argon2Parameters {
  /** Memory in KiB. */
  memoryCost: number;
  /** Iterations. */
  timeCost: number;
  parallelism: number;
}

/**
 * Coral's defaults: above the OWASP Password Storage Cheat Sheet minimum that ASVS 5.0 (V11.4.2) points
 * to (argon2id, 19 MiB, 2 iterations, 1 lane): 64 MiB, 3 iterations, 1 lane, about 70 ms per hash here.
 */
export const defaultArgon2Parameters: Argon2Parameters = { memoryCost: 65_536, timeCost: 3, parallelism: 1 };

/** The OWASP minimum, below which a stored hash is upgraded at the next sign-in. */
export const minimumArgon2Parameters: Argon2Parameters = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a malformed hash; never throws on user input. */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** True when the hash was made with weaker parameters than the current ones. */
  needsRehash(passwordHash: string): boolean;
}

/**
 * argon2id password hashing (argon2's own format: algorithm, version, parameters, salt, hash).
 *
 * @example
 * const hasher = createPasswordHasher();
 * const stored = await hasher.hash('correct horse battery staple');
 * await hasher.verify(stored, 'correct horse battery staple'); // true
 */
export function createPasswordHasher(parameters: Argon2Parameters = defaultArgon2Parameters): PasswordHasher {
  // Algorithm 2 is argon2id (a const enum in @node-rs/argon2, unusable under verbatimModuleSyntax).
  const options = { ...parameters, algorithm: 2 as const };
  return {
    hash: (password) => hash(password, options),
    async verify(passwordHash, password) {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
    needsRehash(passwordHash) {
      const found = parseArgon2Parameters(passwordHash);
      if (!found) return true;
      return found.memoryCost < parameters.memoryCost || found.timeCost < parameters.timeCost;
    },
  };
}

/** Reads the parameters out of an encoded argon2id hash, or undefined when it is not one. */
export function parseArgon2Parameters(passwordHash: string): Argon2Parameters | undefined {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!match) return undefined;
  return { memoryCost: Number(match[1]), timeCost: Number(match[2]), parallelism: Number(match[3]) };
}
