import type { EntityId } from '../field.js';
import { htcdsFields } from './htcds.js';

/**
 * Which of the field's published layouts can hold records of a kind: CTDC's global dataset describes
 * trafficking cases only; HTCDS 2.0 has fields for the kinds it maps (cases, offenders). Import, export
 * and the web app's export dialog all ask here.
 */
export function layoutsFor(kind: EntityId): { ctdc: boolean; htcds: boolean } {
  return { ctdc: kind === 'thbCase', htcds: htcdsFields(kind).length > 0 };
}
