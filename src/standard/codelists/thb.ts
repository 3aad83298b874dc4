import { type Codelist, entry, labels } from './codelist.js';

const other = labels('Other', 'Otro', 'Autre', 'Anders');
const notSpecified = labels('Not specified', 'No especificado', 'Non précisé', 'Niet opgegeven');

/** Trafficking status: HTCDS 2.0 `vic_TraffickingStatus`. */
export const traffickingStatuses = {
  id: 'trafficking-status',
  labels: labels(
    'Trafficking status',
    'Condición de víctima de trata',
    'Statut de victime de la traite',
    'Status slachtoffer mensenhandel',
  ),
  source: 'HTCDS 2.0 vic_TraffickingStatus',
  entries: [
    entry(
      'PossibleVictimOfTrafficking',
      labels(
        'Possible victim of trafficking',
        'Posible víctima de trata',
        'Victime présumée de la traite',
        'Mogelijk slachtoffer van mensenhandel',
      ),
      { htcds: 'PossibleVictimOfTrafficking', htcdsLabel: 'Possible victim of trafficking' },
    ),
    entry(
      'ActualVictimOfTrafficking',
      labels(
        'Identified victim of trafficking',
        'Víctima de trata identificada',
        'Victime de la traite identifiée',
        'Geïdentificeerd slachtoffer van mensenhandel',
      ),
      { htcds: 'ActualVictimOfTrafficking', htcdsLabel: 'Actual victim of trafficking' },
    ),
    entry(
      'NotAVictimOfTrafficking',
      labels(
        'Not a victim of trafficking',
        'No es víctima de trata',
        "N'est pas victime de la traite",
        'Geen slachtoffer van mensenhandel',
      ),
      { htcds: 'NotAVictimOfTrafficking', htcdsLabel: 'Not a victim of trafficking' },
    ),
  ],
} as const satisfies Codelist;

/** Who decided the trafficking status: HTCDS 2.0 `vic_TraffickingStatusDecisionMakingOrg`. */
export const statusDeciders = {
  id: 'status-decider',
  labels: labels(
    'Status decided by',
    'Condición determinada por',
    'Statut établi par',
    'Status vastgesteld door',
  ),
  source: 'HTCDS 2.0 vic_TraffickingStatusDecisionMakingOrg',
  entries: [
    entry('Police', labels('Police', 'Policía', 'Police', 'Politie'), { htcds: 'Police' }),
    entry('NGO', labels('NGO', 'ONG', 'ONG', 'Ngo'), { htcds: 'NGO' }),
    entry(
      'CourtOrProsecution',
      labels(
        'Court or prosecution',
        'Tribunal o fiscalía',
        'Tribunal ou parquet',
        'Rechtbank of openbaar ministerie',
      ),
      {
        htcds: 'CourtOrProsecution',
        htcdsLabel: 'Court or prosecution',
      },
    ),
    entry(
      'NonPoliceGovernmentalOrganization',
      labels(
        'Government body other than police',
        'Organismo público distinto de la policía',
        'Organisme public autre que la police',
        'Overheidsinstantie anders dan politie',
      ),
      { htcds: 'NonPoliceGovernmentalOrganization', htcdsLabel: 'Non-police governmental organization' },
    ),
    entry('Other', other, { htcds: 'Other' }),
  ],
} as const satisfies Codelist;

/** How the person was recruited: HTCDS 2.0 `vic_MethodOfRecruitment`. */
export const recruitmentMethods = {
  id: 'recruitment-method',
  labels: labels('Method of recruitment', 'Método de captación', 'Méthode de recrutement', 'Wervingsmethode'),
  source: 'HTCDS 2.0 vic_MethodOfRecruitment',
  entries: [
    entry(
      'AtAPlaceOfBusiness',
      labels(
        'At a place of business',
        'En un establecimiento comercial',
        'Dans un commerce',
        'Op een bedrijfslocatie',
      ),
      {
        htcds: 'AtAPlaceOfBusiness',
      },
    ),
    entry(
      'AtAnEducationalInstitution',
      labels(
        'At an educational institution',
        'En un centro educativo',
        'Dans un établissement scolaire',
        'Op een onderwijsinstelling',
      ),
      {
        htcds: 'AtAnEducationalInstitution',
      },
    ),
    entry('AtWork', labels('At work', 'En el trabajo', 'Au travail', 'Op het werk'), { htcds: 'AtWork' }),
    entry(
      'ThroughOnlineSocialNetworks',
      labels(
        'Through online social networks',
        'A través de redes sociales',
        'Par les réseaux sociaux',
        'Via sociale netwerken',
      ),
      {
        htcds: 'ThroughOnlineSocialNetworks',
      },
    ),
    entry(
      'ThroughAnOnlineAdvertisement',
      labels(
        'Through an online advertisement',
        'A través de un anuncio en línea',
        'Par une annonce en ligne',
        'Via een online advertentie',
      ),
      {
        htcds: 'ThroughAnOnlineAdvertisement',
      },
    ),
    entry(
      'ThroughATelevisionAdvert',
      labels(
        'Through a television advert',
        'A través de un anuncio de televisión',
        'Par une publicité télévisée',
        'Via een televisiereclame',
      ),
      {
        htcds: 'ThroughATelevisionAdvert',
      },
    ),
    entry(
      'ThroughANewspaperAdvert',
      labels(
        'Through a newspaper advert',
        'A través de un anuncio en la prensa',
        'Par une annonce dans la presse',
        'Via een krantenadvertentie',
      ),
      {
        htcds: 'ThroughANewspaperAdvert',
      },
    ),
    entry(
      'ThroughFamilyOrFamilyEvents',
      labels('Through family or family events', 'A través de la familia', 'Par la famille', 'Via familie'),
      {
        htcds: 'ThroughFamilyOrFamilyEvents',
      },
    ),
    entry(
      'ThroughFriendsOrSocialEvents',
      labels(
        'Through friends or social events',
        'A través de amistades o eventos sociales',
        'Par des amis ou des événements sociaux',
        'Via vrienden of sociale activiteiten',
      ),
      {
        htcds: 'ThroughFriendsOrSocialEvents',
      },
    ),
    entry('Other', other, { htcds: 'Other' }),
  ],
} as const satisfies Codelist;

/** Websites and apps used to recruit or exploit: HTCDS 2.0 `vic_RecruitmentWebsitesAndApps`. */
export const onlinePlatforms = {
  id: 'online-platform',
  labels: labels('Website or app', 'Sitio web o aplicación', 'Site web ou application', 'Website of app'),
  source: 'HTCDS 2.0 vic_RecruitmentWebsitesAndApps, vic_ExploitationWebsitesAndApps',
  entries: [
    ...(
      [
        ['Facebook', 'Facebook'],
        ['Instagram', 'Instagram'],
        ['WhatsApp', 'WhatsApp'],
        ['Telegram', 'Telegram'],
        ['FacebookMessenger', 'Facebook Messenger'],
        ['Viber', 'Viber'],
        ['SnapChat', 'Snapchat'],
        ['Line', 'LINE'],
        ['4Sale', '4Sale'],
        ['WeChat', 'WeChat'],
        ['QQ', 'QQ'],
        ['QZone', 'Qzone'],
        ['TikTok', 'TikTok'],
        ['Twitter', 'X (Twitter)'],
      ] as const
    ).map(([code, name]) => entry(code, labels(name, name, name, name), { htcds: code })),
    entry('Other', other, { htcds: 'Other' }),
  ],
} as const satisfies Codelist;

/** Relationship of the recruiter to the person: CTDC `recruiterRelation*`, HTCDS `vic_RelationshipToTrafficker`. */
export const recruiterRelationships = {
  id: 'recruiter-relationship',
  labels: labels(
    'Relationship to recruiter',
    'Relación con el captador',
    'Lien avec le recruteur',
    'Relatie tot werver',
  ),
  source: 'CTDC recruiterRelation*; HTCDS 2.0 vic_RelationshipToTrafficker',
  entries: [
    entry(
      'IntimatePartner',
      labels('Intimate partner', 'Pareja íntima', 'Partenaire intime', 'Intieme partner'),
      {
        ctdc: 'recruiterRelationIntimatePartner',
        ctdcLabel: 'Intimate Partner',
      },
    ),
    entry(
      'FriendOrAcquaintance',
      labels('Friend or acquaintance', 'Amistad o conocido', 'Ami ou connaissance', 'Vriend of kennis'),
      {
        htcds: 'Acquainted',
        ctdc: 'recruiterRelationFriend',
        ctdcLabel: 'Friend/Acquaintance',
      },
    ),
    entry('Family', labels('Family member or relative', 'Familiar', 'Membre de la famille', 'Familielid'), {
      htcds: 'Familial',
      ctdc: 'recruiterRelationFamily',
      ctdcLabel: 'Family/Relative',
    }),
    entry(
      'Stranger',
      labels(
        'Not known to the person',
        'Desconocido para la persona',
        'Inconnu de la personne',
        'Onbekende voor de persoon',
      ),
      {
        htcds: 'Unaquainted',
      },
    ),
    entry('Other', other, { ctdc: 'recruiterRelationOther' }),
    entry('Unknown', labels('Unknown', 'Se desconoce', 'Inconnu', 'Onbekend'), {
      ctdc: 'recruiterRelationUnknown',
      ctdcLabel: 'Not Specified',
    }),
  ],
} as const satisfies Codelist;

/**
 * Means of control used by traffickers: HTCDS 2.0 `vic_MethodsOfControl` and CTDC `meansOfControl*`,
 * unified (HTCDS "PhysicalThreats" is CTDC "Threats", and so on).
 */
export const meansOfControl = {
  id: 'means-of-control',
  labels: labels('Means of control', 'Medios de control', 'Moyens de contrôle', 'Controlemiddelen'),
  source: 'HTCDS 2.0 vic_MethodsOfControl; CTDC meansOfControl*',
  entries: [
    entry(
      'DebtBondage',
      labels('Debt bondage', 'Servidumbre por deudas', 'Servitude pour dettes', 'Schuldslavernij'),
      {
        htcds: 'DebtBondage',
        ctdc: 'meansOfControlDebtBondage',
      },
    ),
    entry(
      'TakesEarnings',
      labels('Takes earnings', 'Se queda con las ganancias', 'Confisque les gains', 'Neemt verdiensten af'),
      {
        htcds: 'TakesEarnings',
        ctdc: 'meansOfControlTakesEarnings',
      },
    ),
    entry(
      'RestrictsFinancialAccess',
      labels(
        'Restricts financial access',
        'Restringe el acceso a dinero',
        "Restreint l'accès à l'argent",
        'Beperkt toegang tot geld',
      ),
      {
        htcds: 'RestrictsFinancialAccess',
        ctdc: 'meansOfControlRestrictsFinancialAccess',
      },
    ),
    entry('Threats', labels('Threats', 'Amenazas', 'Menaces', 'Bedreigingen'), {
      htcds: 'PhysicalThreats',
      htcdsLabel: 'Physical threats',
      ctdc: 'meansOfControlThreats',
    }),
    entry(
      'ThreatensFamily',
      labels(
        'Threatens children or family',
        'Amenaza a hijos o familia',
        'Menace les enfants ou la famille',
        'Bedreigt kinderen of familie',
      ),
      {
        htcds: 'ThreatensChildrenFamily',
        ctdcExport: 'meansOfControlThreats',
        htcdsLabel: 'Threatens children/family',
      },
    ),
    entry(
      'PsychologicalAbuse',
      labels('Psychological abuse', 'Abuso psicológico', 'Violence psychologique', 'Psychisch geweld'),
      {
        htcds: 'PsychologicalAbuse',
        ctdc: 'meansOfControlPsychologicalAbuse',
      },
    ),
    entry(
      'PhysicalAbuse',
      labels('Physical abuse', 'Abuso físico', 'Violence physique', 'Lichamelijk geweld'),
      {
        htcds: 'PhysicalAbuse',
        ctdc: 'meansOfControlPhysicalAbuse',
      },
    ),
    entry('SexualAbuse', labels('Sexual abuse', 'Abuso sexual', 'Violence sexuelle', 'Seksueel geweld'), {
      htcds: 'SexualAbuse',
      ctdc: 'meansOfControlSexualAbuse',
    }),
    entry(
      'FalsePromises',
      labels('False promises', 'Promesas falsas', 'Fausses promesses', 'Valse beloften'),
      {
        htcds: 'FalsePromises',
        ctdc: 'meansOfControlFalsePromises',
      },
    ),
    entry(
      'PsychoactiveSubstances',
      labels(
        'Psychoactive substances',
        'Sustancias psicoactivas',
        'Substances psychoactives',
        'Psychoactieve middelen',
      ),
      {
        htcds: 'PsychoactiveSubstance',
        htcdsLabel: 'Psychoactive substance',
        ctdc: 'meansOfControlPsychoactiveSubstances',
      },
    ),
    entry(
      'RestrictsMovement',
      labels(
        'Restricts movement',
        'Restringe la libertad de movimiento',
        'Restreint la liberté de mouvement',
        'Beperkt bewegingsvrijheid',
      ),
      {
        ctdc: 'meansOfControlRestrictsMovement',
      },
    ),
    entry(
      'RestrictsMedicalCare',
      labels(
        'Restricts medical care',
        'Restringe la atención médica',
        "Restreint l'accès aux soins",
        'Beperkt medische zorg',
      ),
      {
        htcds: 'RestrictsMedicalCare',
        ctdc: 'meansOfControlRestrictsMedicalCare',
      },
    ),
    entry(
      'ExcessiveWorkingHours',
      labels(
        'Excessive working hours',
        'Jornadas excesivas',
        'Horaires de travail excessifs',
        'Buitensporige werktijden',
      ),
      {
        htcds: 'ExcessiveWorkingHours',
        ctdc: 'meansOfControlExcessiveWorkingHours',
      },
    ),
    entry(
      'UsesChildren',
      labels('Uses children', 'Utiliza a los hijos', 'Se sert des enfants', 'Gebruikt kinderen'),
      {
        ctdc: 'meansOfControlUsesChildren',
      },
    ),
    entry(
      'ThreatOfLawEnforcement',
      labels(
        'Threat of law enforcement',
        'Amenaza con las autoridades',
        'Menace de dénonciation aux autorités',
        'Dreigen met politie of justitie',
      ),
      {
        htcds: 'ThreatsLawEnforcement',
        htcdsLabel: 'Threats of law enforcement',
        ctdc: 'meansOfControlThreatOfLawEnforcement',
      },
    ),
    entry(
      'WithholdsNecessities',
      labels(
        'Withholds necessities',
        'Priva de lo necesario',
        'Prive du nécessaire',
        'Onthoudt levensbehoeften',
      ),
      {
        htcds: 'WithholdsNecessities',
        ctdc: 'meansOfControlWithholdsNecessities',
      },
    ),
    entry(
      'WithholdsDocuments',
      labels(
        'Withholds documents',
        'Retiene los documentos',
        'Confisque les documents',
        'Houdt documenten achter',
      ),
      {
        htcds: 'WithholdsDocuments',
        ctdc: 'meansOfControlWithholdsDocuments',
      },
    ),
    entry('Other', other, { htcds: 'Other', ctdc: 'meansOfControlOther' }),
    entry('NotSpecified', notSpecified, { ctdc: 'meansOfControlNotSpecified' }),
  ],
} as const satisfies Codelist;

/**
 * Forms of exploitation. The Palermo Protocol's forms as the issue lists them (sexual, forced labour,
 * forced marriage, forced criminality, begging, organ removal, military use, slavery and similar
 * practices), with HTCDS 2.0 `vic_TypeOfExploitation` values and CTDC `is*` flags mapped onto them.
 */
export const exploitationForms = {
  id: 'exploitation-form',
  labels: labels(
    'Form of exploitation',
    'Forma de explotación',
    "Forme d'exploitation",
    'Vorm van uitbuiting',
  ),
  source: 'Palermo Protocol; HTCDS 2.0 vic_TypeOfExploitation; CTDC is* flags',
  entries: [
    entry(
      'SexualExploitation',
      labels('Sexual exploitation', 'Explotación sexual', 'Exploitation sexuelle', 'Seksuele uitbuiting'),
      {
        htcds: 'SexualExploitation',
        ctdc: 'isSexualExploit',
      },
    ),
    entry('ForcedLabour', labels('Forced labour', 'Trabajo forzoso', 'Travail forcé', 'Dwangarbeid'), {
      htcds: 'ForcedLabour',
      ctdc: 'isForcedLabour',
    }),
    entry(
      'ForcedMarriage',
      labels('Forced marriage', 'Matrimonio forzado', 'Mariage forcé', 'Gedwongen huwelijk'),
      {
        htcds: 'ForcedMarriage',
        ctdc: 'isForcedMarriage',
      },
    ),
    entry(
      'ForcedCriminality',
      labels('Forced criminality', 'Criminalidad forzada', 'Criminalité forcée', 'Gedwongen criminaliteit'),
      { ctdcExport: 'isOtherExploit' },
    ),
    entry(
      'ForcedBegging',
      labels('Forced begging', 'Mendicidad forzada', 'Mendicité forcée', 'Gedwongen bedelarij'),
      { htcds: 'ForcedBegging', ctdcExport: 'isForcedLabour' },
    ),
    entry(
      'OrganRemoval',
      labels('Organ removal', 'Extracción de órganos', "Prélèvement d'organes", 'Orgaanverwijdering'),
      {
        htcds: 'OrganRemoval',
        ctdc: 'isOrganRemoval',
      },
    ),
    entry(
      'MilitaryUse',
      labels(
        'Military use (by armed groups)',
        'Uso militar (por grupos armados)',
        'Utilisation militaire (par des groupes armés)',
        'Militair gebruik (door gewapende groepen)',
      ),
      {
        htcds: 'ForcedMilitaryByNonStateActors',
        htcdsLabel: 'Forced military (by non-state actors)',
        ctdc: 'isForcedMilitary',
        ctdcLabel: 'Forced military',
      },
    ),
    entry(
      'SlaveryAndSimilarPractices',
      labels(
        'Slavery and similar practices',
        'Esclavitud y prácticas análogas',
        'Esclavage et pratiques analogues',
        'Slavernij en vergelijkbare praktijken',
      ),
      {
        ctdc: 'isSlaveryAndPractices',
      },
    ),
    entry('Servitude', labels('Servitude', 'Servidumbre', 'Servitude', 'Dienstbaarheid'), {
      htcds: 'Servitude',
      ctdcExport: 'isSlaveryAndPractices',
    }),
    entry('ChildLabour', labels('Child labour', 'Trabajo infantil', 'Travail des enfants', 'Kinderarbeid'), {
      htcds: 'ChildLabour',
      ctdcExport: 'isForcedLabour',
    }),
    entry(
      'ForcedAdoption',
      labels(
        'Forced or illegal adoption',
        'Adopción forzada o ilegal',
        'Adoption forcée ou illégale',
        'Gedwongen of illegale adoptie',
      ),
      {
        htcds: 'ForcedAdoption',
        ctdcExport: 'isOtherExploit',
        htcdsLabel: 'Forced adoption',
      },
    ),
    entry(
      'Surrogacy',
      labels(
        'Forced surrogacy',
        'Gestación subrogada forzada',
        'Gestation pour autrui forcée',
        'Gedwongen draagmoederschap',
      ),
      {
        htcds: 'Surrogacy',
        ctdcExport: 'isOtherExploit',
        htcdsLabel: 'Surrogacy',
      },
    ),
    entry('Other', other, { htcds: 'Other', ctdc: 'isOtherExploit' }),
  ],
} as const satisfies Codelist;

/** Sectors of forced labour as CTDC records them (`typeOfLabour*`). */
export const labourSectors = {
  id: 'labour-sector',
  labels: labels(
    'Sector of forced labour',
    'Sector del trabajo forzoso',
    'Secteur du travail forcé',
    'Sector van dwangarbeid',
  ),
  source: 'CTDC typeOfLabour*',
  entries: [
    entry('Agriculture', labels('Agriculture', 'Agricultura', 'Agriculture', 'Landbouw'), {
      ctdc: 'typeOfLabourAgriculture',
    }),
    entry(
      'Aquafarming',
      labels(
        'Fishing and aquaculture',
        'Pesca y acuicultura',
        'Pêche et aquaculture',
        'Visserij en aquacultuur',
      ),
      {
        ctdc: 'typeOfLabourAquafarming',
        ctdcLabel: 'Aquafarming',
      },
    ),
    entry('Begging', labels('Begging', 'Mendicidad', 'Mendicité', 'Bedelarij'), {
      ctdc: 'typeOfLabourBegging',
    }),
    entry('Construction', labels('Construction', 'Construcción', 'Construction', 'Bouw'), {
      ctdc: 'typeOfLabourConstruction',
    }),
    entry(
      'DomesticWork',
      labels('Domestic work', 'Trabajo doméstico', 'Travail domestique', 'Huishoudelijk werk'),
      {
        ctdc: 'typeOfLabourDomesticWork',
      },
    ),
    entry('Hospitality', labels('Hospitality', 'Hostelería', 'Hôtellerie et restauration', 'Horeca'), {
      ctdc: 'typeOfLabourHospitality',
    }),
    entry(
      'IllicitActivities',
      labels('Illicit activities', 'Actividades ilícitas', 'Activités illicites', 'Illegale activiteiten'),
      {
        ctdc: 'typeOfLabourIllicitActivities',
      },
    ),
    entry('Manufacturing', labels('Manufacturing', 'Manufactura', 'Industrie manufacturière', 'Industrie'), {
      ctdc: 'typeOfLabourManufacturing',
    }),
    entry(
      'MiningOrDrilling',
      labels('Mining or drilling', 'Minería o perforación', 'Mines ou forage', 'Mijnbouw of boringen'),
      {
        ctdc: 'typeOfLabourMiningOrDrilling',
      },
    ),
    entry('Peddling', labels('Peddling', 'Venta ambulante', 'Colportage', 'Straathandel'), {
      ctdc: 'typeOfLabourPeddling',
    }),
    entry('Transportation', labels('Transportation', 'Transporte', 'Transport', 'Vervoer'), {
      ctdc: 'typeOfLabourTransportation',
    }),
    entry('Other', other, { ctdc: 'typeOfLabourOther' }),
    entry('NotSpecified', notSpecified, { ctdc: 'typeOfLabourNotSpecified' }),
  ],
} as const satisfies Codelist;

/** Industry of forced labour: ISIC Rev. 4 sections, as HTCDS 2.0 `vic_ForcedLabourIndustry` names them. */
export const labourIndustries = {
  id: 'labour-industry',
  labels: labels('Industry (ISIC)', 'Industria (CIIU)', 'Industrie (CITI)', 'Bedrijfstak (ISIC)'),
  source: 'HTCDS 2.0 vic_ForcedLabourIndustry (ISIC Rev. 4 sections)',
  entries: [
    entry(
      'A_AgricultureForestryAndFishing',
      labels(
        'Agriculture, forestry and fishing',
        'Agricultura, ganadería, silvicultura y pesca',
        'Agriculture, sylviculture et pêche',
        'Landbouw, bosbouw en visserij',
      ),
      { htcds: 'A_AgricultureForestryAndFishing' },
    ),
    entry(
      'B_MiningAndQuarrying',
      labels(
        'Mining and quarrying',
        'Explotación de minas y canteras',
        'Activités extractives',
        'Winning van delfstoffen',
      ),
      { htcds: 'B_MiningAndQuarrying' },
    ),
    entry(
      'C_Manufacturing',
      labels('Manufacturing', 'Industrias manufactureras', 'Activités de fabrication', 'Industrie'),
      { htcds: 'C_Manufacturing' },
    ),
    entry(
      'D_ElectricityGasSteamAndAirConditioningSupply',
      labels(
        'Electricity, gas, steam and air conditioning supply',
        'Suministro de electricidad, gas, vapor y aire acondicionado',
        "Production et distribution d'électricité, de gaz, de vapeur et climatisation",
        'Productie en distributie van elektriciteit, gas, stoom en gekoelde lucht',
      ),
      { htcds: 'D_ElectricityGasSteamAndAirConditioningSupply' },
    ),
    entry(
      'E_WaterSupplySewerageWasteManagement',
      labels(
        'Water supply; sewerage, waste management and remediation',
        'Suministro de agua; evacuación de aguas residuales, gestión de desechos y descontaminación',
        "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution",
        'Winning en distributie van water; afval- en afvalwaterbeheer en sanering',
      ),
      {
        htcds: 'E_WaterSupplySewerageWasteManagement',
        htcdsLabel: 'Water supply; sewerage, waste management and remediation',
      },
    ),
    entry('F_Construction', labels('Construction', 'Construcción', 'Construction', 'Bouwnijverheid'), {
      htcds: 'F_Construction',
    }),
    entry(
      'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
      labels(
        'Wholesale and retail trade; repair of motor vehicles and motorcycles',
        'Comercio al por mayor y al por menor; reparación de vehículos automotores y motocicletas',
        "Commerce ; réparation d'automobiles et de motocycles",
        'Groot- en detailhandel; reparatie van auto’s en motorfietsen',
      ),
      { htcds: 'G_WholesaleAndRetailTradeRepairOfMotorVehicles' },
    ),
    entry(
      'H_TransportationAndStorage',
      labels(
        'Transportation and storage',
        'Transporte y almacenamiento',
        'Transports et entreposage',
        'Vervoer en opslag',
      ),
      { htcds: 'H_TransportationAndStorage' },
    ),
    entry(
      'I_AccommodationAndFoodServiceActivities',
      labels(
        'Accommodation and food service activities',
        'Actividades de alojamiento y de servicio de comidas',
        'Hébergement et restauration',
        'Logies-, maaltijd- en drankverstrekking',
      ),
      { htcds: 'I_AccommodationAndFoodServiceActivities' },
    ),
    entry(
      'J_InformationAndCommunication',
      labels(
        'Information and communication',
        'Información y comunicaciones',
        'Information et communication',
        'Informatie en communicatie',
      ),
      { htcds: 'J_InformationAndCommunication' },
    ),
    entry(
      'K_FinancialAndInsuranceActivities',
      labels(
        'Financial and insurance activities',
        'Actividades financieras y de seguros',
        "Activités financières et d'assurance",
        'Financiële instellingen',
      ),
      { htcds: 'K_FinancialAndInsuranceActivities' },
    ),
    entry(
      'L_RealEstateActivities',
      labels(
        'Real estate activities',
        'Actividades inmobiliarias',
        'Activités immobilières',
        'Verhuur van en handel in onroerend goed',
      ),
      { htcds: 'L_RealEstateActivities' },
    ),
    entry(
      'M_ProfessionalScientificAndTechnicalActivities',
      labels(
        'Professional, scientific and technical activities',
        'Actividades profesionales, científicas y técnicas',
        'Activités spécialisées, scientifiques et techniques',
        'Specialistische zakelijke diensten',
      ),
      { htcds: 'M_ProfessionalScientificAndTechnicalActivities' },
    ),
    entry(
      'N_AdministrativeAndSupportServiceActivities',
      labels(
        'Administrative and support service activities',
        'Actividades de servicios administrativos y de apoyo',
        'Activités de services administratifs et de soutien',
        'Verhuur en overige zakelijke diensten',
      ),
      { htcds: 'N_AdministrativeAndSupportServiceActivities' },
    ),
    entry(
      'O_PublicAdministrationAndDefence',
      labels(
        'Public administration and defence; compulsory social security',
        'Administración pública y defensa; planes de seguridad social de afiliación obligatoria',
        'Administration publique et défense ; sécurité sociale obligatoire',
        'Openbaar bestuur en defensie; verplichte sociale verzekeringen',
      ),
      { htcds: 'O_PublicAdministrationAndDefence' },
    ),
    entry('P_Education', labels('Education', 'Enseñanza', 'Enseignement', 'Onderwijs'), {
      htcds: 'P_Education',
    }),
    entry(
      'Q_HumanHealthAndSocialWorkActivities',
      labels(
        'Human health and social work activities',
        'Actividades de atención de la salud humana y de asistencia social',
        'Santé humaine et action sociale',
        'Gezondheids- en welzijnszorg',
      ),
      { htcds: 'Q_HumanHealthAndSocialWorkActivities' },
    ),
    entry(
      'R_ArtsEntertainmentAndRecreation',
      labels(
        'Arts, entertainment and recreation',
        'Actividades artísticas, de entretenimiento y recreativas',
        'Arts, spectacles et activités récréatives',
        'Cultuur, sport en recreatie',
      ),
      { htcds: 'R_ArtsEntertainmentAndRecreation' },
    ),
    entry(
      'S_OtherServiceActivities',
      labels(
        'Other service activities',
        'Otras actividades de servicios',
        'Autres activités de services',
        'Overige dienstverlening',
      ),
      { htcds: 'S_OtherServiceActivities' },
    ),
    entry(
      'T_ActivitiesOfHouseholdsAsEmployers',
      labels(
        'Activities of households as employers',
        'Actividades de los hogares como empleadores',
        "Activités des ménages en tant qu'employeurs",
        'Huishoudens als werkgever',
      ),
      {
        htcds: 'T_ActivitiesOfHouseholdsAsEmployers',
        htcdsLabel:
          'Activities of households as employers; undifferentiated goods- and services- producing activities of households for own use',
      },
    ),
    entry(
      'U_ActivitiesOfExtraterritorialOrganizations',
      labels(
        'Activities of extraterritorial organizations and bodies',
        'Actividades de organizaciones y órganos extraterritoriales',
        'Activités des organisations et organismes extraterritoriaux',
        'Extraterritoriale organisaties en lichamen',
      ),
      { htcds: 'U_ActivitiesOfExtraterritorialOrganizations' },
    ),
  ],
} as const satisfies Codelist;

/** Kinds of sexual exploitation: HTCDS 2.0 `vic_TypeOfSexExploitation`, CTDC `typeOfSex*`. */
export const sexualExploitationTypes = {
  id: 'sexual-exploitation-type',
  labels: labels(
    'Type of sexual exploitation',
    'Tipo de explotación sexual',
    "Type d'exploitation sexuelle",
    'Soort seksuele uitbuiting',
  ),
  source: 'HTCDS 2.0 vic_TypeOfSexExploitation; CTDC typeOfSex*',
  entries: [
    entry('Prostitution', labels('Prostitution', 'Prostitución', 'Prostitution', 'Prostitutie'), {
      htcds: 'Prostitution',
      ctdc: 'typeOfSexProstitution',
    }),
    entry('Pornography', labels('Pornography', 'Pornografía', 'Pornographie', 'Pornografie'), {
      htcds: 'Pornography',
      ctdc: 'typeOfSexPornography',
    }),
    entry(
      'RemoteInteractiveServices',
      labels(
        'Remote interactive services (online)',
        'Servicios interactivos a distancia (en línea)',
        'Services interactifs à distance (en ligne)',
        'Interactieve diensten op afstand (online)',
      ),
      {
        htcds: 'RemoteInteractiveServices',
        htcdsLabel: 'Remote Interactive Services',
        ctdc: 'typeOfSexRemoteInteractiveServices',
        ctdcLabel: 'Remote interactive services',
      },
    ),
    entry(
      'PrivateSexualServices',
      labels(
        'Private sexual services',
        'Servicios sexuales privados',
        'Services sexuels privés',
        'Privé seksuele diensten',
      ),
      {
        htcds: 'PrivateSexualServices',
        htcdsLabel: 'Private Sexual Services',
        ctdc: 'typeOfSexPrivateSexualServices',
      },
    ),
  ],
} as const satisfies Codelist;

/** Whether exploitation crossed a border. */
export const exploitationScopes = {
  id: 'exploitation-scope',
  labels: labels(
    'Domestic or transnational',
    'Interna o transnacional',
    'Interne ou transnationale',
    'Binnenlands of grensoverschrijdend',
  ),
  source: 'Coral',
  entries: [
    entry(
      'Domestic',
      labels(
        'Domestic (within one country)',
        'Interna (dentro de un país)',
        'Interne (dans un seul pays)',
        'Binnenlands (binnen één land)',
      ),
    ),
    entry(
      'Transnational',
      labels(
        'Transnational (across borders)',
        'Transnacional (a través de fronteras)',
        'Transnationale (par-delà les frontières)',
        'Grensoverschrijdend',
      ),
    ),
  ],
} as const satisfies Codelist;

/** Case status: HTCDS 2.0 `cas_Status`. */
export const caseStatuses = {
  id: 'case-status',
  labels: labels('Case status', 'Estado del expediente', 'Statut du dossier', 'Status van het dossier'),
  source: 'HTCDS 2.0 cas_Status',
  entries: [
    entry('Active', labels('Active', 'Activo', 'Actif', 'Actief'), { htcds: 'Active' }),
    entry('FollowUp', labels('Follow-up', 'Seguimiento', 'Suivi', 'Nazorg'), {
      htcds: 'FollowUp',
      htcdsLabel: 'Follow up',
    }),
    entry('Closed', labels('Closed', 'Cerrado', 'Clos', 'Gesloten'), { htcds: 'Closed' }),
    entry(
      'ClosedReferred',
      labels('Closed (referred)', 'Cerrado (derivado)', 'Clos (orienté)', 'Gesloten (doorverwezen)'),
      {
        htcds: 'ClosedReferred',
        htcdsLabel: 'Closed Referred',
      },
    ),
  ],
} as const satisfies Codelist;

/** Why a case was closed (HTCDS keeps this as free text; Coral codes it and keeps details apart). */
export const closureReasons = {
  id: 'closure-reason',
  labels: labels('Reason for closure', 'Motivo de cierre', 'Motif de clôture', 'Reden van sluiting'),
  source: 'Coral',
  entries: [
    entry(
      'AssistanceCompleted',
      labels('Assistance completed', 'Asistencia concluida', 'Assistance terminée', 'Hulpverlening afgerond'),
    ),
    entry(
      'Referred',
      labels(
        'Referred to another organisation',
        'Derivado a otra organización',
        'Orienté vers une autre organisation',
        'Doorverwezen naar een andere organisatie',
      ),
    ),
    entry(
      'ReturnedToCountryOfOrigin',
      labels(
        'Returned to country of origin',
        'Retorno al país de origen',
        "Retour dans le pays d'origine",
        'Teruggekeerd naar land van herkomst',
      ),
    ),
    entry(
      'DeclinedAssistance',
      labels(
        'Declined further assistance',
        'Rechazó más asistencia',
        'A refusé toute autre assistance',
        'Wilde geen verdere hulp',
      ),
    ),
    entry(
      'LostContact',
      labels('Contact lost', 'Se perdió el contacto', 'Contact perdu', 'Contact verloren'),
    ),
    entry(
      'NotAVictim',
      labels(
        'Found not to be a victim',
        'Se determinó que no es víctima',
        "S'est avéré ne pas être victime",
        'Geen slachtoffer gebleken',
      ),
    ),
    entry('Deceased', labels('Deceased', 'Fallecido/a', 'Décédé(e)', 'Overleden')),
    entry('Other', other),
  ],
} as const satisfies Codelist;

/** Why a case was referred: HTCDS 2.0 `cas_ReasonForIncomingReferral` and `cas_ReasonForOutgoingReferral`. */
export const referralReasons = {
  id: 'referral-reason',
  labels: labels(
    'Reason for referral',
    'Motivo de la derivación',
    "Motif de l'orientation",
    'Reden van doorverwijzing',
  ),
  source: 'HTCDS 2.0 cas_ReasonForIncomingReferral, cas_ReasonForOutgoingReferral',
  entries: [
    entry(
      'AdditionalServicesRequired',
      labels(
        'Additional services required',
        'Se requieren servicios adicionales',
        'Services supplémentaires nécessaires',
        'Aanvullende diensten nodig',
      ),
      {
        htcds: 'AdditionalServicesRequired',
        htcdsLabel: 'Additional Services Required',
      },
    ),
    entry(
      'MigrationOrChangeOfLocation',
      labels(
        'Migration or change of location',
        'Migración o cambio de ubicación',
        'Migration ou changement de lieu',
        'Migratie of verhuizing',
      ),
      {
        htcds: 'MigrationOrChangeOfLocation',
        htcdsLabel: 'Migration Or Change Of Location',
      },
    ),
    entry('Other', other, { htcds: 'Other' }),
  ],
} as const satisfies Codelist;

/** What a person consented to. Coral checks these before any use or transfer of their data. */
export const consentPurposes = {
  id: 'consent-purpose',
  labels: labels(
    'Purpose of consent',
    'Finalidad del consentimiento',
    'Objet du consentement',
    'Doel van de toestemming',
  ),
  source: 'Coral (after HTCDS 2.0 con_Consent guidance)',
  entries: [
    entry(
      'Assistance',
      labels(
        'Interview, case management and assistance',
        'Entrevista, gestión del caso y asistencia',
        'Entretien, suivi du dossier et assistance',
        'Gesprek, casemanagement en hulp',
      ),
      {
        htcds: 'con_Consent',
        definition:
          'Consent to be interviewed and to have personal data recorded and used to provide assistance (HTCDS con_Consent).',
      },
    ),
    entry(
      'Referral',
      labels(
        'Referral to other organisations',
        'Derivación a otras organizaciones',
        "Orientation vers d'autres organisations",
        'Doorverwijzing naar andere organisaties',
      ),
    ),
    entry(
      'DataSharing',
      labels(
        'Sharing identified data with partners',
        'Compartir datos identificativos con socios',
        'Partage de données identifiantes avec des partenaires',
        'Delen van identificerende gegevens met partners',
      ),
    ),
    entry(
      'Statistics',
      labels(
        'Anonymous statistics and research',
        'Estadísticas e investigación anónimas',
        'Statistiques et recherche anonymes',
        'Anonieme statistiek en onderzoek',
      ),
    ),
    entry(
      'RecordLinkage',
      labels(
        'Cross-border matching without names',
        'Cotejo transfronterizo sin nombres',
        'Rapprochement transfrontalier sans noms',
        'Grensoverschrijdende koppeling zonder namen',
      ),
      {
        definition:
          'Consent to have an encoding of identifying data (never the data itself) compared with other countries’ records.',
      },
    ),
  ],
} as const satisfies Codelist;

/** State of a consent. */
export const consentStatuses = {
  id: 'consent-status',
  labels: labels('Consent', 'Consentimiento', 'Consentement', 'Toestemming'),
  source: 'Coral',
  entries: [
    entry('Given', labels('Given', 'Otorgado', 'Donné', 'Gegeven')),
    entry('Refused', labels('Refused', 'Denegado', 'Refusé', 'Geweigerd')),
    entry('Withdrawn', labels('Withdrawn', 'Retirado', 'Retiré', 'Ingetrokken')),
  ],
} as const satisfies Codelist;

/** Where the record came from: CTDC `Datasource`. */
export const dataSources = {
  id: 'data-source',
  labels: labels('Data source', 'Fuente de los datos', 'Source des données', 'Gegevensbron'),
  source: 'CTDC Datasource',
  entries: [
    entry(
      'CaseManagement',
      labels('Case management', 'Gestión de casos', 'Gestion de dossiers', 'Casemanagement'),
      { ctdc: 'Case Management' },
    ),
    entry('Hotline', labels('Hotline', 'Línea de ayuda', "Ligne d'assistance", 'Hulplijn'), {
      ctdc: 'Hotline',
    }),
    entry(
      'LawEnforcement',
      labels('Law enforcement records', 'Registros policiales', 'Dossiers de police', 'Politiegegevens'),
    ),
    entry('Other', other),
  ],
} as const satisfies Codelist;

/** Stages of a trafficking journey: HTCDS 2.0 `hte_Type` (historic trafficking events). */
export const traffickingEventTypes = {
  id: 'trafficking-event-type',
  labels: labels('Stage', 'Etapa', 'Étape', 'Fase'),
  source: 'HTCDS 2.0 hte_Type',
  entries: [
    entry('Recruitment', labels('Recruitment', 'Captación', 'Recrutement', 'Werving'), {
      htcds: 'Recruitment',
    }),
    entry('Transit', labels('Transit', 'Tránsito', 'Transit', 'Doorreis'), { htcds: 'Transit' }),
    entry('Exploitation', labels('Exploitation', 'Explotación', 'Exploitation', 'Uitbuiting'), {
      htcds: 'Exploitation',
    }),
  ],
} as const satisfies Codelist;

/** Kinds of support plan: HTCDS 2.0 `spl_Type`. */
export const supportTypes = {
  id: 'support-type',
  labels: labels('Type of support', 'Tipo de apoyo', "Type d'aide", 'Soort ondersteuning'),
  source: 'HTCDS 2.0 spl_Type',
  entries: [
    entry('Education', labels('Education', 'Educación', 'Éducation', 'Onderwijs'), { htcds: 'Education' }),
    entry('Financial', labels('Financial', 'Económico', 'Financière', 'Financieel'), { htcds: 'Financial' }),
    entry('Health', labels('Health', 'Salud', 'Santé', 'Gezondheid'), { htcds: 'Health' }),
    entry(
      'LabourExploitationRehabilitation',
      labels(
        'Rehabilitation after labour exploitation',
        'Rehabilitación tras explotación laboral',
        'Réadaptation après exploitation par le travail',
        'Herstel na arbeidsuitbuiting',
      ),
      { htcds: 'LabourExploitationRehabilitation', htcdsLabel: 'Labour Exploitation Rehabilitation' },
    ),
    entry('Legal', labels('Legal', 'Jurídico', 'Juridique', 'Juridisch'), { htcds: 'Legal' }),
    entry('Livelihood', labels('Livelihood', 'Medios de vida', "Moyens d'existence", 'Bestaansmiddelen'), {
      htcds: 'Livelihood',
    }),
    entry(
      'RightsBasedTraining',
      labels(
        'Rights-based training',
        'Formación en derechos',
        'Formation aux droits',
        'Training over rechten',
      ),
      {
        htcds: 'RightsBasedTraining',
        htcdsLabel: 'Rights-based Training',
      },
    ),
    entry(
      'SexualExploitationRehabilitation',
      labels(
        'Rehabilitation after sexual exploitation',
        'Rehabilitación tras explotación sexual',
        'Réadaptation après exploitation sexuelle',
        'Herstel na seksuele uitbuiting',
      ),
      { htcds: 'SexualExploitationRehabilitation', htcdsLabel: 'Sexual Exploitation Rehabilitation' },
    ),
    entry('SocialCare', labels('Social care', 'Atención social', 'Aide sociale', 'Sociale zorg'), {
      htcds: 'SocialCare',
      htcdsLabel: 'Social Care',
    }),
    entry(
      'Shelter',
      labels('Shelter and accommodation', 'Albergue y alojamiento', 'Hébergement', 'Opvang en huisvesting'),
    ),
    entry(
      'Repatriation',
      labels(
        'Return and reintegration',
        'Retorno y reintegración',
        'Retour et réintégration',
        'Terugkeer en re-integratie',
      ),
    ),
  ],
} as const satisfies Codelist;
