import { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../platform/logger.js';
import type { RunningServer } from '../../server.js';
import { withStorageFlags } from '../cli-context.js';

interface ServeFlags {
  port?: string;
  host?: string;
  data?: string;
  demo?: boolean;
}

/** `coral serve`: the API and the web app, until SIGINT or SIGTERM. */
export function serveCommand(): Command {
  return withStorageFlags(new Command('serve'))
    .description('serve the API and the web app')
    .option('--port <port>', 'port to listen on (env CORAL_PORT; default 8080)')
    .option('--host <host>', 'address to listen on (env CORAL_HOST; default localhost)')
    .option('--demo', 'add synthetic demo organisations and accounts, if they are not there yet')
    .action(async (flags: ServeFlags) => {
      const config = loadConfig(process.env, flags);
      const logger = createLogger({ level: config.logLevel });
      const [{ openRuntime }, { startServer }, { demoPassword, seedDemo }] = await Promise.all([
        import('../../runtime.js'),
        import('../../server.js'),
        import('../../demo/demo-seed.js'),
      ]);
      const runtime = await openRuntime(config, { purpose: 'coral serve', logger });
      let server: RunningServer | undefined;
      try {
        const demo = flags.demo ? await seedDemo(runtime) : undefined;
        server = await startServer(runtime);
        const running = server;
        stopOnSignals(() => running.stop());
        printBanner({
          url: server.url,
          location: runtime.database.location,
          notices: runtime.notices,
          demo,
          demoPassword,
        });
      } catch (error) {
        if (server) await server.stop();
        else await runtime.close();
        throw error;
      }
    });
}

function stopOnSignals(stop: () => Promise<void>): void {
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      process.stderr.write(`coral: ${signal} again, exiting without waiting.\n`);
      process.exit(1);
    }
    process.stderr.write(`coral: ${signal} received, finishing requests and closing the database...\n`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `coral: could not close cleanly: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function printBanner(info: {
  url: string;
  location: string;
  notices: string[];
  demo: { seeded: boolean; signIns: Array<{ email: string; roles: string }> } | undefined;
  demoPassword: string;
}): void {
  const lines = [
    '',
    `Coral is running at ${info.url}`,
    `Data: ${info.location}`,
    `API docs: ${info.url}/api/docs`,
  ];
  if (info.demo) {
    lines.push('', `Demo sign-ins (synthetic data; password for all: ${info.demoPassword}):`);
    for (const signIn of info.demo.signIns) lines.push(`  ${signIn.email.padEnd(34)} ${signIn.roles}`);
    lines.push('Administrators are asked to set up two-factor authentication before administering.');
  }
  for (const notice of info.notices) lines.push('', `NOTE: ${notice}`);
  lines.push('', 'Press Ctrl+C to stop.', '');
  process.stdout.write(lines.join('\n'));
}
