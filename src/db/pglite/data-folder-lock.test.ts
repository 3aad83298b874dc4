import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataFolder, readDataFolderOwner } from './data-folder-lock.js';

const folder = () => mkdtempSync(join(tmpdir(), 'coral-lock-'));

describe('data folder lock', () => {
  it('lets one holder in and tells a second who holds the folder', () => {
    const dir = folder();
    const lock = lockDataFolder(dir, 'coral serve');
    expect(() => lockDataFolder(dir, 'coral migrate')).toThrow(
      /in use by a running Coral server \(process \d+/,
    );
    expect(readDataFolderOwner(dir)?.purpose).toBe('coral serve');
    lock.release();
    expect(existsSync(join(dir, 'coral.lock'))).toBe(false);
    lockDataFolder(dir, 'coral migrate').release();
  });

  it('takes over a lock left by a process that has died', () => {
    const dir = folder();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(
      join(dir, 'coral.lock'),
      JSON.stringify({ pid: dead, host: hostname(), purpose: 'coral serve', since: '2026-01-01T00:00:00Z' }),
    );
    const lock = lockDataFolder(dir, 'coral serve');
    expect(lock.owner.pid).toBe(process.pid);
    lock.release();
  });

  it('treats a lock from another machine (a shared folder) as held', () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'coral.lock'),
      JSON.stringify({
        pid: 1,
        host: 'another-machine',
        purpose: 'coral serve',
        since: '2026-01-01T00:00:00Z',
      }),
    );
    expect(() => lockDataFolder(dir, 'coral serve')).toThrow(/another-machine/);
  });

  it('takes over an unreadable lock file', () => {
    const dir = folder();
    writeFileSync(join(dir, 'coral.lock'), 'garbage');
    lockDataFolder(dir, 'coral serve').release();
  });
});
