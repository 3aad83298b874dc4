import { Command } from 'commander';
import { coralVersion } from '../platform/paths.js';
import { auditCommand } from './commands/audit.js';
import { keysCommand } from './commands/keys.js';
import { linkCommand } from './commands/link.js';
import { migrateCommand } from './commands/migrate.js';
import { orgsCommand } from './commands/orgs.js';
import { serveCommand } from './commands/serve.js';
import { standardCommand } from './commands/standard.js';
import { gapsCommand, populationCommand, releaseCommand, statsCommand } from './commands/stats.js';
import { tokensCommand } from './commands/tokens.js';
import { exportCommand, importCommand } from './commands/transfer.js';
import { usersCommand } from './commands/users.js';

/** The `coral` command and its subcommands. */
export function buildProgram(): Command {
  const program = new Command('coral')
    .description('Coral: the data hub for the Caribbean response to human trafficking and migrant smuggling')
    .version(coralVersion())
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      '\nStorage: the embedded database in --data (or CORAL_DATA, default ./coral-data), or PostgreSQL when DATABASE_URL is set.',
    );
  for (const command of [
    serveCommand(),
    migrateCommand(),
    orgsCommand(),
    usersCommand(),
    tokensCommand(),
    auditCommand(),
    standardCommand(),
    keysCommand(),
    statsCommand(),
    releaseCommand(),
    gapsCommand(),
    populationCommand(),
    linkCommand(),
    importCommand(),
    exportCommand(),
  ]) {
    program.addCommand(command);
  }
  return program;
}
