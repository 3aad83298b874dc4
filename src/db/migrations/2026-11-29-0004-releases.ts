import type { CoralMigration } from './migration.js';

/**
 * Statistical releases: what an organisation publishes after disclosure control. A draft holds what is
 * asked for; publishing stores the protected figures themselves, after which a trigger refuses any
 * change or deletion, so a published version stays exactly what the public saw. Revising makes a new
 * version in the same series. Also population figures an administrator adds or corrects, which take
 * precedence over those Coral ships.
 */
export const releases: CoralMigration = {
  name: '2026-11-29-0004-releases',
  statements: [
    `CREATE TABLE releases (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES organisations (id),
      series uuid NOT NULL,
      version integer NOT NULL CHECK (version > 0),
      status text NOT NULL CHECK (status IN ('draft', 'published')),
      title text NOT NULL,
      spec jsonb NOT NULL,
      content jsonb,
      ledger jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by text NOT NULL,
      published_at timestamptz,
      published_by text,
      UNIQUE (series, version)
    )`,
    'CREATE INDEX releases_org_idx ON releases (org_id, updated_at DESC)',
    "CREATE INDEX releases_published_idx ON releases (published_at DESC) WHERE status = 'published'",
    `CREATE FUNCTION releases_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status = 'published' THEN
        RAISE EXCEPTION 'a published release cannot be changed: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END
    $$`,
    `CREATE TRIGGER releases_immutable BEFORE UPDATE OR DELETE ON releases
      FOR EACH ROW EXECUTE FUNCTION releases_refuse_change()`,
    `CREATE TABLE population_figures (
      country text NOT NULL,
      year integer NOT NULL,
      population bigint NOT NULL CHECK (population > 0),
      source text NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by text NOT NULL,
      PRIMARY KEY (country, year)
    )`,
  ],
};
