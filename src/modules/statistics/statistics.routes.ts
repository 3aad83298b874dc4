import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvLine } from '../../interchange/writers.js';
import { AppError } from '../../platform/errors.js';
import { actingOrg } from '../records/records.routes.js';
import { gapsReport } from './gaps-report.js';
import { glotipCsv } from './glotip-export.js';
import { presentRelease, presentReleaseSummary } from './statistics.presenter.js';
import {
  gapsQuery,
  labelsView,
  populationBody,
  populationParams,
  regionalQuery,
  releaseBody,
  releaseChanges,
  releaseParams,
  releaseSummaryView,
  releaseView,
  tableQuery,
  tableView,
} from './statistics.schema.js';
import type {
  Microdata,
  ReleaseContent,
  ReleaseSpec,
  StatisticsService,
  StatisticsTable,
} from './statistics.service.js';

const tags = ['statistics'];

/**
 * Statistics under /api/v1: tables of the caller's organisation (always through disclosure control),
 * the data-gap assessment, releases from draft to published, and — with no sign-in — the published
 * releases, the regional figures drawn from them, and the catalogue of measures.
 */
export const statisticsRoutes: FastifyPluginAsyncZod<{ statistics: StatisticsService }> = async (
  app,
  { statistics },
) => {
  app.get(
    '/statistics/measures',
    {
      schema: {
        tags,
        summary: 'What Coral counts and by what (public)',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              kind: z.string(),
              label: labelsView,
              help: labelsView,
              dimensions: z.array(z.object({ id: z.string(), label: labelsView })),
            }),
          ),
        },
      },
    },
    async () => statistics.catalogue(),
  );

  app.get(
    '/statistics/table',
    {
      schema: {
        tags,
        summary: "A table of the organisation's records, small cells suppressed",
        querystring: tableQuery,
        response: { 200: tableView },
      },
    },
    async (request) => {
      const { measure, by, filter, minCell } = request.query;
      const table = await statistics.table(request.ctx, actingOrg(request.ctx), {
        measure,
        by,
        filters: parseFilters(filter),
        ...(minCell !== undefined ? { minCell } : {}),
      });
      return presentTable(table);
    },
  );

  app.get(
    '/statistics/gaps',
    {
      schema: {
        tags,
        summary: 'Data-gap assessment: completeness, timeliness, unknowns, producible disaggregations',
        querystring: gapsQuery,
      },
    },
    async (request) => statistics.gaps(request.ctx, actingOrg(request.ctx), request.query),
  );

  app.get(
    '/statistics/gaps/report',
    {
      schema: {
        tags,
        summary: 'The data-gap assessment as a document (Markdown) or a table (CSV) to download',
        querystring: gapsQuery.extend({
          format: z.enum(['markdown', 'csv']).default('markdown'),
          language: z.enum(['en', 'es', 'fr', 'nl']).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { format, language, ...period } = request.query;
      const assessment = await statistics.gaps(request.ctx, actingOrg(request.ctx), period);
      const body = gapsReport(assessment, format, language ?? request.ctx.language ?? 'en');
      const extension = format === 'csv' ? 'csv' : 'md';
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'text/markdown; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="coral-data-gaps-${period.from}-${period.to}.${extension}"`,
        )
        .send(body);
    },
  );

  app.get(
    '/statistics/regional',
    {
      schema: {
        tags,
        summary: "Each country's latest published figure for a measure and year (public)",
        querystring: regionalQuery,
        response: {
          200: z.array(
            z.object({
              country: z.string(),
              organisation: z.string(),
              releaseId: z.string(),
              value: z.number().nullable(),
              suppressed: z.boolean(),
            }),
          ),
        },
      },
    },
    async (request) => statistics.regional(request.query.measure, request.query.year),
  );

  app.get(
    '/statistics/regional/years',
    {
      schema: {
        tags,
        summary: 'Years with a published figure of a measure, newest first (public)',
        querystring: regionalQuery.pick({ measure: true }),
        response: { 200: z.array(z.string()) },
      },
    },
    async (request) => statistics.regionalYears(request.query.measure),
  );

  app.get(
    '/releases',
    {
      schema: {
        tags,
        summary: 'Published releases of every organisation, newest first (public)',
        response: { 200: z.array(releaseSummaryView) },
      },
    },
    async () => (await statistics.published()).map(presentReleaseSummary),
  );

  app.get(
    '/releases/mine',
    {
      schema: {
        tags,
        summary: "The organisation's releases, drafts and published",
        response: { 200: z.array(releaseSummaryView) },
      },
    },
    async (request) =>
      (await statistics.releases(request.ctx, actingOrg(request.ctx))).map(presentReleaseSummary),
  );

  app.get(
    '/releases/:id',
    {
      schema: {
        tags,
        summary: 'A release: published ones for anyone, drafts within their organisation',
        params: releaseParams,
        response: { 200: releaseView },
      },
    },
    async (request) => presentRelease(await statistics.release(request.ctx, request.params.id)),
  );

  app.get(
    '/releases/:id/microdata.csv',
    {
      schema: {
        tags,
        summary: "A published release's k-anonymous record-level file as CSV (public)",
        params: releaseParams,
      },
    },
    async (request, reply) => {
      const release = await statistics.release(request.ctx, request.params.id);
      const microdata = (release.content as { microdata?: Microdata } | null)?.microdata;
      if (release.status !== 'published' || !microdata) {
        throw new AppError('not_found', 'This release has no published microdata.');
      }
      const lines = [
        csvLine(microdata.columns.map((c) => c.id)),
        ...microdata.rows.map((row) => csvLine(row.map((v) => v ?? ''))),
      ];
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="coral-release-${release.id}-v${release.version}-microdata.csv"`,
        )
        .send(lines.join(''));
    },
  );

  app.get(
    '/releases/:id/glotip.csv',
    {
      schema: {
        tags,
        summary: "A published release's tables shaped as UNODC GLOTIP data (public)",
        params: releaseParams,
      },
    },
    async (request, reply) => {
      const release = await statistics.release(request.ctx, request.params.id);
      if (release.status !== 'published' || !release.content) {
        throw new AppError('not_found', 'This release is not published.');
      }
      const country = await statistics.countryOf(release.orgId);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="coral-release-${release.id}-v${release.version}-glotip.csv"`,
        )
        .send(glotipCsv(release.content as unknown as ReleaseContent, country));
    },
  );

  app.post(
    '/releases',
    {
      schema: {
        tags,
        summary: 'Start a release (a draft)',
        body: releaseBody,
        response: { 201: releaseView },
      },
    },
    async (request, reply) => {
      const release = await statistics.createRelease(request.ctx, actingOrg(request.ctx), {
        title: request.body.title,
        spec: request.body.spec as ReleaseSpec,
      });
      return reply.status(201).send(presentRelease(release));
    },
  );

  app.patch(
    '/releases/:id',
    {
      schema: {
        tags,
        summary: 'Change a draft',
        params: releaseParams,
        body: releaseChanges,
        response: { 200: releaseView },
      },
    },
    async (request) => {
      const { title, spec } = request.body;
      const release = await statistics.updateRelease(request.ctx, actingOrg(request.ctx), request.params.id, {
        ...(title !== undefined ? { title } : {}),
        ...(spec ? { spec: spec as ReleaseSpec } : {}),
      });
      return presentRelease(release);
    },
  );

  app.delete(
    '/releases/:id',
    { schema: { tags, summary: 'Delete a draft', params: releaseParams } },
    async (request, reply) => {
      await statistics.deleteRelease(request.ctx, actingOrg(request.ctx), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/releases/:id/preview',
    {
      schema: {
        tags,
        summary: 'What the draft would publish, with what is suppressed',
        params: releaseParams,
        response: {
          200: z.object({
            tables: z.array(tableView),
            generatedAt: z.string(),
            populationSource: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const content = await statistics.previewRelease(request.ctx, actingOrg(request.ctx), request.params.id);
      return { ...content, tables: content.tables.map(presentTable) };
    },
  );

  app.post(
    '/releases/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish the draft: figures computed and frozen; public from now on',
        params: releaseParams,
        response: { 200: releaseView },
      },
    },
    async (request) =>
      presentRelease(await statistics.publishRelease(request.ctx, actingOrg(request.ctx), request.params.id)),
  );

  app.post(
    '/releases/:id/revise',
    {
      schema: {
        tags,
        summary: 'Start the next version of a release as a draft',
        params: releaseParams,
        response: { 201: releaseView },
      },
    },
    async (request, reply) => {
      const release = await statistics.reviseRelease(request.ctx, actingOrg(request.ctx), request.params.id);
      return reply.status(201).send(presentRelease(release));
    },
  );

  app.get(
    '/population',
    {
      schema: {
        tags,
        summary: 'Population figures used for rates, with their sources (public)',
        response: {
          200: z.array(
            z.object({ country: z.string(), year: z.number(), population: z.number(), source: z.string() }),
          ),
        },
      },
    },
    async () =>
      [...(await statistics.population())].map(([key, figure]) => {
        const [country = '', year = '0'] = key.split(':');
        return { country, year: Number(year), population: figure.population, source: figure.source };
      }),
  );

  app.put(
    '/population/:country/:year',
    {
      schema: {
        tags,
        summary: 'Set or correct a population figure (platform administrators)',
        params: populationParams,
        body: populationBody,
      },
    },
    async (request, reply) => {
      await statistics.setPopulation(request.ctx, { ...request.params, ...request.body });
      return reply.status(204).send();
    },
  );
};

/** `KEY=VALUE` filters, several values of one key allowed. */
export function parseFilters(filter: string | string[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const item of filter === undefined ? [] : Array.isArray(filter) ? filter : [filter]) {
    const at = item.indexOf('=');
    if (at < 1 || at === item.length - 1) {
      throw new AppError(
        'validation_failed',
        `A filter is KEY=VALUE, such as year=2023; "${item.slice(0, 40)}" is not.`,
      );
    }
    const key = item.slice(0, at).trim();
    out[key] = [...(out[key] ?? []), item.slice(at + 1).trim()];
  }
  return out;
}

/** Infinity (nothing hidden) has no JSON: it goes out as null. */
function presentTable(table: StatisticsTable) {
  return {
    ...table,
    ...(table.report
      ? {
          report: {
            ...table.report,
            narrowestInterval: Number.isFinite(table.report.narrowestInterval)
              ? table.report.narrowestInterval
              : null,
          },
        }
      : {}),
  };
}
