import { labels as L } from '../codelists/codelist.js';
import { htcdsPerpetratorRoles, offenderRoles, offenderStatuses } from '../codelists/justice.js';
import { type EntityDefinition, types } from '../field.js';
import { personFields } from './person.js';

/** A suspect or offender in trafficking or smuggling. */
export const offender: EntityDefinition = {
  id: 'offender',
  label: L('Suspect or offender', 'Sospechoso o autor', 'Suspect ou auteur', 'Verdachte of dader'),
  help: L(
    'A person suspected, accused or convicted of trafficking, smuggling or a related offence.',
    'Una persona sospechosa, acusada o condenada por trata, tráfico o un delito conexo.',
    'Une personne suspectée, accusée ou condamnée pour traite, trafic ou une infraction connexe.',
    'Een persoon die wordt verdacht, beschuldigd of veroordeeld voor mensenhandel, smokkel of een verwant feit.',
  ),
  sections: [
    {
      id: 'person',
      label: L('Person', 'Persona', 'Personne', 'Persoon'),
      fields: [
        {
          id: 'offenderReference',
          type: types.text(100),
          label: L('Reference', 'Referencia', 'Référence', 'Referentie'),
          help: L(
            "Your organisation's own number for this person.",
            'El número propio de su organización para esta persona.',
            'Le numéro propre à votre organisation pour cette personne.',
            'Het eigen nummer van uw organisatie voor deze persoon.',
          ),
          sensitivity: 'plain',
        },
        {
          id: 'person',
          type: types.group(personFields),
          label: L('Person', 'Persona', 'Personne', 'Persoon'),
          help: L(
            'Who the suspect or offender is.',
            'Quién es el sospechoso o autor.',
            'Qui est le suspect ou l’auteur.',
            'Wie de verdachte of dader is.',
          ),
          required: true,
          sensitivity: 'identifying',
        },
        {
          id: 'legalPerson',
          type: types.boolean(),
          label: L(
            'A company, not a person',
            'Una empresa, no una persona',
            'Une entreprise, pas une personne',
            'Een bedrijf, geen persoon',
          ),
          help: L(
            'Yes when the offender is a legal person (a company).',
            'Sí, si el autor es una persona jurídica (una empresa).',
            'Oui quand l’auteur est une personne morale (une entreprise).',
            'Ja als de dader een rechtspersoon (een bedrijf) is.',
          ),
          sensitivity: 'plain',
        },
      ],
    },
    {
      id: 'role',
      label: L('Role', 'Función', 'Rôle', 'Rol'),
      fields: [
        {
          id: 'roles',
          type: types.codes(offenderRoles),
          label: L('Role', 'Función', 'Rôle', 'Rol'),
          help: L(
            'What the person did: recruited, transported, exploited, smuggled…',
            'Qué hizo: captar, transportar, explotar, traficar…',
            'Ce qu’elle a fait : recruter, transporter, exploiter, faire passer…',
            'Wat de persoon deed: werven, vervoeren, uitbuiten, smokkelen…',
          ),
          sensitivity: 'plain',
          unodc: 'GLOTIP: role of offenders',
        },
        {
          id: 'htcdsRoles',
          type: types.codes(htcdsPerpetratorRoles),
          label: L(
            'Role in the process (HTCDS)',
            'Función en el proceso (HTCDS)',
            'Rôle dans le processus (HTCDS)',
            'Rol in het proces (HTCDS)',
          ),
          help: L(
            'The finer roles of the HTCDS standard.',
            'Las funciones detalladas de la norma HTCDS.',
            'Les rôles détaillés de la norme HTCDS.',
            'De fijnere rollen van de HTCDS-standaard.',
          ),
          sensitivity: 'plain',
          htcds: 'per_RoleInProcess',
        },
        {
          id: 'roleDetails',
          type: types.longText(4000),
          label: L('About the role', 'Sobre la función', 'À propos du rôle', 'Over de rol'),
          help: L(
            'Anything else about what the person did. Encrypted.',
            'Cualquier otra información sobre lo que hizo. Cifrado.',
            'Toute autre information sur ce qu’elle a fait. Chiffré.',
            'Verdere toelichting over wat de persoon deed. Versleuteld.',
          ),
          sensitivity: 'identifying',
          htcds: 'per_RoleDetails',
        },
        {
          id: 'status',
          type: types.code(offenderStatuses),
          label: L(
            'Status in the justice process',
            'Situación procesal',
            'Situation judiciaire',
            'Status in het strafproces',
          ),
          help: L(
            'How far the person has been taken through the justice process.',
            'Hasta dónde ha llegado el proceso para esta persona.',
            'Où en est la procédure pour cette personne.',
            'Hoe ver het strafproces voor deze persoon is gevorderd.',
          ),
          sensitivity: 'plain',
          unodc: 'GLOTIP: persons suspected, prosecuted, convicted',
        },
        {
          id: 'organisedCriminalGroup',
          type: types.boolean(),
          label: L(
            'Part of an organised criminal group',
            'Parte de un grupo delictivo organizado',
            "Membre d'un groupe criminel organisé",
            'Lid van een georganiseerde criminele groep',
          ),
          help: L(
            'As the UN Convention against Transnational Organized Crime defines it.',
            'Según la Convención de la ONU contra la Delincuencia Organizada Transnacional.',
            'Au sens de la Convention des Nations Unies contre la criminalité transnationale organisée.',
            'Zoals het VN-Verdrag tegen transnationale georganiseerde misdaad het omschrijft.',
          ),
          sensitivity: 'plain',
        },
      ],
    },
    {
      id: 'links',
      label: L('Linked records', 'Registros vinculados', 'Enregistrements liés', 'Gekoppelde gegevens'),
      fields: [
        {
          id: 'relatedCases',
          type: types.references('thbCase'),
          label: L(
            'Related trafficking cases',
            'Casos de trata relacionados',
            'Dossiers de traite liés',
            'Gerelateerde mensenhandelzaken',
          ),
          help: L(
            'Victims this person is linked to.',
            'Víctimas con las que está vinculada esta persona.',
            'Victimes liées à cette personne.',
            'Slachtoffers met wie deze persoon verbonden is.',
          ),
          sensitivity: 'plain',
        },
        {
          id: 'relatedIncidents',
          type: types.references('somIncident'),
          label: L(
            'Related smuggling incidents',
            'Incidentes de tráfico relacionados',
            'Incidents de trafic liés',
            'Gerelateerde smokkelincidenten',
          ),
          help: L(
            'Incidents this person is linked to.',
            'Incidentes con los que está vinculada esta persona.',
            'Incidents liés à cette personne.',
            'Incidenten waarmee deze persoon verbonden is.',
          ),
          sensitivity: 'plain',
        },
        {
          id: 'notes',
          type: types.longText(10_000),
          label: L('Notes', 'Notas', 'Notes', 'Aantekeningen'),
          help: L(
            'Free text. Encrypted.',
            'Texto libre. Cifrado.',
            'Texte libre. Chiffré.',
            'Vrije tekst. Versleuteld.',
          ),
          sensitivity: 'identifying',
        },
      ],
    },
  ],
};
