import type { CoralMigration } from './migration.js';

/**
 * Bulk import and export: where records came from (a source and its own id, so re-importing matches
 * rather than duplicates), the imports themselves with their problems, and saved column mappings.
 */
export const imports: CoralMigration = {
  name: '2026-11-29-0003-imports',
  statements: [
    'ALTER TABLE records ADD COLUMN source text',
    'ALTER TABLE records ADD COLUMN external_id text',
    'ALTER TABLE records ADD COLUMN import_id uuid',
    'CREATE UNIQUE INDEX records_external_idx ON records (org_id, kind, source, external_id) WHERE external_id IS NOT NULL',
    'ALTER TABLE record_history ADD COLUMN import_id uuid',
    `CREATE TABLE imports (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES organisations (id),
      kind text NOT NULL CHECK (kind IN ('thbCase', 'somIncident', 'offender', 'proceeding')),
      format text NOT NULL,
      source text NOT NULL,
      file_name text NOT NULL,
      file_size bigint NOT NULL,
      content_hash text NOT NULL,
      staged_key text,
      options jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('validating', 'validated', 'rejected', 'committing', 'committed', 'failed', 'cancelled')),
      summary jsonb NOT NULL,
      failure text,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      committed_at timestamptz,
      committed_by text
    )`,
    'CREATE INDEX imports_org_idx ON imports (org_id, created_at DESC)',
    'CREATE INDEX imports_hash_idx ON imports (org_id, content_hash)',
    `CREATE TABLE import_problems (
      import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
      seq integer NOT NULL,
      row_number integer NOT NULL,
      column_name text NOT NULL,
      path text,
      code text NOT NULL,
      severity text NOT NULL CHECK (severity IN ('error', 'warning')),
      message text NOT NULL,
      PRIMARY KEY (import_id, seq)
    )`,
    `CREATE TABLE import_mappings (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES organisations (id),
      name text NOT NULL,
      mapping jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by text NOT NULL
    )`,
    'CREATE UNIQUE INDEX import_mappings_name_key ON import_mappings (org_id, lower(name))',
  ],
};
