import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../platform/paths.js';

/** The `coral` command of this checkout. */
export const bin = join(packageRoot(), 'bin', 'coral.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `coral` as a user would, in a clean environment pointing at `data`. */
export function coral(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: cleanEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** The environment without any Coral storage settings, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of [
    'CORAL_DATA',
    'DATABASE_URL',
    'CORAL_MASTER_KEY',
    'CORAL_KEY_FILE',
    'CORAL_IMPORT_DIR',
  ]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}
