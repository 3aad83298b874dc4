import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { entityIds } from '../../standard/field.js';
import { codelistsDocument, entityJsonSchema, standardDocument } from '../../standard/publish/json-schema.js';

const tags = ['standard'];
const document = z.record(z.string(), z.unknown());

/**
 * The Coral Data Standard, public like any published standard: no sign-in, no personal data.
 * Built once when the routes are registered; the standard changes only with a new release of Coral.
 */
export const standardRoutes: FastifyPluginAsyncZod = async (app) => {
  const whole = standardDocument();
  const codelists = codelistsDocument();
  app.get(
    '/standard',
    {
      schema: {
        tags,
        summary: 'The whole standard: version, a JSON Schema per record kind, codelists',
        response: { 200: document },
      },
    },
    async () => whole,
  );
  app.get(
    '/standard/codelists',
    {
      schema: {
        tags,
        summary: 'Every codelist, with labels in English, Spanish, French and Dutch',
        response: { 200: document },
      },
    },
    async () => codelists,
  );
  app.get(
    '/standard/:entity',
    {
      schema: {
        tags,
        summary: 'The JSON Schema (2020-12) of one record kind',
        params: z.object({
          entity: z.enum(entityIds).describe('Record kind: thbCase, somIncident, offender or proceeding'),
        }),
        response: { 200: document },
      },
    },
    async (request) => entityJsonSchema(request.params.entity),
  );
};
