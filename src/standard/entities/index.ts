import type { EntityDefinition, EntityId } from '../field.js';
import { offender } from './offender.js';
import { proceeding } from './proceeding.js';
import { somIncident } from './som-incident.js';
import { thbCase } from './thb-case.js';

/** Every record kind of the Coral Data Standard, by id. */
export const entities: Record<EntityId, EntityDefinition> = { thbCase, somIncident, offender, proceeding };

export { offender, proceeding, somIncident, thbCase };
