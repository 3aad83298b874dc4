import type { PasswordHasher } from '../../crypto/password-hasher.js';
import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Context, OrganisationRole, RoleId } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Ids } from '../../platform/ids.js';
import { type AuditService, requireActor } from '../audit/audit.service.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { TokenCache } from '../tokens/token-cache.js';
import { can } from './users.policy.js';
import type { Membership, User, UserChanges, UsersRepository } from './users.repository.js';

export interface UsersServiceDeps {
  database: Database;
  users: UsersRepository;
  organisations: OrganisationsService;
  audit: AuditService;
  hasher: PasswordHasher;
  clock: Clock;
  ids: Ids;
  /** Emptied whenever a change could withdraw what an API token of the user may do. */
  tokenCache: TokenCache;
}

export interface AddMemberInput {
  /** The organisation to join; may be null only for `platform-admin`. */
  orgId: string | null;
  email: string;
  displayName: string;
  preferredLanguage: string;
  role: RoleId;
  /** Required when the account is new. */
  password?: string | undefined;
}

export interface AddMemberResult {
  user: User;
  membership: Membership | null;
  /** False when the person had an account already and was only given a role. */
  createdAccount: boolean;
}

const adminsOnly = 'Only administrators who signed in with two-factor authentication may manage members.';

/** Staff accounts and their roles in organisations. */
export class UsersService {
  constructor(private readonly deps: UsersServiceDeps) {}

  /** Gives a person a role: creates their account if it is new, adds a membership if it exists. */
  async addMember(ctx: Context, input: AddMemberInput): Promise<AddMemberResult> {
    const actor = requireActor(ctx);
    const platformRole = input.role === 'platform-admin';
    const event = {
      action: 'user.create',
      resourceType: 'user',
      orgId: input.orgId,
      details: { role: input.role },
    };
    const action = platformRole ? 'grant-platform-admin' : 'add-member';
    await this.deps.audit.enforce(ctx, can(actor, action, { orgId: input.orgId }), event, {
      message: adminsOnly,
    });
    if (!platformRole && (input.orgId === null || !(await this.deps.organisations.exists(input.orgId)))) {
      throw new AppError('not_found', 'No such organisation.');
    }
    const existing = await this.deps.users.findByEmail(input.email);
    // An account of another organisation is attached only by a platform administrator (or operator):
    // an organisation's administrator must not pull in, or learn about, people of other organisations.
    if (existing && actor.kind === 'user' && !actor.platformAdmin) {
      await this.deps.audit.recordOutside(ctx, event, 'denied', 'existing_account');
      throw new AppError(
        'conflict',
        'This e-mail address cannot be added here. Ask a platform administrator to add the person.',
        {
          issues: [
            {
              path: 'email',
              code: 'unavailable',
              message: 'Ask a platform administrator to add this person.',
            },
          ],
        },
      );
    }
    const passwordHash = existing ? undefined : await this.hashNewPassword(input.password);
    return this.deps.database.transaction(async () => {
      const now = this.deps.clock.now();
      const user = existing ?? (await this.insertUser(input, passwordHash ?? '', now));
      const membership = platformRole
        ? null
        : await this.grant(user, input.orgId ?? '', input.role as OrganisationRole, now);
      if (platformRole && !user.isPlatformAdmin)
        await this.deps.users.update(user.id, { isPlatformAdmin: true }, now);
      await this.deps.audit.record(ctx, {
        ...event,
        resourceId: user.id,
        details: { role: input.role, newAccount: !existing },
      });
      return {
        user: { ...user, isPlatformAdmin: user.isPlatformAdmin || platformRole },
        membership,
        createdAccount: !existing,
      };
    });
  }

  /** Members of an organisation, for its administrators. */
  async listMembers(ctx: Context, orgId: string): Promise<Array<{ user: User; membership: Membership }>> {
    const actor = requireActor(ctx);
    const event = { action: 'user.list', resourceType: 'user', orgId };
    await this.deps.audit.enforce(ctx, can(actor, 'list-members', { orgId }), event, { message: adminsOnly });
    const members = await this.deps.users.listMembersOfOrg(orgId);
    await this.deps.audit.record(ctx, { ...event, details: { count: members.length } });
    return members;
  }

  /** One member of an organisation; 404 when they are not a member, whether or not the account exists. */
  async getMember(
    ctx: Context,
    orgId: string,
    userId: string,
  ): Promise<{ user: User; membership: Membership }> {
    const actor = requireActor(ctx);
    const event = { action: 'user.read', resourceType: 'user', resourceId: userId, orgId };
    await this.deps.audit.enforce(ctx, can(actor, 'read-member', { orgId }), event, { hide: true });
    const found = await this.findMember(orgId, userId);
    await this.deps.audit.record(ctx, event);
    return found;
  }

  async changeRole(ctx: Context, orgId: string, userId: string, role: OrganisationRole): Promise<Membership> {
    const actor = requireActor(ctx);
    const event = {
      action: 'membership.update',
      resourceType: 'user',
      resourceId: userId,
      orgId,
      details: { role },
    };
    await this.deps.audit.enforce(ctx, can(actor, 'change-role', { orgId }), event, { hide: true });
    return this.deps.database.transaction(async () => {
      const { membership } = await this.findMember(orgId, userId);
      if (membership.role === 'admin' && role !== 'admin') await this.assertNotLastAdmin(orgId);
      await this.deps.users.updateMembershipRole(userId, orgId, role);
      await this.deps.audit.record(ctx, event);
      await this.deps.tokenCache.forgetAll(this.deps.database);
      return { ...membership, role };
    });
  }

  async removeMember(ctx: Context, orgId: string, userId: string): Promise<void> {
    const actor = requireActor(ctx);
    const event = { action: 'membership.delete', resourceType: 'user', resourceId: userId, orgId };
    await this.deps.audit.enforce(ctx, can(actor, 'remove-member', { orgId }), event, { hide: true });
    await this.deps.database.transaction(async () => {
      const { membership } = await this.findMember(orgId, userId);
      if (membership.role === 'admin') await this.assertNotLastAdmin(orgId);
      await this.deps.users.deleteMembership(userId, orgId);
      await this.deps.audit.record(ctx, event);
      await this.deps.tokenCache.forgetAll(this.deps.database);
    });
  }

  /** Finds an account by e-mail for the CLI (`--email`). Operators only. */
  async resolveByEmail(ctx: Context, email: string): Promise<User> {
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(ctx, actor.kind === 'operator', {
      action: 'user.read',
      resourceType: 'user',
    });
    const user = await this.deps.users.findByEmail(email.trim().toLowerCase());
    if (!user) throw new AppError('not_found', 'No account with this e-mail address.');
    return user;
  }

  // The methods below serve the auth and tokens modules, which authorise their own callers.

  /** The account for a sign-in attempt. Not an entry point. */
  findForSignIn(email: string): Promise<User | undefined> {
    return this.deps.users.findByEmail(email);
  }

  /** An account by id. Not an entry point. */
  getAccount(userId: string): Promise<User | undefined> {
    return this.deps.users.getById(userId);
  }

  /** A user's memberships. Not an entry point. */
  membershipsOf(userId: string): Promise<Membership[]> {
    return this.deps.users.listMembershipsOfUser(userId);
  }

  /** An account and its membership of one organisation, in one query. Not an entry point. */
  accountWithMembership(
    userId: string,
    orgId: string | null,
  ): Promise<{ user: User; membership: Membership | undefined } | undefined> {
    return this.deps.users.getWithMembership(userId, orgId);
  }

  /** One membership, or undefined. Not an entry point. */
  membership(userId: string, orgId: string): Promise<Membership | undefined> {
    return this.deps.users.getMembership(userId, orgId);
  }

  /** Changes account fields (password hash, TOTP state, profile). Not an entry point. */
  async updateAccount(userId: string, changes: UserChanges): Promise<void> {
    await this.deps.users.update(userId, changes, this.deps.clock.now());
    await this.deps.tokenCache.forgetAll(this.deps.database);
  }

  /** Marks a TOTP step used; false if it (or a later one) was used already. Not an entry point. */
  claimTotpStep(userId: string, step: number): Promise<boolean> {
    return this.deps.users.claimTotpStep(userId, step);
  }

  private async hashNewPassword(password: string | undefined): Promise<string> {
    if (!password) {
      throw new AppError('validation_failed', 'A new account needs a password.', {
        issues: [{ path: 'password', code: 'required', message: 'A new account needs a password.' }],
      });
    }
    return this.deps.hasher.hash(password);
  }

  private async insertUser(input: AddMemberInput, passwordHash: string, now: Date): Promise<User> {
    const user: User = {
      id: this.deps.ids.uuid(),
      email: input.email,
      displayName: input.displayName,
      preferredLanguage: input.preferredLanguage,
      passwordHash,
      isPlatformAdmin: false,
      totpSecretSealed: null,
      totpEnabledAt: null,
      totpLastStep: null,
      disabledAt: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.deps.users.insert(user);
    } catch (error) {
      throw isUniqueViolation(error)
        ? new AppError('conflict', 'An account with this e-mail was just created; try again.')
        : error;
    }
    return user;
  }

  private async grant(user: User, orgId: string, role: OrganisationRole, now: Date): Promise<Membership> {
    if (await this.deps.users.getMembership(user.id, orgId)) {
      throw new AppError(
        'conflict',
        'This person is a member of the organisation already; change their role instead.',
      );
    }
    const membership: Membership = { userId: user.id, orgId, role, createdAt: now };
    try {
      await this.deps.users.insertMembership(membership);
    } catch (error) {
      // Two requests adding the same person at once: the second meets the first's membership here.
      if (!isUniqueViolation(error)) throw error;
      throw new AppError(
        'conflict',
        'This person is a member of the organisation already; change their role instead.',
      );
    }
    return membership;
  }

  private async findMember(orgId: string, userId: string): Promise<{ user: User; membership: Membership }> {
    const membership = await this.deps.users.getMembership(userId, orgId);
    const user = membership && (await this.deps.users.getById(userId));
    if (!membership || !user) throw new AppError('not_found', 'No such user.');
    return { user, membership };
  }

  /** Locks the organisation's administrators' memberships until the transaction ends, then counts them. */
  private async assertNotLastAdmin(orgId: string): Promise<void> {
    if ((await this.deps.users.lockAdmins(orgId)) <= 1) {
      throw new AppError('conflict', 'An organisation must keep at least one administrator.');
    }
  }
}
