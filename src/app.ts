import { join } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TrustProxy } from './config.js';
import type { Keyring } from './crypto/keyring.js';
import { createPasswordHasher, type PasswordHasher } from './crypto/password-hasher.js';
import { createTotp, type Totp } from './crypto/totp.js';
import type { Database } from './db/database.js';
import { registerErrorHandling } from './http/error-handler.js';
import { registerOpenApi } from './http/openapi.js';
import { registerRequestContext } from './http/request-context.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerWebApp } from './http/web-app.js';
import { AuditRepository } from './modules/audit/audit.repository.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { AuditService } from './modules/audit/audit.service.js';
import { AuthRepository } from './modules/auth/auth.repository.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { AuthService, type AuthSettings, defaultAuthSettings } from './modules/auth/auth.service.js';
import { ExportsService } from './modules/imports/exports.service.js';
import { ImportsRepository } from './modules/imports/imports.repository.js';
import { exportRoutes, importRoutes } from './modules/imports/imports.routes.js';
import {
  defaultImportSettings,
  type ImportSettings,
  ImportsService,
} from './modules/imports/imports.service.js';
import { KeysRepository } from './modules/keys/keys.repository.js';
import { KeysService } from './modules/keys/keys.service.js';
import { LinkageRepository } from './modules/linkage/linkage.repository.js';
import { linkageRoutes } from './modules/linkage/linkage.routes.js';
import { LinkageService } from './modules/linkage/linkage.service.js';
import { OrganisationsRepository } from './modules/organisations/organisations.repository.js';
import { organisationRoutes } from './modules/organisations/organisations.routes.js';
import { OrganisationsService } from './modules/organisations/organisations.service.js';
import { RecordsRepository } from './modules/records/records.repository.js';
import { recordRoutes } from './modules/records/records.routes.js';
import { RecordsService } from './modules/records/records.service.js';
import { standardRoutes } from './modules/standard/standard.routes.js';
import { StatisticsRepository } from './modules/statistics/statistics.repository.js';
import { statisticsRoutes } from './modules/statistics/statistics.routes.js';
import { StatisticsService } from './modules/statistics/statistics.service.js';
import { SystemRepository } from './modules/system/system.repository.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { SystemService } from './modules/system/system.service.js';
import { TokenCache } from './modules/tokens/token-cache.js';
import { TokensRepository } from './modules/tokens/tokens.repository.js';
import { tokenRoutes } from './modules/tokens/tokens.routes.js';
import { TokensService } from './modules/tokens/tokens.service.js';
import { UsersRepository } from './modules/users/users.repository.js';
import { userRoutes } from './modules/users/users.routes.js';
import { UsersService } from './modules/users/users.service.js';
import { type Clock, createSystemClock } from './platform/clock.js';
import { createRandomIds, type Ids } from './platform/ids.js';
import type { Logger } from './platform/logger.js';
import { coralVersion, packageRoot } from './platform/paths.js';
import { entityIds } from './standard/field.js';

/** Everything Coral needs from outside: storage, keys, time, randomness, logging. */
export interface CoralDeps {
  database: Database;
  keyring: Keyring;
  /** Reloads the master keys from their file, so a rotation by another process is picked up. */
  reloadKeyring?: () => Keyring;
  logger: Logger;
  clock?: Clock;
  ids?: Ids;
  hasher?: PasswordHasher;
  totp?: Totp;
  authSettings?: Partial<AuthSettings>;
  /** How long a resolved API token may be reused without asking the database (ms; 0: never). */
  tokenCacheMs?: number;
  /** Where uploads wait and how large they may be (defaults: a temporary folder, 256 MiB). */
  importSettings?: Partial<ImportSettings>;
}

/** Every service, wired. The HTTP routes, the CLI and the demo seeder all go through these. */
export interface Services {
  system: SystemService;
  keys: KeysService;
  records: RecordsService;
  audit: AuditService;
  organisations: OrganisationsService;
  users: UsersService;
  tokens: TokensService;
  auth: AuthService;
  imports: ImportsService;
  exports: ExportsService;
  statistics: StatisticsService;
  linkage: LinkageService;
}

/**
 * The one place where Coral's parts are put together. No module creates its own dependencies.
 *
 * @example
 * const services = createServices({ database, keyring, logger });
 * await services.organisations.create(operatorContext('alice'), { name: 'TiP Unit', type: 'LawEnforcement', country: 'TT' });
 */
export function createServices(deps: CoralDeps): Services {
  const { database } = deps;
  const clock = deps.clock ?? createSystemClock();
  const ids = deps.ids ?? createRandomIds();
  const hasher = deps.hasher ?? createPasswordHasher();
  const system = new SystemService({
    database,
    system: new SystemRepository(database),
    version: coralVersion(),
  });
  const keys = new KeysService({
    database,
    keys: new KeysRepository(database),
    system,
    clock,
    keyring: () => deps.keyring,
    ...(deps.reloadKeyring ? { reloadKeyring: deps.reloadKeyring } : {}),
  });
  const audit = new AuditService({ database, audit: new AuditRepository(database), clock });
  const organisations = new OrganisationsService({
    database,
    organisations: new OrganisationsRepository(database),
    audit,
    clock,
    ids,
  });
  const tokenCache = new TokenCache(deps.tokenCacheMs ?? 1000);
  const users = new UsersService({
    database,
    users: new UsersRepository(database),
    organisations,
    audit,
    hasher,
    clock,
    ids,
    tokenCache,
  });
  const tokens = new TokensService({
    database,
    tokens: new TokensRepository(database),
    users,
    audit,
    clock,
    ids,
    cache: tokenCache,
  });
  const auth = new AuthService({
    database,
    auth: new AuthRepository(database),
    users,
    organisations,
    tokens,
    audit,
    hasher,
    totp: deps.totp ?? createTotp(),
    keys,
    clock,
    ids,
    settings: { ...defaultAuthSettings, ...deps.authSettings },
  });
  const records = new RecordsService({
    database,
    records: new RecordsRepository(database),
    keys,
    audit,
    clock,
    ids,
  });
  const imports = new ImportsService({
    database,
    imports: new ImportsRepository(database),
    records,
    keys,
    audit,
    clock,
    ids,
    logger: deps.logger,
    settings: { ...defaultImportSettings(), ...deps.importSettings },
  });
  const exports = new ExportsService({ records, audit });
  const statistics = new StatisticsService({
    database,
    statistics: new StatisticsRepository(database),
    audit,
    clock,
    ids,
  });
  const linkage = new LinkageService({
    database,
    linkage: new LinkageRepository(database),
    records,
    organisations,
    audit,
    clock,
    ids,
  });
  return {
    system,
    keys,
    records,
    audit,
    organisations,
    users,
    tokens,
    auth,
    imports,
    exports,
    statistics,
    linkage,
  };
}

export interface HttpOptions {
  /** Trust X-Forwarded-* from a reverse proxy (for https detection and client addresses). */
  trustProxy?: TrustProxy;
  /** API requests allowed per client address per minute; 0 for no limit (tests, benchmarks). */
  rateLimitPerMinute?: number;
  /** Largest request body in bytes. */
  bodyLimit?: number;
  /** Folder of the built web app; `web/dist` in the package by default. */
  webRoot?: string;
  /** Sign-in and other credential checks allowed per client address per minute (default 30). */
  credentialAttemptsPerMinute?: number;
  /** Tidy imports at start and hourly: mark those a stopped process left as failed, drop old uploads. */
  importHousekeeping?: boolean;
}

/**
 * Builds the HTTP server: security headers, credentials → actor, the versioned API, OpenAPI, the web app.
 * Pass the process's services when it has them, so background work (imports) has one owner.
 *
 * @example
 * const app = await createApp({ database, keyring, logger });
 * await app.listen({ port: 8080 });
 */
export async function createApp(
  deps: CoralDeps,
  options: HttpOptions = {},
  services: Services = createServices(deps),
): Promise<FastifyInstance> {
  const ids = deps.ids ?? createRandomIds();
  // Typed as Fastify's logger so plugins, which are written against it, accept this instance.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    genReqId: () => ids.uuid(),
    trustProxy: trustProxySetting(options.trustProxy ?? false),
    bodyLimit: options.bodyLimit ?? 1_048_576,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON is accepted: text/plain is a "simple" type other sites' forms could send.
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app);
  await registerSecurityHeaders(app);
  await app.register(cookie);
  const perMinute = options.rateLimitPerMinute ?? 1200;
  // One limit per client address for the whole API (stricter ones on credential routes).
  await app.register(rateLimit, {
    global: perMinute > 0,
    max: perMinute > 0 ? perMinute : 1_000_000,
    timeWindow: '1 minute',
    allowList: (request) => !request.url.startsWith('/api/'),
  });
  await registerOpenApi(app, coralVersion());
  registerRequestContext(app, { auth: services.auth, audit: services.audit });

  await app.register(systemRoutes, { system: services.system });
  await app.register(
    async (api) => {
      await api.register(authRoutes, {
        auth: services.auth,
        credentialAttemptsPerMinute: options.credentialAttemptsPerMinute ?? 30,
      });
      await api.register(organisationRoutes, { organisations: services.organisations });
      await api.register(userRoutes, { users: services.users });
      await api.register(tokenRoutes, { tokens: services.tokens });
      await api.register(auditRoutes, { audit: services.audit });
      await api.register(standardRoutes);
      for (const kind of entityIds) await api.register(recordRoutes, { records: services.records, kind });
      await api.register(statisticsRoutes, { statistics: services.statistics });
      await api.register(linkageRoutes, { linkage: services.linkage });
      await api.register(importRoutes, { imports: services.imports, maxUploadBytes: uploadLimit(deps) });
      await api.register(exportRoutes, {
        exports: services.exports,
        clock: deps.clock ?? createSystemClock(),
      });
    },
    { prefix: '/api/v1' },
  );
  await registerWebApp(app, options.webRoot ?? join(packageRoot(), 'web', 'dist'));
  if (options.importHousekeeping ?? true) {
    const tidy = (startup: boolean) =>
      services.imports
        .housekeeping(startup)
        .catch((error: unknown) => app.log.warn({ err: error }, 'import housekeeping failed'));
    await tidy(true);
    const hourly = setInterval(() => void tidy(false), 3_600_000);
    hourly.unref();
    app.addHook('onClose', async () => clearInterval(hourly));
  }
  // Running imports roll back and end before the database closes.
  app.addHook('onClose', async () => services.imports.stop());
  return app;
}

function uploadLimit(deps: CoralDeps): number {
  return deps.importSettings?.maxUploadBytes ?? defaultImportSettings().maxUploadBytes;
}

/** Fastify's form of a trusted-proxy setting: a hop count becomes a function trusting the nearest hops. */
function trustProxySetting(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}
