import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvLine } from '../../interchange/writers.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { actingOrg, toListRequest } from '../records/records.routes.js';
import { type ExportsService, exportFile } from './exports.service.js';
import { presentImport, presentMapping, presentProblem } from './imports.presenter.js';
import {
  commitBody,
  configureBody,
  exportQuery,
  importParams,
  importView,
  mappingIdParams,
  mappingParams,
  mappingView,
  previewView,
  problemsQuery,
  problemView,
  suggestionView,
  uploadQuery,
} from './imports.schema.js';
import type { ImportOptions, ImportsService } from './imports.service.js';

const tags = ['imports'];

/**
 * Bulk import under /api/v1/imports: upload a file (the raw bytes, streamed and sealed), watch it being
 * validated, preview it, map its columns if Coral does not know its layout, commit or cancel; saved
 * column mappings under /api/v1/import-mappings. All within the organisation the caller acts for.
 */
export const importRoutes: FastifyPluginAsyncZod<{
  imports: ImportsService;
  maxUploadBytes: number;
}> = async (app, { imports, maxUploadBytes }) => {
  // The upload is the file itself, streamed to the sealed staging file; never held whole in memory.
  app.addContentTypeParser(
    [
      'application/octet-stream',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    { bodyLimit: maxUploadBytes },
    (_request, payload, done) => done(null, payload),
  );

  app.post(
    '/imports',
    {
      bodyLimit: maxUploadBytes,
      schema: {
        tags,
        summary: 'Upload a file to import (the raw bytes as application/octet-stream); validation starts',
        querystring: uploadQuery,
        response: { 202: importView },
      },
    },
    async (request, reply) => {
      const body = request.body as AsyncIterable<Buffer> | undefined;
      if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') {
        throw new AppError(
          'unsupported_media_type',
          'Send the file itself as the request body, with Content-Type: application/octet-stream.',
        );
      }
      const { fileName, mapping, ...options } = request.query;
      const view = await imports.upload(
        request.ctx,
        actingOrg(request.ctx),
        {
          fileName,
          options: { ...options, ...(mapping ? { mappingName: mapping } : {}) } as ImportOptions,
        },
        body,
      );
      return reply.status(202).send(presentImport(view));
    },
  );

  app.get(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Recent imports, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.array(importView) },
      },
    },
    async (request) =>
      (await imports.list(request.ctx, actingOrg(request.ctx), request.query.limit)).map(presentImport),
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'An import: its status, progress and counts',
        params: importParams,
        response: { 200: importView },
      },
    },
    async (request) =>
      presentImport(await imports.get(request.ctx, actingOrg(request.ctx), request.params.id)),
  );

  app.get(
    '/imports/:id/problems',
    {
      schema: {
        tags,
        summary: 'Problems found, row by row, in pages',
        params: importParams,
        querystring: problemsQuery,
        response: { 200: z.array(problemView) },
      },
    },
    async (request) => {
      const { after, limit } = request.query;
      const problems = await imports.problems(
        request.ctx,
        actingOrg(request.ctx),
        request.params.id,
        after,
        limit,
      );
      return problems.map(presentProblem);
    },
  );

  app.get(
    '/imports/:id/problems.csv',
    {
      schema: {
        tags,
        summary: 'Every kept problem as a CSV file, to correct the source file by',
        params: importParams,
      },
    },
    async (request, reply) => {
      const orgId = actingOrg(request.ctx);
      const view = await imports.get(request.ctx, orgId, request.params.id);
      const lines = [csvLine(['row', 'column', 'field', 'severity', 'code', 'message'])];
      let seq = 0;
      for (;;) {
        const page = await imports.problems(request.ctx, orgId, view.id, seq, 1000);
        for (const p of page) {
          lines.push(csvLine([String(p.row), p.column, p.path ?? '', p.severity, p.code, p.message]));
        }
        if (page.length < 1000) break;
        seq = page.at(-1)?.seq ?? seq;
      }
      const base = view.fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'import';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${base}-problems.csv"`)
        .send(`\uFEFF${lines.join('')}`);
    },
  );

  app.get(
    '/imports/:id/preview',
    {
      schema: {
        tags,
        summary: 'The first rows as they would become records, with their problems',
        params: importParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
        response: { 200: previewView },
      },
    },
    async (request) =>
      imports.preview(request.ctx, actingOrg(request.ctx), request.params.id, request.query.limit),
  );

  app.get(
    '/imports/:id/suggested-mapping',
    {
      schema: {
        tags,
        summary: 'A suggested column mapping for a layout Coral does not know',
        params: importParams,
        querystring: z.object({
          kind: z.enum(['thbCase', 'somIncident', 'offender', 'proceeding']).optional(),
        }),
        response: { 200: suggestionView },
      },
    },
    async (request) =>
      imports.suggestMapping(request.ctx, actingOrg(request.ctx), request.params.id, request.query.kind),
  );

  app.patch(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'Read the file another way (format, kind, mapping, encoding…) and validate it again',
        params: importParams,
        body: configureBody,
        response: { 202: importView },
      },
    },
    async (request, reply) => {
      const view = await imports.configure(
        request.ctx,
        actingOrg(request.ctx),
        request.params.id,
        request.body as ImportOptions,
      );
      return reply.status(202).send(presentImport(view));
    },
  );

  app.post(
    '/imports/:id/commit',
    {
      schema: {
        tags,
        summary: 'Import the validated file in one transaction (or a dry run of it)',
        params: importParams,
        body: commitBody,
        response: { 202: importView },
      },
    },
    async (request, reply) => {
      const view = await imports.commit(request.ctx, actingOrg(request.ctx), request.params.id, request.body);
      return reply.status(202).send(presentImport(view));
    },
  );

  app.post(
    '/imports/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Give up an import; the uploaded file is destroyed',
        params: importParams,
        response: { 200: importView },
      },
    },
    async (request) =>
      presentImport(await imports.cancel(request.ctx, actingOrg(request.ctx), request.params.id)),
  );

  app.get(
    '/import-mappings',
    {
      schema: { tags, summary: 'Saved column mappings', response: { 200: z.array(mappingView) } },
    },
    async (request) => (await imports.listMappings(request.ctx, actingOrg(request.ctx))).map(presentMapping),
  );

  app.put(
    '/import-mappings/:name',
    {
      schema: {
        tags,
        summary: 'Save a column mapping under a name (replacing one of that name)',
        params: mappingParams,
        body: z.record(z.string(), z.unknown()).describe('A column mapping: kind, headerRow, columns…'),
        response: { 200: mappingView },
      },
    },
    async (request) =>
      presentMapping(
        await imports.saveMapping(request.ctx, actingOrg(request.ctx), request.params.name, request.body),
      ),
  );

  app.delete(
    '/import-mappings/:id',
    {
      schema: {
        tags,
        summary: 'Delete a saved column mapping',
        params: mappingIdParams,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await imports.deleteMapping(request.ctx, actingOrg(request.ctx), request.params.id);
      return reply.status(204).send();
    },
  );
};

/**
 * GET /api/v1/exports: records of one kind as a file, streamed, with the list's filters. Audited before
 * the first byte; identifying fields only when asked for and allowed.
 */
export const exportRoutes: FastifyPluginAsyncZod<{ exports: ExportsService; clock: Clock }> = async (
  app,
  { exports, clock },
) => {
  app.get(
    '/exports',
    {
      schema: {
        tags: ['exports'],
        summary: 'Export records as Coral CSV, JSON Lines, the CTDC layout or the HTCDS Excel layout',
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const { kind, format, identifying, ...rest } = request.query;
      const list = toListRequest(kind, rest as Record<string, string | number | undefined>);
      const write = await exports.prepare(request.ctx, actingOrg(request.ctx), {
        kind,
        format,
        identifying: identifying === 'true',
        filters: {
          filters: list.filters,
          ...(list.text ? { text: list.text } : {}),
          ...(list.name ? { name: list.name } : {}),
        },
      });
      const file = exportFile(kind, format, clock.now().toISOString().slice(0, 10));
      const out = new PassThrough();
      write(out)
        .then(() => {
          if (!out.writableEnded) out.end();
        })
        .catch((error: unknown) => {
          // Headers are gone: the download breaks off rather than ending as if it were whole.
          request.log.error({ err: error }, 'export failed');
          out.destroy(error instanceof Error ? error : new Error('export failed'));
        });
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .header('cache-control', 'no-store')
        .send(out);
    },
  );
};
