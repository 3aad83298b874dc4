import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingOrg } from '../records/records.routes.js';
import { presentGroup, presentLink, presentProject } from './linkage.presenter.js';
import {
  createProjectBody,
  generateBody,
  groupParams,
  groupView,
  projectParams,
  projectView,
  recordLinksParams,
  recordLinkView,
  respondBody,
  reviewBody,
  uploadBody,
} from './linkage.schema.js';
import type { LinkageService } from './linkage.service.js';

const tags = ['linkage'];

/** Largest upload of encodings: 200,000 CLKs of 1024 bits with their ids, as JSON, fit in 64 MiB. */
const uploadBodyLimit = 64 * 2 ** 20;

/**
 * Linkage projects under /api/v1/linkage: set up between organisations of different countries, upload
 * or generate encodings, run matching, review the caller's side of each match, and see a record's
 * confirmed links for referral.
 */
export const linkageRoutes: FastifyPluginAsyncZod<{ linkage: LinkageService }> = async (app, { linkage }) => {
  app.get(
    '/linkage/partners',
    {
      schema: {
        tags,
        summary: 'Organisations of other countries a project could invite',
        response: {
          200: z.array(z.object({ id: z.string(), name: z.string(), country: z.string(), type: z.string() })),
        },
      },
    },
    async (request) =>
      (await linkage.partners(request.ctx, actingOrg(request.ctx))).map(({ id, name, country, type }) => ({
        id,
        name,
        country,
        type,
      })),
  );

  app.get(
    '/linkage/projects',
    {
      schema: {
        tags,
        summary: 'Projects your organisation takes part in',
        response: { 200: z.array(projectView) },
      },
    },
    async (request) => (await linkage.list(request.ctx, actingOrg(request.ctx))).map(presentProject),
  );

  app.post(
    '/linkage/projects',
    {
      schema: {
        tags,
        summary: 'Set up a linkage project and invite organisations of other countries',
        body: createProjectBody,
        response: { 201: projectView },
      },
    },
    async (request, reply) => {
      const { schema, ...rest } = request.body;
      const view = await linkage.create(request.ctx, actingOrg(request.ctx), {
        ...rest,
        ...(schema !== undefined ? { schema } : {}),
      });
      reply.code(201);
      return presentProject(view);
    },
  );

  app.get(
    '/linkage/projects/:id',
    { schema: { tags, summary: 'One project', params: projectParams, response: { 200: projectView } } },
    async (request) =>
      presentProject(await linkage.get(request.ctx, actingOrg(request.ctx), request.params.id)),
  );

  app.post(
    '/linkage/projects/:id/respond',
    {
      schema: {
        tags,
        summary: 'Accept or decline an invitation',
        params: projectParams,
        body: respondBody,
        response: { 200: projectView },
      },
    },
    async (request) =>
      presentProject(
        await linkage.respond(request.ctx, actingOrg(request.ctx), request.params.id, request.body.accept),
      ),
  );

  app.put(
    '/linkage/projects/:id/encodings',
    {
      bodyLimit: uploadBodyLimit,
      schema: {
        tags,
        summary: "Upload your records' encodings (replacing earlier ones; all or nothing)",
        params: projectParams,
        body: uploadBody,
        response: { 200: projectView },
      },
    },
    async (request) =>
      presentProject(
        await linkage.upload(request.ctx, actingOrg(request.ctx), request.params.id, request.body),
      ),
  );

  app.post(
    '/linkage/projects/:id/encodings/generate',
    {
      schema: {
        tags,
        summary: 'Make encodings from your own consented records with the agreed secret (not stored)',
        params: projectParams,
        body: generateBody,
        response: {
          200: projectView.extend({
            encoded: z.number().int(),
            withoutConsent: z.number().int().describe('Records left out: no consent to record linkage'),
            failed: z.number().int().describe('Records whose values the schema refused'),
          }),
        },
      },
    },
    async (request) => {
      const result = await linkage.generate(
        request.ctx,
        actingOrg(request.ctx),
        request.params.id,
        request.body,
      );
      return {
        ...presentProject(result),
        encoded: result.encoded,
        withoutConsent: result.withoutConsent,
        failed: result.failed,
      };
    },
  );

  app.post(
    '/linkage/projects/:id/match',
    {
      schema: {
        tags,
        summary: "Compare the parties' encodings and find possible matches",
        params: projectParams,
        response: { 200: projectView.extend({ groups: z.number().int() }) },
      },
    },
    async (request) => {
      const result = await linkage.match(request.ctx, actingOrg(request.ctx), request.params.id);
      return { ...presentProject(result), groups: result.groups };
    },
  );

  app.get(
    '/linkage/projects/:id/matches',
    {
      schema: {
        tags,
        summary: 'Possible matches holding your records (your record ids only)',
        params: projectParams,
        response: { 200: z.array(groupView) },
      },
    },
    async (request) =>
      (await linkage.groups(request.ctx, actingOrg(request.ctx), request.params.id)).map(presentGroup),
  );

  app.post(
    '/linkage/projects/:id/matches/:groupId/review',
    {
      schema: {
        tags,
        summary: "Confirm or reject your organisation's side of a possible match",
        params: groupParams,
        body: reviewBody,
        response: { 200: groupView },
      },
    },
    async (request) =>
      presentGroup(
        await linkage.review(
          request.ctx,
          actingOrg(request.ctx),
          request.params.id,
          request.params.groupId,
          request.body,
        ),
      ),
  );

  app.post(
    '/linkage/projects/:id/close',
    {
      schema: {
        tags,
        summary: 'Close the project: encodings deleted, matches and reviews kept',
        params: projectParams,
        response: { 200: projectView },
      },
    },
    async (request) =>
      presentProject(await linkage.close(request.ctx, actingOrg(request.ctx), request.params.id)),
  );

  app.get(
    '/linkage/links/:kind/:recordId',
    {
      schema: {
        tags,
        summary: 'Confirmed links of one of your records to other countries, for referral',
        params: recordLinksParams,
        response: { 200: z.array(recordLinkView) },
      },
    },
    async (request) =>
      (
        await linkage.linksOfRecord(
          request.ctx,
          actingOrg(request.ctx),
          request.params.kind,
          request.params.recordId,
        )
      ).map(presentLink),
  );
};
