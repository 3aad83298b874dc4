import { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { printJson, withStorageFlags } from '../cli-context.js';

/** `coral migrate`: brings the database schema up to date. */
export function migrateCommand(): Command {
  return withStorageFlags(new Command('migrate'))
    .description('bring the database schema up to date (coral serve also does this at start)')
    .option('--json', 'print a JSON summary')
    .action(async (flags: { data?: string; json?: boolean }) => {
      const [{ openStorage }, { migrateToLatest }] = await Promise.all([
        import('../../runtime.js'),
        import('../../db/migrate.js'),
      ]);
      const database = await openStorage(loadConfig(process.env, flags), 'coral migrate');
      try {
        const report = await migrateToLatest(database.executor);
        if (flags.json) printJson(report);
        else if (!report.ok) process.stderr.write(`coral: migration failed: ${report.error}\n`);
        else if (report.applied.length === 0)
          process.stdout.write(`${database.location}: schema is up to date.\n`);
        else process.stdout.write(`${database.location}: applied ${report.applied.join(', ')}.\n`);
        if (!report.ok) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
