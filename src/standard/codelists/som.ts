import { type Codelist, entry, labels } from './codelist.js';

const other = labels('Other', 'Otro', 'Autre', 'Anders');
const unknown = labels('Unknown', 'Desconocido', 'Inconnu', 'Onbekend');

/** Where a smuggling incident was detected (UNODC VRS-SoM: place of detection). */
export const detectionLocationTypes = {
  id: 'detection-location-type',
  labels: labels('Place of detection', 'Lugar de detección', 'Lieu de détection', 'Plaats van ontdekking'),
  source: 'UNODC Voluntary Reporting System on Migrant Smuggling (place of detection)',
  entries: [
    entry('AtSea', labels('At sea', 'En el mar', 'En mer', 'Op zee')),
    entry('CoastOrBeach', labels('Coast or beach', 'Costa o playa', 'Côte ou plage', 'Kust of strand')),
    entry('Seaport', labels('Seaport', 'Puerto marítimo', 'Port maritime', 'Zeehaven')),
    entry('Airport', labels('Airport', 'Aeropuerto', 'Aéroport', 'Luchthaven')),
    entry(
      'LandBorderCrossing',
      labels(
        'Land border crossing',
        'Paso fronterizo terrestre',
        'Poste-frontière terrestre',
        'Grensovergang over land',
      ),
    ),
    entry(
      'GreenBorder',
      labels(
        'Land border away from crossings',
        'Frontera terrestre fuera de los pasos',
        'Frontière terrestre hors des points de passage',
        'Landgrens buiten grensovergangen',
      ),
    ),
    entry('Inland', labels('Inland', 'En el interior', "À l'intérieur du territoire", 'In het binnenland')),
    entry('Other', other),
  ],
} as const satisfies Codelist;

/** Which kind of agency detected the incident or investigated the case. */
export const agencyTypes = {
  id: 'agency-type',
  labels: labels('Agency', 'Organismo', 'Organisme', 'Instantie'),
  source: 'UNODC VRS-SoM (detecting authority); Coral',
  entries: [
    entry('Police', labels('Police', 'Policía', 'Police', 'Politie')),
    entry(
      'ImmigrationOrBorderAgency',
      labels(
        'Immigration or border agency',
        'Migración o control fronterizo',
        "Service de l'immigration ou des frontières",
        'Immigratie- of grensdienst',
      ),
    ),
    entry('CoastGuard', labels('Coast guard', 'Guardacostas', 'Garde-côtes', 'Kustwacht')),
    entry(
      'Military',
      labels('Military or navy', 'Fuerzas armadas o armada', 'Armée ou marine', 'Leger of marine'),
    ),
    entry('Customs', labels('Customs', 'Aduanas', 'Douanes', 'Douane')),
    entry(
      'LabourInspection',
      labels('Labour inspection', 'Inspección de trabajo', 'Inspection du travail', 'Arbeidsinspectie'),
    ),
    entry(
      'Prosecution',
      labels('Prosecution service', 'Fiscalía', 'Ministère public', 'Openbaar ministerie'),
    ),
    entry(
      'FinancialIntelligenceUnit',
      labels(
        'Financial intelligence unit',
        'Unidad de inteligencia financiera',
        'Cellule de renseignement financier',
        'Financiële inlichtingeneenheid',
      ),
    ),
    entry('NGO', labels('NGO', 'ONG', 'ONG', 'Ngo')),
    entry('Other', other),
  ],
} as const satisfies Codelist;

/** Modes of transport (UNODC VRS-SoM: route and modus operandi). */
export const transportModes = {
  id: 'transport-mode',
  labels: labels('Mode of transport', 'Medio de transporte', 'Mode de transport', 'Vervoerswijze'),
  source: 'UNODC VRS-SoM (mode of transport)',
  entries: [
    entry('Sea', labels('Sea', 'Marítimo', 'Mer', 'Zee')),
    entry('Air', labels('Air', 'Aéreo', 'Air', 'Lucht')),
    entry('Land', labels('Land', 'Terrestre', 'Terre', 'Land')),
  ],
} as const satisfies Codelist;

/** Kinds of vessel, for sea smuggling. */
export const vesselTypes = {
  id: 'vessel-type',
  labels: labels('Type of vessel', 'Tipo de embarcación', "Type d'embarcation", 'Soort vaartuig'),
  source: 'Coral (after UNODC VRS-SoM)',
  entries: [
    entry(
      'SmallOpenBoat',
      labels(
        'Small open boat (yola, pirogue)',
        'Embarcación pequeña abierta (yola)',
        'Petite embarcation ouverte (yole, pirogue)',
        'Kleine open boot (yola, prauw)',
      ),
    ),
    entry(
      'Speedboat',
      labels('Speedboat (go-fast)', 'Lancha rápida', 'Vedette rapide (go-fast)', 'Speedboot'),
    ),
    entry('FishingVessel', labels('Fishing vessel', 'Barco de pesca', 'Bateau de pêche', 'Vissersvaartuig')),
    entry('SailingBoat', labels('Sailing boat', 'Velero', 'Voilier', 'Zeilboot')),
    entry('CargoShip', labels('Cargo ship', 'Buque de carga', 'Cargo', 'Vrachtschip')),
    entry(
      'PassengerShipOrFerry',
      labels(
        'Passenger ship or ferry',
        'Buque de pasaje o ferry',
        'Navire à passagers ou ferry',
        'Passagiersschip of veerboot',
      ),
    ),
    entry('Raft', labels('Raft', 'Balsa', 'Radeau', 'Vlot')),
    entry('Other', other),
  ],
} as const satisfies Codelist;

/** Sex of smuggled migrants, as counted. */
export const sexes = {
  id: 'sex',
  labels: labels('Sex', 'Sexo', 'Sexe', 'Geslacht'),
  source: 'UNODC VRS-SoM; SDG disaggregation',
  entries: [
    entry('Female', labels('Female', 'Mujer', 'Femme', 'Vrouw')),
    entry('Male', labels('Male', 'Hombre', 'Homme', 'Man')),
    entry('Unknown', unknown),
  ],
} as const satisfies Codelist;

/** Age groups of smuggled migrants, as counted. */
export const ageGroups = {
  id: 'age-group',
  labels: labels('Age group', 'Grupo de edad', "Groupe d'âge", 'Leeftijdsgroep'),
  source: 'UNODC VRS-SoM; SDG disaggregation',
  entries: [
    entry(
      'Child',
      labels('Child (under 18)', 'Niño/a (menos de 18)', 'Enfant (moins de 18 ans)', 'Kind (jonger dan 18)'),
    ),
    entry(
      'Adult',
      labels(
        'Adult (18 or over)',
        'Adulto (18 o más)',
        'Adulte (18 ans ou plus)',
        'Volwassene (18 of ouder)',
      ),
    ),
    entry('Unknown', unknown),
  ],
} as const satisfies Codelist;

/** Travel documents the migrants used. */
export const documentUses = {
  id: 'document-use',
  labels: labels('Documents used', 'Documentos utilizados', 'Documents utilisés', 'Gebruikte documenten'),
  source: 'UNODC VRS-SoM (use of documents)',
  entries: [
    entry('None', labels('No documents', 'Sin documentos', 'Aucun document', 'Geen documenten')),
    entry(
      'Fraudulent',
      labels('Fraudulent documents', 'Documentos fraudulentos', 'Documents frauduleux', 'Valse documenten'),
    ),
    entry(
      'Genuine',
      labels('Genuine documents', 'Documentos auténticos', 'Documents authentiques', 'Echte documenten'),
    ),
    entry(
      'GenuineObtainedFraudulently',
      labels(
        'Genuine documents obtained by fraud',
        'Documentos auténticos obtenidos con fraude',
        'Documents authentiques obtenus frauduleusement',
        'Echte documenten op frauduleuze wijze verkregen',
      ),
    ),
    entry('Unknown', unknown),
  ],
} as const satisfies Codelist;

/** Basis on which a smuggling fee was stated. */
export const feeBases = {
  id: 'fee-basis',
  labels: labels('Fee stated', 'Tarifa indicada', 'Montant indiqué', 'Opgegeven bedrag'),
  source: 'Coral',
  entries: [
    entry('PerPerson', labels('Per person', 'Por persona', 'Par personne', 'Per persoon')),
    entry(
      'Total',
      labels('For the whole group', 'Para todo el grupo', 'Pour tout le groupe', 'Voor de hele groep'),
    ),
  ],
} as const satisfies Codelist;

/** Aggravating circumstances of smuggling (Smuggling Protocol art. 6(3)). */
export const aggravatingCircumstances = {
  id: 'aggravating-circumstance',
  labels: labels(
    'Aggravating circumstance',
    'Circunstancia agravante',
    'Circonstance aggravante',
    'Verzwarende omstandigheid',
  ),
  source: 'Protocol against the Smuggling of Migrants, art. 6(3); UNODC VRS-SoM',
  entries: [
    entry(
      'LivesEndangered',
      labels(
        'Lives or safety endangered',
        'Vida o seguridad en peligro',
        'Vie ou sécurité mise en danger',
        'Leven of veiligheid in gevaar',
      ),
    ),
    entry(
      'InhumanOrDegradingTreatment',
      labels(
        'Inhuman or degrading treatment',
        'Trato inhumano o degradante',
        'Traitement inhumain ou dégradant',
        'Onmenselijke of vernederende behandeling',
      ),
    ),
    entry(
      'ChildrenSmuggled',
      labels(
        'Children smuggled',
        'Niños objeto de tráfico',
        "Enfants ayant fait l'objet d'un trafic",
        'Kinderen gesmokkeld',
      ),
    ),
    entry(
      'OrganisedCriminalGroup',
      labels(
        'Organised criminal group involved',
        'Participación de un grupo delictivo organizado',
        'Implication d’un groupe criminel organisé',
        'Georganiseerde criminele groep betrokken',
      ),
    ),
    entry(
      'Violence',
      labels('Violence used', 'Uso de violencia', 'Recours à la violence', 'Geweld gebruikt'),
    ),
    entry('Other', other),
  ],
} as const satisfies Codelist;

/** Signs that a smuggling incident involved trafficking. */
export const traffickingIndicators = {
  id: 'trafficking-indicator',
  labels: labels(
    'Indicator of trafficking',
    'Indicio de trata',
    'Indice de traite',
    'Indicator van mensenhandel',
  ),
  source: 'Coral (after UNODC and IOM indicator lists)',
  entries: [
    entry(
      'DeceptionAboutWorkOrConditions',
      labels(
        'Deceived about work or conditions',
        'Engaño sobre el trabajo o las condiciones',
        'Tromperie sur le travail ou les conditions',
        'Misleid over werk of omstandigheden',
      ),
    ),
    entry(
      'DebtToSmugglers',
      labels(
        'Debt owed to smugglers or others',
        'Deuda con los traficantes u otros',
        'Dette envers les passeurs ou d’autres',
        'Schuld aan smokkelaars of anderen',
      ),
    ),
    entry(
      'DocumentsConfiscated',
      labels(
        'Documents confiscated',
        'Documentos confiscados',
        'Documents confisqués',
        'Documenten afgenomen',
      ),
    ),
    entry(
      'MovementRestricted',
      labels(
        'Movement restricted or confined',
        'Movimiento restringido o encierro',
        'Liberté de mouvement restreinte ou enfermement',
        'Bewegingsvrijheid beperkt of opgesloten',
      ),
    ),
    entry(
      'ViolenceOrThreats',
      labels('Violence or threats', 'Violencia o amenazas', 'Violence ou menaces', 'Geweld of bedreigingen'),
    ),
    entry(
      'ForcedWorkOrServices',
      labels(
        'Forced to work or provide services',
        'Obligados a trabajar o prestar servicios',
        'Contraints de travailler ou de fournir des services',
        'Gedwongen te werken of diensten te verlenen',
      ),
    ),
    entry(
      'SexualExploitation',
      labels(
        'Signs of sexual exploitation',
        'Indicios de explotación sexual',
        "Signes d'exploitation sexuelle",
        'Aanwijzingen voor seksuele uitbuiting',
      ),
    ),
    entry(
      'ChildrenSeparated',
      labels(
        'Children separated from carers',
        'Niños separados de sus cuidadores',
        'Enfants séparés de leurs tuteurs',
        'Kinderen gescheiden van verzorgers',
      ),
    ),
    entry('Other', other),
  ],
} as const satisfies Codelist;
