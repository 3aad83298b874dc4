import type { EntityId } from '../../../src/standard/field';
import type { SessionView } from '../api/session';

/** Whether to offer creating and editing records of a kind. The server decides; this only avoids offering what it would refuse. */
export function canWrite(session: SessionView, kind: EntityId): boolean {
  return session.permissions[kind]?.write === true;
}

export function canDelete(session: SessionView, kind: EntityId): boolean {
  return session.permissions[kind]?.delete === true;
}
