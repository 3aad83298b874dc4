import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { email, newPassword } from '../../modules/users/users.schema.js';
import { allRoles } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { languages } from '../../standard/languages.js';
import { operator, parseWith, printJson, readStdin, withRuntime, withStorageFlags } from '../cli-context.js';

interface CreateFlags {
  email: string;
  org?: string;
  role: string;
  name?: string;
  language: string;
  passwordStdin?: boolean;
  data?: string;
  json?: boolean;
}

const createInput = z.object({
  email,
  role: z.enum(allRoles),
  displayName: z.string().trim().min(1).max(200),
  preferredLanguage: z.enum(languages),
  password: newPassword.optional(),
});

/** `coral users`: people and their roles. */
export function usersCommand(): Command {
  const users = new Command('users').description('people and their roles');
  users.addCommand(
    withStorageFlags(new Command('create'))
      .description('give a person a role in an organisation, creating their account if it is new')
      .requiredOption('--email <email>', 'sign-in e-mail address')
      .option('--org <org>', 'organisation id or exact name (not needed for platform-admin)')
      .addOption(new Option('--role <role>', 'role').choices([...allRoles]).makeOptionMandatory())
      .option('--name <name>', 'name shown to colleagues (default: the e-mail address before @)')
      .addOption(new Option('--language <lang>', 'preferred language').choices([...languages]).default('en'))
      .option(
        '--password-stdin',
        'read the password from standard input (default: generate one and print it once)',
      )
      .option('--json', 'print the result as JSON')
      .action(async (flags: CreateFlags) => {
        if (!flags.org && flags.role !== 'platform-admin') {
          throw new AppError('bad_request', '--org is required for every role but platform-admin.');
        }
        const typed = flags.passwordStdin ? await readStdin() : undefined;
        const generated = typed === undefined ? randomBytes(15).toString('base64url') : undefined;
        const input = parseWith(createInput, {
          email: flags.email,
          role: flags.role,
          displayName: flags.name ?? flags.email.split('@', 1)[0],
          preferredLanguage: flags.language,
          password: typed ?? generated,
        });
        const result = await withRuntime(flags, 'coral users create', async ({ services }) => {
          const ctx = operator();
          const orgId = flags.org ? (await services.organisations.resolve(ctx, flags.org)).id : null;
          return services.users.addMember(ctx, { ...input, orgId });
        });
        const password = result.createdAccount ? generated : undefined;
        const summary = {
          id: result.user.id,
          email: result.user.email,
          orgId: result.membership?.orgId ?? null,
          role: input.role,
          createdAccount: result.createdAccount,
          ...(password ? { password } : {}),
        };
        if (flags.json) return printJson(summary);
        process.stdout.write(`${summary.id}\n`);
        if (!result.createdAccount)
          process.stderr.write('coral: the account existed; it was given the role.\n');
        if (password) process.stderr.write(`coral: initial password (shown once): ${password}\n`);
      }),
  );
  return users;
}
