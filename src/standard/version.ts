/** The version of the Coral Data Standard (semantic versioning: a removed or renamed field or code is major). */
export const standardVersion = '1.0.0';

/** What changed in each version, newest first. */
export const standardChangelog: ReadonlyArray<{ version: string; date: string; changes: readonly string[] }> =
  [
    {
      version: '1.0.0',
      date: '2026-11-29',
      changes: [
        'First version: trafficking cases, smuggling incidents, suspects and offenders, criminal proceedings.',
        'Aligned with HTCDS 2.0 (every picklist value mapped) and the CTDC global k-anonymised dataset layout (63 columns).',
        'Smuggling incidents follow the variable families of UNODC’s Voluntary Reporting System on Migrant Smuggling.',
        'Labels and help in English, Spanish, French and Dutch; JSON Schema 2020-12 for every record kind.',
      ],
    },
  ];
