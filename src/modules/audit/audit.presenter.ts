import type { AuditRow } from './audit.repository.js';
import type { AuditEntryView } from './audit.schema.js';

/** An audit entry as administrators see it. */
export function presentAuditEntry(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    tokenId: row.tokenId,
    orgId: row.orgId,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    outcome: row.outcome,
    reason: row.reason,
    requestId: row.requestId,
    clientAddress: row.clientAddress,
    details: row.details,
  };
}
