import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createKeyring, keyIdOf, readKeyFile, writeKeyFile } from '../../crypto/keyring.js';
import { AppError } from '../../platform/errors.js';
import { printJson, withRuntime, withStorageFlags } from '../cli-context.js';

/** `coral keys`: the master keys that wrap the organisations' data keys. */
export function keysCommand(): Command {
  const keys = new Command('keys').description('master keys (they wrap each organisation’s data key)');
  keys.addCommand(
    withStorageFlags(new Command('rotate'))
      .description('make a new master key and re-wrap every data key under it; records are not rewritten')
      .option('--json', 'print a JSON summary')
      .action(async (flags: { data?: string; json?: boolean }) => {
        const config = loadConfig(process.env, flags);
        if (config.masterKey.value) {
          throw new AppError(
            'bad_request',
            'The master key comes from CORAL_MASTER_KEY. Rotate by putting a new key first in CORAL_MASTER_KEY, ' +
              'keeping the old one after a comma, restarting, then running this command against a key file.',
          );
        }
        const summary = await withRuntime(flags, 'coral keys rotate', async ({ services }) => {
          const file = config.masterKey.file;
          const current = readKeyFile(file);
          const fresh = randomBytes(32);
          // The file gets the new key first and keeps the old ones, before the database changes: a crash at
          // any point leaves every data key unwrappable.
          writeKeyFile(file, [fresh, ...current]);
          const rewrapped = await services.keys.rewrapAll(createKeyring([fresh, ...current]));
          return {
            ok: true,
            newKeyId: keyIdOf(fresh),
            previousKeyIds: current.map(keyIdOf),
            rewrapped,
            keyFile: file,
          };
        });
        if (flags.json) return printJson(summary);
        process.stdout.write(
          `Re-wrapped ${summary.rewrapped} data keys under master key ${summary.newKeyId}.\n` +
            `The key file ${summary.keyFile} holds the new key first and the previous ones after it; back it up now.\n`,
        );
      }),
  );
  return keys;
}
