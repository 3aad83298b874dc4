import type { ColumnType, Generated } from 'kysely';

/**
 * The database as Kysely sees it. Each group of tables belongs to one feature module; only that module's
 * repository reads or writes them. Every tenant-owned row carries `org_id`.
 */
export interface DB {
  organisations: OrganisationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  coral_settings: CoralSettingsTable;
  org_data_keys: OrgDataKeysTable;
  records: RecordsTable;
  record_history: RecordHistoryTable;
  imports: ImportsTable;
  import_problems: ImportProblemsTable;
  import_mappings: ImportMappingsTable;
  releases: ReleasesTable;
  population_figures: PopulationFiguresTable;
  linkage_projects: LinkageProjectsTable;
  linkage_parties: LinkagePartiesTable;
  linkage_encodings: LinkageEncodingsTable;
  linkage_groups: LinkageGroupsTable;
  linkage_members: LinkageMembersTable;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Module organisations. */
export interface OrganisationsTable {
  id: string;
  name: string;
  type: string;
  country: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Module users. Staff accounts; the people in case records live elsewhere. */
export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  preferred_language: string;
  password_hash: string;
  is_platform_admin: boolean;
  /** TOTP secret sealed with the master key; null until enrolment starts. */
  totp_secret_sealed: string | null;
  totp_enabled_at: Timestamp | null;
  /** Last accepted TOTP time step, so a code cannot be replayed. */
  totp_last_step: ColumnType<number | null, number | null, number | null>;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Module users. A user's role in one organisation. */
export interface MembershipsTable {
  user_id: string;
  org_id: string;
  role: string;
  created_at: Timestamp;
}

/** Module auth. Server-side sessions; the cookie holds a secret whose SHA-256 is `id_hash`. */
export interface SessionsTable {
  id_hash: string;
  user_id: string;
  org_id: string | null;
  mfa_verified: boolean;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

/** Module auth. Failed sign-ins per account key (a hash of the e-mail, whether or not it exists). */
export interface LoginThrottleTable {
  key_hash: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}

/** Module tokens. API tokens for machine clients, stored as SHA-256 of the secret. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  org_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Module audit. Append-only: triggers refuse UPDATE, DELETE and TRUNCATE. */
export interface AuditLogTable {
  id: Generated<string>;
  occurred_at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  token_id: string | null;
  org_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  outcome: string;
  reason: string | null;
  request_id: string | null;
  client_address: string | null;
  details: ColumnType<Record<string, unknown> | null, string | null, never>;
}

/** Platform settings that must travel with the database, such as which master key sealed its secrets. */
export interface CoralSettingsTable {
  key: string;
  value: string;
}

/** Module keys. Each organisation's data key, wrapped by a master key (never stored in the clear). */
export interface OrgDataKeysTable {
  org_id: string;
  wrapped_key: string;
  master_key_id: string;
  created_at: Timestamp;
  rewrapped_at: Timestamp | null;
}

/** Module records. Case records of every kind; identifying fields only inside `sealed`. */
export interface RecordsTable {
  id: string;
  org_id: string;
  kind: string;
  version: number;
  /** The record's plain and quasi-identifying fields. */
  data: ColumnType<Record<string, unknown>, string, string>;
  /** The identifying fields, sealed with the organisation's data key. */
  sealed: string | null;
  /** Keyed hashes of normalised name tokens, for name search without plaintext. */
  name_index: ColumnType<string[], string[], string[]>;
  search_text: string;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
  deleted_at: Timestamp | null;
  deleted_by: string | null;
  delete_reason: string | null;
  /** Where an imported record came from, and its id there (unique per organisation, kind and source). */
  source: ColumnType<string | null, string | null | undefined, string | null>;
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Module records. Who changed which fields of a record, and when; never the values. */
export interface RecordHistoryTable {
  id: Generated<string>;
  org_id: string;
  record_id: string;
  kind: string;
  version: number;
  action: string;
  changed_fields: ColumnType<string[], string[], never>;
  changed_at: Timestamp;
  changed_by: string;
  import_id: ColumnType<string | null, string | null | undefined, never>;
}

/** Module imports. */
export interface ImportsTable {
  id: string;
  org_id: string;
  kind: string;
  format: string;
  source: string;
  file_name: string;
  file_size: ColumnType<string | number, number, number>;
  content_hash: string;
  /** The staged upload's file key, wrapped by the organisation's data key; null once the file is gone. */
  staged_key: string | null;
  options: ColumnType<Record<string, unknown>, string, string>;
  status: string;
  summary: ColumnType<Record<string, unknown>, string, string>;
  failure: string | null;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  committed_at: Timestamp | null;
  committed_by: string | null;
}

export interface ImportProblemsTable {
  import_id: string;
  seq: number;
  row_number: number;
  column_name: string;
  path: string | null;
  code: string;
  severity: string;
  message: string;
}

export interface ImportMappingsTable {
  id: string;
  org_id: string;
  name: string;
  mapping: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
}

/** Module statistics. A release: a draft, or a published version that a trigger keeps unchanged. */
export interface ReleasesTable {
  id: string;
  org_id: string;
  series: string;
  version: number;
  status: string;
  title: string;
  spec: ColumnType<Record<string, unknown>, string, string>;
  content: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  ledger: ColumnType<unknown[], string | undefined, string>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
  published_at: Timestamp | null;
  published_by: string | null;
}

/** Module statistics. Population figures set by an administrator, ahead of those Coral ships. */
export interface PopulationFiguresTable {
  country: string;
  year: number;
  population: ColumnType<number, number, number>;
  source: string;
  updated_at: Timestamp;
  updated_by: string;
}

/** Module linkage. A project between organisations of different countries. */
export interface LinkageProjectsTable {
  id: string;
  name: string;
  kind: string;
  schema: ColumnType<Record<string, unknown>, string, string>;
  threshold: number;
  status: string;
  owner_org_id: string;
  /** A one-way fingerprint of the shared secret (never the secret), set by the first upload. */
  secret_fingerprint: string | null;
  matched_at: Timestamp | null;
  match_version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
}

/** Module linkage. An organisation taking part in a project; one per country. */
export interface LinkagePartiesTable {
  project_id: string;
  org_id: string;
  country: string;
  status: string;
  responded_at: Timestamp | null;
  responded_by: string | null;
  encodings: ColumnType<number, number | undefined, number>;
  uploaded_at: Timestamp | null;
}

/** Module linkage. One party's CLK of one of its records; never names. */
export interface LinkageEncodingsTable {
  project_id: string;
  org_id: string;
  record_id: string;
  clk: Uint8Array;
}

/** Module linkage. Records of several parties found to be one person, as of one matching run. */
export interface LinkageGroupsTable {
  id: string;
  project_id: string;
  match_version: number;
  similarity: number;
  status: string;
  decided_at: Timestamp | null;
}

/** Module linkage. One party's record in a group, with that party's review. */
export interface LinkageMembersTable {
  group_id: string;
  org_id: string;
  record_id: string;
  similarity: number;
  decision: string;
  decided_at: Timestamp | null;
  decided_by: string | null;
  note: string | null;
}
