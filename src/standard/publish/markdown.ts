import type { Codelist } from '../codelists/codelist.js';
import { countrySets } from '../codelists/countries.js';
import { cldrCodelists, codelists } from '../codelists/index.js';
import { entities } from '../entities/index.js';
import { type EntityDefinition, type FieldDefinition, type FieldType, walkFields } from '../field.js';
import { ctdcColumns } from '../mappings/ctdc.js';
import { glotipFormCategories } from '../mappings/glotip.js';
import { htcdsFields } from '../mappings/htcds.js';
import { problemMessages } from '../validation/messages.js';
import { ruleProblems } from '../validation/rules.js';
import { standardChangelog, standardVersion } from '../version.js';

/** Describes a field's type in a few words. */
export function describeType(type: FieldType): string {
  switch (type.kind) {
    case 'text':
      return type.multiline ? `long text (≤${type.maxLength})` : `text (≤${type.maxLength})`;
    case 'integer':
      return `whole number ${type.min}–${type.max}`;
    case 'decimal':
      return `number ≥ ${type.min}`;
    case 'boolean':
      return 'yes/no';
    case 'date':
      return 'date';
    case 'code':
      return `code: [${type.codelist.id}](#codelist-${type.codelist.id})`;
    case 'codes':
      return `codes: [${type.codelist.id}](#codelist-${type.codelist.id})`;
    case 'flags':
      return `flags: [${type.codelist.id}](#codelist-${type.codelist.id})`;
    case 'reference':
      return `link to ${type.entity}`;
    case 'references':
      return `links to ${type.entity}`;
    case 'group':
      return 'group';
    case 'list':
      return `list (≤${type.maxItems})`;
  }
}

const cell = (text: string | undefined) => (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function fieldRows(fields: readonly FieldDefinition[]): string[] {
  const rows: string[] = [];
  walkFields(fields, (field, path) => {
    rows.push(
      `| \`${path}\` | ${cell(field.label.en)} | ${cell(describeType(field.type))} | ${field.required ? 'yes' : ''} | ${field.sensitivity} | ${cell(field.htcds)} | ${cell(field.ctdc)} | ${cell(field.help.en)} |`,
    );
  });
  return rows;
}

function entitySection(entity: EntityDefinition): string[] {
  const lines = [`## ${entity.label.en} (\`${entity.id}\`)`, '', entity.help.en, ''];
  for (const section of entity.sections) {
    lines.push(`### ${section.label.en}`, '');
    lines.push(
      '| Field | Label | Type | Required | Sensitivity | HTCDS | CTDC | Help |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    lines.push(...fieldRows(section.fields), '');
  }
  const rules = ruleProblems[entity.id];
  if (rules.length > 0) {
    lines.push('### Rules across fields', '', '| Problem | Severity | Message |', '| --- | --- | --- |');
    for (const { code, severity } of rules) {
      lines.push(
        `| \`${code}\` | ${severity} | ${cell(problemMessages[code].en.replace('{field}: ', ''))} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

function codelistSection(list: Codelist): string[] {
  const lines = [
    `### <a id="codelist-${list.id}"></a>${list.labels.en} (\`${list.id}\`)`,
    '',
    `Source: ${list.source}.`,
    '',
  ];
  if (cldrCodelists.has(list.id)) {
    lines.push(
      `Codes: ${list.entries.map((e) => `\`${e.code}\``).join(' ')}`,
      '',
      'Names in each language come from CLDR at run time.',
      '',
    );
    return lines;
  }
  lines.push(
    '| Code | English | Español | Français | Nederlands | HTCDS | CTDC |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const e of list.entries) {
    const ctdc = e.ctdc ?? (e.ctdcExport ? `(as ${e.ctdcExport})` : '');
    lines.push(
      `| \`${e.code}\` | ${cell(e.labels.en)} | ${cell(e.labels.es)} | ${cell(e.labels.fr)} | ${cell(e.labels.nl)} | ${cell(e.htcds)} | ${cell(ctdc)} |`,
    );
  }
  lines.push('');
  return lines;
}

/**
 * The standard as Markdown: what `docs/standard.md` holds. Generated, never edited by hand; a test
 * checks the committed file is current.
 */
export function renderStandardMarkdown(): string {
  const lines: string[] = [
    `# The Coral Data Standard, version ${standardVersion}`,
    '',
    '> Generated from `src/standard` by `npm run docs:standard`. Do not edit by hand.',
    '',
    'The Coral Data Standard describes the records a counter-trafficking and counter-smuggling data hub keeps:',
    'trafficking cases (the person, identification, recruitment, control, exploitation, consent, referral),',
    'smuggling-of-migrants incidents (after the variable families of UNODC’s Voluntary Reporting System on',
    'Migrant Smuggling), suspects and offenders, and criminal proceedings. It is aligned with IOM’s Human',
    'Trafficking Case Data Standard (HTCDS) 2.0 and with the layout of the CTDC global k-anonymised dataset, and',
    'it reports in the shape of UNODC’s Global Report on Trafficking in Persons. One definition drives',
    'validation, forms, import, export, the JSON Schemas (`GET /api/v1/standard`,',
    '`coral standard export --format json-schema`), presenters, encryption and statistics.',
    '',
    '## Conventions',
    '',
    '- Records are JSON objects. A field left out is unknown; an empty string is not accepted in its place.',
    '- Codes are stable identifiers (HTCDS value names where HTCDS has one); labels exist in English, Spanish,',
    '  French and Dutch. Countries are ISO 3166-1 alpha-2, languages ISO 639, currencies ISO 4217.',
    '- Dates are `YYYY-MM-DD`, real calendar days from 1900 to 2100.',
    '- **Flags** hold yes, no or not recorded for each code: `{ "DebtBondage": true, "Other": false }`; a code',
    '  left out was not recorded, which is not the same as `false` (as in CTDC, where an empty cell is not 0).',
    '- Sensitivity: `identifying` fields (names, birth dates, documents, contacts, addresses, free text) are',
    '  encrypted at rest and shown only to roles that need them; `quasi-identifying` fields (sex, age,',
    '  citizenship, dates, places) leave an organisation only through disclosure control; `plain` fields',
    '  describe the case, not the person.',
    '- Validation reports every problem with its path, code, severity (errors block saving; warnings inform)',
    '  and a message in the reader’s language, and never repeats the value given.',
    '',
  ];
  for (const entity of Object.values(entities)) lines.push(...entitySection(entity));
  lines.push('## Codelists', '');
  for (const list of Object.values(codelists)) lines.push(...codelistSection(list));
  lines.push('### Country sets', '', '| Set | Codes |', '| --- | --- |');
  for (const [name, codes] of Object.entries(countrySets)) lines.push(`| ${name} | ${codes.join(' ')} |`);
  lines.push('', ...mappingSections(), ...fileSections(), ...linkageSection(), '## Changelog', '');
  for (const release of standardChangelog) {
    lines.push(
      `### ${release.version} (${release.date})`,
      '',
      ...release.changes.map((change) => `- ${change}`),
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * How a person of the standard is encoded for privacy-preserving record linkage (the schema itself is in
 * `src/linkage/coral-person-schema.ts`; `coral link schema` prints it).
 */
function linkageSection(): string[] {
  return [
    '## Record linkage',
    '',
    'Organisations of different countries find records of one person without sending names: each encodes',
    'its persons as Bloom-filter CLKs (a linkage schema v3, as clkhash and anonlink use) under a secret the',
    'parties agree among themselves, and only the encodings are compared (Dice similarity). A victim’s case is',
    'encoded only when its latest `RecordLinkage` consent is `Given`; suspects’ records rest on the',
    'law-enforcement purpose instead. Coral’s person schema (`coral link schema`) encodes, from the person',
    'fields of this standard:',
    '',
    '| Feature | From | Encoded as | Bits inserted |',
    '| --- | --- | --- | --- |',
    '| `names` | given and family names | every name token, folded (below), in alphabetical order; bigrams | 170 |',
    '| `givenName` | given names | the first given name, folded; bigrams | 80 |',
    '| `familyName` | family names | the family names, folded, in alphabetical order; bigrams | 100 |',
    '| `birthYear` | `birthDate` | the four digits of the year, positional unigrams | 60 |',
    '| `birthMonthDay` | `birthDate` | `MMDD`, positional unigrams | 60 |',
    '| `sex` | `gender` | the code, exact | 20 |',
    '| `citizenship` | `citizenships` | the first code, exact | 25 |',
    '',
    'Keyed BLAKE2b, 1024-bit filters; a missing value inserts nothing. Why:',
    '',
    '- **Names across languages.** Clerks in the region write one person’s name differently: accents',
    '  (José / Jose), particles (María de la Cruz / Maria Cruz, Van der Berg / Berg), the order of Spanish',
    '  double surnames, given and family names swapped between systems, and spellings between French and',
    '  Haitian Creole (Joseph / Jozèf, Marie / Mari, Pierre / Pyè) or Dutch and Papiamento (ij / y). Names',
    '  are therefore folded before encoding: diacritics removed, lower case, particles (de, del, la, van,',
    '  der, du, da, …) and initials dropped, `ç`→s, `ph`→f, `ij`→y, `y`→i, `z`→s, `k`→c, `qu`→c, `w`→v, `h`',
    '  dropped, double letters single, a final `e` after two letters dropped. Sorting the tokens makes the',
    '  encoding blind to order; the first given name and the family names are encoded again on their own so',
    '  that a swap still costs something.',
    '- **Birth date.** Split into year and month-and-day with positional digits: one mistyped digit, or day',
    '  and month swapped, still shares most tokens.',
    '- **Sex and citizenship** rarely differ between records of one person and cheaply separate people with',
    '  similar names.',
    '- **Weights.** About 515 insertions fill some 40% of the 1,024 bits, where unrelated people score',
    '  around 0.5 and spellings of one person above 0.8, the default threshold.',
    '',
    'A party that encodes outside Coral uses `coral link encode --schema coral-person` on a spreadsheet with',
    'the columns `id`, `givenNames`, `familyNames`, `birthDate`, `gender` and `citizenship`; the encodings are',
    'identical to those Coral makes from its own records. A project refuses encodings made under another',
    'secret by comparing a one-way fingerprint of it (scrypt), never the secret.',
    '',
  ];
}

/** How records travel as files: Coral CSV and Coral JSON Lines (what `coral export` writes and import reads). */
function fileSections(): string[] {
  return [
    '## Files',
    '',
    '### Coral CSV',
    '',
    'One record per row, UTF-8 with a byte-order mark (so Excel reads it as UTF-8), comma-separated, RFC 4180',
    'quoting, CRLF line ends. The first two columns are `id` (Coral’s id of the record; empty for a new one)',
    'and `externalId` (the source’s own id of the record). Then one column per field of the kind, in the',
    'order of this standard:',
    '',
    '- fields inside a group are named by their path: `victim.gender`, `incomingReferral.date`;',
    '- a **flags** field has one column per code, named `path.CODE` (`meansOfControl.DebtBondage`), holding',
    '  `true`, `false` or nothing (not recorded);',
    '- a **codes** field holds its codes separated by `;` (`VE;TT`); a **list** field (journey, consents,',
    '  referrals, documents) holds its entries as a JSON array;',
    '- dates are `YYYY-MM-DD` (import also reads `31/01/2024`, `01/31/2024` with `--date-order MDY`, and',
    '  Excel date serials); numbers use a full stop for decimals;',
    '- codes may be written as the code or as its label in any of the four languages.',
    '',
    'Exports without identifying fields leave their columns out. Every cell that would start with `=`, `+`,',
    '`-`, `@`, a tab or a carriage return is written with a leading apostrophe, so no spreadsheet runs it as',
    'a formula; plain numbers, negative ones included, are left alone.',
    '',
    '### Coral JSON Lines',
    '',
    'One JSON object per line, UTF-8: `{ "id": …, "externalId": …, "record": { … } }`, where `record` is a',
    'record of this standard exactly as the API takes it. `id` and `externalId` may be left out.',
    '',
    '### Importing: matching and idempotence',
    '',
    'A row is matched to a record by its Coral `id` when it has one, otherwise by (source, external id):',
    'the source is the name the importer gives the file’s origin (by default the format, or the name of the',
    'column mapping). Matched records are updated (a JSON merge of the row into the record), others created;',
    'the strategy `create` only creates and `update` only updates. Importing the same file twice changes',
    'nothing; a CTDC file, which has no record ids, is recognised by its content and not imported twice.',
    'Two rows of one file with the same id are refused. A file’s rows are stored all or none.',
    '',
  ];
}

function mappingSections(): string[] {
  const lines = ['## Mappings', '', '### HTCDS 2.0', ''];
  lines.push(
    'Both ways. Picklist cells may hold HTCDS value names or the labels the official Excel templates use;',
    'multi-select values are separated by `;` (or spaces, as XLSForm writes them). HTCDS holds one identity',
    'number, outgoing referral, journey stage and support plan: they are the first entry of Coral’s lists.',
    '',
    '| HTCDS field | Coral field |',
    '| --- | --- |',
  );
  for (const entityId of ['thbCase', 'offender'] as const) {
    for (const f of htcdsFields(entityId)) lines.push(`| \`${f.name}\` | \`${entityId}.${f.path}\` |`);
  }
  lines.push('', '### CTDC global k-anonymised dataset', '');
  lines.push(
    'Both ways. Semicolon-separated, 64 columns, a notice in the first header cell. Flags keep three states',
    '(1, 0, empty); the `*Concatenated` columns, `RecruiterRelationship` and `isSexAndLabour` repeat what the',
    'flags hold and are derived again on export. Age bands are derived from a birth date or age when needed.',
    '',
    `Columns: ${ctdcColumns
      .slice(1)
      .map((c) => `\`${c}\``)
      .join(', ')}.`,
    '',
    '### UNODC GLOTIP',
    '',
    'One way: Coral aggregates (already through disclosure control) become rows of Country, Indicator,',
    'Dimension, Category, Sex, Age, Year and value. Forms of exploitation map to GLOTIP categories:',
    '',
    '| Coral form | GLOTIP category |',
    '| --- | --- |',
    ...Object.entries(glotipFormCategories).map(([code, category]) => `| \`${code}\` | ${category} |`),
    '',
  );
  return lines;
}
