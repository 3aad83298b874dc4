import { z } from 'zod';
import { codesOf } from '../../standard/codelists/codelist.js';
import { countryCodes } from '../../standard/codelists/countries.js';
import { organisationTypes } from '../../standard/codelists/organisation-types.js';

/** An organisation's id (UUID). */
export const organisationId = z.uuid().describe('Organisation id (UUID)');

/** Body of `POST /api/v1/organisations`. */
export const createOrganisationBody = z
  .object({
    /** Its name as people know it; unique on the platform, ignoring case. */
    name: z.string().trim().min(1).max(200).describe('Name, unique on the platform'),
    /** HTCDS 2.0 organisation type, or RegionalBody / InternationalOrganisation. */
    type: z.enum(codesOf(organisationTypes)).describe('Organisation type (HTCDS 2.0 org_Type, extended)'),
    /** ISO 3166-1 alpha-2 code of the country it works in (or is seated in). */
    country: z.enum(countryCodes).describe('ISO 3166-1 alpha-2 country code'),
  })
  .strict();

/** Body of `PATCH /api/v1/organisations/:id`: any of the fields, at least one. */
export const updateOrganisationBody = createOrganisationBody
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Give at least one field to change.' });

/** An organisation as the API shows it. */
export const organisationView = z.object({
  id: organisationId,
  name: z.string().describe('Name'),
  type: z.string().describe('Organisation type code'),
  country: z.string().describe('ISO 3166-1 alpha-2 country code'),
  createdAt: z.string().describe('When it was registered (ISO 8601)'),
});

export type CreateOrganisationInput = z.infer<typeof createOrganisationBody>;
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationBody>;
export type OrganisationView = z.infer<typeof organisationView>;
