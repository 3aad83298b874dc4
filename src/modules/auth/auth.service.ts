import type { PasswordHasher } from '../../crypto/password-hasher.js';
import { hashSecret } from '../../crypto/secrets.js';
import type { Totp } from '../../crypto/totp.js';
import type { Database } from '../../db/database.js';
import type { Context, UserActor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Ids } from '../../platform/ids.js';
import { type AuditEvent, type AuditService, requireActor } from '../audit/audit.service.js';
import type { KeysService } from '../keys/keys.service.js';
import type { Organisation } from '../organisations/organisations.repository.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { TokensService } from '../tokens/tokens.service.js';
import type { Membership, User } from '../users/users.repository.js';
import type { UsersService } from '../users/users.service.js';
import { can } from './auth.policy.js';
import type { AuthRepository, Session } from './auth.repository.js';

/** Session lifetimes and sign-in throttling. */
export interface AuthSettings {
  /** A session unused this long ends (ASVS 5.0 V7.3.1). */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, used or not (V7.3.2). */
  sessionAbsoluteMs: number;
  /** Failed sign-ins to one account within `failureWindowMs` that lock it. */
  maxFailures: number;
  failureWindowMs: number;
  /** How long a locked account refuses every sign-in, right or wrong. */
  lockoutMs: number;
}

export const defaultAuthSettings: AuthSettings = {
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 3_600_000,
  maxFailures: 5,
  failureWindowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
};

export interface AuthServiceDeps {
  database: Database;
  auth: AuthRepository;
  users: UsersService;
  organisations: OrganisationsService;
  tokens: TokensService;
  audit: AuditService;
  hasher: PasswordHasher;
  totp: Totp;
  keys: KeysService;
  clock: Clock;
  ids: Ids;
  settings: AuthSettings;
}

export interface LoginInput {
  email: string;
  password: string;
  totp?: string | undefined;
  /** The organisation to act for; the first membership when absent. */
  orgId?: string | undefined;
}

/** Everything the web app needs to know about a signed-in session. */
export interface SessionDescription {
  user: User;
  actor: UserActor;
  session: Session;
  memberships: Array<{ membership: Membership; organisation: Organisation }>;
}

/** A signed-in session as the HTTP layer needs it. `secret` goes in the cookie and nowhere else. */
export interface SignedIn {
  secret: string;
  session: Session;
  actor: UserActor;
}

const invalidCredentials = 'The e-mail address or password is not correct.';

/** Sign-in, sessions, TOTP and the resolution of credentials into actors. */
export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: AuthServiceDeps) {}

  /**
   * Signs a person in. Unknown e-mail, wrong password and disabled account all answer alike, in about
   * the same time (a dummy hash is verified when there is no account). Five failures in fifteen
   * minutes lock the e-mail for fifteen minutes, whether or not an account has it.
   */
  async login(ctx: Context, input: LoginInput): Promise<SignedIn> {
    const email = input.email.trim().toLowerCase();
    const keyHash = hashSecret(`login:${email}`);
    const event = { action: 'auth.login', resourceType: 'session', orgId: null };
    await this.claimAttempt(ctx, keyHash, event);
    const user = await this.deps.users.findForSignIn(email);
    const passwordOk = await this.deps.hasher.verify(
      user?.passwordHash ?? (await this.getDummyHash()),
      input.password,
    );
    if (!user || !passwordOk || user.disabledAt) {
      return this.fail(ctx, { ...event, resourceId: user?.id ?? null }, invalidCredentials);
    }
    const account = user;
    const mfa = await this.checkSecondFactor(ctx, account, input.totp, event);
    await this.deps.auth.clearThrottle(keyHash);
    if (this.deps.hasher.needsRehash(account.passwordHash)) {
      await this.deps.users.updateAccount(account.id, {
        passwordHash: await this.deps.hasher.hash(input.password),
      });
    }
    const memberships = await this.deps.users.membershipsOf(account.id);
    const orgId = pickOrganisation(memberships, input.orgId);
    return this.startSession(ctx, account, orgId, mfa);
  }

  /** Ends the session whose cookie secret this is. */
  async logout(ctx: Context, secret: string): Promise<void> {
    const idHash = hashSecret(secret);
    await this.deps.database.transaction(async () => {
      await this.deps.auth.deleteSession(idHash);
      await this.deps.audit.record(ctx, { action: 'auth.logout', resourceType: 'session' });
    });
  }

  /**
   * The actor behind a session cookie, or undefined when the session is unknown, idle too long, too old,
   * or its account is disabled. Refreshes the idle timer at most once a minute.
   */
  async resolveSession(secret: string): Promise<{ actor: UserActor; session: Session } | undefined> {
    const idHash = hashSecret(secret);
    const session = await this.deps.auth.getSession(idHash);
    if (!session) return undefined;
    const now = this.deps.clock.now();
    const { sessionIdleMs, sessionAbsoluteMs } = this.deps.settings;
    const idle = now.getTime() - session.lastSeenAt.getTime() >= sessionIdleMs;
    const old = now.getTime() - session.createdAt.getTime() >= sessionAbsoluteMs;
    const account =
      idle || old ? undefined : await this.deps.users.accountWithMembership(session.userId, session.orgId);
    if (!account || account.user.disabledAt) {
      await this.deps.auth.deleteSession(idHash);
      return undefined;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      await this.deps.auth.updateSession(idHash, { lastSeenAt: now });
    }
    const { user, membership } = account;
    return { session, actor: toActor(user, membership, session.mfaVerified, { type: 'session' }) };
  }

  /** The actor behind an API token, or undefined when the token is not live or its membership is gone. */
  async resolveToken(secret: string): Promise<UserActor | undefined> {
    const found = await this.deps.tokens.authenticate(secret);
    const role = found?.holder.role;
    if (!found || found.holder.disabled || !role) return undefined;
    const { token, holder } = found;
    const user = { id: token.userId, isPlatformAdmin: holder.platformAdmin };
    return toActor(user, { orgId: token.orgId, role }, false, {
      type: 'token',
      tokenId: token.id,
    });
  }

  /** The signed-in user, their memberships with organisation names, and the session. */
  async describe(actor: UserActor, session: Session): Promise<SessionDescription> {
    const user = await this.deps.users.getAccount(actor.userId);
    if (!user) throw new AppError('unauthenticated', 'Sign in first.');
    const memberships = await this.deps.users.membershipsOf(user.id);
    const organisations = await this.deps.organisations.namesOf(memberships.map((m) => m.orgId));
    const named = memberships.flatMap((membership) => {
      const organisation = organisations.get(membership.orgId);
      return organisation ? [{ membership, organisation }] : [];
    });
    return { user, actor, session, memberships: named };
  }

  /**
   * Housekeeping: deletes sessions past their idle or absolute limit (they are refused anyway) and
   * sign-in counters whose window and lock have both passed.
   */
  async purgeExpiredSessions(): Promise<number> {
    const now = this.deps.clock.now().getTime();
    const { sessionIdleMs, sessionAbsoluteMs, failureWindowMs, lockoutMs } = this.deps.settings;
    await this.deps.auth.deleteStaleThrottles(
      new Date(now - Math.max(failureWindowMs, lockoutMs)),
      new Date(now),
    );
    return this.deps.auth.deleteExpiredSessions(
      new Date(now - sessionIdleMs),
      new Date(now - sessionAbsoluteMs),
    );
  }

  /** Makes the session act for another organisation the user belongs to. */
  async switchOrganisation(ctx: Context, secret: string, orgId: string): Promise<SessionDescription> {
    const actor = requireActor(ctx);
    const event = { action: 'auth.switch-organisation', resourceType: 'session', orgId };
    const membership =
      actor.kind === 'user' ? await this.deps.users.membership(actor.userId, orgId) : undefined;
    await this.deps.audit.enforce(ctx, membership !== undefined && can(actor, 'switch-organisation'), event, {
      hide: true,
      message: 'No such organisation among yours.',
    });
    const user = actor.kind === 'user' ? await this.deps.users.getAccount(actor.userId) : undefined;
    if (!user || actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first.');
    const idHash = hashSecret(secret);
    await this.deps.database.transaction(async () => {
      await this.deps.auth.updateSession(idHash, { orgId });
      await this.deps.audit.record(ctx, event);
    });
    const session = await this.deps.auth.getSession(idHash);
    if (!session) throw new AppError('unauthenticated', 'Sign in first.');
    return this.describe(toActor(user, membership, actor.mfa, actor.via), session);
  }

  /** Starts TOTP enrolment: a new secret, kept sealed until a code from it is confirmed. */
  async startTotpEnrolment(ctx: Context, password: string): Promise<{ secret: string; uri: string }> {
    const user = await this.sessionUser(ctx, 'totp.enrol');
    if (user.totpEnabledAt) throw new AppError('conflict', 'Two-factor authentication is set up already.');
    await this.confirmPassword(
      ctx,
      user,
      password,
      { action: 'totp.enrol', resourceType: 'user', resourceId: user.id },
      'password',
    );
    const secret = this.deps.totp.newSecret();
    const sealed = await this.deps.keys.seal('platform', Buffer.from(secret), `totp:${user.id}`);
    await this.deps.database.transaction(async () => {
      await this.deps.users.updateAccount(user.id, { totpSecretSealed: sealed, totpLastStep: null });
      await this.deps.audit.record(ctx, { action: 'totp.enrol', resourceType: 'user', resourceId: user.id });
    });
    return { secret, uri: this.deps.totp.enrolmentUri(secret, user.email) };
  }

  /** Finishes enrolment with a code from the new secret; the session counts as TOTP-verified from now. */
  async confirmTotpEnrolment(ctx: Context, sessionSecret: string, code: string): Promise<void> {
    const user = await this.sessionUser(ctx, 'totp.confirm');
    if (user.totpEnabledAt) throw new AppError('conflict', 'Two-factor authentication is set up already.');
    if (!user.totpSecretSealed) throw new AppError('conflict', 'Start the set-up first.');
    const secret = (
      await this.deps.keys.open('platform', user.totpSecretSealed, `totp:${user.id}`)
    ).toString();
    const check = await this.deps.totp.check(secret, code, this.deps.clock.now(), user.totpLastStep);
    const event = { action: 'totp.confirm', resourceType: 'user', resourceId: user.id };
    if (
      !check.valid ||
      check.step === undefined ||
      !(await this.deps.users.claimTotpStep(user.id, check.step))
    ) {
      await this.deps.audit.recordOutside(ctx, event, 'failure', 'invalid_code');
      throw invalidCode();
    }
    await this.deps.database.transaction(async () => {
      await this.deps.users.updateAccount(user.id, { totpEnabledAt: this.deps.clock.now() });
      await this.deps.auth.updateSession(hashSecret(sessionSecret), { mfaVerified: true });
      await this.deps.audit.record(ctx, event);
    });
  }

  /** Changes the signed-in user's password and ends their other sessions. */
  async changePassword(ctx: Context, sessionSecret: string, current: string, next: string): Promise<void> {
    const user = await this.sessionUser(ctx, 'auth.change-password');
    const event = { action: 'auth.change-password', resourceType: 'user', resourceId: user.id };
    await this.confirmPassword(ctx, user, current, event, 'currentPassword');
    const passwordHash = await this.deps.hasher.hash(next);
    await this.deps.database.transaction(async () => {
      await this.deps.users.updateAccount(user.id, { passwordHash });
      await this.deps.auth.deleteSessionsOfUser(user.id, hashSecret(sessionSecret));
      await this.deps.audit.record(ctx, event);
    });
  }

  /**
   * Asks a signed-in person for their password again before a sensitive change (a new password, a new
   * second factor), so a stolen session alone cannot make it. Attempts count towards the sign-in lockout.
   */
  private async confirmPassword(
    ctx: Context,
    user: User,
    password: string,
    event: AuditEvent,
    field: string,
  ): Promise<void> {
    const keyHash = hashSecret(`login:${user.email}`);
    await this.claimAttempt(ctx, keyHash, event);
    if (!(await this.deps.hasher.verify(user.passwordHash, password))) {
      await this.deps.audit.recordOutside(ctx, event, 'failure', 'invalid_credentials');
      throw new AppError('invalid_credentials', 'The password is not correct.', {
        issues: [{ path: field, code: 'invalid', message: 'The password is not correct.' }],
      });
    }
    await this.deps.auth.clearThrottle(keyHash);
  }

  /** The account of the signed-in session user, and a refusal for tokens and operators. */
  private async sessionUser(ctx: Context, action: string): Promise<User> {
    const actor = requireActor(ctx);
    const allowed = actor.kind === 'user' && can(actor, 'manage-own-credentials');
    await this.deps.audit.enforce(
      ctx,
      allowed,
      { action, resourceType: 'user' },
      {
        message: 'Sign in with your password (not an API token) to change your credentials.',
      },
    );
    const user = actor.kind === 'user' ? await this.deps.users.getAccount(actor.userId) : undefined;
    if (!user) throw new AppError('unauthenticated', 'Sign in first.');
    return user;
  }

  private async startSession(
    ctx: Context,
    user: User,
    orgId: string | null,
    mfa: boolean,
  ): Promise<SignedIn> {
    const now = this.deps.clock.now();
    const secret = this.deps.ids.secret(32);
    const session: Session = {
      idHash: hashSecret(secret),
      userId: user.id,
      orgId,
      mfaVerified: mfa,
      csrfToken: this.deps.ids.secret(32),
      createdAt: now,
      lastSeenAt: now,
    };
    const membership = orgId ? await this.deps.users.membership(user.id, orgId) : undefined;
    const actor = toActor(user, membership, mfa, { type: 'session' });
    await this.deps.database.transaction(async () => {
      await this.deps.auth.insertSession(session);
      await this.deps.audit.record(
        { ...ctx, actor },
        {
          action: 'auth.login',
          resourceType: 'session',
          resourceId: user.id,
          orgId,
          details: { mfa },
        },
      );
    });
    return { secret, session, actor };
  }

  /** True when a TOTP code was checked; throws `mfa_required` when one is needed and missing. */
  private async checkSecondFactor(
    ctx: Context,
    user: User,
    code: string | undefined,
    event: AuditEvent,
  ): Promise<boolean> {
    if (!user.totpEnabledAt || !user.totpSecretSealed) return false;
    if (!code) {
      // The password was right: worth knowing when it was not the account's owner who typed it.
      await this.deps.audit.recordOutside(ctx, { ...event, resourceId: user.id }, 'failure', 'mfa_required');
      throw new AppError('mfa_required', 'Enter the code from your authenticator app.');
    }
    const secret = (
      await this.deps.keys.open('platform', user.totpSecretSealed, `totp:${user.id}`)
    ).toString();
    const check = await this.deps.totp.check(secret, code, this.deps.clock.now(), user.totpLastStep);
    if (
      !check.valid ||
      check.step === undefined ||
      !(await this.deps.users.claimTotpStep(user.id, check.step))
    ) {
      return this.fail(
        ctx,
        { ...event, resourceId: user.id },
        'The code from your authenticator app is not valid.',
      );
    }
    return true;
  }

  /**
   * Counts this attempt before any password is checked, atomically, so attempts sent at once are counted
   * at once: the first `maxFailures` in the window are checked, every later one is refused (429) until
   * the lock ends. A success clears the count.
   */
  private async claimAttempt(ctx: Context, keyHash: string, event: AuditEvent): Promise<void> {
    const now = this.deps.clock.now();
    const { maxFailures, failureWindowMs, lockoutMs } = this.deps.settings;
    const state = await this.deps.auth.getThrottle(keyHash);
    const lockedUntil =
      state?.lockedUntil && state.lockedUntil > now
        ? state.lockedUntil
        : await this.countAttempt(keyHash, now, failureWindowMs, maxFailures, lockoutMs);
    if (lockedUntil) {
      await this.deps.audit.recordOutside(ctx, event, 'denied', 'locked');
      throw locked(lockedUntil, now);
    }
  }

  /** Counts one attempt; returns the end of the lock when this attempt is one too many. */
  private async countAttempt(
    keyHash: string,
    now: Date,
    windowMs: number,
    maxFailures: number,
    lockoutMs: number,
  ): Promise<Date | undefined> {
    const counted = await this.deps.auth.recordFailure({
      keyHash,
      now,
      windowStart: new Date(now.getTime() - windowMs),
      maxFailures: maxFailures + 1,
      lockUntil: new Date(now.getTime() + lockoutMs),
    });
    return counted.failures > maxFailures
      ? (counted.lockedUntil ?? new Date(now.getTime() + lockoutMs))
      : undefined;
  }

  /** Records a failed attempt (already counted) and throws. */
  private async fail(
    ctx: Context,
    event: AuditEvent,
    message: string,
    reason = 'invalid_credentials',
  ): Promise<never> {
    await this.deps.audit.recordOutside(ctx, event, 'failure', reason);
    throw new AppError('invalid_credentials', message);
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= this.deps.hasher.hash(this.deps.ids.secret(16));
    return this.dummyHash;
  }
}

function pickOrganisation(memberships: Membership[], wanted: string | undefined): string | null {
  const chosen = memberships.find((m) => m.orgId === wanted) ?? memberships[0];
  return chosen?.orgId ?? null;
}

function toActor(
  user: Pick<User, 'id' | 'isPlatformAdmin'>,
  membership: Pick<Membership, 'orgId' | 'role'> | undefined,
  mfa: boolean,
  via: UserActor['via'],
): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    orgId: membership?.orgId ?? null,
    role: membership?.role ?? null,
    platformAdmin: user.isPlatformAdmin,
    mfa,
    via,
  };
}

function invalidCode(): AppError {
  return new AppError(
    'invalid_credentials',
    'The code is not valid. Check the time on your phone and try again.',
    {
      issues: [{ path: 'code', code: 'invalid', message: 'The code is not valid.' }],
    },
  );
}

function locked(until: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('too_many_requests', 'Too many failed sign-ins. Wait a few minutes and try again.', {
    retryAfterSeconds,
  });
}
