import type { Database } from '../../db/database.js';
import type { Actor, Context } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { can } from './audit.policy.js';
import type { AuditQuery, AuditRepository, AuditRow } from './audit.repository.js';

/** What happened, in words that hold no personal data: ids, codes and field names only. */
export interface AuditEvent {
  /** `<resource>.<verb>`, e.g. `user.create`, `auth.login`, `organisation.read`. */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  /** Defaults to the organisation the actor acts for. */
  orgId?: string | null;
  /** Ids, codes, counts and field names. Never names, e-mails, free text or secrets. */
  details?: Record<string, string | number | boolean | null | string[]>;
}

export type Outcome = 'success' | 'denied' | 'failure';

export interface DenyOptions {
  /** Answer 404 rather than 403, so a user cannot learn that another organisation's record exists. */
  hide?: boolean;
  message?: string;
}

/**
 * Records who did what. Every write records a `success` in the same transaction as the write; every
 * refusal records a `denied` even when the surrounding work is rolled back.
 */
export class AuditService {
  constructor(private readonly deps: { database: Database; audit: AuditRepository; clock: Clock }) {}

  /** Records an event's outcome. Inside a transaction a success lands with the work or not at all. */
  async record(
    ctx: Context,
    event: AuditEvent,
    outcome: Outcome = 'success',
    reason: string | null = null,
  ): Promise<void> {
    await this.deps.audit.insert({
      occurredAt: this.deps.clock.now(),
      ...actorColumns(ctx.actor),
      orgId: event.orgId !== undefined ? event.orgId : actorOrg(ctx.actor),
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId ?? null,
      outcome,
      reason,
      requestId: ctx.origin.requestId,
      clientAddress: ctx.origin.clientAddress,
      details: event.details ?? null,
    });
  }

  /** Records a failure or refusal outside any open transaction, so a rollback cannot erase it. */
  async recordOutside(ctx: Context, event: AuditEvent, outcome: Outcome, reason: string): Promise<void> {
    await this.deps.database.outsideTransaction(() => this.record(ctx, event, outcome, reason));
  }

  /**
   * The one gate every service entry point passes: when `allowed` is false, records the refusal and
   * throws 403 (or 404 with `hide`).
   *
   * @example
   * await this.deps.audit.enforce(ctx, can(actor, 'read', org), { action: 'organisation.read', ... }, { hide: true });
   */
  async enforce(ctx: Context, allowed: boolean, event: AuditEvent, options: DenyOptions = {}): Promise<void> {
    if (allowed) return;
    const error = options.hide
      ? new AppError('not_found', options.message ?? `No such ${event.resourceType.replace(/_/g, ' ')}.`)
      : new AppError('forbidden', options.message ?? 'You are not allowed to do this.');
    await this.recordOutside(ctx, event, 'denied', error.code);
    throw error;
  }

  /**
   * Lists entries, newest first. `orgId` undefined means the actor's own scope: every organisation for
   * operators and platform administrators, the organisation they act for otherwise.
   */
  async list(
    ctx: Context,
    query: Omit<AuditQuery, 'orgId'> & { orgId?: string | null },
  ): Promise<AuditRow[]> {
    const actor = requireActor(ctx);
    const platformScope = actor.kind === 'operator' || actor.platformAdmin;
    const orgId = query.orgId !== undefined ? query.orgId : platformScope ? null : actorOrg(actor);
    await this.enforce(
      ctx,
      can(actor, 'list', { orgId }),
      { action: 'audit.list', resourceType: 'audit_log', orgId },
      { message: 'Only administrators who signed in with two-factor authentication may read the audit log.' },
    );
    const rows = await this.deps.audit.list({ ...query, orgId: orgId ?? undefined });
    // Reading the log is itself recorded: who looked at whose activity.
    await this.record(ctx, {
      action: 'audit.list',
      resourceType: 'audit_log',
      orgId,
      details: { count: rows.length },
    });
    return rows;
  }
}

/** The actor of a context, or a 401 when nobody is signed in. */
export function requireActor(ctx: Context): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated', 'Sign in first.');
  return ctx.actor;
}

function actorOrg(actor: Actor | null): string | null {
  return actor?.kind === 'user' ? actor.orgId : null;
}

function actorColumns(actor: Actor | null): {
  actorType: string;
  actorId: string | null;
  tokenId: string | null;
} {
  if (!actor) return { actorType: 'anonymous', actorId: null, tokenId: null };
  if (actor.kind === 'operator') return { actorType: 'cli', actorId: `cli:${actor.name}`, tokenId: null };
  if (actor.via.type === 'token')
    return { actorType: 'token', actorId: actor.userId, tokenId: actor.via.tokenId };
  return { actorType: 'user', actorId: actor.userId, tokenId: null };
}
