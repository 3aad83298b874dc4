import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentOrganisation } from './organisations.presenter.js';
import {
  createOrganisationBody,
  organisationId,
  organisationView,
  updateOrganisationBody,
} from './organisations.schema.js';
import type { OrganisationsService } from './organisations.service.js';

const tags = ['organisations'];
const params = z.object({ id: organisationId });

/** Organisations: list, register (platform administrators), read, correct. */
export const organisationRoutes: FastifyPluginAsyncZod<{ organisations: OrganisationsService }> = async (
  app,
  { organisations },
) => {
  app.get(
    '/organisations',
    { schema: { tags, summary: 'Organisations you may see', response: { 200: z.array(organisationView) } } },
    async (request) => (await organisations.list(request.ctx)).map(presentOrganisation),
  );

  app.post(
    '/organisations',
    {
      schema: {
        tags,
        summary: 'Register an organisation',
        body: createOrganisationBody,
        response: { 201: organisationView },
      },
    },
    async (request, reply) => {
      const created = await organisations.create(request.ctx, request.body);
      return reply.status(201).send(presentOrganisation(created));
    },
  );

  app.get(
    '/organisations/:id',
    { schema: { tags, summary: 'One organisation', params, response: { 200: organisationView } } },
    async (request) => presentOrganisation(await organisations.get(request.ctx, request.params.id)),
  );

  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Correct an organisation',
        params,
        body: updateOrganisationBody,
        response: { 200: organisationView },
      },
    },
    async (request) =>
      presentOrganisation(await organisations.update(request.ctx, request.params.id, request.body)),
  );
};
