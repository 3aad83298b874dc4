import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../platform/errors.js';

/** What the lock file says about the process that holds the folder. */
export interface LockOwner {
  pid: number;
  host: string;
  /** What the holder is doing, in words: "coral serve", "coral migrate". */
  purpose: string;
  since: string;
}

export interface DataFolderLock {
  owner: LockOwner;
  release(): void;
}

const lockFileName = 'coral.lock';

/**
 * Takes the data folder for this process, so that two processes never open one PGlite database (which
 * would corrupt it). A lock left by a process that has died is taken over; a live holder makes this
 * throw an `unavailable` AppError whose message says who holds the folder and what to do.
 *
 * @example
 * const lock = lockDataFolder('./coral-data', 'coral serve');
 * // ... use the database ...
 * lock.release();
 */
export function lockDataFolder(folder: string, purpose: string, now: Date = new Date()): DataFolderLock {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, lockFileName);
  const owner: LockOwner = { pid: process.pid, host: hostname(), purpose, since: now.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, owner)) return { owner, release: () => releaseIfOurs(path, owner) };
    const holder = readOwner(path);
    if (holder && isAlive(holder)) throw heldBy(folder, holder);
    clearStale(path, holder);
  }
  throw new AppError('unavailable', `Could not lock the data folder ${folder}; try again.`);
}

/** Reads who holds the folder, or undefined when nobody does. */
export function readDataFolderOwner(folder: string): LockOwner | undefined {
  const holder = readOwner(join(folder, lockFileName));
  return holder && isAlive(holder) ? holder : undefined;
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'pid' in parsed && typeof parsed.pid === 'number') {
      return parsed as LockOwner; // checked: an object with a numeric pid, written by tryCreate
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  // A lock written on another machine (a shared folder) cannot be checked from here: treat it as held.
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves a dead holder's lock aside (rename is atomic). If a racing process took the folder between our
 * read and our rename, the lock we moved is theirs: it is linked back, and the next attempt sees it held.
 */
function clearStale(path: string, stale: LockOwner | undefined): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readOwner(aside);
  const sameAsStale = moved?.pid === stale?.pid && moved?.since === stale?.since;
  if (!sameAsStale) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone holds the folder already; the next attempt will find them.
    }
  }
  unlinkSync(aside);
}

function releaseIfOurs(path: string, owner: LockOwner): void {
  const holder = readOwner(path);
  if (holder && holder.pid === owner.pid && holder.since === owner.since) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function heldBy(folder: string, holder: LockOwner): AppError {
  const who =
    holder.purpose === 'coral serve' ? 'a running Coral server' : `another Coral command (${holder.purpose})`;
  return new AppError(
    'unavailable',
    `The data folder ${folder} is in use by ${who} (process ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
      'PGlite allows one process per folder. Stop that process first, or point this command at another folder ' +
      'with --data. If you are sure no Coral process is running, delete the file coral.lock in that folder.',
    { pid: holder.pid, host: holder.host, purpose: holder.purpose },
  );
}
