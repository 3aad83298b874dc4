import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presentAuditEntry } from './audit.presenter.js';
import { auditPageView, auditQuery } from './audit.schema.js';
import type { AuditService } from './audit.service.js';

/** The audit log, newest first, a page at a time. */
export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log entries',
        querystring: auditQuery,
        response: { 200: auditPageView },
      },
    },
    async (request) => {
      const { since, until, actor, ...rest } = request.query;
      const rows = await audit.list(request.ctx, {
        ...rest,
        actorId: actor,
        since: since ? new Date(since) : undefined,
        until: until ? new Date(until) : undefined,
      });
      const last = rows.at(-1);
      return {
        entries: rows.map(presentAuditEntry),
        nextCursor: rows.length === rest.limit && last ? last.id : null,
      };
    },
  );
};
