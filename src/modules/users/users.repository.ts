import { type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { OrganisationRole } from '../../platform/actor.js';

/** A staff account as stored. The password hash and TOTP secret never leave the users and auth modules. */
export interface User {
  id: string;
  email: string;
  displayName: string;
  preferredLanguage: string;
  passwordHash: string;
  isPlatformAdmin: boolean;
  totpSecretSealed: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Membership {
  userId: string;
  orgId: string;
  role: OrganisationRole;
  createdAt: Date;
}

export type UserChanges = Partial<
  Pick<
    User,
    | 'displayName'
    | 'preferredLanguage'
    | 'passwordHash'
    | 'isPlatformAdmin'
    | 'totpSecretSealed'
    | 'totpEnabledAt'
    | 'totpLastStep'
    | 'disabledAt'
  >
>;

/** Users' and memberships' only door to the database. */
export class UsersRepository {
  constructor(private readonly database: Database) {}

  async getById(id: string): Promise<User | undefined> {
    const row = await this.database.executor
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toUser(row);
  }

  /** `email` must already be normalised (trimmed, lower case). */
  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.database.executor
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async insert(user: User): Promise<void> {
    await this.database.executor
      .insertInto('users')
      .values({
        id: user.id,
        email: user.email,
        display_name: user.displayName,
        preferred_language: user.preferredLanguage,
        password_hash: user.passwordHash,
        is_platform_admin: user.isPlatformAdmin,
        totp_secret_sealed: user.totpSecretSealed,
        totp_enabled_at: user.totpEnabledAt,
        totp_last_step: user.totpLastStep,
        disabled_at: user.disabledAt,
        created_at: user.createdAt,
        updated_at: user.updatedAt,
      })
      .execute();
  }

  async update(id: string, changes: UserChanges, at: Date): Promise<void> {
    await this.database.executor
      .updateTable('users')
      .set({
        display_name: changes.displayName,
        preferred_language: changes.preferredLanguage,
        password_hash: changes.passwordHash,
        is_platform_admin: changes.isPlatformAdmin,
        totp_secret_sealed: changes.totpSecretSealed,
        totp_enabled_at: changes.totpEnabledAt,
        totp_last_step: changes.totpLastStep,
        disabled_at: changes.disabledAt,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Records a TOTP step as used, only if it is newer than the last one: of two requests with one code,
   * only one succeeds. Returns whether this call recorded it.
   */
  async claimTotpStep(id: string, step: number): Promise<boolean> {
    const result = await this.database.executor
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async getMembership(userId: string, orgId: string): Promise<Membership | undefined> {
    const row = await this.database.executor
      .selectFrom('memberships')
      .selectAll()
      .where('user_id', '=', userId)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    return row && toMembership(row);
  }

  /**
   * An account with its membership of one organisation, in one round trip (every authenticated
   * request asks this); the membership is undefined when there is none or `orgId` is null.
   */
  async getWithMembership(
    userId: string,
    orgId: string | null,
  ): Promise<{ user: User; membership: Membership | undefined } | undefined> {
    const row = await this.database.executor
      .selectFrom('users')
      .leftJoin('memberships', (join) =>
        join
          .onRef('memberships.user_id', '=', 'users.id')
          .on(orgId === null ? sql<SqlBool>`false` : sql<SqlBool>`memberships.org_id = ${orgId}`),
      )
      .selectAll('users')
      .select(['memberships.org_id', 'memberships.role', 'memberships.created_at as joined_at'])
      .where('users.id', '=', userId)
      .executeTakeFirst();
    if (!row) return undefined;
    const membership =
      row.org_id !== null && row.role !== null && row.joined_at !== null
        ? toMembership({ user_id: row.id, org_id: row.org_id, role: row.role, created_at: row.joined_at })
        : undefined;
    return { user: toUser(row), membership };
  }

  async listMembershipsOfUser(userId: string): Promise<Membership[]> {
    const rows = await this.database.executor
      .selectFrom('memberships')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    return rows.map(toMembership);
  }

  /** Members of one organisation with their accounts, ordered by name. */
  async listMembersOfOrg(orgId: string): Promise<Array<{ user: User; membership: Membership }>> {
    const rows = await this.database.executor
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .selectAll('users')
      .select(['memberships.org_id', 'memberships.role', 'memberships.created_at as joined_at'])
      .where('memberships.org_id', '=', orgId)
      .orderBy('users.display_name')
      .execute();
    return rows.map((row) => ({
      user: toUser(row),
      membership: toMembership({
        user_id: row.id,
        org_id: row.org_id,
        role: row.role,
        created_at: row.joined_at,
      }),
    }));
  }

  /**
   * Locks the administrators' memberships of an organisation (SELECT … FOR UPDATE) and counts them, so
   * two administrators demoting each other at once cannot leave the organisation with none.
   */
  async lockAdmins(orgId: string): Promise<number> {
    const rows = await this.database.executor
      .selectFrom('memberships')
      .select('user_id')
      .where('org_id', '=', orgId)
      .where('role', '=', 'admin')
      .forUpdate()
      .execute();
    return rows.length;
  }

  async insertMembership(membership: Membership): Promise<void> {
    await this.database.executor
      .insertInto('memberships')
      .values({
        user_id: membership.userId,
        org_id: membership.orgId,
        role: membership.role,
        created_at: membership.createdAt,
      })
      .execute();
  }

  async updateMembershipRole(userId: string, orgId: string, role: OrganisationRole): Promise<void> {
    await this.database.executor
      .updateTable('memberships')
      .set({ role })
      .where('user_id', '=', userId)
      .where('org_id', '=', orgId)
      .execute();
  }

  async deleteMembership(userId: string, orgId: string): Promise<void> {
    await this.database.executor
      .deleteFrom('memberships')
      .where('user_id', '=', userId)
      .where('org_id', '=', orgId)
      .execute();
  }
}

type UserRow = {
  id: string;
  email: string;
  display_name: string;
  preferred_language: string;
  password_hash: string;
  is_platform_admin: boolean;
  totp_secret_sealed: string | null;
  totp_enabled_at: Date | string | null;
  totp_last_step: number | string | null;
  disabled_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
};

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    preferredLanguage: row.preferred_language,
    passwordHash: row.password_hash,
    isPlatformAdmin: row.is_platform_admin,
    totpSecretSealed: row.totp_secret_sealed,
    totpEnabledAt: row.totp_enabled_at === null ? null : new Date(row.totp_enabled_at),
    // bigint arrives as a string from pg and as a number from PGlite
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function toMembership(row: {
  user_id: string;
  org_id: string;
  role: string;
  created_at: Date | string;
}): Membership {
  return {
    userId: row.user_id,
    orgId: row.org_id,
    role: row.role as OrganisationRole, // checked: the table's CHECK constraint allows only these roles
    createdAt: new Date(row.created_at),
  };
}
