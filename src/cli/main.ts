import { CommanderError } from 'commander';
import { isAppError } from '../platform/errors.js';
import { buildProgram } from './program.js';

/** Runs the CLI: errors become one plain line on standard error (or JSON with --json) and exit code 1. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.exitCode = 1;
    if (argv.includes('--json')) {
      const body = isAppError(error)
        ? { ok: false, error: { code: error.code, message: error.message, details: error.details } }
        : { ok: false, error: { code: 'internal', message: String(error) } };
      process.stdout.write(`${JSON.stringify(body)}\n`);
      return;
    }
    const message = isAppError(error)
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
    process.stderr.write(`coral: ${message}\n`);
  }
}

await main(process.argv);
