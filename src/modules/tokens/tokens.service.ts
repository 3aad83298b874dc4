import { hashSecret } from '../../crypto/secrets.js';
import type { Database } from '../../db/database.js';
import type { Context } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Ids } from '../../platform/ids.js';
import { type AuditService, requireActor } from '../audit/audit.service.js';
import type { UsersService } from '../users/users.service.js';
import type { ResolvedToken, TokenCache } from './token-cache.js';
import { can } from './tokens.policy.js';
import type { ApiToken, TokensRepository } from './tokens.repository.js';

export interface TokensServiceDeps {
  database: Database;
  tokens: TokensRepository;
  users: UsersService;
  audit: AuditService;
  clock: Clock;
  ids: Ids;
  cache: TokenCache;
}

export interface CreateTokenRequest {
  name: string;
  expiresInDays: number;
  /** Operators name the user and organisation; a signed-in user always gets their own, for the org they act for. */
  userId?: string;
  orgId?: string;
}

/** Every Coral API token starts with this, so secret scanners and people can recognise one. */
export const tokenPrefix = 'coral_';

/** API tokens for machine clients: one user, one organisation, stored hashed, revocable. */
export class TokensService {
  constructor(private readonly deps: TokensServiceDeps) {}

  /** Makes a token and returns its secret, which is shown this once and never stored. */
  async create(ctx: Context, request: CreateTokenRequest): Promise<{ token: ApiToken; secret: string }> {
    const actor = requireActor(ctx);
    const userId = actor.kind === 'user' ? actor.userId : request.userId;
    const orgId = actor.kind === 'user' ? actor.orgId : request.orgId;
    if (!userId || !orgId)
      throw new AppError('bad_request', 'Act for an organisation to make a token for it.');
    const event = { action: 'token.create', resourceType: 'api_token', orgId };
    await this.deps.audit.enforce(ctx, can(actor, 'create', { userId, orgId }), event, {
      message: 'Sign in (not with a token) and act for the organisation to make a token for it.',
    });
    if (!(await this.deps.users.membership(userId, orgId))) {
      throw new AppError('not_found', 'This user is not a member of the organisation.');
    }
    const now = this.deps.clock.now();
    const secret = `${tokenPrefix}${this.deps.ids.secret(32)}`;
    const token: ApiToken = {
      id: this.deps.ids.uuid(),
      userId,
      orgId,
      name: request.name,
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, tokenPrefix.length + 6),
      createdAt: now,
      expiresAt: new Date(now.getTime() + request.expiresInDays * 86_400_000),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.deps.database.transaction(async () => {
      await this.deps.tokens.insert(token);
      await this.deps.audit.record(ctx, { ...event, resourceId: token.id, details: { userId } });
    });
    return { token, secret };
  }

  /** The actor's own tokens; administrators see every token of their organisation. */
  async list(ctx: Context): Promise<ApiToken[]> {
    const actor = requireActor(ctx);
    if (actor.kind !== 'user' || !actor.orgId) return [];
    const all = can(actor, 'list-all', { userId: actor.userId, orgId: actor.orgId });
    return this.deps.tokens.listByOrg(actor.orgId, all ? undefined : actor.userId);
  }

  async revoke(ctx: Context, id: string): Promise<void> {
    const actor = requireActor(ctx);
    const orgId = actor.kind === 'user' ? actor.orgId : null;
    const event = { action: 'token.revoke', resourceType: 'api_token', resourceId: id, orgId };
    const token = orgId ? await this.deps.tokens.getById(orgId, id) : undefined;
    await this.deps.audit.enforce(ctx, token !== undefined && can(actor, 'revoke', token), event, {
      hide: true,
    });
    await this.deps.database.transaction(async () => {
      await this.deps.tokens.revoke(orgId ?? '', id, this.deps.clock.now());
      await this.deps.audit.record(ctx, event);
      await this.deps.cache.forgetAll(this.deps.database);
    });
  }

  /**
   * The live token a secret belongs to, or undefined (unknown, revoked or expired). Marks it used at most
   * once a minute. Not an entry point: the HTTP layer calls it to authenticate a request.
   */
  async authenticate(secret: string): Promise<ResolvedToken | undefined> {
    if (!secret.startsWith(tokenPrefix)) return undefined;
    const hash = hashSecret(secret);
    const now = this.deps.clock.now();
    const live = (found: ResolvedToken) =>
      !found.token.revokedAt && !(found.token.expiresAt && found.token.expiresAt <= now);
    const cached = this.deps.cache.get(hash, now.getTime());
    if (cached) return live(cached) ? cached : undefined;
    const generation = this.deps.cache.generation;
    const read = await this.deps.tokens.findByHash(hash);
    if (!read || !live(read)) return undefined;
    let found = read;
    if (!read.token.lastUsedAt || now.getTime() - read.token.lastUsedAt.getTime() > 60_000) {
      await this.deps.tokens.touch(read.token.id, now);
      found = { ...read, token: { ...read.token, lastUsedAt: now } };
    }
    if (!found.holder.disabled && found.holder.role !== null) {
      this.deps.cache.set(hash, found, now.getTime(), generation);
    }
    return found;
  }
}
