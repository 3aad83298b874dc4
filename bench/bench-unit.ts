/**
 * What the benchmark servers share: Coral on the scratch database named by BENCH_DATABASE_URL, migrated,
 * with one organisation and one member of it holding an API token.
 */
import { randomBytes } from 'node:crypto';
import { createServices } from '../src/app.js';
import { createKeyring } from '../src/crypto/keyring.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openPostgresStorage } from '../src/db/postgres/postgres-storage.js';
import { type OrganisationRole, operatorContext } from '../src/platform/actor.js';
import { createLogger } from '../src/platform/logger.js';
import type { OrganisationType } from '../src/standard/codelists/organisation-types.js';

/**
 * Opens Coral on the benchmark's database with an organisation and a member of it in `role`.
 *
 * @example
 * const { services, org, token } = await benchUnit('analyst', 'CentralGovernmentOrganisation');
 */
export async function benchUnit(role: OrganisationRole, type: OrganisationType) {
  const database = openPostgresStorage({ url: process.env.BENCH_DATABASE_URL ?? '', maxConnections: 10 });
  const report = await migrateToLatest(database.executor);
  if (!report.ok) throw new Error(report.error);
  const logger = createLogger({ level: 'silent' });
  const keyring = createKeyring([randomBytes(32)]);
  const services = createServices({ database, keyring, logger });
  await services.system.bindMasterKey(keyring);
  const operator = operatorContext('bench');
  const org = await services.organisations.create(operator, {
    name: `Bench unit ${Date.now()}`,
    type,
    country: 'TT',
  });
  const { user } = await services.users.addMember(operator, {
    orgId: org.id,
    email: `bench-${Date.now()}@bench.example`,
    displayName: `Bench ${role}`,
    preferredLanguage: 'en',
    role,
    password: 'bench password 123',
  });
  const { secret: token } = await services.tokens.create(operator, {
    name: 'bench',
    expiresInDays: 1,
    userId: user.id,
    orgId: org.id,
  });
  return { database, keyring, logger, services, operator, org, token };
}
