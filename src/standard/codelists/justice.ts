import { type Codelist, entry, labels } from './codelist.js';

const other = labels('Other', 'Otro', 'Autre', 'Anders');

/** What a suspect or offender did, in Coral's words. */
export const offenderRoles = {
  id: 'offender-role',
  labels: labels('Role', 'Función', 'Rôle', 'Rol'),
  source: 'Coral (after UNODC GLOTIP and VRS-SoM)',
  entries: [
    entry('Recruiter', labels('Recruiter', 'Captador', 'Recruteur', 'Werver')),
    entry('Transporter', labels('Transporter', 'Transportista', 'Transporteur', 'Vervoerder')),
    entry('Exploiter', labels('Exploiter', 'Explotador', 'Exploiteur', 'Uitbuiter')),
    entry('Smuggler', labels('Smuggler', 'Traficante de migrantes', 'Passeur', 'Smokkelaar')),
    entry(
      'Facilitator',
      labels(
        'Facilitator (documents, lodging, corruption)',
        'Facilitador (documentos, alojamiento, corrupción)',
        'Facilitateur (documents, hébergement, corruption)',
        'Facilitator (documenten, onderdak, corruptie)',
      ),
    ),
    entry('Financier', labels('Financier', 'Financista', 'Financeur', 'Financier')),
    entry('Other', other),
  ],
} as const satisfies Codelist;

/** Roles in the trafficking process: HTCDS 2.0 `per_RoleInProcess`. */
export const htcdsPerpetratorRoles = {
  id: 'htcds-perpetrator-role',
  labels: labels(
    'Role in the process (HTCDS)',
    'Función en el proceso (HTCDS)',
    'Rôle dans le processus (HTCDS)',
    'Rol in het proces (HTCDS)',
  ),
  source: 'HTCDS 2.0 per_RoleInProcess',
  entries: [
    entry(
      'TravellingPartner',
      labels('Travelling partner', 'Compañero de viaje', 'Compagnon de voyage', 'Reisgenoot'),
      { htcds: 'TravellingPartner', htcdsLabel: 'Travelling Partner' },
    ),
    entry('Transporter', labels('Transporter', 'Transportista', 'Transporteur', 'Vervoerder'), {
      htcds: 'Transporter',
    }),
    entry(
      'RecruiterOrIntermediary',
      labels(
        'Recruiter or intermediary',
        'Captador o intermediario',
        'Recruteur ou intermédiaire',
        'Werver of tussenpersoon',
      ),
      { htcds: 'RecruiterOrIntermediary', htcdsLabel: 'Recruiter Or Intermediary' },
    ),
    entry(
      'BrokerTravelAgent',
      labels(
        'Broker or travel agent',
        'Intermediario o agente de viajes',
        'Courtier ou agent de voyage',
        'Bemiddelaar of reisagent',
      ),
      { htcds: 'BrokerTravelAgent', htcdsLabel: 'Broker Travel Agent' },
    ),
    entry(
      'TransferredIndividual',
      labels(
        'Transferred the person',
        'Trasladó a la persona',
        'A transféré la personne',
        'Heeft de persoon overgebracht',
      ),
      { htcds: 'TransferredIndividual', htcdsLabel: 'Transferred Individual' },
    ),
    entry(
      'HarbouredIndividual',
      labels(
        'Harboured the person',
        'Acogió a la persona',
        'A hébergé la personne',
        'Heeft de persoon gehuisvest',
      ),
      { htcds: 'HarbouredIndividual', htcdsLabel: 'Harboured Individual' },
    ),
    entry(
      'SoldIndividual',
      labels('Sold the person', 'Vendió a la persona', 'A vendu la personne', 'Heeft de persoon verkocht'),
      { htcds: 'SoldIndividual', htcdsLabel: 'Sold Individual' },
    ),
    entry(
      'BoughtIndividual',
      labels('Bought the person', 'Compró a la persona', 'A acheté la personne', 'Heeft de persoon gekocht'),
      { htcds: 'BoughtIndividual', htcdsLabel: 'Bought Individual' },
    ),
    entry(
      'ReceivedIndividual',
      labels(
        'Received the person',
        'Recibió a la persona',
        'A reçu la personne',
        'Heeft de persoon ontvangen',
      ),
      { htcds: 'ReceivedIndividual', htcdsLabel: 'Received Individual' },
    ),
    entry(
      'ControlledIndividual',
      labels(
        'Controlled the person',
        'Controló a la persona',
        'A contrôlé la personne',
        'Heeft de persoon gecontroleerd',
      ),
      { htcds: 'ControlledIndividual', htcdsLabel: 'Controlled Individual' },
    ),
    entry('Smuggler', labels('Smuggler', 'Traficante de migrantes', 'Passeur', 'Smokkelaar'), {
      htcds: 'Smuggler',
    }),
    entry('Abuser', labels('Abuser', 'Abusador', 'Agresseur', 'Misbruiker'), { htcds: 'Abuser' }),
    entry('Kidnapper', labels('Kidnapper', 'Secuestrador', 'Ravisseur', 'Ontvoerder'), {
      htcds: 'Kidnapper',
    }),
    entry('Exploiter', labels('Exploiter', 'Explotador', 'Exploiteur', 'Uitbuiter'), { htcds: 'Exploiter' }),
    entry('Other', other, { htcds: 'Other' }),
  ],
} as const satisfies Codelist;

/** Where a suspect or offender stands in the justice process. */
export const offenderStatuses = {
  id: 'offender-status',
  labels: labels(
    'Status in the justice process',
    'Situación procesal',
    'Situation judiciaire',
    'Status in het strafproces',
  ),
  source: 'UNODC GLOTIP (persons brought into contact, prosecuted, convicted)',
  entries: [
    entry('Suspected', labels('Suspected', 'Sospechoso', 'Suspect', 'Verdachte')),
    entry('Arrested', labels('Arrested', 'Detenido', 'Arrêté', 'Aangehouden')),
    entry('Prosecuted', labels('Prosecuted', 'Procesado', 'Poursuivi', 'Vervolgd')),
    entry('Convicted', labels('Convicted', 'Condenado', 'Condamné', 'Veroordeeld')),
    entry('Acquitted', labels('Acquitted', 'Absuelto', 'Acquitté', 'Vrijgesproken')),
    entry('NotProsecuted', labels('Not prosecuted', 'No procesado', 'Non poursuivi', 'Niet vervolgd')),
    entry('AtLarge', labels('At large', 'Prófugo', 'En fuite', 'Voortvluchtig')),
  ],
} as const satisfies Codelist;

/** Offences a proceeding is about. */
export const offenceTypes = {
  id: 'offence-type',
  labels: labels('Offence', 'Delito', 'Infraction', 'Strafbaar feit'),
  source: 'UNODC GLOTIP; Coral',
  entries: [
    entry(
      'TraffickingInPersons',
      labels('Trafficking in persons', 'Trata de personas', 'Traite des personnes', 'Mensenhandel'),
    ),
    entry(
      'SmugglingOfMigrants',
      labels(
        'Smuggling of migrants',
        'Tráfico ilícito de migrantes',
        'Trafic illicite de migrants',
        'Mensensmokkel',
      ),
    ),
    entry(
      'DocumentFraud',
      labels('Document fraud', 'Fraude documental', 'Fraude documentaire', 'Documentfraude'),
    ),
    entry(
      'MoneyLaundering',
      labels('Money laundering', 'Blanqueo de capitales', 'Blanchiment d’argent', 'Witwassen'),
    ),
    entry('SexualOffence', labels('Sexual offence', 'Delito sexual', 'Infraction sexuelle', 'Zedendelict')),
    entry(
      'LabourOffence',
      labels(
        'Labour law offence',
        'Infracción laboral',
        'Infraction au droit du travail',
        'Overtreding arbeidswet',
      ),
    ),
    entry('Corruption', labels('Corruption', 'Corrupción', 'Corruption', 'Corruptie')),
    entry('Other', other),
  ],
} as const satisfies Codelist;

/** The furthest stage a proceeding has reached. */
export const proceedingStages = {
  id: 'proceeding-stage',
  labels: labels('Stage', 'Etapa', 'Étape', 'Fase'),
  source: 'UNODC GLOTIP',
  entries: [
    entry('Investigation', labels('Investigation', 'Investigación', 'Enquête', 'Opsporingsonderzoek')),
    entry('Prosecution', labels('Prosecution', 'Acusación', 'Poursuites', 'Vervolging')),
    entry('Trial', labels('Trial', 'Juicio', 'Procès', 'Berechting')),
    entry(
      'Decided',
      labels(
        'Decided at first instance',
        'Sentencia de primera instancia',
        'Jugé en première instance',
        'Uitspraak in eerste aanleg',
      ),
    ),
    entry('Appeal', labels('On appeal', 'En apelación', 'En appel', 'In hoger beroep')),
    entry('Closed', labels('Closed', 'Cerrado', 'Clos', 'Afgesloten')),
  ],
} as const satisfies Codelist;

/** How an investigation ended. */
export const investigationOutcomes = {
  id: 'investigation-outcome',
  labels: labels(
    'Outcome of investigation',
    'Resultado de la investigación',
    "Issue de l'enquête",
    'Uitkomst van het onderzoek',
  ),
  source: 'Coral',
  entries: [
    entry('Ongoing', labels('Ongoing', 'En curso', 'En cours', 'Loopt')),
    entry(
      'ReferredForProsecution',
      labels(
        'Referred for prosecution',
        'Remitida a la fiscalía',
        'Transmise au parquet',
        'Overgedragen voor vervolging',
      ),
    ),
    entry(
      'ClosedInsufficientEvidence',
      labels(
        'Closed: insufficient evidence',
        'Archivada: pruebas insuficientes',
        'Classée : preuves insuffisantes',
        'Gesloten: onvoldoende bewijs',
      ),
    ),
    entry(
      'ClosedOther',
      labels(
        'Closed for another reason',
        'Archivada por otro motivo',
        'Classée pour un autre motif',
        'Gesloten om een andere reden',
      ),
    ),
  ],
} as const satisfies Codelist;

/** Decisions of a court. */
export const courtOutcomes = {
  id: 'court-outcome',
  labels: labels('Court decision', 'Decisión judicial', 'Décision du tribunal', 'Rechterlijke beslissing'),
  source: 'UNODC GLOTIP',
  entries: [
    entry('Conviction', labels('Conviction', 'Condena', 'Condamnation', 'Veroordeling')),
    entry(
      'ConvictionLesserOffence',
      labels(
        'Conviction for a lesser offence',
        'Condena por un delito menor',
        'Condamnation pour une infraction moindre',
        'Veroordeling voor een lichter feit',
      ),
    ),
    entry('Acquittal', labels('Acquittal', 'Absolución', 'Acquittement', 'Vrijspraak')),
    entry('Dismissed', labels('Case dismissed', 'Sobreseimiento', 'Non-lieu', 'Zaak geseponeerd')),
    entry('Other', other),
  ],
} as const satisfies Codelist;

/** Kinds of sentence. */
export const sentenceTypes = {
  id: 'sentence-type',
  labels: labels('Sentence', 'Pena', 'Peine', 'Straf'),
  source: 'UNODC GLOTIP',
  entries: [
    entry('Imprisonment', labels('Imprisonment', 'Prisión', "Peine d'emprisonnement", 'Gevangenisstraf')),
    entry(
      'SuspendedImprisonment',
      labels(
        'Suspended imprisonment',
        'Prisión en suspenso',
        'Emprisonnement avec sursis',
        'Voorwaardelijke gevangenisstraf',
      ),
    ),
    entry('Fine', labels('Fine', 'Multa', 'Amende', 'Geldboete')),
    entry(
      'CommunityService',
      labels('Community service', 'Trabajo comunitario', "Travail d'intérêt général", 'Taakstraf'),
    ),
    entry(
      'CompensationOrder',
      labels(
        'Compensation to victims',
        'Indemnización a las víctimas',
        'Indemnisation des victimes',
        'Schadevergoeding aan slachtoffers',
      ),
    ),
    entry('Deportation', labels('Deportation', 'Expulsión', 'Expulsion', 'Uitzetting')),
    entry('Other', other),
  ],
} as const satisfies Codelist;
