/**
 * A migration: plain PostgreSQL statements that run unchanged on PGlite and PostgreSQL, one statement per
 * string (PGlite's extended protocol takes one statement at a time). Migrations only move forward; a
 * mistake is mended by a later migration, never by editing one that has shipped.
 */
export interface CoralMigration {
  /** Sortable and unique: the date, a sequence number and a few words. */
  name: string;
  statements: string[];
}
