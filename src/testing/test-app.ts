import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type CoralDeps, createApp, createServices, type HttpOptions, type Services } from '../app.js';
import { createKeyring } from '../crypto/keyring.js';
import { createTotp } from '../crypto/totp.js';
import type { Database } from '../db/database.js';
import { type OrganisationRole, operatorContext, type RoleId } from '../platform/actor.js';
import { ManualClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import type { CountryCode } from '../standard/codelists/countries.js';
import type { OrganisationType } from '../standard/codelists/organisation-types.js';

/** A Coral app on a test database, with a clock the test moves and every log line kept. */
export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: Database;
  clock: ManualClock;
  /** Every line the app logged, as text. */
  logs: string[];
  /** Where this app keeps uploads while they wait. */
  stagingFolder: string;
  close(): Promise<void>;
}

export const testPassword = 'correct horse battery staple';
const operator = operatorContext('test');

/**
 * Builds the app exactly as production does, over the given database.
 *
 * @example
 * const t = await createTestApp(await storage.open());
 * const res = await t.app.inject({ method: 'GET', url: '/api/health' });
 */
export async function createTestApp(
  database: Database,
  overrides: Partial<CoralDeps> = {},
  http: HttpOptions = {},
): Promise<TestApp> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const clock = new ManualClock(new Date());
  const stagingFolder = await mkdtemp(join(tmpdir(), 'coral-test-imports-'));
  const deps: CoralDeps = {
    database,
    keyring: createKeyring([randomBytes(32)]),
    logger: createLogger({ level: 'info', destination }),
    clock,
    ...overrides,
    importSettings: { stagingFolder, ...overrides.importSettings },
  };
  const services = createServices(deps);
  const app = await createApp(
    deps,
    { webRoot: '/nonexistent-web-root', credentialAttemptsPerMinute: 10_000, ...http },
    services,
  );
  await app.ready();
  return {
    app,
    services,
    database,
    clock,
    logs,
    stagingFolder,
    close: async () => {
      await app.close();
      await database.close();
      await rm(stagingFolder, { recursive: true, force: true });
    },
  };
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Registers an organisation as an operator would. */
export async function seedOrganisation(
  t: TestApp,
  fields: { name?: string; type?: OrganisationType; country?: CountryCode } = {},
): Promise<string> {
  const created = await t.services.organisations.create(operator, {
    name: fields.name ?? `Test organisation ${unique()}`,
    type: fields.type ?? 'NGO',
    country: fields.country ?? 'TT',
  });
  return created.id;
}

/** Creates an account with a role (in `orgId`, unless platform-admin) and returns its e-mail and id. */
export async function seedUser(
  t: TestApp,
  orgId: string | null,
  role: RoleId,
): Promise<{ email: string; id: string }> {
  const email = `${role}-${unique()}@test.example`;
  const { user } = await t.services.users.addMember(operator, {
    orgId,
    email,
    displayName: `Test ${role}`,
    preferredLanguage: 'en',
    role,
    password: testPassword,
  });
  return { email, id: user.id };
}

/** A signed-in browser: sends the session cookie, and the CSRF token on writes. */
export interface Client {
  userId: string;
  email: string;
  cookie: string;
  csrfToken: string;
  request(method: InjectOptions['method'], url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** Sends a file's bytes as the body (an upload). */
  upload(url: string, bytes: Buffer | string): Promise<LightMyRequestResponse>;
}

export async function login(
  t: TestApp,
  email: string,
  extra: { totp?: string; orgId?: string } = {},
): Promise<Client> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: testPassword, ...extra },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'coral_session');
  if (!cookie) throw new Error('login set no session cookie');
  const body = response.json<{ csrfToken: string; user: { id: string } }>();
  const client: Client = {
    userId: body.user.id,
    email,
    cookie: cookie.value,
    csrfToken: body.csrfToken,
    request: (method, url, payload) =>
      t.app.inject({
        method,
        url,
        cookies: { coral_session: client.cookie },
        headers: { 'x-csrf-token': client.csrfToken },
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      }),
    upload: (url, bytes) =>
      t.app.inject({
        method: 'POST',
        url,
        cookies: { coral_session: client.cookie },
        headers: { 'x-csrf-token': client.csrfToken, 'content-type': 'application/octet-stream' },
        payload: typeof bytes === 'string' ? Buffer.from(bytes) : bytes,
      }),
  };
  return client;
}

/** Sets up TOTP for a signed-in client and returns the secret; moves the clock past the used step. */
export async function enrolTotp(t: TestApp, client: Client): Promise<string> {
  const start = await client.request('POST', '/api/v1/auth/totp/enrol', { password: testPassword });
  if (start.statusCode !== 200) throw new Error(`enrol failed: ${start.statusCode} ${start.body}`);
  const { secret } = start.json<{ secret: string }>();
  const code = await createTotp().codeAt(secret, t.clock.now());
  const confirm = await client.request('POST', '/api/v1/auth/totp/confirm', { code });
  if (confirm.statusCode !== 204) throw new Error(`confirm failed: ${confirm.statusCode} ${confirm.body}`);
  t.clock.advance({ seconds: 30 });
  return secret;
}

/** The current TOTP code for a secret at the test clock's time. */
export function totpCode(t: TestApp, secret: string): Promise<string> {
  return createTotp().codeAt(secret, t.clock.now());
}

/**
 * A user with a role in an organisation, signed in — administrators with TOTP set up, as they must be
 * to administer.
 */
export async function loginAs(
  t: TestApp,
  role: OrganisationRole | 'platform-admin',
  orgId: string | null,
): Promise<Client> {
  const { email } = await seedUser(t, orgId, role);
  const client = await login(t, email);
  if (role === 'admin' || role === 'platform-admin') await enrolTotp(t, client);
  return client;
}
