import type { z } from 'zod';
import type { Database } from '../../db/database.js';
import {
  categoriesOf,
  categoryLabel,
  codelistOf,
  type DimensionDefinition,
  type MeasureDefinition,
  measureById,
  measures,
} from '../../indicators/catalogue.js';
import { assessedFields, assessKind, type KindAssessment, unknownCodes } from '../../indicators/gaps.js';
import { populationSource, shippedPopulation } from '../../indicators/population-data.js';
import { type Actor, actorLabel, type Context } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Ids } from '../../platform/ids.js';
import { noisyCounts } from '../../privacy/differential-privacy.js';
import {
  ageBandHierarchy,
  categoricalHierarchy,
  countryHierarchy,
  type Hierarchy,
  yearHierarchy,
} from '../../privacy/generalisation-hierarchies.js';
import { anonymise, type InformationLoss } from '../../privacy/k-anonymity.js';
import { BudgetExceededError, PrivacyLedger } from '../../privacy/privacy-ledger.js';
import { type PublishedCell, publishedCells } from '../../privacy/publish.js';
import { parseEpsilon, type Rational } from '../../privacy/rational.js';
import { defaultThreshold, protectTables, type SuppressionReport } from '../../privacy/suppression.js';
import { tabulate, withMargins } from '../../privacy/table.js';
import { countries } from '../../standard/codelists/countries.js';
import { ageBands } from '../../standard/codelists/person.js';
import type { EntityId } from '../../standard/field.js';
import type { Labels } from '../../standard/languages.js';
import { type AuditService, requireActor } from '../audit/audit.service.js';
import { can } from './statistics.policy.js';
import type { PublishedReleaseRow, ReleaseRow, StatisticsRepository } from './statistics.repository.js';
import type { releaseSpec, tableRequest } from './statistics.schema.js';

/** A table asked for: a measure, by one to four dimensions, optionally filtered (see the schema). */
export type TableRequest = z.output<typeof tableRequest>;

/** How a release protects its figures (see the schema for each field). */
export type ReleaseSpec = z.output<typeof releaseSpec>;

export interface DimensionView {
  id: string;
  label: Labels;
  categories: Array<{ code: string; label: Labels }>;
}

/** A table after disclosure control, as it is shown and published. */
export interface StatisticsTable {
  title?: string;
  measure: string;
  measureLabel: Labels;
  dimensions: DimensionView[];
  cells: Array<PublishedCell & { per100k?: number }>;
  method: 'suppression' | 'differential-privacy' | 'exact';
  threshold: number;
  roundingBase: number;
  epsilon?: string;
  report?: SuppressionReport;
}

/** What a published release holds: its tables, exactly as the public sees them. */
export interface ReleaseContent {
  tables: StatisticsTable[];
  microdata?: Microdata;
  generatedAt: string;
  populationSource: string;
}

/** A k-anonymous record-level file: one row per record, categories only, generalised where needed. */
export interface Microdata {
  columns: Array<{ id: string; label: Labels; quasiIdentifier: boolean }>;
  rows: Array<Array<string | null>>;
  report: InformationLoss;
}

/** The most records a microdata release holds. */
const maxMicrodataRows = 100_000;

export interface StatisticsServiceDeps {
  database: Database;
  statistics: StatisticsRepository;
  audit: AuditService;
  clock: Clock;
  ids: Ids;
  /**
   * How long a computed table may be served again while no record has changed (default 60 s; 0 turns
   * the cache off). Bounds staleness where a concurrent write's history id commits out of order.
   */
  cacheSeconds?: number;
}

/** Computed tables kept for dashboards, at most. */
const maxCachedTables = 500;

const maxDimensions = 4;
const maxMicrodataColumns = 18;

/** How each dimension is generalised for a k-anonymous microdata release. */
function hierarchyFor(measure: MeasureDefinition, dimension: DimensionDefinition): Hierarchy {
  if (dimension.derivation.from === 'year') return yearHierarchy();
  const codelist = codelistOf(measure, dimension.id);
  if (codelist === ageBands) return ageBandHierarchy();
  if (codelist === countries) return countryHierarchy();
  return categoricalHierarchy(dimension.id);
}
const maxReleaseTables = 12;

/**
 * Statistics from records, always through the disclosure-control engine: tables for the organisation
 * (exact small counts only for those allowed), the data-gap assessment, and releases — the only
 * figures that leave an organisation — from draft to immutable published versions.
 */
export class StatisticsService {
  /** Tables by organisation and request, with the change marker they were computed at. */
  private readonly cache = new Map<string, { marker: string; at: number; table: Promise<StatisticsTable> }>();

  constructor(private readonly deps: StatisticsServiceDeps) {}

  /** The measures and dimensions Coral can count by. Not sensitive: no sign-in needed. */
  catalogue(): Array<{
    id: string;
    kind: EntityId;
    label: Labels;
    help: Labels;
    dimensions: Array<{ id: string; label: Labels }>;
  }> {
    return measures.map((m) => ({
      id: m.id,
      kind: m.kind,
      label: m.label,
      help: m.help,
      dimensions: m.dimensions.map((d) => ({ id: d.id, label: d.label })),
    }));
  }

  /**
   * One table of the organisation's records. Cells under `minCell` (default 5) are suppressed, with
   * complementary suppression; `minCell: 1` (exact counts) only for roles allowed to see them.
   */
  async table(
    ctx: Context,
    orgId: string,
    request: TableRequest & { minCell?: number },
  ): Promise<StatisticsTable> {
    const actor = requireActor(ctx);
    const minCell = request.minCell ?? defaultThreshold;
    const event = {
      action: 'statistics.table',
      resourceType: 'statistics',
      orgId,
      details: { measure: request.measure, by: [...request.by], minCell },
    };
    await this.deps.audit.enforce(ctx, can(actor, 'view', { orgId }), event);
    await this.deps.audit.enforce(
      ctx,
      minCell >= defaultThreshold || can(actor, 'view-exact', { orgId }),
      event,
      {
        message: `Only data officers and analysts may see counts under ${defaultThreshold}.`,
      },
    );
    const table = await this.cachedTable(orgId, request, minCell);
    await this.deps.audit.record(ctx, event);
    return table;
  }

  /**
   * The same table asked for again while no record changed is served from memory: dashboards ask for
   * the same few tables over and over. Concurrent requests for one table share one computation.
   */
  private async cachedTable(orgId: string, request: TableRequest, minCell: number): Promise<StatisticsTable> {
    const compute = async () => {
      const [table] = await this.computeTables(orgId, [request], {
        method: 'suppression',
        threshold: minCell,
        roundingBase: 1,
      });
      return table as StatisticsTable;
    };
    const seconds = this.deps.cacheSeconds ?? 60;
    if (seconds <= 0) return compute();
    const key = JSON.stringify([orgId, request.measure, request.by, request.filters ?? {}, minCell]);
    const marker = await this.deps.statistics.changeMarker();
    const now = this.deps.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && hit.marker === marker && now - hit.at < seconds * 1000) return hit.table;
    const table = compute();
    this.cache.delete(key);
    this.cache.set(key, { marker, at: now, table });
    if (this.cache.size > maxCachedTables) this.cache.delete(this.cache.keys().next().value as string);
    // A failed computation is not kept.
    table.catch(() => {
      if (this.cache.get(key)?.table === table) this.cache.delete(key);
    });
    return table;
  }

  /** The data-gap assessment of the organisation's records of THB cases and SoM incidents in a period. */
  async gaps(
    ctx: Context,
    orgId: string,
    period: { from: number; to: number },
  ): Promise<{ period: { from: number; to: number }; kinds: KindAssessment[] }> {
    const actor = requireActor(ctx);
    checkPeriod(period);
    const event = { action: 'statistics.gaps', resourceType: 'statistics', orgId, details: { ...period } };
    await this.deps.audit.enforce(ctx, can(actor, 'view-gaps', { orgId }), event, {
      message: 'Only data officers, analysts and administrators may see the data-gap assessment.',
    });
    const kinds: KindAssessment[] = [];
    for (const [kind, yearPaths] of [
      ['thbCase', ['identificationDate', 'identificationYear']],
      ['somIncident', ['detectionDate']],
    ] as const) {
      const fields = assessedFields(kind);
      const counts = await this.deps.statistics.completeness({
        orgId,
        kind,
        yearPaths,
        ...period,
        paths: fields.map((f) => f.path),
        unknownCodes,
      });
      kinds.push(assessKind({ kind, fields, ...counts }));
    }
    await this.deps.audit.record(ctx, event);
    return { period, kinds };
  }

  // --- releases -------------------------------------------------------------------------------

  /** Every organisation's published releases, newest first. Public. */
  async published(limit = 100) {
    return this.deps.statistics.listPublished(limit);
  }

  /** A release: published ones for anyone; drafts only within their organisation. */
  async release(ctx: Context, id: string): Promise<PublishedReleaseRow> {
    const release = await this.deps.statistics.getRelease(id);
    if (!release) throw new AppError('not_found', 'No such release.');
    if (release.status === 'published') return release;
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(
      ctx,
      can(actor, 'compose-release', { orgId: release.orgId }),
      { action: 'release.read', resourceType: 'release', resourceId: id, orgId: release.orgId },
      { hide: true },
    );
    return release;
  }

  /** The organisation's releases, drafts and published. */
  async releases(ctx: Context, orgId: string): Promise<ReleaseRow[]> {
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(ctx, can(actor, 'view', { orgId }), {
      action: 'release.list',
      resourceType: 'release',
      orgId,
    });
    return this.deps.statistics.listReleases(orgId, 200);
  }

  async createRelease(
    ctx: Context,
    orgId: string,
    input: { title: string; spec: ReleaseSpec },
  ): Promise<ReleaseRow> {
    const actor = await this.composer(ctx, orgId, 'release.create');
    checkSpec(input.spec);
    const at = this.deps.clock.now();
    const id = this.deps.ids.uuid();
    const release = draft(
      { id, orgId, series: id, version: 1, title: input.title, spec: input.spec },
      actor,
      at,
    );
    await this.deps.statistics.insertRelease(release);
    await this.deps.audit.record(ctx, {
      action: 'release.create',
      resourceType: 'release',
      resourceId: id,
      orgId,
    });
    return release;
  }

  async updateRelease(
    ctx: Context,
    orgId: string,
    id: string,
    changes: { title?: string; spec?: ReleaseSpec },
  ): Promise<ReleaseRow> {
    const actor = await this.composer(ctx, orgId, 'release.update', id);
    if (changes.spec) checkSpec(changes.spec);
    const updated = await this.deps.statistics.updateDraft(orgId, id, {
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.spec ? { spec: { ...changes.spec } } : {}),
      updatedAt: this.deps.clock.now(),
      updatedBy: actorLabel(actor),
    });
    if (!updated) throw await this.notADraft(orgId, id);
    await this.deps.audit.record(ctx, {
      action: 'release.update',
      resourceType: 'release',
      resourceId: id,
      orgId,
    });
    return this.release(ctx, id);
  }

  async deleteRelease(ctx: Context, orgId: string, id: string): Promise<void> {
    await this.composer(ctx, orgId, 'release.delete', id);
    if (!(await this.deps.statistics.deleteDraft(orgId, id))) throw await this.notADraft(orgId, id);
    await this.deps.audit.record(ctx, {
      action: 'release.delete',
      resourceType: 'release',
      resourceId: id,
      orgId,
    });
  }

  /**
   * What the release would publish, computed now and not stored. With differential privacy, previews
   * show the exact figures' suppression-free shape only: noise is drawn once, when publishing.
   */
  async previewRelease(ctx: Context, orgId: string, id: string): Promise<ReleaseContent> {
    await this.composer(ctx, orgId, 'release.preview', id);
    const release = await this.ownDraft(orgId, id);
    const spec = release.spec as unknown as ReleaseSpec;
    const content = await this.content(
      orgId,
      spec.method === 'differential-privacy' ? { ...spec, method: 'suppression' } : spec,
    );
    await this.deps.audit.record(ctx, {
      action: 'release.preview',
      resourceType: 'release',
      resourceId: id,
      orgId,
    });
    return content;
  }

  /** Computes and stores the figures; from then on the version cannot change. */
  async publishRelease(ctx: Context, orgId: string, id: string): Promise<ReleaseRow> {
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(ctx, can(actor, 'publish-release', { orgId }), {
      action: 'release.publish',
      resourceType: 'release',
      resourceId: id,
      orgId,
    });
    // The series is locked while publishing, so two versions cannot both spend the same ε.
    await this.deps.database.transaction(async () => {
      const release = await this.ownDraft(orgId, id);
      await this.deps.statistics.lockSeries(release.series);
      const spec = release.spec as unknown as ReleaseSpec;
      const at = this.deps.clock.now();
      let ledger = release.ledger;
      if (spec.method === 'differential-privacy') {
        const previous = await this.deps.statistics.seriesState(release.series);
        ledger = chargeLedger(spec, previous.ledger, at);
      }
      const content = await this.content(orgId, spec);
      const published = await this.deps.statistics.publish(orgId, id, {
        content: content as unknown as Record<string, unknown>,
        ledger,
        at,
        by: actorLabel(actor),
      });
      if (!published) throw await this.notADraft(orgId, id);
      await this.deps.audit.record(ctx, {
        action: 'release.publish',
        resourceType: 'release',
        resourceId: id,
        orgId,
        details: { version: release.version, tables: spec.tables.length, method: spec.method },
      });
    });
    return this.release(ctx, id);
  }

  /** A new draft version of a published release, with its title and method to start from. */
  async reviseRelease(ctx: Context, orgId: string, id: string): Promise<ReleaseRow> {
    const actor = await this.composer(ctx, orgId, 'release.revise', id);
    return this.deps.database.transaction(async () => {
      const release = await this.deps.statistics.getRelease(id);
      if (!release || release.orgId !== orgId) throw new AppError('not_found', 'No such release.');
      // Locked, so two revisions at once get different version numbers.
      await this.deps.statistics.lockSeries(release.series);
      const state = await this.deps.statistics.seriesState(release.series);
      const at = this.deps.clock.now();
      const revision = draft(
        {
          id: this.deps.ids.uuid(),
          orgId,
          series: release.series,
          version: state.version + 1,
          title: release.title,
          spec: release.spec,
        },
        actor,
        at,
      );
      await this.deps.statistics.insertRelease(revision);
      await this.deps.audit.record(ctx, {
        action: 'release.revise',
        resourceType: 'release',
        resourceId: revision.id,
        orgId,
        details: { from: id, version: revision.version },
      });
      return revision;
    });
  }

  /**
   * Figures for the regional view: for each country, the latest published value of a measure in a
   * year, from each organisation's latest release that has a table of it by year. Public.
   */
  async regional(
    measure: string,
    year: string,
  ): Promise<
    Array<{
      country: string;
      organisation: string;
      releaseId: string;
      value: number | null;
      suppressed: boolean;
    }>
  > {
    const out = [];
    const seenOrganisations = new Set<string>();
    for (const release of await this.deps.statistics.latestPublishedTables()) {
      if (seenOrganisations.has(release.orgId)) continue;
      const tables = (release.tables ?? []) as ReleaseContent['tables'];
      const table = tables.find((t) => t.measure === measure && t.dimensions.some((d) => d.id === 'year'));
      if (!table) continue;
      const yearAt = table.dimensions.findIndex((d) => d.id === 'year');
      const cell = table.cells.find((c) =>
        c.coordinates.every((v, i) => (i === yearAt ? v === year : v === null)),
      );
      if (!cell) continue;
      seenOrganisations.add(release.orgId);
      out.push({
        country: release.organisationCountry,
        organisation: release.organisationName,
        releaseId: release.id,
        value: cell.value,
        suppressed: cell.status !== 'published',
      });
    }
    return out;
  }

  /** The years for which some organisation's latest release has a figure of a measure, newest first. Public. */
  async regionalYears(measure: string): Promise<string[]> {
    const years = new Set<string>();
    for (const release of await this.deps.statistics.latestPublishedTables()) {
      for (const table of (release.tables ?? []) as ReleaseContent['tables']) {
        const yearAt = table.dimensions.findIndex((d) => d.id === 'year');
        if (table.measure !== measure || yearAt < 0) continue;
        for (const category of table.dimensions[yearAt]?.categories ?? []) {
          if (/^\d{4}$/.test(category.code)) years.add(category.code);
        }
      }
    }
    return [...years].sort().reverse();
  }

  /** The country of the organisation that published a release (public, as releases are). */
  async countryOf(orgId: string): Promise<string> {
    return (await this.deps.statistics.organisationCountry(orgId)) ?? '';
  }

  /** Population figures in use: shipped ones, replaced where an administrator set another. */
  async population(): Promise<Map<string, { population: number; source: string }>> {
    const figures = new Map<string, { population: number; source: string }>();
    for (const [country, years] of Object.entries(shippedPopulation)) {
      for (const [year, population] of Object.entries(years)) {
        figures.set(`${country}:${year}`, { population, source: populationSource });
      }
    }
    for (const row of await this.deps.statistics.listPopulation()) {
      figures.set(`${row.country}:${row.year}`, { population: row.population, source: row.source });
    }
    return figures;
  }

  async setPopulation(
    ctx: Context,
    figure: { country: string; year: number; population: number; source: string },
  ): Promise<void> {
    const actor = requireActor(ctx);
    const event = {
      action: 'population.set',
      resourceType: 'population',
      resourceId: `${figure.country}:${figure.year}`,
      details: { ...figure },
    };
    await this.deps.audit.enforce(ctx, can(actor, 'set-population', { orgId: null }), event, {
      message:
        'Only platform administrators who signed in with two-factor authentication may set population figures.',
    });
    await this.deps.statistics.upsertPopulation({
      ...figure,
      at: this.deps.clock.now(),
      by: actorLabel(actor),
    });
    // Cached tables carry rates from the old figure.
    this.cache.clear();
    await this.deps.audit.record(ctx, event);
  }

  // --- computing ------------------------------------------------------------------------------

  private async content(orgId: string, spec: ReleaseSpec): Promise<ReleaseContent> {
    const tables = await this.computeTables(orgId, spec.tables, spec);
    const microdata = spec.microdata ? await this.microdata(orgId, spec.microdata, spec.period) : undefined;
    return {
      tables,
      ...(microdata ? { microdata } : {}),
      generatedAt: this.deps.clock.now().toISOString(),
      populationSource,
    };
  }

  /**
   * The records as categories (never an identifying field, never an id), generalised and locally
   * suppressed until every combination of the quasi-identifiers occurs at least k times.
   */
  private async microdata(
    orgId: string,
    request: NonNullable<ReleaseSpec['microdata']>,
    period: ReleaseSpec['period'],
  ): Promise<Microdata> {
    const { measure, dimensions, filters } = resolve(
      { measure: request.measure, by: [...request.quasiIdentifiers, ...request.columns] },
      period,
      maxMicrodataColumns,
    );
    const rows = await this.deps.statistics.categoryRows({
      orgIds: [orgId],
      measure,
      dimensions,
      filters,
      limit: maxMicrodataRows + 1,
    });
    if (rows.length > maxMicrodataRows) {
      throw new AppError(
        'validation_failed',
        `A microdata release holds at most ${maxMicrodataRows.toLocaleString('en')} records; narrow the period.`,
      );
    }
    const quasi = new Set(request.quasiIdentifiers);
    const hierarchies = Object.fromEntries(
      dimensions.filter((d) => quasi.has(d.id)).map((d) => [d.id, hierarchyFor(measure, d)]),
    );
    const anonymised = anonymise(
      rows.map((row) => Object.fromEntries(dimensions.map((d, i) => [d.id, row[i] ?? null]))),
      { quasiIdentifiers: hierarchies, k: request.k, maxSuppression: request.maxSuppression },
    );
    return {
      columns: dimensions.map((d) => ({ id: d.id, label: d.label, quasiIdentifier: quasi.has(d.id) })),
      rows: anonymised.rows.map((row) => dimensions.map((d) => row[d.id] ?? null)),
      report: anonymised.report,
    };
  }

  /**
   * Computes tables: those of the same measure and filters describe the same records, so they are
   * protected together (a margin they share is hidden in all or none); with differential privacy each
   * table gets its own noise instead.
   */
  private async computeTables(
    orgId: string,
    requests: readonly TableRequest[],
    spec: Pick<
      ReleaseSpec,
      'method' | 'threshold' | 'roundingBase' | 'protectionWidth' | 'epsilonPerTable' | 'period'
    >,
  ): Promise<StatisticsTable[]> {
    const resolved = requests.map((request) => resolve(request, spec.period));
    // Population figures only where a rate is shown: victims by country and year.
    const rated = resolved.some(
      (r) =>
        r.measure.id === 'victims' &&
        ['country', 'year'].every((id) => r.dimensions.some((d) => d.id === id)),
    );
    const population = rated ? await this.population() : new Map();
    const results = new Array<StatisticsTable>(requests.length);
    if (spec.method === 'differential-privacy') {
      const epsilon = parseEpsilon(spec.epsilonPerTable ?? '');
      for (const [i, r] of resolved.entries()) {
        results[i] = await this.noisyTable(orgId, r, epsilon, spec);
      }
    } else {
      const groups = new Map<string, number[]>();
      resolved.forEach((r, i) => {
        const key = JSON.stringify([r.measure.id, r.filterKey]);
        groups.set(key, [...(groups.get(key) ?? []), i]);
      });
      for (const members of groups.values()) {
        const first = resolved[members[0] as number] as Resolved;
        const union = [...new Set(members.flatMap((i) => (resolved[i] as Resolved).dimensions))];
        const rows = await this.deps.statistics.groupCounts({
          orgIds: [orgId],
          measure: first.measure,
          dimensions: union,
          filters: first.filters,
        });
        const base = tooLarge(() =>
          tabulate(
            union.map((d) => d.id),
            rows,
            orderOf(first.measure, union),
          ),
        );
        const { tables, report } = await protectTables(
          base,
          members.map((i) => (resolved[i] as Resolved).dimensions.map((d) => d.id)),
          {
            threshold: spec.threshold,
            ...(spec.protectionWidth ? { protectionWidth: spec.protectionWidth } : {}),
          },
        );
        members.forEach((i, k) => {
          const r = resolved[i] as Resolved;
          const table = tables[k];
          if (!table) return;
          results[i] = {
            ...(r.request.title ? { title: r.request.title } : {}),
            measure: r.measure.id,
            measureLabel: r.measure.label,
            dimensions: dimensionViews(r.measure, table.table.dimensions),
            cells: withRates(
              r.measure,
              publishedCells(table, { roundingBase: spec.roundingBase }),
              table.table.dimensions,
              population,
            ),
            method: spec.threshold <= 1 ? 'exact' : 'suppression',
            threshold: spec.threshold,
            roundingBase: spec.roundingBase,
            report,
          };
        });
      }
    }
    return results;
  }

  private async noisyTable(
    orgId: string,
    r: Resolved,
    epsilon: Rational,
    spec: Pick<ReleaseSpec, 'roundingBase' | 'epsilonPerTable' | 'period'>,
  ): Promise<StatisticsTable> {
    const rows = await this.deps.statistics.groupCounts({
      orgIds: [orgId],
      measure: r.measure,
      dimensions: r.dimensions,
      filters: r.filters,
    });
    // Categories are fixed in advance wherever the standard lists them, so which categories appear
    // does not itself depend on the data (years come from the release's period).
    const complete: Record<string, readonly string[]> = {};
    for (const d of r.dimensions) {
      const categories = categoriesOf(r.measure, d.id).map((c) => c.code);
      if (d.id === 'year' && spec.period) {
        complete[d.id] = yearsOf(spec.period);
      } else if (categories.length > 0 && categories.length <= 40) {
        complete[d.id] = categories;
      }
    }
    const exact = tooLarge(() =>
      tabulate(
        r.dimensions.map((d) => d.id),
        rows,
        orderOf(r.measure, r.dimensions),
        complete,
      ),
    );
    const noisy = withMargins({ dimensions: exact.dimensions, counts: noisyCounts(exact.counts, epsilon) });
    const cells = publishedCells(
      { table: noisy, status: new Uint8Array(noisy.values.length) },
      { roundingBase: spec.roundingBase },
    );
    return {
      ...(r.request.title ? { title: r.request.title } : {}),
      measure: r.measure.id,
      measureLabel: r.measure.label,
      dimensions: dimensionViews(r.measure, noisy.dimensions),
      cells,
      method: 'differential-privacy',
      threshold: 0,
      roundingBase: spec.roundingBase,
      epsilon: spec.epsilonPerTable ?? '',
    };
  }

  private async composer(ctx: Context, orgId: string, action: string, id?: string): Promise<Actor> {
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(
      ctx,
      can(actor, 'compose-release', { orgId }),
      { action, resourceType: 'release', orgId, ...(id ? { resourceId: id } : {}) },
      { message: 'Only data officers and analysts may compose releases.' },
    );
    return actor;
  }

  private async ownDraft(orgId: string, id: string): Promise<ReleaseRow> {
    const release = await this.deps.statistics.getRelease(id);
    if (!release || release.orgId !== orgId) throw new AppError('not_found', 'No such release.');
    if (release.status !== 'draft')
      throw new AppError(
        'conflict',
        'This version is published and cannot change; revise it to make a new version.',
      );
    return release;
  }

  private async notADraft(orgId: string, id: string): Promise<AppError> {
    const release = await this.deps.statistics.getRelease(id);
    if (!release || release.orgId !== orgId) return new AppError('not_found', 'No such release.');
    return new AppError(
      'conflict',
      'This version is published and cannot change; revise it to make a new version.',
    );
  }
}

interface Resolved {
  request: TableRequest;
  measure: MeasureDefinition;
  dimensions: DimensionDefinition[];
  filters: Array<{ dimension: DimensionDefinition; values: string[] }>;
  filterKey: string;
}

/** Checks a table request against the catalogue, with a message that says what would work. */
function resolve(
  request: Pick<TableRequest, 'measure' | 'by' | 'filters' | 'title'>,
  period?: { from: number; to: number },
  most = maxDimensions,
): Resolved {
  const measure = measureById(request.measure);
  if (!measure) {
    throw new AppError(
      'validation_failed',
      `Unknown measure "${request.measure}". Known: ${measures.map((m) => m.id).join(', ')}.`,
    );
  }
  const known = measure.dimensions.map((d) => d.id).join(', ');
  const dimensionOf = (id: string) => {
    const found = measure.dimensions.find((d) => d.id === id);
    if (!found)
      throw new AppError(
        'validation_failed',
        `"${id}" is not a dimension of ${measure.id}. Known: ${known}.`,
      );
    return found;
  };
  if (request.by.length < 1 || request.by.length > most) {
    throw new AppError('validation_failed', `A table has from 1 to ${most} dimensions.`);
  }
  if (new Set(request.by).size !== request.by.length) {
    throw new AppError('validation_failed', 'Each dimension may appear once in a table.');
  }
  const dimensions = request.by.map(dimensionOf);
  const filters = Object.entries(request.filters ?? {})
    .filter(([, values]) => values.length > 0)
    .map(([id, values]) => ({ dimension: dimensionOf(id), values: [...values] }));
  if (period && !filters.some((f) => f.dimension.id === 'year')) {
    filters.push({ dimension: dimensionOf('year'), values: yearsOf(period) });
  }
  filters.sort((a, b) => a.dimension.id.localeCompare(b.dimension.id));
  const filterKey = JSON.stringify(filters.map((f) => [f.dimension.id, [...f.values].sort()]));
  return { request, measure, dimensions, filters, filterKey };
}

function yearsOf(period: { from: number; to: number }): string[] {
  return Array.from({ length: period.to - period.from + 1 }, (_, i) => String(period.from + i));
}

function orderOf(
  measure: MeasureDefinition,
  dimensions: readonly DimensionDefinition[],
): Record<string, string[]> {
  return Object.fromEntries(dimensions.map((d) => [d.id, categoriesOf(measure, d.id).map((c) => c.code)]));
}

function dimensionViews(
  measure: MeasureDefinition,
  dimensions: ReadonlyArray<{ id: string; values: readonly string[] }>,
): DimensionView[] {
  return dimensions.map((d) => {
    const definition = measure.dimensions.find((m) => m.id === d.id);
    return {
      id: d.id,
      label: definition?.label ?? { en: d.id, es: d.id, fr: d.id, nl: d.id },
      categories: d.values.map((code) => ({ code, label: categoryLabel(measure, d.id, code) })),
    };
  });
}

/**
 * SDG 16.2.2: detected victims per 100,000 population, for cells of victims that name a country and a
 * year and are published, where the population of that country and year is known.
 */
function withRates(
  measure: MeasureDefinition,
  cells: PublishedCell[],
  dimensions: ReadonlyArray<{ id: string }>,
  population: Map<string, { population: number }>,
): Array<PublishedCell & { per100k?: number }> {
  const countryAt = dimensions.findIndex((d) => d.id === 'country');
  const yearAt = dimensions.findIndex((d) => d.id === 'year');
  if (measure.id !== 'victims' || countryAt < 0 || yearAt < 0) return cells;
  return cells.map((cell) => {
    const country = cell.coordinates[countryAt];
    const year = cell.coordinates[yearAt];
    const figure = country && year ? population.get(`${country}:${year}`) : undefined;
    if (!figure || cell.value === null) return cell;
    return { ...cell, per100k: Math.round((cell.value / figure.population) * 100_000 * 1000) / 1000 };
  });
}

function chargeLedger(spec: ReleaseSpec, previous: unknown[], at: Date): unknown[] {
  const budget = parseEpsilon(spec.epsilonBudget ?? '');
  const perTable = parseEpsilon(spec.epsilonPerTable ?? '');
  let ledger = new PrivacyLedger(budget, previous as ConstructorParameters<typeof PrivacyLedger>[1]);
  try {
    for (const [i, table] of spec.tables.entries()) {
      const entries = ledger.charge(
        `table ${i + 1}: ${table.measure} by ${table.by.join(', ')}`,
        perTable,
        at.toISOString(),
      );
      ledger = new PrivacyLedger(budget, entries);
    }
  } catch (error) {
    if (error instanceof BudgetExceededError) throw new AppError('conflict', error.message);
    throw error;
  }
  return [...ledger.entries()];
}

/** A new draft: what it is, who started it and when. */
function draft(
  fields: Pick<ReleaseRow, 'id' | 'orgId' | 'series' | 'version' | 'title' | 'spec'>,
  actor: Actor,
  at: Date,
): ReleaseRow {
  return {
    ...fields,
    spec: { ...fields.spec },
    status: 'draft',
    content: null,
    ledger: [],
    createdAt: at,
    createdBy: actorLabel(actor),
    updatedAt: at,
    updatedBy: actorLabel(actor),
    publishedAt: null,
    publishedBy: null,
  };
}

/** A table too large to show or protect is the asker's to narrow: a 400 with the engine's advice. */
function tooLarge<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('validation_failed', error.message);
    throw error;
  }
}

function checkPeriod(period: { from: number; to: number }): void {
  if (
    !Number.isInteger(period.from) ||
    !Number.isInteger(period.to) ||
    period.from > period.to ||
    period.to - period.from > 50
  ) {
    throw new AppError(
      'validation_failed',
      'The period is from one year to another, at most fifty years apart.',
    );
  }
}

function checkSpec(spec: ReleaseSpec): void {
  if (spec.tables.length < 1 || spec.tables.length > maxReleaseTables) {
    throw new AppError('validation_failed', `A release has from 1 to ${maxReleaseTables} tables.`);
  }
  for (const table of spec.tables) resolve(table, spec.period);
  if (spec.microdata) {
    const { quasiIdentifiers, columns } = spec.microdata;
    resolve(
      { measure: spec.microdata.measure, by: [...quasiIdentifiers, ...columns] },
      spec.period,
      maxMicrodataColumns,
    );
  }
  if (spec.period) checkPeriod(spec.period);
  if (spec.method === 'suppression' && spec.threshold < 3) {
    throw new AppError(
      'validation_failed',
      'A release hides cells under at least 3; 5 is the usual threshold.',
    );
  }
  if (spec.method === 'differential-privacy') {
    try {
      const perTable = parseEpsilon(spec.epsilonPerTable ?? '');
      const budget = parseEpsilon(spec.epsilonBudget ?? '');
      new PrivacyLedger(budget, []).charge(
        'check',
        { numerator: perTable.numerator * spec.tables.length, denominator: perTable.denominator },
        '',
      );
    } catch (error) {
      if (error instanceof BudgetExceededError) {
        throw new AppError(
          'validation_failed',
          `The tables together need more ε than the budget: ${error.message}`,
        );
      }
      throw new AppError('validation_failed', error instanceof Error ? error.message : String(error));
    }
  }
  if (spec.roundingBase < 1 || !Number.isInteger(spec.roundingBase)) {
    throw new AppError('validation_failed', 'The rounding base is a whole number of at least 1.');
  }
}
