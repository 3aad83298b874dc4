import type { CoralMigration } from './migration.js';

/**
 * Case records of every kind in one table (the kind in a column), their change history, and the
 * per-organisation data keys that seal their identifying fields.
 */
export const records: CoralMigration = {
  name: '2026-11-29-0002-records',
  statements: [
    `CREATE TABLE org_data_keys (
      org_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
      wrapped_key text NOT NULL,
      master_key_id text NOT NULL,
      created_at timestamptz NOT NULL,
      rewrapped_at timestamptz
    )`,
    `CREATE TABLE records (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES organisations (id),
      kind text NOT NULL CHECK (kind IN ('thbCase', 'somIncident', 'offender', 'proceeding')),
      version integer NOT NULL CHECK (version > 0),
      data jsonb NOT NULL,
      sealed text,
      name_index text[] NOT NULL DEFAULT '{}',
      search_text text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by text NOT NULL,
      deleted_at timestamptz,
      deleted_by text,
      delete_reason text
    )`,
    'CREATE INDEX records_list_idx ON records (org_id, kind, updated_at DESC, id DESC) WHERE deleted_at IS NULL',
    'CREATE INDEX records_created_idx ON records (org_id, kind, created_at DESC, id DESC) WHERE deleted_at IS NULL',
    'CREATE INDEX records_name_idx ON records USING gin (name_index)',
    `CREATE TABLE record_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      org_id uuid NOT NULL,
      record_id uuid NOT NULL REFERENCES records (id),
      kind text NOT NULL,
      version integer NOT NULL,
      action text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
      changed_fields text[] NOT NULL,
      changed_at timestamptz NOT NULL,
      changed_by text NOT NULL
    )`,
    'CREATE INDEX record_history_record_idx ON record_history (record_id, id)',
  ],
};
