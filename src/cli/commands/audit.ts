import { Command } from 'commander';
import { presentAuditEntry } from '../../modules/audit/audit.presenter.js';
import { AppError } from '../../platform/errors.js';
import { operator, printJson, printTable, withRuntime, withStorageFlags } from '../cli-context.js';

interface ListFlags {
  since?: string;
  actor?: string;
  action?: string;
  org?: string;
  limit: string;
  data?: string;
  json?: boolean;
}

/** `coral audit`: read the audit log. */
export function auditCommand(): Command {
  const audit = new Command('audit').description('the audit log: who did what, when, from where');
  audit.addCommand(
    withStorageFlags(new Command('list'))
      .description('list audit entries, newest first')
      .option('--since <when>', 'an ISO 8601 time, or a span back from now: 30m, 24h, 7d')
      .option('--actor <who>', 'a user id or e-mail address, or cli:<name>')
      .option('--action <action>', 'one action, e.g. user.create or auth.login')
      .option('--org <org>', 'organisation id or exact name')
      .option('--limit <n>', 'most entries to show (1 to 10000)', '100')
      .option('--json', 'print JSON (one array)')
      .action(async (flags: ListFlags) => {
        const since = flags.since ? parseSince(flags.since, new Date()) : undefined;
        const limit = Number(flags.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
          throw new AppError('bad_request', '--limit must be 1 to 10000.');
        const rows = await withRuntime(flags, 'coral audit list', async ({ services }) => {
          const ctx = operator();
          const actorId = flags.actor?.includes('@')
            ? (await services.users.resolveByEmail(ctx, flags.actor)).id
            : flags.actor;
          const orgId = flags.org ? (await services.organisations.resolve(ctx, flags.org)).id : undefined;
          return services.audit.list(ctx, { since, actorId, action: flags.action, orgId, limit });
        });
        const entries = rows.map(presentAuditEntry);
        if (flags.json) return printJson(entries);
        printTable(
          ['TIME', 'OUTCOME', 'ACTION', 'ACTOR', 'ORGANISATION', 'RESOURCE'],
          entries.map((e) => [
            e.occurredAt,
            e.reason ? `${e.outcome} (${e.reason})` : e.outcome,
            e.action,
            e.actorId ?? e.actorType,
            e.orgId ?? '-',
            e.resourceId ? `${e.resourceType} ${e.resourceId}` : e.resourceType,
          ]),
        );
      }),
  );
  return audit;
}

/** "7d", "24h", "30m" back from `now`, or an ISO 8601 time. */
export function parseSince(text: string, now: Date): Date {
  const span = /^(\d+)([mhd])$/.exec(text.trim());
  if (span) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2] as 'm' | 'h' | 'd']; // checked by the pattern
    return new Date(now.getTime() - Number(span[1]) * unit);
  }
  const time = new Date(text);
  if (Number.isNaN(time.getTime()))
    throw new AppError('bad_request', '--since must be an ISO 8601 time or a span like 24h or 7d.');
  return time;
}
