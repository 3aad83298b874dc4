import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentToken } from './tokens.presenter.js';
import { createdTokenView, createTokenBody, tokenView } from './tokens.schema.js';
import type { TokensService } from './tokens.service.js';

const tags = ['tokens'];

/** API tokens for machine clients. */
export const tokenRoutes: FastifyPluginAsyncZod<{ tokens: TokensService }> = async (app, { tokens }) => {
  app.get(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Your tokens (administrators: all of the organisation)',
        response: { 200: z.array(tokenView) },
      },
    },
    async (request) => (await tokens.list(request.ctx)).map(presentToken),
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Make a token for yourself',
        body: createTokenBody,
        response: { 201: createdTokenView },
      },
    },
    async (request, reply) => {
      const { token, secret } = await tokens.create(request.ctx, request.body);
      return reply.status(201).send({ ...presentToken(token), token: secret });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a token',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await tokens.revoke(request.ctx, request.params.id);
      return reply.status(204).send();
    },
  );
};
