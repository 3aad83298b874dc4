import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataFolder, readDataFolderOwner } from './data-folder-lock.js';

const folder = () => mkdtempSync(join(tmpdir(), 'coral-lock-'));

/** Plants a lock as another process would have left it. */
function plant(dir: string, owner: Record<string, unknown> | undefined, ageMs = 0): void {
  const lock = join(dir, 'coral.lock');
  mkdirSync(lock);
  if (owner)
    writeFileSync(
      join(lock, 'owner.json'),
      JSON.stringify({ purpose: 'coral serve', since: '2026-01-01T00:00:00Z', nonce: 'other', ...owner }),
    );
  const time = new Date(Date.now() - ageMs);
  utimesSync(lock, time, time);
}

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

  it('takes over at once a lock left by a process of this machine that has ended', () => {
    const dir = folder();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    plant(dir, { pid: dead, host: hostname() });
    const lock = lockDataFolder(dir, 'coral serve');
    expect(lock.owner.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock left by an earlier process with this same pid (a restarted container)', () => {
    const dir = folder();
    plant(dir, { pid: process.pid, host: hostname(), processStarted: '2020-01-01T00:00:00.000Z' });
    lockDataFolder(dir, 'coral serve').release();
  });

  it('respects a lock from another machine while it is touched, and takes it over once it goes stale', () => {
    const dir = folder();
    plant(dir, { pid: 1, host: 'another-machine' });
    expect(() => lockDataFolder(dir, 'coral serve')).toThrow(/another-machine/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'coral.lock'), old, old);
    lockDataFolder(dir, 'coral serve').release();
  });

  it('waits for a lock still being written, and takes it over if its writer never finishes', () => {
    const dir = folder();
    plant(dir, undefined);
    expect(() => lockDataFolder(dir, 'coral serve')).toThrow(/being locked by another Coral process/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'coral.lock'), old, old);
    lockDataFolder(dir, 'coral serve').release();
  });

  it('tells a holder whose lock was taken from it, so it stops', async () => {
    const dir = folder();
    let lost = false;
    const lock = lockDataFolder(dir, 'coral serve', {
      heartbeatMs: 10,
      onLost: () => {
        lost = true;
      },
    });
    writeFileSync(
      join(dir, 'coral.lock', 'owner.json'),
      JSON.stringify({ pid: 1, host: 'x', nonce: 'someone-else' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lost).toBe(true);
    lock.release();
    expect(existsSync(join(dir, 'coral.lock'))).toBe(true); // not ours to remove
  });
});
