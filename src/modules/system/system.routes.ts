import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthView } from './system.schema.js';
import type { SystemService } from './system.service.js';

/** Liveness for people, load balancers and monitors. Public; says nothing about data. */
export const systemRoutes: FastifyPluginAsyncZod<{ system: SystemService }> = async (app, { system }) => {
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: 'Health', response: { 200: healthView, 503: healthView } } },
    async (_request, reply) => {
      const health = await system.health();
      return reply.status(health.status === 'ok' ? 200 : 503).send(health);
    },
  );
};
