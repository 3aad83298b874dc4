import type { CoralMigration } from './migration.js';

/**
 * Linkage projects: organisations of different countries find records of the same person without
 * sharing names. The hub keeps each party's encodings (Bloom-filter CLKs, never names) and the match
 * groups it found; each party sees only its own record ids. The shared secret is never stored: only a
 * one-way fingerprint, so parties learn when they used different secrets. Reviews are each party's
 * decision on its own side of a group; a group every party confirmed links the records for referral.
 */
export const linkage: CoralMigration = {
  name: '2026-11-29-0005-linkage',
  statements: [
    `CREATE TABLE linkage_projects (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('thbCase', 'offender')),
      schema jsonb NOT NULL,
      threshold double precision NOT NULL CHECK (threshold > 0 AND threshold <= 1),
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      owner_org_id uuid NOT NULL REFERENCES organisations (id),
      secret_fingerprint text,
      matched_at timestamptz,
      match_version integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
    `CREATE TABLE linkage_parties (
      project_id uuid NOT NULL REFERENCES linkage_projects (id) ON DELETE CASCADE,
      org_id uuid NOT NULL REFERENCES organisations (id),
      country text NOT NULL,
      status text NOT NULL CHECK (status IN ('invited', 'accepted', 'declined')),
      responded_at timestamptz,
      responded_by text,
      encodings integer NOT NULL DEFAULT 0,
      uploaded_at timestamptz,
      PRIMARY KEY (project_id, org_id),
      UNIQUE (project_id, country)
    )`,
    'CREATE INDEX linkage_parties_org_idx ON linkage_parties (org_id)',
    `CREATE TABLE linkage_encodings (
      project_id uuid NOT NULL,
      org_id uuid NOT NULL,
      record_id uuid NOT NULL,
      clk bytea NOT NULL,
      PRIMARY KEY (project_id, org_id, record_id),
      FOREIGN KEY (project_id, org_id) REFERENCES linkage_parties (project_id, org_id) ON DELETE CASCADE
    )`,
    `CREATE TABLE linkage_groups (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES linkage_projects (id) ON DELETE CASCADE,
      match_version integer NOT NULL,
      similarity double precision NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
      decided_at timestamptz
    )`,
    'CREATE INDEX linkage_groups_project_idx ON linkage_groups (project_id, match_version)',
    `CREATE TABLE linkage_members (
      group_id uuid NOT NULL REFERENCES linkage_groups (id) ON DELETE CASCADE,
      org_id uuid NOT NULL,
      record_id uuid NOT NULL,
      similarity double precision NOT NULL,
      decision text NOT NULL CHECK (decision IN ('pending', 'confirmed', 'rejected')),
      decided_at timestamptz,
      decided_by text,
      note text,
      PRIMARY KEY (group_id, org_id)
    )`,
    'CREATE INDEX linkage_members_record_idx ON linkage_members (org_id, record_id)',
  ],
};
