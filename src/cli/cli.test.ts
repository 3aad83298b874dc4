import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../db/migrations/index.js';
import { bin, cleanEnv, coral } from '../testing/cli.js';

describe('coral command line', () => {
  let data: string;
  beforeAll(() => {
    data = join(mkdtempSync(join(tmpdir(), 'coral-cli-')), 'data');
  });

  it('prints help for every command', async () => {
    const help = await coral(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'orgs', 'users', 'tokens', 'audit'])
      expect(help.stdout).toContain(command);
    const usersHelp = await coral(['users', 'create', '--help']);
    expect(usersHelp.stdout).toContain('--password-stdin');
  });

  it('exports the data standard as JSON Schema, Markdown and CSV without touching storage', async () => {
    const schema = await coral(['standard', 'export', '--format', 'json-schema', '--entity', 'proceeding']);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.stdout)).toMatchObject({
      title: 'Criminal proceeding',
      $schema: 'https://json-schema.org/draft/2020-12/schema',
    });
    const markdown = await coral(['standard', 'export', '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/^# The Coral Data Standard, version \d+\.\d+\.\d+/);
    const csv = await coral(['standard', 'export', '--format', 'csv', '--entity', 'offender']);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^entity,path,type/);
    const bad = await coral(['standard', 'export', '--format', 'pdf']);
    expect(bad.code).not.toBe(0);
  });

  it('migrates a new data folder and reports it as JSON', async () => {
    const result = await coral(['migrate', '--data', data, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, applied: migrations.map((m) => m.name) });
  });

  it('creates an organisation, a user with a password from stdin, and a token; the audit log shows all three', async () => {
    const org = await coral([
      'orgs',
      'create',
      '--name',
      'CLI Unit',
      '--type',
      'LawEnforcement',
      '--country',
      'tt',
      '--data',
      data,
    ]);
    expect(org.code).toBe(0);
    const orgId = org.stdout.trim();
    expect(orgId).toMatch(/^[0-9a-f-]{36}$/);

    const user = await coral(
      [
        'users',
        'create',
        '--email',
        'Officer@CLI.example',
        '--org',
        'CLI Unit',
        '--role',
        'data-officer',
        '--password-stdin',
        '--json',
        '--data',
        data,
      ],
      { input: 'a password from standard input\n' },
    );
    expect(user.code).toBe(0);
    const created = JSON.parse(user.stdout);
    expect(created).toMatchObject({
      email: 'officer@cli.example',
      orgId,
      role: 'data-officer',
      createdAccount: true,
    });
    expect(created.password).toBeUndefined();

    const token = await coral([
      'tokens',
      'create',
      '--email',
      'officer@cli.example',
      '--org',
      orgId,
      '--json',
      '--data',
      data,
    ]);
    expect(token.code).toBe(0);
    expect(JSON.parse(token.stdout).token).toMatch(/^coral_[\w-]{43}$/);

    const audit = await coral(['audit', 'list', '--json', '--data', data]);
    const entries: Array<{ action: string; actorId: string; outcome: string }> = JSON.parse(audit.stdout);
    expect(entries.map((e) => e.action).slice(0, 3)).toEqual([
      'token.create',
      'user.create',
      'organisation.create',
    ]);
    expect(entries.every((e) => e.actorId.startsWith('cli:') && e.outcome === 'success')).toBe(true);
    expect(audit.stdout).not.toContain('officer@cli.example');

    const filtered = await coral([
      'audit',
      'list',
      '--json',
      '--since',
      '1h',
      '--action',
      'user.create',
      '--data',
      data,
    ]);
    expect(JSON.parse(filtered.stdout)).toHaveLength(1);
  });

  it('rotates the master key: data keys re-wrapped, records and TOTP still readable, old key kept in the file', async () => {
    const before = readFileSync(`${data}.key`, 'utf8').trim().split('\n');
    const rotated = await coral(['keys', 'rotate', '--json', '--data', data]);
    expect(rotated.code).toBe(0);
    const summary = JSON.parse(rotated.stdout);
    expect(summary).toMatchObject({ ok: true, rewrapped: expect.any(Number) });
    const after = readFileSync(`${data}.key`, 'utf8').trim().split('\n');
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(1)).toEqual(before);
    // The database still opens, and the token made before the rotation still belongs to its user.
    const audit = await coral(['audit', 'list', '--json', '--limit', '3', '--data', data]);
    expect(audit.code).toBe(0);
  });

  it('generates and prints a password once when none is given', async () => {
    const result = await coral([
      'users',
      'create',
      '--email',
      'gen@cli.example',
      '--org',
      'CLI Unit',
      '--role',
      'viewer',
      '--data',
      data,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/initial password \(shown once\): \S{20}/);
  });

  it('refuses bad input with a clear message and a non-zero exit, storing nothing', async () => {
    const badType = await coral([
      'orgs',
      'create',
      '--name',
      'X',
      '--type',
      'Bakery',
      '--country',
      'TT',
      '--data',
      data,
    ]);
    expect(badType.code).not.toBe(0);
    expect(badType.stderr).toContain('Allowed choices are');
    const badCountry = await coral([
      'orgs',
      'create',
      '--name',
      'X',
      '--type',
      'NGO',
      '--country',
      'ZZ',
      '--data',
      data,
    ]);
    expect(badCountry.code).toBe(1);
    expect(badCountry.stderr).toContain('--country');
    const noOrg = await coral([
      'users',
      'create',
      '--email',
      'x@cli.example',
      '--org',
      'No Such Org',
      '--role',
      'viewer',
      '--data',
      data,
    ]);
    expect(noOrg.code).toBe(1);
    expect(noOrg.stderr).toContain('No organisation');
    const json = await coral([
      'users',
      'create',
      '--email',
      'not-an-email',
      '--org',
      'CLI Unit',
      '--role',
      'viewer',
      '--json',
      '--data',
      data,
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const list = await coral(['orgs', 'list', '--json', '--data', data]);
    expect(JSON.parse(list.stdout).map((o: { name: string }) => o.name)).toEqual(['CLI Unit']);
  });
});

describe('coral serve', () => {
  let data: string;
  let server: ChildProcessWithoutNullStreams;
  let url: string;

  beforeAll(async () => {
    data = join(mkdtempSync(join(tmpdir(), 'coral-serve-')), 'data');
    server = spawn(process.execPath, [bin, 'serve', '--demo', '--port', '0', '--data', data], {
      env: cleanEnv(),
    });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /Coral is running at (http:\/\/\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
  });
  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
  });

  it('serves health and the demo sign-ins work', async () => {
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', storage: 'pglite' });
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'officer@coral-demo.example', password: 'coral-demo-pass' }),
    });
    expect(login.status).toBe(200);
  });

  it('makes a second server, and any command, on the same folder exit non-zero with a plain message', async () => {
    const second = await coral(['serve', '--port', '0', '--data', data]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/in use by a running Coral server \(process \d+/);
    const command = await coral(['orgs', 'list', '--data', data]);
    expect(command.code).toBe(1);
    expect(command.stderr).toContain('Stop that process first');
  });

  it('stops cleanly on SIGTERM, releasing the folder for the next process', async () => {
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(data, 'coral.lock'))).toBe(false);
    const list = await coral(['orgs', 'list', '--json', '--data', data]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(4);
  });
});
