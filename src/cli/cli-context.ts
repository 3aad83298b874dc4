import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { z } from 'zod';
import { type ConfigFlags, loadConfig } from '../config.js';
import { type Context, operatorContext } from '../platform/actor.js';
import { AppError } from '../platform/errors.js';
import { createLogger, type Logger } from '../platform/logger.js';
import type { Runtime } from '../runtime.js';

/** Options every command that touches storage accepts. */
export interface StorageFlags {
  data?: string;
}

/** Adds `--data` to a command. */
export function withStorageFlags(command: Command): Command {
  return command.option(
    '--data <dir>',
    'data folder of the embedded database (env CORAL_DATA; default ./coral-data)',
  );
}

/** A logger for commands: warnings and errors only, on standard error, so standard output stays clean. */
export function commandLogger(): Logger {
  return createLogger({ level: process.env.CORAL_LOG_LEVEL ?? 'warn', destination: process.stderr });
}

/** The person at the terminal, for the audit log. */
export function operator(): Context {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No account name (some containers): keep "unknown".
  }
  return operatorContext(name);
}

/**
 * Runs `work` against the configured storage and closes it afterwards, whatever happens.
 *
 * @example
 * await withRuntime({ data }, 'coral orgs create', async ({ services }) => services.organisations.list(operator()));
 */
export async function withRuntime<T>(
  flags: ConfigFlags,
  purpose: string,
  work: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  // Loaded on demand so that `--help` and argument errors answer without loading the database engine.
  const { openRuntime } = await import('../runtime.js');
  const runtime = await openRuntime(loadConfig(process.env, flags), { purpose, logger: commandLogger() });
  try {
    for (const notice of runtime.notices) process.stderr.write(`coral: ${notice}\n`);
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** Prints a value as JSON on one line, for scripts. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Prints rows as an aligned text table. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(headers)}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

/** Reads all of standard input (for --password-stdin), without the final newline. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * Validates command-line input with the same zod schema the API uses, so both give the same messages.
 * Throws a `validation_failed` AppError listing each bad option.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    code: issue.code,
    message: issue.message,
  }));
  const summary = issues.map((issue) => `--${kebab(issue.path)}: ${issue.message}`).join('; ');
  throw new AppError('validation_failed', summary, { issues });
}

function kebab(path: string): string {
  return path.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
