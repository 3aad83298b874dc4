import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStorage } from '../../testing/storages.js';
import {
  createTestApp,
  enrolTotp,
  login,
  loginAs,
  seedOrganisation,
  seedUser,
  type TestApp,
  testPassword,
  totpCode,
} from '../../testing/test-app.js';

const loginUrl = '/api/v1/auth/login';

describeEachStorage('sign-in and sessions', (storage) => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp(await storage.open());
    orgId = await seedOrganisation(t);
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string, extra: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: loginUrl, payload: { email, password, ...extra } });

  it('signs in with the right password: httpOnly SameSite=Lax cookie, session describes user and organisation', async () => {
    const { email } = await seedUser(t, orgId, 'data-officer');
    const response = await attempt(email.toUpperCase(), testPassword);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'coral_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value).toMatch(/^[\w-]{43}$/);
    const body = response.json();
    expect(body.user.email).toBe(email);
    expect(body.organisation.id).toBe(orgId);
    expect(body.role).toBe('data-officer');
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(body)).not.toContain('argon2');
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const proxied = await createTestApp(await storage.open(), {}, { trustProxy: 1 });
    try {
      const { email } = await seedUser(proxied, await seedOrganisation(proxied), 'viewer');
      const response = await proxied.app.inject({
        method: 'POST',
        url: loginUrl,
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email, password: testPassword },
      });
      const cookie = response.cookies.find((c) => c.name === '__Host-coral_session');
      expect(cookie?.secure).toBe(true);
      expect(cookie?.path).toBe('/');
    } finally {
      await proxied.close();
    }
  });

  it('answers a wrong password and an unknown e-mail with the same 401 and message', async () => {
    const { email } = await seedUser(t, orgId, 'viewer');
    const wrong = await attempt(email, 'not the password at all');
    const unknown = await attempt('nobody-here@test.example', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('spends comparable time on unknown e-mails (a password hash is always verified)', async () => {
    const { email } = await seedUser(t, orgId, 'viewer');
    const time = async (address: string) => {
      const start = performance.now();
      await attempt(address, 'wrong password here');
      return performance.now() - start;
    };
    await time('warm-up@test.example');
    const known = Math.min(await time(email), await time(email));
    const unknown = Math.min(await time('ghost-1@test.example'), await time('ghost-2@test.example'));
    // A hash verification takes tens of milliseconds; skipping it would make unknown e-mails far faster.
    expect(unknown).toBeGreaterThan(known * 0.5);
  });

  it('locks an account after five failures: 429 with Retry-After even for the right password, until the lock ends', async () => {
    const { email } = await seedUser(t, orgId, 'case-worker');
    for (let i = 0; i < 5; i++) expect((await attempt(email, `wrong-${i}-password`)).statusCode).toBe(401);
    const locked = await attempt(email, testPassword);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_requests');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance({ minutes: 16 });
    expect((await attempt(email, testPassword)).statusCode).toBe(200);
  });

  it('counts attempts sent all at once: only five passwords are checked, the rest refused', async () => {
    const { email } = await seedUser(t, orgId, 'viewer');
    const attempts = Array.from({ length: 20 }, (_, i) =>
      attempt(email, i === 19 ? testPassword : `wrong-${i}-password`),
    );
    const statuses = (await Promise.all(attempts)).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(5);
    expect((await attempt(email, testPassword)).statusCode).toBe(429);
  });

  it('locks unknown e-mails the same way, so lockout does not reveal which accounts exist', async () => {
    for (let i = 0; i < 5; i++) await attempt('never-existed@test.example', `wrong-${i}-password`);
    const response = await attempt('never-existed@test.example', 'anything-at-all');
    expect(response.statusCode).toBe(429);
  });

  it('forgets failures older than the window', async () => {
    const { email } = await seedUser(t, orgId, 'analyst');
    for (let i = 0; i < 4; i++) await attempt(email, `wrong-${i}-password`);
    t.clock.advance({ minutes: 16 });
    for (let i = 0; i < 4; i++) await attempt(email, `wrong-${i}-password`);
    expect((await attempt(email, testPassword)).statusCode).toBe(200);
  });

  it('refuses a disabled account like a wrong password', async () => {
    const { email, id } = await seedUser(t, orgId, 'viewer');
    await t.services.users.updateAccount(id, { disabledAt: t.clock.now() });
    const response = await attempt(email, testPassword);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('invalid_credentials');
  });

  it('signs out: the session cookie stops working', async () => {
    const client = await loginAs(t, 'viewer', orgId);
    expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    expect((await client.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('ends a session after 30 idle minutes', async () => {
    const client = await loginAs(t, 'viewer', orgId);
    t.clock.advance({ minutes: 29 });
    expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    t.clock.advance({ minutes: 29 });
    expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    t.clock.advance({ minutes: 31 });
    const expired = await client.request('GET', '/api/v1/auth/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('unauthenticated');
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    const client = await loginAs(t, 'viewer', orgId);
    for (let step = 0; step < 35; step++) {
      t.clock.advance({ minutes: 20 }); // 35 × 20 minutes = 11 h 40 min, never idle for 30 minutes
      expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    }
    t.clock.advance({ minutes: 21 }); // 12 h 01 min after sign-in, 21 minutes idle
    expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('changes the password and ends the other sessions', async () => {
    const { email } = await seedUser(t, orgId, 'investigator');
    const first = await login(t, email);
    const second = await login(t, email);
    const newPassword = 'a brand new passphrase';
    const changed = await first.request('POST', '/api/v1/auth/password', {
      currentPassword: testPassword,
      newPassword,
    });
    expect(changed.statusCode).toBe(204);
    expect((await first.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    expect((await second.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect((await attempt(email, newPassword)).statusCode).toBe(200);
    expect((await attempt(email, testPassword)).statusCode).toBe(401);
  });
});

describeEachStorage('CSRF protection', (storage) => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp(await storage.open());
    orgId = await seedOrganisation(t);
  });
  afterAll(() => t.close());

  it('refuses a cookie-authenticated write without the CSRF token, and records the refusal', async () => {
    const client = await loginAs(t, 'data-officer', orgId);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { coral_session: client.cookie },
      payload: { name: 'sneaky' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_rejected');
    const denied = await t.services.audit.list(
      { actor: { kind: 'operator', name: 'test' }, origin: { requestId: null, clientAddress: null } },
      { limit: 5, actorId: client.userId },
    );
    expect(denied[0]).toMatchObject({ action: 'http.write', outcome: 'denied', reason: 'csrf_rejected' });
    const stored = await t.database.executor
      .selectFrom('api_tokens')
      .select('id')
      .where('name', '=', 'sneaky')
      .execute();
    expect(stored).toEqual([]);
  });

  it('refuses a write with another session’s CSRF token', async () => {
    const alice = await loginAs(t, 'data-officer', orgId);
    const bob = await loginAs(t, 'data-officer', orgId);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { coral_session: alice.cookie },
      headers: { 'x-csrf-token': bob.csrfToken },
      payload: { name: 'sneaky' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses writes that a browser says come from another site, even with the token', async () => {
    const client = await loginAs(t, 'data-officer', orgId);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { coral_session: client.cookie },
      headers: { 'x-csrf-token': client.csrfToken, origin: 'https://evil.example', host: 'coral.example' },
      payload: { name: 'sneaky' },
    });
    expect(response.statusCode).toBe(403);
    const login = await t.app.inject({
      method: 'POST',
      url: loginUrl,
      headers: { origin: 'https://evil.example', host: 'coral.example' },
      payload: { email: client.email, password: testPassword },
    });
    expect(login.statusCode).toBe(403);
  });

  it('accepts the write with the session’s token from the same origin', async () => {
    const client = await loginAs(t, 'data-officer', orgId);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { coral_session: client.cookie },
      headers: { 'x-csrf-token': client.csrfToken, origin: 'http://coral.example', host: 'coral.example' },
      payload: { name: 'legitimate' },
    });
    expect(response.statusCode).toBe(201);
  });

  it('does not ask API-token clients for a CSRF token', async () => {
    const client = await loginAs(t, 'data-officer', orgId);
    const created = await client.request('POST', '/api/v1/tokens', { name: 'script' });
    const token = created.json<{ token: string }>().token;
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${orgId}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'renamed by a token' },
    });
    // Authenticated without CSRF; refused by policy (tokens do not administer), not by CSRF.
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });
});

describeEachStorage('two-factor authentication (TOTP)', (storage) => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp(await storage.open());
    orgId = await seedOrganisation(t);
  });
  afterAll(() => t.close());

  it('enrols with a confirmed code; from then on sign-in asks for a code and accepts a valid one', async () => {
    const { email } = await seedUser(t, orgId, 'case-worker');
    const client = await login(t, email);
    const secret = await enrolTotp(t, client);
    const session = await client.request('GET', '/api/v1/auth/session');
    expect(session.json()).toMatchObject({ mfa: true, user: { totpEnabled: true } });

    const withoutCode = await t.app.inject({
      method: 'POST',
      url: loginUrl,
      payload: { email, password: testPassword },
    });
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().error.code).toBe('mfa_required');
    expect(withoutCode.cookies).toHaveLength(0);
    const operator = {
      actor: { kind: 'operator' as const, name: 'test' },
      origin: { requestId: null, clientAddress: null },
    };
    const [entry] = await t.services.audit.list(operator, { limit: 1, action: 'auth.login' });
    expect(entry).toMatchObject({ outcome: 'failure', reason: 'mfa_required' });

    const withCode = await t.app.inject({
      method: 'POST',
      url: loginUrl,
      payload: { email, password: testPassword, totp: await totpCode(t, secret) },
    });
    expect(withCode.statusCode).toBe(200);
    expect(withCode.json().mfa).toBe(true);
  });

  it('refuses a wrong code and a replayed code', async () => {
    const { email } = await seedUser(t, orgId, 'case-worker');
    const secret = await enrolTotp(t, await login(t, email));
    const wrong = await t.app.inject({
      method: 'POST',
      url: loginUrl,
      payload: { email, password: testPassword, totp: '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    const code = await totpCode(t, secret);
    const first = await t.app.inject({
      method: 'POST',
      url: loginUrl,
      payload: { email, password: testPassword, totp: code },
    });
    expect(first.statusCode).toBe(200);
    const replay = await t.app.inject({
      method: 'POST',
      url: loginUrl,
      payload: { email, password: testPassword, totp: code },
    });
    expect(replay.statusCode).toBe(401);
  });

  it('does not finish enrolment with a wrong code', async () => {
    const client = await loginAs(t, 'viewer', orgId);
    expect(
      (await client.request('POST', '/api/v1/auth/totp/enrol', { password: testPassword })).statusCode,
    ).toBe(200);
    const confirm = await client.request('POST', '/api/v1/auth/totp/confirm', { code: '123456' });
    expect(confirm.statusCode).toBe(401);
    const session = await client.request('GET', '/api/v1/auth/session');
    expect(session.json()).toMatchObject({ mfa: false, user: { totpEnabled: false } });
  });

  it('asks for the password again before setting up a second factor', async () => {
    const client = await loginAs(t, 'viewer', orgId);
    const wrong = await client.request('POST', '/api/v1/auth/totp/enrol', { password: 'not my password' });
    expect(wrong.statusCode).toBe(401);
    expect((await client.request('POST', '/api/v1/auth/totp/enrol', {})).statusCode).toBe(400);
    expect(
      (await client.request('POST', '/api/v1/auth/totp/enrol', { password: testPassword })).statusCode,
    ).toBe(200);
  });

  it('keeps the TOTP secret sealed in the database', async () => {
    const { email, id } = await seedUser(t, orgId, 'viewer');
    const client = await login(t, email);
    const start = await client.request('POST', '/api/v1/auth/totp/enrol', { password: testPassword });
    const { secret } = start.json<{ secret: string }>();
    const stored = await t.database.executor
      .selectFrom('users')
      .select('totp_secret_sealed')
      .where('id', '=', id)
      .executeTakeFirst();
    expect(stored?.totp_secret_sealed).toMatch(/^v1\./);
    expect(stored?.totp_secret_sealed).not.toContain(secret);
  });

  it('makes an administrator without TOTP set it up before administering', async () => {
    const { email } = await seedUser(t, orgId, 'admin');
    const admin = await login(t, email);
    expect((await admin.request('GET', '/api/v1/auth/session')).json().mfaEnrolmentRequired).toBe(true);
    const before = await admin.request('GET', `/api/v1/organisations/${orgId}/members`);
    expect(before.statusCode).toBe(403);
    await enrolTotp(t, admin);
    const after = await admin.request('GET', `/api/v1/organisations/${orgId}/members`);
    expect(after.statusCode).toBe(200);
  });

  it('lets a platform administrator register organisations only after TOTP', async () => {
    const { email } = await seedUser(t, null, 'platform-admin');
    const platform = await login(t, email);
    const body = { name: 'Needs MFA first', type: 'NGO', country: 'GY' };
    expect((await platform.request('POST', '/api/v1/organisations', body)).statusCode).toBe(403);
    await enrolTotp(t, platform);
    expect((await platform.request('POST', '/api/v1/organisations', body)).statusCode).toBe(201);
  });
});

describeEachStorage('API tokens', (storage) => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp(await storage.open());
    orgId = await seedOrganisation(t);
  });
  afterAll(() => t.close());

  const asBearer = (token: string, url = '/api/v1/organisations') =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('authenticates a machine client as the token’s user in the token’s organisation', async () => {
    const client = await loginAs(t, 'analyst', orgId);
    const created = await client.request('POST', '/api/v1/tokens', { name: 'nightly report' });
    expect(created.statusCode).toBe(201);
    const { token, prefix } = created.json<{ token: string; prefix: string }>();
    expect(token.startsWith(prefix)).toBe(true);
    const response = await asBearer(token);
    expect(response.statusCode).toBe(200);
    expect(response.json<Array<{ id: string }>>().map((o) => o.id)).toEqual([orgId]);
  });

  it('stores only a hash of the token', async () => {
    const client = await loginAs(t, 'analyst', orgId);
    const { token, id } = (await client.request('POST', '/api/v1/tokens', { name: 'hashed' })).json<{
      token: string;
      id: string;
    }>();
    const row = await t.database.executor
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('stops working once revoked, once expired, once the membership is gone, and within a second once the account is disabled elsewhere', async () => {
    const client = await loginAs(t, 'data-officer', orgId);
    const revoked = (await client.request('POST', '/api/v1/tokens', { name: 'a' })).json<{
      token: string;
      id: string;
    }>();
    expect((await asBearer(revoked.token)).statusCode).toBe(200);
    expect((await client.request('DELETE', `/api/v1/tokens/${revoked.id}`)).statusCode).toBe(204);
    expect((await asBearer(revoked.token)).statusCode).toBe(401);

    const short = (await client.request('POST', '/api/v1/tokens', { name: 'b', expiresInDays: 1 })).json<{
      token: string;
    }>();
    expect((await asBearer(short.token)).statusCode).toBe(200);
    t.clock.advance({ hours: 25 });
    expect((await asBearer(short.token)).statusCode).toBe(401);

    const { email, id: userId } = await seedUser(t, orgId, 'viewer');
    const viewer = await login(t, email);
    const kept = (await viewer.request('POST', '/api/v1/tokens', { name: 'c' })).json<{ token: string }>();
    expect((await asBearer(kept.token)).statusCode).toBe(200);
    const admin = await loginAs(t, 'admin', orgId);
    expect(
      (await admin.request('DELETE', `/api/v1/organisations/${orgId}/members/${userId}`)).statusCode,
    ).toBe(204);
    expect((await asBearer(kept.token)).statusCode).toBe(401);

    const other = await seedUser(t, orgId, 'analyst');
    const held = (await (await login(t, other.email)).request('POST', '/api/v1/tokens', { name: 'd' })).json<{
      token: string;
    }>();
    expect((await asBearer(held.token)).statusCode).toBe(200);
    // Changed behind this process's back (another Coral process, or by hand): honoured within a second.
    await t.database.executor
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', other.id)
      .execute();
    // Used all the while (a cache hit must not extend the cached entry), refused once a second is up.
    t.clock.advance({ milliseconds: 600 });
    await asBearer(held.token);
    t.clock.advance({ milliseconds: 600 });
    expect((await asBearer(held.token)).statusCode).toBe(401);
  });

  it('answers a malformed or unknown bearer token with 401, not as anonymous', async () => {
    expect((await asBearer('coral_not-a-real-token')).statusCode).toBe(401);
    const malformed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/organisations',
      headers: { authorization: 'Basic abc' },
    });
    expect(malformed.statusCode).toBe(401);
  });

  it('cannot make tokens with a token', async () => {
    const client = await loginAs(t, 'data-officer', orgId);
    const { token } = (await client.request('POST', '/api/v1/tokens', { name: 'parent' })).json<{
      token: string;
    }>();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'child' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('sign-in throttling per client address', () => {
  it('answers 429 once one address makes too many credential attempts in a minute', async () => {
    const { testStorages } = await import('../../testing/storages.js');
    const [pglite] = testStorages();
    if (!pglite) throw new Error('no storage');
    const t = await createTestApp(await pglite.open(), {}, { credentialAttemptsPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await t.app.inject({
          method: 'POST',
          url: loginUrl,
          payload: { email: `someone-${i}@test.example`, password: 'wrong password' },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });
});

describeEachStorage('housekeeping', (storage) => {
  it('purges expired sessions and spent sign-in counters, keeping live ones', async () => {
    const t = await createTestApp(await storage.open());
    try {
      const orgId = await seedOrganisation(t);
      const stale = await loginAs(t, 'viewer', orgId);
      await t.app.inject({
        method: 'POST',
        url: loginUrl,
        payload: { email: 'gone@test.example', password: 'wrong password' },
      });
      t.clock.advance({ minutes: 40 });
      const fresh = await loginAs(t, 'viewer', orgId);
      await t.app.inject({
        method: 'POST',
        url: loginUrl,
        payload: { email: 'recent@test.example', password: 'wrong password' },
      });
      expect(await t.services.auth.purgeExpiredSessions()).toBeGreaterThanOrEqual(1);
      expect((await stale.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
      expect((await fresh.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
      const counters = await t.database.executor.selectFrom('login_throttle').select('key_hash').execute();
      expect(counters).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
