import type { Database } from '../../db/database.js';

export interface Organisation {
  id: string;
  name: string;
  type: string;
  country: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Organisations' only door to the database. Organisations are platform-level, not tenant-owned. */
export class OrganisationsRepository {
  constructor(private readonly database: Database) {}

  async getById(id: string): Promise<Organisation | undefined> {
    const row = await this.database.executor
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toOrganisation(row);
  }

  /** Exact name, ignoring case. */
  async findByName(name: string): Promise<Organisation | undefined> {
    const row = await this.database.executor
      .selectFrom('organisations')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .executeTakeFirst();
    return row && toOrganisation(row);
  }

  async list(ids?: readonly string[]): Promise<Organisation[]> {
    if (ids?.length === 0) return [];
    let query = this.database.executor.selectFrom('organisations').selectAll().orderBy('name');
    if (ids) query = query.where('id', 'in', ids);
    return (await query.execute()).map(toOrganisation);
  }

  async insert(organisation: Organisation): Promise<void> {
    await this.database.executor
      .insertInto('organisations')
      .values({
        id: organisation.id,
        name: organisation.name,
        type: organisation.type,
        country: organisation.country,
        created_at: organisation.createdAt,
        updated_at: organisation.updatedAt,
      })
      .execute();
  }

  async update(
    id: string,
    changes: Partial<Pick<Organisation, 'name' | 'type' | 'country'>>,
    at: Date,
  ): Promise<void> {
    await this.database.executor
      .updateTable('organisations')
      .set({ ...changes, updated_at: at })
      .where('id', '=', id)
      .execute();
  }
}

function toOrganisation(row: {
  id: string;
  name: string;
  type: string;
  country: string;
  created_at: Date | string;
  updated_at: Date | string;
}): Organisation {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    country: row.country,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
