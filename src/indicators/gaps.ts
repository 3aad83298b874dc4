import { labels as L } from '../standard/codelists/codelist.js';
import { entities } from '../standard/entities/index.js';
import { type EntityId, type FieldDefinition, fieldsOf } from '../standard/field.js';
import type { Labels } from '../standard/languages.js';

/**
 * The data-gap assessment: how complete, timely and specific an organisation's records are, and which
 * disaggregations the SDG and GCM indicators ask for can be produced from them.
 */

/** HTCDS 2.0 fields marked "Core" in the HTCDS Field Standards 2.0 (not deprecated). */
export const htcdsCoreFields = new Set([
  'cas_Status',
  'cas_ReasonForCaseClosure',
  'cas_ReasonForIncomingReferral',
  'cas_ReasonForOutgoingReferral',
  'cas_ReferringOrganisation',
  'cas_ReferredOrganisation',
  'cas_IncomingReferralDate',
  'cas_OutgoingReferralDate',
  'con_Consent',
  'prs_Gender',
  'prs_Citizenship',
  'prs_MailingCountry',
  'prs_Title',
  'prs_Salutation',
  'vic_TraffickingStatus',
  'vic_TraffickingStatusDecisionMakingOrg',
  'vic_MethodOfRecruitment',
  'vic_MethodsOfControl',
  'vic_TypeOfExploitation',
  'vic_ForcedLabourIndustry',
  'vic_TypeOfSexExploitation',
]);

/** A field the assessment looks at. Identifying fields are never looked at: statistics need none. */
export interface AssessedField {
  path: string;
  label: Labels;
  htcds?: string;
  core: boolean;
}

/**
 * The fields of a kind that statistics can use: every field that is not identifying, inside groups
 * too; a repeated list counts as one field (filled when it has an entry). HTCDS core fields first.
 *
 * @example
 * assessedFields('thbCase')[0]?.core; // → true
 */
export function assessedFields(kind: EntityId): AssessedField[] {
  const fields: AssessedField[] = [];
  const visit = (list: readonly FieldDefinition[], prefix: string) => {
    for (const field of list) {
      const path = prefix ? `${prefix}.${field.id}` : field.id;
      if (field.type.kind === 'group') {
        visit(field.type.fields, path);
        continue;
      }
      if (
        field.sensitivity === 'identifying' ||
        field.type.kind === 'reference' ||
        field.type.kind === 'references'
      ) {
        continue;
      }
      fields.push({
        path,
        label: field.label,
        ...(field.htcds ? { htcds: field.htcds } : {}),
        core: field.htcds !== undefined && htcdsCoreFields.has(field.htcds),
      });
    }
  };
  visit(fieldsOf(entities[kind]), '');
  return [...fields.filter((f) => f.core), ...fields.filter((f) => !f.core)];
}

/** A breakdown an international indicator asks for, and the fields it needs (any one of each group). */
export interface Disaggregation {
  id: string;
  framework: string;
  label: Labels;
  kind: EntityId;
  needs: ReadonlyArray<readonly string[]>;
}

export const disaggregations: readonly Disaggregation[] = [
  {
    id: 'sdg-16.2.2-sex',
    framework: 'SDG 16.2.2',
    label: L('Victims by sex', 'Víctimas por sexo', 'Victimes par sexe', 'Slachtoffers naar geslacht'),
    kind: 'thbCase',
    needs: [['victim.gender'], ['identificationDate', 'identificationYear']],
  },
  {
    id: 'sdg-16.2.2-age',
    framework: 'SDG 16.2.2',
    label: L('Victims by age', 'Víctimas por edad', 'Victimes par âge', 'Slachtoffers naar leeftijd'),
    kind: 'thbCase',
    needs: [
      ['victim.ageBand', 'victim.majorityStatus', 'victim.estimatedAge'],
      ['identificationDate', 'identificationYear'],
    ],
  },
  {
    id: 'sdg-16.2.2-form',
    framework: 'SDG 16.2.2',
    label: L(
      'Victims by form of exploitation',
      'Víctimas por forma de explotación',
      "Victimes par forme d'exploitation",
      'Slachtoffers naar vorm van uitbuiting',
    ),
    kind: 'thbCase',
    needs: [['formsOfExploitation'], ['identificationDate', 'identificationYear']],
  },
  {
    id: 'sdg-8.7-industry',
    framework: 'SDG 8.7',
    label: L(
      'Forced labour by industry',
      'Trabajo forzoso por sector',
      'Travail forcé par secteur',
      'Dwangarbeid naar bedrijfstak',
    ),
    kind: 'thbCase',
    needs: [['formsOfExploitation'], ['labourIndustry', 'labourSectors']],
  },
  {
    id: 'sdg-5.2-sexual',
    framework: 'SDG 5.2',
    label: L(
      'Women and girls in sexual exploitation',
      'Mujeres y niñas en explotación sexual',
      'Femmes et filles en exploitation sexuelle',
      'Vrouwen en meisjes in seksuele uitbuiting',
    ),
    kind: 'thbCase',
    needs: [
      ['victim.gender'],
      ['victim.ageBand', 'victim.majorityStatus', 'victim.estimatedAge'],
      ['formsOfExploitation'],
    ],
  },
  {
    id: 'gcm-10-citizenship',
    framework: 'GCM objective 10',
    label: L(
      'Victims by citizenship and country of exploitation',
      'Víctimas por nacionalidad y país de explotación',
      "Victimes par nationalité et pays d'exploitation",
      'Slachtoffers naar nationaliteit en land van uitbuiting',
    ),
    kind: 'thbCase',
    needs: [['victim.citizenships'], ['exploitationCountry']],
  },
  {
    id: 'gcm-10-recruitment',
    framework: 'GCM objective 10',
    label: L(
      'Victims by recruiter and means of control',
      'Víctimas por captador y medios de control',
      'Victimes par recruteur et moyens de contrôle',
      'Slachtoffers naar werver en controlemiddelen',
    ),
    kind: 'thbCase',
    needs: [['recruiterRelationship'], ['meansOfControl']],
  },
  {
    id: 'gcm-9-migrants',
    framework: 'GCM objective 9',
    label: L(
      'Smuggled migrants by sex, age and citizenship',
      'Migrantes objeto de tráfico por sexo, edad y nacionalidad',
      'Migrants objet de trafic par sexe, âge et nationalité',
      'Gesmokkelde migranten naar geslacht, leeftijd en nationaliteit',
    ),
    kind: 'somIncident',
    needs: [['migrantGroups'], ['detectionDate']],
  },
  {
    id: 'gcm-9-routes',
    framework: 'GCM objective 9',
    label: L(
      'Smuggling routes and modes of transport',
      'Rutas y medios de transporte del tráfico',
      'Itinéraires et moyens de transport du trafic',
      'Smokkelroutes en vervoerswijzen',
    ),
    kind: 'somIncident',
    needs: [['originCountry'], ['intendedDestinationCountry'], ['transportModes']],
  },
  {
    id: 'gcm-8-deaths',
    framework: 'GCM objectives 8 and 9',
    label: L(
      'Deaths and missing migrants',
      'Migrantes muertos y desaparecidos',
      'Migrants morts et disparus',
      'Overleden en vermiste migranten',
    ),
    kind: 'somIncident',
    needs: [['deaths'], ['missing']],
  },
];

/** Counts for one kind and period, as the repository returns them. */
export interface CompletenessCounts {
  kind: EntityId;
  records: number;
  fields: readonly AssessedField[];
  filled: readonly number[];
  unknown: readonly number[];
  medianLagDays: number | null;
}

export interface FieldAssessment extends AssessedField {
  /** Share of records with the field filled in (0..1); null when there are no records. */
  completeness: number | null;
  /** Share of records where it says "unknown". */
  unknownShare: number | null;
}

export type Producible = 'yes' | 'partly' | 'no';

export interface DisaggregationAssessment {
  id: string;
  framework: string;
  label: Labels;
  /** The smallest share of records known for any field it needs. */
  coverage: number | null;
  producible: Producible;
}

export interface Recommendation {
  code: 'no-records' | 'fill-core-field' | 'reduce-unknown' | 'enter-sooner' | 'enable-disaggregation';
  field?: string;
  disaggregation?: string;
  message: Labels;
}

export interface KindAssessment {
  kind: EntityId;
  records: number;
  medianLagDays: number | null;
  fields: FieldAssessment[];
  disaggregations: DisaggregationAssessment[];
  recommendations: Recommendation[];
}

/** A disaggregation is produced when at least this share of records know what it needs. */
export const producibleShare = 0.8;
/** ...and partly produced (with a large "unknown") above this share. */
export const partlyShare = 0.5;
/** Records entered more than this many days after identification delay the statistics. */
export const timelyDays = 90;

/**
 * Assesses one kind of record from its completeness counts.
 *
 * @example
 * const assessment = assessKind(counts);
 * assessment.disaggregations.filter((d) => d.producible === 'no');
 */
export function assessKind(counts: CompletenessCounts): KindAssessment {
  const share = (n: number) => (counts.records === 0 ? null : n / counts.records);
  const fields = counts.fields.map((field, i) => ({
    ...field,
    completeness: share(counts.filled[i] ?? 0),
    unknownShare: share(counts.unknown[i] ?? 0),
  }));
  const known = new Map(
    fields.map((f) => [f.path, f.completeness === null ? null : f.completeness - (f.unknownShare ?? 0)]),
  );
  const assessed = disaggregations
    .filter((d) => d.kind === counts.kind)
    .map((d) => {
      const coverages = d.needs.map((alternatives) =>
        Math.max(...alternatives.map((p) => known.get(p) ?? 0)),
      );
      const coverage = counts.records === 0 ? null : Math.min(...coverages);
      const producible: Producible =
        coverage === null || coverage < partlyShare ? 'no' : coverage < producibleShare ? 'partly' : 'yes';
      return { id: d.id, framework: d.framework, label: d.label, coverage, producible };
    });
  return {
    kind: counts.kind,
    records: counts.records,
    medianLagDays: counts.medianLagDays,
    fields,
    disaggregations: assessed,
    recommendations: recommend(counts, fields, assessed),
  };
}

function recommend(
  counts: CompletenessCounts,
  fields: readonly FieldAssessment[],
  assessed: readonly DisaggregationAssessment[],
): Recommendation[] {
  const kindLabel = entities[counts.kind].label;
  if (counts.records === 0) {
    return [
      {
        code: 'no-records',
        message: L(
          `No ${kindLabel.en.toLowerCase()} records in this period: enter or import them, or choose another period.`,
          `No hay registros de tipo «${kindLabel.es}» en este periodo: regístrelos o impórtelos, o elija otro periodo.`,
          `Aucun dossier « ${kindLabel.fr} » sur cette période : saisissez-les ou importez-les, ou choisissez une autre période.`,
          `Geen dossiers "${kindLabel.nl}" in deze periode: voer ze in of importeer ze, of kies een andere periode.`,
        ),
      },
    ];
  }
  const out: Recommendation[] = [];
  for (const d of assessed) {
    if (d.producible === 'yes') continue;
    const percent = Math.round((d.coverage ?? 0) * 100);
    out.push({
      code: 'enable-disaggregation',
      disaggregation: d.id,
      message: L(
        `${d.framework} — ${d.label.en}: only ${percent}% of records have what it needs. Record the missing fields at intake.`,
        `${d.framework} — ${d.label.es}: solo el ${percent}% de los registros tiene lo necesario. Registre los campos que faltan al inicio.`,
        `${d.framework} — ${d.label.fr} : seuls ${percent} % des dossiers ont ce qu'il faut. Saisissez les champs manquants dès l'accueil.`,
        `${d.framework} — ${d.label.nl}: slechts ${percent}% van de dossiers heeft wat nodig is. Leg de ontbrekende velden vast bij intake.`,
      ),
    });
  }
  for (const f of fields) {
    if (f.core && (f.completeness ?? 0) < producibleShare) {
      const percent = Math.round((f.completeness ?? 0) * 100);
      out.push({
        code: 'fill-core-field',
        field: f.path,
        message: L(
          `"${f.label.en}" (HTCDS core field ${f.htcds}) is filled in for ${percent}% of records; aim for at least ${producibleShare * 100}%.`,
          `«${f.label.es}» (campo básico HTCDS ${f.htcds}) está completo en el ${percent}% de los registros; apunte al ${producibleShare * 100}% como mínimo.`,
          `« ${f.label.fr} » (champ essentiel HTCDS ${f.htcds}) est rempli pour ${percent} % des dossiers ; visez au moins ${producibleShare * 100} %.`,
          `"${f.label.nl}" (HTCDS-kernveld ${f.htcds}) is ingevuld bij ${percent}% van de dossiers; streef naar minstens ${producibleShare * 100}%.`,
        ),
      });
    }
    if ((f.unknownShare ?? 0) > 0.2) {
      const percent = Math.round((f.unknownShare ?? 0) * 100);
      out.push({
        code: 'reduce-unknown',
        field: f.path,
        message: L(
          `"${f.label.en}" says "unknown" in ${percent}% of records: ask again at follow-up, or explain why it cannot be known.`,
          `«${f.label.es}» dice «desconocido» en el ${percent}% de los registros: vuelva a preguntar en el seguimiento o explique por qué no se sabe.`,
          `« ${f.label.fr} » indique « inconnu » dans ${percent} % des dossiers : redemandez lors du suivi ou expliquez pourquoi ce n'est pas connu.`,
          `"${f.label.nl}" staat op "onbekend" bij ${percent}% van de dossiers: vraag het opnieuw bij de opvolging of leg uit waarom het niet bekend is.`,
        ),
      });
    }
  }
  if (counts.medianLagDays !== null && counts.medianLagDays > timelyDays) {
    const days = counts.medianLagDays;
    out.push({
      code: 'enter-sooner',
      message: L(
        `Records are entered a median of ${days} days after identification; enter them within ${timelyDays} days so annual figures are complete.`,
        `Los registros se introducen una mediana de ${days} días después de la identificación; introdúzcalos en ${timelyDays} días para que las cifras anuales estén completas.`,
        `Les dossiers sont saisis en médiane ${days} jours après l'identification ; saisissez-les sous ${timelyDays} jours pour des chiffres annuels complets.`,
        `Dossiers worden mediaan ${days} dagen na identificatie ingevoerd; voer ze binnen ${timelyDays} dagen in zodat de jaarcijfers volledig zijn.`,
      ),
    });
  }
  return out;
}

/** Codes that mean "not known" in the standard's codelists; a field holding one is filled but unknown. */
export const unknownCodes = ['Unknown', 'NonSpecifiedUnknown', 'NotKnown'];
