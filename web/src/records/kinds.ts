import type { EntityId } from '../../../src/standard/field';
import { recordKinds } from '../../../src/standard/record-views';

/** The kinds of record in the order the navigation shows them. */
export const kindsInOrder: readonly EntityId[] = ['thbCase', 'somIncident', 'offender', 'proceeding'];

/** The kind whose URL segment this is. */
export function kindOfSegment(segment: string | undefined): EntityId | undefined {
  return kindsInOrder.find((kind) => recordKinds[kind].segment === segment);
}

/** The field holding a record's own reference, shown as its title. */
export function referenceField(kind: EntityId): string {
  return recordKinds[kind].summaryFields[0] ?? 'id';
}
