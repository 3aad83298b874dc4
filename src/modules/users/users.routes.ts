import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { organisationId } from '../organisations/organisations.schema.js';
import { presentMember } from './users.presenter.js';
import { changeRoleBody, createUserBody, memberView, userId } from './users.schema.js';
import type { UsersService } from './users.service.js';

const tags = ['users'];
const orgParams = z.object({ orgId: organisationId });
const memberParams = z.object({ orgId: organisationId, userId });

/** Members of an organisation and their roles, for its administrators. */
export const userRoutes: FastifyPluginAsyncZod<{ users: UsersService }> = async (app, { users }) => {
  app.get(
    '/organisations/:orgId/members',
    {
      schema: {
        tags,
        summary: 'Members of an organisation',
        params: orgParams,
        response: { 200: z.array(memberView) },
      },
    },
    async (request) => {
      const members = await users.listMembers(request.ctx, request.params.orgId);
      return members.map(({ user, membership }) => presentMember(user, membership));
    },
  );

  app.post(
    '/organisations/:orgId/members',
    {
      schema: {
        tags,
        summary: 'Add a person to an organisation (creating their account if new)',
        params: orgParams,
        body: createUserBody,
        response: { 201: memberView },
      },
    },
    async (request, reply) => {
      const { user, membership } = await users.addMember(request.ctx, {
        ...request.body,
        orgId: request.params.orgId,
      });
      if (!membership) throw new Error('addMember returned no membership for an organisation role');
      return reply.status(201).send(presentMember(user, membership));
    },
  );

  app.get(
    '/organisations/:orgId/members/:userId',
    { schema: { tags, summary: 'One member', params: memberParams, response: { 200: memberView } } },
    async (request) => {
      const { user, membership } = await users.getMember(
        request.ctx,
        request.params.orgId,
        request.params.userId,
      );
      return presentMember(user, membership);
    },
  );

  app.patch(
    '/organisations/:orgId/members/:userId',
    {
      schema: {
        tags,
        summary: "Change a member's role",
        params: memberParams,
        body: changeRoleBody,
        response: { 200: memberView },
      },
    },
    async (request) => {
      const { orgId, userId: id } = request.params;
      await users.changeRole(request.ctx, orgId, id, request.body.role);
      const { user, membership } = await users.getMember(request.ctx, orgId, id);
      return presentMember(user, membership);
    },
  );

  app.delete(
    '/organisations/:orgId/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a person from an organisation',
        params: memberParams,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await users.removeMember(request.ctx, request.params.orgId, request.params.userId);
      return reply.status(204).send();
    },
  );
};
