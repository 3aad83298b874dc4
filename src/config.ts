import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { MasterKeySource } from './crypto/keyring.js';
import type { AuthSettings } from './modules/auth/auth.service.js';
import { AppError } from './platform/errors.js';

/**
 * Which reverse proxies to believe about the client's address and protocol: none (false), the nearest
 * N hops, or proxies by address or CIDR. Never "all": the left-most X-Forwarded-For is the client's to forge.
 */
export type TrustProxy = false | number | string[];

/** Where Coral keeps its data. */
export type StorageConfig = { kind: 'pglite'; folder: string } | { kind: 'postgres'; url: string };

/** Everything configurable, after environment variables and command-line flags are combined. */
export interface CoralConfig {
  storage: StorageConfig;
  masterKey: MasterKeySource;
  http: { host: string; port: number; trustProxy: TrustProxy; bodyLimit: number; rateLimitPerMinute: number };
  auth: Partial<AuthSettings>;
  imports: { stagingFolder: string; maxUploadBytes: number };
  logLevel: string;
  /** NODE_ENV=production: unsafe settings stop Coral instead of warning. */
  production: boolean;
}

/** Flags that override the environment. */
export interface ConfigFlags {
  data?: string | undefined;
  port?: string | number | undefined;
  host?: string | undefined;
}

const positiveInt = (name: string) =>
  z.coerce
    .number({ message: `${name} must be a number.` })
    .int(`${name} must be a whole number.`)
    .positive(`${name} must be above zero.`);

/** Every environment variable Coral reads, with its meaning; the README's table is written from this. */
export const environmentVariables = z.object({
  CORAL_DATA: z
    .string()
    .min(1)
    .optional()
    .describe('Data folder of the embedded database (default ./coral-data)'),
  DATABASE_URL: z
    .string()
    .min(1)
    .optional()
    .describe('PostgreSQL connection URL; when set, PGlite is not used'),
  CORAL_MASTER_KEY: z
    .string()
    .optional()
    .describe('Master key, base64 of 32 random bytes; wins over CORAL_KEY_FILE'),
  CORAL_KEY_FILE: z
    .string()
    .optional()
    .describe('File holding the master key (default: <data folder>.key beside the data folder)'),
  CORAL_HOST: z.string().min(1).optional().describe('Address to listen on (default localhost)'),
  CORAL_PORT: positiveInt('CORAL_PORT').max(65535).optional().describe('Port to listen on (default 8080)'),
  CORAL_TRUST_PROXY: z
    .string()
    .regex(
      /^(false|true|\d{1,2}|[\d.:a-fA-F/]+(, ?[\d.:a-fA-F/]+)*)$/,
      'CORAL_TRUST_PROXY must be false, a number of proxy hops, or proxy addresses (CIDR), comma-separated.',
    )
    .optional()
    .describe(
      'Reverse proxies to trust for client address and https: a hop count (true = 1) or proxy addresses/CIDRs, comma-separated',
    ),
  CORAL_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ message: 'CORAL_RATE_LIMIT_PER_MINUTE must be a number.' })
    .int()
    .min(0)
    .optional()
    .describe('API requests allowed per client address per minute; 0 turns the limit off (default 1200)'),
  CORAL_BODY_LIMIT_BYTES: positiveInt('CORAL_BODY_LIMIT_BYTES')
    .optional()
    .describe('Largest JSON request body (default 1048576)'),
  CORAL_IMPORT_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Where uploads wait, sealed, until imported (default: <data folder>/imports, or a temporary folder with PostgreSQL)',
    ),
  CORAL_IMPORT_MAX_BYTES: positiveInt('CORAL_IMPORT_MAX_BYTES')
    .optional()
    .describe('Largest file that can be uploaded for import (default 268435456, 256 MiB)'),
  CORAL_SESSION_IDLE_MINUTES: positiveInt('CORAL_SESSION_IDLE_MINUTES')
    .optional()
    .describe('Sign out after this much inactivity (default 30)'),
  CORAL_SESSION_MAX_HOURS: positiveInt('CORAL_SESSION_MAX_HOURS')
    .optional()
    .describe('Sign out this long after sign-in (default 12)'),
  CORAL_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .optional()
    .describe('Log level (default info)'),
  NODE_ENV: z.string().optional().describe('production makes unsafe database settings fatal'),
});

/**
 * Reads configuration from the environment and flags; throws an AppError naming the bad variable.
 *
 * @example
 * const config = loadConfig(process.env, { data: './coral-data', port: 8080 });
 */
export function loadConfig(env: Record<string, string | undefined>, flags: ConfigFlags = {}): CoralConfig {
  const parsed = environmentVariables.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('bad_request', `Configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const vars = parsed.data;
  const port = flags.port === undefined ? (vars.CORAL_PORT ?? 8080) : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new AppError('bad_request', '--port must be 0 to 65535.');
  const folder = resolve(flags.data ?? vars.CORAL_DATA ?? './coral-data');
  const useDatabaseUrl = vars.DATABASE_URL !== undefined && flags.data === undefined;
  const storage: StorageConfig = useDatabaseUrl
    ? { kind: 'postgres', url: vars.DATABASE_URL ?? '' }
    : { kind: 'pglite', folder };
  return {
    storage,
    masterKey: {
      value: vars.CORAL_MASTER_KEY || undefined,
      file: resolve(vars.CORAL_KEY_FILE ?? `${folder}.key`),
      createIfMissing: storage.kind === 'pglite' && vars.CORAL_KEY_FILE === undefined,
    },
    http: {
      host: flags.host ?? vars.CORAL_HOST ?? 'localhost',
      port,
      trustProxy: parseTrustProxy(vars.CORAL_TRUST_PROXY),
      rateLimitPerMinute: vars.CORAL_RATE_LIMIT_PER_MINUTE ?? 1200,
      bodyLimit: vars.CORAL_BODY_LIMIT_BYTES ?? 1_048_576,
    },
    auth: {
      ...(vars.CORAL_SESSION_IDLE_MINUTES ? { sessionIdleMs: vars.CORAL_SESSION_IDLE_MINUTES * 60_000 } : {}),
      ...(vars.CORAL_SESSION_MAX_HOURS
        ? { sessionAbsoluteMs: vars.CORAL_SESSION_MAX_HOURS * 3_600_000 }
        : {}),
    },
    imports: {
      stagingFolder: resolve(
        vars.CORAL_IMPORT_DIR ??
          (storage.kind === 'pglite' ? join(folder, 'imports') : join(tmpdir(), 'coral-imports')),
      ),
      maxUploadBytes: vars.CORAL_IMPORT_MAX_BYTES ?? 268_435_456,
    },
    logLevel: vars.CORAL_LOG_LEVEL ?? 'info',
    production: vars.NODE_ENV === 'production',
  };
}

function parseTrustProxy(value: string | undefined): TrustProxy {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true') return 1;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim());
}
