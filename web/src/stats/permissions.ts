import type { SessionView } from '../api/session';

/** Roles that may see exact small counts, and compose and publish releases (the server enforces it). */
const composers = new Set(['data-officer', 'analyst']);

/** Roles that may see the data-gap assessment. */
const gapReaders = new Set(['data-officer', 'analyst', 'admin']);

/** True when the session acts for an organisation: its statistics can be shown. */
export function canViewStatistics(session: SessionView): boolean {
  return session.organisation !== null && session.role !== null;
}

/** Exact small counts, for internal use: data officers and analysts. */
export function canSeeExactCounts(session: SessionView): boolean {
  return session.organisation !== null && composers.has(session.role ?? '');
}

/** Composing, previewing and publishing releases: data officers and analysts. */
export function canComposeReleases(session: SessionView): boolean {
  return canSeeExactCounts(session);
}

/** The data-gap assessment: data officers, analysts and administrators. */
export function canSeeGaps(session: SessionView): boolean {
  return session.organisation !== null && gapReaders.has(session.role ?? '');
}
