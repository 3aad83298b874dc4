import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../platform/errors.js';

/** What the lock says about the process that holds the folder. */
export interface LockOwner {
  pid: number;
  host: string;
  /** What the holder is doing, in words: "coral serve", "coral migrate". */
  purpose: string;
  since: string;
  /** When the holding process started: tells it from an earlier process that had the same pid. */
  processStarted: string;
  /** Random per acquisition. */
  nonce: string;
}

export interface DataFolderLock {
  owner: LockOwner;
  release(): void;
}

export interface LockOptions {
  /** How often the holder shows it is alive (touches the lock). */
  heartbeatMs?: number;
  /** A lock not touched for this long belongs to a process that died without releasing it. */
  staleMs?: number;
  /** Called if the lock is taken from this process (it was judged dead): the process must stop. */
  onLost?: () => void;
  now?: () => number;
}

const lockName = 'coral.lock';

/**
 * Takes the data folder for this process, so two processes never open one PGlite database (which would
 * corrupt it). The lock is a directory, created atomically; its holder touches it every few seconds. A
 * lock whose holder is gone (a dead process on this machine, or no heartbeat for `staleMs`) is taken
 * over; a live one makes this throw an `unavailable` AppError saying who holds the folder. Should the
 * lock ever be taken from a live holder, its heartbeat notices and `onLost` stops it.
 *
 * @example
 * const lock = lockDataFolder('./coral-data', 'coral serve');
 * // ... use the database ...
 * lock.release();
 */
export function lockDataFolder(folder: string, purpose: string, options: LockOptions = {}): DataFolderLock {
  const { heartbeatMs = 5_000, staleMs = 30_000, now = Date.now } = options;
  mkdirSync(folder, { recursive: true });
  const path = join(folder, lockName);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    purpose,
    since: new Date(now()).toISOString(),
    processStarted: processStartTime(),
    nonce: randomBytes(12).toString('hex'),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, owner)) return hold(path, owner, heartbeatMs, options.onLost);
    const holder = readOwner(path);
    if (!isAbandoned(path, holder, staleMs, now())) throw heldBy(folder, holder);
    moveAsideIfStill(path, holder);
  }
  throw new AppError('unavailable', `Could not lock the data folder ${folder}; try again.`);
}

/** Reads who holds the folder, or undefined when nobody does. */
export function readDataFolderOwner(folder: string): LockOwner | undefined {
  return readOwner(join(folder, lockName));
}

/** Creates the lock directory (atomic: exactly one creator wins) and writes the owner into it. */
function tryCreate(path: string, owner: LockOwner): boolean {
  try {
    mkdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  writeFileSync(join(path, 'owner.json'), `${JSON.stringify(owner)}\n`, { mode: 0o600 });
  return true;
}

function hold(
  path: string,
  owner: LockOwner,
  heartbeatMs: number,
  onLost: (() => void) | undefined,
): DataFolderLock {
  const heartbeat = setInterval(() => {
    if (readOwner(path)?.nonce !== owner.nonce) {
      clearInterval(heartbeat);
      onLost?.();
      return;
    }
    try {
      const time = new Date();
      utimesSync(path, time, time);
    } catch {
      // The next beat checks ownership again.
    }
  }, heartbeatMs);
  heartbeat.unref();
  return {
    owner,
    release() {
      clearInterval(heartbeat);
      if (readOwner(path)?.nonce === owner.nonce) rmSync(path, { recursive: true, force: true });
    },
  };
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(path, 'owner.json'), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'pid' in parsed && 'nonce' in parsed) {
      return parsed as LockOwner; // checked: an object with pid and nonce, written by tryCreate
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when nobody holds the lock any more: its holder was a process on this machine that has ended (or
 * an earlier process with this very pid), or it has not been touched for `staleMs` (a holder elsewhere,
 * or one that died while writing its owner file).
 */
function isAbandoned(path: string, holder: LockOwner | undefined, staleMs: number, now: number): boolean {
  let touched: number;
  try {
    touched = statSync(path).mtimeMs;
  } catch {
    return true; // gone already: try again
  }
  if (holder && holder.host === hostname()) {
    // Our pid with another start time is an earlier process that had this pid (a restarted container).
    if (holder.pid === process.pid) return holder.processStarted !== processStartTime();
    if (!isAlive(holder.pid)) return true;
  }
  return now - touched > staleMs;
}

/** This process's start, to the second. */
function processStartTime(): string {
  return new Date(Math.round((Date.now() - process.uptime() * 1000) / 1000) * 1000).toISOString();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves an abandoned lock aside (rename is atomic: of several processes doing this, one succeeds). If
 * what was moved is not the abandoned lock but a fresh one a racing process just took, it is put back;
 * should that fail, that process's heartbeat finds its lock gone and stops it, so two holders never run.
 */
function moveAsideIfStill(path: string, abandoned: LockOwner | undefined): void {
  const aside = `${path}.stale-${randomBytes(6).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readOwner(aside);
  if (moved && moved.nonce !== abandoned?.nonce) {
    try {
      renameSync(aside, path);
      return;
    } catch {
      // Someone locked meanwhile; the moved holder will notice at its next heartbeat.
    }
  }
  rmSync(aside, { recursive: true, force: true });
}

function heldBy(folder: string, holder: LockOwner | undefined): AppError {
  if (!holder) {
    return new AppError(
      'unavailable',
      `The data folder ${folder} is being locked by another Coral process. Try again in a moment.`,
    );
  }
  const who =
    holder.purpose === 'coral serve' ? 'a running Coral server' : `another Coral command (${holder.purpose})`;
  return new AppError(
    'unavailable',
    `The data folder ${folder} is in use by ${who} (process ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
      'PGlite allows one process per folder. Stop that process first, or point this command at another folder ' +
      'with --data. A lock left by a crash is taken over automatically within 30 seconds.',
    { pid: holder.pid, host: holder.host, purpose: holder.purpose },
  );
}
