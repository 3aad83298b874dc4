import type { ReleaseRow } from './statistics.repository.js';
import type { ReleaseContent, ReleaseSpec } from './statistics.service.js';

/**
 * A release as the API shows it: named fields only. Who created or published it stays inside Coral;
 * the public sees the organisation that published it.
 */
export function presentRelease(
  release: ReleaseRow & { organisationName?: string; organisationCountry?: string },
) {
  return {
    id: release.id,
    series: release.series,
    version: release.version,
    status: release.status,
    title: release.title,
    ...(release.organisationName
      ? { organisation: { name: release.organisationName, country: release.organisationCountry ?? '' } }
      : {}),
    // Stored as JSON by the service, from these types.
    spec: release.spec as unknown as ReleaseSpec,
    content:
      release.status === 'published'
        ? withoutRows(release.content as unknown as ReleaseContent | null)
        : null,
    ledger: release.ledger.map((entry) => presentLedgerEntry(entry)),
    createdAt: release.createdAt.toISOString(),
    updatedAt: release.updatedAt.toISOString(),
    publishedAt: release.publishedAt?.toISOString() ?? null,
  };
}

/** A release in a list: what it is, without its figures. */
export function presentReleaseSummary(
  release: ReleaseRow & { organisationName?: string; organisationCountry?: string },
) {
  const { content: _content, spec, ledger: _ledger, ...rest } = presentRelease(release);
  return { ...rest, methodNote: spec.methodNote, method: spec.method, tables: spec.tables.length };
}

function presentLedgerEntry(entry: unknown) {
  const e = (entry ?? {}) as {
    label?: unknown;
    epsilon?: { numerator?: unknown; denominator?: unknown };
    at?: unknown;
  };
  return {
    label: String(e.label ?? ''),
    epsilon: `${Number(e.epsilon?.numerator ?? 0)}/${Number(e.epsilon?.denominator ?? 1)}`,
    at: String(e.at ?? ''),
  };
}

/** A release's figures without the record-level rows, which are downloaded as CSV on their own. */
function withoutRows(content: ReleaseContent | null) {
  if (!content?.microdata) return content;
  const { rows: _rows, ...microdata } = content.microdata;
  return { ...content, microdata };
}
