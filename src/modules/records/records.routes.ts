import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { EntityId } from '../../standard/field.js';
import { filterableFields, recordKinds } from '../../standard/record-views.js';
import { presentHistory, presentRecord, presentSummary } from './records.presenter.js';
import type { RecordFilter } from './records.repository.js';
import {
  deleteBody,
  historyView,
  listQuery,
  recordBody,
  recordPageView,
  recordParams,
  recordView,
} from './records.schema.js';
import type { ListRequest, RecordsService } from './records.service.js';

/**
 * The routes of one kind of record under /api/v1/{segment}: list, create, read, update (If-Match),
 * delete and restore, history. The organisation is always the one the caller acts for.
 */
export const recordRoutes: FastifyPluginAsyncZod<{ records: RecordsService; kind: EntityId }> = async (
  app,
  { records, kind },
) => {
  const config = recordKinds[kind];
  const base = `/${config.segment}`;
  const tags = [config.segment];
  const query = listQuery(kind);

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'List records (summaries, no identifying fields)',
        querystring: query,
        response: { 200: recordPageView },
      },
    },
    async (request) => {
      const params = request.query as Record<string, string | number | undefined>;
      const list = toListRequest(kind, params);
      const items = await records.list(request.ctx, kind, actingOrg(request.ctx), {
        ...list,
        limit: list.limit + 1,
      });
      const page = items.slice(0, list.limit);
      const last = page.at(-1);
      const more = items.length > list.limit && last;
      return {
        items: page.map(presentSummary),
        nextCursor: more ? encodeCursor(last.sortValue, last.id) : null,
      };
    },
  );

  app.post(
    base,
    { schema: { tags, summary: 'Create a record', body: recordBody, response: { 201: recordView } } },
    async (request, reply) => {
      const read = await records.create(request.ctx, kind, actingOrg(request.ctx), request.body);
      reply.header('etag', etag(read.stored.version)).header('location', `/api/v1${base}/${read.stored.id}`);
      return reply.status(201).send(presentRecord(read));
    },
  );

  app.get(
    `${base}/:id`,
    { schema: { tags, summary: 'Read a record', params: recordParams, response: { 200: recordView } } },
    async (request, reply) => {
      const read = await records.get(request.ctx, kind, actingOrg(request.ctx), request.params.id);
      reply.header('etag', etag(read.stored.version));
      return presentRecord(read);
    },
  );

  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Change a record (JSON merge patch; needs If-Match)',
        params: recordParams,
        body: recordBody,
        response: { 200: recordView },
      },
    },
    async (request, reply) => {
      const read = await records.update(
        request.ctx,
        kind,
        actingOrg(request.ctx),
        request.params.id,
        requireIfMatch(request),
        request.body,
      );
      reply.header('etag', etag(read.stored.version));
      return presentRecord(read);
    },
  );

  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a record (it can be restored)',
        params: recordParams,
        body: deleteBody,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await records.remove(
        request.ctx,
        kind,
        actingOrg(request.ctx),
        request.params.id,
        request.body.reason,
        optionalIfMatch(request),
      );
      return reply.status(204).send();
    },
  );

  app.post(
    `${base}/:id/restore`,
    {
      schema: {
        tags,
        summary: 'Restore a deleted record',
        params: recordParams,
        response: { 200: recordView },
      },
    },
    async (request, reply) => {
      const read = await records.restore(request.ctx, kind, actingOrg(request.ctx), request.params.id);
      reply.header('etag', etag(read.stored.version));
      return presentRecord(read);
    },
  );

  app.get(
    `${base}/:id/history`,
    {
      schema: {
        tags,
        summary: 'Who changed which fields, and when',
        params: recordParams,
        response: { 200: historyView },
      },
    },
    async (request) =>
      presentHistory(await records.history(request.ctx, kind, actingOrg(request.ctx), request.params.id)),
  );
};

/** The organisation a request acts for; 403 for a user acting for none (a platform administrator). */
export function actingOrg(ctx: Context): string {
  if (!ctx.actor) throw new AppError('unauthenticated', 'Sign in first.');
  if (ctx.actor.kind !== 'user' || !ctx.actor.orgId)
    throw new AppError('forbidden', 'Act for an organisation to work with its records.');
  return ctx.actor.orgId;
}

const etag = (version: number) => `"${version}"`;

function parseEtag(value: string): number | undefined {
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

function requireIfMatch(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (header === undefined) {
    throw new AppError(
      'precondition_required',
      'Send If-Match with the version you edited (the ETag of your last read), so no one’s changes are lost.',
    );
  }
  const version = parseEtag(header);
  if (version === undefined)
    throw new AppError('bad_request', 'If-Match must be the ETag of the record, like "3".');
  return version;
}

function optionalIfMatch(request: FastifyRequest): number | undefined {
  return request.headers['if-match'] === undefined ? undefined : requireIfMatch(request);
}

export function toListRequest(
  kind: EntityId,
  params: Record<string, string | number | undefined>,
): ListRequest & { limit: number } {
  const filters: RecordFilter[] = [];
  for (const { path, field } of filterableFields(kind)) {
    const segments = path.split('.');
    const type = field.type.kind;
    if (type === 'date') {
      const from = params[`${path}From`];
      const to = params[`${path}To`];
      if (typeof from === 'string') filters.push({ op: 'from', path: segments, value: from });
      if (typeof to === 'string') filters.push({ op: 'to', path: segments, value: to });
      continue;
    }
    const value = params[path];
    if (typeof value !== 'string') continue;
    if (type === 'codes') filters.push({ op: 'includes', path: segments, value });
    else if (type === 'flags') filters.push({ op: 'flag', path: segments, value });
    else filters.push({ op: 'equals', path: segments, value });
  }
  const dateFields = filterableFields(kind)
    .filter((f) => f.field.type.kind === 'date' && !f.path.includes('.'))
    .map((f) => f.path);
  const sortName = typeof params.sort === 'string' ? params.sort : 'updatedAt';
  if (sortName !== 'updatedAt' && sortName !== 'createdAt' && !dateFields.includes(sortName)) {
    throw new AppError('validation_failed', 'Unknown sort.', {
      issues: [
        {
          path: 'sort',
          code: 'invalid_code',
          message: `Sort by updatedAt, createdAt or one of: ${dateFields.join(', ')}.`,
        },
      ],
    });
  }
  const sortBy = sortName === 'updatedAt' || sortName === 'createdAt' ? sortName : [sortName];
  const cursor = typeof params.cursor === 'string' ? decodeCursor(params.cursor) : undefined;
  if (cursor && !Array.isArray(sortBy) && !isTimestamp(cursor.value)) {
    throw new AppError('bad_request', 'The cursor belongs to another sort; start from the first page.');
  }
  return {
    filters,
    ...(typeof params.q === 'string' ? { text: params.q } : {}),
    ...(typeof params.name === 'string' ? { name: params.name } : {}),
    sort: { by: sortBy, order: params.order === 'asc' ? 'asc' : 'desc' },
    ...(cursor ? { after: cursor } : {}),
    limit: typeof params.limit === 'number' ? params.limit : 50,
    ...(params.deleted === 'true' ? { deleted: true } : {}),
  };
}

/** An ISO 8601 UTC timestamp that names a real moment (V8 alone would take 30 February). */
function isTimestamp(value: string): boolean {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/.test(value)) return false;
  const parsed = new Date(value);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 19) === value.slice(0, 19);
}

function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): { value: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(parsed[1])
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('bad_request', 'The cursor is not valid; start from the first page.');
}
