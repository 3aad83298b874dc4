import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Context } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Ids } from '../../platform/ids.js';
import { type AuditService, requireActor } from '../audit/audit.service.js';
import { can } from './organisations.policy.js';
import type { Organisation, OrganisationsRepository } from './organisations.repository.js';
import type { CreateOrganisationInput, UpdateOrganisationInput } from './organisations.schema.js';

export interface OrganisationsServiceDeps {
  database: Database;
  organisations: OrganisationsRepository;
  audit: AuditService;
  clock: Clock;
  ids: Ids;
}

const adminOnly = 'Only platform administrators who signed in with two-factor authentication may do this.';

/** Organisations: the tenants of Coral. */
export class OrganisationsService {
  constructor(private readonly deps: OrganisationsServiceDeps) {}

  async create(ctx: Context, input: CreateOrganisationInput): Promise<Organisation> {
    const actor = requireActor(ctx);
    const event = { action: 'organisation.create', resourceType: 'organisation', orgId: null };
    await this.deps.audit.enforce(ctx, can(actor, 'create'), event, { message: adminOnly });
    const now = this.deps.clock.now();
    const organisation: Organisation = { id: this.deps.ids.uuid(), ...input, createdAt: now, updatedAt: now };
    await this.deps.database.transaction(async () => {
      await this.insertUnique(organisation);
      await this.deps.audit.record(ctx, { ...event, resourceId: organisation.id, orgId: organisation.id });
    });
    return organisation;
  }

  /** An organisation the actor may see; 404 for any other, whether or not it exists. */
  async get(ctx: Context, id: string): Promise<Organisation> {
    const actor = requireActor(ctx);
    const event = { action: 'organisation.read', resourceType: 'organisation', resourceId: id, orgId: id };
    await this.deps.audit.enforce(ctx, can(actor, 'read', { id }), event, { hide: true });
    const organisation = await this.deps.organisations.getById(id);
    if (!organisation) throw new AppError('not_found', 'No such organisation.');
    return organisation;
  }

  /** Every organisation for platform administrators; otherwise the one the actor acts for. */
  async list(ctx: Context): Promise<Organisation[]> {
    const actor = requireActor(ctx);
    if (can(actor, 'list-all')) return this.deps.organisations.list();
    if (actor.kind === 'user' && actor.orgId) return this.deps.organisations.list([actor.orgId]);
    return [];
  }

  async update(ctx: Context, id: string, changes: UpdateOrganisationInput): Promise<Organisation> {
    const actor = requireActor(ctx);
    const event = {
      action: 'organisation.update',
      resourceType: 'organisation',
      resourceId: id,
      orgId: id,
      details: { fields: Object.keys(changes) },
    };
    const visible = can(actor, 'read', { id });
    await this.deps.audit.enforce(ctx, visible, event, { hide: true });
    await this.deps.audit.enforce(ctx, can(actor, 'update', { id }), event, {
      message: 'Only administrators who signed in with two-factor authentication may change an organisation.',
    });
    return this.deps.database.transaction(async () => {
      const existing = await this.deps.organisations.getById(id);
      if (!existing) throw new AppError('not_found', 'No such organisation.');
      if (changes.name !== undefined) await this.assertNameFree(changes.name, id);
      try {
        await this.deps.organisations.update(id, changes, this.deps.clock.now());
      } catch (error) {
        throw isUniqueViolation(error) ? nameTaken() : error;
      }
      await this.deps.audit.record(ctx, event);
      return { ...existing, ...changes, updatedAt: this.deps.clock.now() };
    });
  }

  /** Finds an organisation by id or exact name (for the CLI's `--org`). Operators only. */
  async resolve(ctx: Context, idOrName: string): Promise<Organisation> {
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(ctx, can(actor, 'list-all'), {
      action: 'organisation.read',
      resourceType: 'organisation',
    });
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
    const found = isUuid
      ? await this.deps.organisations.getById(idOrName)
      : await this.deps.organisations.findByName(idOrName);
    if (!found) throw new AppError('not_found', `No organisation with id or name "${idOrName}".`);
    return found;
  }

  /** Organisations by id, for other modules that show names beside memberships. Not an entry point. */
  async namesOf(ids: readonly string[]): Promise<Map<string, Organisation>> {
    const found = await this.deps.organisations.list(ids);
    return new Map(found.map((organisation) => [organisation.id, organisation]));
  }

  /**
   * Every organisation's id, name, type and country: the network's directory, for choosing partners
   * (a linkage project, a referral). Not an entry point: callers authorise; nothing in it is personal.
   */
  async directory(): Promise<Organisation[]> {
    return this.deps.organisations.list();
  }

  /** True when the organisation exists. Not an entry point: callers have authorised already. */
  async exists(id: string): Promise<boolean> {
    return (await this.deps.organisations.getById(id)) !== undefined;
  }

  private async insertUnique(organisation: Organisation): Promise<void> {
    await this.assertNameFree(organisation.name);
    try {
      await this.deps.organisations.insert(organisation);
    } catch (error) {
      throw isUniqueViolation(error) ? nameTaken() : error;
    }
  }

  private async assertNameFree(name: string, exceptId?: string): Promise<void> {
    const holder = await this.deps.organisations.findByName(name);
    if (holder && holder.id !== exceptId) throw nameTaken();
  }
}

function nameTaken(): AppError {
  return new AppError('conflict', 'An organisation with this name exists already.', {
    issues: [{ path: 'name', code: 'taken', message: 'An organisation with this name exists already.' }],
  });
}
