import type { Language } from '../languages.js';

/**
 * Every problem validation can report, with its message in each language. `{field}` is the field's
 * label in that language; other `{names}` are limits. Messages never repeat the value that was given:
 * it may be personal data.
 */
export const problemMessages = {
  required: {
    en: '{field}: this is required.',
    es: '{field}: este dato es obligatorio.',
    fr: '{field} : ce champ est obligatoire.',
    nl: '{field}: dit is verplicht.',
  },
  invalid_type: {
    en: '{field}: expected {expected}.',
    es: '{field}: se esperaba {expected}.',
    fr: '{field} : {expected} attendu.',
    nl: '{field}: verwacht {expected}.',
  },
  invalid_code: {
    en: '{field}: not one of the allowed values.',
    es: '{field}: no es uno de los valores permitidos.',
    fr: '{field} : ne fait pas partie des valeurs autorisées.',
    nl: '{field}: geen van de toegestane waarden.',
  },
  invalid_date: {
    en: '{field}: not a valid date (use YYYY-MM-DD).',
    es: '{field}: no es una fecha válida (use AAAA-MM-DD).',
    fr: '{field} : date non valide (utilisez AAAA-MM-JJ).',
    nl: '{field}: geen geldige datum (gebruik JJJJ-MM-DD).',
  },
  implausible_date: {
    en: '{field}: the date must fall between 1900 and 2100.',
    es: '{field}: la fecha debe estar entre 1900 y 2100.',
    fr: '{field} : la date doit être comprise entre 1900 et 2100.',
    nl: '{field}: de datum moet tussen 1900 en 2100 liggen.',
  },
  invalid_id: {
    en: '{field}: not a valid record id.',
    es: '{field}: no es un identificador de registro válido.',
    fr: '{field} : identifiant d’enregistrement non valide.',
    nl: '{field}: geen geldige record-id.',
  },
  empty: {
    en: '{field}: leave it out rather than empty.',
    es: '{field}: omítalo en lugar de dejarlo vacío.',
    fr: '{field} : omettez-le plutôt que de le laisser vide.',
    nl: '{field}: laat het weg in plaats van leeg.',
  },
  control_character: {
    en: '{field}: holds a NUL character, which text cannot contain; the file may be damaged.',
    es: '{field}: contiene un carácter NUL, que un texto no puede contener; el archivo puede estar dañado.',
    fr: '{field} : contient un caractère NUL, impossible dans un texte ; le fichier est peut-être endommagé.',
    nl: '{field}: bevat een NUL-teken, dat tekst niet kan bevatten; het bestand is mogelijk beschadigd.',
  },
  too_long: {
    en: '{field}: at most {maximum} characters.',
    es: '{field}: como máximo {maximum} caracteres.',
    fr: '{field} : {maximum} caractères au plus.',
    nl: '{field}: hoogstens {maximum} tekens.',
  },
  too_many: {
    en: '{field}: at most {maximum} entries.',
    es: '{field}: como máximo {maximum} elementos.',
    fr: '{field} : {maximum} éléments au plus.',
    nl: '{field}: hoogstens {maximum} items.',
  },
  too_small: {
    en: '{field}: must be at least {minimum}.',
    es: '{field}: debe ser al menos {minimum}.',
    fr: '{field} : doit être au moins {minimum}.',
    nl: '{field}: moet minstens {minimum} zijn.',
  },
  too_big: {
    en: '{field}: must be at most {maximum}.',
    es: '{field}: debe ser como máximo {maximum}.',
    fr: '{field} : doit être au plus {maximum}.',
    nl: '{field}: mag hoogstens {maximum} zijn.',
  },
  not_whole_number: {
    en: '{field}: must be a whole number.',
    es: '{field}: debe ser un número entero.',
    fr: '{field} : doit être un nombre entier.',
    nl: '{field}: moet een geheel getal zijn.',
  },
  duplicate: {
    en: '{field}: the same value is given twice.',
    es: '{field}: el mismo valor aparece dos veces.',
    fr: '{field} : la même valeur apparaît deux fois.',
    nl: '{field}: dezelfde waarde komt twee keer voor.',
  },
  unknown_field: {
    en: '{field}: not a field of the Coral standard.',
    es: '{field}: no es un campo de la norma Coral.',
    fr: '{field} : ne fait pas partie de la norme Coral.',
    nl: '{field}: geen veld van de Coral-standaard.',
  },
  not_an_object: {
    en: 'The record must be a JSON object.',
    es: 'El registro debe ser un objeto JSON.',
    fr: 'L’enregistrement doit être un objet JSON.',
    nl: 'Het record moet een JSON-object zijn.',
  },
  end_before_start: {
    en: '{field}: ends before it starts.',
    es: '{field}: termina antes de empezar.',
    fr: '{field} : se termine avant de commencer.',
    nl: '{field}: eindigt vóór het begint.',
  },
  year_mismatch: {
    en: '{field}: does not match the year of the date of identification.',
    es: '{field}: no coincide con el año de la fecha de identificación.',
    fr: "{field} : ne correspond pas à l'année de la date d'identification.",
    nl: '{field}: komt niet overeen met het jaar van de identificatiedatum.',
  },
  birth_after_event: {
    en: '{field}: the person cannot be born after being identified.',
    es: '{field}: la persona no puede nacer después de ser identificada.',
    fr: '{field} : la personne ne peut pas être née après son identification.',
    nl: '{field}: de persoon kan niet geboren zijn na de identificatie.',
  },
  age_band_mismatch: {
    en: '{field}: does not match the age at identification.',
    es: '{field}: no coincide con la edad en la identificación.',
    fr: "{field} : ne correspond pas à l'âge lors de l'identification.",
    nl: '{field}: komt niet overeen met de leeftijd bij identificatie.',
  },
  majority_mismatch: {
    en: '{field}: does not match the age (a minor is under 18).',
    es: '{field}: no coincide con la edad (menor es quien tiene menos de 18 años).',
    fr: "{field} : ne correspond pas à l'âge (un mineur a moins de 18 ans).",
    nl: '{field}: komt niet overeen met de leeftijd (minderjarig is jonger dan 18).',
  },
  minor: {
    en: 'This person was a child (under 18) when identified: apply child-protection procedures.',
    es: 'Esta persona era menor de 18 años al ser identificada: aplique los procedimientos de protección infantil.',
    fr: 'Cette personne était mineure (moins de 18 ans) lors de son identification : appliquez les procédures de protection de l’enfance.',
    nl: 'Deze persoon was bij identificatie een kind (jonger dan 18): pas de kinderbeschermingsprocedures toe.',
  },
  exploitation_required: {
    en: '{field}: give at least one form of exploitation for an identified victim.',
    es: '{field}: indique al menos una forma de explotación para una víctima identificada.',
    fr: "{field} : indiquez au moins une forme d'exploitation pour une victime identifiée.",
    nl: '{field}: geef minstens één vorm van uitbuiting op voor een geïdentificeerd slachtoffer.',
  },
  labour_without_forced_labour: {
    en: '{field}: a sector of forced labour is given, but forced labour is marked as absent.',
    es: '{field}: se indica un sector de trabajo forzoso, pero el trabajo forzoso consta como ausente.',
    fr: '{field} : un secteur de travail forcé est indiqué, mais le travail forcé est noté comme absent.',
    nl: '{field}: er is een sector van dwangarbeid opgegeven, maar dwangarbeid is als afwezig gemarkeerd.',
  },
  scope_mismatch: {
    en: '{field}: recruitment and exploitation happened in different countries, so this is transnational.',
    es: '{field}: la captación y la explotación ocurrieron en países distintos, por lo que es transnacional.',
    fr: '{field} : le recrutement et l’exploitation ont eu lieu dans des pays différents : c’est transnational.',
    nl: '{field}: werving en uitbuiting vonden in verschillende landen plaats, dus dit is grensoverschrijdend.',
  },
  closure_reason_missing: {
    en: '{field}: say why the case was closed.',
    es: '{field}: indique por qué se cerró el caso.',
    fr: '{field} : indiquez pourquoi le dossier a été clos.',
    nl: '{field}: geef aan waarom de zaak is gesloten.',
  },
  groups_total_mismatch: {
    en: '{field}: the groups add up to {sum}, not the total of {total}.',
    es: '{field}: los grupos suman {sum}, no el total de {total}.',
    fr: '{field} : les groupes totalisent {sum}, et non {total}.',
    nl: '{field}: de groepen tellen op tot {sum}, niet tot het totaal van {total}.',
  },
  exceeds_children: {
    en: '{field}: more than the {children} children counted.',
    es: '{field}: más que los {children} niños contados.',
    fr: '{field} : plus que les {children} enfants comptés.',
    nl: '{field}: meer dan de {children} getelde kinderen.',
  },
  vessel_without_sea: {
    en: '{field}: a vessel is given, but the journey was not by sea.',
    es: '{field}: se indica una embarcación, pero el viaje no fue por mar.',
    fr: '{field} : une embarcation est indiquée, mais le voyage n’était pas par mer.',
    nl: '{field}: er is een vaartuig opgegeven, maar de reis ging niet over zee.',
  },
  currency_required: {
    en: '{field}: give the currency of the amount.',
    es: '{field}: indique la moneda del importe.',
    fr: '{field} : indiquez la devise du montant.',
    nl: '{field}: geef de valuta van het bedrag op.',
  },
  screen_for_trafficking: {
    en: '{field}: there are signs of trafficking; screen the people concerned and link their trafficking cases.',
    es: '{field}: hay indicios de trata; evalúe a las personas y vincule sus casos de trata.',
    fr: '{field} : il y a des indices de traite ; examinez les personnes concernées et liez leurs dossiers de traite.',
    nl: '{field}: er zijn aanwijzingen voor mensenhandel; screen de betrokkenen en koppel hun mensenhandelzaken.',
  },
  date_order: {
    en: '{field}: comes before an earlier stage of the proceeding.',
    es: '{field}: es anterior a una etapa previa del procedimiento.',
    fr: '{field} : précède une étape antérieure de la procédure.',
    nl: '{field}: ligt vóór een eerdere fase van de zaak.',
  },
  sentence_without_conviction: {
    en: '{field}: a sentence needs a conviction.',
    es: '{field}: una pena requiere una condena.',
    fr: '{field} : une peine suppose une condamnation.',
    nl: '{field}: een straf vereist een veroordeling.',
  },
  unknown_link: {
    en: '{field}: no such record in your organisation.',
    es: '{field}: no existe ese registro en su organización.',
    fr: '{field} : aucun enregistrement de ce type dans votre organisation.',
    nl: '{field}: zo’n record bestaat niet in uw organisatie.',
  },
  decision_required: {
    en: '{field}: a proceeding at this stage has a court decision; record it.',
    es: '{field}: un procedimiento en esta etapa tiene una decisión judicial; regístrela.',
    fr: '{field} : une procédure à cette étape comporte une décision ; enregistrez-la.',
    nl: '{field}: een zaak in deze fase heeft een rechterlijke beslissing; leg die vast.',
  },
  invalid_json: {
    en: '{field}: expected a list written as JSON, like [{"documentType": "Passport"}].',
    es: '{field}: se esperaba una lista escrita en JSON, como [{"documentType": "Passport"}].',
    fr: '{field} : une liste écrite en JSON est attendue, comme [{"documentType": "Passport"}].',
    nl: '{field}: verwacht een lijst in JSON, zoals [{"documentType": "Passport"}].',
  },
  duplicate_in_file: {
    en: '{field}: the same value as row {row}; one record cannot come twice in a file.',
    es: '{field}: el mismo valor que la fila {row}; un registro no puede venir dos veces en un archivo.',
    fr: '{field} : même valeur qu’à la ligne {row} ; un enregistrement ne peut figurer deux fois dans un fichier.',
    nl: '{field}: dezelfde waarde als rij {row}; een record kan niet twee keer in een bestand staan.',
  },
  unknown_column: {
    en: 'Column "{column}" is not part of the standard or the mapping; it is ignored.',
    es: 'La columna "{column}" no forma parte del estándar ni de la correspondencia; se ignora.',
    fr: 'La colonne « {column} » ne fait partie ni du standard ni de la correspondance ; elle est ignorée.',
    nl: 'Kolom "{column}" hoort niet bij de standaard of de koppeling; ze wordt genegeerd.',
  },
  missing_column: {
    en: 'The mapping names column "{column}", which this file does not have.',
    es: 'La correspondencia nombra la columna "{column}", que este archivo no tiene.',
    fr: 'La correspondance nomme la colonne « {column} », absente de ce fichier.',
    nl: 'De koppeling noemt kolom "{column}", die dit bestand niet heeft.',
  },
  invalid_record: {
    en: 'This line is not a JSON object of the standard.',
    es: 'Esta línea no es un objeto JSON del estándar.',
    fr: 'Cette ligne n’est pas un objet JSON du standard.',
    nl: 'Deze regel is geen JSON-object van de standaard.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type ProblemCode = keyof typeof problemMessages;

/** The words for expected types, in each language. */
export const typeNames: Record<string, Record<Language, string>> = {
  string: { en: 'text', es: 'texto', fr: 'du texte', nl: 'tekst' },
  number: { en: 'a number', es: 'un número', fr: 'un nombre', nl: 'een getal' },
  boolean: {
    en: 'yes or no (true or false)',
    es: 'sí o no (true o false)',
    fr: 'oui ou non (true ou false)',
    nl: 'ja of nee (true of false)',
  },
  array: { en: 'a list', es: 'una lista', fr: 'une liste', nl: 'een lijst' },
  object: {
    en: 'a group of fields (an object)',
    es: 'un grupo de campos (un objeto)',
    fr: 'un groupe de champs (un objet)',
    nl: 'een groep velden (een object)',
  },
};

/** Fills a message template. */
export function formatMessage(
  code: ProblemCode,
  language: Language,
  values: Record<string, string | number>,
): string {
  return problemMessages[code][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    String(values[name] ?? whole),
  );
}
