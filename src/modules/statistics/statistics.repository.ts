import { type Expression, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ReleasesTable } from '../../db/schema.js';
import type {
  Condition,
  Derivation,
  DimensionDefinition,
  MeasureDefinition,
  Quantity,
} from '../../indicators/catalogue.js';
import type { GroupedRow } from '../../privacy/table.js';

/** What to count: a measure of some organisations' live records, by some dimensions, with filters. */
export interface GroupQuery {
  orgIds: readonly string[];
  measure: MeasureDefinition;
  dimensions: readonly DimensionDefinition[];
  /** Only records whose category in the dimension is one of these. */
  filters: ReadonlyArray<{ dimension: DimensionDefinition; values: readonly string[] }>;
}

export type ReleaseStatus = 'draft' | 'published';

export interface ReleaseRow {
  id: string;
  orgId: string;
  series: string;
  version: number;
  status: ReleaseStatus;
  title: string;
  spec: Record<string, unknown>;
  content: Record<string, unknown> | null;
  ledger: unknown[];
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  publishedAt: Date | null;
  publishedBy: string | null;
}

/** A published release with its organisation, as the public list shows it. */
export interface PublishedReleaseRow extends ReleaseRow {
  organisationName: string;
  organisationCountry: string;
}

/**
 * Statistics' only door to the database: grouped counts of records (aggregates only — no record ever
 * leaves this repository), field completeness for the data-gap assessment, releases and population.
 */
export class StatisticsRepository {
  constructor(private readonly database: Database) {}

  /** One row per combination of the dimensions' categories that occurs, with its count or sum. */
  async groupCounts(query: GroupQuery): Promise<GroupedRow[]> {
    const grouped = query.dimensions.some((d) => d.derivation.from === 'group');
    const quantity =
      grouped && query.measure.groupQuantity ? query.measure.groupQuantity : query.measure.quantity;
    const categories = categoriesOf(query.dimensions);
    const conditions = conditionsOf(query);
    const groups = query.dimensions.map((_, i) => sql.raw(String(i + 1)));
    // The organisations table only when a dimension needs its country; the groups only when asked for.
    const needsOrganisation =
      query.dimensions.some((d) => d.derivation.from === 'organisationCountry') ||
      query.filters.some((f) => f.dimension.derivation.from === 'organisationCountry');
    const records = needsOrganisation
      ? sql`records r JOIN organisations o ON o.id = r.org_id`
      : sql`records r`;
    const from = grouped
      ? sql`${records} CROSS JOIN LATERAL jsonb_array_elements(
          CASE WHEN jsonb_typeof(r.data -> 'migrantGroups') = 'array' THEN r.data -> 'migrantGroups' ELSE '[]'::jsonb END) AS g`
      : records;
    const select = [...categories, sql`${quantityOf(quantity)} AS n`];
    const result = await sql<Record<string, string | number>>`
      SELECT ${sql.join(select)} FROM ${from}
      WHERE ${sql.join(conditions, sql` AND `)}
      ${groups.length ? sql`GROUP BY ${sql.join(groups)}` : sql``}`.execute(this.database.executor);
    return result.rows.map((row) => ({
      values: query.dimensions.map((_, i) => String(row[`d${i}`])),
      count: Number(row.n),
    }));
  }

  /**
   * One row per record (no id, nothing identifying): its category in each dimension, for a microdata
   * release that is then made k-anonymous. At most `limit` rows, in no meaningful order.
   */
  async categoryRows(query: GroupQuery & { limit: number }): Promise<string[][]> {
    const categories = categoriesOf(query.dimensions);
    const conditions = conditionsOf(query);
    const result = await sql<Record<string, string>>`
      SELECT ${sql.join(categories)} FROM records r JOIN organisations o ON o.id = r.org_id
      WHERE ${sql.join(conditions, sql` AND `)} LIMIT ${query.limit}`.execute(this.database.executor);
    return result.rows.map((row) => query.dimensions.map((_, i) => String(row[`d${i}`])));
  }

  /**
   * A number that grows whenever any record changes (every change writes its history), read from the
   * history table's primary key in constant time; cached tables are recomputed when it moves.
   */
  async changeMarker(): Promise<string> {
    const row = await this.database.executor
      .selectFrom('record_history')
      .select((eb) => eb.fn.max('id').as('last'))
      .executeTakeFirst();
    return String(row?.last ?? 0);
  }

  /**
   * For each path, how many of the organisation's live records of a kind in a period have it filled in,
   * and how many say "unknown"; with the median days from identification to entry.
   */
  async completeness(query: {
    orgId: string;
    kind: string;
    yearPaths: readonly string[];
    from: number;
    to: number;
    paths: readonly string[];
    unknownCodes: readonly string[];
  }): Promise<{ records: number; filled: number[]; unknown: number[]; medianLagDays: number | null }> {
    const yearOf = categoryOf({ from: 'year', paths: query.yearPaths });
    const columns = query.paths.flatMap((path, i) => [
      sql`count(*) FILTER (WHERE ${present(path)}) AS ${sql.ref(`f${i}`)}`,
      sql`count(*) FILTER (WHERE r.data #>> ${pathText(path)}::text[] = ANY(${[...query.unknownCodes]}::text[])) AS ${sql.ref(`u${i}`)}`,
    ]);
    const firstDate = query.yearPaths.find((p) => p.endsWith('Date'));
    const lag = firstDate
      ? sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (r.created_at - (r.data #>> ${pathText(firstDate)}::text[])::date::timestamptz)) / 86400)`
      : sql`NULL::float8`;
    const result = await sql<Record<string, string | number | null>>`
      SELECT count(*) AS records, ${lag} AS lag, ${sql.join(columns)}
      FROM records r
      WHERE r.org_id = ${query.orgId} AND r.kind = ${query.kind} AND r.deleted_at IS NULL
        AND ${yearOf} BETWEEN ${String(query.from)} AND ${String(query.to)}`.execute(this.database.executor);
    const row = result.rows[0] ?? {};
    return {
      records: Number(row.records ?? 0),
      filled: query.paths.map((_, i) => Number(row[`f${i}`] ?? 0)),
      unknown: query.paths.map((_, i) => Number(row[`u${i}`] ?? 0)),
      medianLagDays: row.lag === null || row.lag === undefined ? null : Math.round(Number(row.lag)),
    };
  }

  async insertRelease(release: ReleaseRow): Promise<void> {
    await this.database.executor
      .insertInto('releases')
      .values({
        id: release.id,
        org_id: release.orgId,
        series: release.series,
        version: release.version,
        status: release.status,
        title: release.title,
        spec: JSON.stringify(release.spec),
        content: release.content && JSON.stringify(release.content),
        ledger: JSON.stringify(release.ledger),
        created_at: release.createdAt,
        created_by: release.createdBy,
        updated_at: release.updatedAt,
        updated_by: release.updatedBy,
        published_at: release.publishedAt,
        published_by: release.publishedBy,
      })
      .execute();
  }

  /** A release by id, of any organisation (the service decides who may see it), with its publisher. */
  async getRelease(id: string): Promise<PublishedReleaseRow | undefined> {
    const row = await this.database.executor
      .selectFrom('releases')
      .innerJoin('organisations', 'organisations.id', 'releases.org_id')
      .selectAll('releases')
      .select(['organisations.name as organisation_name', 'organisations.country as organisation_country'])
      .where('releases.id', '=', id)
      .executeTakeFirst();
    return (
      row && {
        ...toRelease(row),
        organisationName: row.organisation_name,
        organisationCountry: row.organisation_country,
      }
    );
  }

  /** An organisation's releases, drafts and published, newest first, without their figures. */
  async listReleases(orgId: string, limit: number): Promise<ReleaseRow[]> {
    const rows = await this.database.executor
      .selectFrom('releases')
      .select(summaryColumns)
      .where('org_id', '=', orgId)
      .orderBy('updated_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => toRelease({ ...row, content: null }));
  }

  /** Every organisation's published releases, newest first, without their figures (`content` null). */
  async listPublished(limit: number): Promise<PublishedReleaseRow[]> {
    const rows = await this.database.executor
      .selectFrom('releases')
      .innerJoin('organisations', 'organisations.id', 'releases.org_id')
      .select(summaryColumns)
      .select(['organisations.name as organisation_name', 'organisations.country as organisation_country'])
      .where('releases.status', '=', 'published')
      .orderBy('releases.published_at', 'desc')
      .orderBy('releases.id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      ...toRelease({ ...row, content: null }),
      organisationName: row.organisation_name,
      organisationCountry: row.organisation_country,
    }));
  }

  /**
   * The tables (not the record-level files) of the latest published version of every series, with
   * the organisation that published it: what the regional view draws on.
   */
  async latestPublishedTables(): Promise<
    Array<{
      id: string;
      orgId: string;
      organisationName: string;
      organisationCountry: string;
      tables: unknown;
    }>
  > {
    const result = await sql<{
      id: string;
      org_id: string;
      name: string;
      country: string;
      tables: unknown;
    }>`SELECT DISTINCT ON (r.series) r.id, r.org_id, o.name, o.country, r.content -> 'tables' AS tables
       FROM releases r JOIN organisations o ON o.id = r.org_id
       WHERE r.status = 'published'
       ORDER BY r.series, r.version DESC`.execute(this.database.executor);
    return result.rows.map((row) => ({
      id: row.id,
      orgId: row.org_id,
      organisationName: row.name,
      organisationCountry: row.country,
      tables: row.tables,
    }));
  }

  /** Locks a series' rows until the transaction ends. */
  async lockSeries(series: string): Promise<void> {
    await this.database.executor
      .selectFrom('releases')
      .select('id')
      .where('series', '=', series)
      .forUpdate()
      .execute();
  }

  /** The highest version in a series, and the ledger of its latest published version. */
  async seriesState(series: string): Promise<{ version: number; ledger: unknown[] }> {
    const rows = await this.database.executor
      .selectFrom('releases')
      .select(['version', 'status', 'ledger'])
      .where('series', '=', series)
      .orderBy('version', 'desc')
      .execute();
    const published = rows.find((row) => row.status === 'published');
    return { version: rows[0]?.version ?? 0, ledger: published?.ledger ?? [] };
  }

  /** Changes a draft; false when it is not (or no longer) a draft of this organisation. */
  async updateDraft(
    orgId: string,
    id: string,
    changes: { title?: string; spec?: Record<string, unknown>; updatedAt: Date; updatedBy: string },
  ): Promise<boolean> {
    const result = await this.database.executor
      .updateTable('releases')
      .set({
        ...(changes.title !== undefined ? { title: changes.title } : {}),
        ...(changes.spec !== undefined ? { spec: JSON.stringify(changes.spec) } : {}),
        updated_at: changes.updatedAt,
        updated_by: changes.updatedBy,
      })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Publishes a draft with its figures; false when it is not (or no longer) a draft. */
  async publish(
    orgId: string,
    id: string,
    published: { content: Record<string, unknown>; ledger: unknown[]; at: Date; by: string },
  ): Promise<boolean> {
    const result = await this.database.executor
      .updateTable('releases')
      .set({
        status: 'published',
        content: JSON.stringify(published.content),
        ledger: JSON.stringify(published.ledger),
        published_at: published.at,
        published_by: published.by,
        updated_at: published.at,
        updated_by: published.by,
      })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async deleteDraft(orgId: string, id: string): Promise<boolean> {
    const result = await this.database.executor
      .deleteFrom('releases')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async organisationCountry(orgId: string): Promise<string | undefined> {
    const row = await this.database.executor
      .selectFrom('organisations')
      .select('country')
      .where('id', '=', orgId)
      .executeTakeFirst();
    return row?.country;
  }

  async listPopulation(): Promise<
    Array<{ country: string; year: number; population: number; source: string }>
  > {
    const rows = await this.database.executor.selectFrom('population_figures').selectAll().execute();
    return rows.map((row) => ({
      country: row.country,
      year: row.year,
      population: Number(row.population),
      source: row.source,
    }));
  }

  async upsertPopulation(figure: {
    country: string;
    year: number;
    population: number;
    source: string;
    at: Date;
    by: string;
  }): Promise<void> {
    await this.database.executor
      .insertInto('population_figures')
      .values({
        country: figure.country,
        year: figure.year,
        population: figure.population,
        source: figure.source,
        updated_at: figure.at,
        updated_by: figure.by,
      })
      .onConflict((oc) =>
        oc.columns(['country', 'year']).doUpdateSet({
          population: figure.population,
          source: figure.source,
          updated_at: figure.at,
          updated_by: figure.by,
        }),
      )
      .execute();
  }
}

/** Which records a query counts: the organisations' live records of the kind, the measure's conditions, filters. */
function conditionsOf(query: GroupQuery): Expression<SqlBool>[] {
  return [
    sql<SqlBool>`r.org_id = ANY(${[...query.orgIds]}::uuid[])`,
    sql<SqlBool>`r.kind = ${query.measure.kind}`,
    sql<SqlBool>`r.deleted_at IS NULL`,
    ...query.measure.where.map(conditionOf),
    ...query.filters.map(
      (f) => sql<SqlBool>`${categoryOf(f.dimension.derivation)} = ANY(${[...f.values]}::text[])`,
    ),
  ];
}

/** Each dimension's category as a column d0, d1, … */
function categoriesOf(dimensions: readonly DimensionDefinition[]) {
  return dimensions.map((d, i) => sql`${categoryOf(d.derivation)} AS ${sql.ref(`d${i}`)}`);
}

/** Every column of a release but its figures, which lists do not need (they can be large). */
const summaryColumns = [
  'releases.id',
  'releases.org_id',
  'releases.series',
  'releases.version',
  'releases.status',
  'releases.title',
  'releases.spec',
  'releases.ledger',
  'releases.created_at',
  'releases.created_by',
  'releases.updated_at',
  'releases.updated_by',
  'releases.published_at',
  'releases.published_by',
] as const;

/** A path of the record's JSON as PostgreSQL's text-array literal, passed as a parameter. */
function pathText(path: string): string {
  return `{${path.split('.').join(',')}}`;
}

function present(path: string): Expression<SqlBool> {
  const value = sql`r.data #> ${pathText(path)}::text[]`;
  return sql<SqlBool>`(${value} IS NOT NULL AND ${value} NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb))`;
}

/** The SQL that puts a record in one category of a dimension; never null ("Unknown" instead). */
function categoryOf(derivation: Derivation): RawBuilder<string> {
  switch (derivation.from) {
    case 'year': {
      const years = derivation.paths.map((path) => sql`substr(r.data #>> ${pathText(path)}::text[], 1, 4)`);
      return sql<string>`coalesce(${sql.join(years)}, 'Unknown')`;
    }
    case 'code':
      return sql<string>`coalesce(nullif(r.data #>> ${pathText(derivation.path)}::text[], ''), 'Unknown')`;
    case 'codes': {
      const value = sql`r.data #> ${pathText(derivation.path)}::text[]`;
      return sql<string>`CASE WHEN jsonb_typeof(${value}) <> 'array' OR jsonb_array_length(${value}) = 0 THEN 'Unknown'
        WHEN jsonb_array_length(${value}) = 1 THEN ${value} ->> 0 ELSE 'Multiple' END`;
    }
    case 'flags': {
      // Code by code rather than with jsonb_each: no subquery per record, about twice as fast.
      const value = sql`r.data #> ${pathText(derivation.path)}::text[]`;
      const yes = (code: string) => sql`((${value} -> ${code}) = 'true'::jsonb) IS TRUE`;
      if (derivation.codes.length === 0) return sql<string>`'Unknown'`;
      const count = sql.join(
        derivation.codes.map((code) => sql`(${yes(code)})::int`),
        sql` + `,
      );
      const which = sql.join(
        derivation.codes.map((code) => sql`WHEN ${yes(code)} THEN ${code}::text`),
        sql` `,
      );
      return sql<string>`CASE ${count} WHEN 0 THEN 'Unknown' WHEN 1 THEN CASE ${which} END ELSE 'Multiple' END`;
    }
    case 'route':
      return sql<string>`coalesce(nullif(r.data #>> ${pathText(derivation.origin)}::text[], ''), 'Unknown') || '→' ||
        coalesce(nullif(r.data #>> ${pathText(derivation.destination)}::text[], ''), 'Unknown')`;
    case 'organisationCountry':
      return sql<string>`o.country`;
    case 'group':
      return sql<string>`coalesce(nullif(g ->> ${derivation.field}, ''), 'Unknown')`;
  }
}

function quantityOf(quantity: Quantity): RawBuilder<number> {
  switch (quantity.of) {
    case 'records':
      return sql<number>`count(*)`;
    case 'number':
      return sql<number>`coalesce(sum((r.data #>> ${pathText(quantity.path)}::text[])::bigint), 0)`;
    case 'groups':
      return sql<number>`coalesce(sum((g ->> ${quantity.count})::bigint), 0)`;
  }
}

function conditionOf(condition: Condition): Expression<SqlBool> {
  if ('anyPresent' in condition)
    return sql<SqlBool>`(${sql.join(condition.anyPresent.map(present), sql` OR `)})`;
  const value = sql`r.data #>> ${pathText(condition.path)}::text[]`;
  if ('notIn' in condition) {
    return sql<SqlBool>`(${value} IS NULL OR NOT (${value} = ANY(${[...condition.notIn]}::text[])))`;
  }
  return sql<SqlBool>`${value} = ANY(${[...condition.in]}::text[])`;
}

function toRelease(row: Selectable<ReleasesTable>): ReleaseRow {
  return {
    id: row.id,
    orgId: row.org_id,
    series: row.series,
    version: row.version,
    status: row.status as ReleaseStatus,
    title: row.title,
    spec: row.spec,
    content: row.content,
    ledger: row.ledger,
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    updatedAt: new Date(row.updated_at),
    updatedBy: row.updated_by,
    publishedAt: row.published_at && new Date(row.published_at),
    publishedBy: row.published_by,
  };
}
