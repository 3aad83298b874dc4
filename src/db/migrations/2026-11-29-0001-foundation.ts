import type { CoralMigration } from './migration.js';

/** Organisations, users, memberships, sessions, sign-in throttling, API tokens, the audit log. */
export const foundation: CoralMigration = {
  name: '2026-11-29-0001-foundation',
  statements: [
    `CREATE TABLE coral_settings (
      key text PRIMARY KEY,
      value text NOT NULL
    )`,
    `CREATE TABLE organisations (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      type text NOT NULL,
      country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
    'CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name))',
    `CREATE TABLE users (
      id uuid PRIMARY KEY,
      email text NOT NULL CHECK (email = lower(email)),
      display_name text NOT NULL,
      preferred_language text NOT NULL,
      password_hash text NOT NULL,
      is_platform_admin boolean NOT NULL DEFAULT false,
      totp_secret_sealed text,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
    'CREATE UNIQUE INDEX users_email_key ON users (email)',
    `CREATE TABLE memberships (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      org_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('admin', 'data-officer', 'case-worker', 'investigator', 'analyst', 'viewer')),
      created_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, org_id)
    )`,
    'CREATE INDEX memberships_org_idx ON memberships (org_id)',
    `CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      org_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
      mfa_verified boolean NOT NULL,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL
    )`,
    'CREATE INDEX sessions_user_idx ON sessions (user_id)',
    `CREATE TABLE login_throttle (
      key_hash text PRIMARY KEY,
      failures integer NOT NULL,
      window_started_at timestamptz NOT NULL,
      locked_until timestamptz
    )`,
    `CREATE TABLE api_tokens (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      org_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    )`,
    'CREATE INDEX api_tokens_org_idx ON api_tokens (org_id)',
    `CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      actor_type text NOT NULL CHECK (actor_type IN ('user', 'token', 'cli', 'system', 'anonymous')),
      actor_id text,
      token_id uuid,
      org_id uuid,
      action text NOT NULL,
      resource_type text NOT NULL,
      resource_id text,
      outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
      reason text,
      request_id text,
      client_address text,
      details jsonb
    )`,
    'CREATE INDEX audit_log_org_idx ON audit_log (org_id, id)',
    'CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id)',
    'CREATE INDEX audit_log_time_idx ON audit_log (occurred_at)',
    `CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the audit log is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $$`,
    `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
  ],
};
