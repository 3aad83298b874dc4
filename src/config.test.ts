import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to PGlite in ./coral-data with a key file beside it, on localhost:8080', () => {
    const config = loadConfig({});
    expect(config.storage).toEqual({ kind: 'pglite', folder: resolve('coral-data') });
    expect(config.masterKey).toMatchObject({ file: resolve('coral-data.key'), createIfMissing: true });
    expect(config.http).toMatchObject({ host: 'localhost', port: 8080, trustProxy: false });
  });

  it('uses PostgreSQL for DATABASE_URL, needing a key it will not invent', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/coral', CORAL_KEY_FILE: '/etc/coral/key' });
    expect(config.storage).toEqual({ kind: 'postgres', url: 'postgres://db/coral' });
    expect(config.masterKey).toMatchObject({ file: '/etc/coral/key', createIfMissing: false });
  });

  it('lets --data win over DATABASE_URL and flags win over the environment', () => {
    const config = loadConfig(
      { DATABASE_URL: 'postgres://db/coral', CORAL_PORT: '9000' },
      { data: '/tmp/x', port: '9100' },
    );
    expect(config.storage).toEqual({ kind: 'pglite', folder: '/tmp/x' });
    expect(config.http.port).toBe(9100);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ CORAL_PORT: 'eighty' })).toThrow(/CORAL_PORT/);
    expect(() => loadConfig({ CORAL_SESSION_IDLE_MINUTES: '-5' })).toThrow(/CORAL_SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({}, { port: '70000' })).toThrow(/--port/);
  });

  it('trusts proxies by hop count or address, never blindly', () => {
    expect(loadConfig({ CORAL_TRUST_PROXY: 'true' }).http.trustProxy).toBe(1);
    expect(loadConfig({ CORAL_TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadConfig({ CORAL_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).http.trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ CORAL_TRUST_PROXY: 'everyone' })).toThrow(/CORAL_TRUST_PROXY/);
  });

  it('reads session limits in minutes and hours', () => {
    const config = loadConfig({ CORAL_SESSION_IDLE_MINUTES: '15', CORAL_SESSION_MAX_HOURS: '8' });
    expect(config.auth).toEqual({ sessionIdleMs: 900_000, sessionAbsoluteMs: 28_800_000 });
  });
});
