import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStorage } from '../testing/storages.js';
import { createTestApp, loginAs, seedOrganisation, type TestApp } from '../testing/test-app.js';

describeEachStorage('HTTP skeleton', (storage) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(await storage.open());
  });
  afterAll(() => t.close());

  it('reports health with version and storage kind, without signing in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      storage: storage.name,
    });
  });

  it('publishes an OpenAPI 3 document generated from the route schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/v1/auth/login', '/api/v1/organisations', '/api/v1/audit']),
    );
    const login = document.paths['/api/v1/auth/login']?.post?.requestBody;
    expect(JSON.stringify(login)).toContain('"email"');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('sends security headers and a request id on every answer', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('adds HSTS only when the request came over https through a trusted proxy', async () => {
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(forged.headers['strict-transport-security']).toBeUndefined();
    const proxied = await createTestApp(await storage.open(), {}, { trustProxy: 1 });
    try {
      const response = await proxied.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await proxied.close();
    }
  });

  it('answers unknown API routes with a JSON 404 in the one error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('rejects malformed JSON, wrong content types, unknown fields and oversized bodies with 4xx', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('bad_request');

    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a@b.c&password=x',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('unsupported_media_type');

    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.example', password: 'x', admin: true },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('validation_failed');

    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.example', password: 'x'.repeat(2_000_000) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  it('reports each invalid field with its path', async () => {
    const orgId = await seedOrganisation(t);
    const platform = await loginAs(t, 'platform-admin', null);
    const response = await platform.request('POST', '/api/v1/organisations', {
      name: '',
      type: 'Bakery',
      country: 'XX',
    });
    expect(response.statusCode).toBe(400);
    const issues = response.json<{ error: { details: { issues: Array<{ path: string }> } } }>().error.details
      .issues;
    expect(issues.map((issue) => issue.path).sort()).toEqual(['country', 'name', 'type']);
    expect(orgId).toBeTruthy();
  });

  it('keeps credentials and e-mail addresses out of the logs', async () => {
    const secretPassword = 'never-log-this-password-123';
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login?email=leak%40test.example',
      payload: { email: 'leak@test.example', password: secretPassword },
    });
    const joined = t.logs.join('\n');
    expect(joined).not.toContain(secretPassword);
    expect(joined).not.toContain('leak@test.example');
    expect(joined).not.toContain('leak%40test.example');
  });
});

describeEachStorage('HTTP errors on the server side', (storage) => {
  it('hides the detail of a 5xx from the client and logs it under the request id', async () => {
    const t = await createTestApp(await storage.open());
    await t.database.close(); // every query now fails
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'someone@test.example', password: 'whatever-password' },
    });
    expect(response.statusCode).toBe(500);
    const body = response.json<{ error: { code: string; message: string; details?: unknown } }>();
    expect(body.error.code).toBe('internal');
    expect(body.error.message).toContain(response.headers['x-request-id']);
    expect(body.error.details).toBeUndefined();
    const logged = t.logs.find((line) => line.includes('request failed'));
    expect(logged).toBeDefined();
    expect(logged).toContain(String(response.headers['x-request-id']));
    await t.app.close();
  });
});

describeEachStorage('the published standard', (storage) => {
  it('serves the standard without sign-in: JSON Schema per record kind and codelists', async () => {
    const t = await createTestApp(await storage.open());
    try {
      const whole = await t.app.inject({ method: 'GET', url: '/api/v1/standard' });
      expect(whole.statusCode).toBe(200);
      const body = whole.json<{
        version: string;
        entities: Record<string, { jsonSchema: { $schema: string } }>;
        codelists: Record<string, unknown>;
      }>();
      expect(body.version).toBe('1.0.0');
      expect(Object.keys(body.entities)).toEqual(['thbCase', 'somIncident', 'offender', 'proceeding']);
      expect(body.entities.thbCase?.jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(Object.keys(body.codelists)).toContain('means-of-control');
      const one = await t.app.inject({ method: 'GET', url: '/api/v1/standard/somIncident' });
      expect(one.json()).toMatchObject({ title: 'Smuggling incident', type: 'object' });
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/standard/nothing' })).statusCode).toBe(400);
    } finally {
      await t.close();
    }
  });
});

describeEachStorage('hardening found in review', (storage) => {
  it('audits refused cross-site writes by route pattern, and not at all for routes that do not exist', async () => {
    const t = await createTestApp(await storage.open());
    try {
      const operator = {
        actor: { kind: 'operator' as const, name: 'test' },
        origin: { requestId: null, clientAddress: null },
      };
      const count = async () =>
        (await t.services.audit.list(operator, { limit: 500 })).filter((e) => e.action === 'http.write')
          .length;
      const before = await count();
      const junk = await t.app.inject({
        method: 'POST',
        url: `/api/${'x'.repeat(5000)}`,
        headers: { origin: 'https://evil.example' },
      });
      expect(junk.statusCode).toBe(403);
      expect(await count()).toBe(before);
      const real = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login?padding=1',
        headers: { origin: 'https://evil.example' },
        payload: {},
      });
      expect(real.statusCode).toBe(403);
      const [entry] = (await t.services.audit.list(operator, { limit: 500 })).filter(
        (e) => e.action === 'http.write',
      );
      expect(entry?.details).toEqual({ method: 'POST', route: '/api/v1/auth/login' });
    } finally {
      await t.close();
    }
  });

  it('treats percent-encoded API paths as API paths (no caching, credentials checked)', async () => {
    const t = await createTestApp(await storage.open());
    try {
      const response = await t.app.inject({ method: 'GET', url: '/%61pi/health' });
      expect(response.headers['cache-control']).toBe('no-store');
    } finally {
      await t.close();
    }
  });

  it('audits API calls with a bad token, and refuses an out-of-range audit cursor with 400', async () => {
    const t = await createTestApp(await storage.open());
    try {
      const bad = await t.app.inject({
        method: 'GET',
        url: '/api/v1/organisations',
        headers: { authorization: 'Bearer coral_nope' },
      });
      expect(bad.statusCode).toBe(401);
      const operator = {
        actor: { kind: 'operator' as const, name: 'test' },
        origin: { requestId: null, clientAddress: null },
      };
      const [entry] = await t.services.audit.list(operator, { limit: 1, action: 'auth.token' });
      expect(entry).toMatchObject({ outcome: 'denied', reason: 'invalid_token' });
      const admin = await loginAs(t, 'admin', await seedOrganisation(t));
      expect((await admin.request('GET', '/api/v1/audit?before=9999999999999999999')).statusCode).toBe(400);
    } finally {
      await t.close();
    }
  });
});
