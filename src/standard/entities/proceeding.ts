import { labels as L } from '../codelists/codelist.js';
import {
  courtOutcomes,
  investigationOutcomes,
  offenceTypes,
  proceedingStages,
  sentenceTypes,
} from '../codelists/justice.js';
import { currencies } from '../codelists/reference.js';
import { agencyTypes } from '../codelists/som.js';
import { type EntityDefinition, type FieldDefinition, types } from '../field.js';

const investigationFields: readonly FieldDefinition[] = [
  {
    id: 'startDate',
    type: types.date(),
    label: L('Opened', 'Apertura', 'Ouverture', 'Geopend'),
    help: L(
      'When the investigation began.',
      'Cuándo empezó la investigación.',
      "Quand l'enquête a commencé.",
      'Wanneer het onderzoek begon.',
    ),
    sensitivity: 'quasi-identifying',
  },
  {
    id: 'agency',
    type: types.code(agencyTypes),
    label: L('Investigating agency', 'Organismo investigador', "Service d'enquête", 'Opsporingsinstantie'),
    help: L(
      'The kind of agency investigating.',
      'El tipo de organismo que investiga.',
      'Le type de service qui enquête.',
      'Het soort instantie dat onderzoekt.',
    ),
    sensitivity: 'plain',
  },
  {
    id: 'outcome',
    type: types.code(investigationOutcomes),
    label: L('Outcome', 'Resultado', 'Issue', 'Uitkomst'),
    help: L(
      'Ongoing, referred for prosecution, or closed.',
      'En curso, remitida a la fiscalía o archivada.',
      'En cours, transmise au parquet ou classée.',
      'Loopt, overgedragen voor vervolging of gesloten.',
    ),
    sensitivity: 'plain',
  },
  {
    id: 'endDate',
    type: types.date(),
    label: L('Closed', 'Cierre', 'Clôture', 'Gesloten'),
    help: L(
      'When the investigation ended.',
      'Cuándo terminó la investigación.',
      "Quand l'enquête a pris fin.",
      'Wanneer het onderzoek eindigde.',
    ),
    sensitivity: 'quasi-identifying',
  },
];

const prosecutionFields: readonly FieldDefinition[] = [
  {
    id: 'startDate',
    type: types.date(),
    label: L('Charges filed', 'Presentación de cargos', 'Mise en accusation', 'Tenlastelegging'),
    help: L(
      'When the prosecution began.',
      'Cuándo empezó la acusación.',
      'Quand les poursuites ont commencé.',
      'Wanneer de vervolging begon.',
    ),
    sensitivity: 'quasi-identifying',
  },
  {
    id: 'charges',
    type: types.codes(offenceTypes),
    label: L('Charges', 'Cargos', 'Chefs d’accusation', 'Tenlasteleggingen'),
    help: L(
      'Offences charged.',
      'Delitos imputados.',
      'Infractions reprochées.',
      'Ten laste gelegde feiten.',
    ),
    sensitivity: 'plain',
  },
];

const decisionFields: readonly FieldDefinition[] = [
  {
    id: 'date',
    type: types.date(),
    label: L('Date of decision', 'Fecha de la decisión', 'Date de la décision', 'Datum van de beslissing'),
    help: L(
      'When the court decided.',
      'Cuándo decidió el tribunal.',
      'Quand le tribunal a statué.',
      'Wanneer de rechter besliste.',
    ),
    sensitivity: 'quasi-identifying',
  },
  {
    id: 'outcome',
    type: types.code(courtOutcomes),
    label: L('Decision', 'Decisión', 'Décision', 'Beslissing'),
    help: L(
      'Conviction or acquittal.',
      'Condena o absolución.',
      'Condamnation ou acquittement.',
      'Veroordeling of vrijspraak.',
    ),
    required: true,
    sensitivity: 'plain',
    unodc: 'GLOTIP: persons convicted',
  },
  {
    id: 'court',
    type: types.text(200),
    label: L('Court', 'Tribunal', 'Juridiction', 'Rechtbank'),
    help: L('Name of the court.', 'Nombre del tribunal.', 'Nom de la juridiction.', 'Naam van de rechtbank.'),
    sensitivity: 'plain',
  },
  {
    id: 'appealed',
    type: types.boolean(),
    label: L('Appealed', 'Recurrida', 'Frappée d’appel', 'Hoger beroep ingesteld'),
    help: L(
      'Yes if the decision was appealed.',
      'Sí, si se recurrió la decisión.',
      'Oui si la décision a fait l’objet d’un appel.',
      'Ja als tegen de beslissing beroep is ingesteld.',
    ),
    sensitivity: 'plain',
  },
];

const sentenceFields: readonly FieldDefinition[] = [
  {
    id: 'types',
    type: types.codes(sentenceTypes),
    label: L('Sentence', 'Pena', 'Peine', 'Straf'),
    help: L(
      'Every part of the sentence.',
      'Todas las partes de la pena.',
      'Toutes les composantes de la peine.',
      'Alle onderdelen van de straf.',
    ),
    sensitivity: 'plain',
  },
  {
    id: 'imprisonmentMonths',
    type: types.integer(0, 1200),
    label: L(
      'Imprisonment (months)',
      'Prisión (meses)',
      'Emprisonnement (mois)',
      'Gevangenisstraf (maanden)',
    ),
    help: L(
      'Length of imprisonment imposed.',
      'Duración de la pena de prisión impuesta.',
      "Durée de l'emprisonnement prononcé.",
      'Duur van de opgelegde gevangenisstraf.',
    ),
    sensitivity: 'plain',
  },
  {
    id: 'fineAmount',
    type: types.decimal(0, 1e12),
    label: L('Fine', 'Multa', 'Amende', 'Geldboete'),
    help: L('Amount of the fine.', 'Importe de la multa.', "Montant de l'amende.", 'Bedrag van de boete.'),
    sensitivity: 'plain',
  },
  {
    id: 'compensationAmount',
    type: types.decimal(0, 1e12),
    label: L(
      'Compensation to victims',
      'Indemnización a las víctimas',
      'Indemnisation des victimes',
      'Schadevergoeding aan slachtoffers',
    ),
    help: L(
      'Amount ordered to be paid to victims.',
      'Importe que se ordenó pagar a las víctimas.',
      'Montant à verser aux victimes.',
      'Bedrag dat aan slachtoffers moet worden betaald.',
    ),
    sensitivity: 'plain',
  },
  {
    id: 'currency',
    type: types.code(currencies),
    label: L('Currency', 'Moneda', 'Devise', 'Valuta'),
    help: L(
      'Currency of the amounts.',
      'Moneda de los importes.',
      'Devise des montants.',
      'Valuta van de bedragen.',
    ),
    sensitivity: 'plain',
  },
];

const assetFields: readonly FieldDefinition[] = [
  {
    id: 'frozenValue',
    type: types.decimal(0, 1e12),
    label: L(
      'Value frozen or seized',
      'Valor congelado o incautado',
      'Valeur gelée ou saisie',
      'Bevroren of in beslag genomen waarde',
    ),
    help: L(
      'Assets frozen or seized during the proceeding.',
      'Bienes congelados o incautados durante el proceso.',
      'Avoirs gelés ou saisis pendant la procédure.',
      'Tijdens de procedure bevroren of in beslag genomen vermogen.',
    ),
    sensitivity: 'plain',
    unodc: 'GLOTIP: assets',
  },
  {
    id: 'confiscatedValue',
    type: types.decimal(0, 1e12),
    label: L('Value confiscated', 'Valor decomisado', 'Valeur confisquée', 'Verbeurdverklaarde waarde'),
    help: L(
      'Assets confiscated by final order.',
      'Bienes decomisados por resolución firme.',
      'Avoirs confisqués par décision définitive.',
      'Bij onherroepelijke beslissing verbeurdverklaard vermogen.',
    ),
    sensitivity: 'plain',
    unodc: 'GLOTIP: assets',
  },
  {
    id: 'currency',
    type: types.code(currencies),
    label: L('Currency', 'Moneda', 'Devise', 'Valuta'),
    help: L(
      'Currency of the values.',
      'Moneda de los valores.',
      'Devise des valeurs.',
      'Valuta van de waarden.',
    ),
    sensitivity: 'plain',
  },
];

/** A criminal-justice proceeding: investigation, prosecution, court decision, sentence and assets. */
export const proceeding: EntityDefinition = {
  id: 'proceeding',
  label: L('Criminal proceeding', 'Procedimiento penal', 'Procédure pénale', 'Strafzaak'),
  help: L(
    'The investigation, prosecution and trial of one or more suspects for trafficking, smuggling or related offences.',
    'La investigación, acusación y juicio de uno o más sospechosos por trata, tráfico o delitos conexos.',
    "L'enquête, les poursuites et le procès d'un ou plusieurs suspects pour traite, trafic ou infractions connexes.",
    'Het onderzoek, de vervolging en de berechting van een of meer verdachten van mensenhandel, smokkel of verwante feiten.',
  ),
  sections: [
    {
      id: 'proceeding',
      label: L('Proceeding', 'Procedimiento', 'Procédure', 'Zaak'),
      fields: [
        {
          id: 'proceedingReference',
          type: types.text(100),
          label: L('Reference', 'Referencia', 'Référence', 'Referentie'),
          help: L(
            'Case or docket number.',
            'Número de causa o expediente.',
            "Numéro d'affaire ou de rôle.",
            'Zaak- of parketnummer.',
          ),
          sensitivity: 'plain',
        },
        {
          id: 'offences',
          type: types.codes(offenceTypes),
          label: L('Offences', 'Delitos', 'Infractions', 'Strafbare feiten'),
          help: L(
            'What the proceeding is about.',
            'Sobre qué trata el procedimiento.',
            'Sur quoi porte la procédure.',
            'Waar de zaak over gaat.',
          ),
          required: true,
          sensitivity: 'plain',
          unodc: 'GLOTIP: offences',
        },
        {
          id: 'stage',
          type: types.code(proceedingStages),
          label: L('Stage', 'Etapa', 'Étape', 'Fase'),
          help: L(
            'The furthest stage reached.',
            'La etapa más avanzada alcanzada.',
            'L’étape la plus avancée atteinte.',
            'De verste fase die is bereikt.',
          ),
          required: true,
          sensitivity: 'plain',
        },
        {
          id: 'offenders',
          type: types.references('offender'),
          label: L(
            'Suspects and offenders',
            'Sospechosos y autores',
            'Suspects et auteurs',
            'Verdachten en daders',
          ),
          help: L(
            'People this proceeding is against.',
            'Personas contra las que se dirige el procedimiento.',
            'Personnes visées par la procédure.',
            'Personen tegen wie de zaak loopt.',
          ),
          sensitivity: 'plain',
        },
        {
          id: 'relatedCases',
          type: types.references('thbCase'),
          label: L(
            'Victims’ cases',
            'Casos de las víctimas',
            'Dossiers des victimes',
            'Zaken van slachtoffers',
          ),
          help: L(
            'Trafficking cases of the victims concerned.',
            'Casos de trata de las víctimas afectadas.',
            'Dossiers de traite des victimes concernées.',
            'Mensenhandelzaken van de betrokken slachtoffers.',
          ),
          sensitivity: 'plain',
        },
        {
          id: 'relatedIncidents',
          type: types.references('somIncident'),
          label: L(
            'Smuggling incidents',
            'Incidentes de tráfico',
            'Incidents de trafic',
            'Smokkelincidenten',
          ),
          help: L(
            'Incidents the proceeding concerns.',
            'Incidentes a los que se refiere el procedimiento.',
            'Incidents concernés par la procédure.',
            'Incidenten waar de zaak over gaat.',
          ),
          sensitivity: 'plain',
        },
      ],
    },
    {
      id: 'stages',
      label: L(
        'Investigation and trial',
        'Investigación y juicio',
        'Enquête et procès',
        'Onderzoek en berechting',
      ),
      fields: [
        {
          id: 'investigation',
          type: types.group(investigationFields),
          label: L('Investigation', 'Investigación', 'Enquête', 'Opsporingsonderzoek'),
          help: L(
            'The police or agency investigation.',
            'La investigación policial o de otro organismo.',
            "L'enquête de police ou d'un autre service.",
            'Het onderzoek van politie of een andere instantie.',
          ),
          sensitivity: 'quasi-identifying',
        },
        {
          id: 'prosecution',
          type: types.group(prosecutionFields),
          label: L('Prosecution', 'Acusación', 'Poursuites', 'Vervolging'),
          help: L(
            'Charges brought before a court.',
            'Cargos presentados ante un tribunal.',
            'Accusations portées devant une juridiction.',
            'Tenlasteleggingen voor de rechter.',
          ),
          sensitivity: 'quasi-identifying',
        },
        {
          id: 'decision',
          type: types.group(decisionFields),
          label: L('Court decision', 'Decisión judicial', 'Décision du tribunal', 'Rechterlijke beslissing'),
          help: L(
            'The first-instance decision.',
            'La decisión de primera instancia.',
            'La décision de première instance.',
            'De beslissing in eerste aanleg.',
          ),
          sensitivity: 'quasi-identifying',
        },
        {
          id: 'sentence',
          type: types.group(sentenceFields),
          label: L('Sentence', 'Pena', 'Peine', 'Straf'),
          help: L(
            'For a conviction.',
            'En caso de condena.',
            'En cas de condamnation.',
            'Bij een veroordeling.',
          ),
          sensitivity: 'plain',
        },
        {
          id: 'assets',
          type: types.group(assetFields),
          label: L('Assets', 'Bienes', 'Avoirs', 'Vermogen'),
          help: L(
            'Proceeds frozen, seized or confiscated.',
            'Productos congelados, incautados o decomisados.',
            'Produits gelés, saisis ou confisqués.',
            'Bevroren, in beslag genomen of verbeurdverklaarde opbrengsten.',
          ),
          sensitivity: 'plain',
        },
      ],
    },
  ],
};
