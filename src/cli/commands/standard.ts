import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { entities } from '../../standard/entities/index.js';
import { type EntityId, entityIds } from '../../standard/field.js';
import { renderStandardCsv } from '../../standard/publish/csv.js';
import { entityJsonSchema, standardDocument } from '../../standard/publish/json-schema.js';
import { renderStandardMarkdown } from '../../standard/publish/markdown.js';

interface ExportFlags {
  format: 'json-schema' | 'markdown' | 'csv';
  entity?: EntityId;
  out?: string;
}

/** `coral standard`: publish the Coral Data Standard. */
export function standardCommand(): Command {
  const standard = new Command('standard').description('the Coral Data Standard: fields, codelists, schemas');
  standard.addCommand(
    new Command('export')
      .description('write the standard as JSON Schema, Markdown or CSV')
      .addOption(
        new Option('--format <format>', 'output format')
          .choices(['json-schema', 'markdown', 'csv'])
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('--entity <entity>', 'one record kind only (JSON Schema and CSV)').choices([...entityIds]),
      )
      .option('--out <file>', 'write to a file instead of standard output')
      .action((flags: ExportFlags) => {
        const text = render(flags);
        if (flags.out) writeFileSync(flags.out, text);
        else process.stdout.write(text);
      }),
  );
  return standard;
}

function render(flags: ExportFlags): string {
  switch (flags.format) {
    case 'markdown':
      return renderStandardMarkdown();
    case 'csv':
      return renderStandardCsv(flags.entity ? [flags.entity] : (Object.keys(entities) as EntityId[]));
    case 'json-schema':
      return `${JSON.stringify(flags.entity ? entityJsonSchema(flags.entity) : standardDocument(), null, 2)}\n`;
  }
}
