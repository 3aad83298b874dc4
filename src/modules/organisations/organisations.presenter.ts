import type { Organisation } from './organisations.repository.js';
import type { OrganisationView } from './organisations.schema.js';

/** What the API shows of an organisation: every field named, nothing passed through whole. */
export function presentOrganisation(organisation: Organisation): OrganisationView {
  return {
    id: organisation.id,
    name: organisation.name,
    type: organisation.type,
    country: organisation.country,
    createdAt: organisation.createdAt.toISOString(),
  };
}
