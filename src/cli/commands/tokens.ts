import { Command } from 'commander';
import { z } from 'zod';
import { presentToken } from '../../modules/tokens/tokens.presenter.js';
import { email } from '../../modules/users/users.schema.js';
import { operator, parseWith, printJson, withRuntime, withStorageFlags } from '../cli-context.js';

const createInput = z.object({
  email,
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.coerce.number().int().min(1).max(366),
});

/** `coral tokens`: API tokens for machine clients. */
export function tokensCommand(): Command {
  const tokens = new Command('tokens').description('API tokens for machine clients');
  tokens.addCommand(
    withStorageFlags(new Command('create'))
      .description('make an API token for a user in one organisation; prints the token once')
      .requiredOption('--email <email>', "the token's user")
      .requiredOption('--org <org>', 'organisation id or exact name; the user must be a member')
      .option('--name <name>', 'what the token is for', 'command line')
      .option('--expires-days <days>', 'days until it stops working (1 to 366)', '90')
      .option('--json', 'print the token and its details as JSON')
      .action(
        async (flags: {
          email: string;
          org: string;
          name: string;
          expiresDays: string;
          data?: string;
          json?: boolean;
        }) => {
          const input = parseWith(createInput, {
            email: flags.email,
            name: flags.name,
            expiresInDays: flags.expiresDays,
          });
          const { token, secret } = await withRuntime(flags, 'coral tokens create', async ({ services }) => {
            const ctx = operator();
            const user = await services.users.resolveByEmail(ctx, input.email);
            const org = await services.organisations.resolve(ctx, flags.org);
            return services.tokens.create(ctx, {
              name: input.name,
              expiresInDays: input.expiresInDays,
              userId: user.id,
              orgId: org.id,
            });
          });
          if (flags.json) printJson({ ...presentToken(token), orgId: token.orgId, token: secret });
          else process.stdout.write(`${secret}\n`);
        },
      ),
  );
  return tokens;
}
