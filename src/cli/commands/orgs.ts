import { Command, Option } from 'commander';
import { presentOrganisation } from '../../modules/organisations/organisations.presenter.js';
import { createOrganisationBody } from '../../modules/organisations/organisations.schema.js';
import { codesOf } from '../../standard/codelists/codelist.js';
import { organisationTypes } from '../../standard/codelists/organisation-types.js';
import { operator, parseWith, printJson, printTable, withRuntime, withStorageFlags } from '../cli-context.js';

/** `coral orgs`: register and list organisations. */
export function orgsCommand(): Command {
  const orgs = new Command('orgs').description('organisations (the tenants of Coral)');
  orgs.addCommand(
    withStorageFlags(new Command('create'))
      .description('register an organisation and print its id')
      .requiredOption('--name <name>', 'its name, unique on the platform')
      .addOption(
        new Option('--type <type>', 'organisation type')
          .choices(codesOf(organisationTypes))
          .makeOptionMandatory(),
      )
      .requiredOption('--country <CC>', 'ISO 3166-1 alpha-2 country code, e.g. TT')
      .option('--json', 'print the organisation as JSON')
      .action(
        async (flags: { name: string; type: string; country: string; data?: string; json?: boolean }) => {
          const input = parseWith(createOrganisationBody, {
            name: flags.name,
            type: flags.type,
            country: flags.country.toUpperCase(),
          });
          const created = await withRuntime(flags, 'coral orgs create', ({ services }) =>
            services.organisations.create(operator(), input),
          );
          if (flags.json) printJson(presentOrganisation(created));
          else process.stdout.write(`${created.id}\n`);
        },
      ),
  );
  orgs.addCommand(
    withStorageFlags(new Command('list'))
      .description('list organisations')
      .option('--json', 'print JSON')
      .action(async (flags: { data?: string; json?: boolean }) => {
        const list = await withRuntime(flags, 'coral orgs list', ({ services }) =>
          services.organisations.list(operator()),
        );
        if (flags.json) printJson(list.map(presentOrganisation));
        else
          printTable(
            ['ID', 'COUNTRY', 'TYPE', 'NAME'],
            list.map((o) => [o.id, o.country, o.type, o.name]),
          );
      }),
  );
  return orgs;
}
