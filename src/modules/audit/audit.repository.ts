import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

/** A row of the audit log as Coral reads it. */
export interface AuditRow {
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  tokenId: string | null;
  orgId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
  reason: string | null;
  requestId: string | null;
  clientAddress: string | null;
  details: Record<string, unknown> | null;
}

export type NewAuditRow = Omit<AuditRow, 'id'>;

export interface AuditQuery {
  /** Only this organisation's entries; undefined means every organisation (platform scope). */
  orgId?: string;
  since?: Date;
  until?: Date;
  actorId?: string;
  action?: string;
  outcome?: string;
  /** Entries older than this id (the cursor of the previous page). */
  before?: string;
  limit: number;
}

/** The audit log's only door to the database. There is no update or delete: the table refuses both. */
export class AuditRepository {
  constructor(private readonly database: Database) {}

  async insert(row: NewAuditRow): Promise<void> {
    await this.database.executor
      .insertInto('audit_log')
      .values({
        occurred_at: row.occurredAt,
        actor_type: row.actorType,
        actor_id: row.actorId,
        token_id: row.tokenId,
        org_id: row.orgId,
        action: row.action,
        resource_type: row.resourceType,
        resource_id: row.resourceId,
        outcome: row.outcome,
        reason: row.reason,
        request_id: row.requestId,
        client_address: row.clientAddress,
        details: row.details === null ? null : JSON.stringify(row.details),
      })
      .execute();
  }

  /** Newest first. */
  async list(query: AuditQuery): Promise<AuditRow[]> {
    let select = this.database.executor
      .selectFrom('audit_log')
      .select([
        sql<string>`id::text`.as('id'),
        'occurred_at',
        'actor_type',
        'actor_id',
        'token_id',
        'org_id',
        'action',
        'resource_type',
        'resource_id',
        'outcome',
        'reason',
        'request_id',
        'client_address',
        'details',
      ])
      .orderBy('audit_log.id', 'desc')
      .limit(query.limit);
    if (query.orgId !== undefined) select = select.where('org_id', '=', query.orgId);
    if (query.since) select = select.where('occurred_at', '>=', query.since);
    if (query.until) select = select.where('occurred_at', '<', query.until);
    if (query.actorId) select = select.where('actor_id', '=', query.actorId);
    if (query.action) select = select.where('action', '=', query.action);
    if (query.outcome) select = select.where('outcome', '=', query.outcome);
    if (query.before) select = select.where('audit_log.id', '<', sql<string>`${query.before}::bigint`);
    const rows = await select.execute();
    return rows.map((row) => ({
      id: row.id,
      occurredAt: new Date(row.occurred_at),
      actorType: row.actor_type,
      actorId: row.actor_id,
      tokenId: row.token_id,
      orgId: row.org_id,
      action: row.action,
      resourceType: row.resource_type,
      resourceId: row.resource_id,
      outcome: row.outcome,
      reason: row.reason,
      requestId: row.request_id,
      clientAddress: row.client_address,
      details: row.details,
    }));
  }
}
